"""Glossary tooltips: every term defined on the glossary page explains itself.

The glossary page (docs/about/glossary.md) is the single source: each term is
a definition list entry. This hook appends an abbreviation line for each term
to every other page, so the term shows its definition on hover, focus and tap.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

GLOSSARY_PAGE = "about/glossary.md"

_abbreviations: list[str] = []


def on_config(config: Any, **kwargs: Any) -> Any:
    _abbreviations.clear()
    path = Path(config.docs_dir) / GLOSSARY_PAGE
    if not path.exists():
        return config
    terms = parse_glossary(path.read_text(encoding="utf-8"))
    if not terms:
        raise PluginError(
            f"docs/{GLOSSARY_PAGE}: no terms found – expected entries like a line 'Term' followed by "
            "a line ':   One-sentence definition.'"
        )
    _abbreviations.extend(abbreviation_lines(terms))
    return config


def on_page_markdown(markdown: str, *, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri == GLOSSARY_PAGE or not _abbreviations:
        return markdown
    # One block per line: Markdown re-scans a multi-line block once per line, which made builds 4x slower.
    return markdown + "\n\n" + "\n\n".join(_abbreviations) + "\n"


def parse_glossary(markdown: str) -> dict[str, str]:
    """Return {term: definition} from Markdown definition lists."""
    terms: dict[str, str] = {}
    previous = ""
    for line in markdown.splitlines():
        match = re.match(r":\s+(.+)", line)
        if match and previous.strip() and not previous.startswith((":", "#", "---")):
            terms[previous.strip()] = plain_text(match.group(1))
        previous = line
    return terms


def abbreviation_lines(terms: dict[str, str]) -> list[str]:
    """Markdown abbreviation lines, including capitalised and plural forms of each term."""
    lines = []
    for term, definition in terms.items():
        forms = {term, term[:1].upper() + term[1:], term[:1].lower() + term[1:]}
        forms |= {form + "s" for form in forms if not form.endswith("s") and not form.isupper()}
        title = definition.replace("]", ")").replace("[", "(")
        lines += [f"*[{form}]: {title}" for form in sorted(forms)]
    return lines


def plain_text(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links keep their words
    text = re.sub(r"\[\^[^\]]*\]", "", text)  # footnote markers
    return re.sub(r"[*_`]", "", text).strip()
