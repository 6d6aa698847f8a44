"""Capture what the previous planner (version 1, commit 131e4fd) really stores.

Fill its form as a person would, wait for its plan, then write every localStorage key that
starts with "followup-planner" to v1-storage.json beside this file (key -> raw string value).
See README.md for how the old site is built and served before running this:

    .venv/bin/python tests/site/data/capture_v1.py http://127.0.0.1:8123/
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

OUT = Path(__file__).with_name("v1-storage.json")
NOON_TODAY = datetime(2026, 11, 25, 12, 0)  # the browser tests' today
KEPT_PLAN_DEADLINE_S = 30


def type_into(page, selector: str, text: str) -> None:
    page.locator(selector).click()
    page.keyboard.type(text)


def capture(site_url: str) -> dict[str, str]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(locale="en-US", service_workers="block")
        context.clock.set_fixed_time(NOON_TODAY)
        context.set_default_timeout(90_000)
        page = context.new_page()
        page.goto(f"{site_url}planner/")
        expect(page.locator("#fp-status")).to_have_text("Ready")

        page.locator("#fp-r0-date").fill("2026-11-09")
        type_into(page, "#fp-r0-p0-name", "Ana Ruiz")
        type_into(page, "#fp-r0-p0-email", "ana.ruiz@initech.example")
        page.get_by_role("button", name="Add a round").click()
        page.locator("#fp-r1-date").fill("2026-11-16")
        type_into(page, "#fp-r1-p0-name", "Bo Chen")
        type_into(page, "#fp-r1-p0-email", "bo.chen@initech.example")
        page.locator("#fp-decision-date").fill("2026-11-27")
        page.get_by_label("How to get in touch").select_option("email")
        type_into(page, "#fp-candidate", "Sam Rivera")
        type_into(page, "#fp-company", "Initech")
        type_into(page, "#fp-role", "QA Engineer")
        page.get_by_label("I gave references").check()
        page.locator("#fp-country").select_option("GB")
        expect(page.locator("#fp-plan .fp-action").first).to_be_visible()
        # The kept plan is written right after the plan is drawn; wait for it to name GB.
        # (The page's CSP forbids wait_for_function's eval; evaluate is not affected.)
        kept = "(localStorage.getItem('followup-planner:v1:plan') || '').includes('GB')"
        deadline = time.monotonic() + KEPT_PLAN_DEADLINE_S
        while not page.evaluate(kept):
            if time.monotonic() > deadline:
                raise SystemExit(f"no kept plan naming GB after {KEPT_PLAN_DEADLINE_S} s")
            page.wait_for_timeout(100)
        stored = page.evaluate(
            """() => Object.fromEntries(
                Object.keys(localStorage)
                    .filter((key) => key.startsWith("followup-planner"))
                    .sort()
                    .map((key) => [key, localStorage.getItem(key)]))"""
        )
        browser.close()
    return stored


if __name__ == "__main__":
    data = capture(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8123/")
    OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {sorted(data)}")
