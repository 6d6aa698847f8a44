"""`followup plan` and `followup agenda`: the command-line edge around the engine
(argparse, files, stdout).

Every invalid input ends with exit status 2 and exactly one line on stderr; output that
cannot be written (stdout closed, a full disk, a broken pipe) ends with exit status 74
(EX_IOERR in sysexits.h) and one line. Never a traceback: a script calling `followup` can
tell its own mistakes from the machine's.

Text is UTF-8 at both ends, whatever the locale: the output formats (JSON, iCalendar, CSV)
are UTF-8 by definition, and under the C locale Python would otherwise refuse to write a
name such as "Zoë", or hand it over from the command line as escaped bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn

from .agenda import (
    AGENDA_DAYS,
    MAX_AGENDA_DAYS,
    agenda_calendar,
    agenda_from_dict,
)
from .json_input import NestedTooDeeply, load_json
from .model import ROLES, Plan, PlanInputError, Problem, Situation
from .schedule import make_checked_plan
from .validation import GREETINGS, situation_from_dict

__all__ = ["main"]

FORMATS = ("text", "json", "md", "ics")
AGENDA_FORMATS = ("text", "json", "md", "csv", "ics")
USAGE_ERROR = 2
#: EX_IOERR: the plan was made but could not be written out.
OUTPUT_ERROR = 74
EXIT_STATUSES = (
    "exit status: 0 when the output is written; 2 for bad input or options; 74 when the "
    "output cannot be written (standard output closed, a full disk, a broken pipe). "
    "Either failure prints one line on standard error. Output is UTF-8 whatever the locale."
)


class _UsageError(Exception):
    """A command-line problem, reported as one line."""


class _OutputError(Exception):
    """The output could not be written; the reason, as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(" ".join(message.split()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see `EXIT_STATUSES`)."""
    try:
        args = _parser().parse_args(_arguments(argv))
        if args.command == "agenda":
            output = _agenda(args)
        else:
            situation = situation_from_dict(_situation_data(args))
            output = _render(args.format, make_checked_plan(situation), situation)
    except _UsageError as error:
        return _fail(str(error))
    except PlanInputError as error:
        return _fail(_describe(error.problems[0]))
    try:
        _write_output(output)
    except _OutputError as error:
        return _fail(f"cannot write the output: {error}.", OUTPUT_ERROR)
    return 0


def _arguments(argv: Sequence[str] | None) -> list[str]:
    """The arguments as the text the shell passed.

    Python decodes arguments with the locale's encoding; under the C locale the bytes of a
    UTF-8 name such as "Zoë" arrive as surrogate escapes, which validation would rightly
    refuse as not text. Those bytes are decoded again as UTF-8; bytes that are not UTF-8
    either are refused here, by name.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    return [_as_utf8(argument) for argument in arguments]


def _as_utf8(argument: str) -> str:
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:  # surrogate escapes: bytes the locale could not decode
        raw = os.fsencode(argument)
        return _decoded(raw, f"the argument {_printable(raw)}")
    return argument


def _parser() -> _Parser:
    parser = _Parser(
        prog="followup",
        description="Plan when and how to follow up after a job interview.",
        epilog=EXIT_STATUSES,
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    plan = commands.add_parser(
        "plan", help="print a dated follow-up plan with message drafts", epilog=EXIT_STATUSES
    )
    plan.add_argument(
        "--interview",
        action="append",
        metavar="DATE",
        help="date of an interview round (repeatable)",
    )
    plan.add_argument(
        "--decision-date", metavar="DATE", help="the date they promised a decision by"
    )
    plan.add_argument(
        "--checkin-date", metavar="DATE", help="the check-in date agreed at the interview"
    )
    plan.add_argument(
        "--channel", choices=("email", "phone"), help="the agreed or preferred channel"
    )
    plan.add_argument(
        "--today", metavar="DATE", help="plan as seen on this date (default: the system date)"
    )
    plan.add_argument(
        "--country", metavar="CC", help="skip this country's public holidays, e.g. US"
    )
    plan.add_argument("--candidate", metavar="NAME", help="your name, used to sign the drafts")
    plan.add_argument("--interviewer", metavar="NAME", help="who you met in the latest round")
    plan.add_argument("--interviewer-email", metavar="ADDR", help="their email address")
    plan.add_argument(
        "--interviewer-role", choices=ROLES, help="who they are to you (default: interviewer)"
    )
    plan.add_argument("--interviewer-phone", metavar="NUMBER", help="their phone number")
    plan.add_argument(
        "--topic", metavar="TEXT", help="one thing you talked about, for their thank-you note"
    )
    plan.add_argument(
        "--greeting", choices=GREETINGS, help="greet by first name (default) or full name"
    )
    plan.add_argument(
        "--date-style",
        choices=("day_month", "month_day"),
        help="dates as 'Tuesday 29 December 2026' (default) or 'Tuesday, December 29, 2026'",
    )
    plan.add_argument("--company", metavar="NAME")
    plan.add_argument("--role", metavar="TITLE")
    plan.add_argument(
        "--has-inside-contact", action="store_true", help="you know someone inside the company"
    )
    plan.add_argument("--has-references", action="store_true", help="you gave references")
    plan.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    plan.add_argument(
        "--input",
        metavar="FILE",
        help="the whole situation as JSON, with its log ('-' reads stdin)",
    )
    agenda = commands.add_parser(
        "agenda",
        help="list what is due across every application of an export file",
        epilog=EXIT_STATUSES,
    )
    agenda.add_argument(
        "--input",
        metavar="FILE",
        required=True,
        help="the planner's export file ('-' reads stdin)",
    )
    agenda.add_argument(
        "--today", metavar="DATE", help="as seen on this date (default: the system date)"
    )
    agenda.add_argument(
        "--days",
        type=_days,
        default=AGENDA_DAYS,
        metavar="N",
        help=f"how many days ahead to list (default: {AGENDA_DAYS})",
    )
    agenda.add_argument(
        "--format", choices=AGENDA_FORMATS, default="text", help="output format (default: text)"
    )
    return parser


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days") from None
    if not 0 <= days <= MAX_AGENDA_DAYS:
        raise argparse.ArgumentTypeError(f"give 0 to {MAX_AGENDA_DAYS} days")
    return days


def _agenda(args: argparse.Namespace) -> str:
    """The agenda of an export file, in the chosen format."""
    data = _read_input(args.input, "an export file of the planner")
    data["today"] = args.today if args.today is not None else date.today().isoformat()
    data["days"] = args.days
    if args.format == "ics":
        return agenda_calendar(data)
    agenda = agenda_from_dict(data)
    if args.format == "json":
        return json.dumps(agenda, indent=2, ensure_ascii=False) + "\n"
    from .formats import agenda_to_csv, agenda_to_markdown, agenda_to_text

    if args.format == "csv":
        return agenda_to_csv(agenda)
    if args.format == "md":
        return agenda_to_markdown(agenda)
    return agenda_to_text(agenda)


def _situation_data(args: argparse.Namespace) -> dict[str, Any]:
    """The situation dict: the --input JSON, then explicit flags on top."""
    data = _read_input(args.input) if args.input else {}
    if args.interview:
        data["rounds"] = [{"date": day, "interviewers": []} for day in args.interview]
    elif not args.input:
        raise _UsageError("--interview: give at least one interview date (or use --input FILE).")
    for field in (
        "decision_date",
        "checkin_date",
        "channel",
        "today",
        "country",
        "candidate",
        "company",
        "role",
    ):
        if getattr(args, field) is not None:
            data[field] = getattr(args, field)
    for flag in ("has_inside_contact", "has_references"):
        if getattr(args, flag):
            data[flag] = True
    person = {
        "name": args.interviewer,
        "email": args.interviewer_email,
        "role": args.interviewer_role,
        "phone": args.interviewer_phone,
        "topic": args.topic,
    }
    if any(value is not None for value in person.values()):
        _set_latest_interviewer(data, person)
    for field in ("greeting", "date_style"):
        if getattr(args, field) is not None:
            data[field] = getattr(args, field)
    return data


def _read_input(source: str, what: str = "the situation") -> dict[str, Any]:
    """The JSON object of a file or of stdin ('-'); every way it can fail is a usage error."""
    text = _read_text(source)
    try:
        data = load_json(text)
    except NestedTooDeeply as error:
        raise _UsageError(f"--input: {source!r} is not {what}: {error}.") from None
    except ValueError as error:
        raise _UsageError(
            f"--input: {source!r} is not valid JSON ({' '.join(str(error).split())})."
        ) from None
    if not isinstance(data, dict):
        raise _UsageError(f"--input: {source!r} must hold a JSON object: {what}.")
    return data


def _read_text(source: str) -> str:
    """The text of a file or of stdin, read as bytes and decoded as UTF-8 here.

    Python's stdin decodes with the locale and may turn bytes that are not UTF-8 into
    surrogate escapes, which validation would then call odd characters; reading the bytes
    names the real problem.
    """
    try:
        if source != "-":
            with open(source, "rb") as handle:
                return _decoded(handle.read(), f"--input: {source!r}")
        if sys.stdin is None:
            raise _UsageError("--input: cannot read '-': standard input is closed.")
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only stream (an embedding host's): already decoded
            return sys.stdin.read()
        return _decoded(stream.read(), "--input: '-'")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise _UsageError(f"--input: cannot read {source!r}: {reason}.") from None


def _decoded(raw: bytes, what: str) -> str:
    """`raw` as UTF-8 text, or a usage error naming `what` and the first byte that is not."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _UsageError(
            f"{what} is not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})."
        ) from None


def _printable(raw: bytes) -> str:
    """Bytes shown in a message: printable ASCII as is, anything else escaped."""
    return repr(raw)[1:]


def _set_latest_interviewer(data: dict[str, Any], person: dict[str, str | None]) -> None:
    """Apply the --interviewer* and --topic flags to the first person of the latest round."""
    rounds = data.get("rounds")
    if not isinstance(rounds, list) or not rounds or not all(isinstance(r, dict) for r in rounds):
        return  # validation reports the broken rounds
    latest = max(reversed(rounds), key=lambda r: _sortable_date(r.get("date")))
    people = latest.get("interviewers")
    if not isinstance(people, list):
        people = latest["interviewers"] = []
    if not people:
        people.append({})
    if isinstance(people[0], dict):
        people[0].update({field: value for field, value in person.items() if value is not None})
    # else: validation names interviewer 1 as it stands; a person put before it would make
    # the message blame interviewer 2.


def _sortable_date(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return date.min


def _render(output_format: str, plan: Plan, situation: Situation) -> str:
    if output_format == "json":
        from .formats import plan_to_json

        return plan_to_json(plan) + "\n"
    if output_format == "md":
        from .formats import plan_to_markdown

        return plan_to_markdown(plan, situation.date_style)
    if output_format == "ics":
        from .calendar_export import plan_to_ics

        return plan_to_ics(plan, situation)
    from .formats import plan_to_text

    return plan_to_text(plan, situation.date_style)


def _describe(problem: Problem) -> str:
    where = ""
    if problem.round is not None:
        where = f" (round {problem.round + 1}"
        where += f", interviewer {problem.person + 1})" if problem.person is not None else ")"
    elif problem.person is not None:
        where = f" (reference {problem.person + 1})"
    elif problem.event is not None:
        where = f" (entry {problem.event + 1})"
    return f"{problem.field or 'input'}{where}: {problem.message}"


def _write_output(output: str) -> None:
    """Write `output` to stdout as UTF-8, whatever the locale's encoding.

    Raises `_OutputError` when stdout is closed or the write fails. After a failure, stdout
    is pointed at the null device, so that the interpreter's own flush at exit does not fail
    a second time with a traceback of its own.
    """
    stream = sys.stdout
    if stream is None:
        raise _OutputError("standard output is closed")
    try:
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text-only stream (an embedding host's): it encodes itself
            stream.write(output)
            stream.flush()
            return
        stream.flush()
        binary.write(output.encode("utf-8"))
        binary.flush()
    except OSError as error:
        _drop_pending_output(stream)
        raise _OutputError(error.strerror or type(error).__name__) from None


def _drop_pending_output(stream: Any) -> None:
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # no descriptor to redirect: nothing would be flushed to it at exit either


def _fail(line: str, status: int = USAGE_ERROR) -> int:
    """Report `line` as the one line on stderr (when there is a stderr) and return `status`."""
    if sys.stderr is not None:
        print(f"followup: error: {' '.join(line.split())}", file=sys.stderr)
    return status
