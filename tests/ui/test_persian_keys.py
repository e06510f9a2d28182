"""The reader under a Persian reader's fingers: with the Persian layout on, every key answers as
the Latin key at the same place, remaps follow, the help shows both, text fields keep letters."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest
from reader_harness import SIZE, Captured, build_app, settle, type_text

from madara_tui.runtime import Runtime
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.persian_keys import PERSIAN_LAYOUT, latin_key, with_persian_keys
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.comments import CommentsScreen
from madara_tui.ui.screens.headlines import HeadlinesScreen
from madara_tui.ui.screens.help import HelpScreen, binding_rows
from madara_tui.ui.screens.registry import binding_groups
from madara_tui.ui.screens.search import SearchScreen
from madara_tui.ui.widgets.headline_list import HeadlineList
from madara_tui.ui.widgets.persian_input import PersianInput

XKB_IR = Path("/usr/share/X11/xkb/symbols/ir")
US_KEYS = {
    "AD": "qwertyuiop[]", "AC": "asdfghjkl;'", "AB": "zxcvbnm,./",
    "AE": "1234567890-=",
}
KEYSYM_NAMES = {"Arabic_ra": "ARABIC LETTER REH", "Farsi_yeh": "ARABIC LETTER FARSI YEH"}

GROUPS = binding_groups(MadaraApp)
"""Every binding of the reader, as the help lists them."""


def keysym_char(keysym: str) -> str | None:
    """The character of an xkb keysym name as written in symbols/ir."""
    if keysym.startswith("0x100"):
        return chr(int(keysym[5:], 16))
    if keysym.startswith("Farsi_") and keysym[6:].isdigit():
        return chr(0x06F0 + int(keysym[6:]))
    if keysym in KEYSYM_NAMES:
        return unicodedata.lookup(KEYSYM_NAMES[keysym])
    if keysym.startswith("Arabic_"):
        try:
            return unicodedata.lookup("ARABIC LETTER " + keysym[7:].upper())
        except KeyError:
            return None
    return None


def test_the_table_is_the_layout_that_debian_ships() -> None:
    if not XKB_IR.exists():
        pytest.skip("xkb-data's symbols/ir is not installed (the independent source)")
    text = XKB_IR.read_text(encoding="utf-8")
    basic = text[text.index('xkb_symbols "pes_part_basic"'):]
    basic = basic[: basic.index("\n};")]
    checked = 0
    for row, index, base in re.findall(r"key <A([DCBE])(\d\d)> \{ \[ ([^,\s]+)", basic):
        latin = US_KEYS["A" + row][int(index) - 1]
        char = keysym_char(base)
        if char is None or latin not in PERSIAN_LAYOUT:
            continue
        assert PERSIAN_LAYOUT[latin] == char, (latin, base)
        checked += 1
    assert checked >= 40  # every letter key and digit the table holds


def test_help_shows_each_key_with_its_persian_twin() -> None:
    assert with_persian_keys("down,j") == "down,j,ت"
    assert with_persian_keys("end,G") == "end,G,أ"
    assert with_persian_keys("f1,question_mark") == "f1,question_mark,؟"
    assert with_persian_keys("escape") == "escape"
    rows = {binding_id: keys for keys, _label, binding_id in binding_rows("en", GROUPS)}
    assert rows["article.comments"] == "c,ز"
    assert rows["headlines.next_category"] == "right_square_bracket,چ"
    assert rows["headlines.down"] == "down,j,ت"
    assert rows["article.link1…9"] == "1…9,۱…۹"
    remapped = {binding_id: keys for keys, _label, binding_id
                in binding_rows("en", GROUPS, {"headlines.unread": "z"})}
    assert remapped["headlines.unread"] == "z,ظ"


def test_every_single_letter_key_of_the_reader_has_a_persian_twin() -> None:
    for keys, _label, binding_id in binding_rows("en", GROUPS):
        for key in keys.split(","):
            if len(key) == 1 and key.isascii() and key.isalpha():
                assert latin_key(PERSIAN_LAYOUT[key]) == (key, key), binding_id


async def test_persian_keys_drive_the_headlines_and_the_article(filled: Runtime,
                                                                captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(HeadlineList)
        await type_text(pilot, "تت")  # j j
        assert listing.cursor == 2
        await type_text(pilot, "ن")  # k
        assert listing.cursor == 1
        await type_text(pilot, "أ")  # G (Shift+g)
        assert listing.cursor == listing.count - 1
        await type_text(pilot, "ل")  # g
        assert listing.cursor == 0
        await type_text(pilot, "ع")  # u: unread only
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen) and screen.filters.unread
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await type_text(pilot, "ز")  # c: the comments
        await settle(pilot)
        assert isinstance(app.screen, CommentsScreen)
        await type_text(pilot, "ض")  # q: back
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await type_text(pilot, "؟")  # ?: help
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_a_remapped_key_brings_its_persian_twin(filled: Runtime,
                                                      captured: Captured) -> None:
    config = dataclasses.replace(filled.config, keymap={"headlines.unread": "z",
                                                        "headlines.bookmarked": "ع"})
    app = build_app(dataclasses.replace(filled, config=config), captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen)
        await type_text(pilot, "ظ")  # where z is: the remapped "unread"
        await settle(pilot)
        assert screen.filters.unread and not screen.filters.bookmarked
        # A Persian key bound by name in [keymap] keeps that binding (not u's).
        await type_text(pilot, "ع")
        await settle(pilot)
        assert screen.filters.bookmarked


async def test_letters_typed_into_a_field_stay_letters(filled: Runtime,
                                                       captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await type_text(pilot, "ضض؟ت")  # q is "back" on every screen, ? is help, j is down
        assert screen.query_one("#query", PersianInput).value == "ضض؟ت"
        assert app.screen is screen
