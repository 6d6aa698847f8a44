"""Content-Security-Policy: the hook's rewriting, the built pages, and the browser's verdict."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from planner_page import INTERVIEW_DAY, expect_plan, open_planner, type_interview_day
from trust_support import NGINX_SITE_CONF, REPO, CspWatch, Server

from site_build import csp

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def page_url(site_dir: Path, page: Path) -> str:
    """The URL path a visitor uses for a built page ("planner/" for planner/index.html)."""
    relative = page.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


# The hook's rewriting, on small pages.


def test_inline_scripts_move_in_order_and_data_blocks_stay() -> None:
    page = (
        '<script>var a=1</script><script id="__config" type="application/json">{"x":1}</script>'
        '<script src="x.js"></script><script type="module">import "./m.js"</script>'
        "<script defer>var b=2</script>"
    )
    rewritten, moved = csp.externalize_scripts(page, base_url="..")
    assert [script.source for script in moved] == ["var a=1", 'import "./m.js"', "var b=2"]
    names = [script.name for script in moved]
    assert rewritten == (
        f'<script src="../assets/inline/{names[0]}"></script>'
        '<script id="__config" type="application/json">{"x":1}</script>'
        '<script src="x.js"></script>'
        f'<script type="module" src="../assets/inline/{names[1]}"></script>'
        f'<script src="../assets/inline/{names[2]}"></script>'
    )


def test_policy_goes_right_after_charset_once() -> None:
    page = '<html><head><meta charset="utf-8"><title>t</title></head></html>'
    once = csp.insert_policy(page, policy=csp.POLICY)
    assert once.index(csp.meta_tag(csp.POLICY)) < once.index("<title>")
    assert once.index('<meta charset="utf-8">') < once.index(csp.meta_tag(csp.POLICY))
    assert csp.insert_policy(once, policy=csp.POLICY) == once


def test_page_without_head_fails_loudly() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        csp.insert_policy("<p>fragment</p>", policy=csp.POLICY)


def test_moved_scripts_are_written_once(tmp_path: Path) -> None:
    page = "<head><meta charset=utf-8></head><script>var a=1</script>"
    first = csp.secure_page(page, base_url=".", site_dir=tmp_path)
    (written,) = (tmp_path / "assets" / "inline").iterdir()
    stamp = written.stat().st_mtime_ns
    assert csp.secure_page(page, base_url=".", site_dir=tmp_path) == first
    assert written.stat().st_mtime_ns == stamp
    assert written.read_text() == "var a=1"


# The policy is the same everywhere it is written down.


def test_nginx_sends_the_pages_policy_plus_frame_ancestors() -> None:
    config = NGINX_SITE_CONF.read_text()
    headers = re.findall(r'add_header Content-Security-Policy "([^"]+)"', config)
    assert headers == [csp.POLICY + "; frame-ancestors 'none'"]


def test_self_hosting_page_quotes_the_policy() -> None:
    text = (REPO / "docs" / "self-hosting.md").read_text()
    block = re.search(r"```text\n(default-src.*?)```", text, re.S)
    assert block is not None
    assert " ".join(block[1].split()) == csp.POLICY


# The built pages.


def test_every_page_has_the_policy_first_and_no_inline_script(site_dir: Path) -> None:
    pages = html_pages(site_dir)
    assert len(pages) >= 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        first_elements = re.findall(r"<[a-z][^>]*>", head[head.index("<head>") :])[:3]
        assert first_elements[1:3] == ['<meta charset="utf-8">', csp.meta_tag(csp.POLICY)], page
        for attrs, body in SCRIPT.findall(html):
            assert "src=" in attrs or not body.strip() or "application/json" in attrs, page


def test_every_script_a_page_loads_exists(site_dir: Path) -> None:
    base = "http://site.invalid/"
    for page in html_pages(site_dir):
        page_address = urljoin(base, page_url(site_dir, page))
        for attrs, _ in SCRIPT.findall(page.read_text(encoding="utf-8")):
            source = re.search(r'src="([^"]+)"', attrs)
            if source:
                path = urlsplit(urljoin(page_address, source[1])).path.lstrip("/")
                assert (site_dir / path).is_file(), f"{page}: {source[1]}"


# The browser's verdict: no violation on any page, nor while the planner makes a plan.


def test_no_page_breaks_the_policy(site: Server, site_dir: Path, new_context, csp_watch: CspWatch):
    context = new_context()
    csp_watch.attach(context)
    page = context.new_page()
    for built in html_pages(site_dir):
        page.goto(site.url + page_url(site_dir, built))
        page.wait_for_load_state("load")
        assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
        assert csp_watch.violations(page) == [], built


def test_planner_makes_a_plan_under_the_policy(site: Server, new_context, csp_watch: CspWatch):
    context = new_context()
    csp_watch.attach(context)
    page = open_planner(context, site.url)
    type_interview_day(page)
    expect_plan(page, INTERVIEW_DAY)
    assert csp_watch.violations(page) == []
