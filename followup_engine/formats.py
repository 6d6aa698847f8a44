"""Plans as text for people: a plain-text list, a Markdown checklist, or JSON."""

from __future__ import annotations

import json
import re

from .dates_in_words import long_date, short_date
from .model import Action, Plan

__all__ = ["escape_markdown", "plan_to_json", "plan_to_markdown", "plan_to_text"]

# Characters that could start emphasis, code, links, images, HTML, tables or entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|~!&$])")
# Line starts that Markdown would read as a heading, list, quote or rule.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)


def plan_to_json(plan: Plan) -> str:
    """The plan JSON of CONTRACT.md, indented for reading."""
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)


def plan_to_text(plan: Plan) -> str:
    """A readable plain-text plan, one numbered block per action."""
    lines = [f"Follow-up plan as of {long_date(plan.today)}", ""]
    for number, action in enumerate(plan.actions, start=1):
        flag = "  [OVERDUE]" if action.overdue else ""
        lines.append(f"{number}. {short_date(action.date)}{flag}  {action.title}")
        if action.channel:
            lines.append(f"   Channel: {action.channel}")
        lines.append(f"   Why ({action.rule}): {action.why}")
        lines.append(f"   Guide: {action.guide}")
        if action.message:
            lines += [
                f"   To: {action.message.to or '(fill in)'}",
                f"   Subject: {action.message.subject}",
                "",
                *_indent(action.message.body, "      "),
            ]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def plan_to_markdown(plan: Plan) -> str:
    """A Markdown checklist with the drafts, safe to paste into notes.

    Visitor text is escaped so that names can never become live links or HTML.
    """
    lines = [f"# Follow-up plan as of {long_date(plan.today)}", ""]
    for action in plan.actions:
        lines += _markdown_action(action)
    return "\n".join(lines).rstrip("\n") + "\n"


def escape_markdown(text: str) -> str:
    r"""Backslash-escape characters Markdown would turn into markup.

    >>> escape_markdown("[click](https://example.com) <b>Dana</b>")
    '\\[click\\]\\(https://example.com\\) \\<b\\>Dana\\</b\\>'
    >>> escape_markdown("1. Sam")
    '1\\. Sam'
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker[-1] in ".)":
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


def _markdown_action(action: Action) -> list[str]:
    overdue = " *(overdue)*" if action.overdue else ""
    lines = [
        f"- [ ] **{short_date(action.date)}** — {escape_markdown(action.title)}{overdue}",
        f"  - Why ({action.rule}): {escape_markdown(action.why)}",
        f"  - Guide: {action.guide}",
    ]
    if action.channel:
        lines.insert(1, f"  - Channel: {action.channel}")
    if action.message:
        to = escape_markdown(action.message.to) if action.message.to else "*(fill in)*"
        lines += [
            f"  - To: {to}",
            f"  - Subject: {escape_markdown(action.message.subject)}",
            "",
            *_indent(escape_markdown(action.message.body), "    > ", blank="    >"),
        ]
    lines.append("")
    return lines


def _indent(text: str, prefix: str, blank: str = "") -> list[str]:
    return [prefix + line if line else blank for line in text.splitlines()]
