"""Two programs refreshing and two reading the same data directory at once: no "database is
locked" reaches the user, every command succeeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_env import child_env

from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content

# Each child runs several commands in a row, in one interpreter, and reports every exit status.
CHILD = """
import contextlib, io, sys
from madara_tui.cli import main
globals_, commands = sys.argv[1:3], [c.split("|") for c in sys.argv[3:]]
statuses = []
for _ in range(4):
    for command in commands:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            statuses.append(main(globals_ + command))
print(" ".join(map(str, statuses)))
"""


@pytest.mark.slow
def test_two_refreshing_two_reading_at_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with DemoSite(generate_content(400, seed=3), flood_interval=0.0) as site:
        globals_ = f"--site={site.url}"
        jobs = [
            ["fetch"],
            ["fetch"],
            ["list|--limit|200|--json", "search|شهر|--json", "outbox"],
            ["list|--unread", "search|اصفهان", "sources|export"],
        ]
        children = [
            subprocess.Popen(
                [sys.executable, "-c", CHILD, globals_, f"--data-dir={data_dir}", *job],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                env=child_env(tmp_path),
            )
            for job in jobs
        ]
        results = [child.communicate(timeout=240) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err, err
        statuses = out.split()
        assert statuses and set(statuses) == {"0"}, (out, err)
