"""Contextual shaping of Arabic-script letters (Persian) into presentation forms.

`arabic_reshaper` does the work, configured for Persian news text: harakat kept
(`delete_harakat=False`: the ezafe hamza in خانهٔ and the tanvin in اصطلاحاً survive), only the
LAM-ALEF ligatures on (the ALLAH ligature would turn عبدالله into ﷲ, a glyph fonts draw several
cells wide), no other word or sentence ligature. Every setting is passed explicitly so a
configuration file named by the reshaper's environment variable cannot change the result.

Shaping is local to a word: a space never joins letters, so the layout shapes each distinct
space-separated word once (`shape_words`, memoized) and also learns which glyph each logical
character became — LAM-ALEF turns two characters into one glyph, and the reshaper consumes ZWJ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

ZWJ = "\u200d"
Parts = tuple[str, ...]
"""One entry per logical character of a word: the glyph(s) it became, "" when merged away."""

_LAM_ALEF = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)
# The reshaper treats these as transparent marks (its HARAKAT_RE).
_HARAKA = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
                     "\u08d4-\u08ff]")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]")
_MAX_WORDS = 200_000
_words: dict[str, Parts] = {}


@cache
def _reshaper() -> Any:
    """The configured reshaper, built on first use (importing it reads its config)."""
    import arabic_reshaper
    from arabic_reshaper.ligatures import LIGATURES

    config: dict[str, object] = {name: name in _LAM_ALEF for name, _ in LIGATURES}
    config.update(
        language="Arabic",
        delete_harakat=False,
        shift_harakat_position=False,
        delete_tatweel=False,
        support_zwj=True,
        use_unshaped_instead_of_isolated=False,
        support_ligatures=True,
    )
    return arabic_reshaper.ArabicReshaper(configuration=config)


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """`text` with Arabic-script letters replaced by their contextual presentation forms.

    Logical order is kept; harakat stay; LAM-ALEF becomes one ligature glyph; ZWJ is consumed.
    Shaped word by word like the layout, so both agree; a word the reshaper would damage (it
    drops a haraka that follows a ZWJ) is left unshaped instead. Memoized.
    """
    if not _ARABIC_LETTER.search(text):
        return text
    return " ".join("".join(parts) for parts in shape_words(text.split(" ")))


def clear_caches() -> None:
    """Forget every memoized shape (benchmarks use it to measure a cold start)."""
    _words.clear()
    shape.cache_clear()


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
        if char == ZWJ:  # consumed by the reshaper: its effect is in the neighbours' forms
            i += 1
            continue
        return None
    return tuple(parts) if j == len(shaped) else None


def _store(word: str, shaped: str) -> Parts:
    parts = _align(word, shaped)
    if parts is None:  # unexpected reshaper output: show the word unshaped rather than lose it
        parts = tuple(word)
    _words[word] = parts
    return parts


def shape_words(words: Sequence[str]) -> list[Parts]:
    """For each word (no spaces inside), the glyphs of its characters, one entry per character.

    A word without ZWJ is shaped by `_joined_parts` (the reshaper's rules on its own tables,
    with no string to align afterwards); a word with ZWJ by the reshaper itself. Memoized.
    """
    table = _words
    missing = [w for w in dict.fromkeys(words) if w not in table]
    if missing:
        if len(table) + len(missing) > _MAX_WORDS:
            # Emptied before, not while, adding: every word asked for must be there after.
            table.clear()
            missing = list(dict.fromkeys(words))
        for word in missing:
            if not _ARABIC_LETTER.search(word):
                table[word] = tuple(word)
            elif ZWJ in word:
                _store(word, _reshape(word))
            else:
                table[word] = _joined_parts(word)
    return list(map(table.__getitem__, words))


# The reshaper's forms, by index in its letter table.
_ISOLATED, _INITIAL, _MEDIAL, _FINAL = 0, 1, 2, 3
_UNSUPPORTED = -1


@dataclass(frozen=True, slots=True)
class _Joining:
    """Shaping tables read once from the reshaper's data, for the configuration `_reshaper`
    uses: each letter's four forms (None where the form is missing or would not fold back to
    the letter: the word is then shown unshaped, as `_align` decides for the reshaper's
    output), how it joins, the harakat and the LAM-ALEF ligatures."""

    forms: dict[str, tuple[str | None, str | None, str | None, str | None]]
    before: frozenset[str]
    """Letters that join the letter before them (they have a final or medial form)."""
    after: frozenset[str]
    """Letters that join the letter after them (an initial or medial form)."""
    both: frozenset[str]
    """Letters with a medial form."""
    harakat: frozenset[str]
    ligatures: re.Pattern[str]
    ligature_forms: dict[str, tuple[str, str, str, str]]
    """Two-letter match (harakat removed) → the ligature's four forms."""


@cache
def _joining() -> _Joining:
    from arabic_reshaper.arabic_reshaper import HARAKAT_RE
    from arabic_reshaper.letters import LETTERS_ARABIC
    from arabic_reshaper.ligatures import LIGATURES

    forms: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
    for letter, shapes in LETTERS_ARABIC.items():
        valid = [shape if shape and (shape == letter or _fold(shape) == letter) else None
                 for shape in shapes]
        forms[letter] = (valid[0], valid[1], valid[2], valid[3])
    harakat = frozenset(chr(code) for code in range(0x0600, 0x0900)
                        if HARAKAT_RE.match(chr(code)))
    chosen = {name: match for name, (match, _) in LIGATURES if name in _LAM_ALEF}
    ligature_forms = {match: shapes for name, (match, shapes) in LIGATURES if name in _LAM_ALEF}
    if any(len(match) != 2 for match in chosen.values()):
        raise RuntimeError("the reshaper's LAM-ALEF ligatures are no longer two letters")
    return _Joining(
        forms=forms,
        before=frozenset(c for c, f in LETTERS_ARABIC.items() if f[_FINAL] or f[_MEDIAL]),
        after=frozenset(c for c, f in LETTERS_ARABIC.items() if f[_INITIAL] or f[_MEDIAL]),
        both=frozenset(c for c, f in LETTERS_ARABIC.items() if f[_MEDIAL]),
        harakat=harakat,
        ligatures=re.compile("|".join(re.escape(m) for m in ligature_forms)),
        ligature_forms=ligature_forms,
    )


def _joined_parts(word: str) -> Parts:
    """The glyph of each character of `word` (no space, no ZWJ), as `_align` reads the
    reshaper's output for it: the reshaper's joining rules (a haraka is transparent, a letter
    outside its table joins nothing) and its LAM-ALEF ligatures, without building the shaped
    string and aligning it again — that took most of a long article's first layout. The
    tests compare both on every word of the corpora and on random words."""
    tables = _joining()
    harakat, before, after, both = tables.harakat, tables.before, tables.after, tables.both
    letters: list[int] = []  # positions in `word` of the characters that are not harakat
    kinds: list[int] = []  # their forms
    for pos, char in enumerate(word):
        if char in harakat:
            continue
        if char not in tables.forms:
            kind = _UNSUPPORTED
        elif not kinds or kinds[-1] == _UNSUPPORTED or char not in before:
            kind = _ISOLATED
        else:
            previous = word[letters[-1]]
            if previous not in after or (kinds[-1] == _FINAL and previous not in both):
                kind = _ISOLATED
            else:
                kinds[-1] = _INITIAL if kinds[-1] == _ISOLATED else _MEDIAL
                kind = _FINAL
        letters.append(pos)
        kinds.append(kind)
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
    """The reshaper's output. It can fail on ZWJ next to a LAM-ALEF (an index error inside
    arabic_reshaper 3.1); then the text is shaped without its ZWJs, which `_align` reads as
    consumed, exactly what the reshaper does with a ZWJ it handles."""
    try:
        result: str = _reshaper().reshape(text)
    except IndexError:
        result = _reshaper().reshape(text.replace(ZWJ, ""))
    return result
