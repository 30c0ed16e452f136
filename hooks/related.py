"""Related articles: each page ends with up to three pages that share its tags.

Chosen at build time from front-matter tags: the most shared tags first, then
the order of the navigation. Pages are indexed by tag, and for each tag only
the nearest pages in navigation order are compared (all of them while a tag
has up to 2 × NEIGHBOURS + 1 pages), so build time stays linear as the site grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

MAX_RELATED = 3
NEIGHBOURS = 25  # pages compared on each side, per tag
# Tags so broad that sharing them says nothing; they never make pages related.
IGNORED_TAGS = frozenset({"home", "site"})


_nav_pages: list[Any] = []


def on_nav(nav: Any, **kwargs: Any) -> Any:
    # Remember navigation order: pages are suggested in the order readers meet them.
    _nav_pages[:] = nav.pages
    return nav


def on_env(env: Any, **kwargs: Any) -> Any:
    pages = list(_nav_pages)
    tags = {page.file.src_uri: page.meta.get("tags") or [] for page in pages}
    by_uri = {page.file.src_uri: page for page in pages}
    for uri, chosen in related_pages(tags).items():
        by_uri[uri].meta["related"] = [by_uri[other] for other in chosen]
    return env


def related_pages(tags: dict[str, list[str]], limit: int = MAX_RELATED) -> dict[str, list[str]]:
    """Map each page to up to `limit` others, most shared tags first, ties in input order."""
    order = {uri: index for index, uri in enumerate(tags)}
    index: dict[str, list[str]] = defaultdict(list)
    for uri, page_tags in tags.items():
        for tag in sorted(set(page_tags) - IGNORED_TAGS):
            index[tag].append(uri)
    position = {tag: {uri: i for i, uri in enumerate(uris)} for tag, uris in index.items()}
    result = {}
    for uri, page_tags in tags.items():
        shared: Counter[str] = Counter()
        for tag in set(page_tags) - IGNORED_TAGS:
            i = position[tag][uri]
            nearby = index[tag][max(0, i - NEIGHBOURS): i + NEIGHBOURS + 1]
            shared.update(other for other in nearby if other != uri)
        ranked = sorted(shared, key=lambda other: (-shared[other], order[other]))
        result[uri] = ranked[:limit]
    return result
