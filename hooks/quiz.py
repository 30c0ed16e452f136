"""Quiz pages: each docs/quiz/*.yml data file becomes one generated quiz page.

The data file is checked against docs/quiz/quiz.schema.json and a few rules a
schema cannot express (see quiz_data.py). All problems in all quiz files fail
the build together, one line each. The raw data and schema are not published;
the page docs/quiz/NAME.md is generated and drawn by overrides/quiz.html.
"""

from __future__ import annotations

import math
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

import quiz_data
from page_meta import WORDS_PER_MINUTE

log = get_plugin_logger(__name__)

QUIZ_DIR = "quiz/"
SCHEMA = "quiz/quiz.schema.json"
TEMPLATE = "quiz.html"
SECONDS_PER_ITEM = 8

# Page URI -> what the template draws (quiz data plus link URLs), per build.
_quizzes: dict[str, dict[str, Any]] = {}
# Page URI -> its data file, so "Edit this page" opens the file editors change.
_sources: dict[str, str] = {}


def on_files(files: Files, *, config: Any, **kwargs: Any) -> Files:
    _quizzes.clear()
    _sources.clear()
    sources = [f for f in files if is_quiz_data(f.src_uri)]
    schema_file = files.get_file_from_path(SCHEMA)
    for file in [*sources, *([schema_file] if schema_file else [])]:
        files.remove(file)  # editors' files, not pages for readers
    if not sources:
        return files
    if schema_file is None:
        raise PluginError(f"docs/{SCHEMA} is missing – the quiz files {', '.join(f.src_uri for f in sources)} need it; restore it from git.")
    try:
        schema = quiz_data.load_schema(Path(schema_file.abs_src_path))
    except quiz_data.QuizError as error:
        raise PluginError(str(error)) from None
    targets = {f.src_uri: page_uri(f.src_uri) for f in sources}
    pages = {f.src_uri for f in files.documentation_pages()} | set(targets.values())
    problems: list[str] = []
    quizzes = {}
    for file in sources:
        where = f"docs/{file.src_uri}"
        if files.get_file_from_path(targets[file.src_uri]):
            problems.append(f"docs/{targets[file.src_uri]}: this page is generated from {where} – delete the Markdown file.")
            continue
        try:
            quizzes[targets[file.src_uri]] = quiz_data.load_quiz(Path(file.abs_src_path), schema, pages, where)
        except quiz_data.QuizError as error:
            problems += error.problems
    if problems:
        count = len(problems)
        heading = f"{count} problem{'s' if count > 1 else ''} in quiz data (fix them all, then build again):"
        raise PluginError("\n".join([heading, *(f"  - {p}" for p in problems)]))
    for uri, quiz in quizzes.items():
        files.append(File.generated(config, uri, content=render_source(quiz)))
        _sources[uri] = next(src for src, target in targets.items() if target == uri)
        log.debug("Generated docs/%s from its quiz data file.", uri)
    for uri, quiz in quizzes.items():  # once all pages exist, so links can reach any of them
        _quizzes[uri] = render_view(quiz, uri, files)
    return files


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    quiz = _quizzes.get(page.file.src_uri)
    if quiz is not None:
        # A quiz is answered, not just read: count the questions too.
        page.meta["reading_minutes"] = completion_minutes(quiz)
    return markdown


def on_page_context(context: dict[str, Any], *, page: Any, config: Any, **kwargs: Any) -> dict[str, Any]:
    if page.file.src_uri in _quizzes:
        context["quiz"] = _quizzes[page.file.src_uri]
        if config.repo_url and config.edit_uri:
            page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri) + _sources[page.file.src_uri]
    return context


def is_quiz_data(src_uri: str) -> bool:
    return src_uri.startswith(QUIZ_DIR) and src_uri.count("/") == 1 and src_uri.endswith((".yml", ".yaml"))


def page_uri(src_uri: str) -> str:
    return re.sub(r"\.ya?ml$", ".md", src_uri)


def render_source(quiz: dict[str, Any]) -> str:
    """The generated page: front matter page_meta checks, then the introduction."""
    meta = {key: quiz[key] for key in ("title", "description", "last_reviewed", "next_review", "tags")}
    meta["template"] = TEMPLATE
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    # safe_dump quotes ISO dates; unquoted they load as dates, as page_meta expects.
    front = re.sub(r"^(last_reviewed|next_review): '(\d{4}-\d{2}-\d{2})'$", r"\1: \2", front, flags=re.M)
    return f"---\n{front}---\n\n{quiz['introduction'].strip()}\n"


def completion_minutes(quiz: dict[str, Any]) -> int:
    text = " ".join([quiz["introduction"], quiz["instructions"], *(i["text"] for i in quiz["items"])])
    seconds = len(text.split()) * 60 / WORDS_PER_MINUTE + len(quiz["items"]) * SECONDS_PER_ITEM
    return max(1, math.ceil(seconds / 60))


def render_view(quiz: dict[str, Any], page_src: str, files: Files) -> dict[str, Any]:
    """What overrides/quiz.html draws: the data plus site URLs for its links."""
    def url(src: str) -> str:
        return files.get_file_from_path(src).url

    patterns = [
        {**p, "url": url(p["page"]), "next_steps": [{**s, "url": url(s["page"])} for s in p["next_steps"]]}
        for p in quiz["patterns"]
    ]
    return {
        **quiz,
        "key": posixpath.splitext(posixpath.basename(page_src))[0],
        "method_url": url(quiz["method_page"]),
        "patterns": patterns,
        "guide": quiz_data.scoring_guide(quiz),
        "browser": quiz_data.browser_data(quiz),
        "map": quiz_data.map_geometry(quiz),
    }
