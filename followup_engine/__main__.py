"""`python -m followup_engine plan ...` runs the same command line as `followup`."""

import sys

from .cli import main

sys.exit(main())
