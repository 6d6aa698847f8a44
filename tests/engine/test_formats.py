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
# The same, with the thank-you recorded as sent on the day and every check-in by phone.
THANKED = {
    **FULL,
    "channel": "phone",
    "log": [{"date": "2026-11-16", "event": "done", "action": "thank_you:2026-11-16:dana-lee"}],
}


def test_text_lists_every_action_with_its_draft():
    plan, _ = plan_and_situation(FULL)
    text = plan_to_text(plan)
    assert text.startswith("Follow-up plan as of Wednesday 25 November 2026\n")
    assert "1. Mon 16 Nov 2026  [SKIPPED]  Send a thank-you note to Dana Lee\n" in text
    assert "2. Wed 25 Nov 2026  [DUE TODAY]  Keep applying" in text
    assert "3. Thu 26 Nov 2026  Email Dana Lee to check in\n" in text
    assert "Why (G16):" in text and "Guide: if-you-are-late/#a-late-thank-you" in text
    assert "Why (G8):" in text and "Guide: no-timeline/#when-to-ask" in text
    assert "To: dana@example.com" in text and "To: (fill in)" in text
    # The skipped thank-you has no draft: subjects of the check-in, the references and
    # the second check-in, which answers the first in its thread (G23).
    assert text.count("Subject:") == 3
    assert "Subject: Re: Checking in about the Data Analyst role at Acme" in text


def test_text_flags_done_steps_and_prints_no_subject_for_a_call():
    text = plan_to_text(plan_and_situation(THANKED)[0])
    assert "1. Mon 16 Nov 2026  [DONE Mon 16 Nov 2026]  Send a thank-you note to Dana Lee" in text
    assert "3. Thu 26 Nov 2026  Call Dana Lee to check in\n" in text
    assert "Ask for Dana Lee, then say:" in text
    # Only the two emails (the thank-you and the note to references) have a subject.
    assert text.count("Subject:") == 2 and "Call script" not in text
    late = plan_to_text(plan_and_situation({**FULL, "today": "2026-11-30"})[0])
    assert "Thu 26 Nov 2026  [OVERDUE]  Email Dana Lee to check in" in late


def test_json_is_the_published_plan_shape():
    """The fields docs/reference/plan.md describes (tests/test_schemas.py checks the schema)."""
    plan, _ = plan_and_situation(FULL)
    data = json.loads(plan_to_json(plan))
    assert set(data) == {"today", "state", "outcome", "actions"}
    assert (data["state"], data["outcome"]) == ("waiting", None)
    for action in data["actions"]:
        assert set(action) == {
            "id", "date", "kind", "channel", "title", "why", "rule", "guide", "status",
            "done_on", "overdue", "message",
        }  # fmt: skip
    assert data == plan.to_dict()


def test_markdown_checklist():
    plan, _ = plan_and_situation(FULL)
    markdown = plan_to_markdown(plan)
    skipped = "- [ ] **Mon 16 Nov 2026** — ~~Send a thank-you note to Dana Lee~~ *(skipped)*"
    assert skipped in markdown
    assert (
        "- [ ] **Wed 25 Nov 2026** — Keep applying and interviewing while you wait *(due"
        in markdown
    )
    assert "- [ ] **Thu 26 Nov 2026** — Email Dana Lee to check in\n" in markdown
    assert "    > Dear Dana," in markdown
    late = plan_to_markdown(plan_and_situation({**FULL, "today": "2026-11-30"})[0])
    assert "- [ ] **Thu 26 Nov 2026** — Email Dana Lee to check in *(overdue)*" in late


def test_markdown_ticks_done_steps_and_prints_no_subject_for_a_call():
    markdown = plan_to_markdown(plan_and_situation(THANKED)[0])
    done = "- [x] **Mon 16 Nov 2026** — Send a thank-you note to Dana Lee *(done Mon 16 Nov 2026)*"
    assert done in markdown
    assert markdown.count("  - Subject:") == 2 and "Call script" not in markdown


def test_markdown_escapes_visitor_markup():
    evil = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* `code`"
    data = situation(people=[{"name": evil}], company="<b>Acme</b>", candidate="1. Sam")
    markdown = plan_to_markdown(make_plan(situation_from_dict(data)))
    for live in (r"(?<!\\)\[click", r"(?<!\\)<img", r"(?<!\\)<b>", r"(?<!\\)\*bold"):
        assert not re.search(live, markdown), live
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in markdown
    assert "\\<img" in markdown and "\\*bold\\*" in markdown and "\\`code\\`" in markdown
    assert "    > 1\\. Sam" in markdown


#: Text as typed, and as a Markdown export writes it: the characters Markdown would read as
#: markup are escaped; plain words and punctuation are left alone.
MARKDOWN_ESCAPES = {
    "plain words, and more.": "plain words, and more.",
    "# heading": "\\# heading",
    "- item": "\\- item",
    "a_b": "a\\_b",
    "Tom & Jerry": "Tom \\& Jerry",
}


@pytest.mark.parametrize(("text", "escaped"), MARKDOWN_ESCAPES.items())
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


def test_ics_has_one_all_day_event_with_a_reminder_per_step_to_do():
    import icalendar

    plan, parsed = plan_and_situation(FULL)
    text = plan_to_ics(plan, parsed)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "PRODID:-//Follow-up Planner//followup-engine//EN" in text
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    # The skipped thank-you and the standing advice to keep applying get no event.
    assert [str(event["SUMMARY"]) for event in events] == [
        "Acme: Email Dana Lee to check in",
        "Acme: Ask your references whether anyone has called them",
        "Acme: Send Dana Lee one more short note if your check-in got no answer",
    ]
    first = events[0]
    assert "DTSTART;VALUE=DATE:20261126" in text and "DTEND;VALUE=DATE:20261127" in text
    assert "To: dana@example.com" in str(first["DESCRIPTION"])
    assert "DTSTAMP:20261125T000000Z" in text
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    assert text.count("TRIGGER;RELATED=START:PT9H\r\n") == len(events)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@followup-planner") for uid in uids)


def test_ics_leaves_out_done_steps():
    text = plan_to_ics(*plan_and_situation(THANKED))
    assert "thank-you" not in text
    assert "SUMMARY:Acme: Call Dana Lee to check in" in text


def uids(text):
    return [line for line in text.splitlines() if line.startswith("UID:")]


def test_ics_uids_depend_only_on_the_application_and_the_step():
    first = plan_to_ics(*plan_and_situation(FULL))
    again = plan_to_ics(*plan_and_situation(FULL))
    assert first == again
    # Neither today nor a new decision date (which moves every check-in) changes a UID:
    # importing the file again updates the events instead of adding copies.
    later = plan_to_ics(*plan_and_situation({**FULL, "today": "2026-11-30"}))
    assert uids(later) == uids(first)
    moved = plan_to_ics(*plan_and_situation({**FULL, "decision_date": "2026-12-04"}))
    assert "DTSTART;VALUE=DATE:20261207" in moved
    assert uids(moved) == uids(first)
    # Without an application id, the company and role name the application...
    changed = plan_to_ics(*plan_and_situation({**FULL, "company": "Other"}))
    assert not set(uids(changed)) & set(uids(first))
    # ...and with one, the id alone does.
    with_id = plan_to_ics(*plan_and_situation({**FULL, "id": "acme-1"}))
    renamed = plan_to_ics(*plan_and_situation({**FULL, "id": "acme-1", "company": "Other"}))
    assert uids(renamed) == uids(with_id) and not set(uids(with_id)) & set(uids(first))


def test_ics_for_one_action():
    plan, parsed = plan_and_situation(FULL)
    text = plan_to_ics(plan, parsed, only=2)
    assert text.count("BEGIN:VEVENT") == 1
    assert plan.actions[2].date.strftime("%Y%m%d") in text
    assert plan_to_ics(plan, parsed, only=plan.actions[2].id) == text


@pytest.mark.parametrize(
    ("data", "only"),
    [
        (FULL, 0),  # skipped
        (FULL, "thank_you:2026-11-16:dana-lee"),
        (THANKED, 0),  # done
        (THANKED, "thank_you:2026-11-16:dana-lee"),
    ],
)
def test_ics_for_a_done_or_skipped_step_is_refused(data, only):
    from followup_engine import PlanInputError

    plan, parsed = plan_and_situation(data)
    with pytest.raises(PlanInputError):
        plan_to_ics(plan, parsed, only=only)


@pytest.mark.parametrize("index", [-1, 99, True, "1"])
def test_ics_for_a_missing_action(index):
    from followup_engine import PlanInputError

    plan, parsed = plan_and_situation(FULL)
    with pytest.raises(PlanInputError):
        plan_to_ics(plan, parsed, only=index)
