"""Contextual shaping of Arabic-script letters (Persian) into presentation forms.

`text.joining` holds the rules and forms — arabic_reshaper 3.1's, with the configuration the
reader used it with: harakat kept (the ezafe hamza in خانهٔ and the tanvin in اصطلاحاً survive),
only the LAM-ALEF ligatures (the ALLAH ligature would turn عبدالله into ﷲ, a glyph fonts draw
several cells wide), no other word or sentence ligature. The reshaper itself is no longer
imported: it stays the tests' oracle (tests/text/reshaper_oracle.py).

Shaping is local to a word: a space never joins letters, so the layout shapes each distinct
space-separated word once (`shape_words`, memoized) and also learns which glyph each logical
character became — LAM-ALEF turns two characters into one glyph, and the joiner consumes ZWJ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any, cast

from madara_tui.records import record
from madara_tui.text import joining
from madara_tui.text.joining import ALEFS, HARAKAT, LAM, ZWJ, join
from madara_tui.text.levels import clear_word_classes

Parts = tuple[str, ...]
"""One entry per logical character of a word: the glyph(s) it became, "" when merged away."""

# Transparent marks (the reshaper's HARAKAT_RE; `joining.HARAKAT`).
_HARAKA = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
                     "\u08d4-\u08ff]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]")
_MAX_WORDS = 200_000
_words: dict[str, Parts] = {}
_memos: list[dict[str, Any]] = []
"""Other memos per word built from these shapes (`forget_with_shapes`)."""


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """`text` with Arabic-script letters replaced by their contextual presentation forms.

    Logical order is kept; harakat stay; LAM-ALEF becomes one ligature glyph; ZWJ is consumed.
    Shaped word by word like the layout, so both agree; a word the joiner would damage (it
    drops a haraka that follows a ZWJ) is left unshaped instead. Memoized.
    """
    if not _ARABIC_LETTER.search(text):
        return text
    return " ".join("".join(parts) for parts in shape_words(text.split(" ")))


def clear_caches() -> None:
    """Forget every memoized shape and word (benchmarks use it to measure a cold start)."""
    _words.clear()
    shape.cache_clear()
    clear_word_classes()
    for memo in _memos:
        memo.clear()


def forget_with_shapes(memo: dict[str, Any]) -> None:
    """Have `clear_caches` empty `memo` too (a memo of what words are drawn as)."""
    _memos.append(memo)


def _fold(glyph: str) -> str:
    return unicodedata.normalize("NFKC", glyph)


def _align(word: str, shaped: str) -> Parts | None:
    """Which glyph each character of `word` became in `shaped`; None if they do not line up."""
    n = len(word)
    parts = [""] * n
    merged: set[int] = set()
    i = j = 0
    while i < n:
        if i in merged:
            i += 1
            continue
        char = word[i]
        glyph = shaped[j] if j < len(shaped) else ""
        if glyph and (glyph == char or _fold(glyph) == char):
            parts[i] = glyph
            i += 1
            j += 1
            continue
        folded = _fold(glyph) if glyph else ""
        if len(folded) == 2 and folded[0] == char:
            # A LAM-ALEF ligature: the ALEF is the next character that is not a haraka.
            k = i + 1
            while k < n and _HARAKA.match(word[k]):
                k += 1
            if k < n and _fold(word[k]) == folded[1]:
                parts[i] = glyph
                merged.add(k)
                i += 1
                j += 1
                continue
            return None
        if char == ZWJ:  # consumed by the joiner: its effect is in the neighbours' forms
            i += 1
            continue
        return None
    return tuple(parts) if j == len(shaped) else None


def _store(word: str, shaped: str) -> Parts:
    parts = _align(word, shaped)
    if parts is None:  # unexpected joiner output: show the word unshaped rather than lose it
        parts = tuple(word)
    _words[word] = parts
    return parts


def words_to_add(memo: dict[str, Any], words: Sequence[str], limit: int) -> list[str]:
    """The distinct `words` not yet in the per-word `memo`, which is emptied first when adding
    them would pass `limit` (then all of them): emptied before, not while, adding, so every
    word asked for is there after the caller adds these."""
    missing = [w for w in dict.fromkeys(words) if w not in memo]
    if missing and len(memo) + len(missing) > limit:
        memo.clear()
        missing = list(dict.fromkeys(words))
    return missing


def shape_words(words: Sequence[str]) -> list[Parts]:
    """For each word (no spaces inside), the glyphs of its characters, one entry per character.

    A word without ZWJ is shaped by the joiner's rules on its tables (`_add_plain`,
    `_joined_parts`), with no string to align afterwards; a word with ZWJ by `joining.join`
    itself. Memoized.
    """
    table = _words
    plain: list[str] = []
    not_plain: re.Pattern[str] | None = None
    for word in words_to_add(table, words, _MAX_WORDS):
        if not _ARABIC_LETTER.search(word):
            table[word] = tuple(word)
        elif ZWJ in word:
            _store(word, _reshape(word))
        else:
            if not_plain is None:
                not_plain = _joining().not_plain
            if not_plain.search(word) is None:
                plain.append(word)
            else:
                table[word] = _joined_parts(word)
    if plain:
        _add_plain(plain, table)
    return list(map(table.__getitem__, words))


def _add_plain(words: list[str], table: dict[str, Parts]) -> None:
    """`_plain_parts` of many words (no haraka, ZWJ or LAM-ALEF) in one go: the passes run
    over the words joined by spaces — a space joins nothing, like a word's edge — so each word
    costs one slice, not the passes' own setting up (most of it for a short word)."""
    tables = _joining()
    text = " ".join(words)
    kinds = "U" + text.translate(tables.join_kinds) + "U"
    glyphs = list(map(tables.glyphs.__getitem__, zip(kinds, text, kinds[2:], strict=False)))
    lacking = None in glyphs  # a letter without its form: that word is shown unshaped
    start = 0
    for word in words:
        end = start + len(word)
        parts = tuple(glyphs[start:end])
        table[word] = _joined_parts(word) if lacking and None in parts else cast(Parts, parts)
        start = end + 1


# The forms, by index in a letter's entry of `joining.tables`.
_ISOLATED, _INITIAL, _MEDIAL, _FINAL = 0, 1, 2, 3
_UNSUPPORTED = -1
_NOTHING = -2
"""No letter before (the start of the word)."""


@record
class _Joining:
    """Shaping tables read once from `joining.tables` (the reshaper's data, for the
    configuration the reader used it with): each letter's four forms (None where the form is
    missing or would not fold back to the letter: the word is then shown unshaped, as
    `_align` decides for the joiner's output), how it joins, the harakat and the LAM-ALEF
    ligatures."""

    forms: dict[str, tuple[str | None, str | None, str | None, str | None]]
    joins: dict[str, tuple[bool, bool, bool]]
    """For each letter that is not a haraka: whether it joins the letter before it (it has a
    final or medial form), the letter after it (an initial or medial form), and both (a
    medial form)."""
    harakat: frozenset[str]
    ligatures: re.Pattern[str]
    ligature_forms: dict[str, tuple[str, str, str, str]]
    """Two-letter match (harakat removed) → the ligature's four forms."""
    not_plain: re.Pattern[str]
    """What a word needs the letter-by-letter path for: a haraka, ZWJ or LAM-ALEF."""
    join_kinds: dict[int, str]
    """`str.translate` table: each character → how it joins ("D" both sides, "R" the letter
    before only, "L" the letter after only, "N" neither; "U" not in the tables)."""
    glyphs: dict[tuple[str, str, str], str | None]
    """(Kind before, letter, kind after) → the letter's glyph there (None: the word is shown
    unshaped); a character the tables do not shape → itself."""


@cache
def _joining() -> _Joining:
    letters, lam_alef = joining.tables()
    forms: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
    for letter, shapes in letters.items():
        valid = [shape if shape and (shape == letter or _fold(shape) == letter) else None
                 for shape in shapes]
        forms[letter] = (valid[0], valid[1], valid[2], valid[3])
    ligature_forms = {LAM + alef: shapes for alef, shapes in lam_alef.items()}
    joins = {c: (bool(f[_FINAL] or f[_MEDIAL]), bool(f[_INITIAL] or f[_MEDIAL]),
                 bool(f[_MEDIAL]))
             for c, f in letters.items() if c not in HARAKAT}
    kinds = _JoinKinds({ord(c): "DRLN"[(not before) * 2 + (not after)]
                        for c, (before, after, _both) in joins.items()})
    glyphs = _Glyphs({(before, c, after): forms[c][_form(before, kind, after)]
                      for c, kind in ((c, kinds[ord(c)]) for c in joins)
                      for before in "DRLNU" for after in "DRLNU"})
    return _Joining(
        forms=forms,
        joins=joins,
        harakat=HARAKAT,
        ligatures=re.compile(LAM + "[" + ALEFS + "]"),
        ligature_forms=ligature_forms,
        not_plain=re.compile("[" + "".join(sorted(HARAKAT)) + ZWJ + "]|" + LAM + "["
                             + ALEFS + "]"),
        join_kinds=kinds,
        glyphs=glyphs,
    )


class _JoinKinds(dict[int, str]):
    def __missing__(self, code: int) -> str:
        self[code] = "U"
        return "U"


class _Glyphs(dict[tuple[str, str, str], "str | None"]):
    def __missing__(self, key: tuple[str, str, str]) -> str:
        glyph = self[key] = key[1]  # a character the tables do not shape stays itself
        return glyph


def _form(before: str, kind: str, after: str) -> int:
    """The form of a letter that joins as `kind` between letters joining as `before` and
    `after` (the reshaper's rule: a letter joins the one before when it can join backwards
    and that one forwards; no letter has an initial form without a medial one)."""
    if kind == "U":
        return _UNSUPPORTED
    joined_before = kind in "DR" and before in "DL"
    joined_after = kind in "DL" and after in "DR"
    if joined_before:
        return _MEDIAL if joined_after else _FINAL
    return _INITIAL if joined_after else _ISOLATED


def _plain_parts(word: str, tables: _Joining) -> Parts | None:
    """`_joined_parts` for a word with no haraka, ZWJ or LAM-ALEF (most words), in a few
    passes that run in C: each letter's form from its neighbours' join kinds. None when a
    letter lacks its form (the word is then shown unshaped, as `_joined_parts` decides)."""
    kinds = "U" + word.translate(tables.join_kinds) + "U"
    triples = zip(kinds, word, kinds[2:], strict=False)  # (kind before, letter, kind after)
    parts = tuple(map(tables.glyphs.__getitem__, triples))
    return None if None in parts else cast(Parts, parts)


def _joined_parts(word: str) -> Parts:
    """The glyph of each character of `word` (no space, no ZWJ), as `_align` reads the
    reshaper's output for it: the reshaper's joining rules (a haraka is transparent, a letter
    outside its table joins nothing) and its LAM-ALEF ligatures, without building the shaped
    string and aligning it again — that took most of a long article's first layout. The
    tests compare both on every word of the corpora and on random words."""
    tables = _joining()
    if tables.not_plain.search(word) is None:
        plain = _plain_parts(word, tables)
        if plain is not None:
            return plain
    joins, harakat = tables.joins, tables.harakat
    letters: list[int] = []  # positions in `word` of the characters that are not harakat
    kinds: list[int] = []  # their forms
    previous = _NOTHING  # the form of the letter before, and how it joins
    previous_after = previous_both = False
    for pos, char in enumerate(word):
        how = joins.get(char)
        if how is None:
            if char in harakat:
                continue
            kind, after, both = _UNSUPPORTED, False, False
        else:
            before, after, both = how
            if (not before or not previous_after or previous in (_NOTHING, _UNSUPPORTED)
                    or (previous == _FINAL and not previous_both)):
                kind = _ISOLATED
            else:
                kinds[-1] = _INITIAL if previous == _ISOLATED else _MEDIAL
                kind = _FINAL
        letters.append(pos)
        kinds.append(kind)
        previous, previous_after, previous_both = kind, after, both
    parts: list[str] = list(word)
    if "\u0644" in word:  # LAM: a ligature may start here (the reshaper looks for them after
        # choosing the forms, in the text without its harakat)
        stripped = "".join(word[pos] for pos in letters)
        for match in tables.ligatures.finditer(stripped):
            a, b = match.span()
            first, last = kinds[a], kinds[b - 1]
            if first in (_ISOLATED, _INITIAL):
                kind = _ISOLATED if last in (_ISOLATED, _FINAL) else _INITIAL
            else:
                kind = _FINAL if last in (_ISOLATED, _FINAL) else _MEDIAL
            glyph = tables.ligature_forms[match.group()][kind]
            if not glyph:
                continue
            folded = _fold(glyph)
            lam, alef = letters[a], letters[b - 1]
            if len(folded) != 2 or folded[0] != word[lam] or _fold(word[alef]) != folded[1]:
                return tuple(word)
            parts[lam], parts[alef] = glyph, ""
            kinds[a] = kinds[b - 1] = _UNSUPPORTED  # drawn: no letter form for these two
    for index, pos in enumerate(letters):
        kind = kinds[index]
        if kind != _UNSUPPORTED:
            form = tables.forms[word[pos]][kind]
            if form is None:
                return tuple(word)
            parts[pos] = form
    return tuple(parts)


def _reshape(text: str) -> str:
    """The joiner's output. It fails on ZWJ next to a LAM-ALEF (an index error, as inside
    arabic_reshaper 3.1); then the text is shaped without its ZWJs, which `_align` reads as
    consumed, exactly what the joiner does with a ZWJ it handles."""
    try:
        return join(text)
    except IndexError:
        return join(text.replace(ZWJ, ""))
