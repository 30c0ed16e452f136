"""What a reader sees on every built page, and what an editor's front matter does."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

import glossary
import page_meta
import related
from conftest import ROOT, run_build

DOCS = ROOT / "docs"


def article_pages(site_dir: Path) -> dict[str, str]:
    """Built HTML of every Markdown page, keyed by its source path."""
    pages = {}
    for source in sorted(DOCS.rglob("*.md")):
        rel = source.relative_to(DOCS).with_suffix("")
        if rel.name == "index":
            built = site_dir / rel.parent / "index.html"
        else:
            built = site_dir / rel / "index.html"
        pages[source.relative_to(DOCS).as_posix()] = built.read_text(encoding="utf-8")
    return pages


def front_matter(source: str) -> dict:
    text = (DOCS / source).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def test_every_article_shows_reading_time_review_dates_and_reviewer_line(site_dir):
    pages = article_pages(site_dir)
    assert len(pages) >= 15
    for source, html in pages.items():
        meta = front_matter(source)
        assert re.search(r'class="sb-header__time">\d+ min read<', html), source
        assert f'Last reviewed <time datetime="{meta["last_reviewed"]}">' in html, source
        assert f'Next review due <time datetime="{meta["next_review"]}">' in html, source
        if "reviewer" in meta:
            assert f"Clinically reviewed by {meta['reviewer']['name']}" in html, source
        else:
            assert "This page has not yet been clinically reviewed." in html, source


def test_every_page_has_description_help_link_and_disclaimer(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site_dir).as_posix()
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), name
        assert re.search(r'<a class="sb-helpbar__link" href="(?:[^"]*help/|\./)">Need help now\?</a>', html), name
        assert "educational, not medical advice" in html, name


def test_pages_carry_canonical_opengraph_and_medical_webpage_data(site_dir):
    html = (site_dir / "styles" / "anxious" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://secure-base.github.io/secure-base/styles/anxious/">' in html
    assert '<meta property="og:title" content="Anxious attachment">' in html
    assert '<meta property="og:url" content="https://secure-base.github.io/secure-base/styles/anxious/">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    meta = front_matter("styles/anxious.md")
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == str(meta["last_reviewed"])
    assert "reviewedBy" not in data  # nobody is named, so nobody is claimed


def test_related_articles_share_tags_and_number_at_most_three(site_dir):
    html = (site_dir / "styles" / "secure" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<nav class="sb-related".*?</nav>', html, re.S).group(0)
    assert "More like this" in block
    links = re.findall(r'<a href="([^"]+)">', block)
    assert 1 <= len(links) <= 3
    assert "../secure/" not in links and "./" not in links


def test_glossary_terms_explain_themselves_in_articles(site_dir):
    terms = glossary.parse_glossary((DOCS / glossary.GLOSSARY_PAGE).read_text(encoding="utf-8"))
    assert terms
    built = "\n".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("index.html"))
    assert re.search(r"<abbr title=\"[^\"]+\">", built), "no glossary term is marked up on any page"


def test_not_found_page_is_styled_and_uses_project_path(site_dir):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    assert 'href="/secure-base/assets/stylesheets/' in html
    assert 'href="/secure-base/help/"' in html


# Unit tests of the plain functions behind the hooks.

GOOD = {
    "title": "Anxious attachment",
    "description": "What anxious attachment feels like.",
    "last_reviewed": dt.date(2026, 11, 28),
    "next_review": dt.date(2027, 11, 28),
    "tags": ["styles"],
}


def test_complete_front_matter_has_no_problems():
    assert page_meta.check_front_matter(GOOD, "styles/anxious.md") == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"last_reviewed": None}, "docs/x.md: field 'last_reviewed' is missing – expected a date like 2026-11-28."),
        ({"next_review": "soon"}, "docs/x.md: field 'next_review' is 'soon' – expected a date like 2026-11-28."),
        ({"descripton": "typo"}, "docs/x.md: unknown field 'descripton' – did you mean 'description'?"),
        ({"tags": "styles"}, "docs/x.md: field 'tags' is 'styles' – expected a list of words"),
        ({"reviewer": {"name": "A. Person"}}, "docs/x.md: field 'reviewer.credentials' is missing"),
        ({"next_review": dt.date(2026, 1, 1)}, "docs/x.md: field 'next_review' is 2026-01-01, not after last_reviewed"),
    ],
)
def test_front_matter_problems_name_file_field_found_and_expected(change, expected):
    meta = {**GOOD, **change}
    meta = {k: v for k, v in meta.items() if v is not None}
    problems = page_meta.check_front_matter(meta, "x.md")
    assert len(problems) == 1
    assert problems[0].startswith(expected)


def test_reading_minutes_round_up_at_two_hundred_words():
    assert page_meta.reading_minutes("word " * 10) == 1
    assert page_meta.reading_minutes("word " * 1200) == 6
    assert page_meta.reading_minutes("word " * 1201) == 7


def test_related_pages_prefer_more_shared_tags_then_nav_order():
    tags = {"a": ["styles", "anxious"], "b": ["styles"], "c": ["styles", "anxious"], "d": ["therapy"], "e": ["styles"]}
    result = related.related_pages(tags)
    assert result["a"] == ["c", "b", "e"]
    assert result["d"] == []


def test_glossary_entries_become_abbreviations_in_all_forms():
    terms = glossary.parse_glossary("Safe haven\n:   A person you [return](x.md) to when upset.\n")
    assert terms == {"Safe haven": "A person you return to when upset."}
    lines = glossary.abbreviation_lines(terms)
    assert "*[safe haven]: A person you return to when upset." in lines
    assert "*[Safe havens]: A person you return to when upset." in lines


# Builds of a broken or changed copy, as an editor would run them.


def write_page(project: Path, source: str, meta: dict, body: str = "Some words.\n") -> None:
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body
    (project / "docs" / source).write_text(text, encoding="utf-8")


def test_overdue_review_builds_and_shows_a_notice(project_copy):
    meta = {**front_matter("help.md"), "last_reviewed": dt.date(2024, 1, 1), "next_review": dt.date(2025, 1, 1)}
    write_page(project_copy, "help.md", meta)
    result = run_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert "Review overdue: docs/help.md was due for review on 2025-01-01." in result.stderr
    html = (project_copy / "site" / "help" / "index.html").read_text(encoding="utf-8")
    assert "Review overdue:" in html


def test_named_reviewer_is_shown_with_credentials(project_copy):
    meta = {**front_matter("help.md"), "reviewer": {"name": "Dr Ada Example", "credentials": "PhD, clinical psychologist"}}
    write_page(project_copy, "help.md", meta)
    result = run_build(project_copy)
    assert result.returncode == 0, result.stderr
    html = (project_copy / "site" / "help" / "index.html").read_text(encoding="utf-8")
    assert "Clinically reviewed by Dr Ada Example, PhD, clinical psychologist." in html
    assert '"reviewedBy": {"@type": "Person", "description": "PhD, clinical psychologist", "name": "Dr Ada Example"}' in html


def test_related_pages_compare_only_near_neighbours_of_a_crowded_tag():
    tags = {f"p{n}": ["bench"] for n in range(200)}
    result = related.related_pages(tags)
    assert result["p0"] == ["p1", "p2", "p3"]
    assert result["p150"] == ["p125", "p126", "p127"]  # the nearest 25 on each side, earliest first
