"""Example tests for the wait as it unfolds (G15-G24): the log, late arrivals, answers,
new rounds, outcomes, threads and who gets what."""

from datetime import date

import pytest
from engine_support import dana, situation

from followup_engine import PlanInputError, plan_from_dict
from followup_engine.business_days import BusinessCalendar

WEEKDAYS = BusinessCalendar()


def plan(data):
    return plan_from_dict(data)


def by_kind(result, kind):
    return [action for action in result["actions"] if action["kind"] == kind]


def one(result, kind):
    (action,) = by_kind(result, kind)
    return action


def done(day, action):
    return {"date": day, "event": "done", "action": action}


def reply(day, new_date=None):
    return {"date": day, "event": "reply", "new_decision_date": new_date}


def outcome(day, what):
    return {"date": day, "event": "outcome", "outcome": what}


def problem(data):
    with pytest.raises(PlanInputError) as caught:
        plan(data)
    return caught.value.problems[0]


ACME = {"company": "Acme", "role": "Data Analyst", "candidate": "Sam Rivera"}


# Ids and statuses


def test_every_action_has_a_stable_id_and_a_status():
    result = plan(situation(people=[dana()], decision_date="2026-11-27", has_references=True))
    assert [(a["id"], a["status"]) for a in result["actions"]] == [
        ("thank_you:2026-11-16:dana-lee", "skipped"),
        ("keep_applying", "due"),
        ("follow_up:2026-11-16", "upcoming"),
        ("ask_references:2026-11-16", "upcoming"),
        ("second_follow_up:2026-11-16", "upcoming"),
    ]
    assert result["state"] == "waiting" and result["outcome"] is None
    assert all(a["done_on"] is None for a in result["actions"])


@pytest.mark.parametrize(
    "addition",
    [
        {"decision_date": "2026-11-27"},
        {"country": "US"},
        {"company": "Acme"},
        {"checkin_date": "2026-12-01", "channel": "phone"},
    ],
)
def test_ids_do_not_change_when_details_are_added(addition):
    base = situation(people=[dana()], has_inside_contact=True)
    before = {a["id"] for a in plan(base)["actions"]}
    after = {a["id"] for a in plan({**base, **addition})["actions"]}
    assert before <= after


def test_ids_do_not_change_when_another_interviewer_is_added():
    base = situation(people=[dana()])
    before = {a["id"] for a in plan(base)["actions"]}
    more = situation(people=[{"name": "Omar Haddad"}, dana()])
    after = {a["id"] for a in plan(more)["actions"]}
    assert before <= after and "thank_you:2026-11-16:omar-haddad" in after


def test_two_interviewers_with_one_name_get_distinct_ids():
    people = [{"name": "Li Wei", "email": "li@example.com"}, {"name": "Li Wei", "email": "w@x.org"}]
    result = plan(situation(people=people, today="2026-11-16"))
    assert [a["id"] for a in by_kind(result, "thank_you")] == [
        "thank_you:2026-11-16:li-wei",
        "thank_you:2026-11-16:li-wei~2",
    ]


def test_one_person_listed_twice_gets_one_thank_you():
    result = plan(situation(people=[dana(), dana()], today="2026-11-16"))
    assert [a["id"] for a in by_kind(result, "thank_you")] == ["thank_you:2026-11-16:dana-lee"]


# G15: done steps


def test_a_done_thank_you_is_done_on_its_day():
    data = situation(people=[dana()], log=[done("2026-11-17", "thank_you:2026-11-16:dana-lee")])
    note = one(plan(data), "thank_you")
    assert (note["status"], note["done_on"], note["overdue"]) == ("done", "2026-11-17", False)
    assert note["date"] == "2026-11-16"


def test_later_steps_count_from_the_day_the_check_in_was_sent():
    data = situation(
        people=[dana()],
        has_inside_contact=True,
        today="2026-11-27",
        log=[done("2026-11-24", "follow_up:2026-11-16")],  # planned for Thu 26 Nov
    )
    result = plan(data)
    assert one(result, "follow_up")["done_on"] == "2026-11-24"
    assert one(result, "second_follow_up")["date"] == "2026-12-01"  # 5 business days
    assert one(result, "ask_inside_contact")["date"] == "2026-11-27"  # 3 business days


# G16: arriving late


def late_arrival(**fields):
    """Interview a month ago, nothing logged."""
    return situation(
        "2026-10-28", people=[dana()], today="2026-11-30", has_references=True, **ACME, **fields
    )


def test_a_late_arrival_gets_one_overdue_message_and_the_rest_counts_from_today():
    result = plan(late_arrival())
    statuses = {a["kind"]: a["status"] for a in result["actions"]}
    assert statuses == {
        "thank_you": "skipped",
        "follow_up": "overdue",
        "keep_applying": "due",
        "ask_references": "upcoming",
        "second_follow_up": "upcoming",
    }
    follow_up = one(result, "follow_up")
    assert follow_up["date"] == "2026-11-09"  # keeps the date it was planned for
    assert one(result, "ask_references")["date"] == "2026-12-03"  # today + 3
    assert one(result, "second_follow_up")["date"] == "2026-12-07"  # today + 5


def test_a_skipped_thank_you_is_folded_into_the_next_message_to_that_person():
    result = plan(late_arrival())
    note = one(result, "thank_you")
    assert (note["rule"], note["message"]) == ("G16", None)
    assert note["guide"] == "if-you-are-late/#a-late-thank-you"
    assert (
        "Thank you for taking the time to meet with me"
        in one(result, "follow_up")["message"]["body"]
    )
    assert "meet with me" not in one(result, "second_follow_up")["message"]["body"]


def test_a_thank_you_a_little_late_is_still_sent():
    result = plan(situation(people=[dana()], today="2026-11-19"))  # 3 business days late
    assert one(result, "thank_you")["status"] == "overdue"
    result = plan(situation(people=[dana()], today="2026-11-20"))  # 4 business days late
    assert one(result, "thank_you")["status"] == "skipped"


def test_no_draft_mentions_a_message_that_was_not_recorded_as_sent():
    result = plan(late_arrival())
    second = one(result, "second_follow_up")["message"]["body"]
    assert "I wrote to you" not in second and "9 November" not in second


def test_the_second_check_in_names_the_day_the_first_was_sent():
    data = late_arrival(log=[done("2026-11-30", "follow_up:2026-10-28")])
    second = one(plan(data), "second_follow_up")["message"]["body"]
    assert "I wrote to you on Monday 30 November 2026" in second


def test_the_second_call_names_the_day_of_the_first_call_only_when_logged():
    data = late_arrival(channel="phone")
    assert "I called on" not in one(plan(data), "second_follow_up")["message"]["body"]
    data["log"] = [done("2026-11-27", "follow_up:2026-10-28")]
    assert (
        "I called on Friday 27 November 2026"
        in (one(plan(data), "second_follow_up")["message"]["body"])
    )


def test_no_two_pending_messages_to_one_person_on_one_day():
    # A Saturday round: the thank-you waits for Monday, the day the check-in agreed for
    # Monday falls on; the check-in thanks her and the note is not sent on its own.
    data = situation("2026-11-21", people=[dana()], checkin_date="2026-11-23", today="2026-11-21")
    result = plan(data)
    note, check_in = one(result, "thank_you"), one(result, "follow_up")
    assert (note["status"], check_in["date"], check_in["status"]) == (
        "skipped",
        "2026-11-23",
        "upcoming",
    )
    assert "meet with me" in check_in["message"]["body"]


# G17/G18: they answered


def test_an_answer_with_a_new_date_starts_a_new_cycle():
    data = situation(
        people=[dana()],
        decision_date="2026-11-20",
        today="2026-11-30",
        log=[
            done("2026-11-16", "thank_you:2026-11-16:dana-lee"),
            done("2026-11-23", "follow_up:2026-11-16"),
            reply("2026-11-24", "2026-12-04"),
        ],
        **ACME,
    )
    result = plan(data)
    old, new = by_kind(result, "follow_up")
    assert (old["id"], old["status"]) == ("follow_up:2026-11-16", "done")
    assert (new["id"], new["date"], new["rule"]) == (
        "follow_up:reply-2026-11-24",
        "2026-12-07",
        "G17",
    )
    assert new["guide"] == "when-they-answer/#a-new-date"
    assert "Fri 4 Dec 2026" in new["why"]
    body = new["message"]["body"]
    assert "Tuesday 24 November" in body and "Friday 4 December 2026" in body
    # The old cycle's second check-in disappeared: they answered.
    assert [a["id"] for a in by_kind(result, "second_follow_up")] == [
        "second_follow_up:reply-2026-11-24"
    ]


def test_an_answer_without_a_date_waits_again_from_the_answer():
    data = situation(people=[dana()], has_references=True, log=[reply("2026-11-20")])
    result = plan(data)
    follow_up = one(result, "follow_up")
    assert (follow_up["date"], follow_up["rule"]) == ("2026-11-30", "G18")  # day 10 after
    assert follow_up["guide"] == "when-they-answer/#still-deciding"
    assert one(result, "ask_references")["id"] == "ask_references:reply-2026-11-20"


# G19: a new round


def test_a_new_round_gets_its_thank_yous_and_the_wait_counts_from_it():
    data = situation("2026-11-02", "2026-11-16", today="2026-11-16")
    data["rounds"][1]["interviewers"] = [{"name": "Omar Haddad", "email": "omar@example.com"}]
    data["log"] = [done("2026-11-09", "follow_up:2026-11-02")]
    result = plan(data)
    assert [a["id"] for a in by_kind(result, "follow_up")] == [
        "follow_up:2026-11-02",
        "follow_up:2026-11-16",
    ]
    assert by_kind(result, "follow_up")[1]["date"] == "2026-11-26"
    assert one(result, "second_follow_up")["id"] == "second_follow_up:2026-11-16"
    assert "thank_you:2026-11-16:omar-haddad" in {a["id"] for a in result["actions"]}


def test_a_promised_date_from_an_earlier_round_no_longer_applies():
    data = situation("2026-11-02", "2026-11-16", decision_date="2026-11-10")
    follow_up = one(plan(data), "follow_up")
    assert (follow_up["rule"], follow_up["date"]) == ("G8", "2026-11-26")
    assert "belonged to an earlier round and no longer applies" in follow_up["why"]


# G20-G22: outcomes


def test_a_rejection_closes_the_plan_with_one_reply():
    data = situation(
        people=[dana()],
        has_references=True,
        today="2026-11-30",
        log=[
            done("2026-11-16", "thank_you:2026-11-16:dana-lee"),
            outcome("2026-11-28", "rejection"),  # a Saturday
        ],
        **ACME,
    )
    result = plan(data)
    assert (result["state"], result["outcome"]) == ("closed", "rejection")
    assert [(a["kind"], a["status"]) for a in result["actions"]] == [
        ("thank_you", "done"),
        ("reply_to_rejection", "due"),
        ("keep_applying", "due"),
    ]
    closing = one(result, "reply_to_rejection")
    assert (closing["date"], closing["rule"]) == ("2026-11-30", "G20")
    assert closing["guide"] == "when-they-answer/#a-rejection"
    body = closing["message"]["body"]
    assert body.startswith("Dear Dana,") and "feedback" in body and "future openings" in body


def test_an_offer_is_acknowledged_and_nothing_else_is_pending():
    data = situation(people=[dana()], today="2026-11-25", log=[outcome("2026-11-25", "offer")])
    result = plan(data)
    assert [a["kind"] for a in result["actions"]] == ["reply_to_offer"]
    body = one(result, "reply_to_offer")["message"]["body"]
    assert "in writing" in body and "Wednesday 2 December 2026" in body  # 5 business days


def test_withdrawing_drafts_a_polite_note_and_keeps_applying():
    result = plan(situation(today="2026-11-25", log=[outcome("2026-11-24", "withdrawn")]))
    assert [a["kind"] for a in result["actions"]] == ["withdraw", "keep_applying"]
    withdraw = one(result, "withdraw")
    assert (withdraw["status"], withdraw["rule"]) == ("overdue", "G22")
    assert "withdraw my application" in withdraw["message"]["body"]


def test_the_closing_step_can_be_ticked():
    data = situation(
        today="2026-11-27",
        log=[outcome("2026-11-24", "withdrawn"), done("2026-11-25", "withdraw")],
    )
    assert one(plan(data), "withdraw")["status"] == "done"


# G23 and G24: threads, people, channels


def test_the_second_check_in_answers_the_first_in_its_thread():
    result = plan(situation(people=[dana()], **ACME))
    first, second = one(result, "follow_up"), one(result, "second_follow_up")
    assert second["message"]["subject"] == "Re: " + first["message"]["subject"]


def test_check_ins_go_to_the_recruiter_of_the_latest_round():
    recruiter = {"name": "Ravi Patel", "email": "ravi@example.com", "role": "recruiter"}
    result = plan(situation(people=[dana(), recruiter]))
    assert one(result, "follow_up")["message"]["to"] == "ravi@example.com"
    assert {a["message"]["to"] for a in by_kind(result, "thank_you") if a["message"]} <= {
        "dana@example.com",
        "ravi@example.com",
    }


def test_without_a_channel_or_an_address_a_check_in_is_an_email_to_fill_in():
    follow_up = one(plan(situation(people=[{"name": "Dana Lee"}])), "follow_up")
    assert follow_up["channel"] == "email"
    assert follow_up["message"]["to"] is None and follow_up["message"]["subject"]


def test_a_phone_step_is_a_call_script_to_the_known_number():
    person = {"name": "Dana Lee", "phone": "+1 555 010 0199"}
    follow_up = one(plan(situation(people=[person], channel="phone")), "follow_up")
    message = follow_up["message"]
    assert (message["to"], message["subject"]) == ("+1 555 010 0199", None)
    assert message["body"].startswith("Ask for Dana Lee")


def test_the_thank_you_uses_the_topic_and_no_generic_praise():
    topic = {**dana(), "topic": "the new churn dashboard"}
    with_topic = one(plan(situation(people=[topic], today="2026-11-16")), "thank_you")
    assert (
        "I especially enjoyed talking about the new churn dashboard."
        in (with_topic["message"]["body"])
    )
    without = one(plan(situation(people=[dana()], today="2026-11-16")), "thank_you")
    assert "enjoyed our conversation" not in without["message"]["body"].lower()


def test_greeting_by_full_name_when_asked():
    data = situation(people=[dana()], today="2026-11-16", greeting="full_name")
    assert one(plan(data), "thank_you")["message"]["body"].startswith("Dear Dana Lee,")


def test_month_day_dates_in_drafts_and_reasons():
    data = situation(people=[dana()], decision_date="2026-11-27", date_style="month_day")
    follow_up = one(plan(data), "follow_up")
    assert "Monday, November 16, 2026" in follow_up["message"]["body"]
    assert "Fri, Nov 27, 2026" in follow_up["why"]


def test_named_contacts_get_their_own_asks():
    data = situation(
        inside_contact={"name": "Ann Ko", "email": "ann@example.com"},
        references=[{"name": "Jo Park", "email": "jo@example.org"}, {"name": "Lee Sun"}],
    )
    result = plan(data)
    ask = one(result, "ask_inside_contact")
    assert (ask["message"]["to"], ask["title"]) == (
        "ann@example.com",
        "Ask Ann Ko how the hiring is going",
    )
    assert ask["message"]["body"].startswith("Dear Ann,")
    references = by_kind(result, "ask_references")
    assert [(a["id"], a["message"]["to"]) for a in references] == [
        ("ask_references:2026-11-16:jo-park", "jo@example.org"),
        ("ask_references:2026-11-16:lee-sun", None),
    ]


def test_the_second_check_in_is_at_least_five_business_days_after_an_overdue_one():
    result = plan(late_arrival())
    second = date.fromisoformat(one(result, "second_follow_up")["date"])
    assert second >= WEEKDAYS.add_business_days(date(2026, 11, 30), 5)


# Bad input: each names its field and its entry


@pytest.mark.parametrize(
    ("log", "words"),
    [
        ([done("2026-11-20", "follow_up:1999-01-01")], "does not have"),
        ([done("2026-11-26", "follow_up:2026-11-16")], "after today"),
        ([reply("2026-11-26")], "after today"),
        ([done("2026-11-10", "follow_up:2026-11-16")], "before the interview"),
        ([reply("2026-11-10")], "before your first interview"),
        ([outcome("2026-11-20", "offer"), reply("2026-11-21")], "after the outcome"),
        ([outcome("2026-11-20", "offer"), outcome("2026-11-21", "rejection")], "already"),
        ([{"date": "2026-11-20", "event": "ghosted"}], "unknown event"),
        ([outcome("2026-11-20", "promotion")], "unknown outcome"),
        ([reply("2026-11-20", "2026-11-19")], "before the answer"),
        ([done("2026-11-20", "keep_applying")] * 2, "already done"),
        ([{"event": "reply"}], "no date"),
        ("yesterday", "list"),
    ],
)
def test_bad_log_entries_are_named(log, words):
    found = problem(situation(log=log))
    assert found.field == "log" and words in found.message
    if isinstance(log, list):
        assert found.event is not None


def test_a_thank_you_cannot_be_done_before_its_round():
    data = situation("2026-11-02", "2026-11-16")
    data["log"] = [done("2026-11-10", "thank_you:2026-11-16:interviewer")]
    assert "before the interview it follows (Mon 16 Nov 2026)" in problem(data).message


def test_more_than_two_hundred_events_are_refused():
    log = [done("2026-11-20", "keep_applying")] * 201
    found = problem(situation(log=log))
    assert found.field == "log" and "at most 200" in found.message


@pytest.mark.parametrize(
    ("field", "value", "where"),
    [
        ("greeting", "Yo", "greeting"),
        ("date_style", "iso", "date_style"),
        ("id", "acme analyst", "id"),
        ("id", "x" * 65, "id"),
    ],
)
def test_unknown_options_are_refused(field, value, where):
    assert problem(situation(**{field: value})).field == where


@pytest.mark.parametrize(
    ("person", "field"),
    [
        ({"name": "Dana", "role": "boss"}, "interviewer_role"),
        ({"name": "Dana", "phone": "call me maybe"}, "interviewer_phone"),
        ({"name": "Dana", "phone": "12"}, "interviewer_phone"),
        ({"name": "Dana", "topic": "two\nlines"}, "interviewer_topic"),
        ({"name": "Dana", "topic": "x" * 201}, "interviewer_topic"),
    ],
)
def test_bad_interviewer_details_are_named(person, field):
    found = problem(situation(people=[person]))
    assert (found.field, found.round, found.person) == (field, 0, 0)


def test_a_decision_date_before_the_first_round_is_refused():
    found = problem(situation("2026-11-16", decision_date="2026-11-10"))
    assert found.field == "decision_date" and "before your first interview" in found.message


def test_contacts_addresses_are_checked():
    found = problem(situation(references=[{"name": "Jo", "email": "not an address"}]))
    assert (found.field, found.person) == ("reference_email", 0)
    found = problem(situation(inside_contact={"name": "Ann", "email": "ann@"}))
    assert found.field == "inside_contact_email"


def test_the_thanks_go_into_one_message_only():
    data = situation(people=[dana()], today="2026-11-27")
    data["log"] = [done("2026-11-26", "follow_up:2026-11-16")]
    result = plan(data)
    assert "meet with me" in one(result, "follow_up")["message"]["body"]  # as it was sent
    assert "meet with me" not in one(result, "second_follow_up")["message"]["body"]
    assert (
        "Your check-in on Thu 26 Nov 2026 thanks them instead." in (one(result, "thank_you")["why"])
    )


def test_on_a_weekend_the_waits_count_from_monday():
    result = plan(situation(people=[dana()], today="2026-11-28", has_references=True))
    assert one(result, "follow_up")["status"] == "overdue"
    assert one(result, "ask_references")["date"] == "2026-12-03"  # Mon + 3 business days
    assert one(result, "second_follow_up")["date"] == "2026-12-07"  # Mon + 5 business days


def test_a_skipped_thank_you_never_promises_thanks_that_no_message_carries():
    people = [{"name": "Dana Lee"}, {"name": "Omar Haddad", "email": "omar@example.com"}]
    result = plan(situation(people=people))
    dana_note = next(a for a in by_kind(result, "thank_you") if "Dana" in a["title"])
    assert "If you write to them again, thank them for the interview then" in dana_note["why"]


def test_a_thank_you_folded_into_an_earlier_agreed_check_in_says_when():
    data = situation("2026-11-14", people=[dana()], checkin_date="2026-11-14", today="2026-11-14")
    note = one(plan(data), "thank_you")
    assert note["status"] == "skipped"
    assert note["why"].startswith("Your check-in on Sat 14 Nov 2026 thanks them too")
