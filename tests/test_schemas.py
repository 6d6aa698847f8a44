"""The published JSON Schemas (followup_engine.schemas, docs/reference/) agree with the engine:
whatever it accepts and writes passes them, what both must refuse fails both, their limits
are the engine's, and the built site publishes them.

Outside tests/engine on purpose: those tests also run inside Pyodide, where jsonschema is
not installed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hook_loading import REPO
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

# The engine's own strategies and the page's own shapes, imported rather than copied.
from planner_page import SHARED, TODAY, page_situation
from referencing import Registry, Resource
from test_log_properties import histories
from test_properties import situations

from followup_engine import PlanInputError, plan_from_dict, plan_response, situation_from_dict
from followup_engine.agenda import applications_from_dict
from followup_engine.limits import LIMITS
from followup_engine.schemas import (
    DIALECT,
    SCHEMAS,
    export_schema,
    main,
    plan_schema,
    schema_texts,
    situation_schema,
)

BASE = "https://followup.invalid"
REFERENCE = REPO / "docs" / "reference"
# Planning a situation takes milliseconds, but the first one loads a country's holidays.
PLANS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def checker(schema: dict[str, Any], pointer: str = "") -> Draft202012Validator:
    """A validator for `schema`, or for its part at `pointer` (such as "/$defs/response"),
    checking formats too (a "date" must be a real day)."""
    registry = Registry().with_resource(BASE, Resource.from_contents(schema))
    return Draft202012Validator(
        {"$ref": f"{BASE}#{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


SITUATION = checker(situation_schema())
PLAN = checker(plan_schema())
RESPONSE = checker(plan_schema(), "/$defs/response")
EXPORT = checker(export_schema())


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


def at(schema: dict[str, Any], pointer: str) -> Any:
    """The part of `schema` at a JSON pointer."""
    part: Any = schema
    for key in pointer.strip("/").split("/"):
        part = part[key]
    return part


# The schemas themselves.


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_is_a_valid_2020_12_schema(name: str) -> None:
    schema = SCHEMAS[name](None)
    assert schema["$schema"] == DIALECT and "$id" not in schema
    Draft202012Validator.check_schema(schema)
    assert SCHEMAS[name](f"{BASE}/")["$id"] == f"{BASE}/reference/{name}"


def test_the_command_writes_the_three_files(tmp_path: Path) -> None:
    assert main([str(tmp_path / "out"), BASE]) == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "out").iterdir()}
    assert written == schema_texts(BASE)
    assert main([]) == 2


def test_the_limits_in_the_schemas_are_the_engines() -> None:
    situation, export = situation_schema(), export_schema()
    where = {
        "rounds": (situation, "/properties/rounds/maxItems"),
        "interviewers": (situation, "/$defs/round/properties/interviewers/maxItems"),
        "references": (situation, "/properties/references/maxItems"),
        "events": (situation, "/properties/log/maxItems"),
        "text": (situation, "/$defs/text/maxLength"),
        "email": (situation, "/$defs/email/maxLength"),
        "applications": (export, "/properties/applications/maxItems"),
        "agenda_days": (export, "/properties/days/maximum"),
    }
    assert set(where) == set(LIMITS), "a new limit: say where the schemas use it"
    for name, (schema, pointer) in where.items():
        assert at(schema, pointer) == LIMITS[name], name
    # The export file holds the very same situation, limits and all.
    assert {**export["$defs"]["situation"], "$defs": situation["$defs"]} == {
        key: value for key, value in situation.items() if key != "$schema"
    }


def test_the_schemas_are_not_loaded_by_the_engines_usual_paths() -> None:
    """The page's first plan, its agenda and the command line never pay for them."""
    code = (
        "import sys, followup_engine as e, followup_engine.cli\n"
        'e.plan_response(\'{"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}]}\')\n'
        'e.agenda_response(\'{"format": "followup-planner", "version": 2, '
        '"today": "2026-11-25", "applications": []}\')\n'
        "print('followup_engine.schemas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# What the engine accepts and writes passes the schemas.


@PLANS
@given(situations())
def test_every_situation_the_engine_plans_passes_and_so_does_its_plan(data: dict) -> None:
    assert errors(SITUATION, data) == []
    assert errors(PLAN, plan_from_dict(data)) == []
    assert errors(RESPONSE, json.loads(plan_response(json.dumps(data)))) == []


@PLANS
@given(histories())
def test_every_history_the_engine_plans_passes_and_so_does_its_plan(data: dict) -> None:
    """Histories bring the log (done, reply, outcome) and closed plans with closing steps."""
    assert errors(SITUATION, data) == []
    assert errors(PLAN, plan_from_dict(data)) == []


def test_the_pages_own_situations_and_export_file_pass() -> None:
    """The export file as the page writes it (tests/site/test_export_import.py), with the
    situations the page sends for a typed form and for a share link."""
    typed = page_situation("Acme", "Data Analyst", "2026-11-16", "Dana Lee", "dana@example.com")
    file = {
        "format": "followup-planner",
        "version": 2,
        "exported": TODAY,
        "applications": [
            {"id": "k3x9m2q7w1za", "situation": {**typed, "date_style": "month_day"}},
            {"id": "p8d2v6c0n4rb", "situation": {**SHARED, "date_style": "day_month"}},
        ],
    }
    assert len(applications_from_dict(file)) == 2
    assert errors(EXPORT, file) == []
    # The page's agenda request: the same file with today and days.
    assert errors(EXPORT, {**file, "today": TODAY, "days": LIMITS["agenda_days"]}) == []


def test_a_real_situation_saved_by_the_first_planner_passes() -> None:
    """What the first shipped page sent the engine, as a browser stored it (tests/site/data)."""
    stored = json.loads((REPO / "tests" / "site" / "data" / "v1-storage.json").read_text())
    sent = json.loads(json.loads(stored["followup-planner:v1:plan"])["situation"])
    situation_from_dict(sent)
    assert errors(SITUATION, sent) == []


# What the engine refuses fails the schemas too.


def with_round(**changes: Any) -> dict[str, Any]:
    person = {"name": "Dana Lee", "email": "dana@example.com"}
    return {
        "today": "2026-11-25",
        "rounds": [{"date": "2026-11-16", "interviewers": [person]}],
        **changes,
    }


REFUSED_SITUATIONS = {
    "no round": with_round(rounds=[]),
    "too many rounds": with_round(rounds=[{"date": "2026-11-16"}] * (LIMITS["rounds"] + 1)),
    "too many interviewers": with_round(
        rounds=[
            {"date": "2026-11-16", "interviewers": [{"name": "A"}] * (LIMITS["interviewers"] + 1)}
        ]
    ),
    "a date in another pattern": with_round(decision_date="20/11/2026"),
    "a day that does not exist": with_round(checkin_date="2026-02-30"),
    "an unknown event": with_round(log=[{"date": "2026-11-20", "event": "called"}]),
    "an unknown outcome": with_round(
        log=[{"date": "2026-11-20", "event": "outcome", "outcome": "hired"}]
    ),
    "a done step without its id": with_round(log=[{"date": "2026-11-20", "event": "done"}]),
    "an unknown channel": with_round(channel="fax"),
    "an unknown role": with_round(
        rounds=[{"date": "2026-11-16", "interviewers": [{"role": "ceo"}]}]
    ),
    "text too long": with_round(company="A" * (LIMITS["text"] + 1)),
    "a line break in a name": with_round(candidate="Sam\nRivera"),
    "a direction mark in a name": with_round(candidate="Sam\u202eRivera"),
    "not an address": with_round(
        rounds=[{"date": "2026-11-16", "interviewers": [{"email": "dana at example"}]}]
    ),
    "not a phone number": with_round(
        rounds=[{"date": "2026-11-16", "interviewers": [{"phone": "call me"}]}]
    ),
    "a bad id": with_round(id="acme data analyst"),
    "a flag as text": with_round(has_references="yes"),
}


@pytest.mark.parametrize("name", REFUSED_SITUATIONS)
def test_what_the_engine_refuses_fails_the_schema(name: str) -> None:
    data = REFUSED_SITUATIONS[name]
    with pytest.raises(PlanInputError):
        plan_from_dict(data)
    assert errors(SITUATION, data) != []


def export_of(*situations: dict[str, Any], **changes: Any) -> dict[str, Any]:
    applications = [{"id": f"app-{n}", "situation": s} for n, s in enumerate(situations)]
    return {"format": "followup-planner", "version": 2, "applications": applications, **changes}


REFUSED_EXPORTS = {
    "another format": export_of(with_round(), format="job-tracker"),
    "another version": export_of(with_round(), version=1),
    "no applications": {"format": "followup-planner", "version": 2},
    "too many applications": export_of(*[with_round()] * (LIMITS["applications"] + 1)),
    "a bad application id": {
        **export_of(),
        "applications": [{"id": "", "situation": with_round()}],
    },
    "a refused situation": export_of(REFUSED_SITUATIONS["too many rounds"]),
    "days past the limit": export_of(with_round(), days=LIMITS["agenda_days"] + 1),
    "today in another pattern": export_of(with_round(), today="25.11.2026"),
}


@pytest.mark.parametrize("name", REFUSED_EXPORTS)
def test_what_the_agenda_refuses_fails_the_export_schema(name: str) -> None:
    from followup_engine.agenda import agenda_from_dict

    data = REFUSED_EXPORTS[name]
    with pytest.raises(PlanInputError):
        agenda_from_dict({"today": "2026-11-25", **data})
    assert errors(EXPORT, data) != []


def test_a_plan_that_contradicts_itself_fails_the_plan_schema() -> None:
    plan = plan_from_dict(with_round())
    action = plan["actions"][-1]
    assert errors(PLAN, plan) == []
    for change in (
        {"overdue": not action["overdue"]},
        {"done_on": "2026-11-20"},
        {"status": "finished"},
        {"kind": "send_flowers"},
        {"guide": "https://example.com/"},
        {"extra": 1},
    ):
        broken = {**plan, "actions": [*plan["actions"][:-1], {**action, **change}]}
        assert errors(PLAN, broken) != [], change
    assert errors(PLAN, {**plan, "state": "closed"}) != []  # closed needs an outcome


# The reference pages' examples.


def json_blocks(page: str) -> list[Any]:
    text = (REFERENCE / page).read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.DOTALL)]


def test_the_reference_pages_examples_pass_their_schemas_and_the_engine() -> None:
    whole, smallest, *_ = json_blocks("situation.md")
    for example in (whole, smallest):
        assert errors(SITUATION, example) == []
        plan_from_dict({"today": "2026-11-25", **example})
    plan, *_, problem = json_blocks("plan.md")
    assert errors(PLAN, plan) == [] and errors(RESPONSE, problem) == []
    assert problem == json.loads(plan_response(json.dumps(with_round(decision_date="2026-11-01"))))
    made = {action["id"]: action for action in plan_from_dict(whole)["actions"]}
    for shown in plan["actions"]:  # the engine's own steps, drafts cut short at "..."
        real = made[shown["id"]]
        assert {**shown, "message": None} == {**real, "message": None}
        if shown["message"] is not None:
            body = shown["message"]["body"].removesuffix("...")
            assert {**shown["message"], "body": body} == {**real["message"], "body": body}
            assert real["message"]["body"].startswith(body)
    export, page_application = json_blocks("export.md")
    assert errors(EXPORT, export) == []
    applications_from_dict({**export, "applications": [*export["applications"], page_application]})


# The built site.


def test_the_site_publishes_the_schemas_beside_the_reference_pages(site_dir: Path) -> None:
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    for name, build in SCHEMAS.items():
        published = json.loads((site_dir / "reference" / name).read_text(encoding="utf-8"))
        published.pop("$id", None)  # only when the site's address is known
        assert published == build(None)
        assert f"reference/{name}" in worker, "kept for offline use"
    for page in ("reference", "reference/situation", "reference/plan", "reference/export"):
        html = (site_dir / page / "index.html").read_text(encoding="utf-8")
        assert "{limit:" not in html, page
    situation = (site_dir / "reference" / "situation" / "index.html").read_text(encoding="utf-8")
    assert f"at most {LIMITS['rounds']}" in situation
    assert 'href="../situation.schema.json"' in situation
