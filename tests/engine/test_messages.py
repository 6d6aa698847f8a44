"""Message drafts: warm, complete sentences, whatever the visitor left out."""

import pytest
from engine_support import dana, situation

from followup_engine import plan_from_dict
from followup_engine.messages import TEMPLATE_NAMES, role_phrase, template_environment

ALL_KINDS = dict(has_inside_contact=True, has_references=True)
# On the interview day nothing is late yet, so every kind of draft is in the plan.
INTERVIEW_DAY = "2026-11-16"


def messages(data):
    return [a["message"] for a in plan_from_dict(data)["actions"] if a["message"]]


def drafts_by_kind(data):
    return {a["kind"]: a["message"] for a in plan_from_dict(data)["actions"] if a["message"]}


def assert_clean(message, channel="email"):
    if channel == "phone":
        assert message["subject"] is None  # a call script has no subject line (G24)
    else:
        subject = message["subject"]
        assert subject and "\n" not in subject and subject.strip() == subject
    text = (message["subject"] or "") + "\n" + message["body"]
    for leftover in ("{{", "}}", "{%", "None", "the the", "  ", " ,", " .", "role role"):
        assert leftover not in text, (leftover, text)
    assert message["body"] == message["body"].strip()
    assert "\n\n\n" not in message["body"]


@pytest.mark.parametrize("channel", ["email", "phone"])
@pytest.mark.parametrize(
    "when", [{}, {"decision_date": "2026-11-27"}, {"checkin_date": "2026-12-01"}]
)
def test_drafts_with_every_field_missing(channel, when):
    data = situation(people=[], channel=channel, today=INTERVIEW_DAY, **when, **ALL_KINDS)
    actions = [a for a in plan_from_dict(data)["actions"] if a["message"]]
    assert [a["kind"] for a in actions] == [
        "thank_you",
        "follow_up",
        "ask_inside_contact",
        "ask_references",
        "second_follow_up",
    ]
    for action in actions:
        assert_clean(action["message"], action["channel"])
        assert action["message"]["to"] is None
    thank_you = actions[0]["message"]
    assert thank_you["body"].startswith("Hello,")
    assert "the role" in thank_you["subject"] and "the role" in thank_you["body"]


@pytest.mark.parametrize("outcome", ["rejection", "offer", "withdrawn"])
def test_closing_drafts_with_every_field_missing(outcome):
    closed = {"date": "2026-11-20", "event": "outcome", "outcome": outcome}
    drafts = drafts_by_kind(situation(people=[], log=[closed]))
    (message,) = drafts.values()
    assert_clean(message)
    assert message["body"].startswith("Hello,") and "the role" in message["subject"]
    assert message["to"] is None
    if outcome != "offer":
        assert "your team" in message["body"]


@pytest.mark.parametrize("channel", ["email", "phone"])
def test_drafts_name_role_company_interviewer_and_date(channel):
    data = situation(
        people=[dana()],
        company="Acme",
        role="Data Analyst",
        candidate="Sam Rivera",
        channel=channel,
        today=INTERVIEW_DAY,
        **ALL_KINDS,
    )
    actions = [a for a in plan_from_dict(data)["actions"] if a["message"]]
    assert len(actions) == 5
    for action in actions:
        message = action["message"]
        assert_clean(message, action["channel"])
        assert "the Data Analyst role" in (message["subject"] or "") + message["body"]
        assert message["body"].rstrip().endswith("Sam Rivera") or action["channel"] == "phone"
    follow_up = next(a["message"] for a in actions if a["kind"] == "follow_up")
    assert "Monday 16 November 2026" in follow_up["body"]
    if channel == "email":
        assert "Acme" in follow_up["subject"]
        assert follow_up["body"].startswith("Dear Dana,\n")
    else:
        assert "at Acme" in follow_up["body"]
        assert follow_up["body"].startswith("Ask for Dana Lee, then say:")
        assert "Hello, this is Sam Rivera." in follow_up["body"]


def test_only_some_fields_missing():
    data = situation(people=[{"email": "hr@example.com"}], role="the Designer position")
    for message in messages(data):
        assert_clean(message)
    assert "the Designer position" in messages(data)[0]["subject"]


def test_visitor_text_is_never_rendered_as_a_template():
    data = situation(
        people=[{"name": "{{ 7*7 }}", "email": "", "topic": "{% if 1 %}x{% endif %}"}],
        company="{% raw %}Acme",
        role="{{ config }}",
        candidate="{# Sam #}",
        greeting="full_name",
        today=INTERVIEW_DAY,
    )
    thank_you = drafts_by_kind(data)["thank_you"]
    assert thank_you["body"].startswith("Dear {{ 7*7 }},")
    assert "talking about {% if 1 %}x{% endif %}." in thank_you["body"]
    assert "{% raw %}Acme" in thank_you["body"] and "49" not in thank_you["body"]
    assert thank_you["body"].endswith("{# Sam #}")


def test_every_template_renders_and_has_a_single_line_subject():
    names = sorted(set(TEMPLATE_NAMES.values()))
    assert len(names) == 10
    assert {"reply_to_rejection.txt", "reply_to_offer.txt", "withdraw.txt"} <= set(names)
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
    """Each template's compiled module is what `compile_templates` writes for it today, and
    no module is left over (template_code)."""
    from followup_engine.template_code import stale_modules

    assert stale_modules() == [], "run: python -m followup_engine.template_code"


def test_a_changed_template_or_a_leftover_module_is_stale(tmp_path):
    import shutil

    from followup_engine.template_code import FOLDER, stale_modules, write_modules

    folder = tmp_path / "templates"
    shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert stale_modules(folder) == []
    withdraw = folder / "withdraw.txt"
    withdraw.write_text(withdraw.read_text(encoding="utf-8") + "P.S.\n", encoding="utf-8")
    (folder / "tmpl_0000.py").write_text("# left over\n", encoding="utf-8")
    changed = write_modules(folder)
    assert "tmpl_0000.py" in changed and len(changed) == 2
    assert stale_modules(folder) == [] and not (folder / "tmpl_0000.py").exists()


def test_unknown_template_names_are_not_imported():
    import jinja2

    with pytest.raises(jinja2.TemplateNotFound):
        template_environment().get_template("__init__")
