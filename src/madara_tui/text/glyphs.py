"""What each character of a word is drawn as, and in how many cells: the word's shaped glyphs,
with controls and format characters (ZWNJ, ZWJ, LRM, …) drawn as nothing, a tab as a space, each
combining mark in its base character's glyph (rule L3) and each emoji cluster as one glyph.

All of it is local to a space-separated word, so it is memoized per word (`display_words`): an
article of 5,000 words has about 600 distinct ones. Mirroring (rule L4) depends on the
paragraph's levels and is left to the layout.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import chain, repeat

from madara_tui.text.emoji import clusters
from madara_tui.text.shaping import Parts, forget_with_shapes, shape_words, words_to_add
from madara_tui.text.width import cell_width

Display = tuple[tuple[str, ...], tuple[int, ...], int]
"""A word's glyph per character ("" when drawn as nothing), each glyph's cells, and the word's
cells (their sum: the layout wraps by words)."""


class _Widths(dict[str, int]):
    """Cell width per glyph, computed on first sight."""

    def __missing__(self, glyph: str) -> int:
        width = self[glyph] = cell_width(glyph)
        return width


WIDTHS = _Widths()
# Characters seen so far, by what the display does with them (filled on first sight).
DROPPED: set[str] = set()
_MARKS: set[str] = set()
_PLAIN: set[str] = set()
_MARK_CATEGORIES = frozenset(("Mn", "Me", "Mc"))
_MAX_WORDS = 100_000
_displays: dict[str, Display] = {}
forget_with_shapes(_displays)


def classify(chars: set[str]) -> None:
    """File each new character under dropped (controls, format characters such as ZWNJ, ZWJ,
    LRM; separators: never drawn), marks (drawn in their base's cell) or plain."""
    for char in chars - _PLAIN - DROPPED - _MARKS:
        category = unicodedata.category(char)
        if char != "\t" and category in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            DROPPED.add(char)
        elif category in _MARK_CATEGORIES:
            _MARKS.add(char)
        else:
            _PLAIN.add(char)


def _display(word: str, parts: Parts) -> Display:
    glyphs = list(parts)
    present = set(word)
    classify(present)
    if "\t" in present:
        for pos, char in enumerate(word):
            if char == "\t":
                glyphs[pos] = " "
    if not DROPPED.isdisjoint(present):
        for pos, char in enumerate(word):
            if char in DROPPED:
                glyphs[pos] = ""
    if not _MARKS.isdisjoint(present):
        for pos, char in enumerate(word):
            if char not in _MARKS:
                continue
            base = pos - 1
            while base >= 0 and not glyphs[base]:
                base -= 1
            # (A mark with no base in its word stays on its own: a space is never a base.)
            if base >= 0 and WIDTHS[glyphs[base][0]]:
                glyphs[base] += glyphs[pos]
                glyphs[pos] = ""
    for start, end in clusters(word):
        # One glyph for the whole emoji cluster (ZWJs, selectors and modifiers kept, so the
        # terminal draws one picture): reordering can no longer split it.
        glyphs[start] = word[start:end]
        glyphs[start + 1:end] = [""] * (end - start - 1)
    widths = tuple(map(WIDTHS.__getitem__, glyphs))
    return tuple(glyphs), widths, sum(widths)


def display_words(words: Sequence[str]) -> list[Display]:
    """For each word (no spaces inside), its glyphs, their cells and its cells; memoized per
    word."""
    table = _displays
    missing = words_to_add(table, words, _MAX_WORDS)
    if missing:
        _add_displays(missing, table)
    return list(map(table.__getitem__, words))


def _add_displays(words: list[str], table: dict[str, Display]) -> None:
    """`_display` of many words in one go where it only drops characters (most words: no
    tab, mark or emoji): over the words joined by spaces, so each word costs a few slices."""
    text = " ".join(words)
    present = set(text)
    classify(present)
    shapes = shape_words(words)
    special = present & _MARKS
    if "\t" in present:
        special.add("\t")
    if clusters(text):
        special = present  # (rare) every word on its own: clusters do not cross spaces
    batch: list[str] = []
    batch_shapes: list[Parts] = []
    for word, parts in zip(words, shapes, strict=True):
        if special and not special.isdisjoint(word):
            table[word] = _display(word, parts)
        else:
            batch.append(word)
            batch_shapes.append(parts)
    if len(batch) < len(words):
        text = " ".join(batch)
    glyphs = list(chain.from_iterable(chain.from_iterable(zip(batch_shapes, repeat(_SPACE)))))
    for char in present & DROPPED:
        pos = text.find(char)
        while pos >= 0:
            glyphs[pos] = ""
            pos = text.find(char, pos + 1)
    widths = list(map(WIDTHS.__getitem__, glyphs))
    start = 0
    for word in batch:
        end = start + len(word)
        cells = tuple(widths[start:end])
        table[word] = (tuple(glyphs[start:end]), cells, sum(cells))
        start = end + 1


_SPACE = (" ",)
