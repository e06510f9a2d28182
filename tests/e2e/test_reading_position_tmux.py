"""SIGTERM and SIGHUP end the real reader politely: the article's reading position is saved
and the next start reopens it at the same row (tmux at 60×20, the demo site on loopback)."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from test_reader_tmux import Terminal, shown, terminal  # noqa: F401  (the fixture)

from madara_tui.demo import DemoSite
from madara_tui.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def article_rows(screen: str) -> list[str]:
    """The article's rows: everything between the top bar and the key bar."""
    return screen.splitlines()[1:-1]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_position_and_the_next_start_restores_it(
        terminal: Terminal, tmp_path: Path, sig: signal.Signals) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    data = tmp_path / "data"
    with DemoSite(flood_interval=0) as site:
        program = Path(sys.executable).with_name("madara-tui")
        argv = [str(program), "--site", site.url, "--data-dir", str(data), "--config",
                str(config), "--bidi", "app"]
        terminal.start(argv)
        # Small, so the article is longer than the screen.
        terminal.tmux("resize-window", "-t", "reader", "-x", "60", "-y", "20")
        terminal.wait_for(lambda text: "●" in text, seconds=40)
        with Store(data) as store:
            first = store.headlines(limit=1)[0]
        terminal.keys("Enter")
        code = shown("کد خبر")
        terminal.wait_for(lambda text: "●" not in text and code in text)
        time.sleep(1.0)  # the page completes the article (news code, related news)
        for _ in range(9):
            terminal.keys("j")
        time.sleep(0.5)
        before = article_rows(terminal.screen())
        pid = int(terminal.tmux("display-message", "-p", "-t", "reader", "#{pane_pid}"))
        os.kill(pid, sig)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the reader did not end on the signal")
        with Store(data) as store:
            assert store.reading_position(first.source, first.id) != (0, 0)

        # The session ended with the program; the server went with it.
        terminal.start(argv)
        terminal.tmux("resize-window", "-t", "reader", "-x", "60", "-y", "20")
        terminal.wait_for(lambda text: "●" in text, seconds=40)
        terminal.keys("Enter")
        after = article_rows(terminal.wait_for(
            lambda text: article_rows(text) == before, seconds=15))
        assert after == before
