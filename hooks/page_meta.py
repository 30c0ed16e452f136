"""Page metadata: validate each page's front matter and work out reading time.

Every Markdown page is an article and needs title, description, last_reviewed,
next_review and tags. Problems from all pages are collected and reported
together, one line each, naming the file, the field, what was found and what
is expected. A next_review date in the past never fails the build: the page
shows a "review overdue" notice and the build log gets a line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from typing import Any

import yaml

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

WORDS_PER_MINUTE = 200
REQUIRED = ("title", "description", "last_reviewed", "next_review", "tags")
OPTIONAL = ("reviewer", "template", "hide", "search", "status", "icon", "subtitle")
KNOWN = REQUIRED + OPTIONAL
REVIEWER_FIELDS = ("name", "credentials")
EXAMPLE_DATE = "2026-11-28"

_problems: list[str] = []


def on_pre_build(**kwargs: Any) -> None:
    # mkdocs serve keeps this module loaded: start every build with a clean slate.
    _problems.clear()


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    path = page.file.src_uri
    # Front matter MkDocs could not read stays in the body; then that is the only problem to report.
    problems = check_body(markdown, path) or check_front_matter(page.meta, path)
    _problems.extend(problems)
    if problems:
        return markdown
    page.meta["reading_minutes"] = reading_minutes(markdown)
    page.meta["review_overdue"] = review_overdue(page.meta["next_review"], dt.date.today())
    if page.meta["review_overdue"]:
        log.info("Review overdue: docs/%s was due for review on %s.", path, page.meta["next_review"])
    return markdown


def on_env(env: Any, **kwargs: Any) -> Any:
    if _problems:
        count = len(_problems)
        heading = f"{count} problem{'s' if count > 1 else ''} in page front matter:"
        raise PluginError("\n".join([heading, *(f"  - {p}" for p in _problems)]))
    return env


def reading_minutes(markdown: str) -> int:
    """Minutes to read the page at an unhurried pace, at least one."""
    text = re.sub(r"<[^>]+>|\[\^[^\]]+\]|\([^)]*\.md[^)]*\)", " ", markdown)
    words = re.findall(r"[A-Za-z0-9'’-]+", text)
    return max(1, math.ceil(len(words) / WORDS_PER_MINUTE))


def review_overdue(next_review: dt.date, today: dt.date) -> bool:
    return next_review < today


def check_front_matter(meta: dict[str, Any], path: str) -> list[str]:
    """Return one readable line per problem in a page's front matter."""
    where = f"docs/{path}"
    problems = []
    for key in meta:
        if key not in KNOWN:
            guess = difflib.get_close_matches(key, KNOWN, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"known fields are: {', '.join(REQUIRED)}, reviewer."
            problems.append(f"{where}: unknown field '{key}' – {hint}")
    for key in REQUIRED:
        if key not in meta or meta[key] in (None, "", []):
            problems.append(f"{where}: field '{key}' is missing – expected {_expected(key)}.")
    for key in ("title", "description"):
        if key in meta and meta[key] not in (None, "") and not isinstance(meta[key], str):
            problems.append(f"{where}: field '{key}' is {meta[key]!r} – expected {_expected(key)}.")
    for key in ("last_reviewed", "next_review"):
        value = meta.get(key)
        if value not in (None, "") and not _is_date(value):
            problems.append(f"{where}: field '{key}' is '{value}' – expected {_expected(key)}.")
    if _is_date(meta.get("last_reviewed")) and _is_date(meta.get("next_review")):
        if meta["next_review"] <= meta["last_reviewed"]:
            problems.append(
                f"{where}: field 'next_review' is {meta['next_review']}, not after last_reviewed "
                f"{meta['last_reviewed']} – expected a later date."
            )
    tags = meta.get("tags")
    if tags not in (None, "", []) and not (isinstance(tags, list) and all(isinstance(t, str) and t for t in tags)):
        problems.append(f"{where}: field 'tags' is {tags!r} – expected {_expected('tags')}.")
    if "reviewer" in meta:
        problems += _check_reviewer(meta["reviewer"], where)
    return problems


def check_body(markdown: str, path: str) -> list[str]:
    where = f"docs/{path}"
    if markdown.startswith("---"):
        # MkDocs leaves front matter it cannot read in the body: say why it failed.
        block = markdown[3:].split("\n---", 1)[0]
        try:
            yaml.safe_load(block)
            found = "front matter that is not a list of 'field: value' lines"
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f" near line {mark.line + 1}" if mark else ""
            found = f"front matter that is not valid YAML{line} ({getattr(error, 'problem', error)})"
        return [f"{where}: {found} – expected 'field: value' lines between two '---' lines."]
    if re.search(r"^# \S", markdown, flags=re.MULTILINE):
        return [f"{where}: the page has a '# ' heading – remove it; the title comes from the 'title' field."]
    return []


def _check_reviewer(reviewer: Any, where: str) -> list[str]:
    expected = "name and credentials, for example:  reviewer: {name: Jane Doe, credentials: PhD, clinical psychologist}"
    if not isinstance(reviewer, dict):
        return [f"{where}: field 'reviewer' is {reviewer!r} – expected {expected}; leave it out if nobody has reviewed the page."]
    problems = []
    for key in REVIEWER_FIELDS:
        if not isinstance(reviewer.get(key), str) or not reviewer[key].strip():
            problems.append(f"{where}: field 'reviewer.{key}' is missing – expected {expected}.")
    for key in reviewer:
        if key not in REVIEWER_FIELDS:
            problems.append(f"{where}: field 'reviewer.{key}' is unknown – expected only name and credentials.")
    return problems


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _expected(key: str) -> str:
    return {
        "title": "the page title as text, for example  title: Anxious attachment",
        "description": "one sentence as text, for example  description: What anxious attachment feels like",
        "last_reviewed": f"a date like {EXAMPLE_DATE}",
        "next_review": f"a date like {EXAMPLE_DATE}",
        "tags": "a list of words, for example  tags: [styles, anxious]",
    }[key]
