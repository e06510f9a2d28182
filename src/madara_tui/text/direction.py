"""The base direction of a paragraph: by its first strong character, or by its language.

UAX #9 (rules P2–P3) takes the first strong character: `UNESCO امروز اعلام کرد.` is then laid out
left to right, and a Persian reader meets its subject last with the period on the wrong side.
Text from a right-to-left source (a Persian site, a Persian comment) is Persian whenever it has a
single RTL character, whatever it starts with: a Latin name, a digit, a bracket or a date. So for
such text (`direction="content"`) the base is RTL when the paragraph holds any RTL letter or
Persian/Arabic digit, and LTR only when it holds none.
"""

from __future__ import annotations

import re

from madara_tui.text.levels import first_strong_level, outside_isolates

DIRECTIONS = ("auto", "content", "rtl", "ltr")
"""`auto`: first strong character (UAX #9); `content`: RTL when any RTL character (text from an
RTL source); `rtl`/`ltr`: as given (an HTML `dir` attribute, code blocks)."""

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and presentation
# forms, and the RTL planes of the SMP: any of them makes text from an RTL source RTL. The
# Arabic-script digits (U+0660–0669, U+06F0–06F9) are in these blocks on purpose: a line of only
# a Persian date is Persian.
_RTL_CHAR = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def has_rtl(text: str) -> bool:
    """True when `text` holds a right-to-left letter or an Arabic-script digit."""
    return _RTL_CHAR.search(text) is not None


def base_of(text: str, direction: str) -> int:
    """The paragraph embedding level (0 = LTR, 1 = RTL) of `text` for `direction`.

    Raises ValueError for a direction not in `DIRECTIONS`.
    """
    if direction == "rtl":
        return 1
    if direction == "ltr":
        return 0
    # A name the interface isolated in its own sentence (FSI … PDI) does not decide the
    # sentence's direction: "3 comments by مریم" stays an English line.
    if direction == "content":
        return 1 if has_rtl(outside_isolates(text)) else 0
    if direction == "auto":
        return first_strong_level(outside_isolates(text))
    raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
