"""The demo site's content: the site description, its articles and their comments.

`load_content` reads the `assets/demo-site` format (see contracts: `site.json` plus one
`articles/<id>.json` per post). `madara_tui.demo.generate` builds the same structure
synthetically, with leads and bodies produced on demand so 100k articles stay small in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from madara_tui import locations

TEHRAN = ZoneInfo("Asia/Tehran")


@dataclass(frozen=True, slots=True)
class DemoCategory:
    """A WordPress category term."""

    id: int
    name: str
    slug: str
    parent: int = 0
    description: str = ""


@dataclass(frozen=True, slots=True)
class DemoAuthor:
    """A WordPress user as the REST API shows it to visitors."""

    id: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What `site.json` says about the site as a whole."""

    name: str
    description: str
    timezone: str = "Asia/Tehran"
    categories: tuple[DemoCategory, ...] = ()
    authors: tuple[DemoAuthor, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoComment:
    """A comment as the site's database holds it (the email is never served)."""

    id: int
    post: int
    parent: int
    author: str
    email: str
    date: datetime
    """Aware; the site shows it in Tehran time."""
    text: str
    url: str = ""
    approved: bool = True
    ip: str = ""


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """A post. `lead`/`body` are None for generated articles: ask `DemoContent` for them."""

    id: int
    slug: str
    title: str
    date: datetime
    """Aware publication time."""
    category: str
    """The primary category's slug."""
    author: int
    lead: str | None = None
    body: tuple[str, ...] | None = None
    related: tuple[int, ...] = ()
    comments_open: bool = True
    modified: datetime | None = None
    legacy_spacing: bool = False


LazyText = Callable[[DemoArticle], str]
LazyBody = Callable[[DemoArticle], tuple[str, ...]]
LazyRelated = Callable[[DemoArticle], tuple[int, ...]]


@dataclass(slots=True)
class DemoContent:
    """Everything the demo site serves; articles newest first.

    Built by `load_content` or `madara_tui.demo.generate.generate_content`. The comment lists
    here are the initial state; the running site copies them and adds what visitors post.
    """

    site: SiteInfo
    articles: list[DemoArticle]
    comments: list[DemoComment] = field(default_factory=list)
    feeds: int = 0
    """How many benchmark feeds (`/feeds/<k>.xml`) the site serves (generated mode)."""
    lead_factory: LazyText | None = None
    body_factory: LazyBody | None = None
    related_factory: LazyRelated | None = None
    by_id: dict[int, DemoArticle] = field(init=False)
    by_slug: dict[str, DemoArticle] = field(init=False)
    categories_by_slug: dict[str, DemoCategory] = field(init=False)
    category_counts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.articles.sort(key=lambda a: (a.date, a.id), reverse=True)
        self.by_id = {a.id: a for a in self.articles}
        self.by_slug = {a.slug: a for a in self.articles}
        self.categories_by_slug = {c.slug: c for c in self.site.categories}
        counts: dict[str, int] = {}
        for article in self.articles:
            counts[article.category] = counts.get(article.category, 0) + 1
        self.category_counts = counts

    def lead(self, article: DemoArticle) -> str:
        """The article's lead paragraph (plain text)."""
        if article.lead is not None:
            return article.lead
        return self.lead_factory(article) if self.lead_factory else ""

    def body(self, article: DemoArticle) -> tuple[str, ...]:
        """The article's body as HTML block fragments."""
        if article.body is not None:
            return article.body
        return self.body_factory(article) if self.body_factory else ()

    def related(self, article: DemoArticle) -> tuple[int, ...]:
        """Ids of the article's related posts (site-chosen)."""
        if article.related or self.related_factory is None:
            return article.related
        return self.related_factory(article)

    def matches(self, article: DemoArticle, needle: str) -> bool:
        """WordPress search: `needle` (case-folded) in the title, excerpt or content. Generated
        articles are matched on their titles only, so a search never rebuilds 100k bodies."""
        if needle in article.title.casefold():
            return True
        if article.lead is not None and needle in article.lead.casefold():
            return True
        return article.body is not None and any(needle in b.casefold() for b in article.body)

    def category_of(self, article: DemoArticle) -> DemoCategory:
        """The article's primary category (a placeholder when site.json lacks it)."""
        found = self.categories_by_slug.get(article.category)
        return found or DemoCategory(id=1, name=article.category, slug=article.category)

    def author_of(self, article: DemoArticle) -> DemoAuthor:
        """The article's author (a placeholder when site.json lacks it)."""
        for author in self.site.authors:
            if author.id == article.author:
                return author
        return DemoAuthor(id=article.author, name="تحریریه", slug="newsroom")


class ContentError(ValueError):
    """The content directory is missing or a file in it does not follow the format."""


def _parse_date(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise ContentError(f"{where}: date must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ContentError(f"{where}: bad date {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TEHRAN)


def _site_from(data: Mapping[str, Any]) -> SiteInfo:
    return SiteInfo(
        name=str(data.get("name", "")),
        description=str(data.get("description", "")),
        timezone=str(data.get("timezone", "Asia/Tehran")),
        categories=tuple(
            DemoCategory(
                id=int(c["id"]), name=str(c["name"]), slug=str(c["slug"]),
                parent=int(c.get("parent", 0)), description=str(c.get("description", "")),
            )
            for c in data.get("categories", ())
        ),
        authors=tuple(
            DemoAuthor(id=int(a["id"]), name=str(a["name"]), slug=str(a["slug"]))
            for a in data.get("authors", ())
        ),
    )


def _article_from(data: Mapping[str, Any], where: str) -> tuple[DemoArticle, list[DemoComment]]:
    try:
        post_id = int(data["id"])
        article = DemoArticle(
            id=post_id,
            slug=str(data["slug"]),
            title=str(data["title"]),
            date=_parse_date(data["date"], where),
            category=str(data["category"]),
            author=int(data.get("author", 1)),
            lead=str(data.get("lead", "")),
            body=tuple(str(block) for block in data.get("body", ())),
            related=tuple(int(r) for r in data.get("related", ())),
            comments_open=bool(data.get("comments_open", True)),
            modified=_parse_date(data["modified"], where) if "modified" in data else None,
            legacy_spacing=bool(data.get("legacy_spacing", False)),
        )
        comments = [
            DemoComment(
                id=int(c["id"]), post=post_id, parent=int(c.get("parent", 0)),
                author=str(c["author"]), email=str(c.get("email", "")),
                date=_parse_date(c["date"], f"{where} comment {c.get('id')}"),
                text=str(c["text"]), url=str(c.get("url", "")),
                approved=bool(c.get("approved", True)),
            )
            for c in data.get("comments", ())
        ]
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ContentError):
            raise
        raise ContentError(f"{where}: {exc!r}") from exc
    return article, comments


def load_content(path: Path | str | None = None) -> DemoContent:
    """Read a demo-site directory (`site.json` + `articles/*.json`) into a `DemoContent`.

    `path` defaults to the bundled site (`locations.demo_site_dir()`). Raises `ContentError`
    naming the file when something is malformed.
    """
    root = Path(path) if path is not None else locations.demo_site_dir()
    site_file = root / "site.json"
    try:
        site = _site_from(json.loads(site_file.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{site_file}: {exc}") from exc
    articles: list[DemoArticle] = []
    comments: list[DemoComment] = []
    for file in sorted((root / "articles").glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ContentError(f"{file}: {exc}") from exc
        article, article_comments = _article_from(data, str(file))
        articles.append(article)
        comments.extend(article_comments)
    return DemoContent(site=site, articles=articles, comments=comments)

