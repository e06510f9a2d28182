"""The WordPress REST API (`/wp/v2/...`) as a visitor sees it: posts, categories, comments."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from madara_tui.demo.comments import CommentBook
from madara_tui.demo.content import TEHRAN, DemoArticle, DemoComment, DemoContent
from madara_tui.demo.render import (
    article_modified,
    autop,
    comment_link,
    content_html,
    excerpt_html,
    gmt_iso,
    local_iso,
    permalink_path,
    texturize,
)
from madara_tui.demo.reply import Reply, json_reply, rest_error

Query = Mapping[str, Sequence[str]]
EMBEDDABLE = ("author", "wp:term", "wp:featuredmedia")
_IMG_SRC = re.compile(r'<img[^>]*\ssrc="([^"]+)"')
MEDIA_OFFSET = 9_000_000


class RestApi:
    """Answers `/wp/v2/...` routes; `url_for(route, params)` builds links in the caller's style
    (pretty `/wp-json/...` or `?rest_route=`)."""

    def __init__(self, content: DemoContent, book: CommentBook, base: str) -> None:
        self.content = content
        self.book = book
        self.base = base

    def handle(self, route: str, query: Query, url_for: Callable[[str, dict[str, str]], str],
               ) -> Reply:
        """Dispatch one REST route (e.g. `/wp/v2/posts/12`)."""
        route = route.rstrip("/") or "/"
        if route == "/wp/v2/posts":
            return self.posts(query, url_for)
        match = re.fullmatch(r"/wp/v2/posts/(\d+)", route)
        if match:
            return self.post(int(match.group(1)), query)
        if route == "/wp/v2/categories":
            return self.categories(query, url_for)
        if route == "/wp/v2/comments":
            return self.comments(query, url_for)
        if route in ("/", "/wp/v2"):
            return json_reply({"name": self.content.site.name,
                               "description": self.content.site.description,
                               "url": self.base, "home": self.base, "namespaces": ["wp/v2"]})
        return rest_error("rest_no_route", "هیچ مسیری مطابق با نشانی و روش درخواست یافت نشد.", 404)

    # ---- posts -----------------------------------------------------------------------------

    def post_json(self, article: DemoArticle, embed: set[str] | None = None) -> dict[str, Any]:
        """One post as `/wp/v2/posts` serializes it (with `_embedded` when asked)."""
        content, base = self.content, self.base
        category = content.category_of(article)
        modified = article_modified(article)
        media = self._media(article)
        link = f"{base}{permalink_path(article)}"
        data: dict[str, Any] = {
            "id": article.id, "date": local_iso(article.date), "date_gmt": gmt_iso(article.date),
            "guid": {"rendered": f"{base}/?p={article.id}"},
            "modified": local_iso(modified), "modified_gmt": gmt_iso(modified),
            "slug": article.slug, "status": "publish", "type": "post", "link": link,
            "title": {"rendered": texturize(article.title)},
            "content": {"rendered": content_html(content, article), "protected": False},
            "excerpt": {"rendered": excerpt_html(content, article), "protected": False},
            "author": article.author, "featured_media": media["id"] if media else 0,
            "comment_status": "open" if article.comments_open else "closed",
            "ping_status": "closed", "sticky": False, "template": "", "format": "standard",
            "meta": [], "categories": [category.id], "tags": [],
            "_links": {
                "self": [{"href": f"{base}/wp-json/wp/v2/posts/{article.id}"}],
                "collection": [{"href": f"{base}/wp-json/wp/v2/posts"}],
                "author": [{"embeddable": True,
                            "href": f"{base}/wp-json/wp/v2/users/{article.author}"}],
                "replies": [{"embeddable": True,
                             "href": f"{base}/wp-json/wp/v2/comments?post={article.id}"}],
                "wp:term": [{"taxonomy": "category", "embeddable": True,
                             "href": f"{base}/wp-json/wp/v2/categories?post={article.id}"}],
            },
        }
        if embed:
            embedded: dict[str, Any] = {}
            if "author" in embed:
                author = content.author_of(article)
                embedded["author"] = [{
                    "id": author.id, "name": author.name, "url": "", "description": "",
                    "link": f"{base}/author/{author.slug}/", "slug": author.slug,
                    "avatar_urls": {}}]
            if "wp:term" in embed:
                embedded["wp:term"] = [[self.category_json(category.id)], []]
            if "wp:featuredmedia" in embed and media:
                embedded["wp:featuredmedia"] = [media]
            data["_embedded"] = embedded
        return data

    def _media(self, article: DemoArticle) -> dict[str, Any] | None:
        if article.body is None:  # generated articles carry no images
            return None
        match = next((m for m in map(_IMG_SRC.search, article.body) if m), None)
        if match is None:
            return None
        src = match.group(1)
        source_url = src if src.startswith("http") else f"{self.base}{src}"
        return {"id": MEDIA_OFFSET + article.id, "type": "attachment", "media_type": "image",
                "mime_type": "image/jpeg", "source_url": source_url,
                "alt_text": article.title, "media_details": {"width": 800, "height": 450}}

    def posts(self, query: Query, url_for: Callable[[str, dict[str, str]], str]) -> Reply:
        """`GET /wp/v2/posts` with page, per_page, search, categories, include, after, before,
        modified_after, modified_before, orderby, order."""
        articles: list[DemoArticle] = self.content.articles
        search = _one(query, "search").strip()
        if search:
            needle = search.casefold()
            articles = [a for a in articles if self.content.matches(a, needle)]
        try:
            categories = _id_list(query, "categories")
            include = _id_list(query, "include")
            exclude = _id_list(query, "exclude")
        except ValueError as exc:
            return _invalid_param(str(exc))
        if categories:
            slugs = {c.slug for c in self.content.site.categories if c.id in categories}
            articles = [a for a in articles if a.category in slugs]
        if include:
            articles = [a for a in articles if a.id in include]
        if exclude:
            articles = [a for a in articles if a.id not in exclude]
        for name, keep in _DATE_FILTERS.items():
            if not _one(query, name):
                continue
            try:
                moment = _iso_time(_one(query, name))
            except ValueError:
                return _invalid_param(name)
            articles = [a for a in articles if keep(a, moment)]
        orderby = _one(query, "orderby") or ("include" if include else "date")
        order = _one(query, "order") or "desc"
        if orderby not in ("date", "id", "title", "modified", "include", "relevance") or (
                order not in ("asc", "desc")):
            return _invalid_param("orderby" if order in ("asc", "desc") else "order")
        keys: dict[str, Callable[[DemoArticle], Any]] = {
            "id": lambda a: a.id, "title": lambda a: a.title,
            "modified": lambda a: (article_modified(a), a.id)}
        if orderby in keys:
            articles = sorted(articles, key=keys[orderby], reverse=order == "desc")
        elif orderby == "include":
            position = {pid: n for n, pid in enumerate(include)}
            articles = sorted(articles, key=lambda a: position.get(a.id, 0))
        elif order == "asc":
            articles = list(reversed(articles))
        embed = _embed_set(query)
        return self._paged(query, url_for, "/wp/v2/posts", articles,
                           lambda a: self.post_json(a, embed), "rest_post_invalid_page_number",
                           max((article_modified(a) for a in articles), default=None))

    def post(self, post_id: int, query: Query) -> Reply:
        """`GET /wp/v2/posts/<id>`."""
        article = self.content.by_id.get(post_id)
        if article is None:
            return rest_error("rest_post_invalid_id", "شناسهٔ نوشته نامعتبر است.", 404)
        return json_reply(self.post_json(article, _embed_set(query)),
                          last_modified=article_modified(article))

    # ---- categories and comments -------------------------------------------------------------

    def category_json(self, category_id: int) -> dict[str, Any]:
        """One category as `/wp/v2/categories` serializes it."""
        cat = next(c for c in self.content.site.categories if c.id == category_id)
        return {"id": cat.id, "count": self.content.category_counts.get(cat.slug, 0),
                "description": cat.description, "link": f"{self.base}/category/{cat.slug}/",
                "name": html_name(cat.name), "slug": cat.slug, "taxonomy": "category",
                "parent": cat.parent, "meta": []}

    def categories(self, query: Query, url_for: Callable[[str, dict[str, str]], str]) -> Reply:
        """`GET /wp/v2/categories` (ordered by name, paginated, `include`, `search`)."""
        cats = sorted(self.content.site.categories, key=lambda c: c.name)
        try:
            include = _id_list(query, "include")
        except ValueError as exc:
            return _invalid_param(str(exc))
        if include:
            cats = [c for c in cats if c.id in include]
        search = _one(query, "search").strip().casefold()
        if search:
            cats = [c for c in cats if search in c.name.casefold() or search in c.slug]
        return self._paged(query, url_for, "/wp/v2/categories", cats,
                           lambda c: self.category_json(c.id),
                           "rest_category_invalid_page_number", None)

    def comment_json(self, comment: DemoComment) -> dict[str, Any]:
        """One approved comment as `/wp/v2/comments` serializes it (no email)."""
        article = self.content.by_id[comment.post]
        return {"id": comment.id, "post": comment.post, "parent": comment.parent, "author": 0,
                "author_name": comment.author, "author_url": comment.url,
                "date": local_iso(comment.date), "date_gmt": gmt_iso(comment.date),
                "content": {"rendered": autop(comment.text)},
                "link": comment_link(self.base, article, comment), "status": "approved",
                "type": "comment", "author_avatar_urls": {}, "meta": []}

    def comments(self, query: Query, url_for: Callable[[str, dict[str, str]], str]) -> Reply:
        """`GET /wp/v2/comments` (`post`, `parent`, `order`), approved comments only."""
        try:
            posts = _id_list(query, "post")
            parents = _id_list(query, "parent")
        except ValueError as exc:
            return _invalid_param(str(exc))
        found = [c for c in self.book.approved() if c.post in self.content.by_id]
        if posts:
            found = [c for c in found if c.post in posts]
        if "parent" in query:
            found = [c for c in found if c.parent in parents]
        order = _one(query, "order") or "desc"
        found.sort(key=lambda c: (c.date, c.id), reverse=order != "asc")
        return self._paged(query, url_for, "/wp/v2/comments", found, self.comment_json,
                           "rest_comment_invalid_page_number", self.book.last_change)

    # ---- shared pagination ---------------------------------------------------------------------

    def _paged(self, query: Query, url_for: Callable[[str, dict[str, str]], str], route: str,
               items: Sequence[Any], serialize: Callable[[Any], dict[str, Any]], past_end: str,
               modified: datetime | None) -> Reply:
        try:
            page = int(_one(query, "page") or "1")
            per_page = int(_one(query, "per_page") or "10")
        except ValueError:
            return _invalid_param("page" if not _one(query, "page").isdigit() else "per_page")
        if page < 1:
            return _invalid_param("page")
        if not 1 <= per_page <= 100:
            return _invalid_param("per_page")
        total = len(items)
        pages = math.ceil(total / per_page)
        if page > pages and total > 0:
            return rest_error(past_end, "شمارهٔ برگهٔ درخواستی بزرگ‌تر از تعداد برگه‌های موجود است.",
                              400)
        chunk = items[(page - 1) * per_page: page * per_page]
        reply = json_reply([serialize(item) for item in chunk], last_modified=modified)
        reply.headers += [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        params = {k: v[-1] for k, v in query.items() if k != "rest_route"}
        links = []
        if page > 1:
            links.append(f'<{url_for(route, {**params, "page": str(page - 1)})}>; rel="prev"')
        if page < pages:
            links.append(f'<{url_for(route, {**params, "page": str(page + 1)})}>; rel="next"')
        if links:
            reply.headers.append(("Link", ", ".join(links)))
        return reply


def html_name(name: str) -> str:
    """Term names come back HTML-escaped (`&amp;` for `&`) from the REST API."""
    return name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_DATE_FILTERS: dict[str, Callable[[DemoArticle, datetime], bool]] = {
    "after": lambda a, t: a.date > t,
    "before": lambda a, t: a.date < t,
    "modified_after": lambda a, t: article_modified(a) > t,
    "modified_before": lambda a, t: article_modified(a) < t,
}
"""WordPress's date filters of `/wp/v2/posts` (ISO 8601; without an offset, the site's time)."""


def _iso_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=TEHRAN)


def _one(query: Query, name: str) -> str:
    values = query.get(name)
    return values[-1] if values else ""


def _id_list(query: Query, name: str) -> list[int]:
    raw = ",".join([*query.get(name, ()), *query.get(f"{name}[]", ())])
    try:
        return [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise ValueError(name) from None


def _embed_set(query: Query) -> set[str] | None:
    if "_embed" not in query:
        return None
    wanted = {part.strip() for value in query["_embed"] for part in value.split(",") if part}
    wanted &= set(EMBEDDABLE)
    return wanted or set(EMBEDDABLE)


def _invalid_param(name: str) -> Reply:
    return rest_error("rest_invalid_param", f"پارامتر(های) نامعتبر: {name}", 400,
                      params={name: f"{name} نامعتبر است."})
