"""What the benchmark scripts share: copies of the site, builds, a local server
under the GitHub Pages project path, tables, and a description of the machine."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
PROJECT_PATH = "/secure-base/"
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_site(dest: Path) -> Path:
    """A fresh copy of the site sources at dest (replacing what was there)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in SITE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def build(project: Path, site_dir: Path | None = None, strict: bool = True) -> float:
    """Build the site in this process, as `mkdocs build` does; return the seconds taken."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the tables are the output
    site_dir = site_dir or project / "site"
    start = time.perf_counter()
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=strict, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class _ProjectPathHandler(http.server.SimpleHTTPRequestHandler):
    """The built site under PROJECT_PATH, with 404.html for missing pages, as GitHub Pages serves it."""

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(PROJECT_PATH):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PROJECT_PATH):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        # GitHub Pages sends text gzipped; do the same, or page-speed figures would be for raw bytes.
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().do_GET()  # the redirect to the address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields the base URL (ending in the project path)."""
    handler = functools.partial(_ProjectPathHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PROJECT_PATH}"
    finally:
        httpd.shutdown()


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
