"""URL routing: which part of the site answers a path, the way WordPress's rewrite rules and
`redirect_canonical` do (pretty permalinks, `?p=` redirects, `?rest_route=`, feeds)."""

from __future__ import annotations

import hmac
import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from madara_tui.demo.comments import CommentBook, PostedComment, handle_post, moderation_hash
from madara_tui.demo.content import DemoArticle, DemoComment, DemoContent
from madara_tui.demo.feeds import PER_PAGE, FeedWriter
from madara_tui.demo.pages import PageRenderer
from madara_tui.demo.render import article_modified, permalink_path
from madara_tui.demo.reply import RSS, Reply, html_reply
from madara_tui.demo.rest import Query, RestApi

HELD_PREVIEW = timedelta(minutes=10)
"""How long WordPress shows a held comment to whoever has its `?unapproved=…` address."""

_PERMALINK = re.compile(r"/(\d{4})/(\d{2})/([^/]+)(/feed)?/?")
_CATEGORY = re.compile(r"/category/([^/]+)/(?:(feed)/|page/(\d+)/)?")
# The smallest valid GIF: stands in for uploads that are not pictures of articles.
_GIF = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c000000000100010000"
                     "02024401003b")
LISTING_PER_PAGE = 20


class Router:
    """Maps a request to a `Reply`; owns the REST API, the page renderer and the feed writer."""

    def __init__(self, content: DemoContent, book: CommentBook, base: str, secret: str) -> None:
        self.content = content
        self.book = book
        self.base = base
        self.secret = secret
        self.rest = RestApi(content, book, base)
        self.pages = PageRenderer(content, book, base, secret)
        self.feeds = FeedWriter(content, book, base)

    def post(self, path: str, form: Sequence[tuple[str, str]], ip: str,
             ) -> tuple[Reply, PostedComment | None]:
        """A POST: only the comment endpoint accepts one."""
        if path == "/wp-comments-post.php":
            return handle_post(self.content, self.book, self.base, self.secret, form, ip)
        return self._not_found(), None

    def get(self, path: str, query: Query) -> Reply:
        """A GET (or HEAD)."""
        if path.startswith("/wp-json"):
            route = path[len("/wp-json"):] or "/"
            return self.rest.handle(route, query, self._pretty_url)
        if path == "/" and "rest_route" in query:
            return self.rest.handle(query["rest_route"][-1], query, self._plain_url)
        if path == "/wp-comments-post.php":
            reply = html_reply("", 405, cacheable=False)
            reply.headers.append(("Allow", "POST"))
            return reply
        if path.startswith("/wp-content/uploads/"):
            if path.lower().endswith((".jpg", ".jpeg", ".png")):
                from madara_tui.demo.pictures import draw_picture

                body, media_type = draw_picture(path)
                return Reply(200, body, media_type, cacheable=True)
            return Reply(200, _GIF, "image/gif", cacheable=True)
        if path == "/":
            return self._front(query)
        if path in ("/feed/", "/feed"):
            return self._posts_feed(self.content.articles, query, "/feed/")
        bench = re.fullmatch(r"/feeds/(\d+)\.xml", path)
        if bench:
            made = self.feeds.bench_feed(int(bench.group(1)))
            if made is None:
                return self._not_found()
            return Reply(200, made[0].encode(), RSS, cacheable=True, last_modified=made[1])
        page = re.fullmatch(r"/page/(\d+)/?", path)
        if page:
            return self._listing(self.content.site.name, self.content.articles,
                                 int(page.group(1)), "/page/")
        category = _CATEGORY.fullmatch(path)
        if category:
            return self._category(category.group(1), bool(category.group(2)),
                                  int(category.group(3) or 1), query)
        permalink = _PERMALINK.fullmatch(path)
        if permalink:
            return self._article(permalink, path, query)
        return self._not_found()

    # ---- helpers --------------------------------------------------------------------------------

    def _pretty_url(self, route: str, params: dict[str, str]) -> str:
        return f"{self.base}/wp-json{route}" + (f"?{urlencode(params)}" if params else "")

    def _plain_url(self, route: str, params: dict[str, str]) -> str:
        return f"{self.base}/?{urlencode({'rest_route': route, **params})}"

    def _not_found(self) -> Reply:
        return html_reply(self.pages.not_found_page(), 404, cacheable=False)

    def _redirect(self, location: str) -> Reply:
        reply = Reply(301, b"", cacheable=False)
        reply.headers += [("Location", location), ("X-Redirect-By", "WordPress")]
        return reply

    def _front(self, query: Query) -> Reply:
        if "p" in query:
            try:
                article = self.content.by_id.get(int(query["p"][-1]))
            except ValueError:
                article = None
            if article is None:
                return self._not_found()
            return self._redirect(f"{self.base}{permalink_path(article)}")
        if query.get("feed", [""])[-1] in ("rss2", "rss", "1"):
            articles = self.content.articles
            search = query.get("s", [""])[-1].strip().casefold()
            if search:
                articles = [a for a in articles if self.content.matches(a, search)]
            return self._posts_feed(articles, query, "/?feed=rss2")
        try:
            paged = int(query.get("paged", ["1"])[-1])
        except ValueError:
            paged = 1
        return self._listing(self.content.site.name, self.content.articles, paged, "/page/")

    def _posts_feed(self, articles: Sequence[DemoArticle], query: Query, self_path: str,
                    suffix: str = "") -> Reply:
        try:
            paged = int(query.get("paged", ["1"])[-1])
        except ValueError:
            paged = 1
        if paged > 1 and (paged - 1) * PER_PAGE >= len(articles):
            return self._not_found()  # WordPress 404s a feed page past the last one
        text, built = self.feeds.posts_feed(articles, paged, self_path, suffix)
        return Reply(200, text.encode("utf-8"), RSS, cacheable=True, last_modified=built)

    def _listing(self, heading: str, articles: Sequence[DemoArticle], page: int,
                 page_url: str) -> Reply:
        pages = max(1, math.ceil(len(articles) / LISTING_PER_PAGE))
        if not 1 <= page <= pages:
            return self._not_found()
        chunk = articles[(page - 1) * LISTING_PER_PAGE: page * LISTING_PER_PAGE]
        text = self.pages.listing_page(heading, chunk, page, pages, f"{self.base}{page_url}")
        modified = max((article_modified(a) for a in chunk), default=None)
        return html_reply(text, last_modified=modified)

    def _category(self, slug: str, feed: bool, page: int, query: Query) -> Reply:
        category = self.content.categories_by_slug.get(slug)
        if category is None:
            return self._not_found()
        articles = [a for a in self.content.articles if a.category == slug]
        if feed:
            return self._posts_feed(articles, query, f"/category/{slug}/feed/", category.name)
        return self._listing(category.name, articles, page, f"/category/{slug}/page/")

    def _article(self, match: re.Match[str], path: str, query: Query) -> Reply:
        article = self.content.by_slug.get(match.group(3))
        if article is None:
            return self._not_found()
        canonical = permalink_path(article)
        if match.group(4):
            if not path.startswith(canonical):
                return self._redirect(f"{self.base}{canonical}feed/")
            text, built = self.feeds.comments_feed(article)
            return Reply(200, text.encode("utf-8"), RSS, cacheable=True, last_modified=built)
        if path != canonical:
            return self._redirect(f"{self.base}{canonical}")
        unapproved = self._visitor_comment(query)
        text = self.pages.article_page(article, unapproved)
        modified = max(article_modified(article), self.book.last_change)
        return html_reply(text, cacheable=unapproved is None, last_modified=modified)

    def _visitor_comment(self, query: Query) -> DemoComment | None:
        """The held comment named by `?unapproved=N&moderation-hash=H`, when the hash matches."""
        try:
            comment = self.book.get(int(query.get("unapproved", ["0"])[-1]))
        except ValueError:
            return None
        given = query.get("moderation-hash", [""])[-1]
        if comment is None or comment.approved:
            return None
        # WordPress shows it through this address for ten minutes after it was written.
        if datetime.now(UTC) >= comment.date + HELD_PREVIEW:
            return None
        expected = moderation_hash(self.secret, comment)
        return comment if hmac.compare_digest(given, expected) else None
