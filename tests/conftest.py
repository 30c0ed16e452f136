"""Shared fixtures: one strict build of the real site, a local server that
hosts it under the GitHub Pages project path, and Chromium pages that fail
the test on any request leaving that server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from local_site import ROOT, SITE_URL, build_site, copy_site, serve

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

MISSING = "this-page-does-not-exist/"  # served with the site's 404 page

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with strict=True."""
    out = tmp_path_factory.mktemp("site")
    build_site(ROOT / "mkdocs.yml", out)
    return out


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
    """A throwaway copy of the site sources that a test may break."""
    return copy_site(tmp_path / "project")


@pytest.fixture(scope="session")
def server(site_dir: Path) -> str:
    """Base URL of the built site, served under the project path as GitHub Pages does."""
    with serve(site_dir) as url:
        yield url


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


def built_pages(site_dir: Path) -> list[str]:
    """Every built page as a path under the site root ("" for the home page)."""
    return sorted(
        "" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
        for p in site_dir.rglob("index.html")
    )


def show_quiz_result(page) -> None:
    """Answer every quiz question, then ask for the result, as a reader would."""
    page.wait_for_selector("[data-sb-ready]", state="attached")  # the quiz script has set up
    form = page.locator("form[data-sb-form]")
    names = form.evaluate(
        "f => [...new Set([...f.querySelectorAll('input[type=radio]')].map(i => i.name))]"
    )
    assert names, f"{page.url}: the quiz has no questions"
    for name in names:
        form.locator(f'input[type=radio][name="{name}"]').first.check()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("[data-sb-result]", state="visible")


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
        except Exception:
            continue
        # Each keystroke starts a search; wait until the last one has drawn its results.
        page.wait_for_function(
            """() => {
                const list = document.querySelector('.md-search-result__list');
                const now = list && list.innerHTML;
                const same = now && now === window.sbLastResults;
                window.sbLastResults = now;
                return same;
            }""",
            polling=300,
        )
        return result
    raise AssertionError(f"search for {words!r} showed no results")


@pytest.fixture()
def page(make_page):
    return make_page()
