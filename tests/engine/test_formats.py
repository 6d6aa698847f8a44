"""Text, Markdown, JSON and iCalendar renderings of a plan."""

import json
import re

import pytest
from engine_support import dana, situation

from followup_engine import make_plan, plan_to_ics, situation_from_dict
from followup_engine.formats import escape_markdown, plan_to_json, plan_to_markdown, plan_to_text


def plan_and_situation(data):
    parsed = situation_from_dict(data)
    return make_plan(parsed), parsed


FULL = situation(people=[dana()], company="Acme", role="Data Analyst", has_references=True)


def test_text_lists_every_action_with_its_draft():
    plan, _ = plan_and_situation(FULL)
    text = plan_to_text(plan)
    assert text.startswith("Follow-up plan as of Wednesday 25 November 2026\n")
    assert "1. Mon 16 Nov 2026  [OVERDUE]  Send a thank-you note to Dana Lee" in text
    assert "Why (G8):" in text and "Guide: no-timeline/#when-to-ask" in text
    assert "To: dana@example.com" in text and "To: (fill in)" in text
    assert text.count("Subject:") == 4


def test_json_is_the_contract_shape():
    plan, _ = plan_and_situation(FULL)
    data = json.loads(plan_to_json(plan))
    assert set(data) == {"today", "actions"}
    assert set(data["actions"][0]) == {
        "date", "kind", "channel", "title", "why", "rule", "guide", "overdue", "message",
    }  # fmt: skip


def test_markdown_checklist():
    plan, _ = plan_and_situation(FULL)
    markdown = plan_to_markdown(plan)
    assert "- [ ] **Mon 16 Nov 2026** — Send a thank-you note to Dana Lee *(overdue)*" in markdown
    assert "- [ ] **Thu 26 Nov 2026** — Email Dana Lee to check in" in markdown
    assert "    > Dear Dana Lee," in markdown


def test_markdown_escapes_visitor_markup():
    evil = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* `code`"
    data = situation(people=[{"name": evil}], company="<b>Acme</b>", candidate="1. Sam")
    markdown = plan_to_markdown(make_plan(situation_from_dict(data)))
    for live in (r"(?<!\\)\[click", r"(?<!\\)<img", r"(?<!\\)<b>", r"(?<!\\)\*bold"):
        assert not re.search(live, markdown), live
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in markdown
    assert "\\<img" in markdown and "\\*bold\\*" in markdown and "\\`code\\`" in markdown
    assert "    > 1\\. Sam" in markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words, and more.", "plain words, and more."),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("a_b", "a\\_b"),
        ("Tom & Jerry", "Tom \\& Jerry"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


def test_ics_has_one_all_day_event_per_action():
    import icalendar

    plan, parsed = plan_and_situation(FULL)
    text = plan_to_ics(plan, parsed)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "PRODID:-//Follow-up Planner//followup-engine//EN" in text
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan.actions)
    first = events[0]
    assert "DTSTART;VALUE=DATE:20261116" in text and "DTEND;VALUE=DATE:20261117" in text
    assert str(first["SUMMARY"]) == "Send a thank-you note to Dana Lee"
    assert "To: dana@example.com" in str(first["DESCRIPTION"])
    assert "DTSTAMP:20261125T000000Z" in text
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@followup-planner") for uid in uids)


def test_ics_uids_are_stable_and_ignore_today():
    first = plan_to_ics(*plan_and_situation(FULL))
    again = plan_to_ics(*plan_and_situation(FULL))
    assert first == again
    later = plan_to_ics(*plan_and_situation({**FULL, "today": "2026-11-30"}))

    def uids(text):
        return [line for line in text.splitlines() if line.startswith("UID:")]

    # Only the keep-applying reminder moves with today; every other event keeps its UID.
    assert len(set(uids(later)) & set(uids(first))) == len(uids(first)) - 1
    changed = plan_to_ics(*plan_and_situation({**FULL, "company": "Other"}))
    assert uids(changed) != uids(first)


def test_ics_for_one_action():
    plan, parsed = plan_and_situation(FULL)
    text = plan_to_ics(plan, parsed, only=2)
    assert text.count("BEGIN:VEVENT") == 1
    assert plan.actions[2].date.strftime("%Y%m%d") in text


@pytest.mark.parametrize("index", [-1, 99, True, "1"])
def test_ics_for_a_missing_action(index):
    from followup_engine import PlanInputError

    plan, parsed = plan_and_situation(FULL)
    with pytest.raises(PlanInputError):
        plan_to_ics(plan, parsed, only=index)
