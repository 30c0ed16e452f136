"""The site on this machine: copy its sources, build it, and serve the build
as GitHub Pages does (under the project path, with 404.html for missing pages).

Shared by the tests and the benchmarks. Run on its own to look at a build:

    ./dev build && .venv/bin/python scripts/local_site.py site
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
PROJECT_PATH = urlsplit(SITE_URL).path  # e.g. /secure-base/
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_site(dest: Path) -> Path:
    """A fresh copy of the site sources at dest, to change or break without harm."""
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


def build_site(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    """Build in this process, as `mkdocs build` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Files under PROJECT_PATH, 404.html for anything missing; gzip when asked for."""

    compress = False

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(PROJECT_PATH):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PROJECT_PATH):])

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, compress: bool = False, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its base URL, ending in the project path.
    compress=True sends text gzipped, as GitHub Pages does (for page-speed figures)."""
    handler = type("Handler", (PagesHandler,), {"compress": compress})
    httpd = _QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PROJECT_PATH}"
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    with serve(site, compress=True, port=8001) as url:
        print(f"Serving {site} at {url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
