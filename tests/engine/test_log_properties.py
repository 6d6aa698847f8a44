"""Property tests over random histories: a visitor ticks steps, the employer answers, an
outcome may arrive; whatever happened, the plan keeps G15-G24.

Histories are built the way the page builds them: at each point, only steps the plan of
that day shows can be ticked, so every generated log is valid. Run longer with
HYPOTHESIS_PROFILE=long.
"""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from followup_engine import plan_from_dict
from followup_engine.business_days import business_calendar

NAMES = ["Dana Lee", "Omar Haddad", "Li Wei", ""]
EMAILS = ["dana@example.com", "omar@example.com", ""]
MESSAGE_KINDS = {
    "thank_you",
    "follow_up",
    "second_follow_up",
    "ask_inside_contact",
    "ask_references",
}
CHAIN = {"follow_up", "second_follow_up", "ask_inside_contact", "ask_references"}
CLOSING = {"reply_to_rejection", "reply_to_offer", "withdraw"}

first_days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
people = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(NAMES),
            "email": st.sampled_from(EMAILS),
            "role": st.sampled_from(["interviewer", "hiring_manager", "recruiter"]),
        }
    ),
    max_size=3,
)


@st.composite
def histories(draw):
    """A situation with a valid log, and the day it is looked at."""
    first = draw(first_days)
    gaps = draw(st.lists(st.integers(0, 30), min_size=0, max_size=2))
    round_days = [first]
    for gap in gaps:
        round_days.append(round_days[-1] + timedelta(days=gap))
    latest = round_days[-1]
    maybe_later = st.one_of(
        st.none(), st.integers(0, 40).map(lambda n: (first + timedelta(days=n)).isoformat())
    )
    data = {
        "rounds": [{"date": d.isoformat(), "interviewers": draw(people)} for d in round_days],
        "decision_date": draw(maybe_later),
        "checkin_date": draw(maybe_later),
        "channel": draw(st.sampled_from([None, "email", "phone"])),
        "company": "Acme",
        "role": "Analyst",
        "country": draw(st.sampled_from([None, "US", "GB"])),
        "inside_contact": draw(
            st.sampled_from([None, {"name": "Ann Ko", "email": "ann@example.com"}])
        ),
        "references": draw(
            st.sampled_from([[], [{"name": "Jo Park"}], [{"name": "Jo"}, {"email": "x@y.org"}]])
        ),
        "has_inside_contact": draw(st.booleans()),
        "has_references": draw(st.booleans()),
        "log": [],
    }
    day = latest
    for _ in range(draw(st.integers(0, 8))):
        day += timedelta(days=draw(st.integers(0, 12)))
        plan = plan_from_dict({**data, "today": day.isoformat()})
        choice = draw(st.sampled_from(["done", "done", "done", "reply", "outcome"]))
        pending = [a for a in plan["actions"] if a["status"] in ("overdue", "due", "upcoming")]
        if plan["state"] == "closed":
            closing = [a for a in pending if a["kind"] in CLOSING]
            if closing:
                data["log"].append(
                    {"date": day.isoformat(), "event": "done", "action": closing[0]["id"]}
                )
            break
        if choice == "done" and pending:
            action = draw(st.sampled_from(pending))
            data["log"].append({"date": day.isoformat(), "event": "done", "action": action["id"]})
        elif choice == "reply" and day >= first:
            new_date = draw(st.one_of(st.none(), st.integers(0, 20)))
            data["log"].append(
                {
                    "date": day.isoformat(),
                    "event": "reply",
                    "new_decision_date": None
                    if new_date is None
                    else (day + timedelta(days=new_date)).isoformat(),
                }
            )
        elif choice == "outcome":
            outcome = draw(st.sampled_from(["offer", "rejection", "withdrawn"]))
            data["log"].append({"date": day.isoformat(), "event": "outcome", "outcome": outcome})
    data["today"] = (day + timedelta(days=draw(st.integers(0, 40)))).isoformat()
    return data


def recipient_key(action):
    message = action["message"]
    return message["to"] if message and message["to"] else None


@given(histories())
def test_every_history_keeps_the_rules_of_the_wait(data):
    plan = plan_from_dict(data)
    today = date.fromisoformat(plan["today"])
    actions = plan["actions"]
    calendar = business_calendar(data["country"])
    logged = {e["action"]: e["date"] for e in data["log"] if e["event"] == "done"}

    # Ids are unique; statuses say what the log and the date say.
    ids = [a["id"] for a in actions]
    assert len(ids) == len(set(ids))
    for action in actions:
        assert action["overdue"] == (action["status"] == "overdue")
        if action["id"] in logged:
            assert (action["status"], action["done_on"]) == ("done", logged[action["id"]])
        else:
            assert action["status"] != "done" and action["done_on"] is None
        if action["status"] in ("overdue", "due", "upcoming"):
            expected = {-1: "overdue", 0: "due", 1: "upcoming"}
            day = date.fromisoformat(action["date"])
            assert action["status"] == expected[(day > today) - (day < today)]
    assert [a["date"] for a in actions] == sorted(a["date"] for a in actions)

    pending = [a for a in actions if a["status"] in ("overdue", "due", "upcoming")]
    outcomes = [e for e in data["log"] if e["event"] == "outcome"]
    if outcomes:
        # G20-G22: closed, one closing step, nothing else still to send.
        assert (plan["state"], plan["outcome"]) == ("closed", outcomes[0]["outcome"])
        assert [a["kind"] for a in actions if a["kind"] in CLOSING] == [
            {"offer": "reply_to_offer", "rejection": "reply_to_rejection"}.get(
                outcomes[0]["outcome"], "withdraw"
            )
        ]
        assert all(a["kind"] in CLOSING | {"keep_applying"} for a in pending)
    else:
        assert (plan["state"], plan["outcome"]) == ("waiting", None)
        assert len([a for a in pending if a["kind"] == "follow_up"]) <= 1

    # G16: no two pending messages to one person on one day (an overdue one counts as today).
    seen = set()
    for action in pending:
        who = recipient_key(action)
        if who is None:
            continue
        day = max(date.fromisoformat(action["date"]), today)
        assert (who, day) not in seen, action
        seen.add((who, day))

    # G16: the check-in chain never holds more than one overdue message to the employer.
    overdue_chain = [
        a for a in pending if a["kind"] in {"follow_up", "second_follow_up"} and a["overdue"]
    ]
    assert len(overdue_chain) <= 1

    # G11/G15/G16: a pending second check-in comes at least five business days after the
    # day its check-in counts from: when it was sent, else when it is (or was) due.
    by_id = {a["id"]: a for a in actions}
    for second in (a for a in pending if a["kind"] == "second_follow_up"):
        first = by_id.get(second["id"].replace("second_follow_up", "follow_up", 1))
        if first is None:
            continue
        counts_from = first["done_on"] or max(first["date"], today.isoformat())
        floor = calendar.add_business_days(date.fromisoformat(counts_from), 5)
        assert date.fromisoformat(second["date"]) >= floor
        # G16: it names the first check-in's day only when the log says it was sent.
        body = second["message"]["body"]
        assert ("I wrote to you on" in body or "I called on" in body) == (first["status"] == "done")
        # G23: by email, it answers the first in its thread.
        if second["channel"] == "email":
            assert second["message"]["subject"] == "Re: " + first["message"]["subject"]

    # Skipped steps send nothing; every message step has a draft.
    for action in actions:
        if action["status"] == "skipped":
            assert action["message"] is None
        elif action["kind"] in MESSAGE_KINDS | CLOSING:
            assert action["message"] is not None and action["message"]["body"]
