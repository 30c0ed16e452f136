"""Privacy: reading the whole site and finishing the quiz leaves no trace.

Secure Base promises that the browser asks no other host for anything and
that nothing is stored on the reader's device unless they ask (the quiz's
"remember my answers" box, which this test leaves unticked).
"""

from __future__ import annotations

from conftest import MISSING, built_pages, show_quiz_result

QUIZ = "quiz/attachment-style/"

STORED = """async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map(db => db.name),
    caches: await caches.keys(),
    cookie: document.cookie,
})"""


def test_reading_every_page_and_taking_the_quiz_stores_nothing(site_dir, server, make_page):
    page = make_page(color_scheme="dark", viewport={"width": 1280, "height": 900})
    origin = server.split("/secure-base/")[0] + "/"
    elsewhere: list[str] = []
    page.context.on("request", lambda request: None if request.url.startswith((origin, "data:", "blob:")) else elsewhere.append(request.url))
    seen = []
    for path in [*built_pages(site_dir), MISSING]:
        page.goto(server + path, wait_until="load")
        seen.append(page.evaluate(STORED))

    # What a reader does besides reading: switch the colour scheme, search, take the quiz.
    page.goto(server, wait_until="load")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("secure", delay=20)
    page.wait_for_selector(".md-search-result__link", timeout=10_000)
    page.goto(server + QUIZ, wait_until="load")
    show_quiz_result(page)
    page.wait_for_load_state("networkidle")
    seen.append(page.evaluate(STORED))

    assert not elsewhere, f"the browser asked other hosts: {elsewhere}"
    empty = {"localStorage": [], "sessionStorage": [], "indexedDB": [], "caches": [], "cookie": ""}
    left = [s for s in seen if s != empty]
    assert not left, f"the site stored something in the browser: {left[0]}"
    assert page.context.cookies() == [], f"cookies were set: {page.context.cookies()}"
