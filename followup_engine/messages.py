"""Message drafts: Jinja2 templates shipped with the package, filled with the visitor's data.

Visitor text is only ever passed in as variables, never compiled as a template, and every
variable has a natural fallback ("the role", "your team", "Hello,"), so a draft never shows
an unfilled placeholder. StrictUndefined turns a forgotten variable into an error in tests.
"""

from __future__ import annotations

import os.path
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import jinja2

from .business_days import BusinessCalendar
from .dates_in_words import day_and_month, long_date
from .model import Message, Person, Situation
from .rules import Step

__all__ = [
    "TEMPLATE_NAMES",
    "draft_message",
    "greeting_for",
    "plan_wording",
    "role_phrase",
    "template_environment",
]

#: One template per kind of message: first line the subject, then a blank line, then the body.
TEMPLATE_NAMES = {
    ("thank_you", "email"): "thank_you.txt",
    ("follow_up", "email"): "follow_up_email.txt",
    ("follow_up", "phone"): "follow_up_call.txt",
    ("second_follow_up", "email"): "second_follow_up_email.txt",
    ("second_follow_up", "phone"): "second_follow_up_call.txt",
    ("ask_inside_contact", "email"): "inside_contact.txt",
    ("ask_references", "email"): "references.txt",
    ("reply_to_rejection", "email"): "reply_to_rejection.txt",
    ("reply_to_offer", "email"): "reply_to_offer.txt",
    ("withdraw", "email"): "withdraw.txt",
}

#: G21: the acknowledgement proposes an answer within a week; the visitor can change it.
OFFER_ANSWER_BUSINESS_DAYS = 5

#: Where the templates and their compiled modules are (a folder of the package).
TEMPLATE_FOLDER = os.path.join(os.path.dirname(__file__), "templates")
_NOBODY = Person()
_LINE_END_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_ROLE_NOUNS = {"role", "position", "job", "post", "opening", "vacancy"}
# Titles a first name must not be cut down to ("Dear Dr," would be wrong).
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor", "sir", "dame"}


#: The options the templates are compiled with (template_code) and rendered with: Jinja's
#: compiled code depends on them, so both must read them from here.
ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}


@cache
def template_environment() -> jinja2.Environment:
    """The shared environment: plain text (no autoescape), strict about missing variables.

    Its `ModuleLoader` imports each template's precompiled module from `templates/`
    (`Environment.compile_templates` writes them, see template_code): only the templates a
    plan needs are loaded, and none is parsed at run time.
    """
    return jinja2.Environment(loader=jinja2.ModuleLoader(TEMPLATE_FOLDER), **ENVIRONMENT_OPTIONS)


@cache
def _template(name: str) -> jinja2.Template:
    """A loaded template, kept: Jinja's own cache still asks whether it is current."""
    return template_environment().get_template(name)


def draft_message(
    step: Step,
    situation: Situation,
    *,
    wording: Mapping[str, str] | None = None,
    calendar: BusinessCalendar | None = None,
) -> Message | None:
    """The draft for `step`, or None when it sends nothing.

    `wording` is `plan_wording(situation)`, passed in by a caller that drafts a whole plan
    so that it is worked out once rather than once per message. A call script (G24) has no
    subject and goes to the person's phone number when known.
    """
    if step.channel is None:
        return None
    template = _template(TEMPLATE_NAMES[(step.kind, step.channel)])
    variables: dict[str, Any] = dict(plan_wording(situation) if wording is None else wording)
    variables.update(_step_variables(step, situation, calendar))
    # The templates use only the variables given: a context on them alone (no globals) skips
    # copying Jinja's globals for every render, which was about half the cost of a plan.
    environment = template.environment
    context = environment.context_class(environment, variables, template.name, template.blocks)
    text = environment.concat(template.root_render_func(context))
    subject, _, body = text.partition("\n")
    recipient = step.recipient or _NOBODY
    if step.channel == "phone":
        return Message(to=recipient.phone or None, subject=None, body=_tidy(body))
    return Message(to=recipient.email or None, subject=" ".join(subject.split()), body=_tidy(body))


def plan_wording(situation: Situation) -> dict[str, str]:
    """The template variables every draft of one plan shares: role, company, names."""
    company = situation.company
    candidate = situation.candidate
    return {
        "role_phrase": role_phrase(situation.role),
        "company": company,
        "at_company": f" at {company}" if company else "",
        "employer": company or "the company",
        "team": f"the team at {company}" if company else "your team",
        "candidate": candidate,
        "hello": f"Hello, this is {candidate}." if candidate else "Hello.",
        "sign_off": f"Best regards,\n{candidate}" if candidate else "Best regards,",
    }


def greeting_for(person: Person, style: str = "first_name") -> str:
    """G24: greet people by first name unless the visitor chose full names.

    >>> greeting_for(Person("Dana Lee")), greeting_for(Person("Dana Lee"), "full_name")
    ('Dear Dana,', 'Dear Dana Lee,')
    >>> greeting_for(Person("Dr. Ana Silva")), greeting_for(Person(email="hr@example.com"))
    ('Dear Dr. Ana Silva,', 'Hello,')
    """
    name = person.name
    if not name:
        return "Hello,"
    first = name.split()[0]
    if style == "full_name" or first.rstrip(".").lower() in _HONORIFICS:
        return f"Dear {name},"
    return f"Dear {first},"


def role_phrase(role: str) -> str:
    """How a message names the role, without doubling "the" or "role".

    >>> role_phrase("Data Analyst"), role_phrase("The Designer position"), role_phrase("")
    ('the Data Analyst role', 'the Designer position', 'the role')
    """
    core = role[4:].strip() if role.lower().startswith("the ") else role
    if not core:
        return "the role"
    if core.split()[-1].lower() in _ROLE_NOUNS:
        return f"the {core}"
    return f"the {core} role"


def _step_variables(
    step: Step, situation: Situation, calendar: BusinessCalendar | None
) -> dict[str, Any]:
    """The template variables of one draft alone: who it goes to, which round and which
    answer it is about, what the log says was sent (G16)."""
    style = situation.date_style
    recipient = step.recipient or _NOBODY
    interview_round = step.interview_round or situation.latest_round
    answer_by = ""
    if step.kind == "reply_to_offer":
        answer_by = long_date(
            (calendar or BusinessCalendar()).add_business_days(
                step.date, OFFER_ANSWER_BUSINESS_DAYS
            ),
            style,
        )
    return {
        "greeting": greeting_for(recipient, situation.greeting),
        "ask_for": recipient.name
        or ("the person who interviewed you" if recipient.email else "the hiring manager or HR"),
        "interview_date": long_date(interview_round.date, style),
        "interview_day": day_and_month(interview_round.date, style),
        "reason": step.reason,
        "decision_date": long_date(step.promised, style) if step.promised else "",
        "reply_day": day_and_month(step.reply, style) if step.reply else "",
        "first_contact_date": long_date(step.sent_before, style) if step.sent_before else "",
        "thank_them": step.thanks,
        "topic": recipient.topic,
        "answer_by": answer_by,
    }


def _tidy(body: str) -> str:
    r"""Trim line ends, and blank lines beyond one, left over from template branches.

    >>> _tidy("\nDear Dana,  \n\n\n\nThanks.\n\n")
    'Dear Dana,\n\nThanks.'
    """
    body = _LINE_END_SPACE.sub("\n", body)
    return _BLANK_LINES.sub("\n\n", body).strip()
