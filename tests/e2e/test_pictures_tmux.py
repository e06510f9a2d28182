"""Pictures in a real terminal multiplexer: the reader in tmux (120×40) draws an article's picture
as coloured half blocks (`images = "auto"` inside tmux), from the picture cache, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from madara_tui.demo import DemoSite

pytestmark = pytest.mark.e2e

STREET_THEATRE = "331217"
UPPER_HALF = "▀"


@pytest.fixture
def socket() -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (make test installs it: scripts/system-deps.sh)")
    name = f"madara-pictures-{os.getpid()}"
    try:
        yield name
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True, check=False)


def test_a_picture_in_tmux_is_drawn_in_coloured_half_blocks(socket: str, tmp_path: Path) -> None:
    program = str(Path(sys.executable).with_name("madara-tui"))
    data = str(tmp_path / "data")
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "MADARA_TUI_BIDI")}
    env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    with DemoSite(flood_interval=0) as site:
        # `read --json` caches the article and, for its size, its picture.
        subprocess.run([program, "--site", site.url, "--data-dir", data, "--config", str(config),
                        "read", STREET_THEATRE, "--json"], check=True, capture_output=True,
                       env=env, timeout=120)
        site_url = site.url

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True,
                              check=True, env=env).stdout

    tmux("new-session", "-d", "-s", "reader", "-x", "120", "-y", "40", program, "--offline",
         "--site", site_url, "--data-dir", data, "--config", str(config), "--bidi", "app")

    def wait_for(check: str, seconds: float = 30.0) -> str:
        deadline = time.monotonic() + seconds
        screen = ""
        while time.monotonic() < deadline:
            screen = tmux("capture-pane", "-p", "-e", "-t", "reader")
            if check in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError("never shown:\n" + screen)

    wait_for("۱۴۰۵/۰۸/۱۶")  # the one cached headline (read already: no unread mark)
    tmux("send-keys", "-t", "reader", "Enter")
    screen = wait_for(UPPER_HALF * 20)
    rows = [line for line in screen.splitlines() if UPPER_HALF in line]
    assert len(rows) >= 10, screen
    # Coloured: each row of the picture sets foreground and background colours (256 colours
    # under TERM=xterm-256color: 38;5;n / 48;5;n).
    assert all("38;5;" in row and "48;5;" in row for row in rows), rows[0]
    assert len({row for row in rows}) > 3, "the rows differ: a picture, not a fill"
