"""Start Material's script late on pages whose front matter says `theme_script: later`.

On the planner page, Material's bundle costs about 0.2 s of main-thread work and starts a
worker that builds the search index, all while Pyodide is starting on a machine with few
cores. This step swaps the bundle's <script> for the small loader
`assets/planner/theme.js`, which runs the bundle once the planner has shown its first plan,
or at once when the visitor reaches for the header (search, colour toggle).
"""

from __future__ import annotations

import re

LOADER = "assets/planner/theme.js"

_BUNDLE = re.compile(
    r'<script src="(?P<url>(?P<root>[^"]*?)assets/javascripts/bundle\.[0-9a-f]+\.min\.js)">'
    r"\s*</script>"
)


def defer_theme_script(html: str) -> str:
    """Replace the page's one Material bundle <script> by the loader, told the bundle's URL.

    >>> page = defer_theme_script('<script src="../assets/javascripts/bundle.ab.min.js"></script>')
    >>> for part in page.split(" "): print(part)
    <script
    src="../assets/planner/theme.js"
    data-bundle="../assets/javascripts/bundle.ab.min.js"></script>
    """
    found = list(_BUNDLE.finditer(html))
    if len(found) != 1:
        raise ValueError(f"theme_script hook: expected one Material bundle, found {len(found)}")
    match = found[0]
    tag = f'<script src="{match["root"]}{LOADER}" data-bundle="{match["url"]}"></script>'
    return html[: match.start()] + tag + html[match.end() :]
