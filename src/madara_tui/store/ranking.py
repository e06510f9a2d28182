"""Which matches of a search come first: documents holding the query's words as a phrase, then
the rest, each group by bm25 (the title weighing most), ties by the older row first.

bm25 is most of the cost of a search whose words are in half the cache: each scored match costs
FTS5 a look-up of its length in `article_fts_docsize` and a walk over its hits.
"""

from __future__ import annotations

import sqlite3

TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0
SCORE = f"bm25(article_fts, {TITLE_WEIGHT}, {LEAD_WEIGHT}, {BODY_WEIGHT})"
"""Lower is better (FTS5's bm25 is negated)."""


def ranked(conn: sqlite3.Connection, fts: str, phrase: str | None, where: str,
           params: list[object], limit: int) -> list[tuple[int, float]]:
    """(pk, score) of the best `limit` matches of `fts` under the filter `where` (over
    `articles a`): those holding `phrase` first, then by score, then by pk."""
    if phrase is not None and not _phrase_everywhere(conn, fts, phrase):
        return _best(conn, fts, where, params, limit, phrase=phrase)
    # Every match holds the phrase (or there is none), so it orders nothing; testing each match
    # against the phrase's rowids was a third of a search whose words are mostly written
    # together.
    return _best(conn, fts, where, params, limit)


def _phrase_everywhere(conn: sqlite3.Connection, fts: str, phrase: str) -> bool:
    """Whether every document matching `fts` also holds `phrase` (counted by the index
    alone, without ranking).

    Testing only the best matches by score for the phrase instead would look cheaper, but a
    phrase ending in a prefix (the word being typed) is expanded again for each document FTS5
    is asked about: 50 of them cost several times this count."""
    row = conn.execute("SELECT count(*) FROM article_fts WHERE article_fts MATCH ?",
                       [f"({fts}) NOT ({phrase})"]).fetchone()
    return bool(row[0] == 0)


def _best(conn: sqlite3.Connection, fts: str, where: str, params: list[object], limit: int,
          *, phrase: str | None = None) -> list[tuple[int, float]]:
    """The best `limit` matches of `fts`, those holding `phrase` (when given) first."""
    if phrase is None:
        first, phrase_params = "", []
    else:
        first = ("(article_fts.rowid IN (SELECT rowid FROM article_fts "
                 "WHERE article_fts MATCH ?)) DESC, ")
        phrase_params = [phrase]
    if where == "1":
        # Without filters the ranking needs the index alone.
        sql = (f"SELECT article_fts.rowid AS pk, {SCORE} AS score FROM article_fts "
               f"WHERE article_fts MATCH ? ORDER BY {first}score, pk LIMIT ?")
        args = [fts, *phrase_params, limit]
    else:
        sql = (f"SELECT a.pk AS pk, {SCORE} AS score "
               "FROM article_fts JOIN articles a ON a.pk = article_fts.rowid "
               f"WHERE article_fts MATCH ? AND {where} ORDER BY {first}score, pk LIMIT ?")
        args = [fts, *params, *phrase_params, limit]
    return [(int(pk), float(score)) for pk, score in conn.execute(sql, args).fetchall()]
