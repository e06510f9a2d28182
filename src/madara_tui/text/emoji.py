"""Emoji as terminals and Rich see them: which bases VARIATION SELECTOR-16 widens, and where an
emoji cluster (one picture made of several code points) begins and ends.

A cluster must stay whole through bidi reordering: an RTL run reverses its characters, which
would put a skin-tone modifier before its hand (`🏽👍`) and split a ZWJ family into its members.
The layout keeps each cluster as one glyph (see `clusters`), measured by `width.cell_width`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

VS16 = "\ufe0f"
"""VARIATION SELECTOR-16: draw the character before it as an emoji (two cells when it is one of
`VS16_WIDENS`)."""

# Unicode 17 emoji-variation-sequences bases that are narrow by default: followed by VS16 they
# take two cells. Rich 15 (and so Textual) measures exactly this set; a test compares them.
VS16_WIDENS: tuple[tuple[int, int], ...] = (
    (0x23, 0x23), (0x2A, 0x2A), (0x30, 0x39), (0xA9, 0xA9), (0xAE, 0xAE), (0x203C, 0x203C),
    (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x2199), (0x21A9, 0x21AA),
    (0x2328, 0x2328), (0x23CF, 0x23CF), (0x23ED, 0x23EF), (0x23F1, 0x23F2), (0x23F8, 0x23FA),
    (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6), (0x25C0, 0x25C0), (0x25FB, 0x25FC),
    (0x2600, 0x2604), (0x260E, 0x260E), (0x2611, 0x2611), (0x2618, 0x2618), (0x261D, 0x261D),
    (0x2620, 0x2620), (0x2622, 0x2623), (0x2626, 0x2626), (0x262A, 0x262A), (0x262E, 0x262F),
    (0x2638, 0x263A), (0x2640, 0x2640), (0x2642, 0x2642), (0x265F, 0x2660), (0x2663, 0x2663),
    (0x2665, 0x2666), (0x2668, 0x2668), (0x267B, 0x267B), (0x267E, 0x267E), (0x2692, 0x2692),
    (0x2694, 0x2697), (0x2699, 0x2699), (0x269B, 0x269C), (0x26A0, 0x26A0), (0x26A7, 0x26A7),
    (0x26B0, 0x26B1), (0x26C8, 0x26C8), (0x26CF, 0x26CF), (0x26D1, 0x26D1), (0x26D3, 0x26D3),
    (0x26E9, 0x26E9), (0x26F0, 0x26F1), (0x26F4, 0x26F4), (0x26F7, 0x26F9), (0x2702, 0x2702),
    (0x2708, 0x2709), (0x270C, 0x270D), (0x270F, 0x270F), (0x2712, 0x2712), (0x2714, 0x2714),
    (0x2716, 0x2716), (0x271D, 0x271D), (0x2721, 0x2721), (0x2733, 0x2734), (0x2744, 0x2744),
    (0x2747, 0x2747), (0x2763, 0x2764), (0x27A1, 0x27A1), (0x2934, 0x2935), (0x2B05, 0x2B07),
    (0x1F170, 0x1F171), (0x1F17E, 0x1F17F), (0x1F321, 0x1F321), (0x1F324, 0x1F32C),
    (0x1F336, 0x1F336), (0x1F37D, 0x1F37D), (0x1F396, 0x1F397), (0x1F399, 0x1F39B),
    (0x1F39E, 0x1F39F), (0x1F3CB, 0x1F3CE), (0x1F3D4, 0x1F3DF), (0x1F3F3, 0x1F3F3),
    (0x1F3F5, 0x1F3F5), (0x1F3F7, 0x1F3F7), (0x1F43F, 0x1F43F), (0x1F441, 0x1F441),
    (0x1F4FD, 0x1F4FD), (0x1F549, 0x1F54A), (0x1F56F, 0x1F570), (0x1F573, 0x1F579),
    (0x1F587, 0x1F587), (0x1F58A, 0x1F58D), (0x1F590, 0x1F590), (0x1F5A5, 0x1F5A5),
    (0x1F5A8, 0x1F5A8), (0x1F5B1, 0x1F5B2), (0x1F5BC, 0x1F5BC), (0x1F5C2, 0x1F5C4),
    (0x1F5D1, 0x1F5D3), (0x1F5DC, 0x1F5DE), (0x1F5E1, 0x1F5E1), (0x1F5E3, 0x1F5E3),
    (0x1F5E8, 0x1F5E8), (0x1F5EF, 0x1F5EF), (0x1F5F3, 0x1F5F3), (0x1F5FA, 0x1F5FA),
    (0x1F6CB, 0x1F6CB), (0x1F6CD, 0x1F6CF), (0x1F6E0, 0x1F6E5), (0x1F6E9, 0x1F6E9),
    (0x1F6F0, 0x1F6F0), (0x1F6F3, 0x1F6F3),
)
_STARTS = [low for low, _high in VS16_WIDENS]

# A cluster: two regional indicators (a flag), or a character followed by emoji modifiers —
# variation selectors, keycap, skin tones, tag characters — and ZWJ-joined pictographs. The
# ZWJ part only joins symbols (U+2000 and up, outside the Arabic presentation forms), never two
# Persian letters, whose ZWJ is a shaping control the layout handles — nor the format controls
# of General Punctuation (ZWNJ, ZWJ, bidi marks and isolates, U+2000–203B and U+2060–206F):
# "ZWNJ ZWJ ZWNJ" was once kept as one "emoji" and drawn, controls and all.
_PICTO = "\u00a9\u00ae\u203c\u2049\u2100-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
_EXTEND = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"


@cache
def _cluster() -> re.Pattern[str]:
    """The cluster regex, compiled on first use: only text with an emoji modifier, a ZWJ or a
    regional indicator (`_MAYBE`) is searched with it, and compiling its large classes at
    import was ~1.7 ms of every start (docs/performance.md, round 5)."""
    return re.compile(
        "[\U0001f1e6-\U0001f1ff]{2}"
        f"|[^\\s][{_EXTEND}]+(?:\u200d[{_PICTO}][{_EXTEND}]*)*"
        f"|[{_PICTO}](?:\u200d[{_PICTO}][{_EXTEND}]*)+"
    )


_MAYBE = re.compile(f"[{_EXTEND}\u200d\U0001f1e6-\U0001f1ff]")


def widened_by_vs16(char: str) -> bool:
    """True when `char` + VS16 takes two cells although `char` alone takes one."""
    code = ord(char)
    index = bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= VS16_WIDENS[index][1]


def clusters(text: str) -> list[tuple[int, int]]:
    """(start, end) of every emoji cluster longer than one code point in `text`."""
    if _MAYBE.search(text) is None:
        return []
    return [match.span() for match in _cluster().finditer(text)
            if match.end() - match.start() > 1]
