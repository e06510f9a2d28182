"""The top bar (where you are, and the calm status: demo site, offline, refresh progress) and
the key bar (the keys that matter on this screen, labelled in the interface language).

Both draw their own single row: Persian labels are shaped and ordered by the text engine, and
the Persian interface puts the title on the right and the keys from right to left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from madara_tui.messages import Lang, key_label, tr
from madara_tui.records import record
from madara_tui.text import cell_width, to_persian_digits
from madara_tui.ui.lines import isolated, visual
from madara_tui.ui.widgets.shaped import follow_app, ui_lang, ui_mode

Words = Callable[[Lang], str]
"""A message in a language ("fa" or "en"), made again when the interface language changes."""


@record
class Status:
    """What the top bar reports besides the screen title."""

    demo: bool = False
    offline: bool = False
    progress: tuple[int, int] | None = None
    """(done, total) while refreshing."""
    message: Words | str = ""
    """A short logical-order message, e.g. the last refresh's result: `Words` follow the
    language; a plain string (a startup notice) is shown as it is."""
    error: bool = False
    origin: object | None = None
    """The screen the message was said on: it belongs there, not to screens opened later or
    gone back to (None: any screen)."""

    def text(self, lang: Lang) -> str:
        """The message in `lang` ("" when there is none)."""
        return self.message(lang) if callable(self.message) else self.message


class TopBar(Widget):
    """One row: app and screen title on the reading start side, status on the other."""

    DEFAULT_CSS = """
    TopBar { height: 1; dock: top; background: $panel; color: $text; }
    TopBar > .bar--title { text-style: bold; color: $text-primary; }
    TopBar > .bar--status { color: $text-muted; }
    TopBar > .bar--offline { color: $text-warning; }
    TopBar > .bar--error { color: $text-error; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bar--title", "bar--status", "bar--offline", "bar--error"}

    def __init__(self, title_key: str = "headlines.title", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title_key = title_key
        self._extra: tuple[str, ...] = ()

    def on_mount(self) -> None:
        follow_app(self, self.refresh)
        if hasattr(type(self.app), "status"):
            self.watch(self.app, "status", self._status_changed, init=False)

    def _status_changed(self, _status: Status) -> None:
        self.refresh()

    def set_title(self, title_key: str, extra: str | Sequence[str] = ()) -> None:
        """Show the screen title `title_key` ("" for none), followed by the parts of `extra`
        (plain text: a category, a count). Each part is laid out on its own, so a Persian
        name in the English interface keeps its neighbours out of its run."""
        self._title_key = title_key
        self._extra = (extra,) if isinstance(extra, str) else tuple(extra)
        self.refresh()

    def _status_parts(self) -> list[tuple[str, str]]:
        lang = ui_lang(self)
        status = getattr(self.app, "status", Status())
        parts: list[tuple[str, str]] = []
        if status.progress is not None:
            done, total = status.progress
            parts.append((tr("status.refreshing", lang, done=_num(done, lang),
                             total=_num(total, lang)), "bar--status"))
        if status.message and status.origin in (None, self.screen):
            parts.append((status.text(lang), "bar--error" if status.error else "bar--status"))
        if status.offline:
            parts.append((tr("status.offline", lang), "bar--offline"))
        if status.demo:
            parts.append((tr("status.demo", lang), "bar--status"))
        return parts

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        lang, mode = ui_lang(self), ui_mode(self)
        head = tr("app.title", lang)
        if self._title_key:
            head += " — " + tr(self._title_key, lang)
        title = isolated([head, *(part for part in self._extra if part)], mode,
                         rtl=lang == "fa")
        title_seg = Segment(" " + title + " ",
                            base + self.get_component_rich_style("bar--title", partial=True))
        status: list[Segment] = []
        for text, role in self._status_parts():
            if status:
                status.append(Segment(" · ", base))
            status.append(Segment(visual(text, mode),
                                  base + self.get_component_rich_style(role, partial=True)))
        status.append(Segment(" ", base))
        if lang == "fa":
            status.insert(0, Segment(" ", base))
            left, right = status, [title_seg]
        else:
            left, right = [title_seg], [*status]
        used = sum(cell_width(s.text) for s in left + right)
        middle = [Segment(" " * max(width - used, 0), base)]
        return Strip([*left, *middle, *right]).crop(0, width).adjust_cell_length(width, base)


def _num(value: int, lang: Lang) -> str:
    return to_persian_digits(value) if lang == "fa" else str(value)


ALWAYS_SHOWN = frozenset({"app.help"})
"""Binding ids the key bar keeps however narrow the screen: help lists every other key."""


def _fit(pairs: list[tuple[list[Segment], str, DOMNode]], kept: list[bool],
         width: int) -> list[tuple[list[Segment], str, DOMNode]]:
    """The «key label» pairs that fit in `width` cells, whole: the screen lists them most
    important first, so the last ones (except those `kept` marks) give way. Cutting the row
    instead lost half a label, or in Persian the most important keys at the start."""
    cells = [sum(cell_width(s.text) for s in pair) for pair, _action, _node in pairs]
    chosen = list(range(len(pairs)))
    while sum(cells[i] for i in chosen) > width and chosen:
        droppable = [i for i in chosen if not kept[i]] or chosen
        chosen.remove(droppable[-1])
    return [pairs[i] for i in chosen]


class KeyBar(Widget):
    """The footer: the screen's shown bindings as «key label» pairs; a click runs the action."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $footer-background; }
    KeyBar > .keybar--key { color: $footer-key-foreground; background: $footer-key-background;
                            text-style: bold; }
    KeyBar > .keybar--label { color: $footer-description-foreground;
                              background: $footer-description-background; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--label"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: list[tuple[int, int, str, DOMNode]] = []

    def on_mount(self) -> None:
        follow_app(self, self.refresh)
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[Any]) -> None:
        self.refresh()

    def shown(self) -> list[tuple[Binding, DOMNode, str]]:
        """The (binding, node, label) pairs drawn, in reading order (one per action)."""
        lang = ui_lang(self)
        seen: set[str] = set()
        out: list[tuple[Binding, DOMNode, str]] = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or not active.enabled:
                continue
            label = key_label(binding.id or "", lang) or binding.description
            if not label:
                continue
            seen.add(binding.action)
            out.append((binding, active.node, label))
        return out

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        mode, rtl = ui_mode(self), ui_lang(self) == "fa"
        key_style = base + self.get_component_rich_style("keybar--key", partial=True)
        label_style = base + self.get_component_rich_style("keybar--label", partial=True)
        pairs: list[tuple[list[Segment], str, DOMNode]] = []
        kept: list[bool] = []
        for binding, node, label in self.shown():
            key = f" {self.app.get_key_display(binding)} "
            text = visual(label, mode) + " "
            pair = [Segment(key, key_style), Segment(text, label_style)]
            if rtl:
                pair = [Segment(" " + visual(label, mode), label_style), Segment(key, key_style)]
            pairs.append((pair, binding.action, node))
            kept.append(binding.id in ALWAYS_SHOWN)
        pairs = _fit(pairs, kept, width)
        if rtl:
            pairs.reverse()
        segments: list[Segment] = []
        self._targets = []
        x = 0
        for pair, action, node in pairs:
            cells = sum(cell_width(s.text) for s in pair)
            self._targets.append((x, x + cells, action, node))
            segments += pair
            x += cells
        if rtl:
            segments.insert(0, Segment(" " * max(width - x, 0), base))
            shift = max(width - x, 0)
            self._targets = [(a + shift, b + shift, act, n) for a, b, act, n in self._targets]
        return Strip(segments).adjust_cell_length(width, base)

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._targets:
            if start <= event.x < end:
                await self.app.run_action(action, node)
                return
