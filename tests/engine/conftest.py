"""Shared helpers and Hypothesis profiles for the engine tests.

These tests also run under Pyodide: no subprocess, no network, no files outside tmp_path,
and never the system date (every situation names its own "today").
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Not test modules: keep --doctest-modules from importing them under a clashing name.
collect_ignore = ["conftest.py", "engine_support.py"]
