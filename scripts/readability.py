"""Reading level of every page: prints Flesch–Kincaid grade per page.

    .venv/bin/python scripts/readability.py          # table for all pages
    .venv/bin/python scripts/readability.py --check  # exit 1 if over the limits

Counts the prose a reader reads: front matter, headings, tables, citations,
link targets and HTML tags are left out. Syllables are counted by a simple
English rule (vowel groups, a silent final e), the usual approach of
readability tools; figures can differ from other tools by about half a grade.
"""

from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
MAX_GRADE = 9.0          # no article above this
MAX_MEDIAN_GRADE = 8.0   # and half of them at or below this
# Lists of sources are not prose for readers to follow.
SKIP = {"about/references.md"}


@dataclass
class Reading:
    page: str
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def prose(markdown: str) -> str:
    """The sentences of a Markdown page, one block per line."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.S)
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if (
            not stripped
            or stripped.startswith(("#", "|", "[^", "*[", "```", "---", "!!!", "???", "<"))
            or re.match(r"^\{[:#.].*\}$", stripped)
        ):
            kept.append("")
            continue
        kept.append(stripped)
    text = "\n".join(kept)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)   # links and images keep their words
    text = re.sub(r"\[\^[^\]]+\]|\{[:#.][^}]*\}", "", text)    # footnote marks, attribute lists
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|:)\s+", "", text, flags=re.M)  # list and definition markers
    text = re.sub(r"[*_`]", "", text)
    # A block (paragraph or list item) with no end mark still ends a sentence.
    blocks = [b.strip() for b in re.split(r"\n\s*\n|\n(?=\S)", text) if b.strip()]
    return "\n".join(b if b[-1] in ".!?:" else b + "." for b in blocks)


def count_syllables(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]+", word)))


def measure(page: str, markdown: str) -> Reading:
    text = prose(markdown)
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    syllables = sum(count_syllables(w) for part in words for w in part.split("-"))
    return Reading(page, len(words), max(1, len(sentences)), syllables)


def measure_all(docs: Path = DOCS) -> list[Reading]:
    readings = []
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if page in SKIP or page.startswith("_"):
            continue
        readings.append(measure(page, path.read_text(encoding="utf-8")))
    return readings


def problems(readings: list[Reading]) -> list[str]:
    found = [
        f"docs/{r.page}: reading grade {r.grade:.1f} is above {MAX_GRADE:.0f} – use shorter sentences and plainer words."
        for r in readings
        if r.grade > MAX_GRADE
    ]
    median = statistics.median(r.grade for r in readings) if readings else 0
    if median > MAX_MEDIAN_GRADE:
        found.append(f"median reading grade {median:.1f} is above {MAX_MEDIAN_GRADE:.0f} across {len(readings)} pages.")
    return found


def main(argv: list[str]) -> int:
    readings = measure_all()
    print(f"{'page':<36} {'words':>6} {'words/sentence':>15} {'grade':>6}")
    for r in readings:
        print(f"{r.page:<36} {r.words:>6} {r.words / r.sentences:>15.1f} {r.grade:>6.1f}")
    grades = [r.grade for r in readings]
    print(f"{'all pages':<36} {sum(r.words for r in readings):>6} {'':>15} median {statistics.median(grades):.1f}")
    found = problems(readings)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
