"""Message drafts: warm, complete sentences, whatever the visitor left out."""

import pytest
from engine_support import dana, situation

from followup_engine import plan_from_dict
from followup_engine.messages import TEMPLATE_NAMES, role_phrase, template_environment

ALL_KINDS = dict(has_inside_contact=True, has_references=True)


def messages(data):
    return [a["message"] for a in plan_from_dict(data)["actions"] if a["message"]]


def assert_clean(message):
    text = message["subject"] + "\n" + message["body"]
    for leftover in ("{{", "}}", "{%", "None", "the the", "  ", " ,", " .", "role role"):
        assert leftover not in text, (leftover, text)
    assert "\n" not in message["subject"] and message["subject"].strip() == message["subject"]
    assert message["body"] == message["body"].strip()


@pytest.mark.parametrize("channel", ["email", "phone"])
@pytest.mark.parametrize(
    "when", [{}, {"decision_date": "2026-11-27"}, {"checkin_date": "2026-12-01"}]
)
def test_drafts_with_every_field_missing(channel, when):
    data = situation(people=[], channel=channel, **when, **ALL_KINDS)
    drafts = messages(data)
    assert len(drafts) == 5
    for message in drafts:
        assert_clean(message)
    assert drafts[0]["body"].startswith("Hello,")
    assert "the role" in drafts[0]["subject"] and "your team" in drafts[0]["body"]


@pytest.mark.parametrize("channel", ["email", "phone"])
def test_drafts_name_role_company_interviewer_and_date(channel):
    data = situation(
        people=[dana()],
        company="Acme",
        role="Data Analyst",
        candidate="Sam Rivera",
        channel=channel,
        **ALL_KINDS,
    )
    drafts = messages(data)
    for message in drafts:
        assert_clean(message)
        assert "the Data Analyst role" in message["subject"] + message["body"]
        assert message["body"].rstrip().endswith("Sam Rivera") or channel == "phone"
    follow_up = drafts[1]
    assert "Acme" in follow_up["subject"]
    assert "Monday 16 November 2026" in follow_up["body"]
    assert "Dana Lee" in follow_up["body"]


def test_only_some_fields_missing():
    data = situation(people=[{"email": "hr@example.com"}], role="the Designer position")
    for message in messages(data):
        assert_clean(message)
    assert "the Designer position" in messages(data)[0]["subject"]


def test_visitor_text_is_never_rendered_as_a_template():
    data = situation(
        people=[{"name": "{{ 7*7 }}", "email": ""}],
        company="{% raw %}Acme",
        role="{{ config }}",
        candidate="{# Sam #}",
    )
    thank_you = messages(data)[0]
    assert thank_you["body"].startswith("Dear {{ 7*7 }},")
    assert "{% raw %}Acme" in thank_you["body"] and "49" not in thank_you["body"]
    assert thank_you["body"].endswith("{# Sam #}")


def test_every_template_renders_and_has_a_single_line_subject():
    names = sorted(set(TEMPLATE_NAMES.values()))
    assert len(names) == 7
    for name in names:
        assert template_environment().get_template(name)


def test_missing_variables_fail_loudly():
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        template_environment().get_template("thank_you.txt").render({})


def test_templates_ship_as_package_data():
    from importlib import resources

    folder = resources.files("followup_engine").joinpath("templates")
    shipped = {entry.name for entry in folder.iterdir() if entry.name.endswith(".txt")}
    assert shipped == set(TEMPLATE_NAMES.values())


@pytest.mark.parametrize(
    ("role", "phrase"),
    [
        ("", "the role"),
        ("Data Analyst", "the Data Analyst role"),
        ("the Data Analyst role", "the Data Analyst role"),
        ("Head of Sales position", "the Head of Sales position"),
    ],
)
def test_role_phrase(role, phrase):
    assert role_phrase(role) == phrase


def test_compiled_templates_are_current():
    """Each template's compiled twin is what Jinja compiles from it today (template_code)."""
    from followup_engine.template_code import stale_twins

    assert stale_twins() == [], "run: python -m followup_engine.template_code"


def test_unknown_template_names_are_not_imported():
    import jinja2

    with pytest.raises(jinja2.TemplateNotFound):
        template_environment().get_template("__init__")
