"""Build the site next to the served folder, then swap it in: `make build`.

`mkdocs build` empties its output folder first, so building straight into site/ leaves a
running `make serve` (or any server pointed at site/) without a planner for most of the
build. Here the new build goes into site.new/; only once it is complete does it take the
place of site/, with two renames in the same folder, and the old copy is deleted after.

    python tools/build_site.py [--site-dir site]

Extra environment (SITE_URL, SOURCE_DATE_EPOCH) reaches mkdocs unchanged.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def mkdocs_build(destination: Path, *, quiet: bool = False) -> None:
    """`mkdocs build --strict` of the repo into `destination`; raises if it fails."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)]
    if quiet:
        command.append("-q")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    subprocess.run(
        [*command, "-f", str(REPO / "mkdocs.yml")], cwd=REPO, env=environment, check=True
    )


def swap_in(new: Path, target: Path) -> None:
    """Put the complete build `new` where `target` is, leaving no moment without a site
    longer than between two renames."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build(target: Path) -> None:
    new = target.with_name(target.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    mkdocs_build(new)
    swap_in(new, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    args = parser.parse_args()
    try:
        build(args.site_dir.resolve())
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
