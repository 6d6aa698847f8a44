"""Put deploy/apache/.htaccess into the built site, pointed at its own address.

On shared hosting the site folder is the whole set-up, so Apache's settings travel inside it.
The only line that depends on where the site lives is ErrorDocument, which Apache wants as a
path from the host's root: a site built for https://example.org/careers/followup/ answers
unknown addresses with /careers/followup/404.html.

It runs after every other step, so that neither the service worker's file list nor the
compressed twins include it: Apache never serves it to a browser.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .cache import write_if_changed

SOURCE = Path(__file__).resolve().parent.parent / "deploy" / "apache" / ".htaccess"


def for_base(text: str, base_path: str) -> str:
    """The settings with the error page found under `base_path` (the site's URL path).

    >>> for_base("ErrorDocument 404 /404.html\\n", "/careers/followup/")
    'ErrorDocument 404 /careers/followup/404.html\\n'
    """
    page = base_path.rstrip("/") + "/404.html"
    text, count = re.subn(r"(?m)^ErrorDocument 404 \S+$", f"ErrorDocument 404 {page}", text)
    if count != 1:
        raise ValueError("deploy/apache/.htaccess must have one ErrorDocument 404 line")
    return text


def write_htaccess(site_dir: Path, site_url: str | None) -> None:
    """site_dir/.htaccess for a site that lives at `site_url` (None: the root of any host)."""
    base_path = urlsplit(site_url or "/").path or "/"
    write_if_changed(
        site_dir / ".htaccess", for_base(SOURCE.read_text(encoding="utf-8"), base_path)
    )
