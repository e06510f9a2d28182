"""Related news computed from the cache, for articles the site gave no related list.

The article's most distinctive words (title first, then lead; the rarest in the cache win, per the
FTS vocabulary's document counts) form an OR query; the hits are ranked with bm25, articles of the
same category first, then topped up with the category's newest articles when too few matched.
"""

from __future__ import annotations

import sqlite3

from madara_tui.models import Related
from madara_tui.store.ranking import TITLE_WEIGHT
from madara_tui.store.search_query import fold, token_spans
from madara_tui.text import search_key

RELATED_COUNT = 5
MAX_TERMS = 8
SUMMARY_CHARS = 200

# Function words, in search-key form (no ZWNJ, ی/ک): they say nothing about what a story is about.
STOPWORDS = frozenset({
    "و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "تا", "هم",
    "شد", "شده", "شود", "می", "ها", "های", "بود", "کرد", "کند", "کرده", "خود", "نیز", "یا",
    "اما", "پس", "بر", "هر", "دارد", "باید", "گفت", "وی", "او", "ما", "شما", "آنها", "اینکه",
    "چه", "بی", "نه", "ای", "اند", "ان",
})


def _terms(text: str) -> list[str]:
    key = search_key(text)
    words = (fold(key[start:end]) for start, end in token_spans(key))
    return [w for w in words if len(w) >= 2 and w not in STOPWORDS]


def _document_counts(conn: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        row = conn.execute("SELECT doc FROM article_vocab WHERE term = ?", (term,)).fetchone()
        counts[term] = int(row[0]) if row else 0
    return counts


def distinctive_terms(conn: sqlite3.Connection, title: str, lead: str) -> list[str]:
    """Up to MAX_TERMS words of the article that some other cached article shares, rarest first
    (title words before lead words at equal rarity)."""
    title_terms = _terms(title)
    ordered = list(dict.fromkeys([*title_terms, *_terms(lead)]))
    counts = _document_counts(conn, ordered)
    in_title = set(title_terms)
    shared = [t for t in ordered if counts[t] >= 2]
    shared.sort(key=lambda t: (counts[t], t not in in_title))
    return shared[:MAX_TERMS]


def _related(row: sqlite3.Row) -> Related:
    lead = str(row["lead"])
    summary = lead if len(lead) <= SUMMARY_CHARS else lead[: SUMMARY_CHARS - 1] + "…"
    return Related(title=row["title"], url=row["url"], summary=summary,
                   article_id=int(row["id"]), computed=True)


def compute_related(conn: sqlite3.Connection, pk: int) -> list[Related]:
    """Up to RELATED_COUNT related articles of the same source, never the article itself."""
    me = conn.execute(
        "SELECT source, title, lead, category FROM articles WHERE pk = ?", (pk,)
    ).fetchone()
    if me is None:
        return []
    chosen: list[sqlite3.Row] = []
    terms = distinctive_terms(conn, me["title"], me["lead"])
    if terms:
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = conn.execute(
            "SELECT a.pk, a.id, a.url, a.title, a.lead, a.category, "
            f"bm25(article_fts, {TITLE_WEIGHT}, 4.0, 1.0) AS score "
            "FROM article_fts JOIN articles a ON a.pk = article_fts.rowid "
            "WHERE article_fts MATCH ? AND a.source = ? AND a.pk != ? "
            "ORDER BY score LIMIT 50",
            (match, me["source"], pk),
        ).fetchall()
        same = me["category"]
        chosen = sorted(rows, key=lambda r: (not same or r["category"] != same, r["score"]))
        chosen = chosen[:RELATED_COUNT]
    if len(chosen) < RELATED_COUNT and me["category"]:
        seen = {pk, *(r["pk"] for r in chosen)}
        marks = ",".join("?" * len(seen))
        chosen += conn.execute(
            "SELECT a.pk, a.id, a.url, a.title, a.lead FROM articles a "
            "JOIN article_categories c ON c.art = a.pk AND c.name = ? "
            f"WHERE a.source = ? AND a.pk NOT IN ({marks}) "
            "ORDER BY a.published_ts DESC, a.id DESC LIMIT ?",
            (me["category"], me["source"], *seen, RELATED_COUNT - len(chosen)),
        ).fetchall()
    return [_related(row) for row in chosen]
