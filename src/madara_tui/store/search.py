"""Full-text search: the FTS5 query from user input, ranking, and snippets with hit spans.

The index holds `search_key` of the title, the lead and the body (ي/ی, ك/ک, ZWNJ, diacritics and
digit kinds folded), so the query goes through the same key. Each word of the query is quoted, so
no input can break the FTS5 syntax (`"`, `*`, `AND`, `NEAR(`, `^` are just text); the words are
AND-ed and the last one matches as a prefix while the user is still typing it.

Snippets quote the ORIGINAL text, not the key. The original is cut into words at whitespace and
punctuation (a word keeps its ZWNJs, marks and bidi marks), each word goes through `search_key`
(the very function that built the index, memoized per word) and the FTS tokenizer's word rule;
a word whose key holds a query term is a hit, and its span in the original is what the UI
highlights. Keying whole words rather than single characters keeps the mapping exact where the
key of a word is not the sum of the keys of its letters, and only the snippet's window is
scanned.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import lru_cache

from madara_tui.models import SearchHit
from madara_tui.records import record
from madara_tui.store.codec import blocks_from_json, body_text
from madara_tui.store.queries import HEADLINE_COLUMNS, Filters, headline_from_row
from madara_tui.text import search_key
from madara_tui.text.persian import hamza_variants

TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0
SNIPPET_CHARS = 160
"""Longest snippet, before the ellipses."""
_LEAD_IN = 40
"""Characters of context kept before the first hit."""
ELLIPSIS = "…"


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
    clauses = []
    for number, unit in enumerate(units):
        last = as_prefix and number == len(units) - 1
        options = []
        for form in _spellings(unit):
            quoted = [_quote(word) for word in form]
            if last:
                quoted[-1] += "*"
                prefixes.add(fold(form[-1]))
                exact.update(fold(word) for word in form[:-1])
            else:
                exact.update(fold(word) for word in form)
            options.append(" + ".join(quoted))
        clauses.append("(" + " OR ".join(options) + ")")
    phrase = None
    if len(words) > 1:
        quoted = [_quote(word) for word in words]
        if as_prefix:
            quoted[-1] += "*"
        phrase = " + ".join(quoted)
    folded = [fold(word) for word in words]
    return Query(" AND ".join(clauses), frozenset(exact),
                 folded[-1] if as_prefix else None, phrase, frozenset(prefixes))


# Where the original text splits into words: whitespace and the punctuation and symbols news text
# uses (Persian and Latin). Anything rarer stays inside a word, whose key then simply holds
# several FTS tokens.
_WORD = re.compile(
    r"[^\s.,;:!?()\[\]{}«»\"'“”‘’‹›،؛؟٪٫٬/\\\-–—…|<>*+=&^%$#@~`_·•]+"
)


@lru_cache(maxsize=65_536)
def _word_terms(word: str) -> tuple[str, ...]:
    key = search_key(word)
    return tuple(fold(key[start:end]) for start, end in token_spans(key))


@lru_cache(maxsize=65_536)
def _is_hit(word: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    # Memoized per word and query: a search reads the same words in most of its snippets, and
    # keying, folding and comparing each again was most of the Python time of a search.
    return any(term in exact or term.startswith(prefixes) for term in _word_terms(word))


def find_hits(text: str, query: Query, *, window: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the words of the ORIGINAL `text` that match `query`.

    With `window`, scanning stops `window` characters after the first hit (enough for a snippet).
    """
    prefixes = tuple(sorted(query.prefixes or (
        (query.prefix,) if query.prefix is not None else ())))
    exact = query.exact
    hits: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        if hits and window is not None and match.start() > hits[0][0] + window:
            break
        if _is_hit(match.group(), exact, prefixes):
            hits.append(match.span())
    return hits


def make_snippet(text: str, hits: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt of `text` around its first hit, and the hits' spans inside it."""
    if not text:
        return "", ()
    first = hits[0][0] if hits else 0
    start = max(0, first - _LEAD_IN)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        floor = hits[0][1] if hits else start
        space = text.rfind(" ", floor, end)
        end = space if space > floor else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    snippet = head + text[start:end].replace("\n", " ").replace("\t", " ") + tail
    shift = len(head) - start
    spans = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in hits if s < end and e > start
    )
    return snippet, spans


def snippet_for(title: str, lead: str, body: str, query: Query
                ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet to show: from the lead and body when they match, else from the title."""
    document = f"{lead}\n{body}" if lead and body else (lead or body)
    hits = find_hits(document, query, window=SNIPPET_CHARS)
    if not hits:
        title_hits = find_hits(title, query)
        if title_hits:
            return make_snippet(title, title_hits)
    return make_snippet(document, hits)


def search(conn: sqlite3.Connection, text: str, filters: Filters, limit: int) -> list[SearchHit]:
    """Ranked hits for `text` (bm25, the title weighing most), best first."""
    query = parse_query(text)
    if query is None or limit <= 0:
        return []
    where, params = filters.where()
    score = f"bm25(article_fts, {TITLE_WEIGHT}, {LEAD_WEIGHT}, {BODY_WEIGHT})"
    # Documents holding the query's words as a phrase, in order, rank above looser matches.
    phrase_params: list[object] = []
    if query.phrase is None:
        exact = "0"
    elif _phrase_everywhere(conn, query.fts, query.phrase):
        # Every match holds the phrase, so it orders nothing; testing each match against the
        # phrase's rowids was a third of a search whose words are mostly written together.
        exact = "1"
    else:
        exact = ("(article_fts.rowid IN (SELECT rowid FROM article_fts "
                 "WHERE article_fts MATCH ?))")
        phrase_params = [query.phrase]
    # Rank first, then read the columns of the best `limit` only: selecting them in the ranking
    # query put every match's body and read/bookmark flags into the sorter (a broad query has
    # half the cache as matches). Without filters the ranking needs the index alone.
    if where == "1":
        ranked = (f"SELECT rowid AS pk, {score} AS score, {exact} AS phrase FROM article_fts "
                  "WHERE article_fts MATCH ? ORDER BY phrase DESC, score LIMIT ?")
    else:
        ranked = (f"SELECT a.pk AS pk, {score} AS score, {exact} AS phrase "
                  "FROM article_fts JOIN articles a ON a.pk = article_fts.rowid "
                  f"WHERE article_fts MATCH ? AND {where} ORDER BY phrase DESC, score LIMIT ?")
    sql = (
        f"WITH ranked AS ({ranked}) "
        f"SELECT {HEADLINE_COLUMNS}, a.lead, a.blocks, ranked.score AS score "
        "FROM ranked JOIN articles a ON a.pk = ranked.pk "
        "ORDER BY ranked.phrase DESC, ranked.score, ranked.pk"
    )
    results: list[SearchHit] = []
    for row in conn.execute(sql, [*phrase_params, query.fts, *params, limit]).fetchall():
        body = body_text(blocks_from_json(row["blocks"]))
        snippet, spans = snippet_for(row["title"], row["lead"], body, query)
        # bm25 is lower-is-better; SearchHit.rank is higher-is-better.
        results.append(SearchHit(
            headline=headline_from_row(row), snippet=snippet, hits=spans, rank=-row["score"],
        ))
    return results


def _phrase_everywhere(conn: sqlite3.Connection, fts: str, phrase: str) -> bool:
    """Whether every document matching `fts` also holds `phrase` (counted by the index
    alone, without ranking)."""
    row = conn.execute("SELECT count(*) FROM article_fts WHERE article_fts MATCH ?",
                       [f"({fts}) NOT ({phrase})"]).fetchone()
    return bool(row[0] == 0)


@lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    return search_key(word)


def index_key(text: str) -> str:
    """`search_key(text)` as the FTS tokenizer sees it, built word by word: news text repeats its
    words, so memoizing per whitespace-separated word makes indexing several times faster. (Keys
    never combine across whitespace, so the tokens are the same as keying the whole text.)"""
    return " ".join(filter(None, map(_word_key, text.split())))


def index_values(title: str, lead: str, body: str) -> tuple[str, str, str]:
    """The FTS column values (search keys) for an article."""
    return index_key(title), index_key(lead), index_key(body)
