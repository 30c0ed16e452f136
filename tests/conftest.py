"""Shared fixtures: one strict build of the real site, a local server that
hosts it under the GitHub Pages project path, and Chromium pages that fail
the test on any request leaving that server."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PATH = "/secure-base/"  # the path part of site_url in mkdocs.yml
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITE_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
SITE_URL = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), strict=True, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with strict=True."""
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", out)
    return out


def copy_project(dest: Path) -> Path:
    """A throwaway copy of the site sources that a test may break."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as an editor runs it; output is what they would read."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


class _ProjectPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under PROJECT_PATH, with 404.html as GitHub Pages does."""

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

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early is not a test failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def server(site_dir: Path) -> str:
    """Base URL of the built site, served under the project path."""
    handler = functools.partial(_ProjectPathHandler, directory=str(site_dir))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PROJECT_PATH}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package 'chromium' (the test command does this as root).")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class OffsiteGuard:
    """Blocks and records every request that is not for the local server."""

    def __init__(self, base_url: str) -> None:
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self.offsite: list[str] = []

    def __call__(self, route, request) -> None:
        url = request.url
        if url.startswith(self.origin + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.offsite.append(url)
            route.abort()


@pytest.fixture()
def make_page(browser, server):
    """Factory for fresh browser pages; the test fails if any page asked another host."""
    contexts = []
    guards = []

    def _make(**context_options):
        context = browser.new_context(**context_options)
        guard = OffsiteGuard(server)
        context.route("**/*", guard)
        contexts.append(context)
        guards.append(guard)
        return context.new_page()

    yield _make
    for context in contexts:
        context.close()
    offsite = [url for guard in guards for url in guard.offsite]
    assert not offsite, f"requests left the local server: {offsite}"


def use_local_sitemap(page, site_dir: Path, server: str) -> None:
    """Let Material's instant navigation work as on the published site.

    Material only navigates instantly to links listed in sitemap.xml, which names
    the published host, so on the test server every click would be a full load.
    """
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8").replace(SITE_URL, server)
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="application/xml"))


def search_for(page, words: str):
    """Type into the focused search box until results show; returns the first result link."""
    query = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__link").first
    for _ in range(20):  # the index loads in a worker; typing before it is ready finds nothing
        query.fill("")
        page.keyboard.type(words, delay=20)
        try:
            result.wait_for(state="visible", timeout=500)
            return result
        except Exception:
            continue
    raise AssertionError(f"search for {words!r} showed no results")


@pytest.fixture()
def page(make_page):
    return make_page()
