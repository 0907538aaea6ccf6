"""Run SSUP Desktop with ``python -m ssup_desktop``."""

import sys

from ssup_desktop.cli import main

sys.exit(main())
