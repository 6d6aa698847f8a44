"""The follow-up rules of shared/guidance.md, one small function per rule id.

Each function answers one question (when, by which channel, to whom) and returns a `Step`:
an action before its wording is rendered. `schedule.make_plan` combines them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .business_days import BusinessCalendar
from .dates_in_words import short_date
from .model import InterviewRound, Person, Situation

__all__ = [
    "FOLLOW_UP_EARLIEST_DAY",
    "FOLLOW_UP_LATEST_DAY",
    "FOLLOW_UP_PREFERRED_DAY",
    "NUDGE_AFTER_BUSINESS_DAYS",
    "SECOND_FOLLOW_UP_BUSINESS_DAYS",
    "Step",
    "first_follow_up",
    "g3_keep_to_the_agreed_check_in",
    "g4_thank_you_notes",
    "g6_check_in_after_the_promised_date",
    "g7_g8_check_in_without_a_timeline",
    "g7_g8_no_timeline_day",
    "g10_ask_inside_contact",
    "g10_ask_references",
    "g11_second_follow_up",
    "g12_keep_applying",
    "main_contact",
]

#: G7: wait at least a week after the latest round before asking.
FOLLOW_UP_EARLIEST_DAY = 7
#: G8: ask once 10 days have passed...
FOLLOW_UP_PREFERRED_DAY = 10
#: G8: ...and do not let it run past 14 days.
FOLLOW_UP_LATEST_DAY = 14
#: G11: one more note about a week (five business days) after the first check-in.
SECOND_FOLLOW_UP_BUSINESS_DAYS = 5
#: G10: give the check-in a few business days to be answered before asking others.
NUDGE_AFTER_BUSINESS_DAYS = 3


@dataclass(frozen=True)
class Step:
    """A planned action before its message is written."""

    kind: str
    date: date
    rule: str
    channel: str | None
    title: str
    why: str
    recipient: Person | None = None
    interview_round: InterviewRound | None = None


def main_contact(situation: Situation) -> Person | None:
    """Who a check-in goes to (G9): someone from the latest rounds, preferring a known address.

    >>> from datetime import date
    >>> rounds = (InterviewRound(date(2026, 11, 2), (Person("Ann", "ann@example.com"),)),
    ...           InterviewRound(date(2026, 11, 9), (Person("Bo"),)))
    >>> main_contact(Situation(rounds, today=date(2026, 11, 10))).name
    'Ann'
    """
    newest_first = sorted(situation.rounds, key=lambda r: r.date, reverse=True)
    people = [person for r in newest_first for person in r.interviewers]
    with_email = [person for person in people if person.email]
    with_name = [person for person in people if person.name]
    return (with_email or with_name or [None])[0]


def g4_thank_you_notes(situation: Situation, calendar: BusinessCalendar) -> list[Step]:
    """G4: a thank-you email to each interviewer, on the round's day or the next business day.

    A round with nobody named still gets one note, addressed generically.
    """
    steps = []
    for interview_round in situation.rounds:
        day = calendar.on_or_after(interview_round.date)
        known = [p for p in interview_round.interviewers if p.name or p.email] or [Person()]
        why = "Thank each interviewer within 24 hours of the round"
        if day != interview_round.date:
            why += f" (the next business day after a round on {short_date(interview_round.date)})"
        why += ", and add one thing you talked about."
        steps += [
            Step(
                kind="thank_you",
                date=day,
                rule="G4",
                channel="email",
                title=f"Send a thank-you note to {person.label}",
                why=why,
                recipient=person,
                interview_round=interview_round,
            )
            for person in known
        ]
    return steps


def first_follow_up(situation: Situation, calendar: BusinessCalendar) -> Step:
    """Exactly one check-in: as agreed (G3), else after the promised date (G6), else G7/G8."""
    if situation.checkin_date is not None:
        return g3_keep_to_the_agreed_check_in(situation, calendar)
    if situation.decision_date is not None:
        return g6_check_in_after_the_promised_date(situation, calendar)
    return g7_g8_check_in_without_a_timeline(situation, calendar)


def g3_keep_to_the_agreed_check_in(situation: Situation, calendar: BusinessCalendar) -> Step:
    """G3: check in on exactly the agreed date, by exactly the agreed channel (email if none).

    The agreement wins over the calendar: an agreed Saturday stays a Saturday.
    """
    assert situation.checkin_date is not None
    day = situation.checkin_date
    channel = situation.channel or "email"
    why = "You agreed on this check-in at the interview: keeping to it exactly makes you stronger"
    if not calendar.is_business_day(day):
        why += " (it is not a business day, but the agreement wins)"
    why += "."
    return _check_in_step(situation, day, "G3", channel, why)


def g6_check_in_after_the_promised_date(situation: Situation, calendar: BusinessCalendar) -> Step:
    """G6: the first business day after the promised decision date, by email when an address
    is known (the visitor's chosen channel wins; no address and no choice means a call)."""
    assert situation.decision_date is not None
    day = calendar.next_business_day(situation.decision_date)
    channel = _preferred_channel(situation)
    why = (
        f"The decision promised for {short_date(situation.decision_date)} has passed; "
        "silence is normal, and a short, friendly check-in is the next step."
    )
    return _check_in_step(situation, day, "G6", channel, why)


def g7_g8_no_timeline_day(latest_round: date, calendar: BusinessCalendar) -> date:
    """G7/G8: the check-in day when no timeline was set, counted from the latest round (G14).

    The first business day on or after day 10; else the nearest business day from day 7 to
    14; else (a long holiday period) the next business day after day 14.

    >>> from .business_days import BusinessCalendar
    >>> g7_g8_no_timeline_day(date(2026, 11, 16), BusinessCalendar())  # Monday -> Thursday
    datetime.date(2026, 11, 26)
    """
    window = [
        latest_round + timedelta(days=offset)
        for offset in range(FOLLOW_UP_PREFERRED_DAY, FOLLOW_UP_LATEST_DAY + 1)
    ]
    window += [
        latest_round + timedelta(days=offset)
        for offset in range(FOLLOW_UP_PREFERRED_DAY - 1, FOLLOW_UP_EARLIEST_DAY - 1, -1)
    ]
    for day in window:
        if calendar.is_business_day(day):
            return day
    return calendar.next_business_day(latest_round + timedelta(days=FOLLOW_UP_LATEST_DAY))


def g7_g8_check_in_without_a_timeline(situation: Situation, calendar: BusinessCalendar) -> Step:
    """G7/G8/G9: no timeline was set, so wait a week, then ask before two weeks have passed."""
    day = g7_g8_no_timeline_day(situation.latest_round.date, calendar)
    why = (
        "No timeline was set: wait at least a week after your latest interview, but ask "
        "where things stand before 10 to 14 days have passed."
    )
    return _check_in_step(situation, day, "G8", _preferred_channel(situation), why)


def g11_second_follow_up(first: Step, calendar: BusinessCalendar) -> Step:
    """G11: one more short note five business days after the first, then let it go."""
    day = calendar.add_business_days(first.date, SECOND_FOLLOW_UP_BUSINESS_DAYS)
    who = first.recipient.label if first.recipient else "the hiring manager or HR"
    if first.channel == "phone":
        title = f"Call {who} once more if your check-in got no answer"
    else:
        title = f"Send {who} one more short note if your check-in got no answer"
    return Step(
        kind="second_follow_up",
        date=day,
        rule="G11",
        channel=first.channel,
        title=title,
        why="One more polite note about a week after an unanswered check-in; after that, "
        "stop chasing and let the silence go.",
        recipient=first.recipient,
    )


def g10_ask_inside_contact(first: Step, calendar: BusinessCalendar) -> Step:
    """G10: if nobody answers, ask a contact inside the company how the hiring is going."""
    return Step(
        kind="ask_inside_contact",
        date=calendar.add_business_days(first.date, NUDGE_AFTER_BUSINESS_DAYS),
        rule="G10",
        channel="email",
        title="Ask your inside contact how the hiring is going",
        why="If your check-in goes unanswered, someone inside the company may know where "
        "the decision stands.",
    )


def g10_ask_references(first: Step, calendar: BusinessCalendar) -> Step:
    """G10: if nobody answers, ask your references whether anyone has called them."""
    return Step(
        kind="ask_references",
        date=calendar.add_business_days(first.date, NUDGE_AFTER_BUSINESS_DAYS),
        rule="G10",
        channel="email",
        title="Ask your references whether anyone has called them",
        why="If your check-in goes unanswered, your references can tell you whether the "
        "employer has been in touch with them.",
    )


def g12_keep_applying(situation: Situation) -> Step:
    """G12: keep applying and interviewing while you wait; dated so it is never overdue."""
    return Step(
        kind="keep_applying",
        date=max(situation.latest_round.date, situation.today),
        rule="G12",
        channel=None,
        title="Keep applying and interviewing while you wait",
        why="Spend your energy on what you control, your applications and interviews, "
        "not on the employer's timeline.",
    )


def _preferred_channel(situation: Situation) -> str:
    """The visitor's channel if given, else email when an address is known, else a call."""
    if situation.channel:
        return situation.channel
    contact = main_contact(situation)
    return "email" if contact is not None and contact.email else "phone"


def _check_in_step(situation: Situation, day: date, rule: str, channel: str, why: str) -> Step:
    contact = main_contact(situation)
    who = contact.label if contact else "the hiring manager or HR"
    verb = "Call" if channel == "phone" else "Email"
    return Step(
        kind="follow_up",
        date=day,
        rule=rule,
        channel=channel,
        title=f"{verb} {who} to check in",
        why=why,
        recipient=contact,
    )
