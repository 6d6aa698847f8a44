"""Link the print style sheet (`assets/print.css`) with media="print".

Material links every `extra_css` file alike, as a style sheet the first paint waits for. The
print rules only matter on paper, so with media="print" the browser fetches them last and
paints without them: one request fewer in the first round of every page, and on the planner
that round decides when Pyodide can start.
"""

from __future__ import annotations

import re

_LINK = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]*assets/print\.css)">')


def print_only(html: str) -> str:
    """The page with its one print style sheet link marked media="print".

    >>> print_only('<link rel="stylesheet" href="../assets/print.css">')
    '<link rel="stylesheet" href="../assets/print.css" media="print">'
    """
    found = list(_LINK.finditer(html))
    if len(found) != 1:
        raise ValueError(f"print_styles hook: expected one print.css link, found {len(found)}")
    match = found[0]
    link = f'<link rel="stylesheet" href="{match["href"]}" media="print">'
    return html[: match.start()] + link + html[match.end() :]
