"""Typing Persian in a real terminal: tmux `send-keys -l` delivers the characters (the half-space
U+200C among them) as a keyboard with the Persian layout would, the reader's keys are pressed
with the Persian layout too, and a comment written offline keeps every half-space all the way
to `outbox --json`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reader_tmux import Terminal, shown

from madara_tui.demo import DemoSite
from madara_tui.messages import tr

pytestmark = pytest.mark.e2e

ZWNJ = "\u200c"
NAME = "مهدی رضایی\u200cنژاد"
COMMENT = "کتاب\u200cها را می\u200cخوانم و نمی\u200cدانم ایستگاه\u200cهای شرقی کی باز می\u200cشوند"
EMAIL = "mehdi@example.com"


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (make test installs it: scripts/system-deps.sh)")
    term = Terminal(f"madara-typing-{os.getpid()}")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True,
                       check=False)


def program(data: Path, config: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("madara-tui")), "--data-dir", str(data),
            "--config", str(config), *args]


def test_an_offline_comment_typed_in_tmux_keeps_its_half_spaces(terminal: Terminal,
                                                                 tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    data = tmp_path / "data"
    with DemoSite(flood_interval=0) as site:
        fetched = subprocess.run(program(data, config, "--site", site.url, "fetch"),
                                 capture_output=True, text=True, env=terminal.env, check=False)
        assert fetched.returncode == 0, fetched.stderr
    # The site is gone: the reader starts offline from the cache.
    terminal.start(program(data, config, "--offline", "--bidi", "app"))
    terminal.wait_for(lambda text: "●" in text)
    terminal.keys("Enter")
    terminal.wait_for(lambda text: shown("کد خبر") in text)
    # With the Persian layout on: ز is where c is (comments), ص where w is (write).
    terminal.keys("ز", literal=True)
    terminal.wait_for(lambda text: shown(tr("comments.title", "fa")) in text)
    terminal.keys("ص", literal=True)
    terminal.wait_for(lambda text: shown(tr("form.title", "fa")) in text)
    # The cursor starts in the name, the first required field: no need to wait for the draft.
    terminal.keys(NAME, literal=True)
    screen = terminal.wait_for(lambda text: shown(NAME) in text)
    lines = screen.splitlines()
    name_row = next(i for i, line in enumerate(lines) if shown(NAME) in line)
    email_label = next(i for i, line in enumerate(lines)
                       if line.strip().endswith(shown(tr("form.email", "fa"))))
    assert name_row < email_label, screen  # typed into the name field
    # The field draws the engine's line, right-aligned: the name ends at the field's right.
    assert lines[name_row].rstrip(" ▎").endswith(shown(NAME)), screen
    terminal.keys("Tab")
    time.sleep(0.3)
    terminal.keys(EMAIL, literal=True)
    terminal.wait_for(lambda text: EMAIL in text)
    terminal.keys("Tab")
    time.sleep(0.3)
    terminal.keys("Tab")
    time.sleep(0.3)
    terminal.keys(COMMENT, literal=True)
    terminal.wait_for(lambda text: shown(COMMENT) in text)
    terminal.keys("C-s")
    queued = shown(tr("outcome.queued", "fa"))
    terminal.wait_for(lambda text: queued[-12:] in text)
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and subprocess.run(
            ["tmux", "-L", terminal.socket, "has-session", "-t", "reader"],
            capture_output=True, check=False).returncode == 0:
        time.sleep(0.2)  # the reader quits, the session (and the store's lock) with it

    listed = subprocess.run(program(data, config, "--offline", "outbox", "--json"),
                            capture_output=True, text=True, env=terminal.env, check=False)
    assert listed.returncode == 0, listed.stderr
    (item,) = json.loads(listed.stdout)["outbox"]
    assert item["state"] == "queued"
    assert item["text"] == COMMENT and item["text"].count(ZWNJ) == 5
    assert item["author"] == NAME and ZWNJ in item["author"]
