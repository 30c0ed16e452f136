"""Page weight: what a reader downloads for the home page, an article and the
quiz, raw and gzipped (level 6, as web servers send it).

    .venv/bin/python benchmarks/weight.py

Builds the site strictly into benchmarks/out/weight-site/ and prints a table.
"The site's own" CSS and JS are the files from docs/assets/ plus inline
<script>/<style> blocks, which are counted inside the HTML figure too.
"""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from common import OUT, ROOT, build, copy_site, machine, table

PAGES = {"home": "index.html", "article": "styles/anxious/index.html", "quiz": "quiz/attachment-style/index.html"}
OWN_TARGET_GZ = 12 * 1024
QUIZ_HTML_TARGET_GZ = 40 * 1024


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads, and its inline code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.files: list[str] = []
        self.inline = 0
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.files.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.files.append(found["src"])
        self._in_code = (tag == "style") or (tag == "script" and not found.get("src") and found.get("type") in (None, "module", "text/javascript"))

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.inline += len(data.encode("utf-8"))

    def handle_endtag(self, tag: str) -> None:
        self._in_code = False


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    project = copy_site(OUT / "weight")
    site = OUT / "weight-site"
    build(project, site)
    print(f"Machine: {machine()}\n")
    search = [site / "search" / "search_index.json", *sorted((site / "assets/javascripts/workers").glob("search.*.js"))]
    search_raw = sum(p.stat().st_size for p in search)
    search_gz = sum(gz(p.read_bytes()) for p in search)
    rows = []
    own_everywhere: dict[Path, bytes] = {}
    verdicts = []
    for name, path in PAGES.items():
        html = (site / path).read_bytes()
        parser = Assets()
        parser.feed(html.decode("utf-8"))
        own: list[Path] = []
        theirs: list[Path] = []
        for ref in parser.files:
            target = site / urlsplit(urljoin("/" + path, ref)).path.lstrip("/")
            relative = target.relative_to(site).as_posix()
            (own if (ROOT / "docs" / relative).exists() else theirs).append(target)
        own_bytes = [p.read_bytes() for p in own]
        own_everywhere.update(zip(own, own_bytes))
        own_raw = sum(map(len, own_bytes))
        own_gz = sum(map(gz, own_bytes))
        theirs_raw = sum(p.stat().st_size for p in theirs)
        theirs_gz = sum(gz(p.read_bytes()) for p in theirs)
        first_load = gz(html) + own_gz + theirs_gz
        rows.append([
            name, f"{kb(len(html))} / {kb(gz(html))}", f"{kb(parser.inline)}",
            f"{kb(own_raw)} / {kb(own_gz)}", ", ".join(p.name for p in own),
            f"{kb(theirs_raw)} / {kb(theirs_gz)}", f"{kb(search_raw)} / {kb(search_gz)}", kb(first_load),
        ])
        verdicts.append(f"{name}: the site's own CSS + JS is {kb(own_gz)} KB gzipped "
                        f"({'meets' if own_gz <= OWN_TARGET_GZ else 'MISSES'} the {kb(OWN_TARGET_GZ)} KB target).")
        if name == "quiz":
            verdicts.append(f"quiz: the HTML is {kb(gz(html))} KB gzipped "
                            f"({'meets' if gz(html) <= QUIZ_HTML_TARGET_GZ else 'MISSES'} the {kb(QUIZ_HTML_TARGET_GZ)} KB target).")
    print("## Page weight (KB, raw / gzipped)\n")
    print(table(
        ["page", "HTML", "inline code in it (raw)", "own CSS+JS", "own files", "Material CSS+JS", "search index + worker (fetched after load)", "first load, gzipped"],
        rows,
    ))
    all_gz = sum(gz(b) for b in own_everywhere.values())
    print()
    print("\n".join(verdicts))
    print(f"All of the site's own CSS and JS together (every file above once): {kb(all_gz)} KB gzipped.")


if __name__ == "__main__":
    main()
