"""Compatibility: the site builds, strictly, with ProperDocs 1.6.7 (the
maintained fork of MkDocs 1.6) and produces the same set of pages as MkDocs.

    .venv/bin/python benchmarks/compat.py

Makes a separate virtual environment, benchmarks/out/venv-properdocs, with the
site's pinned requirements but ProperDocs in place of MkDocs (MkDocs itself is
left out, so Material's `import mkdocs` really goes to ProperDocs), then
builds the site with each tool and compares the files they write.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, ROOT, build, copy_site, machine, table

PROPERDOCS = "properdocs==1.6.7"
VENV = OUT / "venv-properdocs"
LEFT_OUT = ("mkdocs==", "mkdocs-get-deps==")  # ProperDocs replaces these


def main() -> None:
    print(f"Machine: {machine()}\n")
    python = make_venv()
    project = copy_site(OUT / "compat-src")
    mkdocs_site = OUT / "compat-mkdocs"
    properdocs_site = OUT / "compat-properdocs"
    mkdocs_seconds = build(project, mkdocs_site)
    start = time.perf_counter()
    done = subprocess.run(
        [str(python), "-m", "properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(properdocs_site)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    properdocs_seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        sys.exit("ProperDocs could not build the site strictly (output above).")
    about = subprocess.run([str(python), "-m", "properdocs", "--version"], capture_output=True, text=True).stdout
    version = "ProperDocs " + (re.search(r"version (\S+)", about) or re.search(r"(\S+)", about or "?")).group(1)

    ours, theirs = files(mkdocs_site), files(properdocs_site)
    pages_ours = {f for f in ours if f.endswith(".html")}
    pages_theirs = {f for f in theirs if f.endswith(".html")}
    differing = [f for f in sorted(pages_ours & pages_theirs) if normalised(mkdocs_site / f) != normalised(properdocs_site / f)]
    print("## Strict build with MkDocs and with ProperDocs\n")
    print(table(
        ["tool", "strict build", "HTML pages", "all files", "build (s)"],
        [
            ["MkDocs 1.6.1 (in process)", "passes", len(pages_ours), len(ours), f"{mkdocs_seconds:.2f}"],
            [f"{version} (command line)", "passes", len(pages_theirs), len(theirs), f"{properdocs_seconds:.2f}"],
        ],
    ))
    print()
    if pages_ours == pages_theirs:
        print(f"Same set of {len(pages_ours)} pages.")
    else:
        print(f"Pages only MkDocs wrote: {sorted(pages_ours - pages_theirs)}")
        print(f"Pages only ProperDocs wrote: {sorted(pages_theirs - pages_ours)}")
    if ours != theirs:
        print(f"Other files that differ: only MkDocs {sorted(ours - theirs)}, only ProperDocs {sorted(theirs - ours)}")
    print(f"Pages whose HTML differs beyond the generator tag: {len(differing)}{': ' + ', '.join(differing[:10]) if differing else ''}")


def make_venv() -> Path:
    python = VENV / "bin" / "python"
    stamp = VENV / f".installed-{PROPERDOCS}"
    if stamp.exists():
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    pins = [
        line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(LEFT_OUT)
    ]
    # --no-deps: the pins are complete, and Material's own requirement would pull MkDocs back in.
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", PROPERDOCS, *pins],
        check=True,
    )
    stamp.touch()
    return python


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def normalised(page: Path) -> str:
    """The page's HTML without the generator tag, which names the tool."""
    text = page.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if 'name="generator"' not in line)


if __name__ == "__main__":
    main()
