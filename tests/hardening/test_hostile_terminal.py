"""The real reader (`python -m madara_tui --bidi app`) over the hostile demo site, in a pseudo-
terminal (100×30, xterm-256color), driven with keys through the headline list, an article,
related news, comments and search. Every raw byte it writes is checked: nothing a terminal
would act on came from the content, markup shows literally and runs nothing, and `q` exits 0.

Pictures are on: the articles hold pictures with hostile alt text and file names, drawn as half
blocks, as kitty transmissions and as sixel slices. The only APC and DCS sequences allowed are
the picture protocols' own, whole and well formed (numbers, base64 and sixel data only): they
are taken out before the check, which must then find nothing."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hostile import MARKUP_LITERAL
from hostile_site import hostile_content
from pty_program import OSC, PtyProgram

from madara_tui.demo import DemoSite
from madara_tui.links import check_link
from madara_tui.store import Store
from madara_tui.ui.pictures.detect import QUERY as PICTURE_QUERY

pytestmark = pytest.mark.slow

ESC = "\x1b"
FORBIDDEN = {
    "OSC 52 (clipboard)": ESC + "]52",
    "window title OSC 0": ESC + "]0;",
    "icon title OSC 1": ESC + "]1;",
    "window title OSC 2": ESC + "]2;",
    "DCS": ESC + "P",
    "APC": ESC + "_",
    "PM": ESC + "^",
    "SOS": ESC + "X",
}
OWN_SEQUENCES = re.compile(
    r"\x1b_G[a-zA-Z]=[a-zA-Z0-9]+(?:,[a-zA-Z]=[a-zA-Z0-9]+)*;[A-Za-z0-9+/=]*\x1b\\"
    + r'|\x1b7\x1b\[\d+;\d+H\x1bP0;1;0q"1;1;\d+;\d+(?:#\d+;2;\d+;\d+;\d+)*'
    + r"(?:#\d+|[?-~]|!\d+[?-~]|\$|-)*\x1b\\\x1b8")
"""The picture protocols' own sequences besides the query: kitty APCs, placed sixel slices."""
PAYLOADS = ("pwned", "c1-title", "ZWNobyBwd25lZA", "544e", "dcs", "apc8bit", "Gf=1", "osc8")
"""Pieces of the content's escape sequences: if any shows up, a sequence leaked."""


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(hostile_content(), flood_interval=0) as demo:
        yield demo


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TMUX", "MADARA_TUI_BIDI", "COLORTERM", "TERM_PROGRAM", "VTE_VERSION")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="100",
               LINES="30", XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    return env


def _eventually(condition: Callable[[], bool], seconds: float = 90.0) -> bool:
    """Poll `condition` until it holds; False at the deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _is_read(tmp_path: Path, article_id: int) -> bool:
    with Store(tmp_path / "data") as store:
        return article_id not in {h.id for h in store.headlines(unread=True, limit=100)}


def _comment_count(tmp_path: Path, site_url: str, article_id: int) -> int:
    with Store(tmp_path / "data") as store:
        return len(store.comments(site_url, article_id))


@pytest.mark.parametrize("images", ["auto", "kitty", "sixel"])
def test_the_reader_in_a_pty_writes_nothing_hostile(site: DemoSite, tmp_path: Path,
                                                    images: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    program = PtyProgram(
        [sys.executable, "-m", "madara_tui", "--site", site.url, "--data-dir",
         str(tmp_path / "data"), "--config", str(config), "--bidi", "app", "--images", images],
        _env(tmp_path), cols=100, rows=30)
    try:
        # The headline list, refreshed from the site: the markup title shows as text…
        assert program.wait_for(MARKUP_LITERAL, 90), program.text()[-3000:]
        program.settle()
        assert program.process.poll() is None, "the markup ran an action (quit)"
        program.send("\r")                       # open the newest article
        # Wait for what the keys did, not for a quiet moment: a loaded machine can be quiet
        # for a second before the article is marked read or its comments arrive.
        assert _eventually(lambda: _is_read(tmp_path, 900501)), program.text()[-3000:]
        program.settle()
        for _ in range(6):                       # page down to its pictures
            program.send(" ", pause=0.3)
        program.settle()
        program.send("r")                        # its related news
        program.settle()
        program.send(ESC, pause=0.6)
        program.settle()
        program.send("c")                        # its comments
        assert _eventually(lambda: _comment_count(tmp_path, site.url, 900501) == 3), \
            program.text()[-3000:]
        program.settle()
        program.send(ESC, pause=0.6)
        program.settle()
        program.send(ESC, pause=0.6)             # back to the headlines
        program.settle()
        program.send("/")                        # search the cache
        program.settle()
        program.send("شورای")
        program.settle()
        program.send("\r")
        program.settle()
        program.send(ESC, pause=0.6)
        program.settle()
        program.send(ESC, pause=0.6)
        program.settle()
        assert program.process.poll() is None, "the program ended before `q`"
        program.send("q")
    finally:
        status = program.finish(30)
    raw = program.output
    assert status == 0, program.text()[-3000:]
    text = raw.decode("utf-8")  # strictly UTF-8: no stray 8-bit byte either
    # The picture detection asks the terminal once, with a fixed query (an APC among others);
    # any other APC would have come from somewhere else.
    assert text.count(PICTURE_QUERY) <= 1
    text = text.replace(PICTURE_QUERY, "")
    own = OWN_SEQUENCES.findall(text)
    text = OWN_SEQUENCES.sub("", text)
    if images != "auto":  # a real protocol: the pictures that decoded were sent with it
        assert own, "no picture was drawn"
    found = {name for name, seq in FORBIDDEN.items() if seq in text}
    assert not found, found
    c1 = sorted({f"U+{ord(ch):04X}" for ch in text if 0x80 <= ord(ch) < 0xA0})
    assert not c1, c1
    osc8 = [m.group(2) for m in OSC.finditer(text) if m.group(1) == "8"]
    for params_and_url in osc8:
        url = params_and_url.split(";", 1)[-1]
        assert not url or check_link(url).ok, url
    without_osc = OSC.sub("", text)
    assert "\x07" not in without_osc, "a BEL reached the terminal"
    for payload in PAYLOADS:  # outside the protocols' data, where base64 may hold anything
        assert payload not in text, payload
    # The markup was shown literally (headline, comment author) and never interpreted.
    assert program.text().count(MARKUP_LITERAL) >= 2
    # The keys really went through the screens: the article was read, its comments loaded.
    with Store(tmp_path / "data") as store:
        unread = {h.id for h in store.headlines(unread=True, limit=100)}
        assert 900501 not in unread and len(unread) >= 4
        assert len(store.comments(site.url, 900501)) == 3
    print(f"\n[hardening] pty run: {len(raw)} bytes captured, {len(osc8)} OSC 8 links, "
          "no forbidden sequence")
