"""A visitor takes their applications out of the browser and back in: an export file that a
fresh browser imports to the same applications and plans, a file that is refused whole when
any part of it is wrong, a today list as CSV that no spreadsheet runs, one calendar for every
pending step whose UIDs survive edits, and a reminder to export at all."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from icalendar import Calendar
from planner_page import (
    TODAY,
    expected_plan,
    fill_round,
    open_planner,
    page_situation,
    type_into,
    wait_until_ready,
)
from playwright.sync_api import BrowserContext, Page, expect

from followup_engine.agenda import agenda_from_dict
from followup_engine.browser import agenda_response

EXPORT_NAME = f"followup-planner-{TODAY}.json"
APP_PREFIX = "followup-planner:v2:app:"
CSV_HEADER = ["date", "status", "company", "role", "kind", "title", "channel", "to", "subject"]
PENDING = ("overdue", "due", "upcoming")

# (company, role, interview day, interviewer, their email), as a person types them.
ACME = ("Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com")
GLOBEX = ("Globex", "Analyst", "2026-11-20", "Ana Ruiz", "ana@example.org")

STORED = """() => Object.fromEntries(Object.keys(localStorage)
  .filter((key) => key.startsWith("followup-planner"))
  .map((key) => [key, localStorage.getItem(key)]))"""
# The engine's last plan, which the page keeps (and rewrites whenever a plan arrives) only
# to show it at once on the next visit: a cache, not the visitor's data.
KEPT_PLAN_KEY = "followup-planner:v2:plan"


def applications(page: Page):
    return page.locator("#fp-applications li.fp-application")


def application_ids(page: Page) -> list[str]:
    return applications(page).evaluate_all("items => items.map((i) => i.dataset.application)")


def label_of(page: Page, app_id: str):
    return page.locator(f'#fp-applications li[data-application="{app_id}"] .fp-application__label')


def visitor_data(page: Page) -> dict[str, str]:
    """Every key the planner keeps but its plan cache, key -> raw value."""
    return {key: value for key, value in page.evaluate(STORED).items() if key != KEPT_PLAN_KEY}


def stored_drafts(page: Page) -> dict[str, dict[str, Any]]:
    return {
        key.removeprefix(APP_PREFIX): json.loads(value)["draft"]
        for key, value in page.evaluate(STORED).items()
        if key.startswith(APP_PREFIX)
    }


def add_application(page: Page, typed: tuple[str, ...], *, first: bool = False) -> str:
    """Type one application (a round with one interviewer; the holiday country chosen)
    into a new entry, or into the blank first one; returns its id."""
    company, role, day, name, email = typed
    before = set(application_ids(page))
    if not first:
        page.locator("button[name=new_application]").click()
        expect(applications(page)).to_have_count(len(before) + 1)
    fill_round(page, 0, day, [(name, email)])
    type_into(page, "#fp-company", company)
    type_into(page, "#fp-role", role)
    wait_until_ready(page)
    page.locator("#fp-country").select_option("US")
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(f"{company} — {role}")
    if first:
        return application_ids(page)[0]
    (new_id,) = set(application_ids(page)) - before
    return new_id


def situation_of(typed: tuple[str, ...], **changes: Any) -> dict[str, Any]:
    """The situation the page sends (and exports) for what `typed` holds, plus `changes`."""
    return {**page_situation(*typed, country="US"), **changes}


def open_application(page: Page, app_id: str) -> None:
    button = page.locator(f'#fp-applications [data-open="{app_id}"]')
    button.click()
    expect(button).to_have_attribute("aria-current", "true")


def plan_actions(page: Page, app_id: str, label: str) -> list[str]:
    """Open an application and read its plan: the engine ids of its cards, in order."""
    open_application(page, app_id)
    expect(page.locator("#fp-plan .fp-plan__application")).to_have_text(label)
    return page.locator("#fp-plan li.fp-action").evaluate_all(
        "cards => cards.map((card) => card.dataset.action)"
    )


def engine_actions(situation: dict[str, Any]) -> list[dict[str, Any]]:
    return expected_plan({**situation, "date_style": "month_day"})["actions"]


def download(page: Page, selector: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.locator(selector).click()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def export_file(*items: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "followup-planner",
        "version": 2,
        "exported": TODAY,
        "applications": [{"id": app_id, "situation": situation} for app_id, situation in items],
    }


def import_file(page: Page, path: Path) -> None:
    """Choose a file to import, once the page's script has drawn the list of applications."""
    expect(applications(page).first).to_be_visible()
    page.locator("input[name=import]").set_input_files(path)


def write_json(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def no_dialogs(page: Page) -> list[str]:
    """Record (and dismiss) every dialog the page opens; the list should stay empty."""
    opened: list[str] = []

    def record(dialog) -> None:  # type: ignore[no-untyped-def]
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def calendar_events(path: Path) -> list[Any]:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


# Export, then import into a fresh browser.


def test_export_all_then_import_into_a_fresh_browser(new_context, site_url: str, tmp_path: Path):
    page = open_planner(new_context(), site_url)
    acme = add_application(page, ACME, first=True)
    globex = add_application(page, GLOBEX)
    page.locator("#fp-decision-date").fill("2026-12-01")
    expect(page.locator("#fp-agenda-body li.fp-agenda__item").first).to_be_visible()
    labels = {acme: "Acme — Data Analyst", globex: "Globex — Analyst"}
    plans = {app_id: plan_actions(page, app_id, label) for app_id, label in labels.items()}

    path = download(page, "button[name=export]", tmp_path)
    assert path.name == EXPORT_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["exported"]) == ("followup-planner", 2, TODAY)
    assert [item["id"] for item in data["applications"]] == [acme, globex]
    situations = {item["id"]: item["situation"] for item in data["applications"]}
    for situation in situations.values():  # the visitor's date style may travel with it
        assert situation.get("date_style", "month_day") == "month_day"
    exported = {
        app_id: {key: value for key, value in situation.items() if key != "date_style"}
        for app_id, situation in situations.items()
    }
    assert exported[acme] == situation_of(ACME)
    assert exported[globex] == situation_of(GLOBEX, decision_date="2026-12-01")
    for app_id, situation in situations.items():
        assert plans[app_id] == [action["id"] for action in engine_actions(situation)]

    fresh = open_planner(new_context(), site_url)
    dialogs = no_dialogs(fresh)
    import_file(fresh, path)
    expect(fresh.locator("#fp-message-text")).to_have_text(
        f'Imported 2 applications from "{EXPORT_NAME}".'
    )
    expect(fresh.locator("#fp-notice")).to_be_hidden()
    for app_id, label in labels.items():
        expect(label_of(fresh, app_id)).to_have_text(label)
        assert plan_actions(fresh, app_id, label) == plans[app_id]
    assert dialogs == []
    # Kept for the next visit, each under its own id, with the same content.
    drafts = stored_drafts(fresh)
    assert {acme, globex} <= set(drafts)
    assert drafts[globex]["decision_date"] == "2026-12-01"
    fresh.reload()
    for app_id, label in labels.items():
        expect(label_of(fresh, app_id)).to_have_text(label)


def test_importing_the_same_file_again_changes_nothing_and_asks_nothing(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    path = write_json(
        tmp_path,
        "mine.json",
        export_file(("acme-1", situation_of(ACME)), ("globex-2", situation_of(GLOBEX))),
    )
    page = open_planner(context, site_url)
    dialogs = no_dialogs(page)
    import_file(page, path)
    expect(page.locator("#fp-message-text")).to_have_text(
        'Imported 2 applications from "mine.json".'
    )
    kept = visitor_data(page)
    count = applications(page).count()

    import_file(page, path)
    expect(page.locator("#fp-message-text")).to_have_text(
        'Imported 0 applications from "mine.json".'
    )
    assert dialogs == []
    expect(applications(page)).to_have_count(count)
    assert visitor_data(page) == kept


# Files that are refused whole.


def test_a_file_with_one_bad_application_stores_nothing(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    bad_globex = situation_of(GLOBEX, decision_date="2026-11-31")  # no such day
    data = export_file(("acme-1", situation_of(ACME)), ("globex-2", bad_globex))
    path = write_json(tmp_path, "two.json", data)
    answer = json.loads(agenda_response(json.dumps({**data, "today": TODAY, "days": 14})))
    assert not answer["ok"]
    problems = [problem["message"] for problem in answer["errors"]]

    page = open_planner(context, site_url)
    add_application(
        page, ("Initech", "Tester", "2026-11-18", "Kim Park", "kim@example.net"), first=True
    )
    before = visitor_data(page)

    import_file(page, path)
    notice = page.locator("#fp-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text('Nothing was imported from "two.json"')
    expect(notice).to_contain_text("Application 2 (Globex — Analyst)")
    for message in problems:
        expect(notice).to_contain_text(message)
    assert "decision date" in " ".join(problems)  # the engine names the field
    expect(applications(page)).to_have_count(1)
    assert visitor_data(page) == before


def test_a_file_the_page_cannot_keep_stores_nothing(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    """The engine takes "email" written as "Email" (and "gb" for GB); the page must then
    keep it as the engine reads it, or refuse the whole file: never half of it."""
    data = export_file(
        ("acme-1", situation_of(ACME)),
        ("globex-2", situation_of(GLOBEX, channel="Email")),
    )
    assert json.loads(agenda_response(json.dumps({**data, "today": TODAY})))["ok"]
    path = write_json(tmp_path, "mixed.json", data)
    page = open_planner(context, site_url)
    wait_until_ready(page)

    import_file(page, path)
    expect(page.locator("#fp-message, #fp-notice").filter(has_text="mixed.json")).to_be_visible()
    drafts = stored_drafts(page)
    if page.locator("#fp-notice").is_visible():
        assert not {"acme-1", "globex-2"} & set(drafts)
    else:
        assert {"acme-1", "globex-2"} <= set(drafts)
        assert drafts["globex-2"]["channel"] == "email"


def test_a_file_of_another_format_or_version_says_which(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    page = open_planner(context, site_url)
    wait_until_ready(page)
    notice = page.locator("#fp-notice")
    good = export_file(("acme-1", situation_of(ACME)))
    for name, data in {
        "other.json": {**good, "format": "job-tracker"},
        "older.json": {**good, "version": 1},
    }.items():
        answer = json.loads(agenda_response(json.dumps({**data, "today": TODAY, "days": 14})))
        (problem,) = answer["errors"]
        import_file(page, write_json(tmp_path, name, data))
        expect(notice).to_contain_text(f'Nothing was imported from "{name}"')
        expect(notice).to_contain_text(problem["message"])
    expect(notice).to_contain_text("This file is version 1; this planner reads version 2.")

    (tmp_path / "notes.json").write_text("Dana: call back Friday", encoding="utf-8")
    import_file(page, tmp_path / "notes.json")
    expect(notice).to_contain_text('"notes.json" is not a Follow-up Planner export file')
    expect(applications(page)).to_have_count(1)
    assert stored_drafts(page).keys() <= {application_ids(page)[0]}


def test_an_application_already_here_is_replaced_or_kept_as_the_visitor_chooses(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    page = open_planner(context, site_url)
    import_file(
        page, write_json(tmp_path, "first.json", export_file(("acme-1", situation_of(ACME))))
    )
    expect(label_of(page, "acme-1")).to_have_text("Acme — Data Analyst")

    senior = situation_of(ACME, role="Senior Data Analyst")
    questions: list[str] = []

    def answer(accept: bool):  # type: ignore[no-untyped-def]
        def reply(dialog) -> None:  # type: ignore[no-untyped-def]
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return reply

    # Replace: the one application now holds the file's copy.
    page.once("dialog", answer(True))
    import_file(page, write_json(tmp_path, "senior.json", export_file(("acme-1", senior))))
    expect(label_of(page, "acme-1")).to_have_text("Acme — Senior Data Analyst")
    assert '"Acme — Data Analyst" is already here' in questions[0]
    expect(
        page.locator("#fp-applications .fp-application__label").filter(has_text="Acme")
    ).to_have_count(1)
    assert stored_drafts(page)["acme-1"]["role"] == "Senior Data Analyst"

    # Keep both: the stored one stays as it is, the file's copy comes in beside it.
    dated = {**senior, "decision_date": "2026-12-01"}
    page.once("dialog", answer(False))
    import_file(page, write_json(tmp_path, "dated.json", export_file(("acme-1", dated))))
    same_label = page.locator("#fp-applications .fp-application__label").filter(
        has_text="Acme — Senior Data Analyst"
    )
    expect(same_label).to_have_count(2)
    assert len(questions) == 2
    drafts = stored_drafts(page)
    assert drafts["acme-1"]["decision_date"] == ""
    copies = [d for app_id, d in drafts.items() if app_id != "acme-1" and d["company"] == "Acme"]
    assert [copy["decision_date"] for copy in copies] == ["2026-12-01"]


# The today list as CSV, and one calendar for everything.


def test_the_today_list_as_csv_runs_no_formula(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    hostile = ('=HYPERLINK("http://x")', "@SUM(1)", *ACME[2:])
    page = open_planner(context, site_url)
    add_application(page, hostile, first=True)
    add_application(page, GLOBEX)
    agenda = agenda_from_dict(
        {
            **export_file(("a", situation_of(hostile)), ("b", situation_of(GLOBEX))),
            "today": TODAY,
            "days": 14,
        }
    )
    items = page.locator("#fp-agenda-body li.fp-agenda__item")
    expect(items).to_have_count(len(agenda["items"]))
    shown = items.evaluate_all(
        "items => items.map((i) => [i.dataset.date, i.dataset.status, i.dataset.kind])"
    )

    path = download(page, "button[name=export_csv]", tmp_path)
    assert path.name == f"followup-planner-{TODAY}.csv"
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert header == CSV_HEADER
    assert [[row[0], row[1], row[4]] for row in rows] == shown
    assert len(rows) == len(agenda["items"]) > 0
    hostile_rows = [row for row in rows if row[3] != "Analyst"]
    assert hostile_rows
    for row in hostile_rows:
        assert row[2] == """'=HYPERLINK("http://x")"""
        assert row[3] == "'@SUM(1)"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


def test_one_calendar_for_every_pending_step_with_uids_that_survive_edits(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    page = open_planner(context, site_url)
    acme = add_application(page, ACME, first=True)
    globex = add_application(page, GLOBEX)

    def pending(situation: dict[str, Any]) -> set[str]:
        return {
            action["id"]
            for action in engine_actions(situation)
            if action["status"] in PENDING and action["kind"] != "keep_applying"
        }

    before_ids = {acme: pending(situation_of(ACME)), globex: pending(situation_of(GLOBEX))}
    first = download(page, "button[name=calendar_all]", tmp_path / "first")
    assert first.name == f"followup-planner-{TODAY}.ics"
    events = calendar_events(first)
    assert len(events) == sum(len(ids) for ids in before_ids.values()) > 0
    for event in events:
        assert len(event.walk("VALARM")) == 1, event["SUMMARY"]
    assert {str(event["SUMMARY"]).split(":")[0] for event in events} == {"Acme", "Globex"}
    before = {str(event["UID"]): event.decoded("DTSTART") for event in events}
    assert len(before) == len(events)  # one UID per step

    # A promised date moves Acme's check-ins; the steps stay the same steps.
    open_application(page, acme)
    page.locator("#fp-decision-date").fill("2026-12-02")
    dated = situation_of(ACME, decision_date="2026-12-02")
    follow_up = next(a for a in engine_actions(dated) if a["kind"] == "follow_up")
    card = page.locator(f'#fp-plan li.fp-action[data-action="{follow_up["id"]}"]')
    expect(card).to_have_attribute("data-date", follow_up["date"])
    after_ids = {acme: pending(dated), globex: before_ids[globex]}

    second = download(page, "button[name=calendar_all]", tmp_path / "second")
    events = calendar_events(second)
    after = {str(event["UID"]): event.decoded("DTSTART") for event in events}
    assert len(after) == len(events) == sum(len(ids) for ids in after_ids.values())
    still_there = sum(len(before_ids[app] & after_ids[app]) for app in before_ids)
    assert len(before.keys() & after.keys()) == still_there > 0
    moved = [uid for uid in before.keys() & after.keys() if before[uid] != after[uid]]
    assert moved  # same UID, new day: a calendar app moves the event


def test_a_step_has_one_uid_in_its_plans_calendar_and_in_the_calendar_of_everything(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    """A step added to a calendar from its plan ("Download all as calendar"), then again
    with every application ("All steps as calendar"), must update one event, not make two."""
    page = open_planner(context, site_url)
    add_application(page, ACME, first=True)
    one = calendar_events(download(page, "#fp-calendar-all", tmp_path / "one"))
    everything = calendar_events(download(page, "button[name=calendar_all]", tmp_path / "all"))
    assert len(one) == len(everything) > 0
    assert sorted(str(e["UID"]) for e in one) == sorted(str(e["UID"]) for e in everything)


def test_the_calendar_of_everything_writes_dates_in_the_visitors_style(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    """en-US: the drafts in the calendar say "Monday, November 16, 2026", as the page does."""
    page = open_planner(context, site_url)
    add_application(page, ACME, first=True)
    card = page.locator('#fp-plan li.fp-action[data-kind="follow_up"] .fp-message__body')
    expect(card).to_contain_text("Monday, November 16, 2026")
    everything = calendar_events(download(page, "button[name=calendar_all]", tmp_path))
    texts = " ".join(str(event["DESCRIPTION"]) for event in everything)
    assert "Monday, November 16, 2026" in texts
    assert "Monday 16 November 2026" not in texts


# The reminder to export.


def test_the_export_reminder_shows_until_the_first_export(
    context: BrowserContext, site_url: str, tmp_path: Path
):
    page = open_planner(context, site_url)
    reminder = page.locator("#fp-export-reminder")
    add_application(page, ACME, first=True)
    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("You have not exported your applications yet")

    download(page, "button[name=export]", tmp_path)
    expect(reminder).to_be_hidden()
    page.reload()
    expect(applications(page)).to_have_count(1)
    expect(page.locator("#fp-company")).to_have_value("Acme")
    expect(reminder).to_be_hidden()

    # Thirty days after the last export it comes back, saying when that was.
    page.evaluate(
        """() => localStorage.setItem("followup-planner:v2:meta", JSON.stringify(
             { ...JSON.parse(localStorage.getItem("followup-planner:v2:meta")),
               exported: "2026-10-26" }))"""
    )
    page.reload()
    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("Your last export was on Monday, October 26, 2026")
