"""The start imports what the first headline screen needs and leaves the rest for first use: every
module is time before the first frame (docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NOT_AT_START = (
    "madara_tui.ui.screens.article",
    "madara_tui.ui.screens.comments",
    "madara_tui.ui.screens.comment_form",
    "madara_tui.ui.screens.help",
    "madara_tui.ui.screens.outbox",
    "madara_tui.ui.screens.search",
    "madara_tui.ui.widgets.document",
    "madara_tui.ui.widgets.persian_input",
    "madara_tui.text.editing",
    "madara_tui.pictures.decode",
    "webbrowser",
    "arabic_reshaper",
    "configparser",
    "madara_tui.service.refresh",
    "madara_tui.service.older",
    "madara_tui.client.validators",
    "tomllib",
    "hashlib",
    "secrets",
    "jdatetime",
)
"""Modules of screens and tools the first headline screen does not use (arabic_reshaper, with
configparser, is not used at all: `text.joining` shapes); the refresh's and the older pages'
modules (the reader refreshes after its first frame, if at all); tomllib for an empty config
file; hashlib and secrets (OpenSSL), which only writing articles and the owner token used;
jdatetime, which only parsing a printed Jalali date needs (`text.jalali` converts dates to
Jalali itself)."""

# The reader as `madara-tui --offline` runs it, headless; when its first headlines are drawn it
# prints the modules loaded by then and quits.
CHILD = """
import asyncio, sys
from pathlib import Path
from madara_tui.commands.reader import make_app
from madara_tui.config import Overrides
from madara_tui.runtime import open_runtime
from madara_tui.ui.app import MadaraApp

def drawn(app):
    from madara_tui.text import clean, emoji
    print("\\n".join(sorted(sys.modules)), flush=True)
    compiled = clean._patterns.cache_info().currsize + emoji._cluster.cache_info().currsize
    print(f"regexes-compiled-on-first-use:{compiled}", flush=True)
    app.exit()

MadaraApp.first_screen_drawn = drawn

async def main():
    overrides = Overrides(offline=True, data_dir=Path(sys.argv[1]), config_file=Path(sys.argv[2]))
    async with open_runtime(overrides) as runtime:
        app = make_app(runtime, env={"TERM": "xterm-256color"}, refresh_on_start=False)
        await app.run_async(headless=True, size=(120, 40))

asyncio.run(main())
"""


def test_the_first_headline_screen_imports_no_other_screen(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data"), str(config)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "madara_tui.ui.screens.headlines" in loaded  # the first screen was drawn
    assert sorted(loaded & set(NOT_AT_START)) == []
    # The cleaning's regular expressions and the emoji clusters' wait for text that needs them:
    # cached headlines were cleaned when stored and hold no emoji modifier here.
    assert "regexes-compiled-on-first-use:0" in loaded
