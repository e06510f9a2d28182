"""Walk every string field of what the client returns (articles, comments, pages, sources) and
list the ones holding a character that must never be stored or shown."""

from __future__ import annotations

from collections.abc import Iterable

from hostile import forbidden

from madara_tui.models import Article, Block, Category, Comment, CommentForm, Related, Source
from madara_tui.text import Paragraph

MULTILINE_FIELDS = frozenset({"block.text"})
"""Fields cleaned at body strength (line breaks and tabs allowed)."""


def _check(where: str, name: str, value: str, problems: list[str]) -> None:
    bad = forbidden(value, multiline=name in MULTILINE_FIELDS)
    if bad:
        problems.append(f"{where} {name}: {', '.join(sorted(set(bad)))} in {value[:60]!r}")


def block_problems(blocks: Iterable[Block], where: str = "") -> list[str]:
    """Problems in body blocks: their text, link URLs and image sources."""
    problems: list[str] = []
    for index, block in enumerate(blocks):
        _check(f"{where}[{index}]", "block.text", block.text, problems)
        _check(f"{where}[{index}]", "block.src", block.src, problems)
        for link in block.links:
            _check(f"{where}[{index}]", "link.url", link.url, problems)
    return problems


def related_problems(items: Iterable[Related], where: str = "") -> list[str]:
    """Problems in related-news items."""
    problems: list[str] = []
    for item in items:
        for name in ("title", "url", "summary"):
            _check(where, f"related.{name}", getattr(item, name), problems)
    return problems


def form_problems(form: CommentForm | None, where: str = "") -> list[str]:
    """Problems in a comment form's action URL (hidden values are sent back, never shown)."""
    problems: list[str] = []
    if form is not None:
        _check(where, "form.action", form.action, problems)
    return problems


def article_problems(article: Article) -> list[str]:
    """Problems in every string field of an article (blocks, related news, form included)."""
    where = f"article {article.id}"
    problems: list[str] = []
    for name in ("source", "url", "title", "lead", "code", "author"):
        _check(where, name, getattr(article, name), problems)
    for category in article.categories:
        _check(where, "category", category, problems)
    problems += block_problems(article.blocks, where)
    problems += related_problems(article.related, where)
    problems += form_problems(article.form, where)
    return problems


def comment_problems(comment: Comment) -> list[str]:
    """Problems in a comment's author, URL and text (text at body strength)."""
    problems: list[str] = []
    where = f"comment {comment.id}"
    _check(where, "author", comment.author, problems)
    _check(where, "author_url", comment.author_url, problems)
    _check(where, "block.text", comment.text, problems)
    return problems


def category_problems(category: Category) -> list[str]:
    """Problems in a category's name and slug."""
    problems: list[str] = []
    _check(f"category {category.id}", "name", category.name, problems)
    _check(f"category {category.id}", "slug", category.slug, problems)
    return problems


def source_problems(source: Source) -> list[str]:
    """Problems in an OPML source."""
    problems: list[str] = []
    for name in ("url", "title", "category"):
        _check("source", name, getattr(source, name), problems)
    return problems


def screen_problems(text: str, width: int = 60) -> list[str]:
    """Problems in the screen rows the text engine lays `text` out to (what is displayed):
    nothing a terminal acts on, and no bidi or zero-width marks in a display-ready row."""
    problems: list[str] = []
    for line in Paragraph(text).lines(width):
        bad = forbidden(line.text, multiline=False)
        bad += [f"U+{ord(ch):04X}" for ch in line.text if ch in "\u200b\u200c\u200d\u200e\u200f"]
        if bad:
            problems.append(f"screen row: {', '.join(sorted(set(bad)))} in {line.text[:60]!r}")
    return problems
