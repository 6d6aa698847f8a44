"""Property tests: every valid situation gets a complete plan that keeps every rule.

Run longer with HYPOTHESIS_PROFILE=long.
"""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_engine import make_plan, situation_from_dict
from followup_engine.business_days import business_calendar
from followup_engine.guide import GUIDE_ANCHORS

ALLOWED_GUIDES = {anchor for anchors in GUIDE_ANCHORS.values() for anchor in anchors}
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
people = st.lists(st.fixed_dictionaries({"name": text, "email": emails}), max_size=3)


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
    }


@given(situations())
def test_every_valid_situation_gets_a_plan_that_keeps_the_rules(data):
    situation = situation_from_dict(data)
    plan = make_plan(situation)
    actions = plan.actions
    calendar = business_calendar(situation.country)
    latest = situation.latest_round.date
    by_kind = {kind: [a for a in actions if a.kind == kind] for kind in {a.kind for a in actions}}

    # Sorted, complete, one of each single action.
    assert [a.date for a in actions] == sorted(a.date for a in actions)
    for kind in ("follow_up", "second_follow_up", "keep_applying"):
        assert len(by_kind[kind]) == 1
    assert len(by_kind.get("ask_inside_contact", [])) == int(situation.has_inside_contact)
    assert len(by_kind.get("ask_references", [])) == int(situation.has_references)

    # G4: one thank-you per known interviewer per round (at least one per round).
    expected_notes = sum(
        max(1, sum(1 for p in r.interviewers if p.name or p.email)) for r in situation.rounds
    )
    assert len(by_kind["thank_you"]) == expected_notes
    for note in by_kind["thank_you"]:
        assert note.date == calendar.on_or_after(note.date)

    # G13: every message on a business day, except an agreed check-in (G3).
    (first,) = by_kind["follow_up"]
    for action in actions:
        if action.message is not None and not (action is first and first.rule == "G3"):
            assert calendar.is_business_day(action.date), action

    # Which follow-up, and its window.
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
    if situation.channel and not situation.checkin_date:
        assert first.channel == situation.channel

    # G11: at least five business days and at most 14 days after the first check-in.
    (second,) = by_kind["second_follow_up"]
    assert second.date <= first.date + timedelta(days=14)
    assert calendar.add_business_days(first.date, 5) <= second.date
    assert (second.channel, second.message.to) == (first.channel, first.message.to)

    # G10: no earlier than the first check-in.
    for kind in ("ask_inside_contact", "ask_references"):
        for action in by_kind.get(kind, []):
            assert action.date > first.date and action.message.to == ""

    # G12: never overdue.
    (keep,) = by_kind["keep_applying"]
    assert keep.date == max(latest, situation.today)
    assert keep.channel is None and keep.message is None

    names = [p.name for r in situation.rounds for p in r.interviewers]
    visitor_text = " ".join([situation.candidate, situation.company, situation.role, *names])
    visitor_text = visitor_text.lower()
    for action in actions:
        assert action.overdue == (action.date < plan.today)
        assert action.guide in ALLOWED_GUIDES
        assert action.rule in GUIDE_ANCHORS
        if action.message:
            message = action.message
            assert "\n" not in message.subject and message.subject
            written = message.subject + message.body
            assert "{{" not in written and "{%" not in written
            if "none" not in visitor_text:
                assert "None" not in written
            if "the" not in visitor_text:
                assert "the the" not in written.lower()
