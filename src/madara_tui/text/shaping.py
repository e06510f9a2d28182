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
    if len(_words) >= _MAX_WORDS:
        _words.clear()
    _words[word] = parts
    return parts


def shape_words(words: Sequence[str]) -> list[Parts]:
    """For each word (no spaces inside), the glyphs of its characters, one entry per character.

    Words not seen before are shaped together in one reshaper call; results are memoized.
    """
    table = _words
    missing = [w for w in dict.fromkeys(words) if w not in table]
    if missing:
        plain = [w for w in missing if not _ARABIC_LETTER.search(w)]
        for word in plain:
            table[word] = tuple(word)
        arabic = [w for w in missing if _ARABIC_LETTER.search(w)]
        batch = [w for w in arabic if ZWJ not in w]
        single = [w for w in arabic if ZWJ in w]
        if batch:
            pieces = _reshape(" ".join(batch)).split(" ")
            if len(pieces) == len(batch):
                for word, shaped in zip(batch, pieces, strict=True):
                    _store(word, shaped)
            else:
                single.extend(batch)
        for word in single:
            _store(word, _reshape(word))
    return list(map(table.__getitem__, words))


def _reshape(text: str) -> str:
    """The reshaper's output. It can fail on ZWJ next to a LAM-ALEF (an index error inside
    arabic_reshaper 3.1); then the text is shaped without its ZWJs, which `_align` reads as
    consumed, exactly what the reshaper does with a ZWJ it handles."""
    try:
        result: str = _reshaper().reshape(text)
    except IndexError:
        result = _reshaper().reshape(text.replace(ZWJ, ""))
    return result
