"""The reader's terminal goes away without a SIGHUP (no controlling terminal: `setsid`, job
runners): the reader must end, not spin on a hung-up input for as long as it lives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pty_program import PtyProgram

from madara_tui.demo import DemoSite

pytestmark = pytest.mark.slow


def test_the_reader_ends_when_its_terminal_hangs_up(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "MADARA_TUI_BIDI")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    with DemoSite(flood_interval=0) as site:
        # PtyProgram starts a new session without making the pty its controlling terminal, so
        # closing the other end sends no signal: only the hang-up itself tells.
        program = PtyProgram([sys.executable, "-m", "madara_tui", "--site", site.url,
                              "--data-dir", str(tmp_path / "data"), "--config", str(config)],
                             env, cols=100, rows=30)
        try:
            # A headline row's Jalali date: the first screen is up.
            assert program.wait_for("۱۴۰۵/", 90), program.text()[-2000:]
            program.settle()
            assert program.process.poll() is None
            os.close(program.master)  # the terminal window closes
            try:
                status = program.process.wait(30)
            except subprocess.TimeoutExpired:
                pytest.fail("the reader kept running on a hung-up terminal")
        finally:
            if program.process.poll() is None:
                program.process.kill()
                program.process.wait(10)
    assert status == 0
