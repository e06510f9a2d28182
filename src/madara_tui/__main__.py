"""`python -m madara_tui` runs the same entry point as the `madara-tui` script."""

import sys

from madara_tui.cli import main

sys.exit(main())
