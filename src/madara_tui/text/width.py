"""Terminal cell widths from `unicodedata`, matching what Rich (and so Textual) measures.

Rules: C0/C1 controls and DEL 0; combining marks (Mn, Me, Mc), format characters (Cf) and line or
paragraph separators 0, except the visible Cf signs (soft hyphen, Arabic number signs) which are 1;
conjoining Hangul vowels/finals 0; East Asian Wide/Fullwidth 2; everything else 1. A few
characters that became wide after the Unicode version of Python's `unicodedata` are listed by hand.
As in Rich, the character right after a ZERO WIDTH JOINER is not counted (emoji sequences), and
VARIATION SELECTOR-16 widens the character before it to two cells when that character is a
narrow emoji base (`❤️` is 2 cells, `❤` 1; see `emoji.VS16_WIDENS`).
"""

from __future__ import annotations

import unicodedata

from madara_tui.text.emoji import VS16, widened_by_vs16

ZWJ = "\u200d"

# Format characters that terminals draw as a visible glyph of one cell.
_VISIBLE_FORMAT = frozenset(
    "\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"
    "\U000110bd\U000110cd"
)
# Ranges whose width changed in later Unicode versions than Python 3.11's (14.0).
_WIDE_RANGES = ((0x2630, 0x2637), (0x268A, 0x268F), (0x4DC0, 0x4DFF), (0x1D300, 0x1D356),
                (0x1D360, 0x1D376))
_ZERO_RANGES = ((0x1160, 0x11FF), (0xD7B0, 0xD7FF), (0x3164, 0x3164), (0xFFA0, 0xFFA0),
                (0x1F3FB, 0x1F3FF))
_ZERO_CATEGORIES = frozenset(("Mn", "Me", "Mc", "Cf", "Zl", "Zp", "Cc"))

_cache: dict[str, int] = {}


def _compute(char: str) -> int:
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    if char in _VISIBLE_FORMAT:
        return 1
    for low, high in _ZERO_RANGES:
        if low <= code <= high:
            return 0
    for low, high in _WIDE_RANGES:
        if low <= code <= high:
            return 2
    category = unicodedata.category(char)
    if category in _ZERO_CATEGORIES:
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters 2, combining and zero-width 0."""
    if text.isascii() and text.isprintable():
        return len(text)
    cache = _cache
    total = 0
    skip = False
    last = ""  # the last character that took cells, which a VS16 may widen
    for char in text:
        if skip:
            skip = False
            continue
        if char == ZWJ:
            skip = True
            continue
        if char == VS16:
            if last and widened_by_vs16(last):
                total += 1
            last = ""
            continue
        width = cache.get(char)
        if width is None:
            width = cache[char] = _compute(char)
        if width:
            total += width
            last = char
    return total
