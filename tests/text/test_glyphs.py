"""What words are drawn as, memoized per word (`text.glyphs`): the same as laying out the word
alone, and a full memo is emptied without losing the words asked for."""

from __future__ import annotations

import pytest

from madara_tui.text import Paragraph, cell_width, glyphs
from madara_tui.text.glyphs import display_words
from madara_tui.text.shaping import clear_caches

WORDS = ["سلام", "می\u200cرود", "خانهٔ", "a\tb", "👍🏽", "\u064eب", "لا", "x"]


def drawn(word: str) -> str:
    """The word laid out alone, left to right, in logical order (its glyphs joined)."""
    return "".join(display_words([word])[0][0])


def test_each_word_is_drawn_as_its_glyphs_say() -> None:
    clear_caches()
    got = display_words(WORDS)
    assert [len(parts) for parts, _, _ in got] == [len(word) for word in WORDS]
    assert drawn("می\u200cرود").count("\u200c") == 0  # ZWNJ drawn as nothing
    assert drawn("a\tb") == "a b"
    assert display_words(["👍🏽"])[0][0] == ("👍🏽", "")  # one glyph for the cluster
    assert display_words(["\u064eب"])[0][0][0] == "\u064e"  # a mark with no base stays
    assert display_words(["خانهٔ"])[0][0][-1] == ""  # … one with a base joins its glyph
    for (_parts, widths, cells), word in zip(got, WORDS, strict=True):
        (line,) = Paragraph(word).lines(40)
        assert sum(widths) == cells == cell_width(line.text.strip(" ")), word


def test_a_full_memo_is_emptied_without_losing_the_words_asked_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clear_caches()
    monkeypatch.setattr(glyphs, "_MAX_WORDS", 3)
    first = display_words(["سلام", "دنیا"])
    got = display_words(["سلام", "دنیا", "کتاب", "خانه"])
    assert got[:2] == first
    clear_caches()
    assert got == display_words(["سلام", "دنیا", "کتاب", "خانه"])


MIXED = ["می\u200cرود", "کتاب\u200cها", "خانهٔ", "a\tb", "سلام", "👍🏽", "بیمار", "\u064eب",
         "ICCN", "۱۲\u200c", "لا", "پ\u200d", "ک\u200e", "ی\u200c\u200c", "x\u00ad", "(متن)"]


@pytest.mark.parametrize("first", [None, "👍🏽", "a\tb", "خانهٔ"])
def test_words_added_together_are_drawn_as_each_alone(first: str | None) -> None:
    """Words added in one call (passes over the words joined by spaces) are drawn as each word
    added alone; a word with a mark, a tab or an emoji cluster takes the word's own path."""
    alone = []
    for word in MIXED:
        clear_caches()
        alone.append(display_words([word])[0])
    clear_caches()
    words = [w for w in MIXED if w != first] if first is None else [first, *MIXED]
    together = dict(zip(words, display_words(words), strict=True))
    assert [together[w] for w in MIXED] == alone
