"""The benchmark datasets: the same generated articles in our cache and in newsboat's.

Articles come from the demo site's generated mode (`generate_content`), so the first N of a
bigger set are exactly the N of a smaller one: the 10k cache is grown into the 50k one and that
into the 100k one. Our cache is filled through `Store.upsert_articles`, in batches like a refresh;
newsboat's is written directly in its own SQLite schema (as newsboat 2.21 creates it), with the
article HTML as its content. The newest article's title starts with `TOKEN`, so a poll of the
screen can tell when the first headline is drawn, on both sides.
"""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
from datetime import UTC
from pathlib import Path

from madara_tui.demo.content import DemoArticle, DemoContent
from madara_tui.demo.generate import generate_content
from madara_tui.demo.render import permalink_path
from madara_tui.models import Article, Block, BlockKind
from madara_tui.store import Store

SOURCE = "http://127.0.0.1:47410"
"""The source URL of every cached article: the demo site's fixed URL, which the reader uses
when started with --offline and no site configured."""
FEED_URL = f"{SOURCE}/feed/"
"""The one feed newsboat holds the same articles under."""
FEED_TITLE = "BENCHFEED خبرهای مدارا"
TOKEN = "BENCHTOP"
"""Latin letters at the start of the newest title: found in the screen whatever the bidi mode."""
BATCH = 1000

_BLOCK = re.compile(r"<(p|h3|li)>(.*?)</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")

NEWSBOAT_SCHEMA = (
    "CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) "
    "NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, "
    "is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT \"\")",
    "CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) "
    "NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) "
    "NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content "
    "VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), "
    "enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), "
    "deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT \"\")",
    "CREATE TABLE google_replay (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid "
    "VARCHAR(64) NOT NULL,  state INTEGER NOT NULL,  ts INTEGER NOT NULL )",
    "CREATE INDEX idx_rssurl ON rss_feed(rssurl)",
    "CREATE INDEX idx_guid ON rss_item(guid)",
    "CREATE INDEX idx_feedurl ON rss_item(feedurl)",
    "CREATE INDEX idx_lastmodified ON rss_feed(lastmodified)",
    "CREATE INDEX idx_deleted ON rss_item(deleted)",
    "CREATE TABLE metadata (  db_schema_version_major INTEGER NOT NULL,  "
    "db_schema_version_minor INTEGER NOT NULL )",
    "INSERT INTO metadata VALUES (2, 11)",
)
"""newsboat 2.21's cache schema, as `newsboat -x reload` writes it into an empty cache file."""

NEWSBOAT_CONFIG = (
    "article-sort-order date-asc\n"
    "show-read-feeds yes\n"
    "auto-reload no\n"
    "confirm-exit no\n"
    "cleanup-on-quit no\n"
)


def content(n: int) -> DemoContent:
    """The generated content of the datasets (n articles, newest first)."""
    return generate_content(n, seed=1)


def _title(article: DemoArticle, newest: bool) -> str:
    return f"{TOKEN} {article.title}" if newest else article.title


def to_article(site: DemoContent, article: DemoArticle, newest: bool = False) -> Article:
    """The article as our client would have stored it from the site (plain-text blocks)."""
    blocks: list[Block] = []
    for tag, inner in _BLOCK.findall("\n".join(site.body(article))):
        kind = {"p": BlockKind.PARAGRAPH, "h3": BlockKind.HEADING, "li": BlockKind.LIST_ITEM}[tag]
        text = html.unescape(_TAGS.sub("", inner)).strip()
        blocks.append(Block(kind=kind, text=text, level={"h3": 3, "li": 1}.get(tag, 0)))
    return Article(
        id=article.id, source=SOURCE, url=f"{SOURCE}{permalink_path(article)}",
        title=_title(article, newest), published=article.date, lead=site.lead(article),
        blocks=tuple(blocks), categories=(site.category_of(article).name,),
        code=str(article.id), author=site.author_of(article).name,
        comments_open=article.comments_open,
    )


def _fill_store(data_dir: Path, site: DemoContent, start: int, stop: int) -> None:
    with Store(data_dir) as store:
        for first in range(start, stop, BATCH):
            chunk = site.articles[first:min(stop, first + BATCH)]
            store.upsert_articles([to_article(site, a, newest=a is site.articles[0])
                                   for a in chunk])


def build_ours(root: Path, site: DemoContent, sizes: list[int]) -> dict[int, Path]:
    """Our data directories, `root/ours-<n>` for each size (reused when already built)."""
    dirs: dict[int, Path] = {}
    previous: tuple[int, Path] | None = None
    for n in sorted(sizes):
        target = root / f"ours-{n}"
        if not (target / ".built").exists():
            shutil.rmtree(target, ignore_errors=True)
            start = 0
            if previous is not None:
                shutil.copytree(previous[1], target, ignore=shutil.ignore_patterns(".built"))
                start = previous[0]
            _fill_store(target, site, start, n)
            (target / ".built").write_text(str(n))
        dirs[n] = target
        previous = (n, target)
    return dirs


def build_newsboat(root: Path, site: DemoContent, n: int) -> Path:
    """newsboat's files for the first n articles, `root/newsboat-<n>/{cache.db,urls,config}`
    (reused when already built)."""
    target = root / f"newsboat-{n}"
    if (target / ".built").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "urls").write_text(FEED_URL + "\n")
    (target / "config").write_text(NEWSBOAT_CONFIG)
    db = sqlite3.connect(target / "cache.db")
    try:
        with db:
            for statement in NEWSBOAT_SCHEMA:
                db.execute(statement)
            db.execute("INSERT INTO rss_feed (rssurl, url, title, lastmodified) "
                       "VALUES (?, ?, ?, 0)", (FEED_URL, SOURCE, FEED_TITLE))
            db.executemany(
                "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, "
                "unread, enclosure_url, enclosure_type, enqueued, flags, deleted, base) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 1, '', '', 0, '', 0, '')",
                ((f"{SOURCE}/?p={a.id}", _title(a, i == 0), site.author_of(a).name,
                  f"{SOURCE}{permalink_path(a)}", FEED_URL,
                  int(a.date.astimezone(UTC).timestamp()), "\n".join(site.body(a)))
                 for i, a in enumerate(site.articles[:n])),
            )
    finally:
        db.close()
    (target / ".built").write_text(str(n))
    return target


def fresh_newsboat_copy(built: Path, into: Path) -> Path:
    """A copy of newsboat's files to run against, so nothing a run writes (its lock, marks)
    carries into the next run."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(built, into, ignore=shutil.ignore_patterns(".built"))
    return into
