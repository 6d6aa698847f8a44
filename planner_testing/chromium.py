"""How this project starts Chromium for its browser tests and its benchmark.

Debian's Chromium, not a Playwright download (that cannot be fetched here). Without the
background-networking flags Chromium tries Google's hosts at start-up, which the closed
network refuses and which would count as requests to another origin.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
