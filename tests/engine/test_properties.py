"""Property tests: every valid situation gets a complete plan that keeps every rule.

Run longer with HYPOTHESIS_PROFILE=long.
"""

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_engine import make_plan, situation_from_dict
from followup_engine.business_days import business_calendar
from followup_engine.guide import GUIDE_ANCHORS
from followup_engine.model import ROLES, STATUSES

ALLOWED_GUIDES = {anchor for anchors in GUIDE_ANCHORS.values() for anchor in anchors}
# How a check-in thanks someone whose own thank-you it replaces (G16), by email or by phone.
THANKS = re.compile(r"Thank you for (taking the time to meet|meeting) with me")
COUNTRIES = [None, "US", "GB", "DE", "FR", "JP", "IN", "BR", "CA"]

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
# Letters, digits and harmless punctuation: no braces, so a leftover "{{" can only be ours.
text = st.text(
    alphabet=st.characters(
        categories=["L", "N", "Zs"], include_characters="'-.&", exclude_characters="\u00a0"
    ),
    max_size=30,
).map(str.strip)
emails = st.one_of(
    st.just(""), st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(com|org|de)", fullmatch=True)
)
phones = st.sampled_from(["", "+1 555 010 0199", "020 7946 0958"])
people = st.lists(
    st.fixed_dictionaries(
        {"name": text, "email": emails},
        optional={"phone": phones, "topic": text, "role": st.sampled_from(ROLES)},
    ),
    max_size=3,
)


@st.composite
def situations(draw):
    round_days = draw(st.lists(days, min_size=1, max_size=4))
    latest = max(round_days)
    after_latest = st.dates(min_value=latest, max_value=latest + timedelta(days=60))
    return {
        "today": draw(days).isoformat(),
        "rounds": [{"date": d.isoformat(), "interviewers": draw(people)} for d in round_days],
        "decision_date": draw(st.one_of(st.none(), after_latest.map(date.isoformat))),
        "checkin_date": draw(st.one_of(st.none(), after_latest.map(date.isoformat))),
        "channel": draw(st.sampled_from([None, "email", "phone"])),
        "candidate": draw(text),
        "company": draw(text),
        "role": draw(text),
        "has_inside_contact": draw(st.booleans()),
        "has_references": draw(st.booleans()),
        "country": draw(st.sampled_from(COUNTRIES)),
        "greeting": draw(st.sampled_from(["first_name", "full_name"])),
        "date_style": draw(st.sampled_from(["day_month", "month_day"])),
    }


def expected_thank_yous(situation):
    """G4: one note per known person per round, one per person met twice on one day, and
    one generic note for a round with nobody named."""
    notes = 0
    thanked = set()
    for interview_round in situation.rounds:
        known = [p for p in interview_round.interviewers if p.is_known]
        notes += 0 if known else 1
        for person in known:
            notes += (interview_round.date, person.key) not in thanked
            thanked.add((interview_round.date, person.key))
    return notes


@given(situations())
def test_every_valid_situation_gets_a_plan_that_keeps_the_rules(data):
    situation = situation_from_dict(data)
    plan = make_plan(situation)
    actions = plan.actions
    today = plan.today
    calendar = business_calendar(situation.country)
    latest = situation.latest_round.date
    by_kind = {kind: [a for a in actions if a.kind == kind] for kind in {a.kind for a in actions}}

    # Sorted, complete, one of each single action, every id unique; no log, so still waiting.
    assert [a.date for a in actions] == sorted(a.date for a in actions)
    assert len({a.id for a in actions}) == len(actions)
    assert (plan.state, plan.outcome) == ("waiting", None)
    for kind in ("follow_up", "second_follow_up", "keep_applying"):
        assert len(by_kind[kind]) == 1
    assert len(by_kind.get("ask_inside_contact", [])) == int(situation.has_inside_contact)
    assert len(by_kind.get("ask_references", [])) == int(situation.has_references)

    # Where each step stands: nothing is done without a log; only a thank-you can be skipped.
    for action in actions:
        assert action.status in STATUSES and action.done_on is None
        assert action.overdue == (action.status == "overdue")
        if action.status == "skipped":
            assert action.kind == "thank_you" and action.message is None
            assert action.rule == "G16" and action.guide == "if-you-are-late/#a-late-thank-you"
        else:
            expected = (
                "overdue" if action.date < today else "due" if action.date == today else "upcoming"
            )
            assert action.status == expected, action

    # G4: one thank-you per interviewer per round (at least one per round). G16: one
    # more than three business days late is skipped; one still on time is skipped only when
    # the check-in to that person comes first or on the same day, and then it thanks them.
    (first,) = by_kind["follow_up"]
    assert len(by_kind["thank_you"]) == expected_thank_yous(situation)
    for note in by_kind["thank_you"]:
        assert note.date == calendar.on_or_after(note.date)
        if today > calendar.add_business_days(note.date, 3):
            assert note.status == "skipped"
        elif note.status == "skipped":
            assert first.is_pending and max(first.date, today) <= max(note.date, today)
            assert THANKS.search(first.message.body), first.message.body

    # G13: every message on a business day, except an agreed check-in (G3).
    for action in actions:
        if action.message is not None and not (action is first and first.rule == "G3"):
            assert calendar.is_business_day(action.date), action

    # Which follow-up, and its window; an overdue one keeps its date (G16).
    if situation.checkin_date:
        assert (first.rule, first.date) == ("G3", situation.checkin_date)
        assert first.channel == (situation.channel or "email")
    elif situation.decision_date:
        assert first.rule == "G6"
        assert first.date == calendar.next_business_day(situation.decision_date)
    else:
        assert first.rule == "G8"
        in_window = [
            latest + timedelta(days=n) for n in range(7, 15)
            if calendar.is_business_day(latest + timedelta(days=n))
        ]  # fmt: skip
        if in_window:
            assert first.date in in_window
        else:
            assert first.date == calendar.next_business_day(latest + timedelta(days=14))
    # G24: the chosen channel, else an email; a call goes to a phone number, an email to an
    # address, or to nobody yet when none is known.
    assert first.channel == (situation.channel or "email")
    met = [p for r in situation.rounds for p in r.interviewers]
    contact_points = {p.phone if first.channel == "phone" else p.email for p in met}
    assert first.message.to in (contact_points - {""}) | {None}

    # G11 and G16: five business days after the check-in, or after today when it is overdue,
    # by the same channel to the same person; G23: an email answers the first in its thread.
    # (an overdue one is sent on the next business day at the earliest, G13)
    counts_from = max(first.date, calendar.on_or_after(today))
    (second,) = by_kind["second_follow_up"]
    assert second.date >= calendar.add_business_days(counts_from, 5)
    # Moved a day or two at most, when another message to that person falls on its day.
    assert second.date <= calendar.add_business_days(counts_from, 7)
    assert (second.channel, second.message.to) == (first.channel, first.message.to)
    if first.channel == "email":
        assert second.message.subject == f"Re: {first.message.subject}"
    else:
        assert first.message.subject is None and second.message.subject is None

    # G10: three business days after the check-in counts from, to someone not named here.
    for kind in ("ask_inside_contact", "ask_references"):
        for action in by_kind.get(kind, []):
            assert action.date > first.date and action.message.to is None
            assert action.date >= calendar.add_business_days(counts_from, 3)

    # G12: never overdue.
    (keep,) = by_kind["keep_applying"]
    assert keep.date == max(latest, today)
    assert keep.status in ("due", "upcoming")
    assert keep.channel is None and keep.message is None

    # G16: no two pending messages to one person on one day (an overdue one counts as today's).
    sending = [
        (a.message.to, max(a.date, today))
        for a in actions
        if a.is_pending and a.message is not None and a.message.to
    ]
    assert len(set(sending)) == len(sending)

    names = [text for p in met for text in (p.name, p.topic)]
    visitor_text = " ".join([situation.candidate, situation.company, situation.role, *names])
    visitor_text = visitor_text.lower()
    for action in actions:
        assert action.guide in ALLOWED_GUIDES
        assert action.rule in GUIDE_ANCHORS
        if action.message:
            message = action.message
            # G24: an email has a one-line subject; a call script has none.
            if action.channel == "phone":
                assert message.subject is None
            else:
                assert message.subject and "\n" not in message.subject
            written = (message.subject or "") + message.body
            assert "{{" not in written and "{%" not in written
            # G16: without a log, no draft says an earlier message was sent.
            if "wrote" not in visitor_text and "called" not in visitor_text:
                assert "I wrote to you on" not in written and "I called on" not in written
            if "none" not in visitor_text:
                assert "None" not in written
            if "the" not in visitor_text:
                assert "the the" not in written.lower()
