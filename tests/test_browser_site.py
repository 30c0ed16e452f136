"""The site in real Chromium, served under the GitHub Pages project path.
Every page here fails its test if the browser asks any host but the local server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import search_for


@pytest.mark.parametrize("path", ["", "styles/anxious/", "help/", "about/privacy/"])
def test_pages_load_with_styles_and_nothing_from_other_hosts(page, server, path):
    response = page.goto(server + path)
    assert response.status == 200
    expect(page.locator(".sb-helpbar__link")).to_be_visible()
    header = page.locator(".md-header")
    # The site's own stylesheet is applied: the header has the deep teal of the palette.
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(29, 92, 88)"
    page.wait_for_load_state("networkidle")


def test_help_link_is_visible_and_reachable_on_a_phone(make_page, server):
    page = make_page(viewport={"width": 360, "height": 740})
    page.goto(server + "styles/secure/")
    link = page.locator(".sb-helpbar__link")
    expect(link).to_be_visible()
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Need help now?"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/secure-base/help/$"))


def test_search_finds_an_article_offline(page, server):
    page.goto(server)
    page.locator("input.md-search__input").click()
    result = search_for(page, "anxious")
    assert "styles/anxious/" in result.get_attribute("href")


def test_palette_toggle_switches_between_light_and_dark(make_page, server):
    page = make_page(color_scheme="light")
    page.goto(server)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_dark_scheme_follows_the_system_preference(make_page, server):
    page = make_page(color_scheme="dark")
    page.goto(server)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_missing_page_shows_the_styled_not_found_page_with_working_links(page, server):
    response = page.goto(server + "no/such/page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(29, 92, 88)"
    page.get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(server)
    expect(page.locator(".sb-header h1")).to_be_visible()


def test_an_article_prints_without_navigation_or_search(page, server):
    page.goto(server + "styles/avoidant/")
    page.emulate_media(media="print")
    for hidden in [".md-banner", ".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".sb-related"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator(".sb-header h1")).to_be_visible()
    expect(page.locator(".sb-header__facts")).to_be_visible()
    expect(page.locator(".sb-disclaimer")).to_be_visible()


@pytest.mark.parametrize("how", ["tap", "keyboard"])
def test_glossary_terms_show_their_definition_on_tap_and_focus(make_page, server, how):
    phone = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
    page = make_page(**(phone if how == "tap" else {}))
    page.goto(server + "styles/anxious/")
    term = page.locator(".sb-article abbr").first
    term.scroll_into_view_if_needed()
    term.tap() if how == "tap" else term.focus()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    assert len(tooltip.inner_text()) > 20


@pytest.mark.parametrize("key", ["Enter", " "])
def test_menu_opens_and_closes_by_keyboard_on_a_phone(make_page, server, key):
    page = make_page(viewport={"width": 360, "height": 740})
    page.goto(server + "styles/secure/")
    button = page.get_by_role("button", name="Site menu")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Site menu":
            break
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(key)
    expect(button).to_have_attribute("aria-expanded", "true")
    drawer_link = page.locator(".md-sidebar--primary .md-nav__link[href]").first
    expect(drawer_link).to_be_visible()
    expect(page.locator(".md-sidebar--primary :focus")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
