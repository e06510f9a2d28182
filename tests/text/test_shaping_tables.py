"""The layout's own joining (`shaping._joined_parts`) gives every word the glyphs the reshaper's
output gave it (`_reshape` then `_align`, the path it replaced for words without ZWJ)."""

from __future__ import annotations

import re

import pytest
from arabic_reshaper.letters import LETTERS_ARABIC
from hypothesis import given, settings
from hypothesis import strategies as st

from madara_tui.demo.generate import generate_content
from madara_tui.text import Paragraph, shaping
from madara_tui.text.shaping import (
    _HARAKA,
    _align,
    _joined_parts,
    _joining,
    _plain_parts,
    _reshape,
    clear_caches,
    shape,
    shape_words,
)

ZWJ = "\u200d"
HARAKAT = [chr(code) for code in range(0x0600, 0x0900) if _HARAKA.match(chr(code))]
# Every letter the reshaper knows, its harakat, a tatweel, ZWNJ, and characters it does not
# shape (Latin, digits, brackets, a Persian comma), which break joining.
ALPHABET = sorted(set(LETTERS_ARABIC) - {ZWJ}) + HARAKAT + list("\u0640\u200ca1۱(«،")


def reshaper_parts(word: str) -> tuple[str, ...]:
    """What the layout drew for `word` before: the reshaper's output, aligned to its
    characters, or the word unshaped when they did not line up."""
    parts = _align(word, _reshape(word))
    return parts if parts is not None else tuple(word)


def test_every_two_characters_join_as_the_reshaper_joins_them() -> None:
    for first in ALPHABET:
        for second in ALPHABET:
            word = first + second
            assert _joined_parts(word) == reshaper_parts(word), [hex(ord(c)) for c in word]


def test_lam_alef_with_harakat_between_and_around_is_one_ligature_as_before() -> None:
    for word in ("لا", "فلا", "لأن", "الإ", "سلآم", "ل\u064eا", "بل\u0650\u064eأ", "لالا",
                 "\u064eلا", "للا", "لاً"):
        assert _joined_parts(word) == reshaper_parts(word), word
    assert _joined_parts("فلا") == ("ﻓ", "ﻼ", "")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=9))
def test_random_words_join_as_the_reshaper_joins_them(word: str) -> None:
    assert _joined_parts(word) == reshaper_parts(word)


PLAIN_ALPHABET = [c for c in ALPHABET if c not in HARAKAT]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=PLAIN_ALPHABET, min_size=1, max_size=12))
def test_random_words_without_harakat_join_as_the_reshaper_joins_them(word: str) -> None:
    # Most words take the path without harakat or LAM-ALEF (`_plain_parts`).
    assert _joined_parts(word) == reshaper_parts(word)
    if "\u0644" not in word:
        assert _plain_parts(word, _joining()) in (reshaper_parts(word), None)


def test_every_word_of_the_demo_site_is_shaped_as_before() -> None:
    site = generate_content(120, seed=3)
    words: set[str] = set()
    for article in site.articles:
        for text in (*site.body(article), article.title, site.lead(article)):
            words.update(re.sub(r"<[^>]+>", " ", text).split())
    assert len(words) > 500
    for word in words:
        if ZWJ not in word:
            assert _joined_parts(word) == reshaper_parts(word), word


def test_words_with_zwj_still_go_through_the_reshaper() -> None:
    clear_caches()
    word = "ب\u200dه"
    assert shape_words([word]) == [reshaper_parts(word)]


def test_a_full_memo_is_emptied_without_losing_the_words_asked_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clear_caches()
    monkeypatch.setattr(shaping, "_MAX_WORDS", 3)
    assert shape_words(["سلام", "دنیا"]) == [reshaper_parts("سلام"), reshaper_parts("دنیا")]
    # Two known words and two new ones: over the bound, so the memo is emptied first.
    got = shape_words(["سلام", "دنیا", "کتاب", "خانه"])
    assert got == [reshaper_parts(w) for w in ("سلام", "دنیا", "کتاب", "خانه")]
    clear_caches()


def test_shaped_text_and_laid_out_lines_are_unchanged_for_a_sentence() -> None:
    text = "خانهٔ فرهنگ لاله‌زار، اصطلاحاً «هنر زنده» (UNESCO) عبدالله"
    assert shape(text) == " ".join("".join(reshaper_parts(w)) for w in text.split(" "))
    (line,) = Paragraph(text).lines(100)
    assert "ﻻ" in line.text and "ﷲ" not in line.text
