"""The garbage collector during the start (`madara_tui.collector`): off from `cli.main` until
the reader's first headlines are drawn, then back on with the start's objects frozen; back on
whatever way a command ends."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from madara_tui import collector
from madara_tui.cli import main

# The reader as `cli.main` starts it (collector paused before the imports), headless; at its
# first headlines it prints whether the collector ran just before and just after the app's
# first-screen hook, and whether the start's objects were frozen.
CHILD = """
import gc, sys, asyncio
from pathlib import Path
from madara_tui import collector
collector.pause()
from madara_tui.commands.reader import make_app
from madara_tui.config import Overrides
from madara_tui.runtime import open_runtime
from madara_tui.ui.app import MadaraApp

first_screen_drawn = MadaraApp.first_screen_drawn

def drawn(app):
    before = gc.isenabled()
    first_screen_drawn(app)
    print(before, gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
    app.exit()

MadaraApp.first_screen_drawn = drawn

async def main():
    overrides = Overrides(offline=True, data_dir=Path(sys.argv[1]), config_file=Path(sys.argv[2]))
    async with open_runtime(overrides) as runtime:
        app = make_app(runtime, env={"TERM": "xterm-256color"}, refresh_on_start=False)
        await app.run_async(headless=True, size=(120, 40))

asyncio.run(main())
"""


def test_the_collector_is_off_until_the_first_headlines_then_on_with_the_start_frozen(
        tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data"), str(config)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


def test_the_reader_turns_the_collector_back_on_when_it_cannot_start(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Under pytest there is no terminal: the reader refuses to start (exit status 2).
    assert main(["--offline", "--lang", "en", "--data-dir", str(tmp_path)]) == 2
    assert gc.isenabled()
    assert "terminal" in capsys.readouterr().err.lower()


def test_a_command_line_error_leaves_the_collector_on(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--no-such-option"])
    assert gc.isenabled()
    capsys.readouterr()


def test_resume_leaves_a_collector_someone_else_turned_off() -> None:
    gc.disable()
    try:
        collector.pause()
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
