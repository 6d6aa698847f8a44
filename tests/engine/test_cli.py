"""The command line, in-process: every option, every format, every kind of bad input."""

import io
import json

import pytest
from engine_support import situation

from followup_engine import cli, plan_from_dict

BASE = ["plan", "--interview", "2026-11-16", "--today", "2026-11-25"]


def run(capsys, *args):
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def plan_json(capsys, *args):
    status, out, err = run(capsys, *BASE, "--format", "json", *args)
    assert (status, err) == (0, "")
    return json.loads(out)


def kinds(plan):
    return [action["kind"] for action in plan["actions"]]


def test_default_text_format(capsys):
    status, out, err = run(capsys, *BASE)
    assert (status, err) == (0, "")
    assert out.startswith("Follow-up plan as of Wednesday 25 November 2026")


def test_every_option(capsys):
    status, out, err = run(
        capsys,
        "plan",
        "--interview", "2026-11-16",
        "--interview", "2026-11-02",
        "--today", "2026-11-17",
        "--decision-date", "2026-11-27",
        "--channel", "email",
        "--country", "US",
        "--candidate", "Sam Rivera",
        "--interviewer", "Dana Lee",
        "--interviewer-email", "dana@example.com",
        "--interviewer-role", "hiring_manager",
        "--interviewer-phone", "+1 555 010 0199",
        "--topic", "the data platform",
        "--greeting", "full_name",
        "--date-style", "month_day",
        "--company", "Acme",
        "--role", "Data Analyst",
        "--has-inside-contact",
        "--has-references",
        "--format", "json",
    )  # fmt: skip
    assert (status, err) == (0, "")
    plan = json.loads(out)
    assert kinds(plan).count("thank_you") == 2
    assert {"ask_inside_contact", "ask_references"} <= set(kinds(plan))
    follow_up = next(a for a in plan["actions"] if a["kind"] == "follow_up")
    assert (follow_up["date"], follow_up["rule"], follow_up["channel"]) == (
        "2026-11-30",
        "G6",
        "email",
    )
    assert follow_up["message"]["to"] == "dana@example.com"
    assert "Acme" in follow_up["message"]["subject"]
    assert follow_up["message"]["body"].startswith("Dear Dana Lee,\n")  # --greeting
    assert "expected by Friday, November 27, 2026" in follow_up["message"]["body"]  # --date-style
    assert follow_up["message"]["body"].endswith("Sam Rivera")
    # The interviewer flags apply to the latest round only; the first round's thank-you is
    # too late to send on its own (G16).
    notes = [a for a in plan["actions"] if a["kind"] == "thank_you"]
    assert [(n["title"], n["status"]) for n in notes] == [
        ("Send a thank-you note to your interviewer", "skipped"),
        ("Send a thank-you note to Dana Lee", "overdue"),
    ]
    assert notes[1]["message"]["to"] == "dana@example.com"
    assert "I especially enjoyed talking about the data platform." in notes[1]["message"]["body"]


def test_interviewer_role_and_phone_flags_reach_the_plan(capsys):
    plan = plan_json(
        capsys,
        "--interviewer", "Rae Kim",
        "--interviewer-role", "recruiter",
        "--interviewer-phone", "+1 555 010 0199",
        "--channel", "phone",
    )  # fmt: skip
    follow_up = next(a for a in plan["actions"] if a["kind"] == "follow_up")
    assert follow_up["title"] == "Call Rae Kim to check in"
    assert (follow_up["message"]["to"], follow_up["message"]["subject"]) == (
        "+1 555 010 0199",
        None,
    )


def test_checkin_date_and_phone(capsys):
    plan = plan_json(capsys, "--checkin-date", "2026-11-28", "--channel", "phone")
    follow_up = next(a for a in plan["actions"] if a["kind"] == "follow_up")
    assert (follow_up["date"], follow_up["channel"], follow_up["rule"]) == (
        "2026-11-28",
        "phone",
        "G3",
    )


def test_country_moves_the_follow_up_past_thanksgiving(capsys):
    without = plan_json(capsys)
    with_us = plan_json(capsys, "--country", "us")
    dates = [
        next(a["date"] for a in p["actions"] if a["kind"] == "follow_up")
        for p in (without, with_us)
    ]
    assert dates == ["2026-11-26", "2026-11-27"]


@pytest.mark.parametrize(
    ("output_format", "marker"),
    [
        ("text", "1. Mon 16 Nov 2026  [SKIPPED]"),
        ("json", '"today": "2026-11-25"'),
        ("md", "- [ ] **Mon 16 Nov 2026** —"),
        ("ics", "BEGIN:VCALENDAR"),
    ],
)
def test_every_format(capsys, output_format, marker):
    status, out, err = run(capsys, *BASE, "--format", output_format)
    assert (status, err) == (0, "")
    assert marker in out


def test_json_format_is_exactly_the_plan(capsys):
    plan = plan_json(capsys)
    assert set(plan) == {"today", "state", "outcome", "actions"}
    assert plan == plan_from_dict(situation())


def test_input_file_with_flags_on_top(capsys, tmp_path):
    path = tmp_path / "situation.json"
    data = situation("2026-11-16", "2026-11-02", company="Acme", people=[])
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(
        capsys, "plan", "--input", str(path), "--format", "json", "--company", "Beta",
        "--interviewer", "Dana Lee", "--today", "2026-11-20",
    )  # fmt: skip
    assert (status, err) == (0, "")
    plan = json.loads(out)
    assert plan["today"] == "2026-11-20"
    thank_yous = [a for a in plan["actions"] if a["kind"] == "thank_you"]
    assert [a["title"] for a in thank_yous] == [
        "Send a thank-you note to your interviewer",
        "Send a thank-you note to Dana Lee",
    ]
    assert "Beta" in out and "Acme" not in out


def test_interview_flags_replace_the_rounds_of_the_input(capsys, tmp_path):
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(situation("2026-11-02")), encoding="utf-8")
    status, out, _ = run(capsys, "plan", "--input", str(path), *BASE[1:], "--format", "json")
    assert status == 0
    assert [a["date"] for a in json.loads(out)["actions"] if a["kind"] == "thank_you"] == [
        "2026-11-16"
    ]


def test_input_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(situation())))
    status, out, err = run(capsys, "plan", "--input", "-", "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out)["today"] == "2026-11-25"


def assert_one_line_error(capsys, args, *expected):
    status, out, err = run(capsys, *args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "Traceback" not in err
    for text in expected:
        assert text in err
    return err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan", "--today", "2026-11-25"], ["--interview"]),
        (["plan", "--interview", "2026-02-30"], ["interview (round 1)", "does not exist"]),
        (["plan", "--interview", "tomorrow"], ["interview", "YYYY-MM-DD"]),
        (["plan", "--interview", "10000-01-01"], ["interview"]),
        (["plan", "--interview", "9999-12-01"], ["past the year 9999"]),
        (
            [*BASE, "--decision-date", "2026-11-01"],
            ["decision_date", "Sun 1 Nov 2026", "before your first interview"],
        ),
        ([*BASE, "--checkin-date", "2026-11-01"], ["checkin_date"]),
        ([*BASE, "--channel", "fax"], ["--channel", "invalid choice"]),
        ([*BASE, "--country", "XX"], ["country", "XX"]),
        ([*BASE, "--interviewer-phone", "call me"], ["interviewer_phone (round 1, interviewer 1)"]),
        ([*BASE, "--topic", "x" * 201], ["interviewer_topic", "too long"]),
        ([*BASE, "--greeting", "sir"], ["--greeting", "invalid choice"]),
        ([*BASE, "--interviewer-role", "boss"], ["--interviewer-role", "invalid choice"]),
        ([*BASE, "--date-style", "iso"], ["--date-style", "invalid choice"]),
        (
            [*BASE, "--interviewer-email", "javascript:alert(1)"],
            ["interviewer_email (round 1, interviewer 1)"],
        ),
        ([*BASE, "--company", "Acme\nCorp"], ["company", "line break"]),
        ([*BASE, "--role", "Analyst\u202e"], ["role", "direction"]),
        ([*BASE, "--candidate", "x" * 201], ["candidate", "too long"]),
        ([*BASE, "--today", "2026-13-01"], ["today"]),
        ([*BASE, "--format", "pdf"], ["--format"]),
        ([*BASE, "--unknown"], ["unrecognized arguments"]),
        (["plan", "--interview"], ["--interview", "expected one argument"]),
        ([], ["command"]),
        (["launch"], ["invalid choice"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, expected):
    assert_one_line_error(capsys, args, *expected)


def test_unreadable_input_file(capsys, tmp_path):
    assert_one_line_error(
        capsys, ["plan", "--input", str(tmp_path / "missing.json")], "--input", "cannot read"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"rounds": "2026-11-16"}', "interview"),
        ('{"rounds": [{"date": "2026-11-16"}], "has_references": "yes"}', "has_references"),
        ('{"rounds": [{"date": "2026-11-16", "interviewers": 3}]}', "interviewer"),
    ],
)
def test_bad_input_file_content(capsys, tmp_path, content, expected):
    path = tmp_path / "situation.json"
    path.write_text(content, encoding="utf-8")
    assert_one_line_error(capsys, ["plan", "--input", str(path)], expected)


def test_input_file_that_is_not_text(capsys, tmp_path):
    path = tmp_path / "situation.json"
    path.write_bytes(b"\xff\xfe\x00bad")
    assert_one_line_error(capsys, ["plan", "--input", str(path)], "--input")


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["plan", "--help"])
    assert caught.value.code == 0
    assert "--interviewer-email" in capsys.readouterr().out


def test_json_nested_too_deeply_is_one_line(capsys, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"rounds": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert_one_line_error(
        capsys, ["plan", "--input", str(path)], "--input", "nested more than 32 levels deep"
    )


def test_invalid_utf8_on_stdin_is_called_so(capsys, monkeypatch):
    # Python reads stdin with surrogate escapes (UTF-8 mode, the C locale): the bytes must be
    # judged as bytes, not as text with odd characters in it.
    raw = b'{"rounds": [{"date": "2026-11-16"}], "company": "Acme \xff"}'
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    err = assert_one_line_error(capsys, ["plan", "--input", "-"], "not UTF-8 text", "0xff")
    assert "line break" not in err


def test_an_argument_that_is_not_utf8_is_called_so(capsys):
    # How Python hands over an argument whose bytes the locale could not decode.
    err = assert_one_line_error(capsys, [*BASE, "--company", "Acme \udcff"], "not UTF-8 text")
    assert "line break" not in err


def test_a_blank_country_flag_says_it_is_blank(capsys):
    assert_one_line_error(capsys, [*BASE, "--country", " "], "country", "blank")


def test_the_interviewer_flags_do_not_shift_an_input_interviewer_that_is_not_an_object(
    capsys, tmp_path
):
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(situation(people=[None])), encoding="utf-8")
    err = assert_one_line_error(
        capsys, ["plan", "--input", str(path), "--interviewer", "Dana Lee"], "Interviewer 1 of"
    )
    assert "(round 1, interviewer 1)" in err


def test_stdin_closed_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    assert_one_line_error(capsys, ["plan", "--input", "-"], "standard input is closed")


def test_stdout_closed_is_one_line_and_exit_74(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout", None)
    assert cli.main(BASE) == cli.OUTPUT_ERROR == 74
    assert capsys.readouterr().err == (
        "followup: error: cannot write the output: standard output is closed.\n"
    )


def test_the_exit_statuses_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["plan", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "2 for bad input or options; 74 when the output cannot be written" in out
