"""Full-text search: ranked hits with snippets of the original text.

The query is built by `store.search_query`, the ranking is `store.ranking`.

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
from functools import lru_cache

from madara_tui.models import SearchHit
from madara_tui.store.codec import body_text_from_json
from madara_tui.store.queries import HEADLINE_COLUMNS, Filters, headline_from_row
from madara_tui.store.ranking import ranked
from madara_tui.store.search_query import Query, fold, indexed, parse_query, token_spans
from madara_tui.text import search_key

SNIPPET_CHARS = 160
"""Longest snippet, before the ellipses."""
_LEAD_IN = 40
"""Characters of context kept before the first hit."""
ELLIPSIS = "…"


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
    """Ranked hits for `text` (see `store.ranking`), best first."""
    query = parse_query(text)
    if query is None or limit <= 0:
        return []
    query = indexed(conn, query)
    where, params = filters.where()
    # Rank first, then read the columns of the best `limit` only: selecting them in the ranking
    # query put every match's body and read/bookmark flags into the sorter (a broad query has
    # half the cache as matches).
    best = ranked(conn, query.fts, query.phrase, where, params, limit)
    if not best:
        return []
    marks = ", ".join("?" * len(best))
    rows = {row["pk"]: row for row in conn.execute(
        f"SELECT {HEADLINE_COLUMNS}, a.pk AS pk, a.lead, a.blocks FROM articles a "
        f"WHERE a.pk IN ({marks})", [pk for pk, _ in best]).fetchall()}
    results: list[SearchHit] = []
    for pk, score in best:
        row = rows[pk]
        body = body_text_from_json(row["blocks"])
        snippet, spans = snippet_for(row["title"], row["lead"], body, query)
        # bm25 is lower-is-better; SearchHit.rank is higher-is-better.
        results.append(SearchHit(
            headline=headline_from_row(row), snippet=snippet, hits=spans, rank=-score,
        ))
    return results


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
