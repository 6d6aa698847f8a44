"""Compile the message templates ahead of time into Python modules, their "twins".

Parsing and compiling a Jinja2 template costs more than a whole plan, and in the browser it
sat on the path to the first plan. Each `templates/<name>.txt` therefore ships with
`templates/<name>.py`: exactly the module Jinja's own compiler writes for it (as
`Environment.compile_templates` would), which the build byte-compiles like any module.
The engine test `test_compiled_templates_are_current` fails when a twin is stale.

    python -m followup_engine.template_code    # rewrite every twin from its template
"""

from __future__ import annotations

from pathlib import Path

from .messages import TEMPLATE_NAMES, template_environment

__all__ = ["compiled_template", "stale_twins", "twin_path", "write_twins"]

FOLDER = Path(__file__).parent / "templates"
HEADER = "# Generated from {name} by `python -m followup_engine.template_code`: do not edit.\n"
# The generated code is Jinja's, not ours: no lint, no reformatting.
PRAGMAS = "# ruff: noqa\n# fmt: off\n"


def compiled_template(name: str) -> str:
    """The twin's text for template `name`: a header, then Jinja's module source.

    `defer_init` lets the module be imported before an environment is bound to it.
    """
    source = (FOLDER / name).read_text(encoding="utf-8")
    code = template_environment().compile(source, name, None, raw=True, defer_init=True)
    return HEADER.format(name=name) + PRAGMAS + code.rstrip("\n") + "\n"


def twin_path(name: str) -> Path:
    """Where the compiled twin of template `name` lives."""
    return FOLDER / f"{Path(name).stem}.py"


def stale_twins() -> list[str]:
    """The templates whose twin is missing or differs from a fresh compile."""
    return [
        name
        for name in sorted(set(TEMPLATE_NAMES.values()))
        if not twin_path(name).is_file()
        or twin_path(name).read_text(encoding="utf-8") != compiled_template(name)
    ]


def write_twins() -> list[str]:
    """Rewrite the stale twins; returns their template names."""
    stale = stale_twins()
    for name in stale:
        twin_path(name).write_text(compiled_template(name), encoding="utf-8")
    return stale


if __name__ == "__main__":
    print("\n".join(f"compiled {name}" for name in write_twins()) or "all twins are current")
