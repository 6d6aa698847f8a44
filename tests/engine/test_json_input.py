"""Reading JSON from outside: depth is measured before decoding, so no input can make the
decoder recurse past what CPython or Pyodide can take."""

import json

import pytest

from followup_engine.json_input import NestedTooDeeply, load_json, nesting_depth
from followup_engine.limits import MAX_NESTING


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ('{"company": "[[[{{{"}', 1),
        (r'{"company": "a \"[[[\" b", "rounds": [{}]}', 3),
        (r'["\\", [["\\\"]"]]]', 3),
        ("[" * 10, 10),
        ("]]]", 0),
        ("null", 0),
    ],
)
def test_brackets_in_strings_do_not_nest(text, depth):
    assert nesting_depth(text) == depth


def test_the_limit_itself_is_read():
    text = "[" * MAX_NESTING + "]" * MAX_NESTING
    assert load_json(text) == json.loads(text)


@pytest.mark.parametrize("text", ["[" * (MAX_NESTING + 1), "[" * 100_000 + "]" * 100_000])
def test_deeper_is_refused_before_decoding(text):
    with pytest.raises(NestedTooDeeply, match=f"more than {MAX_NESTING} levels"):
        load_json(text)


def test_an_export_file_is_well_within_the_limit():
    person = {"name": "Dana Lee", "email": "dana@example.com"}
    situation = {"rounds": [{"date": "2026-11-16", "interviewers": [person]}]}
    export = {"applications": [{"id": "acme", "situation": situation}]}
    assert nesting_depth(json.dumps(export)) == 8 < MAX_NESTING
