"""Build the site and pack it as a release archive: `make dist`.

For people who want to host the planner without Python: unpack the archive and point any web
server at the folder. The archive is reproducible, so anyone can rebuild a release from its
commit and compare hashes: the site is built with SOURCE_DATE_EPOCH set to the commit's time,
and the archive lists files in a fixed order with fixed times, owners and modes, inside a
gzip stream without a time or a file name.

    python tools/make_dist.py [--out dist] [--site FOLDER]

writes dist/follow-up-planner-site-<version>.tar.gz and its .sha256 (sha256sum's format).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import subprocess
import tarfile
import tempfile
import tomllib
from pathlib import Path

from build_site import mkdocs_build

REPO = Path(__file__).resolve().parent.parent
NAME = "follow-up-planner-site"


def project_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the checked-out commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True, check=False
    )
    return int(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else 0


def uncommitted_changes() -> bool:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and bool(done.stdout.strip())


def _entry(name: str, *, folder: bool, size: int, epoch: int) -> tarfile.TarInfo:
    """A member with nothing of the machine that made it: no owner, one time, plain modes."""
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE if folder else tarfile.REGTYPE
    info.mode = 0o755 if folder else 0o644
    info.size = 0 if folder else size
    info.mtime = epoch
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def archive_bytes(site: Path, top: str, epoch: int) -> bytes:
    """The folder as a .tar.gz under `top/`, byte-identical for identical folders."""
    paths = sorted(site.rglob("*"), key=lambda path: path.relative_to(site).as_posix())
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(_entry(top, folder=True, size=0, epoch=epoch))
        for path in paths:
            name = f"{top}/{path.relative_to(site).as_posix()}"
            if path.is_dir():
                tar.addfile(_entry(name, folder=True, size=0, epoch=epoch))
            else:
                data = path.read_bytes()
                tar.addfile(
                    _entry(name, folder=False, size=len(data), epoch=epoch), io.BytesIO(data)
                )
    gz_buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz_buffer, compresslevel=9, mtime=0) as gz:
        gz.write(tar_buffer.getvalue())
    return gz_buffer.getvalue()


def write_release(site: Path, out: Path, version: str, epoch: int) -> Path:
    """Write the archive and its checksum file into `out`; return the archive's path."""
    top = f"{NAME}-{version}"
    data = archive_bytes(site, top, epoch)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{top}.tar.gz"
    archive.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    archive.with_name(archive.name + ".sha256").write_text(f"{digest}  {archive.name}\n")
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="folder for the archive")
    parser.add_argument("--site", type=Path, help="pack this built folder instead of building")
    args = parser.parse_args()
    epoch = source_date_epoch()
    if args.site is None and uncommitted_changes():
        print("Note: the working tree has uncommitted changes; this archive is not a commit's.")
    with tempfile.TemporaryDirectory(prefix="followup-dist-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            mkdocs_build(site, quiet=True)
        archive = write_release(site, args.out, project_version(), epoch)
    checksum = archive.with_name(archive.name + ".sha256").read_text().split()[0]
    print(f"{archive}\nsha256 {checksum}")


if __name__ == "__main__":
    main()
