"""Message drafts: Jinja2 templates shipped with the package, filled with the visitor's data.

Visitor text is only ever passed in as variables, never compiled as a template, and every
variable has a natural fallback ("the role", "your team", "Hello,"), so a draft never shows
an unfilled placeholder. StrictUndefined turns a forgotten variable into an error in tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Any

import jinja2

from .dates_in_words import day_and_month, long_date
from .model import Message, Person, Situation
from .rules import Step

__all__ = [
    "TEMPLATE_NAMES",
    "draft_message",
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
}

# Template name -> module name of its compiled twin.
_TWINS = {name: name.removesuffix(".txt") for name in TEMPLATE_NAMES.values()}
_REASONS = {"G3": "agreed", "G6": "promised", "G8": "no_timeline"}
_NOBODY = Person()
_ROLE_NOUNS = {"role", "position", "job", "post", "opening", "vacancy"}


class _CompiledTemplateLoader(jinja2.BaseLoader):
    """Loads each template from its compiled twin, `templates/<name>.py` (see template_code).

    Only the templates a plan needs are loaded, and none is parsed at run time: importing the
    twin's bytecode is all it takes.
    """

    has_source_access = False

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if name not in _TWINS:
            raise jinja2.TemplateNotFound(name)
        module = importlib.import_module(f"{__package__}.templates.{_TWINS[name]}")
        return environment.template_class.from_module_dict(
            environment, module.__dict__, {} if globals is None else globals
        )


@cache
def template_environment() -> jinja2.Environment:
    """The shared environment: plain text (no autoescape), strict about missing variables."""
    return jinja2.Environment(
        loader=_CompiledTemplateLoader(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@cache
def _template(name: str) -> jinja2.Template:
    """A loaded template, kept: Jinja's own cache still asks whether it is current."""
    return template_environment().get_template(name)


def draft_message(
    step: Step,
    situation: Situation,
    first: Step | None = None,
    *,
    wording: Mapping[str, str] | None = None,
) -> Message | None:
    """The draft for `step`, or None when it sends nothing.

    `first` is the first check-in, which a second follow-up refers back to. `wording` is
    `plan_wording(situation, first)`, passed in by a caller that drafts a whole plan so that
    it is worked out once rather than once per message.
    """
    if step.channel is None:
        return None
    template = _template(TEMPLATE_NAMES[(step.kind, step.channel)])
    variables = _step_variables(step, situation)
    variables.update(plan_wording(situation, first) if wording is None else wording)
    # The templates use only the variables given: a context on them alone (no globals) skips
    # copying Jinja's globals for every render, which was about half the cost of a plan.
    environment = template.environment
    context = environment.context_class(environment, variables, template.name, template.blocks)
    text = environment.concat(template.root_render_func(context))
    subject, _, body = text.partition("\n")
    to = step.recipient.email if step.recipient and step.channel == "email" else ""
    return Message(to=to, subject=" ".join(subject.split()), body=_tidy(body))


def plan_wording(situation: Situation, first: Step | None = None) -> dict[str, str]:
    """The template variables every draft of one plan shares: role, company, dates, names,
    and the reason for the first check-in (`first`), which every follow-up draft cites."""
    company = situation.company
    candidate = situation.candidate
    wording = {
        "role_phrase": role_phrase(situation.role),
        "company": company,
        "at_company": f" at {company}" if company else "",
        "employer": company or "the company",
        "team": f"the team at {company}" if company else "your team",
        "decision_date": long_date(situation.decision_date) if situation.decision_date else "",
        "first_contact_date": long_date(first.date) if first else "",
        "candidate": candidate,
        "hello": f"Hello, this is {candidate}." if candidate else "Hello.",
        "sign_off": f"Best regards,\n{candidate}" if candidate else "Best regards,",
    }
    if first is not None:
        wording["reason"] = _REASONS.get(first.rule, "")  # why the check-in was due
    return wording


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


def _step_variables(step: Step, situation: Situation) -> dict[str, str]:
    """The template variables of one draft alone: who it goes to, which round it is about."""
    recipient = step.recipient or _NOBODY
    interview_round = step.interview_round or situation.latest_round
    return {
        "greeting": f"Dear {recipient.name}," if recipient.name else "Hello,",
        "ask_for": recipient.name
        or ("the person who interviewed you" if recipient.email else "the hiring manager or HR"),
        "interview_date": long_date(interview_round.date),
        "interview_day": day_and_month(interview_round.date),
        "reason": _REASONS.get(step.rule, ""),  # plan_wording's wins: see there
    }


def _tidy(body: str) -> str:
    """Trim line ends and surrounding blank lines left over from template branches."""
    lines = [line.rstrip() for line in body.strip("\n").splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip("\n")
