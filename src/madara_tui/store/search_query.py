"""The FTS5 query for what the user typed, and that query narrowed to what the index holds.

The index holds `search_key` of the title, the lead and the body (ي/ی, ك/ک, ZWNJ, diacritics and
digit kinds folded), so the query goes through the same key. Each word of the query is quoted, so
no input can break the FTS5 syntax (`"`, `*`, `AND`, `NEAR(`, `^` are just text); the words are
AND-ed and the last one matches as a prefix while the user is still typing it.
"""

from __future__ import annotations

import sqlite3
import unicodedata

from madara_tui.records import record, replace
from madara_tui.text import search_key
from madara_tui.text.persian import hamza_variants


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word in `text`, with the same word characters as FTS5's unicode61
    tokenizer: letters, digits, private-use characters, and the Latin combining diacritics it
    folds away. Other marks (Arabic harakat) split words there too, which is why the search key
    drops them first."""
    spans: list[tuple[int, int]] = []
    start = -1
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        inside = category[0] in "LN" or category == "Co" or 0x0300 <= ord(char) <= 0x036F
        if inside and start < 0:
            start = index
        elif not inside and start >= 0:
            spans.append((start, index))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return spans


def fold(word: str) -> str:
    """What FTS5 compares: case folded, Latin diacritics removed (`remove_diacritics 2`)."""
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(c for c in decomposed if not 0x0300 <= ord(c) <= 0x036F)
    return unicodedata.normalize("NFC", kept).casefold()


# Prefixes and suffixes written with a half-space, a space or nothing (می‌شود / می شود / میشود,
# کتاب‌ها / کتاب ها / کتابها), and the second halves of compounds written the same three ways
# (تفاهم‌نامه, بین‌المللی). The key drops ZWNJ, so the index holds the joined form or two words;
# the query asks for both.
PREFIXES = ("نمی", "می")
SUFFIXES = ("هایی", "های", "ها", "ترین", "نامه", "المللی")
_MIN_STEM = 2


@record
class Query:
    """A user query turned into FTS5 syntax plus the terms snippets highlight."""

    fts: str
    exact: frozenset[str]
    """Folded words that must match whole (every spelling the query accepts)."""
    prefix: str | None
    """The folded last word, matched as a prefix (None when the input ended with a space)."""
    phrase: str | None = None
    """The words as one FTS5 phrase (two words or more): documents holding it rank first."""
    prefixes: frozenset[str] = frozenset()
    """Every spelling of the last word matched as a prefix (empty when none is)."""
    spellings: tuple[tuple[tuple[str, ...], ...], ...] = ()
    """What `fts` is made of: each unit's spellings (the typed one first), each as its words."""


def _form(words: tuple[str, ...], as_prefix: bool) -> list[str]:
    """The FTS5 strings of a spelling's words, the last one as a prefix when `as_prefix`."""
    quoted = [_quote(word) for word in words]
    if as_prefix:
        quoted[-1] += "*"
    return quoted


def _fts(spellings: tuple[tuple[tuple[str, ...], ...], ...], as_prefix: bool) -> str:
    """Each unit as an OR of its spellings (a spelling of several words as an FTS5 phrase), the
    units AND-ed, the last unit's spellings as prefixes when `as_prefix`."""
    last = len(spellings) - 1
    return " AND ".join(
        "(" + " OR ".join(" + ".join(_form(form, as_prefix and number == last)) for form in forms)
        + ")"
        for number, forms in enumerate(spellings)
    )


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _split_forms(word: str) -> list[tuple[str, str]]:
    """The two-word spellings of a joined word: می|شود, کتاب|ها, تفاهم|نامه."""
    out = []
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            out.append((prefix, word[len(prefix):]))
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            out.append((word[:-len(suffix)], suffix))
            break
    return out


def _joins(first: str, second: str) -> bool:
    return first in PREFIXES or second in SUFFIXES


def _spellings(words: list[str]) -> list[list[str]]:
    """Every spelling of a unit (one word, or a prefix/suffix pair), each as its words."""
    joined = "".join(words)
    forms = [words] if len(words) > 1 else []
    forms.append([joined])
    forms += [list(pair) for pair in _split_forms(joined) if list(pair) != words]
    forms += [[variant] for variant in hamza_variants(joined)]
    for part_index, part in enumerate(words if len(words) > 1 else []):
        for variant in hamza_variants(part):
            forms.append([*words[:part_index], variant, *words[part_index + 1:]])
    unique: list[list[str]] = []
    for form in forms:
        if form not in unique:
            unique.append(form)
    return unique


def _units(words: list[str]) -> list[list[str]]:
    """The query's words grouped: a prefix with its word, a word with its suffix."""
    units: list[list[str]] = []
    index = 0
    while index < len(words):
        if index + 1 < len(words) and _joins(words[index], words[index + 1]):
            units.append(words[index:index + 2])
            index += 2
        else:
            units.append([words[index]])
            index += 1
    return units


def parse_query(text: str) -> Query | None:
    """The FTS5 query for `text`, or None when it holds no word at all.

    Each word (or prefix/suffix pair) matches any of its spellings — joined, split in two,
    with or without a hamza seat — and the units are AND-ed; the last one matches as a prefix
    while the user is still typing it.
    """
    key = search_key(text)
    words = [key[start:end] for start, end in token_spans(key)]
    if not words:
        return None
    as_prefix = not text[-1:].isspace()
    units = _units(words)
    exact: set[str] = set()
    prefixes: set[str] = set()
    spellings = []
    for number, unit in enumerate(units):
        last = as_prefix and number == len(units) - 1
        forms = tuple(tuple(form) for form in _spellings(unit))
        for form in forms:
            if last:
                prefixes.add(fold(form[-1]))
                exact.update(fold(word) for word in form[:-1])
            else:
                exact.update(fold(word) for word in form)
        spellings.append(forms)
    phrase = " + ".join(_form(tuple(words), as_prefix)) if len(words) > 1 else None
    folded = [fold(word) for word in words]
    return Query(_fts(tuple(spellings), as_prefix), frozenset(exact),
                 folded[-1] if as_prefix else None, phrase, frozenset(prefixes),
                 tuple(spellings))


_ANY_MATCH = "SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT 1"


def indexed(conn: sqlite3.Connection, query: Query) -> Query:
    """`query` without the other spellings (hamza seats, split or joined forms) of which some
    word is in no indexed document — usually most of them.

    Nothing else changes: such a spelling matches no document, and each spelling is a phrase of
    bm25's sum whose share is exactly 0.0 in every document that does not hold it, so the
    matches and their scores are the same; bm25 no longer walks their empty hit lists for each
    of the query's matches. The typed spelling is kept unchecked (it is seldom missing, and
    testing a common prefix would cost as much as it saves); the snippets still mark every
    spelling (`exact`, `prefixes`).
    """
    held: dict[str, bool] = {}

    def holds(pattern: str) -> bool:
        if pattern not in held:
            held[pattern] = conn.execute(_ANY_MATCH, [pattern]).fetchone() is not None
        return held[pattern]

    as_prefix = query.prefix is not None
    last = len(query.spellings) - 1
    spellings = tuple(
        (forms[0], *(form for form in forms[1:]
                     if all(map(holds, _form(form, as_prefix and number == last)))))
        for number, forms in enumerate(query.spellings)
    )
    if spellings == query.spellings:
        return query
    return replace(query, fts=_fts(spellings, as_prefix), spellings=spellings)
