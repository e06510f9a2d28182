"""Property tests of the layout on random mixes of Persian, Latin, digits, punctuation, marks
and control characters."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st
from reshaper_oracle import reshaper
from rich.cells import cell_len

from madara_tui.text import BidiMode, Paragraph, shape
from madara_tui.text.shaping import shape_words

PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأؤئۀةيك"
LATIN = "abcXYZ"
DIGITS = "0123۰۱۲۳۴٠١٢"
PUNCT = "()[]{}<>«»،.:!?؟%٪-/"
MARKS = "\u064b\u064e\u0650\u0654"  # tanvin, fatha, kasra, hamza above (ezafe)
CONTROLS = ("\x1b\x07\x00\x9b\u202e\u2067\u2069\u200e\u200f\u061c\ufeff\u200d\u200c\u00ad"
            "\u2028\r\t")
ALPHABET = PERSIAN + LATIN + DIGITS + PUNCT + MARKS + CONTROLS + "   "

texts = st.text(alphabet=ALPHABET, max_size=160)
widths = st.integers(min_value=2, max_value=70)
BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def letters(text: str) -> list[str]:
    """The letters of `text`, presentation forms folded back (ﻻ → ل ا)."""
    folded = unicodedata.normalize("NFKD", text)  # NFKD: marks never compose into letters
    return [c for c in folded if unicodedata.category(c).startswith("L")]


@settings(max_examples=300, deadline=None)
@given(texts, widths)
@example(" ؟0", 2)  # an empty first line once reversed the whole paragraph into it
@example("\u200dلا", 2)  # the reshaper raises on ZWJ before LAM-ALEF
def test_no_line_is_wider_than_the_width(text: str, width: int) -> None:
    for line in Paragraph(text).lines(width):
        assert cell_len(line.text) <= width


@settings(max_examples=300, deadline=None)
@given(texts, widths)
@example("\u200c\u200d\u200c", 2)  # once taken for an emoji ZWJ sequence and drawn whole
def test_no_control_bidi_or_zero_width_format_character_is_shown(text: str, width: int) -> None:
    for line in Paragraph(text).lines(width):
        for char in line.text:
            assert unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Cs"), repr(char)
            assert char not in BIDI_CONTROLS


@settings(max_examples=300, deadline=None)
@given(texts, widths)
@example(" ؟0", 2)  # an empty first line once reversed the whole paragraph into it
@example("\u200dلا", 2)  # the reshaper raises on ZWJ before LAM-ALEF
def test_every_letter_appears_exactly_once(text: str, width: int) -> None:
    lines = Paragraph(text).lines(width)
    shown = [c for line in lines for c in letters(line.text)]
    assert Counter(shown) == Counter(letters(text))


@settings(max_examples=300, deadline=None)
@given(texts, widths)
@example(" ؟0", 2)  # an empty first line once reversed the whole paragraph into it
@example("\u200dلا", 2)  # the reshaper raises on ZWJ before LAM-ALEF
def test_lines_come_in_reading_order(text: str, width: int) -> None:
    # Line k shows exactly the letters that follow, in logical order, those of lines 1..k-1.
    remaining = letters(text)
    for line in Paragraph(text).lines(width):
        shown = letters(line.text)
        assert Counter(shown) == Counter(remaining[:len(shown)])
        remaining = remaining[len(shown):]
    assert not remaining


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=PERSIAN + "\u200c" + MARKS, min_size=1, max_size=9),
                min_size=1, max_size=12), widths)
def test_pure_rtl_text_reads_right_to_left_top_to_bottom(words: list[str], width: int) -> None:
    text = " ".join(words)
    read = [c for line in Paragraph(text).lines(width) for c in letters(line.text[::-1])]
    assert read == letters(text)


@settings(max_examples=200, deadline=None)
@given(texts, widths)
@example(" ؟0", 2)  # an empty first line once reversed the whole paragraph into it
@example("\u200dلا", 2)  # the reshaper raises on ZWJ before LAM-ALEF
def test_terminal_mode_keeps_logical_order(text: str, width: int) -> None:
    lines = Paragraph(text).lines(width, BidiMode.TERMINAL)
    assert [c for line in lines for c in letters(line.text)] == letters(text)
    for line in lines:
        assert cell_len(line.text) <= width
        assert not BIDI_CONTROLS.intersection(line.text)


SHAPING_ALPHABET = PERSIAN + LATIN + DIGITS + PUNCT + MARKS + "\u200c  "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SHAPING_ALPHABET, max_size=80))
def test_word_by_word_shaping_equals_the_reshaper_on_the_whole_text(text: str) -> None:
    assert shape(text) == reshaper().reshape(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=SHAPING_ALPHABET + "\u200d", max_size=80))
def test_shaping_loses_no_letter_or_mark(text: str) -> None:
    # The reshaper itself drops a haraka that follows a ZWJ; the engine falls back to the
    # unshaped word rather than lose it.
    def kept(s: str) -> Counter[str]:
        return Counter(c for c in unicodedata.normalize("NFKD", s) if c not in "\u200d")

    assert kept(shape(text)) == kept(text)
    for word, parts in zip(text.split(" "), shape_words(text.split(" ")), strict=True):
        assert len(parts) == len(word)
