"""Compile the message templates ahead of time with Jinja's own `compile_templates`.

Parsing and compiling a Jinja2 template costs more than a whole plan, and in the browser it
sat on the path to the first plan. Each `templates/<name>.txt` therefore ships with the
module `Environment.compile_templates` writes for it, `templates/tmpl_<sha1 of name>.py`,
which `jinja2.ModuleLoader` imports (see messages.template_environment) and the build
byte-compiles like any module. The engine test `test_compiled_templates_are_current` fails
when a compiled module is stale, missing or left over from a template that is gone.

    python -m followup_engine.template_code    # rewrite every compiled module
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2

from .messages import ENVIRONMENT_OPTIONS, TEMPLATE_FOLDER

__all__ = ["compiled_modules", "stale_modules", "write_modules"]

FOLDER = Path(TEMPLATE_FOLDER)
# Jinja's generated code is not ours: no lint, no reformatting.
HEADER = "# Generated from {name} by `python -m followup_engine.template_code`: do not edit.\n"
PRAGMAS = "# ruff: noqa\n# fmt: off\n"
PATTERN = "tmpl_*.py"


def compiled_modules(folder: Path = FOLDER) -> dict[str, str]:
    """Each compiled module's file name and text, freshly compiled from the templates.

    The text is exactly what `compile_templates(..., zip=None)` writes, after a header
    naming its template (the file name alone, a hash, would not say) and with a final line
    end, which the formatter insists on.
    """
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **ENVIRONMENT_OPTIONS)
    names = environment.list_templates(extensions=["txt"])
    with tempfile.TemporaryDirectory() as target:
        environment.compile_templates(target, zip=None, ignore_errors=False)
        modules = {}
        for name in names:
            file_name = jinja2.ModuleLoader.get_module_filename(name)
            code = (Path(target) / file_name).read_text(encoding="utf-8")
            modules[file_name] = HEADER.format(name=name) + PRAGMAS + code.rstrip("\n") + "\n"
    return modules


def stale_modules(folder: Path = FOLDER) -> list[str]:
    """The compiled modules that are missing, differ from a fresh compile, or are left over."""
    fresh = compiled_modules(folder)
    shipped = {path.name for path in folder.glob(PATTERN)}
    return sorted(
        name
        for name in fresh.keys() | shipped
        if name not in shipped
        or name not in fresh
        or (folder / name).read_text(encoding="utf-8") != fresh[name]
    )


def write_modules(folder: Path = FOLDER) -> list[str]:
    """Bring the compiled modules up to date; returns the files written or removed."""
    fresh = compiled_modules(folder)
    stale = stale_modules(folder)
    for name in stale:
        if name in fresh:
            (folder / name).write_text(fresh[name], encoding="utf-8")
        else:
            (folder / name).unlink()
    return stale


if __name__ == "__main__":
    written = write_modules()
    print("\n".join(f"updated {name}" for name in written) or "all compiled modules are current")
