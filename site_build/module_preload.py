"""Announce a page's whole module graph in its <head>, so the browser fetches it at once.

A module script's imports are only found once the module itself has arrived, so the
planner's modules came in three rounds (planner.js, what it imports, what those import)
before its worker, and with it Pyodide's download, could start. One
`<link rel="modulepreload">` per module, ahead of the style sheets, turns that into one round:
on a real network that is two round trips less before the worker starts.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

_MODULE_SCRIPT = re.compile(r'<script\b[^>]*\btype="module"[^>]*\bsrc="(?P<src>[^"]+)"[^>]*>')
# Static imports and re-exports of this site's own modules: `import x from "./y.js"`,
# `import "./y.js"`, `export { x } from "../y.js"`. Dynamic import() is left to load late.
_STATIC_IMPORT = re.compile(
    r"""^\s*(?:import(?!\s*\()|export)\b[^'";]*?["'](?P<path>\.{1,2}/[^"']+)["']""", re.M
)
_FIRST_STYLESHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"')


def imported_modules(code: str) -> list[str]:
    """The relative paths that `code` imports statically, in order of appearance.

    >>> imported_modules('import { a } from "./a.js";\\nimport "../b.js";\\nconst c = "./c.js";')
    ['./a.js', '../b.js']
    >>> imported_modules('import {\\n  x,\\n  y,\\n} from "./multi.js";')
    ['./multi.js']
    >>> imported_modules('import("./later.js");\\nexport { x } from "./again.js";')
    ['./again.js']
    """
    return [match["path"] for match in _STATIC_IMPORT.finditer(code)]


def module_graph(entry: str, read: Callable[[str], str]) -> list[str]:
    """`entry` and every module it imports, directly or not, each once, nearest first.

    Paths are URL paths relative to the page (as in `src`); `read(path)` returns a module's
    code.

    >>> code = {"m/a.js": 'import "./b.js";', "m/b.js": 'import "../c.js"; import "./a.js";',
    ...         "c.js": ""}
    >>> module_graph("m/a.js", code.__getitem__)
    ['m/a.js', 'm/b.js', 'c.js']
    """
    graph, queue = [entry], [entry]
    while queue:
        module = queue.pop(0)
        for path in imported_modules(read(module)):
            found = posixpath.normpath(posixpath.join(posixpath.dirname(module), path))
            if found not in graph:
                graph.append(found)
                queue.append(found)
    return graph


def announce_modules(html: str, read: Callable[[str], str]) -> str:
    """`html` with a modulepreload link for every module its module scripts load.

    Only this site's own modules, named by a relative path, can be read at build time; a
    script from elsewhere is left alone.

    >>> announce_modules('<head></head><script type="module" src="/x.js"></script>', None)
    '<head></head><script type="module" src="/x.js"></script>'
    """
    modules: list[str] = []
    for match in _MODULE_SCRIPT.finditer(html):
        if match["src"].startswith("/") or "://" in match["src"]:
            continue
        for module in module_graph(match["src"], read):
            if module not in modules:
                modules.append(module)
    if not modules:
        return html
    links = "".join(f'<link rel="modulepreload" href="{module}">' for module in modules)
    first = _FIRST_STYLESHEET.search(html)
    at = first.start() if first else html.index("</head>")
    return html[:at] + links + html[at:]


def announce_page_modules(html: str, *, page_url: str, site_dir: Path, source: str) -> str:
    """`announce_modules` for a page of the built site at `page_url`, reading the modules
    from `site_dir`: static files are copied there before pages are written, generated modules
    (site_build.engine_limits) included. `source` names the page in errors."""
    page_folder = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url

    def read(path: str) -> str:
        site_path = posixpath.normpath(posixpath.join(page_folder, path))
        if site_path.startswith(".."):
            raise ValueError(f"module preload: {path} is outside the site")
        file = site_dir / site_path
        if not file.is_file():
            raise ValueError(f"module preload: {source} loads {path}: no {file}")
        return file.read_text(encoding="utf-8")

    return announce_modules(html, read)
