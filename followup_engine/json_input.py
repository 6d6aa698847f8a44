"""JSON text in, a Python value out, for every caller that reads JSON from outside.

The standard decoder recurses once per nesting level. A deep enough input makes CPython
raise RecursionError, and makes Pyodide overflow the JavaScript stack, which kills the
page's interpreter with nothing to catch. So the depth is measured first, by regular
expressions and a running sum (no recursion at all), and a file deeper than any planner
file is refused with a `ValueError` like any other text that is not a situation.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from .limits import MAX_NESTING

__all__ = ["NestedTooDeeply", "load_json"]

# A JSON string, escapes included: brackets inside one do not nest anything.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_LEVEL = {"[": 1, "{": 1, "]": -1, "}": -1}


class NestedTooDeeply(ValueError):
    """The JSON nests brackets deeper than `MAX_NESTING`."""


def load_json(text: str) -> Any:
    """`json.loads(text)`, refusing input nested deeper than `MAX_NESTING` before decoding.

    >>> load_json('{"rounds": [{"date": "2026-11-16"}]}')
    {'rounds': [{'date': '2026-11-16'}]}
    >>> load_json("[" * 33 + "]" * 33)
    Traceback (most recent call last):
    ...
    followup_engine.json_input.NestedTooDeeply: JSON nested more than 32 levels deep
    """
    if nesting_depth(text) > MAX_NESTING:
        raise NestedTooDeeply(f"JSON nested more than {MAX_NESTING} levels deep")
    return json.loads(text)


def nesting_depth(text: str) -> int:
    """How deep the brackets of `text` nest, strings left out (an unclosed bracket counts).

    >>> nesting_depth('{"a": [1, {"b": "[[["}]}'), nesting_depth("[[["), nesting_depth("3")
    (3, 3, 0)
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_LEVEL.__getitem__, brackets), initial=0))
