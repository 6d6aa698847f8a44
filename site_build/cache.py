"""Skip work whose inputs have not changed, and leave files alone whose content has not.

`mkdocs serve` rebuilds the site on every edit, and the slow steps (wheels, the lock file, the
byte-compiled standard library) would make that take minutes. Each slow step fingerprints its
inputs and keeps a stamp beside what it made; a fresh stamp returns the files it lists. Every
step writes its output files through `write_if_changed`, so a rebuild touches nothing that is
the same, and the dev server's file watcher does not loop.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fingerprint(paths: Iterable[Path], *extra: str) -> str:
    """sha256 over file names and contents (folders walked, caches skipped) plus extra text.

    >>> fingerprint([], "a") == fingerprint([], "a") != fingerprint([], "b")
    True
    """
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode() + b"\0")
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file() or "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            name = file.relative_to(ROOT) if file.is_relative_to(ROOT) else file
            digest.update(str(name).encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Stamp:
    """What the files beside it were made from: the inputs' fingerprint, and their names."""

    inputs: str
    outputs: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> Stamp | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(inputs=data["inputs"], outputs=tuple(data["outputs"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        text = json.dumps({"inputs": self.inputs, "outputs": list(self.outputs)}, indent=1)
        path.write_text(text + "\n", encoding="utf-8")

    def is_fresh(self, inputs: str, folder: Path) -> bool:
        return self.inputs == inputs and all((folder / name).is_file() for name in self.outputs)


def cached(
    stamp_path: Path,
    inputs: str,
    make: Callable[[], list[Path]],
    clear: Callable[[], None] = lambda: None,
) -> list[Path]:
    """The files a fresh stamp at `stamp_path` lists; otherwise clear() what is stale, make()
    the files again (they must lie in the stamp's folder) and stamp them with `inputs`.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> def make():
    ...     print("made")
    ...     (folder / "out.txt").write_text("x")
    ...     return [folder / "out.txt"]
    >>> [path.name for path in cached(folder / "out.stamp", "v1", make)]
    made
    ['out.txt']
    >>> [path.name for path in cached(folder / "out.stamp", "v1", make)]
    ['out.txt']
    """
    folder = stamp_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = Stamp.read(stamp_path)
    if stamp and stamp.is_fresh(inputs, folder):
        return [folder / name for name in stamp.outputs]
    stamp_path.unlink(missing_ok=True)
    clear()
    made = make()
    Stamp(inputs, tuple(sorted(path.relative_to(folder).as_posix() for path in made))).write(
        stamp_path
    )
    return made


def write_if_changed(path: Path, content: bytes | str) -> bool:
    """Write `content` (text as UTF-8) unless the file already holds it; True if written.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a" / "b.txt"
    >>> write_if_changed(path, "hi"), write_if_changed(path, b"hi")
    (True, False)
    """
    data = content.encode() if isinstance(content, str) else content
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
