"""Run one build step on a built site folder, without MkDocs: `python -m site_build STEP ...`.

The page-level steps (csp, module_preload) change each page as it
is written and are not safe to repeat on a finished page, so they are functions only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import engine_limits, htaccess, offline, precompress, reference_schemas, runtime, wheelhouse
from .cache import ROOT, write_if_changed


def _wheels(args: argparse.Namespace) -> None:
    for wheel in wheelhouse.site_wheels():
        print(wheel.relative_to(ROOT))


def _runtime(args: argparse.Namespace) -> None:
    runtime.lay_out_runtime(args.site)


def _offline(args: argparse.Namespace) -> None:
    source = (args.docs / offline.WORKER).read_text(encoding="utf-8")
    print(f"the service worker keeps {offline.write_worker(args.site, source)} files")


def _precompress(args: argparse.Namespace) -> None:
    candidates, twins = precompress.compress_site(args.site)
    counts = ", ".join(f"{count} {suffix}" for suffix, count in twins.items())
    print(f"of {candidates} compressible files, twins: {counts}")


def _htaccess(args: argparse.Namespace) -> None:
    htaccess.write_htaccess(args.site, args.site_url)


def _generated(args: argparse.Namespace) -> None:
    """The files the build adds to the site: the page's limits and the schemas."""
    files = {engine_limits.MODULE: engine_limits.current_limits_module()}
    files |= reference_schemas.schema_files(args.site_url)
    for path, text in files.items():
        write_if_changed(args.site / path, text)
        print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_build", description=__doc__.split("\n")[0]
    )
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("wheels", help="the engine and its dependencies as wheels for Pyodide")
    for name, help_text in (
        (
            "runtime",
            "Pyodide, the wheels, the lock file and the first plan's files in SITE/pyodide",
        ),
        ("offline", "SITE/sw.js with this build's files and version"),
        ("precompress", "the .br and .gz twins of SITE's compressible files"),
        ("htaccess", "SITE/.htaccess for Apache"),
        ("generated", "the page's limits module and the data formats' schemas in SITE"),
    ):
        step = steps.add_parser(name, help=help_text)
        step.add_argument("site", type=Path, help="the built site folder")
        step.add_argument("--site-url", default=None, help="the address the site will live at")
        step.add_argument("--docs", type=Path, default=ROOT / "docs", help="the docs folder")
    args = parser.parse_args(argv)
    run = {
        "wheels": _wheels,
        "runtime": _runtime,
        "offline": _offline,
        "precompress": _precompress,
        "htaccess": _htaccess,
        "generated": _generated,
    }[args.step]
    try:
        run(args)
    except wheelhouse.WheelhouseError as error:
        print(f"site_build {args.step}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
