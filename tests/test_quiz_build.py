"""The built quiz page: a complete form before any script runs, and clean build errors."""

from __future__ import annotations

import gzip
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import quiz_data
from conftest import run_build

ROOT = Path(__file__).resolve().parent.parent
QUIZ_PAGE = Path("quiz/attachment-style/index.html")
MAX_PAGE_GZ = 40 * 1024
MAX_JS_GZ = 6 * 1024
MAX_CSS_GZ = 2 * 1024


class Fieldsets(HTMLParser):
    """Each fieldset's legend text and its radio inputs with their label text."""

    def __init__(self) -> None:
        super().__init__()
        self.fieldsets: list[dict] = []
        self._in_legend = False
        self._label: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self.fieldsets.append({"id": attrs.get("id"), "legend": "", "radios": []})
        elif tag == "legend":
            self._in_legend = True
        elif tag == "label" and self.fieldsets:
            self._label = {"text": "", "input": None}
        elif tag == "input" and attrs.get("type") == "radio" and self._label is not None:
            self._label["input"] = attrs

    def handle_endtag(self, tag):
        if tag == "legend":
            self._in_legend = False
        elif tag == "label" and self._label is not None:
            if self._label["input"]:
                self.fieldsets[-1]["radios"].append(self._label)
            self._label = None

    def handle_data(self, data):
        if self._in_legend:
            self.fieldsets[-1]["legend"] += data
        if self._label is not None:
            self._label["text"] += data


@pytest.fixture(scope="module")
def quiz():
    schema = quiz_data.load_schema(ROOT / "docs/quiz/quiz.schema.json")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    return quiz_data.load_quiz(ROOT / "docs/quiz/attachment-style.yml", schema, pages | {"quiz/attachment-style.md"})


@pytest.fixture(scope="module")
def page_html(site_dir):
    return (site_dir / QUIZ_PAGE).read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def test_page_is_generated_and_raw_data_is_not_published(site_dir):
    assert (site_dir / QUIZ_PAGE).exists()
    assert not list(site_dir.rglob("*.yml")), "the raw quiz data should not be published"
    assert not (site_dir / "quiz" / "quiz.schema.json").exists()
    assert not (ROOT / "docs/quiz/attachment-style.md").exists(), "the page must come from the data file"


def test_every_item_is_a_fieldset_with_legend_and_labelled_radios(page_html, quiz):
    parser = Fieldsets()
    parser.feed(page_html)
    fieldsets = [f for f in parser.fieldsets if (f["id"] or "").startswith("q-")]
    assert len(fieldsets) == len(quiz["items"])
    labels = quiz["scale"]["labels"]
    for number, (fieldset, item) in enumerate(zip(fieldsets, quiz["items"]), 1):
        assert fieldset["id"] == f"q-{item['id']}"
        assert squash(fieldset["legend"]) == f"{number}. {item['text']}"
        radios = fieldset["radios"]
        assert [r["input"]["value"] for r in radios] == [str(v) for v in range(1, 8)]
        assert {r["input"]["name"] for r in radios} == {item["id"]}
        for radio, label in zip(radios, labels):
            assert label in squash(radio["text"]), "each radio's label names its point on the scale"


def test_page_reads_and_prints_without_script(page_html, quiz):
    text = squash(re.sub(r"<[^>]+>", " ", page_html))
    assert "Your answers stay on this device." in text
    assert "How to answer" in text and squash(quiz["instructions"]) in text
    assert "Score it yourself" in text
    reversed_numbers = [str(n) for n, item in enumerate(quiz["items"], 1) if item.get("reverse")]
    assert f"For items {', '.join(reversed_numbers)}, turn your answer around: write 8 minus your answer" in text
    for part in quiz_data.scoring_guide(quiz):
        numbers = ", ".join(map(str, part["numbers"]))
        assert f"{part['dimension']['name']}: add up your answers to items {numbers}" in text
        assert f"divide by {len(part['numbers'])}" in text
    assert "This is a self-reflection tool, not a diagnosis." in text
    # The buttons, progress and result only make sense with the script: hidden until it runs.
    for marker in ('class="sb-quiz__actions" data-sb-js hidden', 'class="sb-quiz__progress" data-sb-js hidden', "data-sb-result hidden"):
        assert marker in page_html
    assert "@media print" in (ROOT / "docs/assets/quiz.css").read_text(encoding="utf-8")


def test_scoring_data_is_embedded_as_escaped_json(page_html, quiz):
    match = re.search(r'<script type="application/json" id="sb-quiz-data">(.*?)</script>', page_html, re.S)
    assert match, "the quiz data should be embedded, not fetched"
    assert json.loads(match.group(1)) == quiz_data.browser_data(quiz)


def test_result_links_and_help_link_resolve(site_dir, page_html):
    base = (site_dir / QUIZ_PAGE).parent
    result = page_html.split("data-sb-result", 1)[1].split("</section>", 1)[0]
    hrefs = re.findall(r'href="([^"#]+)', result)
    for style in ("secure", "anxious", "avoidant", "disorganized"):
        assert f"../../styles/{style}/" in hrefs
    assert "../../therapy/" in hrefs and "../../help/" in hrefs and "../method/" in hrefs
    for href in hrefs:
        assert (base / href / "index.html").resolve().exists(), href


def test_nav_links_to_the_quiz(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="quiz/attachment-style/" class="md-nav__link', home)
    # The navigation is pruned to the open section, so the method page is listed from the quiz page.
    quiz_page = (site_dir / "quiz" / "attachment-style" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./method/" class="md-nav__link', quiz_page)


def test_only_the_quiz_page_loads_quiz_assets(site_dir, page_html):
    assert 'assets/quiz.css"' in page_html and 'assets/quiz.js"' in page_html
    other = (site_dir / "quiz/method/index.html").read_text(encoding="utf-8")
    assert "quiz.css" not in other and "quiz.js" not in other


def test_sizes_stay_small(site_dir, page_html):
    assert len(gzip.compress(page_html.encode())) <= MAX_PAGE_GZ
    assert len(gzip.compress((site_dir / "assets/quiz.js").read_bytes())) <= MAX_JS_GZ
    assert len(gzip.compress((site_dir / "assets/quiz.css").read_bytes())) <= MAX_CSS_GZ


def test_page_front_matter_comes_from_the_data(page_html, quiz):
    assert f"<h1>{quiz['title']}</h1>" in page_html
    assert "Last reviewed <time datetime=\"2026-11-28\">" in page_html
    assert "This page has not yet been clinically reviewed." in page_html


# --- editors' view: builds that fail, and a second quiz ---------------------------------


def _edit_data(project: Path, change) -> None:
    path = project / "docs/quiz/attachment-style.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_bad_data_fails_the_build_with_every_problem_and_no_traceback(project_copy):
    def break_it(data):
        data["items"][0]["dimension"] = "anxeity"
        data["items"][2]["text"] = ""
        data["items"][3]["id"] = "anx01"
        data["items"][4]["txt"] = "typo"
        data["dimensions"][0]["cutoff"] = 12
        data["patterns"][0]["page"] = "styles/secur.md"

    _edit_data(project_copy, break_it)
    result = run_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "6 problems in quiz data" in output
    for part in (
        "docs/quiz/attachment-style.yml, line ",
        "item 1 (id 'anx01'), field 'dimension' is 'anxeity', an unknown dimension",
        "item 3 (id 'anx02'), field 'text' is empty",
        "item 4 (id 'anx01'), field 'id' is 'anx01', already used by item 1",
        "item 5 (id 'anx03'), field 'txt' is an unknown field",
        "dimension 1 (id 'anxiety'), field 'cutoff' is 12, outside the scale",
        "pattern 1 (id 'secure'), field 'page' is 'styles/secur.md', a page that does not exist",
    ):
        assert part in output, part


def test_yaml_syntax_error_fails_cleanly(project_copy):
    path = project_copy / "docs/quiz/attachment-style.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("scale:\n", "scale:\n  min: [1\n", 1), encoding="utf-8")
    result = run_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"docs/quiz/attachment-style\.yml, line \d+, column \d+: this is not valid YAML", output)


def test_a_second_data_file_makes_a_second_quiz(project_copy):
    second = project_copy / "docs/quiz/second.yml"
    text = (project_copy / "docs/quiz/attachment-style.yml").read_text(encoding="utf-8")
    second.write_text(text.replace("title: Attachment style quiz", "title: A second quiz"), encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - quiz/method.md\n", "      - quiz/method.md\n      - quiz/second.md\n"), encoding="utf-8")
    result = run_build(project_copy)
    assert result.returncode == 0, result.stderr
    built = (project_copy / "site/quiz/second/index.html").read_text(encoding="utf-8")
    assert "<h1>A second quiz</h1>" in built and 'data-quiz="second"' in built


def test_a_hand_written_page_in_the_way_is_named(project_copy):
    (project_copy / "docs/quiz/attachment-style.md").write_text("---\ntitle: Old\n---\n\nOld page.\n", encoding="utf-8")
    result = run_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/quiz/attachment-style.md: this page is generated from docs/quiz/attachment-style.yml – delete the Markdown file." in output


def test_edit_this_page_opens_the_data_file(page_html):
    assert 'href="https://github.com/secure-base/secure-base/edit/main/docs/quiz/attachment-style.yml"' in page_html
