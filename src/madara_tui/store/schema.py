"""The two schemas, as ordered migrations (`PRAGMA user_version` counts the steps applied).

Never edit a step that has shipped: append a new one.

The cache keeps articles under an internal integer key `pk` (the FTS rowid); the public key is
(source, id). `published_ts` (UTC epoch seconds) orders the headline list; the ISO `published`
text keeps the site's own offset for display. Triggers keep the FTS index, the category links and
the comments in step with the article rows, so a delete can never leave half an article behind.
"""

from __future__ import annotations

SEARCH_REKEY_TABLE = """CREATE TABLE search_rekey (
    next_pk INTEGER NOT NULL,
    last_pk INTEGER NOT NULL
)"""
"""One row while articles next_pk … last_pk may hold search keys by older rules (`store.rekey`)."""

CACHE_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            pk INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            id INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            lead TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL,
            published_ts INTEGER NOT NULL,
            modified TEXT,
            author TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            categories TEXT NOT NULL DEFAULT '[]',
            blocks TEXT NOT NULL DEFAULT '[]',
            related TEXT NOT NULL DEFAULT '[]',
            form TEXT,
            comments_open INTEGER NOT NULL DEFAULT 1,
            complete INTEGER NOT NULL DEFAULT 0,
            hash TEXT NOT NULL,
            stored_ts INTEGER NOT NULL,
            UNIQUE (source, id)
        )""",
        # The headline list walks this index newest first; `source` rides along so the unread and
        # bookmarked filters (keyed by source, id) are answered from the index alone.
        "CREATE INDEX articles_by_time ON articles (published_ts DESC, id DESC, source)",
        "CREATE INDEX articles_by_source_time ON articles (source, published_ts DESC, id DESC)",
        "CREATE INDEX articles_by_id ON articles (id)",
        """CREATE TABLE article_categories (
            name TEXT NOT NULL,
            art INTEGER NOT NULL,
            PRIMARY KEY (name, art)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_categories_by_art ON article_categories (art)",
        # Own-content FTS table holding the search keys (not the display text). Contentless tables
        # need the old values to delete a row, and SQLite 3.40 has no contentless_delete.
        """CREATE VIRTUAL TABLE article_fts USING fts5 (
            title, lead, body,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        )""",
        "CREATE VIRTUAL TABLE article_vocab USING fts5vocab (article_fts, row)",
        """CREATE TABLE categories (
            source TEXT NOT NULL,
            id INTEGER NOT NULL,
            name TEXT NOT NULL,
            slug TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            parent INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (source, id)
        )""",
        """CREATE TABLE comments (
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            id INTEGER NOT NULL,
            parent INTEGER NOT NULL,
            author TEXT NOT NULL,
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            author_url TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (source, article_id, id)
        )""",
        """CREATE TABLE validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            stored_ts INTEGER NOT NULL
        )""",
        """CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
            DELETE FROM article_fts WHERE rowid = old.pk;
            DELETE FROM article_categories WHERE art = old.pk;
            DELETE FROM comments WHERE source = old.source AND article_id = old.id;
        END""",
    ),
    (
        # Related items on article pages link by permalink: find the cached article behind one.
        "CREATE INDEX articles_by_url ON articles (source, url)",
    ),
    (
        # Search keys v2 (hamza on a seat → ء, ھ → ه): every cached article holds old keys.
        # This step once re-keyed them all here, before the reader's first frame (minutes at
        # 100k articles); it now records them, and `store.rekey` re-keys them in batches once
        # the program is running. Caches that ran the old step get the table from step 5.
        SEARCH_REKEY_TABLE,
        "INSERT INTO search_rekey SELECT min(pk), max(pk) FROM articles HAVING count(*) > 0",
    ),
    (
        # The featured image as JSON {"url", "alt"}; NULL when the post has none.
        "ALTER TABLE articles ADD COLUMN featured TEXT",
    ),
    (
        # The body is only a feed's summary (no full text from the feed nor its page).
        "ALTER TABLE articles ADD COLUMN summary_only INTEGER NOT NULL DEFAULT 0",
    ),
    (
        # Step 2 re-keyed in place when these caches ran it: nothing is left to re-key.
        SEARCH_REKEY_TABLE.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"),
    ),
)


USER_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE read_marks (
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            read_ts INTEGER NOT NULL,
            PRIMARY KEY (source, article_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE bookmarks (
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            created_ts INTEGER NOT NULL,
            PRIMARY KEY (source, article_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE positions (
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            updated_ts INTEGER NOT NULL,
            PRIMARY KEY (source, article_id)
        ) WITHOUT ROWID""",
        """CREATE TABLE prefs (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE drafts (
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            parent INTEGER NOT NULL DEFAULT 0,
            author TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            updated_ts INTEGER NOT NULL,
            PRIMARY KEY (source, article_id, parent)
        )""",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            article_id INTEGER NOT NULL,
            parent INTEGER NOT NULL DEFAULT 0,
            author TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL DEFAULT '',
            comment_id INTEGER,
            not_before TEXT
        )""",
        "CREATE INDEX outbox_by_state ON outbox (state)",
    ),
    (
        # The reading position is restored to the row, not just the paragraph.
        "ALTER TABLE positions ADD COLUMN row_offset INTEGER NOT NULL DEFAULT 0",
    ),
    (
        # The open store (`store.owners`) whose process is sending the item: only a claim
        # whose owner is gone is an unfinished send.
        "ALTER TABLE outbox ADD COLUMN owner TEXT",
    ),
    (
        # The address WordPress answered a held comment with (`?unapproved=N&moderation-hash=H`):
        # it shows the held comment to its author, so the reader can tell when the site drops it.
        "ALTER TABLE outbox ADD COLUMN held_link TEXT NOT NULL DEFAULT ''",
    ),
)
