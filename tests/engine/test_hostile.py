"""Hostile input: markup, template syntax, script URLs, invisible characters, huge strings and
junk JSON either come out as the same inert text everywhere or are refused with a problem
tied to the field, and nothing but PlanInputError ever escapes the validation layer.

Run longer with HYPOTHESIS_PROFILE=long (`make test-long`).
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from engine_support import situation
from hypothesis import given
from hypothesis import strategies as st

from followup_engine import (
    PlanInputError,
    calendar_response,
    make_plan,
    plan_response,
    plan_to_ics,
    situation_from_dict,
)
from followup_engine.formats import plan_to_markdown, plan_to_text
from followup_engine.validation import MAX_TEXT_LENGTH

TEXT_FIELDS = ("candidate", "company", "role")
PERSON_FIELDS = {"interviewer": "name", "interviewer_email": "email", "interviewer_topic": "topic"}

# Inert text: the engine must hand each back exactly as typed, never evaluated.
MARKUP = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "{% if true %}yes{% endif %}{# note #}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "javascript:alert(1)",
    "\"'><svg onload=alert(1)>",
]
# Refused: each of these must come back as a problem on the field it was typed into.
REFUSED = {
    "newline": "Dana\nLee",
    "carriage return": "Dana\r\nLee",
    "tab": "Dana\tLee",
    "nul": "Dana\x00",
    "line separator": "Dana\u2028Lee",
    "right-to-left override": "Dana \u202egnp.exe",
    "right-to-left mark": "Dana\u200f",
    "arabic letter mark": "Dana\u061c",
    "first strong isolate": "\u2068Dana\u2069",
    "lone surrogate": "Dana\ud800",
    "10,000 characters": "x" * 10_000,
}
# Unicode's Bidi_Control property, plus what can never sit on one line of text.
BIDI_CONTROLS = {chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F))} | {
    chr(c) for c in range(0x2066, 0x206A)
}
NOT_ONE_LINE = {"Cc", "Cs", "Zl", "Zp"}


def with_text(field: str, value: str) -> dict:
    """A situation with an email channel and one interviewer, `value` typed into `field`,
    seen the day after the interview, so that every kind of draft is written."""
    person = {"name": "Dana Lee", "email": "dana@example.com", "topic": "the data platform"}
    data = situation(
        people=[person], channel="email", decision_date="2026-11-20", today="2026-11-17"
    )
    data.update(has_inside_contact=True, has_references=True)
    if field in PERSON_FIELDS:
        person[PERSON_FIELDS[field]] = value
    else:
        data[field] = value
    return data


def everything_written(data: dict) -> str:
    """Every text the engine makes of a situation: plan JSON, text, Markdown and ICS."""
    parsed = situation_from_dict(data)
    plan = make_plan(parsed)
    ics = plan_to_ics(plan, parsed)
    unfolded = ics.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";")
    # UIDs are hex digests: leave them out, so a stray "49" can only come from the text.
    unfolded = "\n".join(line for line in unfolded.splitlines() if not line.startswith("UID:"))
    return "\n".join([json.dumps(plan.to_dict(), ensure_ascii=False), plan_to_text(plan), unfolded])


@pytest.mark.parametrize("field", ["interviewer", "interviewer_topic", *TEXT_FIELDS])
@pytest.mark.parametrize("text", MARKUP)
def test_markup_and_template_syntax_come_out_as_typed(field, text):
    written = everything_written(with_text(field, text))
    assert text in written
    assert "49" not in written  # no template ever evaluated {{7*7}} or its cousins


def test_template_syntax_in_a_name_stays_literal_in_the_message_body():
    plan = make_plan(situation_from_dict(with_text("candidate", "{{7*7}}")))
    bodies = [action.message.body for action in plan.actions if action.message]
    assert bodies and all(body.endswith("Best regards,\n{{7*7}}") for body in bodies)


def test_markdown_escapes_markup_from_the_visitor():
    plan = make_plan(situation_from_dict(with_text("interviewer", "<img src=x onerror=alert(1)>")))
    markdown = plan_to_markdown(plan)
    assert re.search(r"(?<!\\)<", markdown) is None  # every < is escaped
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in markdown


@pytest.mark.parametrize("field", [*PERSON_FIELDS, *TEXT_FIELDS])
@pytest.mark.parametrize("kind", REFUSED)
def test_invisible_multi_line_and_huge_text_is_refused_on_its_field(field, kind):
    with pytest.raises(PlanInputError) as caught:
        situation_from_dict(with_text(field, REFUSED[kind]))
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {field}
    for problem in caught.value.problems:
        assert "\n" not in problem.message and not BIDI_CONTROLS & set(problem.message)
        if field in PERSON_FIELDS:
            assert (problem.round, problem.person) == (0, 0)


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "javascript:alert(1)//@example.com",
        "dana@example.com?bcc=everyone@example.com",
        "dana@example.com&body=hello",
        "dana@example.com%0Abcc:x@example.com",
        "<dana@example.com>",
        "dana@example.com <img src=x>",
        "dana@localhost",
        "dana@example.c",
        "dana@-example.com",
        "dana@exa_mple.com",
    ],
)
def test_addresses_that_could_become_links_or_headers_are_refused(address):
    with pytest.raises(PlanInputError) as caught:
        situation_from_dict(with_text("interviewer_email", address))
    assert [p.field for p in caught.value.problems] == ["interviewer_email"]


@pytest.mark.parametrize(
    "address", ["dana.lee+jobs@mail.example.co.uk", "ana@exämple.de", "x%y@example.org"]
)
def test_unusual_but_real_addresses_are_kept(address):
    plan = make_plan(situation_from_dict(with_text("interviewer_email", address)))
    check_ins = [a for a in plan.actions if a.kind in ("follow_up", "second_follow_up")]
    assert [action.message.to for action in check_ins] == [address, address]


@pytest.mark.parametrize("zero", [0xFF10, 0x0660, 0x0966], ids=["fullwidth", "arabic", "hindi"])
def test_other_scripts_digits_are_not_a_date(zero):
    written = "2026-11-16".translate({ord(str(d)): chr(zero + d) for d in range(10)})
    with pytest.raises(PlanInputError) as caught:
        situation_from_dict(situation(written))
    assert "YYYY-MM-DD" in caught.value.problems[0].message


def test_a_lone_surrogate_never_reaches_the_calendar_file():
    answer = json.loads(calendar_response(json.dumps(with_text("candidate", "Sam\ud800"))))
    assert answer["ok"] is False
    assert answer["errors"][0]["field"] == "candidate"


# Any JSON value at all, and situation-shaped objects whose every value may be junk.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["", "2026-11-16", "email", "US", "__proto__", "{{7*7}}"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
hostile_characters = st.sampled_from(sorted(BIDI_CONTROLS | {"\n", "\r", "\x00", "\ud800"}))
hostile_text = st.text(
    alphabet=st.one_of(st.characters(), hostile_characters, st.sampled_from("<>{}%#&?=@.:")),
    max_size=40,
) | st.builds(lambda char, n: char * n, st.characters(), st.integers(190, 260))
emails_or_junk = hostile_text | st.from_regex(r"[a-z]{1,6}@[a-z]{1,6}\.(com|org)", fullmatch=True)
people = st.lists(
    st.fixed_dictionaries(
        {"name": hostile_text, "email": emails_or_junk},
        optional={
            "topic": hostile_text | json_values,
            "phone": st.sampled_from(["+1 555 010 0199", "555"]) | hostile_text | json_values,
            "role": st.sampled_from(["recruiter", "hiring_manager", "boss"]) | json_values,
        },
    )
    | json_values,
    max_size=3,
)
contacts = st.fixed_dictionaries({}, optional={"name": hostile_text, "email": emails_or_junk})
log_dates = st.sampled_from(["2026-11-10", "2026-11-20", "2026-11-30", "2026-02-30"])
log = st.lists(
    st.fixed_dictionaries(
        {
            "date": log_dates | json_values,
            "event": st.sampled_from(["done", "reply", "outcome", "ghosted"]) | json_values,
        },
        optional={
            "action": st.sampled_from(["keep_applying", "follow_up:2026-11-16", "reply_to_offer"])
            | hostile_text
            | json_values,
            "new_decision_date": log_dates | json_values,
            "outcome": st.sampled_from(["offer", "rejection", "withdrawn", "ghosted"])
            | json_values,
        },
    )
    | json_values,
    max_size=4,
)
rounds = st.lists(
    st.fixed_dictionaries(
        {"date": st.sampled_from(["2026-11-16", "2026-11-09", "2026-02-30", ""]) | json_values},
        optional={"interviewers": people | json_values},
    )
    | json_values,
    max_size=3,
)
situations = st.fixed_dictionaries(
    {"today": st.just("2026-11-25")},
    optional={
        "rounds": rounds | json_values,
        "decision_date": st.sampled_from(["2026-11-20", "2026-11-01", None]) | json_values,
        "checkin_date": st.sampled_from(["2026-11-30", None]) | json_values,
        "channel": st.sampled_from(["email", "phone", None, "EMAIL "]) | json_values,
        "candidate": hostile_text | json_values,
        "company": hostile_text | json_values,
        "role": hostile_text | json_values,
        "has_inside_contact": st.booleans() | json_values,
        "has_references": st.booleans() | json_values,
        "country": st.sampled_from(["US", "de", "XX", None]) | json_values,
        "log": log | json_values,
        "inside_contact": contacts | json_values,
        "references": st.lists(contacts | json_values, max_size=3) | json_values,
        "greeting": st.sampled_from(["first_name", "full_name", "Sir"]) | json_values,
        "date_style": st.sampled_from(["day_month", "month_day", "iso"]) | json_values,
        "id": st.sampled_from(["acme-1", "../etc", "x" * 65]) | hostile_text | json_values,
        "__proto__": json_values,
    },
)


# Steps the plans of `logged_situations` can hold, and one they cannot.
STEP_IDS = [
    "thank_you:2026-11-16:dana-lee",
    "follow_up:2026-11-16",
    "second_follow_up:2026-11-16",
    "ask_inside_contact:2026-11-16",
    "ask_references:2026-11-16:jo-park",
    "follow_up:reply-2026-11-20",
    "keep_applying",
    "reply_to_rejection",
    "reply_to_offer",
    "withdraw",
    "follow_up:1999-01-01",
]
# A valid situation whose history alone may be junk: the log's checks and the plan's
# reading of it get past the parsing more often than in `situations`.
logged_situations = st.fixed_dictionaries(
    {
        "today": st.sampled_from(["2026-11-25", "2026-12-31"]),
        "rounds": st.just(
            [{"date": "2026-11-16", "interviewers": [{"name": "Dana Lee", "email": "d@x.org"}]}]
        ),
        "log": log
        | st.lists(
            st.fixed_dictionaries(
                {
                    "date": log_dates,
                    "event": st.sampled_from(["done", "reply", "outcome"]),
                    "action": st.sampled_from(STEP_IDS),
                    "new_decision_date": st.sampled_from([None, "2026-11-20", "2026-12-04"]),
                    "outcome": st.sampled_from(["offer", "rejection", "withdrawn"]),
                }
            ),
            max_size=5,
        ),
    },
    optional={"references": st.just([{"name": "Jo Park"}]), "has_inside_contact": st.booleans()},
)


def assert_readable(error: PlanInputError) -> None:
    assert error.problems
    assert all(problem.message and "\n" not in problem.message for problem in error.problems)


def accepted_texts(parsed) -> list[str]:
    people = [p for r in parsed.rounds for p in r.interviewers]
    contacts = [*parsed.references, *([parsed.inside_contact] if parsed.inside_contact else [])]
    return [
        parsed.candidate,
        parsed.company,
        parsed.role,
        *(text for p in people for text in (p.name, p.email, p.topic, p.phone)),
        *(text for p in contacts for text in (p.name, p.email)),
    ]


@given(json_values | situations | logged_situations)
def test_validation_refuses_junk_with_problems_and_keeps_only_clean_text(data):
    try:
        parsed = situation_from_dict(data)
    except PlanInputError as error:
        assert_readable(error)
        return
    for text in accepted_texts(parsed):
        assert len(text) <= MAX_TEXT_LENGTH
        assert not BIDI_CONTROLS & set(text)
        assert not any(unicodedata.category(char) in NOT_ONE_LINE for char in text)
    try:
        # A log entry naming a step the plan does not have, or one done before its round,
        # can only be found against the plan's steps.
        plan = make_plan(parsed)
    except PlanInputError as error:
        assert_readable(error)
        assert {problem.field for problem in error.problems} == {"log"}
        assert all(problem.event is not None for problem in error.problems)
        return
    plan_to_ics(plan, parsed).encode("utf-8")
    plan_to_markdown(plan), plan_to_text(plan)


@given(json_values | situations | logged_situations)
def test_the_page_always_gets_an_answer_it_can_read(data):
    text = json.dumps(data)
    for answer in (json.loads(plan_response(text)), json.loads(calendar_response(text))):
        assert answer["ok"] in (True, False)
        if not answer["ok"]:
            assert answer["errors"]
            # Problems the page cannot place beside a control are reported without a field;
            # an internal failure would mean an input the validation layer let through.
            messages = [error["message"] for error in answer["errors"]]
            assert not any(message.startswith("Something went wrong") for message in messages)
