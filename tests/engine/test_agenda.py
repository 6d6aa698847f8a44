"""Several applications: the export format, `agenda_from_dict`, `followup agenda` in every
format, and calendar files whose events update instead of doubling."""

import csv
import io
import json

import pytest
from engine_support import dana, situation

from followup_engine import PlanInputError, agenda_from_dict, cli, plan_response
from followup_engine.browser import agenda_calendar_response, agenda_response, calendar_response
from followup_engine.calendar_export import plan_to_ics
from followup_engine.schedule import make_checked_plan
from followup_engine.validation import situation_from_dict

TODAY = "2026-11-30"


def export(*applications):
    return {"format": "followup-planner", "version": 2, "applications": list(applications)}


def application(app_id, **fields):
    data = situation(**fields)
    del data["today"]
    return {"id": app_id, "situation": data}


THREE = export(
    application(
        "acme",
        people=[dana()],
        company="Acme",
        role="Data Analyst",
        decision_date="2026-11-20",
        log=[{"date": "2026-11-23", "event": "reply", "new_decision_date": "2026-12-04"}],
    ),
    application(
        "globex",
        people=[{"name": "Ravi Patel", "email": "ravi@example.com", "role": "recruiter"}],
        company="Globex",
        role="Product Manager",
    ),
    application(
        "initech",
        company="=cmd|' /C calc'!A0",
        role="-Developer",
        people=[{"name": "@Bill", "email": "bill@example.com"}],
        log=[{"date": "2026-11-27", "event": "outcome", "outcome": "rejection"}],
    ),
)


def run(capsys, *args, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def three_file(tmp_path):
    path = tmp_path / "followup-planner-2026-11-30.json"
    path.write_text(json.dumps(THREE), encoding="utf-8")
    return str(path)


def test_the_agenda_lists_every_application_by_date():
    agenda = agenda_from_dict({**THREE, "today": TODAY})
    assert agenda["today"] == TODAY and agenda["days"] == 14
    rows = [(i["date"], i["status"], i["application"], i["kind"]) for i in agenda["items"]]
    assert rows == [
        ("2026-11-26", "overdue", "globex", "follow_up"),
        ("2026-11-27", "overdue", "initech", "reply_to_rejection"),
        ("2026-12-07", "upcoming", "acme", "follow_up"),
        ("2026-12-07", "upcoming", "globex", "second_follow_up"),  # 5 days after today (G16)
        ("2026-12-14", "upcoming", "acme", "second_follow_up"),
    ]
    first = agenda["items"][0]
    assert (first["company"], first["role"], first["message"]["to"]) == (
        "Globex",
        "Product Manager",
        "ravi@example.com",
    )


def test_the_agenda_looks_as_far_ahead_as_asked_and_skips_done_steps():
    agenda = agenda_from_dict({**THREE, "today": TODAY, "days": 7})
    assert [i["date"] for i in agenda["items"]][-1] == "2026-12-07"
    agenda = agenda_from_dict({**THREE, "today": TODAY, "days": 6})
    assert [i["status"] for i in agenda["items"]] == ["overdue", "overdue"]
    ticked = json.loads(json.dumps(THREE))
    ticked["applications"][1]["situation"]["log"] = [
        {"date": "2026-11-27", "event": "done", "action": "follow_up:2026-11-16"}
    ]
    kinds = [
        (i["application"], i["kind"]) for i in agenda_from_dict({**ticked, "today": TODAY})["items"]
    ]
    assert ("globex", "follow_up") not in kinds


def test_today_overrides_each_applications_own():
    data = json.loads(json.dumps(THREE))
    data["applications"][0]["situation"]["today"] = "2026-11-17"
    assert agenda_from_dict({**data, "today": TODAY})["today"] == TODAY


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"format": "trello"}, "format is 'trello'"),
        ({"version": 1}, "version 1"),
        ({"applications": {}}, "no list"),
    ],
)
def test_a_file_of_the_wrong_kind_says_which(change, words):
    with pytest.raises(PlanInputError) as caught:
        agenda_from_dict({**THREE, **change, "today": TODAY})
    assert words in caught.value.problems[0].message


def test_more_applications_than_the_limit_are_refused_before_any_is_read():
    # 501 entries that are not even applications: the count alone refuses the file.
    with pytest.raises(PlanInputError) as caught:
        agenda_from_dict({**export(*[None] * 501), "today": TODAY})
    assert [problem.message for problem in caught.value.problems] == [
        "The planner reads at most 500 applications in one file; this has 501."
    ]


def test_followup_agenda_refuses_too_many_applications_in_one_line(capsys, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export(*[application("a")] * 501)), encoding="utf-8")
    status = cli.main(["agenda", "--input", str(path), "--today", TODAY])
    captured = capsys.readouterr()
    assert (status, captured.out) == (2, "")
    assert captured.err == (
        "followup: error: applications: The planner reads at most 500 applications in one "
        "file; this has 501.\n"
    )


def test_an_application_error_names_the_application_and_its_field():
    broken = json.loads(json.dumps(THREE))
    broken["applications"][1]["situation"]["decision_date"] = "2026-02-30"
    with pytest.raises(PlanInputError) as caught:
        agenda_from_dict({**broken, "today": TODAY})
    problem = caught.value.problems[0]
    assert problem.field == "decision_date"
    assert problem.message.startswith("Application 2 (Globex — Product Manager): ")


def test_repeated_or_bad_application_ids_are_refused():
    for ids, words in ((["a", "a"], "repeats"), (["a b"], "needs an id")):
        data = export(*(application(app_id) for app_id in ids))
        with pytest.raises(PlanInputError) as caught:
            agenda_from_dict({**data, "today": TODAY})
        assert words in caught.value.problems[0].message


def test_cli_agenda_text(capsys, three_file):
    status, out, err = run(capsys, "agenda", "--input", three_file, "--today", TODAY)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Agenda as of Monday 30 November 2026 (next 14 days)"
    assert (
        lines[2]
        == "Thu 26 Nov 2026  [OVERDUE]  Globex — Product Manager: Email Ravi Patel to check in"
    )
    assert sum(1 for line in lines if line[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri"}) == 5


def test_cli_agenda_csv_never_runs_as_a_formula(capsys, three_file):
    status, out, err = run(
        capsys, "agenda", "--input", three_file, "--today", TODAY, "--format", "csv"
    )
    assert (status, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "date",
        "status",
        "company",
        "role",
        "kind",
        "title",
        "channel",
        "to",
        "subject",
    ]
    assert len(rows) == 6
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), row
    initech = next(row for row in rows if row[4] == "reply_to_rejection")
    assert initech[2:4] == ["'=cmd|' /C calc'!A0", "'-Developer"]


def test_cli_agenda_json_and_markdown(capsys, three_file):
    status, out, _ = run(
        capsys, "agenda", "--input", three_file, "--today", TODAY, "--format", "json"
    )
    assert status == 0 and json.loads(out) == agenda_from_dict({**THREE, "today": TODAY})
    status, out, _ = run(
        capsys, "agenda", "--input", three_file, "--today", TODAY, "--format", "md"
    )
    assert status == 0 and out.startswith("# Agenda as of Monday 30 November 2026")
    assert "- [ ] **Thu 26 Nov 2026** — Globex — Product Manager: Email Ravi Patel" in out


def test_cli_agenda_reads_stdin_and_defaults_today_to_the_system_date(capsys, monkeypatch):
    status, out, err = run(
        capsys, "agenda", "--input", "-", stdin=json.dumps(export()), monkeypatch=monkeypatch
    )
    assert (status, err) == (0, "") and out.startswith("Agenda as of ")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--days", "-1"], "--days"),
        (["--days", "soon"], "--days"),
        (["--today", "30/11/2026"], "today"),
    ],
)
def test_cli_agenda_bad_options_are_one_line(capsys, three_file, args, words):
    status, out, err = run(capsys, "agenda", "--input", three_file, *args)
    assert (status, out) == (2, "") and err.count("\n") == 1 and words in err


def test_cli_agenda_wrong_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "followup-planner", "version": 1}), encoding="utf-8")
    status, _, err = run(capsys, "agenda", "--input", str(path))
    assert status == 2 and err.count("\n") == 1 and "version 1" in err


def test_cli_agenda_ics_holds_every_pending_step_with_a_reminder(capsys, three_file):
    status, out, _ = run(
        capsys, "agenda", "--input", three_file, "--today", TODAY, "--format", "ics"
    )
    assert status == 0
    assert out.count("BEGIN:VEVENT") == out.count("BEGIN:VALARM") == 5
    assert "DTSTART;VALUE=DATE:20261214" in out
    assert "TRIGGER;RELATED=START:PT9H" in out and "ACTION:DISPLAY" in out
    assert "SUMMARY:Globex: Email Ravi Patel to check in" in out


def test_cli_plan_takes_the_new_flags(capsys):
    status, out, err = run(
        capsys,
        "plan", "--interview", "2026-11-16", "--today", "2026-11-16",
        "--interviewer", "Dana Lee", "--interviewer-phone", "+1 555 010 0199",
        "--interviewer-role", "recruiter", "--topic", "the churn dashboard",
        "--greeting", "full_name", "--date-style", "month_day", "--channel", "phone",
        "--format", "json",
    )  # fmt: skip
    assert (status, err) == (0, "")
    actions = json.loads(out)["actions"]
    note = next(a for a in actions if a["kind"] == "thank_you")
    assert note["message"]["body"].startswith("Dear Dana Lee,")
    assert "Monday, November 16" in note["message"]["body"]
    assert "the churn dashboard" in note["message"]["body"]
    call = next(a for a in actions if a["kind"] == "follow_up")
    assert call["message"]["to"] == "+1 555 010 0199" and call["message"]["subject"] is None


def test_cli_plan_reads_a_log(capsys, tmp_path):
    data = situation(
        "2026-10-28",
        people=[dana()],
        today="2026-11-30",
        log=[{"date": "2026-11-30", "event": "outcome", "outcome": "offer"}],
    )
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run(capsys, "plan", "--input", str(path))
    assert status == 0 and "Closed: an offer." in out and "Acknowledge the offer" in out


def test_cli_bad_log_is_one_line_naming_the_entry(capsys, tmp_path):
    data = situation(log=[{"date": "2026-11-20", "event": "done", "action": "nope"}])
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(capsys, "plan", "--input", str(path))
    assert (status, out) == (2, "")
    assert (
        err.startswith("followup: error: log (entry 1): History entry 1") and err.count("\n") == 1
    )


# Calendar files


def ics_of(data, only=None):
    parsed = situation_from_dict(data)
    return plan_to_ics(make_checked_plan(parsed), parsed, only=only)


def uids(text):
    return [line.split(":", 1)[1] for line in text.splitlines() if line.startswith("UID:")]


def test_uids_survive_edits_and_ignore_today():
    base = situation(people=[dana()], company="Acme", id="acme-1", today="2026-11-17")
    before = dict(zip(uids(ics_of(base)), range(99), strict=False))
    edited = {**base, "decision_date": "2026-11-27", "country": "US", "today": "2026-11-20"}
    after = uids(ics_of(edited))
    # The check-in moved to another day but keeps its UID; so do the others still pending.
    assert set(after) <= set(before) and len(after) >= 2


def test_without_an_id_company_and_role_name_the_application():
    one = uids(ics_of(situation(company="Acme", role="Analyst")))
    other = uids(ics_of(situation(company="Globex", role="Analyst")))
    assert one and not set(one) & set(other)


def test_done_and_skipped_steps_are_left_out_of_calendars():
    data = situation(
        "2026-10-28",
        people=[dana()],
        today="2026-11-30",
        company="Acme",
        log=[{"date": "2026-11-27", "event": "done", "action": "follow_up:2026-10-28"}],
    )
    summaries = [
        line
        for line in ics_of(data).replace("\r\n ", "").splitlines()
        if line.startswith("SUMMARY")
    ]
    assert summaries == [
        "SUMMARY:Acme: Send Dana Lee one more short note if your check-in got no answer"
    ]


def test_one_step_by_index_or_id_and_never_a_done_one():
    data = situation(people=[dana()], today="2026-11-17")
    by_id = json.loads(calendar_response(json.dumps(data), "follow_up:2026-11-16"))
    assert by_id["ok"] and by_id["ics"].count("BEGIN:VEVENT") == 1
    data["log"] = [
        {"date": "2026-11-16", "event": "done", "action": "thank_you:2026-11-16:dana-lee"}
    ]
    refused = json.loads(calendar_response(json.dumps(data), 0))
    assert not refused["ok"] and "nothing to add" in refused["errors"][0]["message"]


def test_the_browser_entry_points_answer_agenda_requests():
    reply = json.loads(agenda_response(json.dumps({**THREE, "today": TODAY})))
    assert reply["ok"] and len(reply["agenda"]["items"]) == 5
    calendar = json.loads(agenda_calendar_response(json.dumps({**THREE, "today": TODAY})))
    assert calendar["ok"] and calendar["ics"].count("BEGIN:VEVENT") == 5
    broken = json.loads(agenda_response(json.dumps({**THREE, "version": 3})))
    assert not broken["ok"] and broken["errors"][0]["field"] == "version"
    assert json.loads(plan_response("[]"))["ok"] is False
