"""Keyboard: everything a reader does with a mouse works from the keyboard,
and they can always see where they are.

The quiz's own keyboard walk-through (answer every question, submit, change
an answer) is in test_quiz_browser.py; here the quiz page is one of the pages
whose every stop must show focus.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import search_for, use_local_sitemap

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

# What the focused element looks like: its own outline or shadow, and where it sits.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0 && style.opacity !== "0" && style.visibility === "visible";
    // An invisible control (Material's colour-scheme radio) shows its focus on its
    // visible neighbour, so judge the area of its parent instead.
    const area = shown ? box : el.parentElement.getBoundingClientRect();
    const name = el.getAttribute("aria-label") || el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40);
    return {
        what: `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""}> "${name}"`,
        marked: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
        area: {x: area.x, y: area.y, width: area.width, height: area.height},
        inView: area.width > 0 && area.height > 0 && area.bottom > 0 && area.right > 0
            && area.top < innerHeight && area.left < innerWidth,
    };
}"""


@pytest.fixture()
def open_page(make_page, server, site_dir):
    """A page whose links (the skip link too) behave as on the published site."""

    def _open(path: str, viewport: dict = DESKTOP, **context_options):
        page = make_page(viewport=viewport, **context_options)
        use_local_sitemap(page, site_dir, server)
        page.goto(server + path)
        page.wait_for_load_state("networkidle")  # the sitemap has arrived
        return page

    return _open


def focus_problem(page) -> tuple[str, str | None]:
    """Describe the focused element, and say what is wrong with its focus indicator, if anything."""
    focused = page.evaluate(FOCUSED)
    if focused is None:
        return "<body>", None
    what = focused["what"]
    if not focused["inView"]:
        return what, "has focus but cannot be seen (no size, or outside the window)"
    if focused["marked"]:
        return what, None
    # No outline or shadow: the element must look different when focused (a
    # background or colour change counts), so compare it with and without focus.
    area = focused["area"]
    pad = 4
    clip = {
        "x": max(0, area["x"] - pad),
        "y": max(0, area["y"] - pad),
        "width": area["width"] + 2 * pad,
        "height": area["height"] + 2 * pad,
    }
    page.wait_for_timeout(300)  # let Material's colour transitions finish
    with_focus = page.screenshot(clip=clip, animations="disabled")
    element = page.evaluate_handle("document.activeElement")
    element.evaluate("el => el.blur()")
    page.wait_for_timeout(300)
    without_focus = page.screenshot(clip=clip, animations="disabled")
    element.evaluate("el => el.focus()")  # give it back, so Tab and Enter carry on from here
    if with_focus == without_focus:
        return what, "looks the same with and without focus (no visible focus indicator)"
    return what, None


def tab_through(page, limit: int = 400) -> list[tuple[str, str | None]]:
    """Press Tab until focus leaves the page or comes back round; report every stop."""
    stops: list[tuple[str, str | None]] = []
    first_handle = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        if first_handle is not None and page.evaluate("([a, b]) => a === b", [handle, first_handle]):
            break
        first_handle = first_handle or handle
        what, problem = focus_problem(page)
        if what == "<body>":
            break
        stops.append((what, problem))
    else:
        pytest.fail(f"{page.url}: {limit} presses of Tab never came back round — is focus trapped?")
    return stops


@pytest.mark.parametrize("path", ["", "styles/secure/", "quiz/attachment-style/", "no-such-page/"])
def test_skip_link_comes_first_and_moves_focus_to_the_content(open_page, path):
    page = open_page(path)
    page.keyboard.press("Tab")
    skip = page.locator("a.sb-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    main = page.locator("#sb-main")
    expect(main).to_be_focused()
    expect(main).to_be_in_viewport()
    # The next Tab carries on from the content, not from the top of the page.
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('.md-content')")
    assert inside, f"{page.url}: after the skip link, Tab went to {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}"


@pytest.mark.parametrize(
    "path, viewport",
    [
        ("", DESKTOP),
        ("styles/secure/", DESKTOP),
        ("quiz/attachment-style/", DESKTOP),
        ("no-such-page/", DESKTOP),
        ("styles/anxious/", PHONE),
        ("quiz/attachment-style/", PHONE),
    ],
    ids=["home", "article", "quiz", "404", "article-phone", "quiz-phone"],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_focus_stop_is_visible(open_page, path, viewport, scheme):
    page = open_page(path, viewport, color_scheme=scheme)
    stops = tab_through(page)
    assert len(stops) > 5, f"{page.url}: only {len(stops)} things can be reached with Tab"
    bad = [f"{page.url} · {scheme} · {viewport['width']}px · {what}: {problem}" for what, problem in stops if problem]
    assert not bad, f"{len(bad)} of {len(stops)} focus stops have no visible focus:\n" + "\n".join(bad)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_toggle_works_from_the_keyboard(open_page, scheme):
    page = open_page("", color_scheme=scheme)
    shown, other = ("default", "slate") if scheme == "light" else ("slate", "default")
    names = {"default": "Switch to dark mode", "slate": "Switch to light mode"}
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", shown)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "__palette":
            break
    else:
        pytest.fail("Tab never reached the colour-scheme toggle")
    # The focused option names what it will do, and its focus ring is on the visible button.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == names[shown]
    assert focus_problem(page)[1] is None, "the focused colour-scheme toggle shows no focus"
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", other)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == names[other]
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", shown)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_works_from_the_keyboard(open_page, viewport):
    page = open_page("help/", viewport)
    # A keyboard user tabs to the search box (on a phone, to the button that opens it).
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input, label[for=__search]')"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    if page.evaluate("document.activeElement.tagName") == "LABEL":
        page.keyboard.press("Enter")
    expect(page.locator("input.md-search__input")).to_be_focused()
    result = search_for(page, "avoidant")
    page.keyboard.press("ArrowDown")  # Material moves focus into the results
    expect(result).to_be_focused()
    href = result.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href.split("#")[0].lstrip("./")) + "(#.*)?$"))
    expect(page.locator(".sb-header h1")).to_be_visible()


def test_help_link_is_the_second_stop_on_every_kind_of_page(open_page, server):
    page = open_page("")
    for path in ["", "styles/avoidant/", "quiz/attachment-style/", "no-such-page/"]:
        page.goto(server + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Need help now?", server + path
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/secure-base/help/$"))
