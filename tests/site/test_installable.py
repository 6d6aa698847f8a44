"""The planner installs as an app: every page links the web app manifest
(docs/manifest.webmanifest, via overrides/main.html), the manifest names the planner as its
start page, its icons are real PNGs of the stated sizes, and Chromium's own check finds
nothing missing once the service worker controls the page."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import make_icons  # tools/, on the path by pytest's own pythonpath setting
import pytest
from planner_page import ENGINE_TIMEOUT_MS
from playwright.sync_api import BrowserContext, Page
from worker_support import controlling_worker

from planner_testing.chromium import CHROMIUM, CHROMIUM_ARGS

MANIFEST = "manifest.webmanifest"
ICONS = {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
# Which of the given URLs the service worker's cache holds.
CACHED = "async (urls) => (await Promise.all(urls.map((url) => caches.match(url)))).map(Boolean)"
LINK = re.compile(r"<link\b[^>]*>|<meta\b[^>]*>")
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (signature, then the IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def head_tags(html: str) -> list[dict[str, str]]:
    """The attributes of every <link> and <meta> in the page's <head>."""
    head = html[: html.index("</head>")]
    return [dict(ATTR.findall(tag)) for tag in LINK.findall(head)]


def theme_colours(html: str) -> dict[str, str]:
    """The page's theme-color metas, by their media query."""
    tags = [tag for tag in head_tags(html) if tag.get("name") == "theme-color"]
    return {tag["media"]: tag["content"] for tag in tags}


@pytest.fixture(scope="module")
def app_context(playwright, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """A Chromium with a profile on disk: every new_context() of a launched browser is
    incognito, where Chromium never installs an app (its one error there: "in-incognito")."""
    profile = tmp_path_factory.mktemp("profile")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, locale="en-US"
    )
    context.set_default_timeout(ENGINE_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture(scope="module")
def planner(app_context: BrowserContext, site_url: str) -> Page:
    """The planner, once the service worker controls it (it then holds the offline copy)."""
    requests: list[str] = []
    app_context.on("request", lambda request: requests.append(request.url))
    page = app_context.new_page()
    page.goto(f"{site_url}planner/")
    # The worker registers once the planner has started its engine
    # (docs/assets/offline/register.js).
    assert controlling_worker(page) == f"{site_url}sw.js"
    home = urlsplit(site_url).netloc
    assert [url for url in requests if urlsplit(url).netloc not in (home, "")] == []
    return page


@pytest.fixture(scope="module")
def manifest(site_dir: Path) -> dict:
    return json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))


def test_chromium_finds_the_planner_installable(app_context: BrowserContext, planner: Page):
    cdp = app_context.new_cdp_session(planner)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    answer = cdp.send("Page.getAppManifest")
    assert answer["errors"] == []
    assert answer["url"] == urljoin(planner.url, f"../{MANIFEST}")
    assert json.loads(answer["data"])["name"] == "Follow-up Planner"


def test_manifest_names_the_planner_relative_to_itself(manifest: dict, site_url: str):
    """Every URL in the manifest is relative to the manifest, so the site works at any base
    URL (a sub-path too): the app starts on the planner, and its scope is the whole site."""
    assert manifest["name"] == "Follow-up Planner"
    assert 0 < len(manifest["short_name"]) <= 12  # what fits under a home-screen icon
    assert manifest["description"]
    assert manifest["display"] == "standalone"
    address = urljoin(site_url, MANIFEST)
    urls = [manifest["start_url"], manifest["scope"], *(icon["src"] for icon in manifest["icons"])]
    assert [url for url in urls if url.startswith("/") or "//" in url] == []
    assert urljoin(address, manifest["start_url"]) == f"{site_url}planner/"
    assert urljoin(address, manifest["scope"]) == site_url
    for colour in ("background_color", "theme_color"):
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest[colour]), colour


def test_every_icon_is_a_png_of_its_stated_size(manifest: dict, planner: Page, site_url: str):
    icons = manifest["icons"]
    assert {(icon["sizes"], icon.get("purpose", "any")) for icon in icons} == ICONS
    for icon in icons:
        response = planner.request.get(urljoin(site_url + MANIFEST, icon["src"]))
        assert response.ok, icon["src"]
        assert response.headers["content-type"] == icon["type"] == "image/png"
        width, height = png_size(response.body())
        assert f"{width}x{height}" == icon["sizes"], icon["src"]


def test_the_offline_copy_keeps_the_manifest_and_icons(
    manifest: dict, planner: Page, site_url: str
):
    icons = [urljoin(site_url + MANIFEST, icon["src"]) for icon in manifest["icons"]]
    touch_icon = f"{site_url}assets/icons/apple-touch-icon.png"
    urls = [site_url + MANIFEST, *icons, touch_icon]
    assert planner.evaluate(CACHED, urls) == [True] * len(urls)


def test_every_page_links_the_manifest_and_both_theme_colours(site_dir: Path, manifest: dict):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 10
    colours = theme_colours((site_dir / "index.html").read_text(encoding="utf-8"))
    assert colours["(prefers-color-scheme: light)"] == manifest["theme_color"]
    assert set(colours) == {"(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"}
    for built in pages:
        html = built.read_text(encoding="utf-8")
        address = urljoin("http://site.invalid/", built.relative_to(site_dir).as_posix())
        links = [tag["href"] for tag in head_tags(html) if tag.get("rel") == "manifest"]
        assert len(links) == 1, built
        assert urljoin(address, links[0]) == f"http://site.invalid/{MANIFEST}", built
        if built.name != "404.html":  # MkDocs gives the error page absolute links on purpose
            assert not links[0].startswith("/"), built
        assert theme_colours(html) == colours, built


@pytest.mark.parametrize(
    ("scheme", "element"), [("light", ".md-header"), ("dark", "body")], ids=["light", "dark"]
)
def test_theme_colours_are_the_themes_own(new_context, site_url: str, scheme: str, element: str):
    """In the light scheme the bar takes the header's teal, in the dark one the slate
    background, as Material draws them."""
    page = new_context(color_scheme=scheme).new_page()
    page.goto(site_url)
    meta = page.locator(f'meta[name="theme-color"][media="(prefers-color-scheme: {scheme})"]')
    drawn = page.locator(element).evaluate("(element) => getComputedStyle(element).backgroundColor")
    red, green, blue = map(int, re.findall(r"\d+", drawn)[:3])
    assert meta.get_attribute("content") == f"#{red:02x}{green:02x}{blue:02x}"


def test_icons_are_what_the_tool_draws():
    """docs/assets/icons/ holds exactly what tools/make_icons.py draws (which refuses to draw
    the maskable icon's glyph outside the safe zone)."""
    for name in make_icons.ICONS:
        committed = (make_icons.ICON_DIR / name).read_bytes()
        assert committed == make_icons.render(name), f"rerun tools/make_icons.py for {name}"
