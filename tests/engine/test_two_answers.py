"""The plan in two answers (issue 15): the dated plan first, its drafts after; together they
are exactly `plan_response`'s answer, for valid situations, logs, and broken input alike."""

from __future__ import annotations

import json
from typing import Any

from engine_support import dana, situation
from hypothesis import given
from hypothesis import strategies as st
from test_log_properties import histories
from test_properties import situations

from followup_engine.browser import drafts_response, plan_dates_response, plan_response


def combined(dates_json: str, drafts_json: str) -> dict[str, Any]:
    """The page's merge, as `drafts_response` documents it."""
    dates, drafts = json.loads(dates_json), json.loads(drafts_json)
    if not dates["ok"]:
        return dates
    if not drafts["ok"]:
        return drafts
    assert dates.pop("drafts") == "pending"
    actions = dates["plan"]["actions"]
    assert all(action["message"] is None for action in actions)
    assert set(drafts["drafts"]) == {action["id"] for action in actions}
    for action in actions:
        action["message"] = drafts["drafts"][action["id"]]
    return dates


def assert_two_answers_make_the_plan(data: Any) -> None:
    text = json.dumps(data)
    assert combined(plan_dates_response(text), drafts_response(text)) == json.loads(
        plan_response(text)
    )


@given(situations())
def test_two_answers_make_the_plan_of_any_situation(data):
    assert_two_answers_make_the_plan(data)


@given(histories())
def test_two_answers_make_the_plan_of_any_history(data):
    assert_two_answers_make_the_plan(data)


# Broken input: a field replaced by a wrong value, or no JSON object at all.
broken_fields = st.tuples(
    st.sampled_from(["today", "rounds", "decision_date", "channel", "country", "log", "greeting"]),
    st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)),
)


@given(situations(), broken_fields)
def test_errors_come_in_the_first_answer_exactly_as_before(data, broken):
    field, value = broken
    text = json.dumps({**data, field: value})
    dates = json.loads(plan_dates_response(text))
    if not dates["ok"]:
        assert dates == json.loads(plan_response(text))
    assert_two_answers_make_the_plan({**data, field: value})


def test_unreadable_input_and_unknown_steps_are_refused_in_the_first_answer():
    unknown_step = situation(log=[{"date": "2026-11-20", "event": "done", "action": "nope"}])
    for text in ("", "{", "[]", json.dumps(unknown_step), json.dumps(situation("2026-02-30"))):
        dates = json.loads(plan_dates_response(text))
        assert dates["ok"] is False and dates["errors"]
        assert dates == json.loads(plan_response(text)) == json.loads(drafts_response(text))


def test_the_first_answer_has_every_field_but_the_drafts():
    text = json.dumps(situation(people=[dana()], company="Acme"))
    dates = json.loads(plan_dates_response(text))
    full = json.loads(plan_response(text))
    assert dates["drafts"] == "pending"
    for mine, theirs in zip(dates["plan"]["actions"], full["plan"]["actions"], strict=True):
        assert mine["message"] is None
        assert {**mine, "message": theirs["message"]} == theirs
    assert any(action["message"] for action in full["plan"]["actions"])


def test_the_second_answer_holds_only_the_drafts():
    text = json.dumps(situation(people=[dana()], company="Acme", today="2026-11-16"))
    drafts = json.loads(drafts_response(text))
    assert set(drafts) == {"ok", "drafts"}
    assert drafts["drafts"]["keep_applying"] is None
    thank_you = drafts["drafts"]["thank_you:2026-11-16:dana-lee"]
    assert thank_you["to"] == "dana@example.com" and thank_you["body"].startswith("Dear Dana,")
