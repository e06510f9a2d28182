"""Persian digits and the normalized search key."""

from __future__ import annotations

import re
import unicodedata

_TO_PERSIAN = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹" * 2)
_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
# Letters written in their Arabic variants → the Persian letter; ZWNJ, tatweel, bidi marks gone.
_SEARCH = str.maketrans({
    "ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه",
    "\u200c": None, "\u200d": None, "\u0640": None,
    "\u200e": None, "\u200f": None, "\u061c": None,
})
_SPACES = re.compile(r"\s+")


def to_persian_digits(value: str | int) -> str:
    """`value` with ASCII and Arabic-Indic digits written as Persian digits (۰–۹)."""
    return str(value).translate(_TO_PERSIAN)


def to_ascii_digits(text: str) -> str:
    """`text` with Persian and Arabic-Indic digits written as ASCII digits."""
    return text.translate(_TO_ASCII)


def search_key(text: str) -> str:
    """The form of `text` to index and search on, never to show.

    ي/ى→ی, ك→ک; ZWNJ, ZWJ, tatweel, bidi marks and diacritics (harakat, ezafe hamza) dropped;
    NFKC (which folds presentation forms back to letters); all digits ASCII; Latin lower-cased;
    whitespace runs → one space, ends stripped.
    """
    # NFKD folds presentation forms and splits marks off letters such as آ, أ, ۀ.
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SEARCH)
    text = unicodedata.normalize("NFKC", text).translate(_TO_ASCII).lower()
    return _SPACES.sub(" ", text).strip()
