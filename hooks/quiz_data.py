"""Quiz data: load and check a quiz data file, and score answers.

Plain functions that take data and return data, so the tests and the build
hook (hooks/quiz.py) share them. Checking collects every problem in a file and
raises one QuizError; each line names the file, the line, the item or field,
what was found and what is expected, so an editor can fix all of them at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import math
import re
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import yaml

# libyaml when PyYAML has it (its wheels do): the same results, parsed several times faster.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MIN_ITEMS_PER_DIMENSION = 4
REGIONS = ("low", "high")
# The map is a square drawn in SVG units: first dimension up, second across.
MAP_LEFT, MAP_TOP, MAP_SIZE = 48, 12, 256


class QuizError(Exception):
    """A quiz data file has problems; `problems` holds one readable line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_schema(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise QuizError([f"{path}, line {error.lineno}, column {error.colno}: the schema is not valid JSON ({error.msg}) – fix it or restore it from git."]) from None


def load_quiz(path: Path, schema: dict[str, Any], pages: set[str], where: str | None = None) -> dict[str, Any]:
    """Read, parse and check one quiz file; return its data or raise QuizError."""
    where = where or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise QuizError([f"{where}: byte {error.start + 1} is not UTF-8 text – save the file as UTF-8."]) from None
    return parse_quiz(text, schema, pages, where)


def parse_quiz(text: str, schema: dict[str, Any], pages: set[str], where: str) -> dict[str, Any]:
    """Parse quiz YAML and check it; `pages` are the docs/ paths links may point to."""
    try:
        tree = yaml.compose(text, Loader=_YAML_LOADER)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise QuizError([f"{where}{at}: this is not valid YAML ({problem}) – check indentation, colons and quotes."])
    if data is None:
        raise QuizError([f"{where}: the file is empty – expected a quiz with title, scale, dimensions, items and patterns (see quiz.schema.json)."])
    if not isinstance(data, dict):
        raise QuizError([f"{where}: the file holds {_kind(data)} – expected 'field: value' lines (title:, scale:, dimensions:, items:, patterns:)."])
    data = _plain(data)
    problems = schema_problems(data, schema, where, tree)
    problems += semantic_problems(data, pages, where, tree)
    if problems:
        raise QuizError(sorted(problems, key=_line_number))
    return data


def schema_problems(data: dict[str, Any], schema: dict[str, Any], where: str, tree: Any = None) -> list[str]:
    """Every schema violation as one line, in the order the fields appear."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [_describe(error, data, where, tree) for error in errors]


def semantic_problems(data: dict[str, Any], pages: set[str], where: str, tree: Any = None) -> list[str]:
    """Checks a schema cannot express: ids, counts, cut-offs, regions and links."""
    problems: list[str] = []

    def report(path: list[Any], message: str) -> None:
        problems.append(f"{where}{_line(tree, path)}: {_name(data, path)}{message}")

    scale = data.get("scale") if isinstance(data.get("scale"), dict) else {}
    low, high = scale.get("min"), scale.get("max")
    scale_ok = _is_int(low) and _is_int(high)
    if scale_ok and high <= low:
        report(["scale"], f" runs from {low} to {high} – expected at least two points, with max above min (for example min: 1, max: 7).")
        scale_ok = False
    labels = scale.get("labels")
    if scale_ok and isinstance(labels, list) and len(labels) != high - low + 1:
        report(["scale", "labels"], f" has {len(labels)} labels – expected {high - low + 1}, one for each point from {low} to {high}.")

    dimensions = [d for d in _list(data.get("dimensions")) if isinstance(d, dict)]
    dim_ids = [d.get("id") for d in dimensions if isinstance(d.get("id"), str)]
    _duplicates("dimensions", data.get("dimensions"), report)
    for index, dimension in enumerate(_list(data.get("dimensions"))):
        cutoff = dimension.get("cutoff") if isinstance(dimension, dict) else None
        if scale_ok and _is_number(cutoff) and not low < cutoff < high:
            report(["dimensions", index, "cutoff"], f" is {cutoff}, outside the scale – expected a number above {low} and below {high}.")

    items = _list(data.get("items"))
    _duplicates("items", items, report)
    counts = Counter()
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("dimension"), str):
            continue
        if dim_ids and item["dimension"] not in dim_ids:
            report(["items", index, "dimension"], f" is '{item['dimension']}', an unknown dimension – expected one of: {', '.join(dim_ids)}.")
        counts[item["dimension"]] += 1
    for index, dim_id in enumerate(dim_ids):
        if counts[dim_id] < MIN_ITEMS_PER_DIMENSION:
            report(["dimensions", index], f" has {counts[dim_id]} item{'s' if counts[dim_id] != 1 else ''} – expected at least {MIN_ITEMS_PER_DIMENSION}, so one answer cannot decide a score.")

    near = data.get("near_line")
    if scale_ok and _is_number(near) and near >= high - low:
        report(["near_line"], f" is {near} – expected a number above 0 and below {high - low}, the width of the scale.")
    for key in ("last_reviewed", "next_review"):
        value = data.get(key)
        if isinstance(value, str) and _date(value) is None and len(value) == 10:
            report([key], f" is '{value}', not a real date – expected a date like 2026-11-28.")
    first, second = _date(data.get("last_reviewed")), _date(data.get("next_review"))
    if first and second and second <= first:
        report(["next_review"], f" is {second}, not after last_reviewed {first} – expected a later date.")

    intro = data.get("introduction")
    if isinstance(intro, str) and re.search(r"^# \S", intro, flags=re.M):
        report(["introduction"], " has a '# ' heading – remove it; the page title comes from the 'title' field.")

    _check_patterns(data, dim_ids, report)
    _check_links(data, pages, report)
    return problems


def score(quiz: dict[str, Any], answers: dict[str, int]) -> dict[str, float]:
    """Mean answer per dimension after reversing reverse-keyed items, to 2 decimals.

    Rounds half up on the exact fraction, as the browser's Math.round does.
    """
    low, high = quiz["scale"]["min"], quiz["scale"]["max"]
    totals: dict[str, list[int]] = {d["id"]: [] for d in quiz["dimensions"]}
    for item in quiz["items"]:
        answer = answers.get(item["id"])
        if not _is_int(answer) or not low <= answer <= high:
            raise ValueError(f"item '{item['id']}': answer {answer!r} – expected a whole number from {low} to {high}")
        totals[item["dimension"]].append(low + high - answer if item.get("reverse") else answer)
    return {dim: math.floor(Fraction(100 * sum(values), len(values)) + Fraction(1, 2)) / 100 for dim, values in totals.items()}


def region(quiz: dict[str, Any], scores: dict[str, float]) -> dict[str, str]:
    """'high' when a score is above its dimension's cut-off, else 'low'."""
    return {d["id"]: "high" if scores[d["id"]] > d["cutoff"] else "low" for d in quiz["dimensions"]}


def nearest_pattern(quiz: dict[str, Any], scores: dict[str, float]) -> dict[str, Any]:
    where = region(quiz, scores)
    return next(p for p in quiz["patterns"] if p["region"] == where)


def near_lines(quiz: dict[str, Any], scores: dict[str, float]) -> list[str]:
    """Ids of the dimensions whose cut-off the scores sit close to."""
    return [d["id"] for d in quiz["dimensions"] if abs(scores[d["id"]] - d["cutoff"]) <= quiz["near_line"]]


def scoring_guide(quiz: dict[str, Any]) -> list[dict[str, Any]]:
    """For the paper version: per dimension, its item numbers and which to reverse."""
    guide = []
    for dimension in quiz["dimensions"]:
        numbers = [n for n, item in enumerate(quiz["items"], 1) if item["dimension"] == dimension["id"]]
        reverse = [n for n, item in enumerate(quiz["items"], 1) if item["dimension"] == dimension["id"] and item.get("reverse")]
        guide.append({"dimension": dimension, "numbers": numbers, "reverse": reverse})
    return guide


def map_geometry(quiz: dict[str, Any]) -> dict[str, Any]:
    """Where the map's regions, lines and labels go, in SVG units."""
    up, across = quiz["dimensions"]
    low, high = quiz["scale"]["min"], quiz["scale"]["max"]

    def x(value: float) -> float:
        return round(MAP_LEFT + (value - low) / (high - low) * MAP_SIZE, 1)

    def y(value: float) -> float:
        return round(MAP_TOP + MAP_SIZE - (value - low) / (high - low) * MAP_SIZE, 1)

    cut_x, cut_y = x(across["cutoff"]), y(up["cutoff"])
    right, bottom = MAP_LEFT + MAP_SIZE, MAP_TOP + MAP_SIZE
    regions = []
    for pattern in quiz["patterns"]:
        x0, x1 = (MAP_LEFT, cut_x) if pattern["region"][across["id"]] == "low" else (cut_x, right)
        y0, y1 = (cut_y, bottom) if pattern["region"][up["id"]] == "low" else (MAP_TOP, cut_y)
        lines = pattern["name"].replace(" (", "\n(").split("\n")
        regions.append({
            "id": pattern["id"], "x": x0, "y": y0, "w": round(x1 - x0, 1), "h": round(y1 - y0, 1),
            "cx": round((x0 + x1) / 2, 1), "cy": round((y0 + y1) / 2, 1), "lines": lines,
        })
    return {
        "left": MAP_LEFT, "top": MAP_TOP, "size": MAP_SIZE, "right": right, "bottom": bottom,
        "cut_x": cut_x, "cut_y": cut_y, "up": up, "across": across, "regions": regions,
        "ticks_x": [{"value": v, "at": x(v)} for v in (low, across["cutoff"], high)],
        "ticks_y": [{"value": v, "at": y(v)} for v in (low, up["cutoff"], high)],
    }


def browser_data(quiz: dict[str, Any]) -> dict[str, Any]:
    """What the page's script needs to score: no texts it can read from the page."""
    return {
        "version": quiz["version"],
        "scale": {"min": quiz["scale"]["min"], "max": quiz["scale"]["max"]},
        "near": quiz["near_line"],
        "dimensions": [{"id": d["id"], "name": d["name"], "cutoff": d["cutoff"]} for d in quiz["dimensions"]],
        "items": [{"id": i["id"], "dimension": i["dimension"], "reverse": bool(i.get("reverse"))} for i in quiz["items"]],
        "patterns": [{"id": p["id"], "name": p["name"], "region": p["region"]} for p in quiz["patterns"]],
        "map": {"left": MAP_LEFT, "top": MAP_TOP, "size": MAP_SIZE},
    }


def _check_patterns(data: dict[str, Any], dim_ids: list[str], report: Any) -> None:
    patterns = _list(data.get("patterns"))
    _duplicates("patterns", patterns, report)
    if len(dim_ids) != 2:
        return
    seen: dict[tuple[str, ...], int] = {}
    for index, pattern in enumerate(patterns):
        where = pattern.get("region") if isinstance(pattern, dict) else None
        if not isinstance(where, dict):
            continue
        keys = sorted(where)
        if keys != sorted(dim_ids):
            report(["patterns", index, "region"], f" names {', '.join(map(str, keys)) or 'no dimensions'} – expected exactly: {', '.join(dim_ids)}, each low or high.")
            continue
        key = tuple(str(where[d]) for d in dim_ids)
        if key in seen:
            report(["patterns", index, "region"], f" is the same region as pattern {seen[key] + 1} – expected each pattern in its own region.")
        seen[key] = index
    missing = [k for k in itertools.product(REGIONS, repeat=2) if k not in seen]
    if seen and missing:
        wanted = "; ".join(", ".join(f"{d}: {v}" for d, v in zip(dim_ids, k)) for k in missing)
        report(["patterns"], f" leaves part of the map without a pattern – expected a pattern for: {wanted}.")


def _check_links(data: dict[str, Any], pages: set[str], report: Any) -> None:
    def check(path: list[Any], page: Any) -> None:
        if isinstance(page, str) and page.endswith(".md") and page not in pages:
            guess = difflib.get_close_matches(page, sorted(pages), n=1)
            hint = f" – did you mean '{guess[0]}'?" if guess else " – expected a page path inside docs/, for example styles/secure.md."
            report(path, f" is '{page}', a page that does not exist{hint}")

    check(["method_page"], data.get("method_page"))
    for index, pattern in enumerate(_list(data.get("patterns"))):
        if not isinstance(pattern, dict):
            continue
        check(["patterns", index, "page"], pattern.get("page"))
        for step_index, step in enumerate(_list(pattern.get("next_steps"))):
            if isinstance(step, dict):
                check(["patterns", index, "next_steps", step_index, "page"], step.get("page"))


def _duplicates(section: str, entries: Any, report: Any) -> None:
    first: dict[str, int] = {}
    for index, entry in enumerate(_list(entries)):
        value = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(value, str):
            continue
        if value in first:
            report([section, index, "id"], f" is '{value}', already used by {_singular(section)} {first[value] + 1} – expected a unique id.")
        else:
            first[value] = index


def _describe(error: jsonschema.ValidationError, data: dict[str, Any], where: str, tree: Any) -> str:
    """Turn one jsonschema error into an editor-friendly line."""
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        field = error.message.split("'")[1]
        expected = error.schema.get("properties", {}).get(field, {}).get("description", "a value").rstrip(".")
        return f"{where}{_line(tree, path)}: {_name(data, path + [field])} is missing – expected {expected}."
    if kind == "additionalProperties" and isinstance(error.schema.get("additionalProperties"), bool):
        known = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in known]
        lines = []
        for key in extra:
            guess = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"expected one of: {', '.join(known)}."
            lines.append(f"{where}{_line(tree, path + [key])}: {_name(data, path + [key])} is an unknown field (a typo?) – {hint}")
        return "\n".join(lines)
    expected = (error.schema.get("description") or _expected_from(error)).rstrip(".")
    found = _found(error)
    return f"{where}{_line(tree, path)}: {_name(data, path)} is {found} – expected {expected}."


def _found(error: jsonschema.ValidationError) -> str:
    value = error.instance
    if error.validator == "minLength" or value is None or value in ("", [], {}):
        return "empty"
    if error.validator in ("minItems", "maxItems"):
        return f"a list of {len(value)}"
    if error.validator == "type":
        return f"{_short(value)} ({_kind(value)})"
    return _short(value)


def _expected_from(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        return "one of: " + ", ".join(map(str, error.validator_value))
    return error.message


def _name(data: dict[str, Any], path: list[Any]) -> str:
    """"item 3 (id 'anx03'), field 'text'" for a path like ['items', 2, 'text']."""
    parts: list[str] = []
    fields: list[str] = []
    node: Any = data
    for step in path:
        if not isinstance(step, int):
            fields.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
            continue
        section = fields.pop() if fields else "entry"
        entry = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
        ident = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else None
        prefix = f"field '{'.'.join(fields)}', " if fields else ""
        parts.append(f"{prefix}{_singular(section)} {step + 1}" + (f" (id '{ident}')" if ident else ""))
        fields = []
        node = entry
    if fields:
        parts.append(f"field '{'.'.join(fields)}'")
    return ", ".join(parts) or "the file"


def _line(tree: Any, path: list[Any]) -> str:
    """', line N' for the YAML node at path (or its nearest parent)."""
    node = tree
    found = node
    for step in path:
        if node is None:
            break
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is not None:
            found = node
    return f", line {found.start_mark.line + 1}" if found is not None and path else ""


def _line_number(problem: str) -> int:
    match = re.search(r", line (\d+):", problem)
    return int(match.group(1)) if match else 0


def _plain(value: Any) -> Any:
    """YAML dates become ISO text, keys become text: the JSON shape the schema describes."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _singular(section: str) -> str:
    return {"items": "item", "patterns": "pattern", "dimensions": "dimension", "next_steps": "next step", "labels": "label", "tags": "tag"}.get(section, section)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "nothing" if value is None else type(value).__name__


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text if len(text) <= 60 else text[:57] + "..."
    return f"'{text}'"
