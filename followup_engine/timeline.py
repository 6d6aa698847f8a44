"""The wait as it unfolds: which cycles of waiting there were, and where each step stands.

`rules` says when each step would fall; this module applies what the log says happened:
done steps (G15), a late arrival (G16), answers that start a new cycle (G17/G18), new
rounds (G19), and outcomes that close the application (G20-G22).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .business_days import BusinessCalendar
from .dates_in_words import short_date
from .model import KINDS, Event, Situation
from .rules import (
    LATE_THANK_YOU_BUSINESS_DAYS,
    Cycle,
    Step,
    first_follow_up,
    g4_thank_you_notes,
    g10_ask_inside_contact,
    g10_ask_references,
    g11_second_follow_up,
    g12_keep_applying,
    g20_g22_closing_action,
    numbered,
)

__all__ = ["Wait", "cycles_of", "follow_the_wait", "sorted_log"]


@dataclass(frozen=True)
class Wait:
    """The outcome of following the log: the steps to show, and every step any cycle
    defines (by id), which the log's `done` entries may name."""

    steps: list[Step]
    defined: dict[str, Step]
    outcome: Event | None


def sorted_log(situation: Situation) -> list[tuple[int, Event]]:
    """The log with each entry's index in the input, oldest first (stable for one day)."""
    return sorted(enumerate(situation.log), key=lambda item: item[1].date)


def cycles_of(situation: Situation) -> list[Cycle]:
    """Every cycle of waiting, oldest first: one per round date (G14, G19), one per answer
    (G17/G18). A round's cycle gets the decision and check-in dates given after it, when
    no later round came before them; a later round marks them as belonging to the past."""
    round_days = sorted({r.date for r in situation.rounds})
    latest = round_days[-1]

    def owner(day: date | None) -> date | None:
        """The round a date the visitor was given belongs to: the latest one on or before it."""
        if day is None:
            return None
        earlier = [round_day for round_day in round_days if round_day <= day]
        return earlier[-1] if earlier else None

    promised_for, agreed_for = owner(situation.decision_date), owner(situation.checkin_date)
    stale = None
    if agreed_for is not None and agreed_for != latest:
        stale = situation.checkin_date
    elif promised_for is not None and promised_for != latest:
        stale = situation.decision_date
    anchored: list[tuple[date, int, int, Cycle]] = [
        (
            day,
            0,
            0,
            Cycle(
                key=day.isoformat(),
                start=day,
                promised=situation.decision_date if promised_for == day else None,
                agreed=situation.checkin_date if agreed_for == day else None,
                stale=stale if day == latest else None,
            ),
        )
        for day in round_days
    ]
    seen: dict[str, int] = {}
    for index, event in sorted_log(situation):
        if event.event != "reply":
            continue
        key = numbered(f"reply-{event.date.isoformat()}", seen)
        cycle = Cycle(key=key, start=event.date, promised=event.new_decision_date, reply=event.date)
        anchored.append((event.date, 1, index, cycle))
    return [cycle for *_, cycle in sorted(anchored, key=lambda item: item[:3])]


def follow_the_wait(situation: Situation, calendar: BusinessCalendar) -> Wait:
    """Every step of the plan with its status, as the log and `today` leave it."""
    today = situation.today
    done: dict[str, date] = {}
    outcome: Event | None = None
    for _, event in sorted_log(situation):
        if event.event == "done" and event.action is not None:
            done.setdefault(event.action, event.date)
        elif event.event == "outcome" and outcome is None:
            outcome = event
    defined: dict[str, Step] = {}
    steps: list[Step] = []

    # G4 and G16: thank-you notes, skipped when too late to send on their own.
    for note in g4_thank_you_notes(situation, calendar):
        defined[note.id] = note
        late_after = calendar.add_business_days(note.date, LATE_THANK_YOU_BUSINESS_DAYS)
        if note.id not in done and today > late_after:
            steps.append(_skipped_late(note, situation))
        else:
            steps.append(_settled(note, done.get(note.id), today))

    # One cycle after another; only the newest one's steps are still to do.
    all_cycles = cycles_of(situation)
    for number, cycle in enumerate(all_cycles):
        live = number == len(all_cycles) - 1
        first = first_follow_up(situation, cycle, calendar)
        first = _settled(first, done.get(first.id), today)
        # G15: what depends on the check-in counts from when it was sent; G16: from today
        # (or the next business day) when it is overdue.
        # A message cannot go out before the next business day (G13).
        due_from = max(first.date, calendar.on_or_after(today)) if live else first.date
        counts_from = first.done_on or due_from
        chain = [
            first,
            g11_second_follow_up(first, counts_from, calendar),
            g10_ask_inside_contact(situation, first, counts_from, calendar),
            *g10_ask_references(situation, first, counts_from, calendar),
        ]
        for step in chain:
            if step is None:
                continue
            step = _settled(step, done.get(step.id), today)
            if step.kind == "second_follow_up":
                step = step.but(sent_before=first.done_on)
            defined[step.id] = step
            if step.status == "done" or (live and outcome is None):
                steps.append(step)

    keep = g12_keep_applying(situation)
    defined[keep.id] = keep
    if outcome is not None:
        # G12 after a rejection or a withdrawal: the search goes on, nothing to wait for.
        keep = keep.but(
            title="Keep applying and interviewing",
            why="One door closed; your other applications and interviews are where your "
            "energy goes now.",
        )
    if outcome is None or outcome.outcome != "offer":
        steps.append(_settled(keep, done.get(keep.id), today))
    if outcome is not None:
        assert outcome.outcome is not None
        closing = g20_g22_closing_action(situation, outcome.outcome, outcome.date, calendar)
        defined[closing.id] = closing
        # G20-G22: every pending follow-up stops; done steps stay.
        steps = [step for step in steps if step.status == "done" or step.kind == "keep_applying"]
        steps.append(_settled(closing, done.get(closing.id), today))
    else:
        steps = _fold_thanks_into_check_ins(steps, situation)
    return Wait(steps=_one_message_a_day(steps, calendar, today), defined=defined, outcome=outcome)


def _settled(step: Step, done_on: date | None, today: date) -> Step:
    """G15: done on the day the log says; else overdue, due or upcoming by its own date."""
    if done_on is not None:
        return step.but(status="done", done_on=done_on)
    if step.date < today:
        return step.but(status="overdue")
    return step.but(status="due" if step.date == today else "upcoming")


def _skipped_late(note: Step, situation: Situation) -> Step:
    """G16: a thank-you more than a few business days late is not sent on its own (its why
    is written once it is known which message thanks them instead)."""
    return note.but(status="skipped", rule="G16", reason="late")


def _fold_thanks_into_check_ins(steps: list[Step], situation: Situation) -> list[Step]:
    """G16: the first message to someone whose thank-you was skipped thanks them; so does a
    check-in that comes no later than a thank-you still to send to the same person, which is
    then not sent on its own."""
    today = situation.today
    check_ins = {
        step.recipient.key: step
        for step in steps
        if step.kind == "follow_up" and step.is_pending and step.recipient and step.recipient.key
    }
    folded: list[Step] = []
    for step in steps:
        check_in = check_ins.get(step.recipient.key if step.recipient else "")
        if (
            step.kind == "thank_you"
            and step.is_pending
            and check_in is not None
            and max(step.date, today) >= max(check_in.date, today)
        ):
            step = step.but(status="skipped", rule="G16", reason="folded")
        folded.append(step)
    # Whose thanks are owed, and from when: the note's own day, or the day of the check-in
    # it was folded into when that comes first (an agreed check-in on the round's day).
    owed = {
        step.recipient.key: min(step.date, check_ins[step.recipient.key].date)
        if step.reason == "folded"
        else step.date
        for step in reversed(folded)
        if step.kind == "thank_you"
        and step.status == "skipped"
        and step.recipient
        and step.recipient.key  # someone unnamed: no later message can be said to reach them
    }
    thanked_by: dict[str, Step] = {}
    result = []
    for step in sorted(folded, key=lambda s: (s.date, KINDS.index(s.kind))):
        who = step.recipient.key if step.recipient else ""
        if (
            who in owed
            and who not in thanked_by
            and step.status != "skipped"
            and step.kind in ("follow_up", "second_follow_up")
            and (step.done_on or step.date) >= owed[who]
        ):
            step = step.but(thanks=True)
            thanked_by[who] = step
        result.append(step)
    return [_why_skipped(step, thanked_by, situation) for step in result]


def _why_skipped(step: Step, thanked_by: dict[str, Step], situation: Situation) -> Step:
    """The why of a thank-you G16 skipped: which message thanks them instead, if any."""
    if step.kind != "thank_you" or step.rule != "G16":
        return step
    style = situation.date_style
    instead = thanked_by.get(step.recipient.key if step.recipient else "")
    if instead is not None:
        which = "check-in" if instead.kind == "follow_up" else "second check-in"
        then = f"Your {which} on {short_date(instead.done_on or instead.date, style)} thanks them"
    else:
        then = "If you write to them again, thank them for the interview then"
    if step.reason == "folded":
        return step.but(
            why=f"{then} too: two messages to one person so close together would be one too many."
        )
    return step.but(
        why=f"It was due on {short_date(step.date, style)}: this late, a separate thank-you "
        f"would feel like an afterthought. {then} instead."
    )


def _one_message_a_day(steps: list[Step], calendar: BusinessCalendar, today: date) -> list[Step]:
    """G16: no two pending messages to one person on one day (an overdue one counts as
    today's). The check-in keeps its day, since the second check-in counts from it (and an
    agreed one, G3, must not move); any other message moves to that person's next free
    business day."""
    taken: set[tuple[str, date]] = set()
    placed = []
    order = sorted(
        steps,
        key=lambda s: (s.kind != "follow_up", max(s.date, today), KINDS.index(s.kind)),
    )
    for step in order:
        who = step.recipient.key if step.recipient else ""
        if not (step.is_pending and step.sends_message and who):
            placed.append(step)
            continue
        day = max(step.date, today)
        if step.kind != "follow_up":
            while (who, day) in taken:
                day = calendar.next_business_day(day)
            if day != max(step.date, today):
                step = _settled(step.but(date=day), None, today)
        taken.add((who, day))
        placed.append(step)
    return placed
