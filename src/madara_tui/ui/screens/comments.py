"""An article's comments, threaded; `w` writes a comment, Enter replies to the highlighted one."""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from madara_tui.models import Article, Comment
from madara_tui.text import format_relative
from madara_tui.ui.lines import Piece, embedded
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.item_list import Item, ItemList
from madara_tui.ui.widgets.shaped import ShapedText

MAX_DEPTH = 4
"""Deeper replies are drawn at this depth (the terminal is narrow)."""
REPLY_GUIDE = "│ "
"""Drawn at the start of each row of a reply (the right in Persian)."""


def threaded(comments: list[Comment]) -> list[tuple[Comment, int]]:
    """Comments in thread order (each followed by its replies, oldest first) with their depth.
    Replies whose parent is missing are shown at the top level."""
    ids = {comment.id for comment in comments}
    children: dict[int, list[Comment]] = defaultdict(list)
    for comment in sorted(comments, key=lambda c: (c.date, c.id)):
        children[comment.parent if comment.parent in ids else 0].append(comment)
    out: list[tuple[Comment, int]] = []
    stack = [(comment, 0) for comment in reversed(children[0])]
    while stack:
        comment, depth = stack.pop()
        out.append((comment, depth))
        stack.extend((child, depth + 1) for child in reversed(children[comment.id]))
    return out


class CommentList(ItemList):
    """The thread; Enter replies to the highlighted comment."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Reply", id="comments.reply",
                tooltip="Reply to the highlighted comment"),
    ]


class CommentsScreen(ReaderScreen):
    """The comment thread of one article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write", "Write", id="comments.write", tooltip="Write a comment"),
        Binding("R", "reload", "Reload", show=False, id="comments.reload",
                tooltip="Read the comments again"),
    ]

    def __init__(self, source: str, article_id: int) -> None:
        super().__init__()
        self.source = source
        self.article_id = article_id
        self.article: Article | None = None
        self.comments: list[Comment] = []

    def compose(self) -> ComposeResult:
        yield TopBar("comments.title", id="top")
        yield ShapedText(id="comments-about", classes="note")
        yield CommentList(id="comments")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#comments", ItemList).focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.article is not None:
            self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(exclusive=True, group="comments", exit_on_error=False)
    async def _load(self) -> None:
        reader = self.reader
        self.article = await reader.service.cached_article(self.source, self.article_id)
        self.comments = await reader.service.cached_thread(self.source, self.article_id)
        self._show()
        self.comments = await reader.service.thread(self.source, self.article_id)
        self._show()
        dropped = sum(1 for comment in self.comments if comment.dropped)
        if dropped:
            # Shown this once, in its place, and said: the next look leaves it out (the
            # outbox keeps its words).
            reader.say_key("comments.dropped_said", count=dropped)

    def _show(self) -> None:
        about: list[Piece] = []
        if self.article is not None:
            about.append(Piece(self.article.title, "label", truncate=True))
            if not self.article.comments_open:
                about.append(Piece(self.words("comments.closed"), "dim"))
        self.query_one("#comments-about", ShapedText).update(about)
        now = self.reader.clock()
        authors = {comment.id: comment.author for comment in self.comments}
        items = []
        for comment, depth in threaded(self.comments):
            indent = 2 * min(depth - 1, MAX_DEPTH - 1) if depth else 0
            # A reply carries a guide on its start side and names whom it answers, so a
            # thread reads as one at any width.
            guide = REPLY_GUIDE if depth else ""
            when = format_relative(comment.date, now=now, lang=self.lang)
            # The author's name is isolated: «John · ۲ ساعت پیش» stays a Persian line, and
            # "مریم · 3 hours ago" an English one.
            meta = f"{guide}{embedded(comment.author)} · {when}"
            if depth and comment.parent in authors:
                meta += " · " + self.words("comments.reply_to", author=authors[comment.parent])
            pieces = [Piece(meta, "meta", indent=indent)]
            if comment.held or comment.dropped:
                mark = self.words("comments.dropped" if comment.dropped else "comments.held")
                pieces.append(Piece(guide + "«" + mark + "»", "mark", indent=indent))
            pieces += [Piece(guide + line, "text", indent=indent)
                       for line in comment.text.split("\n") if line.strip()]
            items.append(Item(tuple(pieces), comment))
        self.query_one("#comments", ItemList).set_items(
            items, empty=self.words("comments.empty"), keep_cursor=True)

    def relabel(self) -> None:
        self._show()

    def action_write(self) -> None:
        self._open_form(None)

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        if isinstance(event.value, Comment):
            self._open_form(event.value)

    def _open_form(self, parent: Comment | None) -> None:
        if self.article is not None and not self.article.comments_open:
            self.reader.say_key("comments.closed")
            return
        self.reader.show_comment_form(self.source, self.article_id,
                                      parent=parent.id if parent else 0,
                                      parent_author=parent.author if parent else "")
