"""The worker's entry points: JSON strings in, JSON strings out, never an exception."""

import json

import pytest
from engine_support import dana, situation

from followup_engine import calendar_response, plan_response

DATA = situation(people=[dana()], role="Data Analyst")


def test_plan_response_ok():
    answer = json.loads(plan_response(json.dumps(DATA)))
    assert answer["ok"] is True
    assert answer["plan"]["today"] == "2026-11-25"
    assert (answer["plan"]["state"], answer["plan"]["outcome"]) == ("waiting", None)
    assert [a["kind"] for a in answer["plan"]["actions"]][:2] == ["thank_you", "keep_applying"]


def test_plan_response_lists_every_problem():
    answer = json.loads(plan_response(json.dumps(situation("2026-02-30", channel="fax"))))
    assert answer == {
        "ok": False,
        "errors": [
            {
                "field": "interview",
                "round": 0,
                "person": None,
                "event": None,
                "message": answer["errors"][0]["message"],
            },
            {
                "field": "channel",
                "round": None,
                "person": None,
                "event": None,
                "message": "The channel 'fax' is not known: choose email or phone.",
            },
        ],
    }


@pytest.mark.parametrize("text", ["", "{", "null", "[]", '"x"', None, b"\xff"])
def test_unreadable_input_is_an_error_not_an_exception(text):
    answer = json.loads(plan_response(text))
    assert answer["ok"] is False
    assert answer["errors"][0]["field"] is None


def test_json_nested_too_deeply_is_an_error_not_an_exception():
    answer = json.loads(plan_response("[" * 100_000 + "]" * 100_000))
    assert answer["ok"] is False and answer["errors"][0]["field"] is None


def test_a_runaway_situation_is_refused_by_its_size():
    # The 1000 rounds of 1000 interviewers, written compactly (null for each).
    rounds = [{"date": "2026-11-16", "interviewers": [None] * 1000}] * 1000
    answer = json.loads(plan_response(json.dumps({**DATA, "rounds": rounds})))
    assert answer == {
        "ok": False,
        "errors": [
            {
                "field": "interview",
                "round": None,
                "person": None,
                "event": None,
                "message": "The planner takes at most 20 interview rounds; this has 1000.",
            }
        ],
    }


def test_unexpected_failures_become_a_generic_error(monkeypatch):
    import followup_engine.browser as browser

    def broken(situation):
        raise RuntimeError("boom")

    monkeypatch.setattr(browser, "make_checked_plan", broken)
    answer = json.loads(plan_response(json.dumps(DATA)))
    assert answer["ok"] is False and answer["errors"][0]["field"] is None
    assert "boom" not in answer["errors"][0]["message"]


def test_calendar_response_whole_plan_and_one_action():
    # The thank-you is skipped (G16) and keeping on applying has no day: two check-ins remain.
    whole = json.loads(calendar_response(json.dumps(DATA)))
    assert whole["ok"] is True and whole["ics"].count("BEGIN:VEVENT") == 2
    assert "thank-you" not in whole["ics"] and "Keep applying" not in whole["ics"]
    by_index = json.loads(calendar_response(json.dumps(DATA), 2))
    by_id = json.loads(calendar_response(json.dumps(DATA), "follow_up:2026-11-16"))
    assert by_index == by_id
    assert by_id["ics"].count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Email Dana Lee to check in" in by_id["ics"]


@pytest.mark.parametrize("action", [0, "thank_you:2026-11-16:dana-lee"])
def test_calendar_response_refuses_a_skipped_step(action):
    answer = json.loads(calendar_response(json.dumps(DATA), action))
    assert answer["ok"] is False and answer["errors"][0]["field"] is None
    assert "skipped" in answer["errors"][0]["message"]


def test_calendar_response_errors():
    for action in (42, "follow_up:1999-01-01"):
        missing = json.loads(calendar_response(json.dumps(DATA), action))
        assert missing["ok"] is False and missing["errors"][0]["field"] is None
    bad = json.loads(calendar_response(json.dumps(situation(decision_date="2026-11-01"))))
    assert bad["errors"][0]["field"] == "decision_date"
