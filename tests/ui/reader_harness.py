"""Helpers shared by the reader's tests and snapshots (imported as `reader_harness`)."""

from __future__ import annotations

import asyncio
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widget import Widget

from madara_tui.commands.reader import make_app
from madara_tui.config import Overrides
from madara_tui.runtime import Runtime
from madara_tui.text import TEHRAN, BidiMode, Paragraph
from madara_tui.ui.app import MadaraApp

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=TEHRAN)
"""The frozen "now": the demo site's newest articles are from this morning."""
SIZE = (100, 30)


@dataclass
class Captured:
    """What the app tried to do outside itself."""

    opened: list[str] = field(default_factory=list)
    terminal: list[str] = field(default_factory=list)

    def opener(self, url: str) -> bool:
        self.opened.append(url)
        return True


def reader_args(data_dir: Path, site: str | None, *, offline: bool = False,
                lang: str | None = None) -> Overrides:
    """The global options of the command line, pointing at a private config and data dir."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    config = data_dir.parent / "config.toml"
    if not config.exists():
        config.write_text("", encoding="utf-8")
    return Overrides(site=site, offline=offline or None, data_dir=data_dir, config_file=config,
                     bidi="app", lang=lang)


def build_app(runtime: Runtime, captured: Captured, *, lang: str | None = None,
              bidi: BidiMode = BidiMode.APP, explicit: bool = False) -> MadaraApp:
    """The app as the program builds it, with the outside world captured."""
    env = {"VTE_VERSION": "7600"} if explicit else {"TERM": "dumb"}
    return make_app(runtime, lang=lang, bidi=bidi, env=env, clock=lambda: NOW,
                    opener=captured.opener, terminal_write=captured.terminal.append,
                    refresh_on_start=False, demo=True)


def count_styling(monkeypatch: pytest.MonkeyPatch) -> Counter[DOMNode]:
    """Textual's styling passes (`Stylesheet.apply`) per node, counted from now on."""
    styled: Counter[DOMNode] = Counter()
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: DOMNode, **options: object) -> None:
        styled[node] += 1
        apply(self, node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return styled


async def settle(pilot: Pilot[int], rounds: int = 3) -> None:
    """Let workers (store reads, network) finish and the screen catch up."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot[int], check: Callable[[], bool], *, seconds: float = 10.0) -> None:
    """Wait (deadline `seconds`) until `check()` holds; fail the test otherwise."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await settle(pilot, 1)
        await asyncio.sleep(0.05)
    assert check(), "the condition never held"


def rows(widget: Widget) -> list[str]:
    """What the widget draws, one string per screen row."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def visual_line(text: str, width: int) -> str:
    """The first screen line the text engine makes of `text` at `width`, without padding."""
    return Paragraph(text).lines(width, BidiMode.APP)[0].text.strip()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` as a terminal's input parser delivers it: one key event per character,
    carrying the character. (`Pilot.press` cannot type a ZWNJ: it looks the character up by
    a key name that has lost the hyphen of "ZERO WIDTH NON-JOINER".)"""
    for char in text:
        name = unicodedata.name(char, f"ctrl_{chr(ord(char) + 96)}")
        key = char if char.isalnum() else name.lower().replace("-", "_").replace(" ", "_")
        pilot.app.post_message(events.Key(key, char))
        await pilot.pause()
