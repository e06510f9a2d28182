"""A WordPress site as a source of news: REST API first, then `?rest_route=`, then RSS and pages.

`WordPressSite` finds out on first use which way the site answers and remembers it (`.mode`):

1. `ApiMode.REST` — `/wp-json/wp/v2/...` (pretty permalinks);
2. `ApiMode.REST_ROUTE` — `/?rest_route=/wp/v2/...` (plain permalinks, `/wp-json/` not routed);
3. `ApiMode.RSS` — `/wp-json/` blocked (403/404/an HTML firewall page): headlines come from
   `/feed/`, `/category/<slug>/feed/` and `/?s=…&feed=rss2` (`?paged=N` for further pages), the
   post ID from the item's `guid` (`…/?p=ID`), and single posts from their article page.

A 5xx from the API is the site being down, not a blocked API: it raises `HTTPStatus` instead of
falling back. A page past the end is an empty `HeadlinePage`, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from madara_tui.client.errors import HTTPStatus, NotWordPress, ParseFailure
from madara_tui.client.feeds import parse_feed
from madara_tui.client.html_blocks import absolute_url, html_to_blocks, html_to_text
from madara_tui.client.http import Fetcher, Response
from madara_tui.client.ingest import parse_off_loop
from madara_tui.client.page import ArticlePage, parse_article_page
from madara_tui.models import Article, Category, Comment, ImageRef
from madara_tui.text import clean_text, usable_date

EMBED = "author,wp:term,wp:featuredmedia"
MAX_PER_PAGE = 100
MAX_LIST_PAGES = 50
"""Pages of categories or comments read at most (5,000 items): a bound against endless lists."""
SITE_ZONE = ZoneInfo("Asia/Tehran")
"""Used only when a post lacks `date_gmt`: WordPress's `date` is in the site's zone."""


class ApiMode(StrEnum):
    """How the site is read (see the module docstring)."""

    REST = "rest"
    REST_ROUTE = "rest_route"
    RSS = "rss"


@dataclass(frozen=True, slots=True)
class HeadlinePage:
    """One page of headlines. An empty `articles` list past the last page."""

    articles: list[Article]
    page: int
    total_pages: int | None = None
    """From `X-WP-TotalPages`; None when the site doesn't say (RSS)."""
    total: int | None = None
    """From `X-WP-Total`; None when unknown."""
    not_modified: bool = False
    """True for a conditional request the site answered with 304 (nothing changed)."""

    @property
    def last(self) -> bool:
        """True when no page follows this one."""
        if not self.articles:
            return True
        return self.total_pages is not None and self.page >= self.total_pages


class _NoRest(Exception):
    """Internal: the REST API didn't answer like WordPress in the mode(s) tried."""


MAX_ID = 2**63 - 1
"""Largest ID SQLite's INTEGER holds; a bigger one failed every later store write."""


def _int(value: Any, default: int = 0) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 19:
        value = int(value.strip())
    if isinstance(value, int) and -MAX_ID <= value <= MAX_ID:
        return value
    return default


def _rendered(post: dict[str, Any], key: str) -> str:
    value = post.get(key)
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


def parse_wp_date(gmt: Any, local: Any = None) -> datetime | None:
    """An aware datetime from WordPress's `date_gmt` (UTC), else its `date` in the site's zone;
    None when neither is a date in the range the program keeps (`text.usable_date`)."""
    for value, zone in ((gmt, UTC), (local, SITE_ZONE)):
        if not isinstance(value, str) or not value:
            continue
        try:
            moment = datetime.fromisoformat(value.strip()[:40])
        except ValueError:
            continue
        return usable_date(moment.replace(tzinfo=zone) if moment.tzinfo is None else moment)
    return None


def _embedded(post: dict[str, Any]) -> dict[str, Any]:
    embedded = post.get("_embedded")
    return embedded if isinstance(embedded, dict) else {}


def _category_names(post: dict[str, Any]) -> tuple[str, ...]:
    """Category names from `_embedded["wp:term"]`, in the order of the post's `categories`."""
    names: dict[int, str] = {}
    terms = _embedded(post).get("wp:term")
    for group in terms if isinstance(terms, list) else []:
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and term.get("taxonomy", "category") == "category":
                name = html_to_text(str(term.get("name", "")))
                if name:
                    names[_int(term.get("id"), -1)] = name
    order = post.get("categories")
    ids = [_int(i, -1) for i in order] if isinstance(order, list) else []
    first = [names.pop(i) for i in ids if i in names]
    return tuple(first + list(names.values()))


def _author(post: dict[str, Any]) -> str:
    authors = _embedded(post).get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return clean_text(str(authors[0].get("name", "")))
    return ""


def _featured_image(post: dict[str, Any], base: str) -> ImageRef | None:
    """The featured image from `_embedded["wp:featuredmedia"]`: an absolute http(s) URL and
    its cleaned alt text (the caption's text when there is no alt)."""
    media = _embedded(post).get("wp:featuredmedia")
    if not isinstance(media, list) or not media or not isinstance(media[0], dict):
        return None
    item = media[0]
    url = absolute_url(str(item.get("source_url") or ""), base,
                       schemes=frozenset({"http", "https"}))
    if not url:
        return None
    alt = clean_text(str(item.get("alt_text") or ""))
    if not alt and isinstance(item.get("caption"), dict):
        alt = html_to_text(str(item["caption"].get("rendered") or ""))
    return ImageRef(url, alt)


def article_from_post(post: Any, source: str) -> Article:
    """An `Article` from one `/wp/v2/posts` item; `ParseFailure` when it isn't a post."""
    if not isinstance(post, dict) or _int(post.get("id"), -1) <= 0:
        raise ParseFailure(source, "not a WordPress post object", request_sent=True)
    post_id = _int(post.get("id"))
    link = absolute_url(
        str(post.get("link") or ""), source + "/", schemes=frozenset({"http", "https"})
    )
    url = link or f"{source}/?p={post_id}"
    published = parse_wp_date(post.get("date_gmt"), post.get("date")) or datetime.now(UTC)
    return Article(
        id=post_id,
        source=source,
        url=url,
        title=html_to_text(_rendered(post, "title")),
        published=published,
        lead=html_to_text(_rendered(post, "excerpt")),
        blocks=html_to_blocks(_rendered(post, "content"), url),
        categories=_category_names(post),
        code=str(post_id),
        author=_author(post),
        modified=parse_wp_date(post.get("modified_gmt"), post.get("modified")),
        comments_open=post.get("comment_status", "open") == "open",
        featured_image=_featured_image(post, url),
    )


def comment_from_json(item: Any, post_id: int) -> Comment | None:
    """A `Comment` from one `/wp/v2/comments` item, or None when the item is malformed."""
    if not isinstance(item, dict) or _int(item.get("id"), -1) <= 0:
        return None
    url = absolute_url(str(item.get("author_url") or ""), "", schemes=frozenset({"http", "https"}))
    return Comment(
        id=_int(item.get("id")),
        post_id=_int(item.get("post"), post_id),
        parent=_int(item.get("parent")),
        author=clean_text(str(item.get("author_name", ""))),
        date=parse_wp_date(item.get("date_gmt"), item.get("date")) or datetime.now(UTC),
        text=html_to_text(_rendered(item, "content"), multiline=True),
        author_url=url or "",
    )


def _looks_like_rest(response: Response) -> bool:
    if response.not_modified:
        return True
    if response.status >= 500:
        raise HTTPStatus(response.url, response.status)
    if "json" not in response.media_type:
        return False
    # Only the first character: the body is parsed once, later, off the event loop.
    return response.body.lstrip(b" \t\r\n\xef\xbb\xbf")[:1] in (b"{", b"[")


_ERROR_BODY = 64 * 1024
"""Largest error answer read for its `code` (WordPress's are a few hundred bytes)."""


def _error_code(response: Response) -> str:
    if len(response.body) > _ERROR_BODY:
        return ""
    try:
        data = response.json()
    except ParseFailure:
        return ""
    return str(data.get("code", ""))[:100] if isinstance(data, dict) else ""


def _json_list(response: Response, what: str) -> list[Any]:
    data = response.json()
    if not isinstance(data, list):
        raise ParseFailure(response.url, f"expected a list of {what}", request_sent=True)
    return data


def _articles(response: Response, source: str) -> list[Article]:
    return [article_from_post(post, source) for post in _json_list(response, "posts")]


def _comments(items: list[Any], post_id: int) -> list[Comment]:
    comments = (comment_from_json(item, post_id) for item in items)
    return [c for c in comments if c is not None]


def _categories(items: list[Any]) -> list[Category]:
    return [
        Category(
            id=_int(item.get("id")),
            name=html_to_text(str(item.get("name", ""))),
            slug=clean_text(str(item.get("slug", ""))),
            count=_int(item.get("count")),
            parent=_int(item.get("parent")),
        )
        for item in items
        if isinstance(item, dict) and _int(item.get("id"), -1) > 0
    ]


def _page(response: Response) -> ArticlePage:
    return parse_article_page(response.text(), response.url)


def _header_int(response: Response, name: str) -> int | None:
    value = response.headers.get(name, "").strip()
    return int(value) if value.isdigit() else None


class WordPressSite:
    """Reads one WordPress site through the shared `Fetcher`."""

    def __init__(
        self, fetcher: Fetcher, base_url: str, *, mode: ApiMode | str | None = None
    ) -> None:
        self.fetcher = fetcher
        self.base_url = base_url.rstrip("/")
        """The site's address without a trailing slash; also every article's `source`."""
        self.mode: ApiMode | None = ApiMode(mode) if mode else None
        """The way the site answered (None until the first request)."""
        self._slugs: dict[int, str] = {}

    # -- REST plumbing -------------------------------------------------------------------------
    async def _rest(
        self, route: str, params: list[tuple[str, str | int]], *, conditional: bool = False
    ) -> Response:
        if self.mode is ApiMode.RSS:
            raise _NoRest(route)
        modes = [self.mode] if self.mode else [ApiMode.REST, ApiMode.REST_ROUTE]
        for mode in modes:
            if mode is ApiMode.REST:
                url, query = f"{self.base_url}/wp-json{route}", params
            else:
                url, query = f"{self.base_url}/", [("rest_route", route), *params]
            response = await self.fetcher.get(
                url, params=query, conditional=conditional, check=False
            )
            if _looks_like_rest(response):
                self.mode = mode
                return response
        raise _NoRest(route)

    async def _rest_list(self, route: str, params: list[tuple[str, str | int]]) -> list[Any]:
        """Every item of a paginated REST collection (bounded by `MAX_LIST_PAGES`)."""
        items: list[Any] = []
        for page in range(1, MAX_LIST_PAGES + 1):
            response = await self._rest(
                route, [*params, ("per_page", MAX_PER_PAGE), ("page", page)]
            )
            if response.status == 400 and "invalid_page_number" in _error_code(response):
                break
            response.raise_for_status()
            data = await parse_off_loop(response.url, _json_list, response, "items")
            items.extend(data)
            total_pages = _header_int(response, "x-wp-totalpages")
            if not data or (total_pages is not None and page >= total_pages):
                break
            if total_pages is None and len(data) < MAX_PER_PAGE:
                break
        return items

    # -- public API ----------------------------------------------------------------------------
    async def headlines(
        self,
        page: int = 1,
        per_page: int = 20,
        *,
        category_id: int | None = None,
        search: str | None = None,
        conditional: bool = False,
    ) -> HeadlinePage:
        """One page of the newest posts (optionally in a category or matching `search`)."""
        page = max(1, page)
        params: list[tuple[str, str | int]] = [
            ("_embed", EMBED),
            ("page", page),
            ("per_page", min(max(1, per_page), MAX_PER_PAGE)),
        ]
        if category_id is not None:
            params.append(("categories", category_id))
        if search:
            params.append(("search", search))
        try:
            response = await self._rest("/wp/v2/posts", params, conditional=conditional)
        except _NoRest:
            return await self._feed_headlines(page, category_id, search, conditional)
        if response.not_modified:
            return HeadlinePage([], page, not_modified=True)
        total_pages = _header_int(response, "x-wp-totalpages")
        total = _header_int(response, "x-wp-total")
        if response.status == 400 and "invalid_page_number" in _error_code(response):
            return HeadlinePage([], page, total_pages, total)
        response.raise_for_status()
        articles = await parse_off_loop(response.url, _articles, response, self.base_url)
        return HeadlinePage(articles, page, total_pages, total)

    async def _feed_headlines(
        self, page: int, category_id: int | None, search: str | None, conditional: bool
    ) -> HeadlinePage:
        params: list[tuple[str, str | int]] = []
        if search:
            url = f"{self.base_url}/"
            params += [("s", search), ("feed", "rss2")]
        elif category_id is not None:
            slug = self._slugs.get(category_id)
            if slug is None:
                raise NotWordPress(
                    self.base_url, "category filter without the REST API needs its slug"
                )
            url = f"{self.base_url}/category/{slug}/feed/"
        else:
            url = f"{self.base_url}/feed/"
        if page > 1:
            params.append(("paged", page))
        response = await self.fetcher.get(url, params=params, conditional=conditional, check=False)
        if response.not_modified:
            return HeadlinePage([], page, not_modified=True)
        if response.status == 404 and page > 1 and self.mode is ApiMode.RSS:
            return HeadlinePage([], page)
        if response.status >= 500:
            response.raise_for_status()
        feed = (
            await parse_off_loop(response.url, parse_feed, response.body, response.url,
                                 response.headers)
            if response.status == 200
            else None
        )
        if feed is None or not feed.is_feed:
            if self.mode is ApiMode.RSS:
                response.raise_for_status()
                raise ParseFailure(response.url, "not an RSS/Atom feed", request_sent=True)
            raise NotWordPress(self.base_url, f"no REST API and no feed (HTTP {response.status})")
        self.mode = ApiMode.RSS
        articles = [replace(a, source=self.base_url) for a in feed.articles]
        return HeadlinePage(articles, page)

    async def post(self, post_id: int) -> Article:
        """One post by ID (`HTTPStatus` 404 when the site has no such post)."""
        try:
            response = await self._rest(f"/wp/v2/posts/{int(post_id)}", [("_embed", EMBED)])
        except _NoRest:
            page = await self.article_page(f"{self.base_url}/?p={int(post_id)}")
            return page.as_article(self.base_url, post_id=post_id)
        response.raise_for_status()
        return await parse_off_loop(
            response.url, lambda: article_from_post(response.json(), self.base_url))

    async def categories(self) -> list[Category]:
        """Every category of the site (all pages); empty when only the feed is reachable."""
        try:
            items = await self._rest_list(
                "/wp/v2/categories", [("orderby", "count"), ("order", "desc")]
            )
        except _NoRest:
            return []
        result: list[Category] = await parse_off_loop(self.base_url, _categories, items)
        self._slugs.update((category.id, category.slug) for category in result)
        return result

    async def comments(self, post_id: int) -> list[Comment]:
        """Every approved comment of a post, oldest first; threads by `Comment.parent`."""
        params: list[tuple[str, str | int]] = [("post", int(post_id)), ("order", "asc")]
        try:
            items = await self._rest_list("/wp/v2/comments", params)
        except _NoRest:
            return []
        return await parse_off_loop(self.base_url, _comments, items, post_id)

    async def article_page(self, url: str) -> ArticlePage:
        """The article's HTML page, parsed (news code, Jalali date, related news, comment form)."""
        response = await self.fetcher.get(url)
        return await parse_off_loop(response.url, _page, response)


__all__ = [
    "ApiMode",
    "HeadlinePage",
    "WordPressSite",
    "article_from_post",
    "comment_from_json",
    "parse_wp_date",
]
