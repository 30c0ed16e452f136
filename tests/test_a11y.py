"""Accessibility: axe-core on every built page, in both colour schemes, at
desktop and phone widths, and on the quiz once a result is shown.

axe-core comes from npm (tests/package.json, installed by `./dev test` with
`npm ci`) and is injected from disk, so the check never leaves the machine.
Any violation of any impact fails, listed one line each as
"page URL · scheme · width · rule id · target selectors".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MISSING, built_pages, show_quiz_result

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
QUIZ = "quiz/attachment-style/"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Rules switched off, each with the reason. Keep this empty unless a rule
# cannot apply to this site; never to hide a finding that can be fixed.
DISABLED_RULES: dict[str, str] = {}

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's scheme
WIDTHS = {"desktop": 1280, "phone": 360}


def axe_violations(page, where: str) -> list[str]:
    """Run axe on the page as it stands; one line per rule with its targets."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """([tags, disabled]) => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            rules: Object.fromEntries(disabled.map(id => [id, {enabled: false}])),
            resultTypes: ["violations"],
        })""",
        [TAGS, list(DISABLED_RULES)],
    )
    lines = []
    for rule in result["violations"]:
        targets = ", ".join(" ".join(node["target"]) for node in rule["nodes"][:6])
        more = f" (+{len(rule['nodes']) - 6} more)" if len(rule["nodes"]) > 6 else ""
        first = rule["nodes"][0].get("failureSummary", "").replace("\n", " ")
        lines.append(f"{where} · {rule['id']} ({rule['impact']}) · {targets}{more}\n      {first[:300]}")
    return lines


@pytest.fixture(scope="module")
def axe_ready() -> Path:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `./dev test`, or `npm ci` in tests/.")
    return AXE


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_axe_violations(axe_ready, site_dir, server, make_page, scheme, width_name):
    width = WIDTHS[width_name]
    page = make_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    problems = []
    for path in [*built_pages(site_dir), MISSING]:
        url = server + path
        page.goto(url, wait_until="load")
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES[scheme], f"{url}: expected the {scheme} scheme, page shows '{shown}'"
        where = f"{url} · {scheme} · {width}px"
        problems += axe_violations(page, where)
        if path == QUIZ:
            show_quiz_result(page)
            problems += axe_violations(page, where + " · quiz result shown")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
