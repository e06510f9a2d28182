"""The floor under any Textual program's start: a minimal Textual app — one `Static` holding a
marker text and a `Footer` — that bench_start.py times to its first frame in the same tmux pane,
run by the same interpreter as the reader, interleaved with the reader's runs.

Run: .venv/bin/python bench/textual_floor.py   (ctrl+q quits)
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

MARKER = "FLOORTOP"
"""What the bench polls the pane for: Latin letters, found whatever the terminal's bidi mode."""


class FloorApp(App[None]):
    """One Static with the marker and a Footer; nothing else."""

    def compose(self) -> ComposeResult:
        yield Static(f"{MARKER} minimal Textual app")
        yield Footer()


if __name__ == "__main__":
    FloorApp().run()
