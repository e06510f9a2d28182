"""Keys pressed with the Persian keyboard layout on.

A reader who keeps the standard Persian layout (ISIRI 9147) on presses `ت` where `j` is and `ض`
where `q` is; the terminal sends the Persian letter, and no binding knows it. This module holds
the one table of that layout — which character each key gives, for the keys the reader binds —
and the app (`MadaraApp.on_event`) reads a Persian key as the Latin key at the same place, unless
a text field takes the letter or a binding was made for the Persian key itself. So every binding,
and every binding remapped through `[keymap]`, also answers to its Persian key; the help screen
shows both.
"""

from __future__ import annotations

from typing import Final

PERSIAN_LAYOUT: Final[dict[str, str]] = {
    # Base level of the letter rows (xkb-data `symbols/ir`, variant "pes").
    "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع", "i": "ه",
    "o": "خ", "p": "ح", "[": "ج", "]": "چ",
    "a": "ش", "s": "س", "d": "ی", "f": "ب", "g": "ل", "h": "ا", "j": "ت", "k": "ن",
    "l": "م", ";": "ک", "'": "گ",
    "z": "ظ", "x": "ط", "c": "ز", "v": "ر", "b": "ذ", "n": "د", "m": "پ", ",": "و",
    # The digit row types Persian digits.
    "1": "۱", "2": "۲", "3": "۳", "4": "۴", "5": "۵", "6": "۶", "7": "۷", "8": "۸",
    "9": "۹", "0": "۰",
    # Shift level, where it is a character of its own (Shift+B is the half-space, Shift+O/P
    # give ASCII brackets: those stay out, they would clash with the keys themselves).
    "Q": "ْ", "W": "ٌ", "E": "ٍ", "R": "ً", "T": "ُ", "Y": "ِ", "U": "َ", "I": "ّ",
    "A": "ؤ", "S": "ئ", "D": "ي", "F": "إ", "G": "أ", "H": "آ", "J": "ة", "K": "»",
    "L": "«", "Z": "ك", "X": "ٓ", "C": "ژ", "V": "ٰ", "N": "ٔ", "M": "ء",
    "?": "؟",
}
"""Latin key (the character the US layout gives) → the character the Persian layout gives at
the same place. `.`, `/`, `\\`, `-`, `=` and the space bar give the same character on both."""

LATIN_AT: Final[dict[str, str]] = {persian: latin for latin, persian in PERSIAN_LAYOUT.items()}
"""Persian character → the Latin key at its place."""

_KEY_NAMES: Final[dict[str, str]] = {
    "[": "left_square_bracket", "]": "right_square_bracket", ";": "semicolon",
    "'": "apostrophe", ",": "comma", "?": "question_mark",
}
"""Textual's key names for the non-alphanumeric Latin keys in the table."""
_CHARS_OF: Final[dict[str, str]] = {name: char for char, name in _KEY_NAMES.items()}


def latin_key(character: str | None) -> tuple[str, str] | None:
    """(Textual key name, character) of the Latin key at the place of a Persian `character`,
    or None when `character` is not in the Persian layout's table."""
    if character is None:
        return None
    latin = LATIN_AT.get(character)
    if latin is None:
        return None
    return _KEY_NAMES.get(latin, latin), latin


def persian_key(key: str) -> str | None:
    """The Persian layout's character at the place of Textual key `key` ("j", "G",
    "question_mark", …), or None."""
    return PERSIAN_LAYOUT.get(_CHARS_OF.get(key, key))


def with_persian_keys(keys: str) -> str:
    """A binding's comma-separated keys with the Persian key after each key that has one
    ("down,j" → "down,j,ت"): how the help screen shows them."""
    out: list[str] = []
    for key in (part.strip() for part in keys.split(",")):
        out.append(key)
        persian = persian_key(key)
        if persian is not None and persian not in out:
            out.append(persian)
    return ",".join(out)
