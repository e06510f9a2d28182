"""A WordPress site as a source of news: REST API first, then `?rest_route=`, then its feed.

`WordPressSite` finds out on first use which way the site answers and remembers it (`.mode`),
with the reason each earlier way was passed over (`.passed_over`, for `fetch`'s summary):

1. `ApiMode.REST` — `/wp-json/wp/v2/...` (pretty permalinks);
2. `ApiMode.REST_ROUTE` — `/?rest_route=/wp/v2/...` (plain permalinks, `/wp-json/` not routed);
3. `ApiMode.RSS` — anything that is not a WordPress REST answer (the usual 401 JSON
   `rest_not_logged_in` of a closed API, a firewall's 403 HTML page, a 404, a login page):
   headlines come from the feed — `/feed/`, else `/?feed=rss2` (plain permalinks), else the one
   the home page advertises in `<link rel="alternate" type="application/rss+xml">` — with
   `?paged=N` for older pages; single posts and their comments from the article page.

A WordPress REST answer is JSON that is either a success or one of the API's own errors about
the request (400 `rest_post_invalid_page_number`, 404 `rest_post_invalid_id`). A 5xx is the site
being down, not a closed API: it raises `HTTPStatus` instead of falling back. A page past the end
is an empty `HeadlinePage`, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, overload

from madara_tui.client.errors import HTTPStatus, NotWordPress, ParseFailure
from madara_tui.client.http import Fetcher, Response
from madara_tui.client.ingest import parse_off_loop
from madara_tui.client.wp_posts import (
    SITE_ZONE,
    _articles,
    _categories,
    _comments,
    _json_list,
    article_from_post,
    comment_from_json,
    parse_wp_date,
    real_lead,
)
from madara_tui.models import Article, Category, Comment, site_key
from madara_tui.records import replace
from madara_tui.text import clean_text

if TYPE_CHECKING:
    # The feed parser and the page readers are imported where they are used: an unchanged
    # refresh over REST (one empty answer) needs none of them.
    from madara_tui.client.page import ArticlePage

EMBED = "author,wp:term,wp:featuredmedia"
MAX_PER_PAGE = 100
MAX_LIST_PAGES = 50
"""Pages of categories or comments read at most (5,000 items): a bound against endless lists."""
_REST_ANSWERS = frozenset({400, 404})
"""Error statuses with which the REST API itself answers about a request (with a `rest_` code)."""


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


def _not_rest(response: Response) -> str | None:
    """Why `response` is not a WordPress REST answer ("HTTP 401 rest_not_logged_in", "HTTP 403,
    text/html", …), or None when it is one. A 5xx raises `HTTPStatus`: the site is down."""
    if response.not_modified:
        return None
    if response.status >= 500:
        raise HTTPStatus(response.url, response.status)
    kind = response.media_type or "no content type"
    if "json" not in response.media_type:
        return f"HTTP {response.status}, {kind}"
    # Only the first character: a success's body is parsed once, later, off the event loop.
    if response.body.lstrip(b" \t\r\n\xef\xbb\xbf")[:1] not in (b"{", b"["):
        return f"HTTP {response.status}, not JSON"
    if response.status < 300:
        return None
    code = _error_code(response)
    if response.status in _REST_ANSWERS and code.startswith("rest_") and code != "rest_no_route":
        return None
    return f"HTTP {response.status} {clean_text(code)[:60]}".rstrip()


def _header_int(response: Response, name: str) -> int | None:
    value = response.headers.get(name, "").strip()
    return int(value) if value.isdigit() else None


class WordPressSite:
    """Reads one WordPress site through the shared `Fetcher`."""

    def __init__(
        self, fetcher: Fetcher, base_url: str, *, mode: ApiMode | str | None = None
    ) -> None:
        self.fetcher = fetcher
        self.base_url = site_key(base_url)
        """The site's address without a trailing slash; also every article's `source`."""
        self.mode: ApiMode | None = ApiMode(mode) if mode else None
        """The way the site answered (None until the first request)."""
        self.passed_over: dict[ApiMode, str] = {}
        """Why each way tried before `mode` was not used (the site's answer, briefly)."""
        self._feed_at: tuple[str, list[tuple[str, str | int]]] | None = None
        """The site's feed (URL and query), once found (RSS mode)."""

    @property
    def feed_url(self) -> str | None:
        """The site's feed, once found (RSS mode)."""
        if self._feed_at is None:
            return None
        url, params = self._feed_at
        return url + ("?" + "&".join(f"{k}={v}" for k, v in params) if params else "")

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
            reason = _not_rest(response)
            if reason is None:
                self.mode = mode
                return response
            self.passed_over[mode] = reason
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
        modified_after: datetime | None = None,
        before: datetime | None = None,
    ) -> HeadlinePage:
        """One page of the newest posts (optionally in a category or matching `search`).

        `modified_after` asks the REST API only for posts changed since then (WordPress sends
        no ETag on REST answers, so a conditional GET never saves a download there); the feed
        ignores it and relies on its ETag / Last-Modified. `before` asks the REST API for posts
        published before then (older pages); the feed ignores it too (see `service.older`).
        """
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
        if modified_after is not None:
            params.append(("modified_after", modified_after.astimezone(SITE_ZONE).isoformat()))
            params.append(("orderby", "modified"))
        if before is not None:
            params.append(("before", before.astimezone(SITE_ZONE).isoformat()))
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

    async def _feed(self, url: str, params: list[tuple[str, str | int]],
                    conditional: bool) -> tuple[Response, list[Article] | None]:
        """The feed at `url`: the answer and its articles (None when it is not a feed)."""
        response = await self.fetcher.get(url, params=params, conditional=conditional, check=False)
        if response.not_modified:
            return response, []
        if response.status >= 500:
            response.raise_for_status()
        if response.status != 200:
            return response, None
        from madara_tui.client.feeds import parse_feed

        feed = await parse_off_loop(response.url, parse_feed, response.body, response.url,
                                    response.headers)
        if not feed.is_feed:
            return response, None
        return response, [self._from_feed(a) for a in feed.articles]

    def _from_feed(self, article: Article) -> Article:
        return replace(article, source=self.base_url, lead=real_lead(article.lead, article.blocks))

    async def _main_feed(self, paged: list[tuple[str, str | int]],
                         conditional: bool) -> tuple[Response, list[Article]]:
        """The site's own feed: the one found before, else `/feed/`, `/?feed=rss2`, and the
        one the home page advertises, in that order."""
        if self._feed_at is not None:
            url, params = self._feed_at
            response, articles = await self._feed(url, [*params, *paged], conditional)
            if articles is None:
                response.raise_for_status()
                raise ParseFailure(response.url, "not an RSS/Atom feed", request_sent=True)
            return response, articles
        tried: list[str] = []
        candidates: list[tuple[str, list[tuple[str, str | int]]]] = [
            (f"{self.base_url}/feed/", []), (f"{self.base_url}/", [("feed", "rss2")])]
        for url, params in candidates:
            response, articles = await self._feed(url, [*params, *paged], conditional)
            if articles is not None:
                self._feed_at, self.mode = (url, params), ApiMode.RSS
                return response, articles
            tried.append(f"{response.url.removeprefix(self.base_url)}: HTTP {response.status}")
        home = await self.fetcher.get(f"{self.base_url}/", check=False)
        from madara_tui.client.feeds import advertised_feed

        advertised = advertised_feed(home.text(), home.url) if home.status == 200 else None
        if advertised is not None:
            response, articles = await self._feed(advertised, paged, conditional)
            if articles is not None:
                self._feed_at, self.mode = (advertised, []), ApiMode.RSS
                return response, articles
        if home.status >= 500:
            home.raise_for_status()
        raise NotWordPress(self.base_url, "no REST API and no feed (" + "; ".join(tried) + ")")

    async def _feed_headlines(
        self, page: int, category_id: int | None, search: str | None, conditional: bool
    ) -> HeadlinePage:
        paged: list[tuple[str, str | int]] = [("paged", page)] if page > 1 else []
        if search or category_id is not None:
            # `?s=` and `?cat=` feeds work with and without pretty permalinks.
            query: list[tuple[str, str | int]] = (
                [("s", search)] if search else [("cat", int(category_id or 0))])
            response, found = await self._feed(
                f"{self.base_url}/", [*query, ("feed", "rss2"), *paged], conditional)
            articles = found or []
        else:
            try:
                response, articles = await self._main_feed(paged, conditional)
            except HTTPStatus as error:
                if error.status == 404 and page > 1:
                    return HeadlinePage([], page)  # past the feed's last page
                raise
        if response.not_modified:
            return HeadlinePage([], page, not_modified=True)
        self.mode = ApiMode.RSS
        return HeadlinePage(articles, page)

    async def post(self, post_id: int) -> Article:
        """One post by ID (`HTTPStatus` 404 when the site has no such post *a reader may see*:
        a draft, private or scheduled post answers 401 on REST and 404 on its page)."""
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
        return result

    async def comments(self, post_id: int, url: str | None = None) -> list[Comment]:
        """Every approved comment of a post, oldest first; threads by `Comment.parent`. Without
        the REST API they are read from the article page (`url`, else `/?p=ID`)."""
        params: list[tuple[str, str | int]] = [("post", int(post_id)), ("order", "asc")]
        try:
            items = await self._rest_list("/wp/v2/comments", params)
        except _NoRest:
            from madara_tui.client.page_comments import comments_from_page

            response = await self.fetcher.get(url or f"{self.base_url}/?p={int(post_id)}")
            return await parse_off_loop(response.url, comments_from_page, response.text(),
                                        response.url, post_id)
        return await parse_off_loop(self.base_url, _comments, items, post_id)

    @overload
    async def article_page(self, url: str) -> ArticlePage: ...

    @overload
    async def article_page(self, url: str, *, extract: bool) -> ArticlePage | None: ...

    async def article_page(self, url: str, *, extract: bool = False) -> ArticlePage | None:
        """The article's HTML page, parsed (news code, Jalali date, related news, comment form).

        With `extract` (a feed item with only its summary, from any site) the request is
        conditional (None when the page has not changed since it was read) and the body is
        the main text as `client.fulltext` finds it — empty when it finds none, so the
        summary stays, marked."""
        response = await self.fetcher.get(url, conditional=extract)
        if response.not_modified:
            return None
        from madara_tui.client.page import parse_article_page

        html = response.text()
        page = parse_article_page(html, response.url)
        if extract:
            from madara_tui.client.fulltext import extract_blocks

            page = replace(page, blocks=extract_blocks(html, response.url, page.title))
        return page


__all__ = [
    "ApiMode",
    "HeadlinePage",
    "WordPressSite",
    "article_from_post",
    "comment_from_json",
    "parse_wp_date",
]
