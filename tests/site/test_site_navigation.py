"""The guide's navigation: "Host your own copy" is out of the main navigation (mkdocs.yml
not_in_nav), so the planner's "next page" is not the web-server set-up, yet every page links
to it from the footer (overrides/partials/copyright.html)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import expect

SELF_HOSTING = "self-hosting/"
BASE = "http://site.invalid/"
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def address(site_dir: Path, built: Path) -> str:
    """Where a built page lives on a site at BASE (its links resolve against this)."""
    return urljoin(BASE, built.relative_to(site_dir).as_posix())


def footer_links(html: str, page_address: str) -> list[str]:
    """The footer's links, as site paths ("self-hosting/")."""
    footer = html[html.index('<footer class="md-footer">') : html.index("</footer>")]
    resolved = (urljoin(page_address, href) for href in HREF.findall(footer))
    return [url.removeprefix(BASE) for url in resolved if url.startswith(BASE)]


def test_every_page_links_to_self_hosting_from_its_footer(site_dir: Path) -> None:
    assert (site_dir / SELF_HOSTING / "index.html").is_file()
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 10
    for built in pages:
        html = built.read_text(encoding="utf-8")
        assert SELF_HOSTING in footer_links(html, address(site_dir, built)), built


def test_planner_is_the_last_page_and_self_hosting_is_in_no_page_order(site_dir: Path) -> None:
    """Material's footer and <link rel=next|prev> follow the navigation: the planner still
    points back into the guide and forward to nothing; no page points to self-hosting."""
    planner = site_dir / "planner" / "index.html"
    html = planner.read_text(encoding="utf-8")
    here = address(site_dir, planner)
    previous = re.findall(r'<a href="([^"]*)" class="md-footer__link md-footer__link--prev"', html)
    assert [urljoin(here, href) for href in previous] == [f"{BASE}how-we-count-days/"]
    assert "md-footer__link--next" not in html
    for built in sorted(site_dir.rglob("*.html")):
        page_html = built.read_text(encoding="utf-8")
        order = re.findall(r'<link rel="(?:next|prev)" href="([^"]*)"', page_html)
        order += re.findall(r'<a href="([^"]*)" class="md-footer__link', page_html)
        targets = {urljoin(address(site_dir, built), href) for href in order}
        assert f"{BASE}{SELF_HOSTING}" not in targets, built


def test_visitor_reaches_self_hosting_from_the_planner_footer(context, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}planner/")
    expect(page.locator(".md-footer__link--prev")).to_contain_text("How the planner counts days")
    expect(page.locator(".md-footer__link--next")).to_have_count(0)
    # The planner page hides the sidebar, but its navigation is still in the page (and in
    # the mobile drawer).
    primary_nav = page.locator("nav.md-nav--primary")
    expect(primary_nav.locator('a[href="./"]')).to_have_count(1)  # this page, the planner
    expect(primary_nav.locator(f'a[href$="{SELF_HOSTING}"]')).to_have_count(0)
    page.locator("footer").get_by_role("link", name="Host your own copy").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Host your own copy")
    assert urlsplit(page.url).path == f"/{SELF_HOSTING}"
