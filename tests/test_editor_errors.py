"""Editors' mistakes: each one fails `mkdocs build --strict` with a message an
editor can act on — one line that names the file and says what is wrong —
and never with a Python traceback.

Each row breaks a fresh copy of the site in one way an editor might, then
builds it as `./dev build` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import run_build

PAGE = "docs/styles/secure.md"
QUIZ_DATA = "docs/quiz/attachment-style.yml"


def edit(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """A change to one file of the copy; fails loudly if the file no longer has `old`."""

    def apply(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer contains {old!r}: update this test's table"
        file.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def append(path: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(text)

    return apply


@dataclass
class Mistake:
    change: Callable[[Path], None]
    file: str  # as the message should name it, without "docs/"
    says: str  # a phrase the same line must contain: what is wrong


MISTAKES = {
    "front matter missing a field": Mistake(
        edit(PAGE, "tags: [styles, secure, relationships]\n", ""),
        "styles/secure.md", "'tags' is missing",
    ),
    "review date that is not a date": Mistake(
        edit(PAGE, "last_reviewed: 2026-11-28", "last_reviewed: soon"),
        "styles/secure.md", "expected a date",
    ),
    "front matter that is not valid YAML": Mistake(
        edit(PAGE, "title: Secure attachment", "title: Secure attachment: a \"guide"),
        "styles/secure.md", "not valid YAML",
    ),
    "unknown field (a typo)": Mistake(
        edit(PAGE, "description:", "descripton:"),
        "styles/secure.md", "unknown field 'descripton'",
    ),
    "link to a page that does not exist": Mistake(
        append(PAGE, "\nSee also [the avoidant page](avoidnt.md).\n"),
        "styles/secure.md", "avoidnt.md",
    ),
    "link to a heading that does not exist": Mistake(
        append(PAGE, "\nSee [how it feels](#how-it-feels-inside).\n"),
        "styles/secure.md", "#how-it-feels-inside",
    ),
    "nav entry for a page that does not exist": Mistake(
        edit("mkdocs.yml", "      - styles/secure.md\n", "      - styles/secure.md\n      - styles/earned-secure.md\n"),
        "styles/earned-secure.md", "not found",
    ),
    "quiz item with an unknown dimension": Mistake(
        edit(QUIZ_DATA, "dimension: anxiety", "dimension: anxeity"),
        "quiz/attachment-style.yml", "unknown dimension",
    ),
    "quiz data that is not valid YAML": Mistake(
        edit(QUIZ_DATA, "scale:\n", "scale:\n  - [\n"),
        "quiz/attachment-style.yml", "not valid YAML",
    ),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_mistake_fails_the_build_with_one_line_naming_the_file(project_copy, name):
    mistake = MISTAKES[name]
    mistake.change(project_copy)
    result = run_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the strict build passed\n{output}"
    assert "Traceback" not in output, f"{name}: the build showed a Python traceback\n{output}"
    lines = [line for line in output.splitlines() if mistake.file in line]
    assert lines, f"{name}: no line of the output names {mistake.file}\n{output}"
    assert any(mistake.says in line for line in lines), (
        f"{name}: no line names {mistake.file} and says {mistake.says!r}; the lines naming it:\n"
        + "\n".join(lines) + f"\n\nwhole output:\n{output}"
    )


def test_unbroken_copy_builds(project_copy):
    """The table's failures come from the mistakes, not from the copy itself."""
    result = run_build(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr


def test_several_mistakes_are_reported_together_one_line_each(project_copy):
    """An editor fixes everything in one go: every problem is listed, each on its own line."""
    edit(PAGE, "last_reviewed: 2026-11-28", "last_reviewed: soon")(project_copy)
    edit("docs/styles/anxious.md", "description:", "descripton:")(project_copy)
    result = run_build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert [line for line in output.splitlines() if "styles/secure.md" in line and "last_reviewed" in line], output
    assert [line for line in output.splitlines() if "styles/anxious.md" in line and "descripton" in line], output
