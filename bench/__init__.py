"""The planner's performance benchmark (`make bench`); see bench/README.md."""

import sys
from pathlib import Path

# tools/ is a folder of scripts, not a package: the benchmark serves the site with
# `make serve`'s own server and starts Chromium the way the tests do.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
