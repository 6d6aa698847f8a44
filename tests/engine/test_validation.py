"""Every kind of bad input is reported as a Problem tied to its form control."""

from dataclasses import replace

import pytest
from engine_support import dana, situation

from followup_engine import PlanInputError, Problem, situation_from_dict
from followup_engine.validation import check_situation


def problems(data):
    with pytest.raises(PlanInputError) as caught:
        situation_from_dict(data)
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error) == error.problems[0].message
    for problem in error.problems:
        assert problem.message.endswith(".") and problem.message[0].isupper()
        assert "\n" not in problem.message
    return error.problems


def first(data):
    return problems(data)[0]


@pytest.mark.parametrize("bad", ["2026-02-30", "tomorrow", "10000-01-01", "2026-13-01", "26-11-16"])
def test_impossible_or_malformed_interview_dates(bad):
    problem = first(situation(bad))
    assert (problem.field, problem.round, problem.person) == ("interview", 0, None)
    assert "date" in problem.message


@pytest.mark.parametrize("field", ["decision_date", "checkin_date", "today"])
@pytest.mark.parametrize("bad", ["2026-02-30", "next week", 20261116])
def test_impossible_or_malformed_other_dates(field, bad):
    problem = first(situation(**{field: bad}))
    assert (problem.field, problem.round) == (field, None)


@pytest.mark.parametrize("rounds", [None, []])
def test_no_interview(rounds):
    problem = first({"today": "2026-11-25", "rounds": rounds})
    assert problem == Problem("interview", "Add the date of at least one interview.")


def test_a_round_without_a_date():
    problem = first({"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}, {}]})
    assert (problem.field, problem.round) == ("interview", 1)


@pytest.mark.parametrize("field", ["decision_date", "checkin_date"])
def test_dates_before_the_first_round(field):
    problem = first(situation("2026-11-02", "2026-11-16", **{field: "2026-10-30"}))
    assert problem.field == field
    assert "Fri 30 Oct 2026" in problem.message
    assert "before your first interview (Mon 2 Nov 2026)" in problem.message


@pytest.mark.parametrize("field", ["decision_date", "checkin_date"])
def test_a_date_between_rounds_belonged_to_the_earlier_round(field):
    from followup_engine import plan_from_dict

    data = situation("2026-11-02", "2026-11-16", **{field: "2026-11-10"})
    assert getattr(situation_from_dict(data), field).isoformat() == "2026-11-10"
    (follow_up,) = [a for a in plan_from_dict(data)["actions"] if a["kind"] == "follow_up"]
    # G14/G19: the latest round's check-in falls back to G8, and the why says so.
    assert (follow_up["id"], follow_up["rule"], follow_up["date"]) == (
        "follow_up:2026-11-16",
        "G8",
        "2026-11-26",
    )
    assert follow_up["why"].startswith(
        "The date you were given, Tue 10 Nov 2026, belonged to an earlier round and no "
        "longer applies."
    )


def test_the_example_problem_of_the_reference_pages():
    """The problem docs/reference/plan.md shows, word for word."""
    problem = first(situation(decision_date="2026-11-01"))
    assert problem.to_dict() == {
        "field": "decision_date",
        "round": None,
        "person": None,
        "event": None,
        "message": "The decision date, Sun 1 Nov 2026, is before your first interview "
        "(Mon 16 Nov 2026).",
    }


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("interview", situation("9999-11-01", today="9999-11-01")),
        ("decision_date", situation("9999-10-01", decision_date="9999-12-30")),
        ("checkin_date", situation("9999-10-01", checkin_date="9999-11-15")),
        ("today", situation(today="9999-12-31")),
    ],
)
def test_dates_near_the_end_of_the_calendar(field, data):
    found = problems(data)
    assert field in {p.field for p in found}
    assert any("past the year 9999" in p.message for p in found)


def test_the_last_plannable_date_still_plans():
    from followup_engine import plan_from_dict

    data = situation("9999-10-31", today="9999-10-31", decision_date="9999-10-31", country="US")
    assert plan_from_dict(data)["actions"]


@pytest.mark.parametrize("channel", ["fax", "EMAIL ", 3])
def test_unknown_channel(channel):
    if channel == "EMAIL ":
        assert situation_from_dict(situation(channel=channel)).channel == "email"
        return
    assert first(situation(channel=channel)).field == "channel"


@pytest.mark.parametrize("country", ["XX", "Narnia", 1])
def test_unknown_country(country):
    problem = first(situation(country=country))
    assert problem.field == "country"
    assert "two-letter code" in problem.message


def test_country_codes_are_case_insensitive():
    assert situation_from_dict(situation(country="gb")).country == "GB"


@pytest.mark.parametrize(
    "address",
    [
        "dana example.com",
        "dana@example",
        "Dana <dana@example.com>",
        '"dana"@example.com',
        "javascript:alert(1)@example.com",
        "dana@@example.com",
        "a@b@example.com",
        "x" * 250 + "@example.com",
    ],
)
def test_malformed_email_addresses(address):
    problem = first(situation(people=[{"name": "Dana", "email": address}]))
    assert (problem.field, problem.round, problem.person) == ("interviewer_email", 0, 0)


def test_valid_email_addresses_pass():
    for address in ("dana@example.com", "d.lee+jobs@mail.example.co.uk", "ü@bücher.de"):
        situation_from_dict(situation(people=[{"email": address}]))


@pytest.mark.parametrize(
    "text",
    [
        "Acme\nCorp",
        "Acme\rCorp",
        "Acme\x00",
        "Acme\x1b[31m",
        "Acme\u2028Corp",
        "Acme\u202eproC",
        "Acme\u2066Corp\u2069",
        "x" * 201,
    ],
)
@pytest.mark.parametrize("field", ["candidate", "company", "role"])
def test_bad_text_fields(field, text):
    problem = first(situation(**{field: text}))
    assert problem.field == field


def test_two_hundred_characters_are_fine():
    assert situation_from_dict(situation(company="x" * 200)).company == "x" * 200


def test_bad_interviewer_name_points_at_round_and_person():
    data = situation("2026-11-02", "2026-11-16")
    data["rounds"][1]["interviewers"] = [dana(), {"name": "Omar\u202e", "email": ""}]
    problem = first(data)
    assert (problem.field, problem.round, problem.person) == ("interviewer", 1, 1)


@pytest.mark.parametrize("field", ["has_inside_contact", "has_references"])
@pytest.mark.parametrize("value", ["yes", 1, "true"])
def test_non_boolean_flags(field, value):
    assert first(situation(**{field: value})).field == field


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"today": "2026-11-25", "rounds": "2026-11-16"}, "interview"),
        ({"today": "2026-11-25", "rounds": ["2026-11-16"]}, "interview"),
        (
            {"today": "2026-11-25", "rounds": [{"date": "2026-11-16", "interviewers": "Dana"}]},
            "interviewer",
        ),
        (
            {"today": "2026-11-25", "rounds": [{"date": "2026-11-16", "interviewers": ["Dana"]}]},
            "interviewer",
        ),
        (situation(people=[{"name": 5}]), "interviewer"),
        (situation(people=[{"email": ["a@b.c"]}]), "interviewer_email"),
        (situation(company=7), "company"),
        (situation(role=None, candidate=False), "candidate"),
    ],
)
def test_wrong_json_types(data, field):
    assert first(data).field == field


@pytest.mark.parametrize("data", [None, [], "situation", 3])
def test_input_that_is_not_an_object(data):
    assert first(data).field is None


def test_all_problems_are_collected():
    data = situation(
        "2026-02-30", decision_date="soon", channel="fax", country="XX", company="a\nb"
    )
    fields = [problem.field for problem in problems(data)]
    assert fields == ["interview", "decision_date", "channel", "company", "country"]


def test_round_indices_survive_an_earlier_broken_round():
    data = {
        "today": "2026-11-25",
        "rounds": [{"date": "bad"}, {"date": "2026-11-16", "interviewers": [{"email": "nope"}]}],
    }
    found = problems(data)
    assert [(p.field, p.round, p.person) for p in found] == [
        ("interview", 0, None),
        ("interviewer_email", 1, 0),
    ]


def test_empty_strings_mean_missing():
    parsed = situation_from_dict(
        situation(decision_date="", checkin_date="", channel="", country="", company="")
    )
    assert (parsed.decision_date, parsed.checkin_date, parsed.channel, parsed.country) == (
        None,
        None,
        None,
        None,
    )


def test_unknown_keys_are_ignored():
    assert situation_from_dict(situation(colour="blue")).rounds


def test_a_situation_reads_back_from_its_own_dict():
    data = situation(
        people=[{**dana(), "role": "recruiter", "phone": "+1 555 010 0199", "topic": "SQL"}],
        id="acme-1",
        decision_date="2026-11-27",
        channel="phone",
        inside_contact={"name": "Kim Park", "email": "kim@example.com"},
        references=[{"name": "Jo Park", "email": ""}],
        greeting="full_name",
        date_style="month_day",
        log=[{"date": "2026-11-20", "event": "reply", "new_decision_date": "2026-12-04"}],
    )
    parsed = situation_from_dict(data)
    written = parsed.to_dict()
    assert written["rounds"][0]["interviewers"] == [
        {
            "name": "Dana Lee",
            "email": "dana@example.com",
            "role": "recruiter",
            "phone": "+1 555 010 0199",
            "topic": "SQL",
        }
    ]
    assert situation_from_dict(written) == parsed


def test_a_thousand_rounds_of_a_thousand_interviewers_is_refused_naming_the_limit():
    # The runaway input: refused on its size alone, whatever the rounds hold.
    person = {"name": "Dana Lee", "email": "dana@example.com"}
    huge = {"today": "2026-11-25", "rounds": [{"date": "x", "interviewers": [person] * 1000}]}
    huge["rounds"] *= 1000
    assert problems(huge) == [
        Problem("interview", "The planner takes at most 20 interview rounds; this has 1000.")
    ]


def test_interviewers_over_the_limit_are_refused_before_they_are_read():
    data = situation("2026-11-02", "2026-11-16", people=[None] * 21)
    assert problems(data) == [
        Problem(
            "interviewer",
            "The planner takes at most 20 interviewers in one round; round 2 has 21.",
            round=1,
        )
    ]


def test_references_over_the_limit_are_refused_before_they_are_read():
    assert problems(situation(references=["not a person"] * 11)) == [
        Problem("reference_name", "The planner takes at most 10 references; this has 11.")
    ]


def test_every_limit_is_reached_without_a_problem():
    data = situation(*["2026-11-16"] * 20, people=[dana()] * 20, references=[dana()] * 10)
    parsed = situation_from_dict(data)
    assert (len(parsed.rounds), len(parsed.rounds[-1].interviewers)) == (20, 20)


def test_a_situation_built_in_python_is_held_to_the_same_limits():
    parsed = situation_from_dict(situation())
    many = replace(parsed, rounds=parsed.rounds * 21)
    assert check_situation(many) == [
        Problem("interview", "The planner takes at most 20 interview rounds; this has 21.")
    ]


@pytest.mark.parametrize("field", ["country", "channel"])
@pytest.mark.parametrize("blank", [" ", "\t"])
def test_a_blank_country_or_channel_is_called_blank(field, blank):
    problem = first(situation(**{field: blank}))
    assert problem.field == field
    assert problem.message.startswith(f"The {field} is blank: ")
    assert problem.message.endswith(", or leave it out.")


@pytest.mark.parametrize("country", ["ß", "ﬀ", "ǆ"])
def test_a_country_is_never_made_of_non_ascii_letters(country):
    # "ß".upper() is "SS" (South Sudan): the code must be letters A to Z before uppercasing.
    problem = first(situation(country=country))
    assert problem.field == "country" and repr(country) in problem.message


def test_three_letter_country_codes_still_work():
    assert situation_from_dict(situation(country="usa")).country == "USA"


def test_an_interviewer_who_is_not_an_object_keeps_the_others_in_their_place():
    found = problems(situation(people=[None, {"name": "Dana\x07Lee"}]))
    assert [(p.field, p.person) for p in found] == [("interviewer", 0), ("interviewer", 1)]
    assert "(interviewer 2 of round 1)" in found[1].message


def test_messages_count_rounds_as_the_input_does():
    data = {
        "today": "2026-11-25",
        "rounds": [{"date": "bad"}, {"date": "2026-11-16", "interviewers": [{"email": "nope"}]}],
    }
    assert "interviewer 1 in round 2" in problems(data)[1].message


def test_a_lone_surrogate_is_not_called_a_line_break():
    message = first(situation(company="Acme\udcff")).message
    assert "line break" not in message and "not valid text" in message


def address(length: int) -> str:
    """A well-formed email address of exactly `length` characters (labels of at most 63)."""
    local, rest = "a" * 64, length - 65
    labels = []
    while rest > 0:
        label = min(63, rest - 1) if rest > 64 else rest
        labels.append("b" * label)
        rest -= label + 1
    return f"{local}@{'.'.join(labels)}"


def test_an_address_has_the_email_limit_not_the_text_limit():
    """One limit per field: an address may be longer than a name (RFC 5321's 254)."""
    from followup_engine.limits import MAX_EMAIL_LENGTH, MAX_TEXT_LENGTH

    longest = address(MAX_EMAIL_LENGTH)
    assert len(longest) == MAX_EMAIL_LENGTH > MAX_TEXT_LENGTH
    person = {"name": "Dana Lee", "email": longest}
    rounds = [{"date": "2026-11-16", "interviewers": [person]}]
    assert situation_from_dict({"today": "2026-11-20", "rounds": rounds}).rounds

    person["email"] = address(MAX_EMAIL_LENGTH + 1)
    found = problems({"today": "2026-11-20", "rounds": rounds})
    assert {problem.field for problem in found} == {"interviewer_email"}
    assert any(f"under {MAX_EMAIL_LENGTH} characters" in problem.message for problem in found)
