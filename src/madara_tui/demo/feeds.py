"""RSS 2.0 the way WordPress's `feed-rss2.php` writes it: the site feed, category feeds, a post's
comment feed, and the generated benchmark feeds (`/feeds/<k>.xml`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from madara_tui.demo.comments import CommentBook
from madara_tui.demo.content import DemoArticle, DemoContent
from madara_tui.demo.render import (
    article_modified,
    content_html,
    permalink_path,
    rfc822,
    texturize,
)

PER_PAGE = 10
BENCH_ITEMS = 50
_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
    '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
    '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
    '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n'
)


def cdata(text: str) -> str:
    """Wrap in CDATA, splitting any `]]>` inside so the section cannot be closed early."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class FeedWriter:
    """Writes the site's feeds for one base URL."""

    def __init__(self, content: DemoContent, book: CommentBook, base: str) -> None:
        self.content = content
        self.book = book
        self.base = base
        self._bench: dict[int, tuple[str, datetime] | None] = {}
        """Rendered benchmark feeds: their articles never change, and rendering one costs more
        than a client's whole request (the benchmarks time clients, not this server)."""

    def _channel(self, title_xml: str, self_url: str, link: str, description: str,
                 built: datetime, items: str) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n\t' + _NAMESPACES + "\t>\n"
            "\n<channel>\n"
            f"\t<title>{title_xml}</title>\n"
            f'\t<atom:link href="{escape(self_url)}" rel="self" type="application/rss+xml" />\n'
            f"\t<link>{escape(link)}</link>\n"
            f"\t<description>{escape(description)}</description>\n"
            f"\t<lastBuildDate>{rfc822(built)}</lastBuildDate>\n"
            "\t<language>fa-IR</language>\n"
            "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
            "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
            "\t<generator>https://wordpress.org/?v=6.8.1</generator>\n"
            f"{items}</channel>\n</rss>\n"
        )

    def item(self, article: DemoArticle, comment_count: int) -> str:
        """One `<item>` with everything WordPress puts in it."""
        content = self.content
        link = f"{self.base}{permalink_path(article)}"
        category = content.category_of(article)
        lead = content.lead(article)
        return (
            "\t<item>\n"
            f"\t\t<title>{texturize(article.title)}</title>\n"
            f"\t\t<link>{escape(link)}</link>\n"
            f"\t\t<comments>{escape(link)}#respond</comments>\n"
            f"\t\t<dc:creator>{cdata(content.author_of(article).name)}</dc:creator>\n"
            f"\t\t<pubDate>{rfc822(article.date)}</pubDate>\n"
            f"\t\t<category>{cdata(category.name)}</category>\n"
            f'\t\t<guid isPermaLink="false">{self.base}/?p={article.id}</guid>\n'
            f"\t\t<description>{cdata(lead)}</description>\n"
            f"\t\t<content:encoded>{cdata(content_html(content, article))}</content:encoded>\n"
            f"\t\t<wfw:commentRss>{escape(link)}feed/</wfw:commentRss>\n"
            f"\t\t<slash:comments>{comment_count}</slash:comments>\n"
            "\t</item>\n"
        )

    def posts_feed(self, articles: Sequence[DemoArticle], paged: int, self_path: str,
                   title_suffix: str = "") -> tuple[str, datetime]:
        """A page of a posts feed (10 items) and its last-modified time."""
        chunk = articles[(paged - 1) * PER_PAGE: paged * PER_PAGE] if paged >= 1 else []
        counts = self.book.approved_counts()
        items = "".join(self.item(a, counts.get(a.id, 0)) for a in chunk)
        site = self.content.site
        built = max((article_modified(a) for a in articles[:PER_PAGE]),
                    default=datetime(2020, 1, 1, tzinfo=UTC))
        built = max(built, self.book.last_change)
        title = escape(site.name) + (f" &#187; {escape(title_suffix)}" if title_suffix else "")
        text = self._channel(title, f"{self.base}{self_path}", self.base, site.description,
                             built, items)
        return text, built

    def comments_feed(self, article: DemoArticle) -> tuple[str, datetime]:
        """`<permalink>feed/`: the post's approved comments, newest first."""
        comments = sorted(self.book.approved(article.id), key=lambda c: c.date, reverse=True)
        link = f"{self.base}{permalink_path(article)}"
        items = "".join(
            "\t<item>\n"
            f"\t\t<title>دیدگاه‌ها برای {texturize(article.title)} توسط {escape(c.author)}"
            "</title>\n"
            f"\t\t<link>{escape(link)}#comment-{c.id}</link>\n"
            f"\t\t<dc:creator>{cdata(c.author)}</dc:creator>\n"
            f"\t\t<pubDate>{rfc822(c.date)}</pubDate>\n"
            f'\t\t<guid isPermaLink="false">{self.base}/?p={article.id}#comment-{c.id}</guid>\n'
            f"\t\t<description>{cdata(c.text)}</description>\n"
            f"\t\t<content:encoded>{cdata('<p>' + escape(c.text) + '</p>')}</content:encoded>\n"
            "\t</item>\n"
            for c in comments
        )
        built = max((c.date for c in comments), default=article_modified(article))
        title = f"دیدگاه‌ها برای: {texturize(article.title)}"
        text = self._channel(title, f"{link}feed/", link, self.content.site.description,
                             built, items)
        return text, built

    def bench_feed(self, k: int) -> tuple[str, datetime] | None:
        """Generated benchmark feed number `k` (0-based): 50 items from a window of articles."""
        if not 0 <= k < self.content.feeds:
            return None
        if k not in self._bench:
            self._bench[k] = self._render_bench_feed(k)
        return self._bench[k]

    def _render_bench_feed(self, k: int) -> tuple[str, datetime] | None:
        content = self.content
        if not 0 <= k < content.feeds or not content.articles:
            return None
        n = len(content.articles)
        start = (k * 37) % n
        chunk = [content.articles[(start + i) % n] for i in range(min(BENCH_ITEMS, n))]
        chunk.sort(key=lambda a: a.date, reverse=True)
        items = "".join(self.item(a, 0) for a in chunk)
        built = chunk[0].date
        title = escape(f"{content.site.name} — خوراک {k}")
        text = self._channel(title, f"{self.base}/feeds/{k}.xml", self.base,
                             content.site.description, built, items)
        return text, built
