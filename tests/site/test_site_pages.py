"""The built site as a whole: every guide link the engine emits lands on a real section, the
guide pages never load Python, and the planner's page code stays CSP- and injection-safe."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from planner_page import TODAY, open_planner
from playwright.sync_api import expect

from followup_engine.browser import plan_response
from followup_engine.guide import GUIDE_ANCHORS
from followup_engine.model import KINDS

ASSETS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "planner"
PLANNER_MD = ASSETS.parents[1] / "planner.md"

ALL_KINDS = set(KINDS)  # every kind of step the engine can plan
ROUND = {"date": "2026-11-09", "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}]}
YESTERDAY = {**ROUND, "date": "2026-11-24"}


def outcome(what: str) -> list[dict]:
    return [{"date": "2026-11-20", "event": "outcome", "outcome": what}]


# One situation per variant: no timeline (G8), promised date (G6), agreed check-in (G3), a
# thank-you in time (G4) or too late (G16), an answer with a new date (G17) or without (G18),
# and each outcome (G20-G22).
SITUATIONS = {
    "no timeline": {"rounds": [ROUND], "has_inside_contact": True, "has_references": True},
    "promised date": {"rounds": [ROUND], "decision_date": "2026-11-18"},
    "agreed check-in": {"rounds": [ROUND], "checkin_date": "2026-11-30", "channel": "phone"},
    "interviewed yesterday": {"rounds": [YESTERDAY]},
    "a new date": {
        "rounds": [ROUND],
        "decision_date": "2026-11-18",
        "log": [{"date": "2026-11-19", "event": "reply", "new_decision_date": "2026-12-04"}],
    },
    "still deciding": {
        "rounds": [ROUND],
        "log": [{"date": "2026-11-19", "event": "reply", "new_decision_date": None}],
    },
    "rejection": {"rounds": [ROUND], "log": outcome("rejection")},
    "offer": {"rounds": [ROUND], "log": outcome("offer")},
    "withdrawn": {"rounds": [ROUND], "log": outcome("withdrawn")},
}


def engine_actions() -> list[dict]:
    actions = []
    for situation in SITUATIONS.values():
        answer = json.loads(plan_response(json.dumps({"today": TODAY, **situation})))
        assert answer["ok"], answer
        actions += answer["plan"]["actions"]
    return actions


def anchors_of(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def test_every_guide_link_lands_on_a_section(site_dir):
    actions = engine_actions()
    assert {action["kind"] for action in actions} == ALL_KINDS
    follow_up_guides = {action["guide"] for action in actions if action["kind"] == "follow_up"}
    assert len(follow_up_guides) == 5, follow_up_guides
    thank_you_rules = {action["rule"] for action in actions if action["kind"] == "thank_you"}
    assert thank_you_rules == {"G4", "G16"}
    for guide in sorted({action["guide"] for action in actions}):
        path, _, anchor = guide.partition("#")
        assert not guide.startswith("/") and anchor, guide
        page = site_dir / path / "index.html"
        assert page.is_file(), f"{guide}: no page {page}"
        assert anchor in anchors_of(page), f"{guide}: no id={anchor!r} on the page"


def test_every_pinned_guide_section_is_on_the_site(site_dir):
    """Every section the engine may link to (GUIDE_ANCHORS) is a real id on a built page."""
    for rule, guides in GUIDE_ANCHORS.items():
        for guide in guides:
            path, _, anchor = guide.partition("#")
            page = site_dir / path / "index.html"
            assert page.is_file(), f"{rule} {guide}: no page {page}"
            assert anchor in anchors_of(page), f"{rule} {guide}: no id={anchor!r} on the page"


def guide_pages(site_dir: Path) -> list[str]:
    pages = [
        page.parent.relative_to(site_dir).as_posix()
        for page in site_dir.glob("*/index.html")
        if page.parent.name not in ("planner", "search", "assets", "pyodide")
    ]
    return ["", *sorted(pages)]


def test_guide_pages_load_no_python(site_dir, site_url, context, traffic):
    page = context.new_page()
    pages = guide_pages(site_dir)
    assert len(pages) >= 8, pages
    for path in pages:
        page.goto(f"{site_url}{path}/" if path else site_url)
    python = [url for url in traffic.urls if "/pyodide/" in url or url.endswith(".whl")]
    planner_code = [url for url in traffic.urls if re.search(r"/assets/planner/.*\.js$", url)]
    assert python == [] and planner_code == []


def test_planner_page_has_no_inline_code():
    source = PLANNER_MD.read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", source)
    assert scripts == ['<script type="module" async src="../assets/planner/planner.js">']
    bodies = re.findall(r"<script\b[^>]*>(.*?)</script>", source, re.DOTALL)
    assert [body.strip() for body in bodies] == [""], "inline script"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
    assert not re.search(r"\sstyle\s*=", source), "inline style"


@pytest.mark.parametrize("module", sorted(path.name for path in ASSETS.glob("*.js")))
def test_page_code_never_writes_html(module):
    code = (ASSETS / module).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, f"{module} uses {sink}"


def test_form_works_while_python_cannot_start(context, site_url):
    """With the runtime unreachable, the page says so and the form stays usable."""
    context.route("**/pyodide/**", lambda route: route.abort())
    page = open_planner(context, site_url)
    status = page.get_by_role("status").filter(has_text="could not start")
    status.wait_for()
    page.get_by_role("button", name="Add a round").click()
    page.locator("#fp-r1-date").fill("2026-11-16")
    page.locator("#fp-company").fill("Acme")
    plan = page.locator("#fp-plan")
    plan.filter(has_text="ran into a problem").wait_for()
    assert page.locator(".fp-round").count() == 2


def test_print_rules_wait_for_paper_yet_still_apply_there(site_dir, site_url, context):
    """print.css does not hold up the first paint (overrides/main.html), and it still hides
    the site's chrome when a guide page is printed."""
    pages = sorted(site_dir.rglob("*.html"))
    for path in pages:
        links = re.findall(r'<link rel="stylesheet"[^>]*print\.css[^>]*>', path.read_text("utf-8"))
        assert len(links) == 1 and 'media="print"' in links[0], path

    page = context.new_page()
    page.goto(f"{site_url}thank-you-note/")
    expect(page.locator(".md-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
