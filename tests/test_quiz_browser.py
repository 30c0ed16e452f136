"""The quiz in the real Chromium: mouse, keyboard, scoring, sharing, privacy, small screens.

Every page comes from conftest's make_page, so any request off the local server
fails the test.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import quiz_data
from conftest import use_local_sitemap

ROOT = Path(__file__).resolve().parent.parent
QUIZ = "quiz/attachment-style/"
STORE_KEY = "sb-quiz:attachment-style"
DESKTOP = {"width": 1280, "height": 900}
REGIONS = {"secure": (2, 2), "anxious": (6, 2), "avoidant": (2, 6), "fearful": (6, 6)}


@pytest.fixture(scope="module")
def quiz():
    schema = quiz_data.load_schema(ROOT / "docs/quiz/quiz.schema.json")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    return quiz_data.load_quiz(ROOT / "docs/quiz/attachment-style.yml", schema, pages | {"quiz/attachment-style.md"})


@pytest.fixture()
def desktop(make_page):
    return make_page(viewport=DESKTOP)


@pytest.fixture()
def instant_page(make_page, server, site_dir):
    """A page on which Material's instant navigation works as on the published site."""
    page = make_page(viewport=DESKTOP)
    use_local_sitemap(page, site_dir, server)
    return page


def open_quiz(page, server, fragment: str = "") -> None:
    page.goto(server + QUIZ + fragment, wait_until="domcontentloaded")
    page.wait_for_selector("[data-sb-ready]", state="attached")


def answers_for(quiz, anxiety: int, avoidance: int) -> dict[str, int]:
    """Answers agreeing `anxiety`/`avoidance` with what each item measures."""
    agree = {"anxiety": anxiety, "avoidance": avoidance}
    return {i["id"]: 8 - agree[i["dimension"]] if i.get("reverse") else agree[i["dimension"]] for i in quiz["items"]}


def click_answers(page, answers: dict[str, int]) -> None:
    for item_id, value in answers.items():
        page.locator(f'#q-{item_id} label:has(input[value="{value}"]) .sb-quiz__v').click()


def mouse_answers(page, answers: dict[str, int]) -> None:
    """Real mouse clicks on each answer's label, fast: the window is made tall enough that nothing scrolls."""
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": DESKTOP["width"], "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    spots = page.evaluate(
        """answers => Object.entries(answers).map(([id, value]) => {
            const r = document.querySelector(`#q-${id} input[value="${value}"]`).closest('label')
                .querySelector('.sb-quiz__v').getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2];
        })""",
        answers,
    )
    for x, y in spots:
        page.mouse.click(x, y)
    page.set_viewport_size(DESKTOP)


def set_answers_by_script(page, answers: dict[str, int]) -> None:
    """Click each radio from inside the page: real click and change events, much faster than the mouse."""
    page.evaluate(
        """answers => { for (const [id, value] of Object.entries(answers))
                document.querySelector(`input[name="${id}"][value="${value}"]`).click(); }""",
        answers,
    )


def shown_scores(page, quiz) -> dict[str, float]:
    return {d["id"]: float(page.text_content(f'[data-sb-score="{d["id"]}"]')) for d in quiz["dimensions"]}


def shown_pattern(page) -> str:
    visible = page.eval_on_selector_all("[data-sb-pattern]", "els => els.filter(e => !e.hidden).map(e => e.dataset.sbPattern)")
    assert len(visible) == 1
    return visible[0]


def expected_boundary(quiz, scores) -> str:
    names = {p["id"]: p["name"].lower() for p in quiz["patterns"]}
    here = quiz_data.nearest_pattern(quiz, scores)["id"]
    near = quiz_data.near_lines(quiz, scores)
    if not near:
        return f"well inside the {names[here]} region"
    if len(near) == 2:
        return "near the middle of the map"
    flipped = dict(scores)
    cutoff = next(d["cutoff"] for d in quiz["dimensions"] if d["id"] == near[0])
    flipped[near[0]] = cutoff + 1 if scores[near[0]] <= cutoff else cutoff - 1
    other = quiz_data.nearest_pattern(quiz, flipped)["id"]
    return f"near the line between {names[here]} and {names[other]}"


def check_result(page, quiz, answers) -> None:
    scores = quiz_data.score(quiz, answers)
    assert shown_scores(page, quiz) == scores
    assert shown_pattern(page) == quiz_data.nearest_pattern(quiz, scores)["id"]
    assert expected_boundary(quiz, scores) in page.text_content("[data-sb-boundary]")


def answered(page) -> int:
    """How many of the quiz's questions have an answer ticked."""
    return page.eval_on_selector_all("[data-sb-form] input[type=radio]:checked", "els => els.length")


def reopen(page) -> None:
    page.reload()
    page.wait_for_selector("[data-sb-ready]", state="attached")


def active(page, script: str = "el => el && el.outerHTML"):
    return page.evaluate(f"({script})(document.activeElement)")


# --- reaching the quiz, and instant navigation ---------------------------------------------


def test_reach_the_quiz_from_home_through_the_nav_without_reload(instant_page, server, quiz):
    page = instant_page
    page.goto(server)
    page.wait_for_load_state("networkidle")  # the sitemap is in
    page.evaluate("window.sbStillHere = true")
    page.locator('nav.md-nav--primary a[href$="quiz/attachment-style/"]').first.click()
    page.wait_for_selector("[data-sb-ready]", state="attached")
    assert page.url == server + QUIZ
    assert page.evaluate("window.sbStillHere") is True, "expected instant navigation, got a full page load"

    answers = answers_for(quiz, 6, 2)
    mouse_answers(page, answers)
    page.click("button[type=submit]")
    check_result(page, quiz, answers)

    # Away and back again: the re-run script must set up the new page once.
    page.locator('nav.md-nav--primary a[href$="quiz/method/"]').first.click()
    page.wait_for_selector("h1:has-text('How the quiz works')")
    page.locator('a[href$="quiz/attachment-style/"]').first.click()
    page.wait_for_selector("[data-sb-ready]", state="attached")
    assert page.evaluate("window.sbStillHere") is True
    assert page.text_content("[data-sb-progress]") == "0 of 24 answered"
    click_answers(page, {"anx01": 5})
    assert page.text_content("[data-sb-progress]") == "1 of 24 answered"
    answers = answers_for(quiz, 2, 6)
    set_answers_by_script(page, answers)
    page.click("button[type=submit]")
    check_result(page, quiz, answers)


# --- completing the quiz ------------------------------------------------------------------


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_complete_with_the_mouse(desktop, server, quiz, region):
    page = desktop
    open_quiz(page, server)
    answers = answers_for(quiz, *REGIONS[region])
    mouse_answers(page, answers)
    assert page.text_content("[data-sb-progress]") == f"{len(answers)} of {len(answers)} answered"
    page.click("button[type=submit]")
    assert active(page, "el => el.id") == "sb-quiz-result-title"
    check_result(page, quiz, answers)
    assert shown_pattern(page) == region
    name = next(p["name"] for p in quiz["patterns"] if p["id"] == region)
    page.wait_for_function("document.querySelector('[data-sb-live]').textContent.includes('Nearest pattern')")
    assert f"Nearest pattern: {name.lower()}." in page.text_content("[data-sb-live]")
    assert "well inside" in page.text_content("[data-sb-boundary]")
    assert "not a diagnosis" in page.inner_text("[data-sb-result]")
    assert page.locator("[data-sb-result] a[href$='help/']").is_visible()
    point = page.eval_on_selector("[data-sb-point]", "c => [c.getAttribute('cx'), c.getAttribute('cy')].map(Number)")
    region_box = page.eval_on_selector(
        f'[data-sb-region="{region}"]', "r => ['x', 'y', 'width', 'height'].map(a => Number(r.getAttribute(a)))"
    )
    x, y, w, h = region_box
    assert x < point[0] < x + w and y < point[1] < y + h, "the point is drawn in its region"
    assert f"It is in the {name.lower()} region of the map." in page.text_content("[data-sb-map-text]")


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_complete_with_the_keyboard_only(desktop, server, quiz, region):
    page = desktop
    open_quiz(page, server)
    answers = answers_for(quiz, *REGIONS[region])
    first = quiz["items"][0]["id"]
    for _ in range(150):
        page.keyboard.press("Tab")
        if active(page, "el => el.name") == first:
            break
    else:
        pytest.fail("Tab never reached the first question")
    assert active(page, "el => getComputedStyle(el).outlineStyle") != "none", "keyboard focus must be visible"
    for item in quiz["items"]:
        assert active(page, "el => el.name") == item["id"]
        page.keyboard.press("Space")
        for _ in range(answers[item["id"]] - 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    for _ in range(10):
        if active(page, "el => el.type") == "submit":
            break
        page.keyboard.press("Tab")
    assert active(page, "el => el.textContent.trim()") == "Show my result"
    page.keyboard.press("Enter")
    assert active(page, "el => el.id") == "sb-quiz-result-title"
    check_result(page, quiz, answers)
    assert shown_pattern(page) == region


def test_random_answer_sets_score_like_the_reference(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    rng = random.Random(20261128)
    set_answers_by_script(page, {i["id"]: 4 for i in quiz["items"]})
    page.click("button[type=submit]")
    seen = set()
    for _ in range(60):
        # Each set leans somewhere on the map, with noise, so every region gets visited.
        lean = {"anxiety": rng.randint(1, 7), "avoidance": rng.randint(1, 7)}
        answers = {}
        for item in quiz["items"]:
            agree = min(7, max(1, lean[item["dimension"]] + rng.randint(-2, 2)))
            answers[item["id"]] = 8 - agree if item.get("reverse") else agree
        set_answers_by_script(page, answers)
        check_result(page, quiz, answers)
        seen.add(shown_pattern(page))
    assert seen == set(REGIONS)


def test_changing_an_answer_updates_the_result(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    answers = answers_for(quiz, 2, 2)
    set_answers_by_script(page, answers)
    page.click("button[type=submit]")
    before = shown_scores(page, quiz)
    answers["anx01"] = 7
    click_answers(page, {"anx01": 7})
    check_result(page, quiz, answers)
    assert shown_scores(page, quiz) != before
    page.wait_for_function("document.querySelector('[data-sb-live]').textContent.startsWith('Result updated')")


def test_unanswered_questions_are_listed_with_links_that_move_focus(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    skipped = [quiz["items"][n]["id"] for n in (2, 9, 23)]
    answers = answers_for(quiz, 6, 6)
    set_answers_by_script(page, {k: v for k, v in answers.items() if k not in skipped})
    assert page.text_content("[data-sb-progress]") == "21 of 24 answered"
    page.click("button[type=submit]")
    assert page.is_hidden("[data-sb-result]")
    assert page.is_visible("[data-sb-errors]")
    assert active(page, "el => el.id") == "sb-quiz-errors-title"
    links = page.locator("[data-sb-error-list] a")
    assert links.count() == 3
    assert [links.nth(n).get_attribute("href") for n in range(3)] == [f"#q-{i}" for i in skipped]
    assert links.nth(0).text_content().startswith("3. ")
    page.wait_for_function("document.querySelector('[data-sb-live]').textContent === '3 questions are not answered yet.'")
    links.nth(1).click()
    assert active(page, "el => el.name") == skipped[1]
    assert "sb-quiz__item--error" in page.get_attribute(f"#q-{skipped[2]}", "class")

    click_answers(page, {skipped[0]: answers[skipped[0]], skipped[1]: answers[skipped[1]]})
    assert page.locator("[data-sb-error-list] a").count() == 1
    click_answers(page, {skipped[2]: answers[skipped[2]]})
    assert page.is_hidden("[data-sb-errors]")
    page.click("button[type=submit]")
    check_result(page, quiz, answers)


# --- sharing --------------------------------------------------------------------------------


def test_share_link_holds_only_the_scores_and_opens_the_result(make_page, server, quiz):
    page = make_page(viewport=DESKTOP)
    open_quiz(page, server)
    answers = answers_for(quiz, 6, 2)
    answers["anx01"] = 3
    set_answers_by_script(page, answers)
    page.click("button[type=submit]")
    link = page.input_value("[data-sb-share]")
    scores = quiz_data.score(quiz, answers)
    assert link == f"{server}{QUIZ}#anxiety={scores['anxiety']:.2f}&avoidance={scores['avoidance']:.2f}"

    other = make_page(viewport=DESKTOP)
    other.goto(link)
    other.wait_for_selector("[data-sb-ready]", state="attached")
    assert other.is_visible("[data-sb-result]") and other.is_visible("[data-sb-shared]")
    assert shown_scores(other, quiz) == scores
    assert shown_pattern(other) == "anxious"
    assert answered(other) == 0
    assert active(other, "el => el.id") == "sb-quiz-result-title"
    assert other.is_hidden("[data-sb-notice]")


HOSTILE = [
    "#a=<img src=x onerror=alert(1)>&v=9",
    "#anxiety=<script>alert(1)</script>&avoidance=2",
    "#anxiety=abc&avoidance=2.00",        # not a number
    "#anxiety=9&avoidance=2",             # above the scale
    "#anxiety=4.125&avoidance=2",         # more precision than a share link has
    "#anxiety=4&anxiety=4",               # a dimension twice
    "#anxiety=4&avoidance=2&extra=1",     # something else along
]


def _assert_ignored(page, fragment: str) -> None:
    assert page.is_hidden("[data-sb-result]"), fragment
    notice = page.text_content("[data-sb-notice]")
    assert page.is_visible("[data-sb-notice]") and "so it was ignored" in notice, fragment
    assert "<" not in notice and "alert" not in notice
    assert page.locator(".sb-quiz img, .sb-quiz script:not([src])").count() == 0, fragment
    assert page.eval_on_selector_all("[data-sb-score]", "els => els.map(e => e.textContent)") == ["–", "–"]


def test_hostile_or_malformed_fragments_are_ignored(desktop, server):
    page = desktop
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for fragment in HOSTILE[:2]:  # opened as a link
        page.goto("about:blank")
        open_quiz(page, server, fragment)
        _assert_ignored(page, fragment)
    for fragment in HOSTILE[2:]:  # pasted while the quiz is open
        page.evaluate("document.querySelector('[data-sb-notice]').hidden = true")
        page.evaluate("fragment => { location.hash = fragment; }", fragment)
        page.wait_for_selector("[data-sb-notice]", state="visible")
        _assert_ignored(page, fragment)
    assert dialogs == []
    page.evaluate("document.querySelector('[data-sb-notice]').hidden = true")
    page.evaluate("location.hash = '#how-to-answer'")
    page.evaluate("location.hash = '#anxiety=2.00&avoidance=6.50'")
    page.wait_for_selector("[data-sb-result]", state="visible")
    assert page.is_hidden("[data-sb-notice]"), "an ordinary anchor is not a share link"
    assert page.text_content('[data-sb-score="avoidance"]') == "6.50"


# --- privacy --------------------------------------------------------------------------------


def storage(page) -> dict:
    return page.evaluate(
        """() => ({
            local: Object.keys(localStorage),
            session: Object.keys(sessionStorage),
            cookie: document.cookie,
        })"""
    )


def test_nothing_is_stored_after_finishing(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    set_answers_by_script(page, answers_for(quiz, 2, 6))
    page.click("button[type=submit]")
    page.click("[data-sb-copy]")
    reopen(page)
    stored = storage(page)
    assert stored["local"] == [] and stored["session"] == [] and stored["cookie"] == ""
    assert page.context.cookies() == []
    assert answered(page) == 0


def test_remember_is_opt_in_and_forget_removes_the_answers(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    assert page.is_hidden("[data-sb-forget]")
    answers = answers_for(quiz, 6, 6)
    set_answers_by_script(page, answers)
    page.check("[data-sb-remember]")
    assert page.is_visible("[data-sb-forget]")
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')")) == answers
    assert storage(page)["session"] == [] and page.context.cookies() == []

    reopen(page)
    assert page.is_checked("[data-sb-remember]")
    assert "saved answers were loaded" in page.text_content("[data-sb-notice]")
    check_result(page, quiz, answers)

    page.click("[data-sb-forget]")
    assert page.evaluate(f"localStorage.getItem('{STORE_KEY}')") is None
    assert not page.is_checked("[data-sb-remember]") and page.is_hidden("[data-sb-forget]")
    assert storage(page)["local"] == []
    reopen(page)
    assert answered(page) == 0


def test_start_again_clears_everything(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    set_answers_by_script(page, answers_for(quiz, 2, 2))
    page.check("[data-sb-remember]")
    page.click("button[type=submit]")
    page.click("[data-sb-reset]")
    assert answered(page) == 0
    assert page.is_hidden("[data-sb-result]")
    assert page.text_content("[data-sb-progress]") == "0 of 24 answered"
    assert storage(page)["local"] == [] and not page.is_checked("[data-sb-remember]")
    assert active(page, "el => el.name") == quiz["items"][0]["id"]


# --- small screens and colour schemes ---------------------------------------------------------


def test_comfortable_on_a_360px_screen(make_page, server, quiz):
    page = make_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    open_quiz(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    boxes = page.eval_on_selector_all(".sb-quiz__opt", "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])")
    assert min(w for w, _ in boxes) >= 24 and min(h for _, h in boxes) >= 24, "touch targets at least 24 px"
    answers = answers_for(quiz, 6, 6)
    ids = list(answers)
    set_answers_by_script(page, {k: answers[k] for k in ids[:-6]})
    for item_id in ids[-6:]:  # enough taps to show the answers work by touch
        page.locator(f'#q-{item_id} input[value="{answers[item_id]}"]').tap()
    page.locator("button[type=submit]").tap()
    check_result(page, quiz, answers)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    svg = page.eval_on_selector(".sb-quiz__map svg", "s => s.getBoundingClientRect().right")
    assert svg <= 360


def _contrast(page, selector: str) -> float:
    return page.eval_on_selector(
        selector,
        """el => {
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const mix = (fg, bg) => fg.length > 3 && fg[3] < 1 ? [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3])) : fg.slice(0, 3);
            let node = el, bg = null;
            while (node && node.nodeType === 1) {
                const c = rgb(getComputedStyle(node).backgroundColor);
                if (c.length < 4 || c[3] > 0) { bg = c.slice(0, 3); break; }
                node = node.parentElement;
            }
            bg = bg || [255, 255, 255];
            const fg = mix(rgb(getComputedStyle(el).color), bg);
            const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }""",
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_aa_in_both_schemes(make_page, server, quiz, scheme):
    page = make_page(viewport=DESKTOP, color_scheme=scheme)
    open_quiz(page, server)
    set_answers_by_script(page, answers_for(quiz, 6, 2))
    page.click("button[type=submit]")
    for selector in (".sb-quiz__item legend", ".sb-quiz__lab", "[data-sb-progress]", ".sb-quiz__private",
                     ".sb-quiz__caveat", "[data-sb-boundary]", "[data-sb-pattern='anxious'] p",
                     "[data-sb-pattern='anxious'] a", "[data-sb-reset]", ".sb-quiz__guide li"):
        ratio = _contrast(page, selector)
        assert ratio >= 4.5, f"{selector}: contrast {ratio:.2f} in the {scheme} scheme"


def test_print_result_prints_the_result_without_the_questions(desktop, server, quiz):
    page = desktop
    open_quiz(page, server)
    set_answers_by_script(page, answers_for(quiz, 5, 2))
    page.click("button[type=submit]")
    page.evaluate("window.print = () => {}")  # no print dialog in a test; the page stays in print mode
    page.click("[data-sb-print]")
    page.emulate_media(media="print")
    assert page.locator("[data-sb-result]").is_visible()
    assert not page.locator("[data-sb-form]").is_visible()
    assert not page.locator(".sb-quiz__guide").is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("[data-sb-form]").is_visible()  # printing from the menu still gives the paper form
