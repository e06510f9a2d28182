"""Persian digits and the normalized search key."""

from __future__ import annotations

import re
import unicodedata

_TO_PERSIAN = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹" * 2)
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
# Letters written in their Arabic variants → the Persian letter; ZWNJ, tatweel, bidi marks gone.
_SEARCH = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "\u06be": "ه",
    "\u200c": None, "\u200d": None, "\u0640": None,
    "\u200e": None, "\u200f": None, "\u061c": None,
})
_SPACES = re.compile(r"\s+")
# A hamza on a seat (ئ ؤ أ إ, decomposed by NFKD into seat + U+0654/0655): one letter ء, so the
# spellings مسئول/مسؤول and هیئت/هیأت share a key (the query side adds the seatless spellings
# مسوول, هیات; see `hamza_variants`). ۀ (heh + hamza, the ezafe) is not a seat: its hamza goes.
_SEATED_HAMZA = re.compile("[\u064a\u06cc\u0649\u0648\u0627][\u0654\u0655]")
_SEATS = "ویا"


def to_persian_digits(value: str | int) -> str:
    """`value` with ASCII and Arabic-Indic digits written as Persian digits (۰–۹)."""
    return str(value).translate(_TO_PERSIAN)


def to_ascii_digits(text: str) -> str:
    """`text` with Persian and Arabic-Indic digits written as ASCII digits."""
    return text.translate(_TO_ASCII)


def search_key(text: str) -> str:
    """The form of `text` to index and search on, never to show.

    ي/ى→ی, ك→ک, ھ→ه; a hamza on a seat (ئ ؤ أ إ) → ء; ZWNJ, ZWJ, tatweel, bidi marks and
    diacritics (harakat, ezafe hamza) dropped; NFKC (which folds presentation forms back to
    letters); all digits ASCII; Latin lower-cased; whitespace runs → one space, ends stripped.
    """
    # NFKD folds presentation forms and splits marks off letters such as آ, أ, ۀ.
    decomposed = _SEATED_HAMZA.sub("ء", unicodedata.normalize("NFKD", text))
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SEARCH)
    text = unicodedata.normalize("NFKC", text).translate(_TO_ASCII).lower()
    return _SPACES.sub(" ", text).strip()


def hamza_variants(word: str) -> list[str]:
    """Other spellings of a search-key word that differ only in a hamza: with ء, the seat letters
    people write instead (مسءول → مسوول, مسیول, مساول); without, ء in place of each inner و/ی/ا
    (مسوول → مسءول, مسوءل). Used to widen a query, never to build the index."""
    out: list[str] = []
    inner = range(1, len(word) - 1)
    if "ء" in word:
        for seat in _SEATS:
            out.append(word.replace("ء", seat))
        return out
    for index in inner:
        if word[index] in _SEATS:
            out.append(word[:index] + "ء" + word[index + 1:])
    return out
