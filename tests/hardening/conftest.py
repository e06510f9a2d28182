"""The hardening tests reuse the reader's test helpers (`tests/ui/reader_harness.py`)."""

from __future__ import annotations

import sys
from pathlib import Path

_UI_TESTS = str(Path(__file__).parents[1] / "ui")
if _UI_TESTS not in sys.path:
    sys.path.append(_UI_TESTS)
