"""Help (F1, ?): every key of every screen with its binding id (for `[keymap]`), and the
bidi modes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.keys import format_key

from madara_tui.messages import Lang, key_label, tr
from madara_tui.ui.lines import Piece, interface_direction
from madara_tui.ui.persian_keys import with_persian_keys
from madara_tui.ui.screens.base import ReaderModal
from madara_tui.ui.widgets.bars import KeyBar
from madara_tui.ui.widgets.document import DocumentView
from madara_tui.ui.widgets.shaped import ShapedText

_SPELLED = {"escape": "Esc", "enter": "Enter", "pagedown": "PgDn", "pageup": "PgUp",
            "home": "Home", "end": "End", "space": "Space", "tab": "Tab", "delete": "Del"}


def key_names(keys: str) -> str:
    """A binding's comma-separated Textual key names as people write keys: "f1,question_mark"
    → "F1 ?", "right_square_bracket" → "]", "slash" → "/"."""
    out: list[str] = []
    for key in (part.strip() for part in keys.split(",") if part.strip()):
        if key in _SPELLED:
            out.append(_SPELLED[key])
        elif len(key) > 1 and key[0] == "f" and key[1:].isdigit():
            out.append(key.upper())
        else:
            out.append(format_key(key))
    return " ".join(out)


BindingGroups = Sequence[tuple[type[DOMNode], ...]]
"""The classes whose BINDINGS the help lists, a screen with its widgets in each group (see
`registry.binding_groups`); the app's own group comes last."""


def binding_rows(lang: Lang, groups: BindingGroups, keys_of: Mapping[str, str] | None = None,
                 first: type | None = None) -> list[tuple[str, str, str]]:
    """(Textual's key names, label, binding id) for every binding of `groups`, screen by
    screen, the screen `first` (and its widgets) at the top; `keys_of` overrides keys by id
    (the keymap in force)."""
    keys_of = keys_of or {}
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    ordered = sorted(groups, key=lambda group: first is None or not issubclass(first, group[0]))
    for owner in (owner for group in ordered for owner in group):
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            label = key_label(binding.id, lang) or binding.description
            if binding.id.removeprefix("article.link").isdigit():
                if binding.id != "article.link1":
                    continue
                rows.append(("1…9,۱…۹", key_label("article.link", lang), "article.link1…9"))
                continue
            # The Persian layout's key at each key's place answers too (ui.persian_keys).
            rows.append((with_persian_keys(keys_of.get(binding.id, binding.key)), label,
                         binding.id))
    return rows


class HelpScreen(ReaderModal):
    """The keys and the bidi modes."""

    def __init__(self, groups: BindingGroups, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self._groups = groups
        self._keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield ShapedText([Piece(self.words("help.title"), "title")], id="help-title")
            yield DocumentView(self._pieces(), gap=0, id="help")
            yield KeyBar()

    def _pieces(self) -> list[Piece]:
        direction = interface_direction(self.lang)
        pieces = [Piece(tr("help.bidi", self.lang), "dim", direction=direction)]
        below = next((type(screen) for screen in reversed(self.app.screen_stack)
                      if screen is not self), None)
        for names, label, binding_id in binding_rows(self.lang, self._groups, self._keymap, below):
            keys = key_names(names)
            line = (f"{label}: {keys}  ({binding_id})" if self.lang == "fa"
                    else f"{keys}  {label}  ({binding_id})")
            pieces.append(Piece(line, "text", direction=direction))
        return pieces

    def on_mount(self) -> None:
        self.query_one("#help", DocumentView).focus()

    def relabel(self) -> None:
        self.query_one("#help-title", ShapedText).update([Piece(self.words("help.title"),
                                                                "title")])
        self.query_one("#help", DocumentView).update(self._pieces())
