"""The quiz data file: loading, every mistake an editor can make, and scoring."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

import page_meta
import quiz
import quiz_data

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = DOCS / "quiz" / "attachment-style.yml"
WHERE = "docs/quiz/attachment-style.yml"


@pytest.fixture(scope="module")
def schema():
    return quiz_data.load_schema(DOCS / "quiz" / "quiz.schema.json")


@pytest.fixture(scope="module")
def pages():
    found = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    return found | {"quiz/attachment-style.md"}


@pytest.fixture(scope="module")
def good(schema, pages):
    return quiz_data.load_quiz(DATA, schema, pages, WHERE)


def problems(text: str, schema, pages) -> list[str]:
    with pytest.raises(quiz_data.QuizError) as caught:
        quiz_data.parse_quiz(text, schema, pages, WHERE)
    return caught.value.problems


def edited(change) -> str:
    """The real data file with one change applied, as YAML text."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# --- the real file ------------------------------------------------------------------


def test_schema_is_a_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_data_file_points_editors_to_the_schema():
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=quiz.schema.json"
    assert (DATA.parent / "quiz.schema.json").exists()


def test_real_quiz_loads(good):
    assert good["title"] == "Attachment style quiz"
    assert [d["id"] for d in good["dimensions"]] == ["anxiety", "avoidance"]


def test_items_meet_the_brief(good):
    items = good["items"]
    assert len(items) >= 24
    for dimension in ("anxiety", "avoidance"):
        assert sum(i["dimension"] == dimension for i in items) >= 12
    reversed_share = sum(bool(i.get("reverse")) for i in items) / len(items)
    assert 0.25 <= reversed_share <= 0.42, "about a third of the items should be reverse-keyed"
    for dimension in ("anxiety", "avoidance"):
        assert any(i.get("reverse") for i in items if i["dimension"] == dimension)
    texts = [i["text"] for i in items]
    assert len(set(texts)) == len(texts)


def test_reader_facing_text_is_plain_language(good):
    spec = importlib.util.spec_from_file_location("readability", ROOT / "scripts" / "readability.py")
    readability = importlib.util.module_from_spec(spec)
    sys.modules["readability"] = readability  # dataclasses look their module up
    spec.loader.exec_module(readability)
    items = "\n\n".join(i["text"] for i in good["items"])
    rest = [good["introduction"], good["instructions"], *(p["summary"] for p in good["patterns"])]
    rest += [d[key] for d in good["dimensions"] for key in ("low", "high")]
    for what, text in (("items", items), ("introduction, meanings and summaries", "\n\n".join(rest))):
        grade = readability.measure(what, text).grade
        assert grade <= 8, f"the quiz's {what} read at grade {grade:.1f}; keep them at 8 or below"


def test_four_patterns_cover_the_map(good):
    regions = {tuple(p["region"][d] for d in ("anxiety", "avoidance")) for p in good["patterns"]}
    assert regions == {("low", "low"), ("high", "low"), ("low", "high"), ("high", "high")}


# --- every mistake is reported clearly ------------------------------------------------


def _set_item(index, **fields):
    def change(data):
        data["items"][index].update(fields)
    return change


def _drop_item_field(index, field):
    def change(data):
        del data["items"][index][field]
    return change


def _keep_items(dimension, count):
    def change(data):
        kept, seen = [], 0
        for item in data["items"]:
            if item["dimension"] == dimension:
                seen += 1
                if seen > count:
                    continue
            kept.append(item)
        data["items"] = kept
    return change


BAD_EDITS = {
    "missing item text": (_drop_item_field(2, "text"), ["line ", "item 3 (id 'anx02'), field 'text' is missing", "expected the statement as text"]),
    "empty item text": (_set_item(2, text=""), ["item 3 (id 'anx02'), field 'text' is empty", "expected the statement as text"]),
    "unknown dimension": (_set_item(0, dimension="anxeity"), ["item 1 (id 'anx01'), field 'dimension' is 'anxeity', an unknown dimension", "expected one of: anxiety, avoidance"]),
    "duplicate item id": (_set_item(3, id="anx01"), ["item 4 (id 'anx01'), field 'id' is 'anx01', already used by item 1", "expected a unique id"]),
    "unknown key": (lambda d: d["items"][4].update(txt="typo"), ["item 5 (id 'anx03'), field 'txt' is an unknown field", "did you mean 'text'?"]),
    "unknown top-level key": (lambda d: d.update(titel="x"), ["field 'titel' is an unknown field", "did you mean 'title'?"]),
    "one-point scale": (lambda d: d["scale"].update(min=1, max=1, labels=["Agree", "Agree"]), ["field 'scale' runs from 1 to 1", "expected at least two points"]),
    "cut-off outside scale": (lambda d: d["dimensions"][0].update(cutoff=9), ["dimension 1 (id 'anxiety'), field 'cutoff' is 9, outside the scale", "expected a number above 1 and below 7"]),
    "too few items": (_keep_items("avoidance", 3), ["dimension 2 (id 'avoidance') has 3 items", "expected at least 4"]),
    "missing style page": (lambda d: d["patterns"][0].update(page="styles/secur.md"), ["pattern 1 (id 'secure'), field 'page' is 'styles/secur.md', a page that does not exist", "did you mean 'styles/secure.md'?"]),
    "missing next-step page": (lambda d: d["patterns"][1]["next_steps"][0].update(page="therapy/nope.md"), ["pattern 2 (id 'anxious'), next step 1, field 'page' is 'therapy/nope.md', a page that does not exist"]),
    "wrong type": (_set_item(1, reverse="yes"), ["item 2 (id 'avo01'), field 'reverse' is 'yes' (text)", "expected true if agreeing means a LOWER score"]),
    "label count": (lambda d: d["scale"]["labels"].pop(), ["field 'scale.labels' has 6 labels", "expected 7"]),
    "two patterns in one region": (lambda d: d["patterns"][1].update(region={"anxiety": "low", "avoidance": "low"}), ["pattern 2 (id 'anxious'), field 'region' is the same region as pattern 1", "expected a pattern for: anxiety: high, avoidance: low"]),
    "bad region value": (lambda d: d["patterns"][0]["region"].update(anxiety="medium"), ["field 'region.anxiety' is 'medium'", "expected low or high"]),
    "missing top-level field": (lambda d: d.pop("instructions"), ["field 'instructions' is missing", "expected one paragraph of plain text"]),
    "heading in the introduction": (lambda d: d.update(introduction="# Quiz\n\nHello."), ["field 'introduction' has a '# ' heading"]),
    "dates in the wrong order": (lambda d: d.update(next_review="2026-01-01"), ["field 'next_review' is 2026-01-01, not after last_reviewed 2026-11-28"]),
}


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_each_mistake_is_named(case, schema, pages):
    change, expected = BAD_EDITS[case]
    found = problems(edited(change), schema, pages)
    text = "\n".join(found)
    for part in expected:
        assert part in text, f"{case}: expected {part!r} in:\n{text}"
    for line in text.splitlines():
        assert line.startswith(WHERE), line
        assert "Traceback" not in line


def test_item_problems_name_their_line(schema, pages):
    found = problems(edited(_set_item(2, text="")), schema, pages)
    text = edited(_set_item(2, text=""))
    line_no = next(n for n, line in enumerate(text.splitlines(), 1) if "text: ''" in line)
    assert found == [f"{WHERE}, line {line_no}: item 3 (id 'anx02'), field 'text' is empty – expected "
                     "the statement as text, for example: text: I worry that people close to me are upset with me."]


def test_yaml_syntax_error_names_the_line(schema, pages):
    text = DATA.read_text(encoding="utf-8").replace("  - id: anx03\n", "  - id: anx03\n   bad: [\n", 1)
    line_no = text.splitlines().index("   bad: [") + 1
    (found,) = problems(text, schema, pages)
    assert found.startswith(f"{WHERE}, line ")
    assert "not valid YAML" in found and "indentation" in found
    assert abs(int(found.split("line ")[1].split(",")[0]) - line_no) <= 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "the file is empty – expected a quiz"),
        ("# only a comment\n", "the file is empty"),
        ("- one\n- two\n", "the file holds a list – expected 'field: value' lines"),
        ("just words\n", "the file holds text – expected 'field: value' lines"),
    ],
)
def test_empty_or_wrong_shape(text, expected, schema, pages):
    (found,) = problems(text, schema, pages)
    assert found.startswith(WHERE + ":") and expected in found


def test_all_mistakes_are_reported_at_once(schema, pages):
    def many(data):
        data["items"][0]["dimension"] = "anxeity"
        data["items"][1]["txt"] = "typo"
        data["items"][3]["id"] = "anx01"
        data["items"][5]["text"] = ""
        data["dimensions"][1]["cutoff"] = 0
        data["patterns"][2]["page"] = "styles/nowhere.md"

    found = problems(edited(many), schema, pages)
    text = "\n".join(found)
    for part in ("'anxeity'", "'txt'", "already used", "field 'text' is empty", "outside the scale", "styles/nowhere.md"):
        assert part in text
    assert len(found) >= 6


def test_load_quiz_error_is_one_exception_not_a_traceback(tmp_path, schema, pages):
    bad = tmp_path / "bad.yml"
    bad.write_text("items: [\n", encoding="utf-8")
    with pytest.raises(quiz_data.QuizError) as caught:
        quiz_data.load_quiz(bad, schema, pages, "docs/quiz/bad.yml")
    assert str(caught.value).startswith("docs/quiz/bad.yml, line ")


def test_text_that_is_not_utf8_is_named(tmp_path, schema, pages):
    bad = tmp_path / "bad.yml"
    bad.write_bytes("title: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(quiz_data.QuizError, match="docs/quiz/bad.yml: byte 11 is not UTF-8 text"):
        quiz_data.load_quiz(bad, schema, pages, "docs/quiz/bad.yml")


# --- scoring --------------------------------------------------------------------------


def _answers(good, anxiety_agree: int, avoidance_agree: int) -> dict[str, int]:
    """Answers that agree `x` with every item's meaning (reverse items answered 8 - x)."""
    out = {}
    for item in good["items"]:
        agree = anxiety_agree if item["dimension"] == "anxiety" else avoidance_agree
        out[item["id"]] = 8 - agree if item.get("reverse") else agree
    return out


def test_all_same_answer_reverses_reverse_items(good):
    # 8 plain items answered 1 and 4 reverse-keyed items turned from 1 into 7.
    assert quiz_data.score(good, {i["id"]: 1 for i in good["items"]}) == {"anxiety": 3.0, "avoidance": 3.0}
    assert quiz_data.score(good, {i["id"]: 4 for i in good["items"]}) == {"anxiety": 4.0, "avoidance": 4.0}


@pytest.mark.parametrize(
    "anxiety, avoidance, pattern",
    [(2, 2, "secure"), (6, 2, "anxious"), (2, 6, "avoidant"), (6, 6, "fearful")],
)
def test_each_region_has_its_pattern(good, anxiety, avoidance, pattern):
    scores = quiz_data.score(good, _answers(good, anxiety, avoidance))
    assert scores == {"anxiety": anxiety, "avoidance": avoidance}
    assert quiz_data.nearest_pattern(good, scores)["id"] == pattern
    assert quiz_data.near_lines(good, scores) == []


def test_a_score_on_the_line_counts_as_low_and_near(good):
    scores = {"anxiety": 4.0, "avoidance": 4.5}
    assert quiz_data.region(good, scores) == {"anxiety": "low", "avoidance": "high"}
    assert quiz_data.near_lines(good, scores) == ["anxiety", "avoidance"]


def test_rounding_is_half_up_like_the_browser():
    tiny = {
        "scale": {"min": 1, "max": 7},
        "dimensions": [{"id": "a"}],
        "items": [{"id": f"i{n}", "dimension": "a"} for n in range(8)],
    }
    answers = {f"i{n}": v for n, v in enumerate([5, 4, 4, 4, 4, 4, 4, 4])}  # mean 4.125
    assert quiz_data.score(tiny, answers) == {"a": 4.13}


def test_missing_or_out_of_range_answer_is_refused(good):
    answers = {i["id"]: 4 for i in good["items"]}
    answers.pop("anx01")
    with pytest.raises(ValueError, match="anx01"):
        quiz_data.score(good, answers)
    answers["anx01"] = 8
    with pytest.raises(ValueError, match="from 1 to 7"):
        quiz_data.score(good, answers)


def test_scoring_guide_lists_numbers_and_reversals(good):
    guide = {part["dimension"]["id"]: part for part in quiz_data.scoring_guide(good)}
    assert len(guide["anxiety"]["numbers"]) == 12
    for part in guide.values():
        assert set(part["reverse"]) <= set(part["numbers"])
        for n in part["reverse"]:
            assert good["items"][n - 1].get("reverse")


def test_browser_data_is_json_and_holds_no_text_to_read(good):
    data = quiz_data.browser_data(good)
    assert json.loads(json.dumps(data)) == data
    assert "text" not in data["items"][0]
    assert [i["id"] for i in data["items"]] == [i["id"] for i in good["items"]]


# --- the hook's plain helpers ---------------------------------------------------------


def test_only_quiz_yaml_files_become_pages():
    assert quiz.is_quiz_data("quiz/attachment-style.yml")
    assert quiz.is_quiz_data("quiz/second.yaml")
    assert not quiz.is_quiz_data("quiz/quiz.schema.json")
    assert not quiz.is_quiz_data("other/attachment-style.yml")
    assert not quiz.is_quiz_data("quiz/old/attachment-style.yml")
    assert quiz.page_uri("quiz/attachment-style.yml") == "quiz/attachment-style.md"


def test_generated_front_matter_passes_page_checks(good):
    source = quiz.render_source(good)
    _, front, body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert page_meta.check_front_matter(meta, "quiz/attachment-style.md") == []
    assert page_meta.check_body(body.lstrip("\n"), "quiz/attachment-style.md") == []
    assert meta["template"] == "quiz.html"
    assert "[How we built and score the quiz](method.md)" in body


def test_completion_time_counts_the_questions(good):
    shorter = copy.deepcopy(good)
    shorter["items"] = shorter["items"][:4]
    assert quiz.completion_minutes(good) > quiz.completion_minutes(shorter) >= 1
    assert quiz.completion_minutes(good) <= 10


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(items="all of them"),
        lambda d: d.update(items=[1, "two", None]),
        lambda d: d.update(dimensions={"anxiety": 4}),
        lambda d: d.update(dimensions=[None, "avoidance"]),
        lambda d: d.update(scale=[1, 7]),
        lambda d: d["scale"].update(min="one", labels="none"),
        lambda d: d.update(patterns=[{"region": ["low"], "page": 3}]),
        lambda d: d["patterns"][0].update(region={"anxiety": ["low"], "avoidance": None}),
        lambda d: d["patterns"][0].update(next_steps="therapy"),
        lambda d: d.update(near_line="close", last_reviewed=20261128, tags="quiz"),
        lambda d: d.update({1: "number key", True: "bool key"}),
    ],
)
def test_odd_shapes_give_readable_problems_not_crashes(change, schema, pages):
    found = problems(edited(change), schema, pages)
    assert found and all(line.startswith(WHERE) for line in found)
