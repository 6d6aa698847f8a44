"""Plans and agendas as text for people and programs: plain text, a Markdown checklist,
JSON, and the agenda as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from .dates_in_words import long_date, short_date
from .model import Action, Plan

__all__ = [
    "CSV_COLUMNS",
    "agenda_to_csv",
    "agenda_to_markdown",
    "agenda_to_text",
    "escape_markdown",
    "neutralise_cell",
    "plan_to_json",
    "plan_to_markdown",
    "plan_to_text",
]

#: The agenda's spreadsheet columns, in order.
CSV_COLUMNS = ("date", "status", "company", "role", "kind", "title", "channel", "to", "subject")

# Characters that could start emphasis, code, links, images, HTML, tables or entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|~!&$])")
# Line starts that Markdown would read as a heading, list, quote or rule.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)
# A spreadsheet runs a cell starting with one of these as a formula (or, after a tab or a
# carriage return, may do so once it trims the cell).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OUTCOME_WORDS = {"offer": "an offer", "rejection": "a rejection", "withdrawn": "you withdrew"}


def plan_to_json(plan: Plan) -> str:
    """The plan JSON, indented for reading."""
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)


def plan_to_text(plan: Plan, style: str = "day_month") -> str:
    """A readable plain-text plan, one numbered block per action, each with its status."""
    lines = [f"Follow-up plan as of {long_date(plan.today, style)}"]
    if plan.outcome is not None:
        lines.append(f"Closed: {_OUTCOME_WORDS[plan.outcome]}. Every other follow-up stops.")
    lines.append("")
    for number, action in enumerate(plan.actions, start=1):
        flag = _status_flag(action, style)
        lines.append(f"{number}. {short_date(action.date, style)}{flag}  {action.title}")
        if action.channel and action.status != "skipped":
            lines.append(f"   Channel: {action.channel}")
        lines.append(f"   Why ({action.rule}): {action.why}")
        lines.append(f"   Guide: {action.guide}")
        if action.message:
            lines.append(f"   To: {action.message.to or '(fill in)'}")
            if action.message.subject is not None:
                lines.append(f"   Subject: {action.message.subject}")
            lines += ["", *_indent(action.message.body, "      ")]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def plan_to_markdown(plan: Plan, style: str = "day_month") -> str:
    """A Markdown checklist with the drafts, safe to paste into notes: done steps ticked.

    Visitor text is escaped so that names can never become live links or HTML.
    """
    lines = [f"# Follow-up plan as of {long_date(plan.today, style)}", ""]
    if plan.outcome is not None:
        lines += [f"Closed: {_OUTCOME_WORDS[plan.outcome]}.", ""]
    for action in plan.actions:
        lines += _markdown_action(action, style)
    return "\n".join(lines).rstrip("\n") + "\n"


def agenda_to_text(agenda: Mapping[str, Any], style: str = "day_month") -> str:
    """Every application's steps due soon, one line each, oldest first."""
    today = date.fromisoformat(agenda["today"])
    lines = [f"Agenda as of {long_date(today, style)} (next {agenda['days']} days)", ""]
    if not agenda["items"]:
        lines.append("Nothing is due: every application is waiting on the employer.")
    for item in agenda["items"]:
        flag = {"overdue": "  [OVERDUE]", "due": "  [DUE TODAY]"}.get(item["status"], "")
        day = short_date(date.fromisoformat(item["date"]), style)
        lines.append(f"{day}{flag}  {_application_label(item)}: {item['title']}")
        message = item["message"]
        if message:
            detail = f"{item['channel']} to {message['to'] or '(fill in)'}"
            if message["subject"]:
                detail += f", subject: {message['subject']}"
            lines.append(f"    {detail}")
    return "\n".join(lines).rstrip("\n") + "\n"


def agenda_to_markdown(agenda: Mapping[str, Any], style: str = "day_month") -> str:
    """The agenda as a Markdown checklist; visitor text escaped."""
    today = date.fromisoformat(agenda["today"])
    lines = [f"# Agenda as of {long_date(today, style)}", ""]
    for item in agenda["items"]:
        day = short_date(date.fromisoformat(item["date"]), style)
        flag = {"overdue": " *(overdue)*", "due": " *(due today)*"}.get(item["status"], "")
        lines.append(
            f"- [ ] **{day}** — {escape_markdown(_application_label(item))}: "
            f"{escape_markdown(item['title'])}{flag}"
        )
    return "\n".join(lines).rstrip("\n") + "\n"


def agenda_to_csv(agenda: Mapping[str, Any]) -> str:
    """The agenda as CSV (RFC 4180), one row per step, no cell a spreadsheet would run.

    >>> agenda = {"today": "2026-11-30", "days": 14, "items": [{
    ...     "date": "2026-11-30", "status": "due", "company": "=HYPERLINK(1)", "role": "-x",
    ...     "kind": "follow_up", "title": "Email @bob", "channel": "email",
    ...     "message": {"to": None, "subject": "+1"}}]}
    >>> print(agenda_to_csv(agenda).splitlines()[1])
    2026-11-30,due,'=HYPERLINK(1),'-x,follow_up,Email @bob,email,,'+1
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in agenda["items"]:
        message = item.get("message") or {}
        row = {
            **{column: item.get(column) for column in CSV_COLUMNS},
            "to": message.get("to"),
            "subject": message.get("subject"),
        }
        writer.writerow([neutralise_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def neutralise_cell(value: Any) -> str:
    """A cell's text, with a leading apostrophe when a spreadsheet would read a formula.

    >>> neutralise_cell("=1+1"), neutralise_cell("Acme"), neutralise_cell(None)
    ("'=1+1", 'Acme', '')
    """
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def escape_markdown(text: str) -> str:
    r"""Backslash-escape characters Markdown would turn into markup.

    >>> escape_markdown("[click](https://example.com) <b>Dana</b>")
    '\\[click\\]\\(https://example.com\\) \\<b\\>Dana\\</b\\>'
    >>> escape_markdown("1. Sam")
    '1\\. Sam'
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _application_label(item: Mapping[str, Any]) -> str:
    """ "Company — Role", or whichever is known, or the application's id."""
    parts = [part for part in (item.get("company"), item.get("role")) if part]
    return " — ".join(parts) or str(item.get("application") or "Application")


def _status_flag(action: Action, style: str) -> str:
    if action.status == "done" and action.done_on is not None:
        return f"  [DONE {short_date(action.done_on, style)}]"
    return {"overdue": "  [OVERDUE]", "due": "  [DUE TODAY]", "skipped": "  [SKIPPED]"}.get(
        action.status, ""
    )


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker[-1] in ".)":
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def _markdown_action(action: Action, style: str) -> list[str]:
    box = "[x]" if action.status == "done" else "[ ]"
    note = {
        "overdue": " *(overdue)*",
        "due": " *(due today)*",
        "skipped": " *(skipped)*",
    }.get(action.status, "")
    if action.status == "done" and action.done_on is not None:
        note = f" *(done {short_date(action.done_on, style)})*"
    title = escape_markdown(action.title)
    if action.status == "skipped":
        title = f"~~{title}~~"
    lines = [
        f"- {box} **{short_date(action.date, style)}** — {title}{note}",
        f"  - Why ({action.rule}): {escape_markdown(action.why)}",
        f"  - Guide: {action.guide}",
    ]
    if action.channel and action.status != "skipped":
        lines.insert(1, f"  - Channel: {action.channel}")
    if action.message:
        to = escape_markdown(action.message.to) if action.message.to else "*(fill in)*"
        lines.append(f"  - To: {to}")
        if action.message.subject is not None:
            lines.append(f"  - Subject: {escape_markdown(action.message.subject)}")
        lines += ["", *_indent(escape_markdown(action.message.body), "    > ", blank="    >")]
    lines.append("")
    return lines


def _indent(text: str, prefix: str, blank: str = "") -> list[str]:
    return [prefix + line if line else blank for line in text.splitlines()]
