"""Example tests for each rule of the guide (G1-G24, explained in docs/ at the sections
`followup_engine.guide.GUIDE_ANCHORS` names), through the public API."""

from datetime import date

import pytest
from engine_support import dana, situation

from followup_engine import make_plan, plan_from_dict, situation_from_dict
from followup_engine.business_days import BusinessCalendar
from followup_engine.rules import g7_g8_no_timeline_day


def actions(data, kind=None):
    found = plan_from_dict(data)["actions"]
    return [action for action in found if kind is None or action["kind"] == kind]


def only(data, kind):
    (action,) = actions(data, kind)
    return action


# G4: thank-you notes


def test_thank_you_on_the_day_of_a_weekday_round():
    note = only(situation("2026-11-20", people=[dana()]), "thank_you")
    assert note["date"] == "2026-11-20"
    assert (note["id"], note["status"]) == ("thank_you:2026-11-20:dana-lee", "overdue")
    assert note["rule"] == "G4" and note["channel"] == "email"
    assert note["guide"] == "thank-you-note/#send-it-within-24-hours"
    assert note["message"]["to"] == "dana@example.com"
    assert note["message"]["body"].startswith("Dear Dana,\n")


def test_thank_you_greets_by_full_name_when_asked_and_keeps_an_honorific():
    full = only(situation("2026-11-20", people=[dana()], greeting="full_name"), "thank_you")
    assert full["message"]["body"].startswith("Dear Dana Lee,\n")
    doctor = only(situation("2026-11-20", people=[{"name": "Dr. Ana Silva"}]), "thank_you")
    assert doctor["message"]["body"].startswith("Dear Dr. Ana Silva,\n")


def test_thank_you_mentions_the_topic_and_no_generic_praise():
    topic = {**dana(), "topic": "the new data platform"}
    with_topic = only(situation("2026-11-20", people=[topic]), "thank_you")["message"]["body"]
    assert with_topic.split("\n\n")[1] == (
        "Thank you for taking the time to meet with me on Friday 20 November. "
        "I especially enjoyed talking about the new data platform."
    )
    without = only(situation("2026-11-20", people=[dana()]), "thank_you")["message"]["body"]
    for body in (with_topic, without):
        assert "I enjoyed our conversation" not in body
    assert "especially" not in without


def test_thank_you_after_a_saturday_round_waits_for_monday():
    note = only(situation("2026-11-21"), "thank_you")
    assert note["date"] == "2026-11-23"
    assert "next business day" in note["why"]


def test_thank_you_after_a_round_on_a_public_holiday_waits_for_the_next_business_day():
    note = only(situation("2026-11-26", country="US"), "thank_you")
    assert note["date"] == "2026-11-27"


def test_one_thank_you_per_interviewer_each_addressed_to_them():
    people = [dana(), {"name": "Omar Haddad", "email": "omar@example.com"}, {"name": "Li Wei"}]
    notes = actions(situation(people=people, today="2026-11-16"), "thank_you")
    assert [note["message"]["to"] for note in notes] == [
        "dana@example.com",
        "omar@example.com",
        None,
    ]
    assert [note["message"]["body"].splitlines()[0] for note in notes] == [
        "Dear Dana,",
        "Dear Omar,",
        "Dear Li,",
    ]
    assert "Li Wei" in notes[2]["title"]
    assert len({note["id"] for note in notes}) == 3


def test_a_round_without_named_interviewers_gets_one_generic_note():
    data = situation(people=[{"name": "", "email": ""}], today="2026-11-16")
    (note,) = actions(data, "thank_you")
    assert note["message"]["body"].startswith("Hello,")
    assert note["message"]["to"] is None
    assert note["title"] == "Send a thank-you note to your interviewer"


def test_every_round_gets_its_thank_you():
    data = situation("2026-11-02", "2026-11-16", "2026-11-09")
    assert [note["date"] for note in actions(data, "thank_you")] == [
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
    ]


# G3: an agreed check-in


def test_agreed_check_in_keeps_the_exact_date_and_channel():
    follow_up = only(situation(checkin_date="2026-12-01", channel="phone"), "follow_up")
    assert (follow_up["date"], follow_up["channel"], follow_up["rule"]) == (
        "2026-12-01",
        "phone",
        "G3",
    )
    assert follow_up["guide"] == "before-you-leave/#keep-to-what-you-agreed"
    # A call script (G24): no subject, nobody's number known yet.
    assert (follow_up["message"]["to"], follow_up["message"]["subject"]) == (None, None)
    assert follow_up["message"]["body"].startswith("Ask for the hiring manager or HR")
    assert "we agreed that I would call" in follow_up["message"]["body"]


def test_agreed_check_in_defaults_to_email():
    follow_up = only(situation(checkin_date="2026-12-01", people=[dana()]), "follow_up")
    assert follow_up["channel"] == "email"
    assert follow_up["message"]["to"] == "dana@example.com"
    assert "As we agreed" in follow_up["message"]["body"]


def test_agreed_check_in_wins_even_on_a_weekend_or_holiday():
    follow_up = only(situation(checkin_date="2026-11-28", country="US"), "follow_up")
    assert follow_up["date"] == "2026-11-28"  # a Saturday
    assert "agreement wins" in follow_up["why"]
    thanksgiving = only(situation(checkin_date="2026-11-26", country="US"), "follow_up")
    assert thanksgiving["date"] == "2026-11-26"


def test_agreed_check_in_wins_over_a_promised_decision_date():
    data = situation(checkin_date="2026-12-02", decision_date="2026-11-27")
    assert only(data, "follow_up")["rule"] == "G3"


# G5/G6: a promised decision date


def test_promised_date_check_in_by_email_on_the_next_business_day():
    follow_up = only(situation(decision_date="2026-11-27", people=[dana()]), "follow_up")
    assert (follow_up["date"], follow_up["channel"], follow_up["rule"]) == (
        "2026-11-30",
        "email",
        "G6",
    )
    assert follow_up["guide"] == "promised-date-passed/#check-in-by-email"
    body = follow_up["message"]["body"]
    assert "Monday 16 November 2026" in body and "Friday 27 November 2026" in body


def test_promised_date_skips_a_public_holiday():
    follow_up = only(situation(decision_date="2026-11-25", country="US"), "follow_up")
    assert follow_up["date"] == "2026-11-27"  # Thanksgiving is skipped


def test_promised_date_over_uk_christmas_and_boxing_day():
    follow_up = only(situation("2026-12-11", decision_date="2026-12-24", country="GB"), "follow_up")
    assert follow_up["date"] == "2026-12-29"


def test_promised_date_without_any_address_is_an_email_to_fill_in():
    data = situation(decision_date="2026-11-27", people=[{"name": "Dana Lee"}])
    follow_up = only(data, "follow_up")
    assert follow_up["channel"] == "email"
    assert follow_up["title"] == "Email Dana Lee to check in"
    assert follow_up["message"]["to"] is None
    assert follow_up["message"]["subject"] == "Checking in about the role"
    assert follow_up["message"]["body"].startswith("Dear Dana,")


def test_promised_date_uses_the_channel_the_visitor_chose():
    data = situation(decision_date="2026-11-27", channel="email")
    follow_up = only(data, "follow_up")
    assert follow_up["channel"] == "email" and follow_up["message"]["to"] is None
    phone = only(
        situation(decision_date="2026-11-27", channel="phone", people=[dana()]), "follow_up"
    )
    assert phone["channel"] == "phone" and phone["title"] == "Call Dana Lee to check in"
    # A call script goes to the interviewer's number, never to their email address.
    assert (phone["message"]["to"], phone["message"]["subject"]) == (None, None)
    assert phone["message"]["body"].startswith("Ask for Dana Lee")
    numbered = {**dana(), "phone": "+1 555 010 0199"}
    data = situation(decision_date="2026-11-27", channel="phone", people=[numbered])
    assert only(data, "follow_up")["message"]["to"] == "+1 555 010 0199"


# G7/G8: no timeline


def test_no_timeline_asks_on_day_ten():
    follow_up = only(situation("2026-11-16", people=[dana()]), "follow_up")
    assert (follow_up["date"], follow_up["rule"]) == ("2026-11-26", "G8")
    assert follow_up["guide"] == "no-timeline/#when-to-ask"


def test_no_timeline_day_ten_on_a_weekend_moves_to_monday():
    assert only(situation("2026-11-11"), "follow_up")["date"] == "2026-11-23"  # day 12


def test_no_timeline_skips_thanksgiving():
    assert only(situation("2026-11-16", country="US"), "follow_up")["date"] == "2026-11-27"


def test_no_timeline_falls_back_to_the_nearest_business_day_in_the_window():
    latest = date(2026, 11, 2)
    closed = {date(2026, 11, day) for day in range(12, 17)}  # days 10..14
    assert g7_g8_no_timeline_day(latest, BusinessCalendar(holidays=closed)) == date(2026, 11, 11)


def test_no_timeline_after_a_long_holiday_takes_the_next_business_day():
    latest = date(2026, 11, 2)
    closed = {date(2026, 11, day) for day in range(9, 18)}  # days 7..15
    assert g7_g8_no_timeline_day(latest, BusinessCalendar(holidays=closed)) == date(2026, 11, 18)


def test_no_timeline_without_an_address_is_an_email_to_fill_in():
    follow_up = only(situation(), "follow_up")
    assert follow_up["channel"] == "email" and follow_up["message"]["to"] is None
    assert follow_up["title"] == "Email the hiring manager or HR to check in"


# G14: the latest round counts


def test_rounds_in_any_order_count_from_the_latest():
    data = situation("2026-11-16", "2026-11-02", people=[])
    data["rounds"][0]["interviewers"] = [dana()]
    follow_up = only(data, "follow_up")
    assert follow_up["date"] == "2026-11-26"
    assert "Monday 16 November 2026" in follow_up["message"]["body"]


def test_the_follow_up_goes_to_someone_from_the_latest_round():
    data = situation("2026-11-16", "2026-11-02")
    data["rounds"][0]["interviewers"] = [dana()]
    data["rounds"][1]["interviewers"] = [{"name": "Ann", "email": "ann@example.com"}]
    assert only(data, "follow_up")["message"]["to"] == "dana@example.com"


# G11: one second follow-up


def test_second_follow_up_five_business_days_later_same_channel_and_recipient():
    data = situation(decision_date="2026-11-27", people=[dana()])
    first, second = only(data, "follow_up"), only(data, "second_follow_up")
    assert second["date"] == "2026-12-07"
    assert (second["channel"], second["message"]["to"]) == (first["channel"], "dana@example.com")
    assert second["rule"] == "G11" and second["guide"] == "second-check-in/#one-more-note"
    # G23: it answers the first in the same thread.
    assert second["message"]["subject"] == "Re: " + first["message"]["subject"]
    # G16: nothing says the first was sent, or when, until the log records it.
    assert "I wrote to you" not in second["message"]["body"]
    assert "30 November" not in second["message"]["body"]


def test_second_follow_up_names_the_day_the_log_says_the_first_was_sent():
    sent = {"date": "2026-11-30", "event": "done", "action": "follow_up:2026-11-16"}
    data = situation(decision_date="2026-11-27", people=[dana()], today="2026-12-01", log=[sent])
    first, second = only(data, "follow_up"), only(data, "second_follow_up")
    assert (first["status"], first["done_on"]) == ("done", "2026-11-30")
    assert (second["date"], second["status"]) == ("2026-12-07", "upcoming")
    assert "I wrote to you on Monday 30 November 2026" in second["message"]["body"]


def test_second_follow_up_by_phone_has_a_call_script():
    second = only(situation(checkin_date="2026-12-01", channel="phone"), "second_follow_up")
    assert second["channel"] == "phone"
    assert second["message"]["subject"] is None
    assert second["message"]["body"].startswith("Ask for the hiring manager or HR")
    assert "stop chasing" in second["message"]["body"]
    assert "I called on" not in second["message"]["body"]


# G10: inside contact and references


def test_inside_contact_and_references_only_when_present():
    kinds = {action["kind"] for action in actions(situation())}
    assert not kinds & {"ask_inside_contact", "ask_references"}


def test_inside_contact_and_references_three_business_days_after_the_follow_up():
    data = situation(has_inside_contact=True, has_references=True, company="Acme")
    contact, references = only(data, "ask_inside_contact"), only(data, "ask_references")
    assert contact["date"] == references["date"] == "2026-12-01"  # follow-up Thu 26 Nov
    assert contact["guide"] == "no-timeline/#ask-an-inside-contact"
    assert references["guide"] == "no-timeline/#ask-your-references"
    assert contact["message"]["to"] is None and references["message"]["to"] is None
    assert "Has anyone from Acme" in references["message"]["body"]


# G12: keep applying


def test_keep_applying_is_dated_today_and_never_overdue():
    keep = only(situation(), "keep_applying")
    assert keep == {
        "id": "keep_applying",
        "date": "2026-11-25",
        "kind": "keep_applying",
        "channel": None,
        "title": "Keep applying and interviewing while you wait",
        "why": keep["why"],
        "rule": "G12",
        "guide": "keep-applying/#keep-your-search-moving",
        "status": "due",
        "done_on": None,
        "overdue": False,
        "message": None,
    }


def test_keep_applying_waits_for_a_future_round():
    assert only(situation("2026-12-03"), "keep_applying")["date"] == "2026-12-03"


# Overdue and ordering


def test_a_late_arrival_gets_one_overdue_check_in_and_the_rest_counts_from_today():
    plan = actions(situation("2026-10-01", today="2026-11-25", people=[dana()]))
    assert [(a["kind"], a["status"], a["date"], a["overdue"]) for a in plan] == [
        ("thank_you", "skipped", "2026-10-01", False),
        ("follow_up", "overdue", "2026-10-12", True),  # keeps the date it was planned for
        ("keep_applying", "due", "2026-11-25", False),
        ("second_follow_up", "upcoming", "2026-12-02", False),  # 5 business days after today
    ]
    thank_you, follow_up, _, second = plan
    # G16: the thank-you is too late to send on its own; the check-in thanks them instead.
    assert (thank_you["rule"], thank_you["message"]) == ("G16", None)
    assert thank_you["guide"] == "if-you-are-late/#a-late-thank-you"
    assert "Thank you for taking the time to meet with me" in follow_up["message"]["body"]
    assert "I wrote to you" not in second["message"]["body"]


def test_nothing_is_overdue_when_today_is_the_interview_day():
    plan = actions(situation(today="2026-11-16"))
    assert not any(a["overdue"] for a in plan)


def test_actions_are_sorted_by_date():
    plan = actions(situation("2026-11-16", "2026-11-02", has_references=True))
    dates = [a["date"] for a in plan]
    assert dates == sorted(dates)


def test_today_defaults_to_the_system_date():
    before = date.today()
    parsed = situation_from_dict({"rounds": [{"date": "2026-11-16"}]})
    assert before <= parsed.today <= date.today()


def test_make_plan_checks_a_situation_built_in_python():
    from followup_engine import InterviewRound, PlanInputError, Situation

    broken = Situation(
        (InterviewRound(date(2026, 11, 16)),), today=date(2026, 11, 25), channel="fax"
    )
    with pytest.raises(PlanInputError) as caught:
        make_plan(broken)
    assert caught.value.problems[0].field == "channel"
