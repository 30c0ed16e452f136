"""What the benchmark scripts share: copies of the site, builds, a local server
under the GitHub Pages project path, tables, and a description of the machine."""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from local_site import ROOT, build_site, copy_site, serve  # noqa: E402,F401 (the scripts import these from here)

OUT = ROOT / "benchmarks" / "out"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(project: Path, site_dir: Path | None = None, strict: bool = True) -> float:
    """Build the site in this process, as `mkdocs build` does; return the seconds taken."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the tables are the output
    start = time.perf_counter()
    build_site(project / "mkdocs.yml", site_dir or project / "site", strict=strict)
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, so the output can be pasted into benchmarks/README.md as it is."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def machine() -> str:
    """One line on where the figures come from."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "?"
    with contextlib.suppress(OSError, ValueError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    chromium = "no Chromium"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {ram} RAM, Python {platform.python_version()}, {chromium}; "
        f"load average {load:.1f} at the start; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
