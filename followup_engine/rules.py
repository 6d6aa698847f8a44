"""The guide's follow-up rules (G1-G24), one small function per rule id; `guide.GUIDE_ANCHORS`
names the section of the site that explains each (docs/, such as docs/how-we-count-days.md).

Each function answers one question (when, by which channel, to whom) and returns a `Step`:
an action before its wording is rendered and before the log says where it stands.
`timeline` applies what happened (G15-G22) and `schedule.make_plan` combines them.

The wait comes in cycles (`Cycle`): the latest interview round starts one (G14, G19), and
so does every answer from the employer (G17, G18). A cycle holds one check-in, its second
check-in and the asks around it; only the newest cycle's steps are still to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .business_days import BusinessCalendar
from .dates_in_words import short_date
from .model import CLOSING_KINDS, InterviewRound, Person, Situation

__all__ = [
    "FOLLOW_UP_EARLIEST_DAY",
    "FOLLOW_UP_LATEST_DAY",
    "FOLLOW_UP_PREFERRED_DAY",
    "LATE_THANK_YOU_BUSINESS_DAYS",
    "NUDGE_AFTER_BUSINESS_DAYS",
    "SECOND_FOLLOW_UP_BUSINESS_DAYS",
    "Cycle",
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
    "g17_check_in_after_the_new_date",
    "g18_check_in_while_they_decide",
    "g20_g22_closing_action",
    "g24_check_in_contact",
    "main_contact",
    "numbered",
    "slug",
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
#: G16: a thank-you later than this is no longer sent on its own.
LATE_THANK_YOU_BUSINESS_DAYS = 3

_CHECK_IN_KINDS = ("follow_up", "second_follow_up")


@dataclass(frozen=True)
class Cycle:
    """One stretch of waiting: from a round (G14) or an answer (G17/G18) to the next one.

    `key` names the cycle in its steps' ids: the round's date, or "reply-" and the answer's
    date. `promised` is the decision date that applies to it, `agreed` the agreed check-in
    date; `stale` is a date the visitor gave that belonged to an earlier round (G19).
    `reply` is the answer's date for a cycle an answer started.
    """

    key: str
    start: date
    promised: date | None = None
    agreed: date | None = None
    stale: date | None = None
    reply: date | None = None


@dataclass(frozen=True)
class Step:
    """A planned action before its message is written.

    `reason` tells the drafts why a check-in is due; `promised` and `reply` are the dates
    they may cite. `status`, `done_on`, `thanks` (the message also thanks them, G16) and
    `sent_before` (when the first check-in went out, if the log says so) come from the log.
    """

    kind: str
    date: date
    rule: str
    channel: str | None
    title: str
    why: str
    id: str = ""
    recipient: Person | None = None
    interview_round: InterviewRound | None = None
    cycle: str | None = None
    reason: str = ""
    promised: date | None = None
    reply: date | None = None
    status: str = "upcoming"
    done_on: date | None = None
    thanks: bool = False
    sent_before: date | None = None

    @property
    def is_pending(self) -> bool:
        return self.status in ("overdue", "due", "upcoming")

    @property
    def sends_message(self) -> bool:
        return self.channel is not None

    def but(self, **changes: Any) -> Step:
        """A copy with `changes`: what `dataclasses.replace` does, without its checks, which
        cost a fifth of a plan with a long log (every step is settled once or twice)."""
        copy = object.__new__(Step)
        copy.__dict__.update(self.__dict__, **changes)
        return copy


def slug(text: str, fallback: str) -> str:
    """A short, stable token for an id: lower-case letters and digits joined by hyphens.

    >>> slug("Dana Lee", "x"), slug("  Ann-Marie O'Neil ", "x"), slug("<>", "person")
    ('dana-lee', 'ann-marie-o-neil', 'person')
    """
    words = "".join(char if char.isalnum() else " " for char in text.lower()).split()
    return "-".join(words)[:40].strip("-") or fallback


def main_contact(situation: Situation) -> Person | None:
    """Who a check-in goes to by default (G9): someone from the latest rounds, preferring a
    known address.

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


def g24_check_in_contact(situation: Situation) -> Person | None:
    """G24: the check-in goes to the recruiter the latest round names, else as G9 says."""
    for person in situation.latest_round.interviewers:
        if person.role == "recruiter" and person.is_known:
            return person
    return main_contact(situation)


def g4_thank_you_notes(situation: Situation, calendar: BusinessCalendar) -> list[Step]:
    """G4: a thank-you email to each interviewer, on the round's day or the next business day.

    A round with nobody named still gets one note, addressed generically. Ids name the round
    and the person, so adding someone else or a decision date leaves them as they were.
    """
    steps = []
    seen: dict[str, int] = {}  # two rounds on one day, or two people of one name
    thanked: set[tuple[date, str]] = set()
    for interview_round in sorted(situation.rounds, key=lambda r: r.date):
        day = calendar.on_or_after(interview_round.date)
        style = situation.date_style
        known = _named(interview_round.interviewers) or [Person()]
        why = "Thank each interviewer within 24 hours of the round"
        if day != interview_round.date:
            why += (
                " (the next business day after a round on "
                f"{short_date(interview_round.date, style)})"
            )
        why += ", and add one thing you talked about."
        for person in known:
            if person.key and (interview_round.date, person.key) in thanked:
                continue  # listed twice for one day: one note is enough
            thanked.add((interview_round.date, person.key))
            who = slug(person.name or person.email, "interviewer")
            token = numbered(f"{interview_round.date.isoformat()}:{who}", seen)
            steps.append(
                Step(
                    kind="thank_you",
                    date=day,
                    rule="G4",
                    channel="email",
                    title=f"Send a thank-you note to {person.label}",
                    why=why,
                    id=f"thank_you:{token}",
                    recipient=person,
                    interview_round=interview_round,
                )
            )
    return steps


def first_follow_up(situation: Situation, cycle: Cycle, calendar: BusinessCalendar) -> Step:
    """Exactly one check-in per cycle: after an answer as it said (G17/G18); else as agreed
    (G3), else after the promised date (G6), else G7/G8."""
    if cycle.reply is not None:
        if cycle.promised is not None:
            return g17_check_in_after_the_new_date(situation, cycle, calendar)
        return g18_check_in_while_they_decide(situation, cycle, calendar)
    if cycle.agreed is not None:
        return g3_keep_to_the_agreed_check_in(situation, cycle, calendar)
    if cycle.promised is not None:
        return g6_check_in_after_the_promised_date(situation, cycle, calendar)
    return g7_g8_check_in_without_a_timeline(situation, cycle, calendar)


def g3_keep_to_the_agreed_check_in(
    situation: Situation, cycle: Cycle, calendar: BusinessCalendar
) -> Step:
    """G3: check in on exactly the agreed date, by exactly the agreed channel (email if none).

    The agreement wins over the calendar: an agreed Saturday stays a Saturday.
    """
    assert cycle.agreed is not None
    day = cycle.agreed
    why = "You agreed on this check-in at the interview: keeping to it exactly makes you stronger"
    if not calendar.is_business_day(day):
        why += " (it is not a business day, but the agreement wins)"
    why += "."
    return _check_in_step(situation, cycle, day, "G3", "agreed", why)


def g6_check_in_after_the_promised_date(
    situation: Situation, cycle: Cycle, calendar: BusinessCalendar
) -> Step:
    """G6: the first business day after the promised decision date, by email unless the
    visitor chose a call (G24)."""
    assert cycle.promised is not None
    day = calendar.next_business_day(cycle.promised)
    why = (
        f"The decision promised for {short_date(cycle.promised, situation.date_style)} has "
        "passed; silence is normal, and a short, friendly check-in is the next step."
    )
    return _check_in_step(situation, cycle, day, "G6", "promised", why)


def g7_g8_no_timeline_day(start: date, calendar: BusinessCalendar) -> date:
    """G7/G8: the check-in day when no timeline was set, counted from `start`: the latest
    round (G14), or their answer without a date (G18).

    The first business day on or after day 10; else the nearest business day from day 7 to
    14; else (a long holiday period) the next business day after day 14.

    >>> from .business_days import BusinessCalendar
    >>> g7_g8_no_timeline_day(date(2026, 11, 16), BusinessCalendar())  # Monday -> Thursday
    datetime.date(2026, 11, 26)
    """
    window = [
        start + timedelta(days=offset)
        for offset in range(FOLLOW_UP_PREFERRED_DAY, FOLLOW_UP_LATEST_DAY + 1)
    ]
    window += [
        start + timedelta(days=offset)
        for offset in range(FOLLOW_UP_PREFERRED_DAY - 1, FOLLOW_UP_EARLIEST_DAY - 1, -1)
    ]
    for day in window:
        if calendar.is_business_day(day):
            return day
    return calendar.next_business_day(start + timedelta(days=FOLLOW_UP_LATEST_DAY))


def g7_g8_check_in_without_a_timeline(
    situation: Situation, cycle: Cycle, calendar: BusinessCalendar
) -> Step:
    """G7/G8/G9: no timeline was set, so wait a week, then ask before two weeks have passed.

    A date the visitor gave for an earlier round no longer applies (G19); the why says so.
    """
    day = g7_g8_no_timeline_day(cycle.start, calendar)
    why = ""
    if cycle.stale is not None:
        why = (
            f"The date you were given, {short_date(cycle.stale, situation.date_style)}, "
            "belonged to an earlier round and no longer applies. "
        )
    why += (
        "No timeline was set: wait at least a week after your latest interview, but ask "
        "where things stand before 10 to 14 days have passed."
    )
    return _check_in_step(situation, cycle, day, "G8", "no_timeline", why)


def g17_check_in_after_the_new_date(
    situation: Situation, cycle: Cycle, calendar: BusinessCalendar
) -> Step:
    """G17: they answered with a new date, which replaces the promised one; check in the
    first business day after it if silence falls again (as G6)."""
    assert cycle.promised is not None and cycle.reply is not None
    style = situation.date_style
    day = calendar.next_business_day(cycle.promised)
    why = (
        f"They answered on {short_date(cycle.reply, style)} with a new date, "
        f"{short_date(cycle.promised, style)}: if it passes in silence, check in the next "
        "business day."
    )
    return _check_in_step(situation, cycle, day, "G17", "new_date", why)


def g18_check_in_while_they_decide(
    situation: Situation, cycle: Cycle, calendar: BusinessCalendar
) -> Step:
    """G18: they answered without a date: wait again as if no timeline was set, counting
    from their answer (G7/G8)."""
    assert cycle.reply is not None
    day = g7_g8_no_timeline_day(cycle.reply, calendar)
    why = (
        f"They answered on {short_date(cycle.reply, situation.date_style)} without a date: "
        "wait at least a week from their answer, then ask again before two weeks have passed."
    )
    return _check_in_step(situation, cycle, day, "G18", "still_deciding", why)


def g11_second_follow_up(first: Step, counts_from: date, calendar: BusinessCalendar) -> Step:
    """G11: one more short note five business days after the first check-in (counted from
    when it was sent, or from when it is due: G15/G16), then let it go."""
    day = calendar.add_business_days(counts_from, SECOND_FOLLOW_UP_BUSINESS_DAYS)
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
        id=f"second_follow_up:{first.cycle}",
        recipient=first.recipient,
        cycle=first.cycle,
    )


def g10_ask_inside_contact(
    situation: Situation, first: Step, counts_from: date, calendar: BusinessCalendar
) -> Step | None:
    """G10: if nobody answers, ask a contact inside the company how the hiring is going.

    A named contact is enough; the old yes/no answer still asks someone unnamed.
    """
    contact = situation.inside_contact
    if contact is None and not situation.has_inside_contact:
        return None
    who = contact.label if contact is not None and contact.is_known else "your inside contact"
    return Step(
        kind="ask_inside_contact",
        date=calendar.add_business_days(counts_from, NUDGE_AFTER_BUSINESS_DAYS),
        rule="G10",
        channel="email",
        title=f"Ask {who} how the hiring is going",
        why="If your check-in goes unanswered, someone inside the company may know where "
        "the decision stands.",
        id=f"ask_inside_contact:{first.cycle}",
        recipient=contact,
        cycle=first.cycle,
    )


def g10_ask_references(
    situation: Situation, first: Step, counts_from: date, calendar: BusinessCalendar
) -> list[Step]:
    """G10: if nobody answers, ask your references whether anyone has called them: one note
    to each named reference, or one generic note when none is named."""
    named = [person for person in situation.references if person.is_known]
    if not named and not situation.has_references:
        return []
    day = calendar.add_business_days(counts_from, NUDGE_AFTER_BUSINESS_DAYS)
    why = (
        "If your check-in goes unanswered, your references can tell you whether the "
        "employer has been in touch with them."
    )
    generic = Step(
        kind="ask_references",
        date=day,
        rule="G10",
        channel="email",
        title="Ask your references whether anyone has called them",
        why=why,
        id=f"ask_references:{first.cycle}",
        cycle=first.cycle,
    )
    if not named:
        return [generic]
    # A named reference's note is the generic one addressed to them: their name in the
    # title, and who they are added to the id.
    seen: dict[str, int] = {}
    steps = []
    for person in named:
        token = numbered(slug(person.name or person.email, "reference"), seen)
        title = f"Ask {person.label} whether anyone has called them"
        steps.append(generic.but(title=title, id=f"{generic.id}:{token}", recipient=person))
    return steps


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
        id="keep_applying",
    )


_CLOSING = {
    "rejection": (
        "G20",
        "Reply to {who}: thank them and keep the door open",
        "A brief, gracious reply within a business day or two costs a minute and keeps the "
        "door open for future openings. Every other follow-up stops.",
    ),
    "offer": (
        "G21",
        "Acknowledge the offer to {who}",
        "Thank them within one business day, ask for the offer in writing if you do not "
        "have it yet, and say by when you will answer. Every other follow-up stops.",
    ),
    "withdrawn": (
        "G22",
        "Tell {who} that you are withdrawing",
        "Let them know promptly and politely, and thank them for their time. Every other "
        "follow-up stops.",
    ),
}


def g20_g22_closing_action(
    situation: Situation, outcome: str, on: date, calendar: BusinessCalendar
) -> Step:
    """G20-G22: the one message an outcome asks for, on its day if that is a business day,
    else the next one, to whoever the check-ins went to."""
    rule, title, why = _CLOSING[outcome]
    contact = g24_check_in_contact(situation)
    who = contact.label if contact else "the hiring manager or HR"
    kind = CLOSING_KINDS[outcome]
    return Step(
        kind=kind,
        date=calendar.on_or_after(on),
        rule=rule,
        channel="email",
        title=title.format(who=who),
        why=why,
        id=kind,
        recipient=contact,
    )


def numbered(token: str, seen: dict[str, int]) -> str:
    """`token`, or `token~2`, `token~3`... for its later repeats, so that ids stay unique.

    >>> seen = {}
    >>> [numbered("li-wei", seen) for _ in range(3)]
    ['li-wei', 'li-wei~2', 'li-wei~3']
    """
    seen[token] = seen.get(token, 0) + 1
    return token if seen[token] == 1 else f"{token}~{seen[token]}"


def _named(people: tuple[Person, ...]) -> list[Person]:
    """The people of a round with a name or an address, in order (a round may list blank
    rows)."""
    return [person for person in people if person.is_known]


def _preferred_channel(situation: Situation) -> str:
    """G24: the visitor's channel if given, else email (with no address yet if none known)."""
    return situation.channel or "email"


def _check_in_step(
    situation: Situation, cycle: Cycle, day: date, rule: str, reason: str, why: str
) -> Step:
    contact = g24_check_in_contact(situation)
    who = contact.label if contact else "the hiring manager or HR"
    # G3: an agreed channel is kept; email when nothing was agreed.
    channel = (situation.channel or "email") if rule == "G3" else _preferred_channel(situation)
    verb = "Call" if channel == "phone" else "Email"
    return Step(
        kind="follow_up",
        date=day,
        rule=rule,
        channel=channel,
        title=f"{verb} {who} to check in",
        why=why,
        id=f"follow_up:{cycle.key}",
        recipient=contact,
        cycle=cycle.key,
        reason=reason,
        promised=cycle.promised,
        reply=cycle.reply,
    )
