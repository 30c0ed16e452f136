"""Hosting: the built site works where GitHub Pages puts it, under the project
path (/secure-base/), with nothing but files.

Plain HTTP against the test server, HTML read with html.parser: every link,
stylesheet, script, image, anchor, the search index and the sitemap resolve,
and a missing page gets the styled 404 page, whose own links resolve too.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from conftest import MISSING, SITE_URL, built_pages

LINK_ATTRS = {"href", "src", "poster", "data"}
NOT_FETCHED = ("mailto:", "tel:", "sms:", "javascript:", "data:")


class LinkParser(HTMLParser):
    """Collects every URL an HTML page refers to, and the ids it offers as anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRS:
                self.urls.append((tag, value))
            elif name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "content" and value.startswith(SITE_URL):
                self.urls.append((tag, value))  # og:url and friends
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
        self._in_config = tag == "script" and ("id", "__config") in attrs

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


class Fetcher:
    """GETs each URL once; remembers status, body and parsed links."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[int, bytes, str]] = {}

    def get(self, url: str) -> tuple[int, bytes, str]:
        if url not in self.cache:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    self.cache[url] = (response.status, response.read(), response.headers.get_content_type())
            except urllib.error.HTTPError as error:
                self.cache[url] = (error.code, error.read(), error.headers.get_content_type())
        return self.cache[url]

    def parse(self, url: str) -> LinkParser:
        parser = LinkParser()
        parser.feed(self.get(url)[1].decode("utf-8", "replace"))
        return parser


def local(url: str, server: str) -> str | None:
    """The test server's URL for a link into the site, or None for another host."""
    if url.startswith(SITE_URL):
        return server + url[len(SITE_URL):]
    if urlsplit(url).netloc == urlsplit(server).netloc:
        return url
    return None


def broken_links(fetcher: Fetcher, page_url: str, server: str) -> list[str]:
    """Every link on one page that does not resolve, as 'page → link: why'."""
    status, body, kind = fetcher.get(page_url)
    parser = fetcher.parse(page_url)
    refs = [(tag, url) for tag, url in parser.urls if not url.startswith(NOT_FETCHED)]
    if parser.config:
        config = json.loads(parser.config)
        # Material's script finds the search worker and index from these, relative to the page.
        base = urljoin(page_url, config["base"].rstrip("/") + "/")
        refs.append(("__config", urljoin(base, "search/search_index.json")))
        if config.get("search"):
            refs.append(("__config", urljoin(page_url, config["search"])))
    problems = []
    for tag, ref in refs:
        target = local(urljoin(page_url, ref), server)
        if target is None:
            continue  # another host: not part of this site
        address, anchor = urldefrag(target)
        if address == urldefrag(page_url)[0]:  # same document, even if it is the 404 page
            if anchor and unquote(anchor) not in parser.ids:
                problems.append(f"{page_url} → <{tag}> {ref}: no element with id '{unquote(anchor)}'")
            continue
        status, body, kind = fetcher.get(address)
        if status != 200:
            problems.append(f"{page_url} → <{tag}> {ref}: HTTP {status}")
        elif anchor and kind == "text/html" and unquote(anchor) not in fetcher.parse(address).ids:
            problems.append(f"{page_url} → <{tag}> {ref}: no element with id '{unquote(anchor)}'")
    return problems


def css_urls(fetcher: Fetcher, css_url: str) -> list[str]:
    text = fetcher.get(css_url)[1].decode("utf-8", "replace")
    found = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text)
    return [urljoin(css_url, u) for u in found if not u.startswith(("data:", "#"))]


@pytest.fixture(scope="module")
def fetcher() -> Fetcher:
    return Fetcher()


def test_every_page_is_served_under_the_project_path(site_dir, server, fetcher):
    problems = []
    for path in built_pages(site_dir):
        status, body, kind = fetcher.get(server + path)
        if status != 200 or kind != "text/html":
            problems.append(f"{server + path}: HTTP {status} {kind}")
    assert not problems, "\n".join(problems)


def test_every_link_asset_and_anchor_resolves(site_dir, server, fetcher):
    problems = []
    for path in built_pages(site_dir):
        problems += broken_links(fetcher, server + path, server)
    stylesheets = [url for url in list(fetcher.cache) if url.endswith(".css")]
    for css in stylesheets:
        for url in css_urls(fetcher, css):
            target = local(url, server)
            if target and fetcher.get(urldefrag(target)[0])[0] != 200:
                problems.append(f"{css} → url({url}): HTTP {fetcher.get(urldefrag(target)[0])[0]}")
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(sorted(set(problems)))


def test_search_index_lists_every_page(site_dir, server, fetcher):
    status, body, kind = fetcher.get(server + "search/search_index.json")
    assert status == 200, f"search index: HTTP {status}"
    locations = {doc["location"].split("#")[0] for doc in json.loads(body)["docs"]}
    missing = sorted(set(built_pages(site_dir)) - locations)
    assert not missing, f"pages missing from the search index: {missing}"
    for location in sorted(locations):
        assert fetcher.get(server + location)[0] == 200, f"search result {location} does not resolve"


def test_sitemap_lists_every_page_at_its_published_address(site_dir, server, fetcher):
    status, body, kind = fetcher.get(server + "sitemap.xml")
    assert status == 200, f"sitemap.xml: HTTP {status}"
    assert fetcher.get(server + "sitemap.xml.gz")[0] == 200, "sitemap.xml.gz does not resolve"
    locs = re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8"))
    assert all(loc.startswith(SITE_URL) for loc in locs), f"sitemap URLs outside {SITE_URL}: {locs}"
    listed = {loc[len(SITE_URL):] for loc in locs}
    missing = sorted(set(built_pages(site_dir)) - listed)
    assert not missing, f"pages missing from the sitemap: {missing}"
    broken = [loc for loc in locs if fetcher.get(local(loc, server))[0] != 200]
    assert not broken, f"sitemap entries that do not resolve: {broken}"


@pytest.mark.parametrize("missing", [MISSING, "styles/no-such-style/", "a/deeply/nested/missing/page.html"])
def test_missing_page_gets_the_styled_404_and_its_links_resolve(server, fetcher, missing):
    url = server + missing
    status, body, kind = fetcher.get(url)
    assert status == 404, f"{url}: HTTP {status}, expected 404"
    text = body.decode("utf-8")
    assert "Page not found" in text, f"{url}: not the site's 404 page"
    parser = fetcher.parse(url)
    assert any(u.endswith(".css") for tag, u in parser.urls if tag == "link"), f"{url}: the 404 page has no stylesheet"
    problems = broken_links(fetcher, url, server)
    assert not problems, f"the 404 page, reached at {url}, has broken links:\n" + "\n".join(problems)
