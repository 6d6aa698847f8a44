"""The planner's three data formats as JSON Schemas (draft 2020-12): the situation the engine
plans, the plan it writes, and the export file that carries many applications.

The schemas are built here, from the engine's own limits, patterns and word lists, so a
limit changed in `followup_engine.limits` changes the published schema with it: no number is
typed twice. The site publishes them beside the reference pages (docs/reference/), and
`python -m followup_engine.schemas OUTDIR` writes them for anyone else.

Nothing on the engine's normal paths imports this module: the page's first plan does not pay
for it. The engine stays the judge: it trims spaces and ignores the case of a few words that
the schemas, which describe what to write, do not forgive (see `FORGIVING`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import limits
from .agenda import EXPORT_FORMAT, EXPORT_VERSION
from .dates_in_words import DATE_STYLES
from .guide import GUIDE_ANCHORS
from .model import EVENTS, KINDS, OUTCOMES, ROLES, STATUSES
from .validation import (
    APPLICATION_ID,
    CHANNELS,
    GREETINGS,
    ISO_DATE,
    MAX_PHONE_DIGITS,
    MIN_PHONE_DIGITS,
)

__all__ = [
    "DIALECT",
    "FORGIVING",
    "SCHEMAS",
    "export_schema",
    "main",
    "plan_schema",
    "schema_texts",
    "situation_schema",
]

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Where the schemas describe a stricter form than the engine reads: said once, in each.
FORGIVING = (
    "The engine ignores keys it does not know. It also forgives what this schema does not: "
    "spaces around dates and text, and capitals in the channel, greeting, date style, role "
    "and country. Write values as this schema gives them."
)

# One line of text, as the engine checks it: no control characters (tabs and line breaks
# included), no line or paragraph separators, no invisible bidirectional controls. Written
# with \u escapes, which both ECMA-262 and Python read the same way.
_ONE_LINE = (
    r"^[^\u0000-\u001f\u007f-\u009f\u2028\u2029"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$"
)
# The shape of an address: the engine's own check is stricter (letters, digits and hyphens
# only in the domain), but its Unicode classes read differently in ECMA-262 and Python, so
# the schema keeps to a portable shape that every address the engine takes matches.
# (No backslash before the quote: ECMA-262's Unicode mode refuses escapes it does not need.)
_NOT_IN_ADDRESS = r"\s@<>" + "\"'`:;,()" + r"\[\]\\"
_NOT_IN_DOMAIN = _NOT_IN_ADDRESS + ".?&=/#%"
_EMAIL = rf"^(?:[^{_NOT_IN_ADDRESS}]+@(?:[^{_NOT_IN_DOMAIN}]+\.)+[^{_NOT_IN_DOMAIN}]+)?$"
# validation.is_valid_phone: an optional "+", digits with spaces, dots, hyphens, slashes or
# brackets, and a digit count the lookahead checks.
_PHONE = (
    rf"^(?:(?=(?:[^0-9]*[0-9]){{{MIN_PHONE_DIGITS},{MAX_PHONE_DIGITS}}}[^0-9]*$)"
    r"\+?[0-9(][0-9 ().\-/]*[0-9])?$"
)


def situation_schema(base_url: str | None = None) -> Schema:
    """The situation JSON: what `followup plan --input` and the page's worker read."""
    return _document(
        "situation.schema.json",
        base_url,
        {
            **_situation_body(),
            "$defs": _situation_defs(),
        },
    )


def plan_schema(base_url: str | None = None) -> Schema:
    """The plan JSON `followup plan --format json` writes; `$defs/response` is the page's
    worker answer around it (a plan, or the problems found)."""
    return _document("plan.schema.json", base_url, {**_plan_body(), "$defs": _plan_defs()})


def export_schema(base_url: str | None = None) -> Schema:
    """The export file the page saves and reads back, and `followup agenda --input` reads."""
    defs = {"situation": _situation_body(), **_situation_defs()}
    return _document("export.schema.json", base_url, {**_export_body(), "$defs": defs})


#: Every published schema by file name.
SCHEMAS: dict[str, Callable[[str | None], Schema]] = {
    "situation.schema.json": situation_schema,
    "plan.schema.json": plan_schema,
    "export.schema.json": export_schema,
}


def schema_texts(base_url: str | None = None) -> dict[str, str]:
    """Each schema as the text of its file, by file name: the same bytes every build."""
    return {
        name: json.dumps(build(base_url), indent=2, ensure_ascii=False) + "\n"
        for name, build in SCHEMAS.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m followup_engine.schemas OUTDIR [BASE_URL]`: write the three files."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not 1 <= len(arguments) <= 2:
        print("usage: python -m followup_engine.schemas OUTDIR [BASE_URL]", file=sys.stderr)
        return 2
    folder = Path(arguments[0])
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schema_texts(arguments[1] if len(arguments) == 2 else None).items():
        (folder / name).write_text(text, encoding="utf-8")
    return 0


def _document(name: str, base_url: str | None, body: Schema) -> Schema:
    """A top-level schema: the dialect first, and an absolute `$id` when the site's address
    is known (the schemas are self-contained, so nothing depends on it)."""
    head: Schema = {"$schema": DIALECT}
    if base_url:
        head["$id"] = f"{base_url.rstrip('/')}/reference/{name}"
    return {**head, **body}


# The situation.


def _situation_body() -> Schema:
    return {
        "title": "Follow-up Planner situation",
        "description": (
            "One job application: the interview rounds, what was promised, who you met and "
            f"what has happened since. {FORGIVING}"
        ),
        "type": "object",
        "required": ["rounds"],
        "properties": {
            "id": _blank_or(
                _pattern(APPLICATION_ID.pattern),
                "Names the application in calendar files; in an export file, the "
                "application's own id replaces it.",
            ),
            "today": _blank_or(
                {"$ref": "#/$defs/date"},
                "The day to plan from. Left out, the system date.",
            ),
            "rounds": {
                "description": "Every interview round, in any order.",
                "type": "array",
                "minItems": 1,
                "maxItems": limits.MAX_ROUNDS,
                "items": {"$ref": "#/$defs/round"},
            },
            "decision_date": _blank_or(
                {"$ref": "#/$defs/date"}, "The day they promised a decision by."
            ),
            "checkin_date": _blank_or(
                {"$ref": "#/$defs/date"}, "The check-in day you agreed at the interview."
            ),
            "channel": _choice(CHANNELS, "The agreed or preferred way to check in."),
            "candidate": _ref("text", "Your name, to sign the drafts."),
            "company": _ref("text", "The company's name."),
            "role": _ref("text", "The job's title."),
            "has_inside_contact": _flag("You know someone inside the company."),
            "has_references": _flag("You gave references."),
            "inside_contact": {
                "description": "Your inside contact, when you know their name or address.",
                "anyOf": [{"$ref": "#/$defs/contact"}, {"type": "null"}],
            },
            "references": {
                "description": "The references you gave.",
                "type": ["array", "null"],
                "maxItems": limits.MAX_REFERENCES,
                "items": {"$ref": "#/$defs/contact"},
            },
            "country": _blank_or(
                _pattern("[A-Z]{2,3}"),
                "Whose public holidays are not business days: a code the holidays library "
                "knows, such as US, GB or DE. Left out, weekends only.",
            ),
            "greeting": _choice(
                GREETINGS, "Greet people by first name or by full name. Left out, first name."
            ),
            "date_style": _choice(
                DATE_STYLES,
                "How drafts write dates: 'Tuesday 29 December 2026' (day_month) or "
                "'Tuesday, December 29, 2026' (month_day). Left out, day_month.",
            ),
            "log": {
                "description": "What has happened since the interview, one entry each.",
                "type": ["array", "null"],
                "maxItems": limits.MAX_EVENTS,
                "items": {"$ref": "#/$defs/log_entry"},
            },
        },
    }


def _situation_defs() -> Schema:
    return {
        "date": _date(),
        "text": {
            "description": "One line of text. Left out or null, empty.",
            "type": ["string", "null"],
            "maxLength": limits.MAX_TEXT_LENGTH,
            "pattern": _ONE_LINE,
        },
        "email": {
            "description": "A plain address such as name@example.com, or empty.",
            "type": ["string", "null"],
            "maxLength": limits.MAX_EMAIL_LENGTH,
            "allOf": [{"pattern": _ONE_LINE}, {"pattern": _EMAIL}],
        },
        "round": {
            "type": "object",
            "required": ["date"],
            "properties": {
                "date": _ref("date", "The day of the interview."),
                "interviewers": {
                    "description": "The people you met in this round.",
                    "type": ["array", "null"],
                    "maxItems": limits.MAX_INTERVIEWERS,
                    "items": {"$ref": "#/$defs/interviewer"},
                },
            },
        },
        "interviewer": {
            "type": "object",
            "properties": {
                "name": _ref("text", "Their name."),
                "email": _ref("email", "Their email address."),
                "role": _choice(ROLES, "Who they are to you. Left out, interviewer."),
                "phone": {
                    "description": "Their phone number, for a check-in by phone.",
                    "type": ["string", "null"],
                    "pattern": _PHONE,
                },
                "topic": _ref("text", "One thing you talked about, for their thank-you note."),
            },
        },
        "contact": {
            "type": "object",
            "properties": {
                "name": _ref("text", "Their name."),
                "email": _ref("email", "Their email address."),
            },
        },
        "log_entry": {
            "description": "One thing that happened: a step done, an answer, or the outcome.",
            "oneOf": [{"$ref": f"#/$defs/{event}_entry"} for event in EVENTS],
        },
        "done_entry": _entry(
            "done",
            "You did a step of the plan.",
            required=True,
            action={
                "description": "The id of the step, as the plan gives it.",
                "type": "string",
                "pattern": r"\S",
            },
        ),
        "reply_entry": _entry(
            "reply",
            "The employer answered but has not decided yet.",
            required=False,
            new_decision_date=_blank_or(
                {"$ref": "#/$defs/date"}, "The new date they gave, if they gave one."
            ),
        ),
        "outcome_entry": _entry(
            "outcome",
            "The application ended.",
            required=True,
            outcome={"description": "How it ended.", "enum": list(OUTCOMES)},
        ),
    }


def _entry(event: str, description: str, *, required: bool, **fields: Schema) -> Schema:
    """A log entry of one kind: its date, its event word, and the fields of that kind
    (`required` for a done step's id and an outcome, not for a reply's new date)."""
    return {
        "description": description,
        "type": "object",
        "required": ["date", "event", *(fields if required else ())],
        "properties": {
            "date": _ref("date", "When it happened."),
            "event": {"const": event},
            **fields,
        },
    }


# The plan.


def _plan_body() -> Schema:
    plan = _record(
        "The dated steps of one application's follow-up, as seen on one day.",
        today=_ref("date", "The day the plan is seen from."),
        state={
            "description": "Waiting for the employer, or closed by an outcome.",
            "enum": ["waiting", "closed"],
        },
        outcome={
            "description": "How the application ended, once the log records it.",
            "enum": [*OUTCOMES, None],
        },
        actions={
            "description": "Every step, sorted by date.",
            "type": "array",
            "items": {"$ref": "#/$defs/action"},
        },
    )
    return {
        "title": "Follow-up Planner plan",
        **plan,
        "oneOf": [
            {"properties": {"state": {"const": "waiting"}, "outcome": {"const": None}}},
            {"properties": {"state": {"const": "closed"}, "outcome": {"enum": list(OUTCOMES)}}},
        ],
    }


def _plan_defs() -> Schema:
    nullable_text = {"type": ["string", "null"]}
    return {
        "date": _date(),
        "action": _action(),
        "message": _record(
            "A draft: an email, or what to say on a call.",
            to={**nullable_text, "description": "The address or number; null if unknown."},
            subject={**nullable_text, "description": "The subject; null for a call."},
            body={"description": "The email, or what to say on the call.", "type": "string"},
        ),
        "problem": _record(
            "One thing wrong with the input, tied to the form field it is about.",
            field={**nullable_text, "description": "The field; null for the whole input."},
            round=_index("The round, counted from 0."),
            person=_index("The interviewer in that round, or the reference, from 0."),
            event=_index("The log entry, counted from 0."),
            message={"description": "What is wrong, in plain words.", "type": "string"},
        ),
        "response": {
            "description": "The page's worker answer: the plan, or every problem found.",
            "oneOf": [
                _record("A plan was made.", ok={"const": True}, plan={"$ref": "#"}),
                _record(
                    "No plan: every problem found.",
                    ok={"const": False},
                    errors={"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/problem"}},
                ),
            ],
        },
    }


def _action() -> Schema:
    guides = sorted({anchor for anchors in GUIDE_ANCHORS.values() for anchor in anchors})
    action = _record(
        "One dated step, with the rule behind it and where it stands.",
        id={
            "description": "Stays the same from plan to plan: a log's done entry names it.",
            "type": "string",
            "minLength": 1,
        },
        date=_ref("date", "The day to do it."),
        kind={"description": "What the step is.", "enum": list(KINDS)},
        channel={
            "description": "Email or phone; null for advice with no message.",
            "enum": [*CHANNELS, None],
        },
        title={"description": "What to do, in a few words.", "type": "string"},
        why={"description": "Why, and why on that day.", "type": "string"},
        rule={"description": "The guide's rule behind the step.", "enum": list(GUIDE_ANCHORS)},
        guide={
            "description": "The guide section that explains it, relative to the site.",
            "enum": guides,
        },
        status={"description": "Where the step stands.", "enum": list(STATUSES)},
        done_on={
            "description": "The day the log says it was done, when it was.",
            "anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}],
        },
        overdue={"description": "True exactly when status is overdue.", "type": "boolean"},
        message={
            "description": "The draft to send; null for advice and skipped steps.",
            "anyOf": [{"$ref": "#/$defs/message"}, {"type": "null"}],
        },
    )
    action["allOf"] = [
        _exactly_when("overdue", {"overdue": {"const": True}}),
        _exactly_when("done", {"done_on": {"$ref": "#/$defs/date"}}),
        {  # a skipped step has no draft (advice has none either: no "else")
            "if": {"properties": {"status": {"const": "skipped"}}},
            "then": {"properties": {"message": {"const": None}}},
        },
    ]
    return action


def _record(description: str, **properties: Schema) -> Schema:
    """An object the engine writes: exactly these keys, every one of them always there."""
    return {
        "description": description,
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }


def _exactly_when(status: str, properties: Schema) -> Schema:
    """`properties` hold exactly when the action's status is `status`: the plan's flags
    (`overdue`, `done_on`) repeat what the status says, and never disagree with it."""
    return {
        "if": {"properties": {"status": {"const": status}}},
        "then": {"properties": properties},
        "else": {"not": {"properties": properties}},
    }


def _index(description: str) -> Schema:
    return {"description": description, "type": ["integer", "null"], "minimum": 0}


# The export file.


def _export_body() -> Schema:
    return {
        "title": "Follow-up Planner export file",
        "description": (
            "Every application the page keeps, as it saves them to a file and reads them "
            "back. The engine ignores keys it does not know."
        ),
        "type": "object",
        "required": ["format", "version", "applications"],
        "properties": {
            "format": {"description": "Says what the file is.", "const": EXPORT_FORMAT},
            "version": {"description": "The shape of this file.", "const": EXPORT_VERSION},
            "exported": _ref("date", "The day the page saved the file (not read back)."),
            "today": {
                "description": "For an agenda: the day to look from. Left out, the system date.",
                "anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}],
            },
            "days": {
                "description": "For an agenda: how many days ahead to list.",
                "type": "integer",
                "minimum": 0,
                "maximum": limits.MAX_AGENDA_DAYS,
            },
            "applications": {
                "description": "The applications; no two with the same id.",
                "type": "array",
                "maxItems": limits.MAX_APPLICATIONS,
                "items": {
                    "type": "object",
                    "required": ["id", "situation"],
                    "properties": {
                        "id": {
                            "description": "The application's own id.",
                            **_pattern(APPLICATION_ID.pattern),
                        },
                        "situation": _ref("situation", "The application, as the engine plans it."),
                    },
                },
            },
        },
    }


# Small shared pieces.


def _date() -> Schema:
    return {
        "description": "A calendar date written YYYY-MM-DD, no later than 9999-10-31.",
        "type": "string",
        "pattern": f"^{ISO_DATE.pattern}$",
        "format": "date",
    }


def _ref(name: str, description: str) -> Schema:
    return {"description": description, "$ref": f"#/$defs/{name}"}


def _pattern(regex: str) -> Schema:
    """A string that the engine's `fullmatch` of `regex` takes, anchored for JSON Schema."""
    return {"type": "string", "pattern": f"^(?:{regex})$"}


def _blank_or(schema: Schema, description: str) -> Schema:
    """`schema`, or left blank: the engine reads null and "" as "not given"."""
    return {"description": description, "anyOf": [schema, {"enum": ["", None]}]}


def _choice(words: Sequence[str], description: str) -> Schema:
    """One of `words`, or null or "" for the engine's default."""
    return {"description": description, "enum": [*words, "", None]}


def _flag(description: str) -> Schema:
    return {"description": f"{description} Left out, false.", "type": ["boolean", "null"]}


if __name__ == "__main__":
    sys.exit(main())
