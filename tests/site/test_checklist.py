"""A person works through an application's checklist: ticks steps (and later ones move),
records what the employer answered or decided, undoes an entry, copies and calls."""

from __future__ import annotations

from typing import Any

from planner_page import (
    ENGINE_TIMEOUT_MS,
    TODAY,
    expected_errors,
    expected_plan,
    open_planner,
    page_situation,
    store_applications,
    stored_logs,
    type_into,
)
from playwright.sync_api import BrowserContext, Page, expect

# No timeline: the check-in is upcoming on Monday 30 November (Thanksgiving skipped), the
# second one a week later.
ACME = page_situation(
    "Acme",
    "Data Analyst",
    "2026-11-19",
    "Dana Lee",
    "dana@example.com",
    candidate="Sam Rivera",
    country="US",
)
ACME_CHECK_IN = "follow_up:2026-11-19"
ACME_SECOND = "second_follow_up:2026-11-19"
# A decision promised for 20 November passed in silence: the check-in is overdue.
GLOBEX = page_situation(
    "Globex",
    "Analyst",
    "2026-11-10",
    "Ana Ruiz",
    "ana@example.org",
    candidate="Sam Rivera",
    decision_date="2026-11-20",
    country="US",
)
PENDING = ("overdue", "due", "upcoming")


def with_log(situation: dict[str, Any], *events: dict[str, Any]) -> dict[str, Any]:
    return {**situation, "log": [*situation["log"], *events]}


def done(action: str, day: str = TODAY) -> dict[str, Any]:
    return {"date": day, "event": "done", "action": action}


def engine_plan(situation: dict[str, Any]) -> dict[str, Any]:
    """The engine's plan as the page asks for it (en-US: dates month first)."""
    return expected_plan({**situation, "date_style": "month_day"})


def card(page: Page, action: str):
    return page.locator(f'#fp-plan .fp-action[data-action="{action}"]')


def expect_checklist(page: Page, situation: dict[str, Any]) -> dict[str, Any]:
    """Wait until every card is the engine's step for the situation: kind, day, status, id;
    done steps ticked with their day, pending ones not. Returns the engine's plan."""
    plan = engine_plan(situation)
    cards = page.locator("#fp-plan .fp-action")
    expect(cards).to_have_count(len(plan["actions"]), timeout=ENGINE_TIMEOUT_MS)
    for index, action in enumerate(plan["actions"]):
        item = cards.nth(index)
        expect(item).to_have_attribute("data-action", action["id"])
        expect(item).to_have_attribute("data-kind", action["kind"])
        expect(item).to_have_attribute("data-date", action["date"])
        expect(item).to_have_attribute("data-status", action["status"])
        box = item.locator("input[type=checkbox][name=done]")
        if action["status"] == "skipped":
            expect(box).to_have_count(0)
        elif action["status"] == "done":
            expect(box).to_be_checked()
            expect(item.locator("input[type=date][name=done_on]")).to_have_value(action["done_on"])
        else:
            expect(box).not_to_be_checked()
            expect(item.locator("input[name=done_on]")).to_have_count(0)
    return plan


def history(page: Page):
    return page.locator("#fp-history > li")


def open_stored(
    context: BrowserContext, site_url: str, applications: dict[str, dict[str, Any]]
) -> Page:
    """The planner on a browser that kept these applications; the last one opens."""
    store_applications(context, site_url, applications)
    page = open_planner(context, site_url)
    expect_checklist(page, list(applications.values())[-1])
    return page


def test_ticking_a_check_in_moves_the_second_one(context: BrowserContext, site_url: str) -> None:
    page = open_stored(context, site_url, {"acme": ACME})
    expect(card(page, ACME_SECOND)).to_have_attribute("data-date", "2026-12-07")
    expect(history(page)).to_have_text(["Nothing recorded yet."])

    # Sent today: the second check-in comes 5 business days after today (G15), not after
    # the day the check-in was planned for.
    page.get_by_role("checkbox", name="Done: Email Dana Lee to check in").check()
    ticked = with_log(ACME, done(ACME_CHECK_IN))
    expect_checklist(page, ticked)
    check_in = card(page, ACME_CHECK_IN)
    expect(check_in).to_have_attribute("data-status", "done")
    expect(check_in.locator(".fp-badge")).to_have_text("Done")
    expect(check_in.get_by_role("button", name="Add to calendar")).to_have_count(0)
    expect(check_in.get_by_label("on", exact=True)).to_have_value(TODAY)
    expect(card(page, ACME_SECOND)).to_have_attribute("data-date", "2026-12-03")
    expect(history(page)).to_have_count(1)
    expect(history(page).first).to_contain_text("Done: Email Dana Lee to check in")
    expect(history(page).first.locator("time")).to_have_text("Wednesday, November 25, 2026")

    # It was sent on Monday in fact: the second check-in follows that day.
    check_in.get_by_label("on", exact=True).fill("2026-11-23")
    expect_checklist(page, with_log(ACME, done(ACME_CHECK_IN, "2026-11-23")))
    expect(card(page, ACME_SECOND)).to_have_attribute("data-date", "2026-12-01")
    expect(history(page).first.locator("time")).to_have_text("Monday, November 23, 2026")
    assert stored_logs(page) == {"acme": [done(ACME_CHECK_IN, "2026-11-23")]}

    # Not sent after all: the event is gone and the dates are back.
    card(page, ACME_CHECK_IN).get_by_role("checkbox", name="Done").uncheck()
    expect_checklist(page, ACME)
    expect(card(page, ACME_SECOND)).to_have_attribute("data-date", "2026-12-07")
    expect(history(page)).to_have_text(["Nothing recorded yet."])
    assert stored_logs(page) == {"acme": []}


def test_an_answer_with_a_new_date_starts_a_new_wait(
    context: BrowserContext, site_url: str
) -> None:
    page = open_stored(context, site_url, {"globex": GLOBEX})
    expect(card(page, "follow_up:2026-11-10")).to_have_attribute("data-status", "overdue")
    expect(page.get_by_label("When")).to_have_value(TODAY)

    page.get_by_label("The new date they gave").fill("2026-12-04")
    page.get_by_role("button", name="They answered").click()
    answered = with_log(
        GLOBEX, {"date": TODAY, "event": "reply", "new_decision_date": "2026-12-04"}
    )
    plan = expect_checklist(page, answered)
    # The old wait's check-ins are gone; the new one is the next business day after the date.
    assert not [
        a for a in plan["actions"] if a["id"].endswith(":2026-11-10") and a["kind"] != "thank_you"
    ]
    expect(card(page, "follow_up:2026-11-10")).to_have_count(0)
    expect(card(page, "second_follow_up:2026-11-10")).to_have_count(0)
    new_check_in = card(page, "follow_up:reply-2026-11-25")
    expect(new_check_in).to_have_attribute("data-kind", "follow_up")
    expect(new_check_in).to_have_attribute("data-date", "2026-12-07")
    expect(new_check_in).to_have_attribute("data-status", "upcoming")
    expect(page.get_by_label("The new date they gave")).to_have_value("")
    expect(history(page)).to_have_count(1)
    expect(history(page).first).to_contain_text(
        "They answered with a new date: Friday, December 4, 2026"
    )

    # Undo in the history: the plan is the one before the answer.
    history(page).first.get_by_role("button", name="Undo").click()
    expect_checklist(page, GLOBEX)
    expect(card(page, "follow_up:2026-11-10")).to_have_attribute("data-status", "overdue")
    expect(history(page)).to_have_text(["Nothing recorded yet."])
    assert stored_logs(page) == {"globex": []}


def test_a_rejection_and_an_offer_close_their_applications(
    context: BrowserContext, site_url: str
) -> None:
    page = open_stored(context, site_url, {"acme": ACME, "globex": GLOBEX})
    globex = page.locator('#fp-applications li[data-application="globex"]')
    acme = page.locator('#fp-applications li[data-application="acme"]')
    expect(globex).to_have_attribute("data-state", "waiting")

    # Turned down: a reply to send today, drafted at once; nothing left to check in about.
    page.get_by_role("button", name="They turned me down").click()
    rejected = with_log(GLOBEX, {"date": TODAY, "event": "outcome", "outcome": "rejection"})
    plan = expect_checklist(page, rejected)
    reply = next(a for a in plan["actions"] if a["kind"] == "reply_to_rejection")
    item = page.locator('#fp-plan .fp-action[data-kind="reply_to_rejection"]')
    expect(item).to_have_attribute("data-status", "due")
    expect(item.locator(".fp-message__head dd").last).to_have_text(reply["message"]["subject"])
    expect(item.locator(".fp-message__body p")).to_have_text(reply["message"]["body"].split("\n\n"))
    check_ins = page.locator(
        "#fp-plan .fp-action:is([data-kind=follow_up], [data-kind=second_follow_up])"
    )
    for status in PENDING:
        expect(check_ins.and_(page.locator(f'[data-status="{status}"]'))).to_have_count(0)
    expect(page.locator("#fp-plan .fp-plan__asof")).to_contain_text("Closed: they turned you down.")
    expect(globex).to_have_attribute("data-state", "rejection")
    expect(globex.locator(".fp-application__state")).to_have_text("closed: turned down")
    expect(history(page).first).to_contain_text("They turned you down")

    # An offer on the other application: a reply to the offer, and that one closes too.
    acme.get_by_role("button").click()
    expect_checklist(page, ACME)
    page.get_by_role("button", name="They made an offer").click()
    offered = with_log(ACME, {"date": TODAY, "event": "outcome", "outcome": "offer"})
    plan = expect_checklist(page, offered)
    [answer] = plan["actions"]
    assert answer["kind"] == "reply_to_offer"
    offer = card(page, answer["id"])
    expect(offer).to_have_attribute("data-kind", "reply_to_offer")
    expect(offer.locator(".fp-message__body p")).to_have_text(
        answer["message"]["body"].split("\n\n")
    )
    expect(acme).to_have_attribute("data-state", "offer")
    expect(acme.locator(".fp-application__state")).to_have_text("closed: offer")
    expect(page.locator("#fp-plan .fp-plan__asof")).to_contain_text("Closed: they made an offer.")

    # Undo: Acme is waiting again with its check-ins; Globex stays turned down.
    history(page).first.get_by_role("button", name="Undo").click()
    expect_checklist(page, ACME)
    expect(acme).to_have_attribute("data-state", "waiting")
    expect(globex).to_have_attribute("data-state", "rejection")
    assert stored_logs(page) == {"acme": [], "globex": rejected["log"]}


def test_a_history_entry_the_engine_refuses_is_shown_beside_it(
    context: BrowserContext, site_url: str
) -> None:
    page = open_stored(context, site_url, {"acme": ACME})
    page.get_by_role("checkbox", name="Done: Email Dana Lee to check in").check()
    expect_checklist(page, with_log(ACME, done(ACME_CHECK_IN)))

    # Done the day before the interview it follows: the engine refuses that history.
    card(page, ACME_CHECK_IN).get_by_label("on", exact=True).fill("2026-11-18")
    [problem] = expected_errors(
        {**with_log(ACME, done(ACME_CHECK_IN, "2026-11-18")), "date_style": "month_day"}
    )
    assert problem["field"] == "log" and problem["event"] == 0
    entry = page.locator("#fp-history #fp-event-0")
    expect(entry.locator(".fp-error")).to_have_text(problem["message"])
    expect(page.locator("#fp-history .fp-error")).to_have_count(1)
    expect(entry.locator("time")).to_have_text("Wednesday, November 18, 2026")
    expect(page.locator("#fp-plan .fp-action")).to_have_count(0)
    expect(page.locator("#fp-plan .fp-plan__problem")).to_contain_text("history entry")
    expect(page.locator("#fp-plan .fp-plan__problems li")).to_have_text([problem["message"]])
    # An application with problems is left out of the today list.
    expect(page.locator('#agenda li[data-application="acme"]')).to_have_count(0)

    # Undoing the entry brings the plan back.
    entry.get_by_role("button", name="Undo").click()
    expect_checklist(page, ACME)
    expect(page.locator("#fp-history .fp-error")).to_have_count(0)
    expect(page.locator('#agenda li[data-application="acme"]').first).to_be_attached()


def test_copy_the_subject_and_the_body_and_call_by_phone(
    context: BrowserContext, site_url: str
) -> None:
    page = open_stored(context, site_url, {"acme": ACME})
    plan = engine_plan(ACME)
    message = next(a for a in plan["actions"] if a["id"] == ACME_CHECK_IN)["message"]
    check_in = card(page, ACME_CHECK_IN)

    check_in.get_by_role("button", name="Copy subject").click()
    expect(check_in.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == message["subject"]
    expect(check_in.get_by_role("button", name="Copy subject")).to_be_visible()
    check_in.get_by_role("button", name="Copy", exact=True).click()
    expect(check_in.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == message["body"]
    expect(check_in.get_by_role("link", name="Open in email")).to_have_count(1)

    # By phone, with the interviewer's number: a call script with a number to dial. The
    # number is typed first and the channel chosen last, so that no redraw from leaving the
    # phone field (its change event plans again) replaces the card under the next click.
    type_into(page, "#fp-r0-p0-phone", "+1 (555) 010-2030")
    channel = page.get_by_label("How to get in touch")
    channel.focus()
    channel.select_option("phone")
    by_phone = {
        **ACME,
        "channel": "phone",
        "rounds": [
            {
                "date": "2026-11-19",
                "interviewers": [
                    {**ACME["rounds"][0]["interviewers"][0], "phone": "+1 (555) 010-2030"}
                ],
            }
        ],
    }
    plan = expect_checklist(page, by_phone)
    call = next(a for a in plan["actions"] if a["id"] == ACME_CHECK_IN)
    assert call["channel"] == "phone" and call["message"]["to"] == "+1 (555) 010-2030"
    check_in = card(page, ACME_CHECK_IN)
    expect(check_in.locator(".fp-action__title")).to_have_text("Call Dana Lee to check in")
    expect(check_in.get_by_role("link", name="Call")).to_have_attribute("href", "tel:+15550102030")
    expect(check_in.get_by_role("link", name="Open in email")).to_have_count(0)
    expect(check_in.get_by_role("button", name="Copy subject")).to_have_count(0)
    expect(check_in.locator(".fp-message__body p").first).to_have_text(
        "Ask for Dana Lee, then say:"
    )
    check_in.get_by_role("button", name="Copy", exact=True).click()
    expect(check_in.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == call["message"]["body"]


def test_everything_recorded_survives_a_reload(context: BrowserContext, site_url: str) -> None:
    page = open_stored(context, site_url, {"acme": ACME, "globex": GLOBEX})
    # Globex: the overdue check-in went out today; they answered, still deciding.
    page.get_by_role("checkbox", name="Done: Email Ana Ruiz to check in").check()
    globex = with_log(GLOBEX, done("follow_up:2026-11-10"))
    expect_checklist(page, globex)
    page.get_by_role("button", name="They answered").click()
    globex = with_log(globex, {"date": TODAY, "event": "reply", "new_decision_date": None})
    expect_checklist(page, globex)
    # Acme: the offer came yesterday (the day is changed before recording it).
    page.locator('[data-open="acme"]').click()
    expect_checklist(page, ACME)
    page.get_by_label("When").fill("2026-11-24")
    page.get_by_role("button", name="They made an offer").click()
    acme = with_log(ACME, {"date": "2026-11-24", "event": "outcome", "outcome": "offer"})
    expect_checklist(page, acme)
    page.close()

    page = open_planner(context, site_url)
    expect(page.locator('[data-open="acme"]')).to_have_attribute("aria-current", "true")
    expect_checklist(page, acme)
    expect(history(page)).to_have_count(1)
    expect(history(page).first).to_contain_text("They made an offer")
    expect(history(page).first.locator("time")).to_have_text("Tuesday, November 24, 2026")
    # Acme's state is the kept plan's, at once; Globex's comes once Python has planned it.
    expect(page.locator('#fp-applications li[data-application="acme"]')).to_have_attribute(
        "data-state", "offer"
    )
    expect(page.locator('#fp-applications li[data-application="globex"]')).to_have_attribute(
        "data-state", "waiting", timeout=ENGINE_TIMEOUT_MS
    )
    page.locator('[data-open="globex"]').click()
    expect_checklist(page, globex)
    expect(history(page)).to_have_count(2)
    expect(history(page).nth(0)).to_contain_text("They answered, still deciding")
    expect(history(page).nth(1)).to_contain_text("Done: Email Ana Ruiz to check in")
    assert stored_logs(page) == {"acme": acme["log"], "globex": globex["log"]}


def test_a_share_link_carries_what_happened(
    context: BrowserContext, new_context, site_url: str
) -> None:
    page = open_stored(context, site_url, {"acme": ACME})
    page.get_by_role("checkbox", name="Done: Email Dana Lee to check in").check()
    ticked = with_log(ACME, done(ACME_CHECK_IN))
    expect_checklist(page, ticked)
    page.get_by_role("button", name="Share link").click()
    link = page.locator("#fp-share-url")
    expect(link).not_to_have_value("")

    # On another browser the same application opens with its history: the step is done.
    elsewhere = new_context().new_page()
    elsewhere.goto(link.input_value())
    expect_checklist(elsewhere, ticked)
    expect(elsewhere.locator("#fp-history > li")).to_have_count(1)
