"""The real `madara-tui` in a real terminal (tmux, 120×40) against the demo site on loopback:
the headline list, an article, related news, and a comment that reaches the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from madara_tui.demo import DemoSite
from madara_tui.text import BidiMode, Paragraph, format_jalali, to_persian_digits

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 120, 40
COMMENT = "این دیدگاه از پایانه فرستاده شد"


def shown(text: str, width: int = 200, direction: str = "auto") -> str:
    """How the text engine puts `text` on one screen line (shaped, visual order, no padding)."""
    return Paragraph(text, direction=direction).lines(width, BidiMode.APP)[0].text.strip()


class Terminal:
    """A private tmux server running one program."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                                text=True, check=True, env=self.env)
        return result.stdout

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "MADARA_TUI_BIDI")}
        env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
        return env

    def start(self, argv: list[str]) -> None:
        self.tmux("new-session", "-d", "-s", "reader", "-x", str(WIDTH), "-y", str(HEIGHT),
                  *argv)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "reader", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "reader")

    def wait_for(self, check: Callable[[str], bool], seconds: float = 20.0) -> str:
        deadline = time.monotonic() + seconds
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.2)
        raise AssertionError("the screen never showed what was expected:\n" + text)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (make test installs it: scripts/system-deps.sh)")
    term = Terminal(f"madara-e2e-{os.getpid()}")
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-L", term.socket, "kill-server"], capture_output=True,
                       check=False)


def test_reader_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    with DemoSite(flood_interval=0) as site:
        program = Path(sys.executable).with_name("madara-tui")
        terminal.start([str(program), "--site", site.url, "--data-dir", str(tmp_path / "data"),
                        "--config", str(config), "--bidi", "app"])

        # Headlines: the newest title, shaped and in visual order, at the right edge.
        from madara_tui.store import Store

        def has_rows(text: str) -> bool:
            return "●" in text

        screen = terminal.wait_for(has_rows)
        with Store(tmp_path / "data") as store:
            first = store.headlines(limit=1)[0]
        start_of_title = shown(first.title)[-12:]
        row = next(line for line in screen.splitlines() if start_of_title in line)
        # The list ends where the category side list (on the right, as Persian reads) begins:
        # the title is right-aligned there, the unread mark at its end.
        listing, _, side = row.partition("▏")
        assert listing.rstrip().endswith("●")
        assert listing.rstrip()[:-1].rstrip().endswith(start_of_title)
        assert side.strip() == shown("همهٔ خبرها")

        # The article: its news code and its Jalali date.
        terminal.keys("Enter")
        code = shown(f"کد خبر: {to_persian_digits(first.id)}")
        # The date sits inside the right-to-left meta line: «۱۰:۱۵ - ۱۴۰۵/۰۹/۰۵» on screen.
        date = shown(format_jalali(first.published), direction="rtl")
        terminal.wait_for(lambda text: code in text and date in text)

        # Related news: the first item's title.
        terminal.keys("r")

        def lists_related(text: str) -> bool:
            # Read each time: the site's list replaces the computed one once the page is read.
            with Store(tmp_path / "data") as store:
                related = store.related(first.source, first.id)
            return bool(related) and all(shown(item.title)[-12:] in text for item in related[:2])

        terminal.wait_for(lists_related)
        terminal.keys("Escape")
        # Wait for the article again: an Escape followed at once by a key reads as alt+key.
        terminal.wait_for(lambda text: code in text)

        # A comment written in the form reaches the site.
        terminal.keys("c")
        terminal.wait_for(lambda text: shown("دیدگاه‌ها") in text)
        terminal.keys("w")
        terminal.wait_for(lambda text: shown("ارسال دیدگاه") in text)
        # The cursor starts in the first empty required field: the name, on a first comment.
        terminal.keys("خوانندهٔ پایانه", literal=True)
        terminal.wait_for(lambda text: shown("خوانندهٔ پایانه") in text)
        terminal.keys("Tab")
        time.sleep(0.3)
        terminal.keys("reader@example.com", literal=True)
        terminal.wait_for(lambda text: "reader@example.com" in text)
        terminal.keys("Tab")
        time.sleep(0.3)
        terminal.keys("Tab")
        time.sleep(0.3)
        terminal.keys(COMMENT, literal=True)
        terminal.wait_for(lambda text: shown(COMMENT) in text)  # the field shows it shaped
        terminal.keys("C-s")
        deadline = time.monotonic() + 20
        while not site.posted and time.monotonic() < deadline:
            time.sleep(0.2)
        assert site.posted, terminal.screen()
        form = dict(site.posted[-1].form)
        assert form["comment"] == COMMENT and form["author"] == "خوانندهٔ پایانه"
        terminal.wait_for(lambda text: shown("دیدگاه شما رسید و پس از بررسی منتشر می‌شود.")
                          [-10:] in text)
        terminal.keys("C-q")
