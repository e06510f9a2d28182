"""Widgets that draw text-engine lines themselves, and the look of each text role.

`ShapedText` is the project's Label: a few paragraphs laid out by `madara_tui.text` at the widget's
width, one `Strip` per row. It follows the app's bidi mode and language live.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.style import Style
from textual.dom import DOMNode
from textual.strip import Strip
from textual.widget import Widget

from madara_tui.messages import Lang, is_lang
from madara_tui.text import BidiMode
from madara_tui.ui.lines import DrawnLine, ParagraphCache, Piece, layout, styles_from, to_strip

ROLES: tuple[str, ...] = (
    "title", "lead", "meta", "dim", "heading", "quote", "link", "hit", "bold",
    "error", "ok", "label", "cursor", "unread", "mark",
)
"""Text roles; each has a component class `text--<role>` (`ROLE_RULES`)."""

ROLE_RULES: dict[str, str] = {
    "title": "{ text-style: bold; color: $text; }",
    "lead": "{ text-style: bold; }",
    "meta": "{ color: $text-muted; }",
    "dim": "{ color: $text-muted; }",
    "heading": "{ text-style: bold; color: $accent; }",
    "quote": "{ color: $text-secondary; text-style: italic; }",
    "link": "{ color: $text-accent; text-style: underline; }",
    "hit": "{ background: $warning 40%; text-style: bold; }",
    "bold": "{ text-style: bold; }",
    "error": "{ color: $text-error; }",
    "ok": "{ color: $text-success; }",
    "label": "{ color: $text-primary; text-style: bold; }",
    "cursor": "{ background: $block-cursor-background; color: $block-cursor-foreground; "
              "text-style: $block-cursor-text-style; }",
    "unread": "{ color: $text-accent; text-style: bold; }",
    "mark": "{ color: $text-warning; }",
}
"""The look of each text role, as the declarations of its component class."""


def role_css(roles: Sequence[str] = ROLES) -> str:
    """The rules of `roles`' component classes, to be nested in a widget's own rule."""
    return "".join(f"\n    & > .text--{role} {ROLE_RULES[role]}" for role in roles) + "\n"


def role_classes(roles: Sequence[str] = ROLES) -> set[str]:
    """The component classes of `roles`."""
    return {f"text--{role}" for role in roles}


ROLE_CSS = role_css()
"""The rules of every role (views that may draw any of them)."""

ROLE_CLASSES: set[str] = role_classes()


def ui_mode(node: DOMNode) -> BidiMode:
    """The app's current bidi mode (app mode outside the reader, e.g. in widget tests)."""
    mode = getattr(node.app, "bidi_mode", BidiMode.APP)
    return mode if isinstance(mode, BidiMode) else BidiMode(str(mode))


def ui_lang(node: DOMNode) -> Lang:
    """The app's interface language, "fa" or "en"."""
    lang = getattr(node.app, "lang", "fa")
    return lang if is_lang(lang) else "fa"


def role_styles(widget: Widget, roles: Sequence[str] = ROLES) -> dict[str, Style]:
    """Rich style of each role, from the widget's component classes (follows the theme)."""
    return {role: widget.get_component_rich_style(f"text--{role}", partial=True)
            for role in roles}


def follow_app(widget: Widget, callback: Any) -> None:
    """Call `callback()` whenever the app's bidi mode or language changes."""
    app = widget.app
    for name in ("bidi_mode", "lang"):
        if hasattr(type(app), name):
            widget.watch(app, name, lambda _value: callback(), init=False)


def forget_closed_watchers(app: object) -> None:
    """Drop the watchers of the app's reactives whose widget has closed. Textual drops them only
    when that reactive next changes, and the language and bidi mode rarely do: every screen the
    reader had shown was kept, with its laid-out text, through its widgets' watchers
    (`follow_app`), and each full garbage collection walked them all (docs/performance.md,
    Round 4: the article screens kept)."""
    # Textual's own table of them (textual.reactive._watch), filtered as Textual filters it.
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(app, "__watchers", None) or {}
    for entries in watchers.values():
        entries[:] = [(node, callback) for node, callback in entries if not node._closing]


class ShapedText(Widget):
    """Paragraphs drawn from text-engine lines; height follows the text."""

    DEFAULT_CSS = "ShapedText { height: auto; width: 1fr; }\nShapedText {" + ROLE_CSS + "}"
    COMPONENT_CLASSES: ClassVar[set[str]] = ROLE_CLASSES

    def __init__(self, pieces: Sequence[Piece] = (), *, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._pieces: tuple[Piece, ...] = tuple(pieces)
        self._cache = ParagraphCache(limit=64)
        self._drawn: tuple[int, BidiMode, list[DrawnLine]] | None = None

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """What the widget shows."""
        return self._pieces

    @property
    def plain(self) -> str:
        """The logical text shown, paragraphs joined by newlines (for tests and copying)."""
        return "\n".join(piece.text for piece in self._pieces)

    def on_mount(self) -> None:
        follow_app(self, self.relayout)

    def update(self, pieces: Sequence[Piece]) -> None:
        """Show `pieces` instead."""
        pieces = tuple(pieces)
        if pieces != self._pieces:
            self._pieces = pieces
            self.relayout()

    def relayout(self) -> None:
        """Forget the layout (mode, language or text changed) and redraw."""
        self._drawn = None
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[DrawnLine]:
        mode = ui_mode(self)
        if self._drawn is None or self._drawn[:2] != (width, mode):
            lines = layout(self._pieces, max(width, 1), mode, self._cache,
                           indent_right=ui_lang(self) == "fa")
            self._drawn = (width, mode, lines)
        return self._drawn[2]

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._lines(width)) if self._pieces else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines(width)
        base = self.rich_style
        if y >= len(lines):
            return Strip.blank(width, base)
        styles = role_styles(self)
        drawn = lines[y]
        return to_strip(drawn, width, base + styles.get(drawn.role, Style.null()),
                        styles_from(styles))
