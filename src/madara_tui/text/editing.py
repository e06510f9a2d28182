"""The text of an input field as the user edits it: logical text, cursor, selection, undo.

Kept apart from any widget so that what typing does to the stored value (the half-space kept,
controls refused, undo steps) is tested without a terminal. Positions are indices into the
logical string, between characters: 0 is before the first, `len(text)` after the last.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

KEPT_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
"""Invisible characters a Persian layout types and Persian spelling needs: ZWNJ (the half-space,
Shift+Space), ZWJ, LRM, RLM and ALM. Python calls them not printable, which is why Textual's own
inputs drop them; here they are kept."""

_KEPT_SPACES = frozenset("\u00a0\u202f")
"""No-break spaces the Persian layout types (levels 3 and 4 of the space bar); other spaces and
the tab become a plain space."""


def typable(char: str) -> bool:
    """True for a character a field accepts from the keyboard: printable, or one of
    `KEPT_FORMAT`. Controls, explicit embeddings/isolates and lone surrogates are refused."""
    return len(char) == 1 and (char.isprintable() or char in KEPT_FORMAT)


def typed_text(text: str, *, multiline: bool) -> str:
    """What of `text` (typed or pasted) a field keeps: printable characters and `KEPT_FORMAT`;
    line breaks become "\\n" in a multi-line field and a space in a one-line field; a tab is a
    space; every other control or format character is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append("\n" if multiline else " ")
        elif char in _KEPT_SPACES or typable(char):
            out.append(char)
        elif char == "\t" or unicodedata.category(char) == "Zs":
            out.append(" ")
    return "".join(out)


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "\u200c\u200d" or unicodedata.category(char)[0] == "M"


@dataclass(frozen=True, slots=True)
class EditState:
    """A snapshot for undo: the text and where the cursor and the selection's anchor were."""

    text: str
    cursor: int
    anchor: int


class EditBuffer:
    """A field's logical text with a cursor, a selection (from `anchor` to `cursor`) and undo.

    Consecutive characters typed (or deleted) one at a time form one undo step, which ends at a
    space, a line break, a cursor move or another kind of edit — the way editors group them.
    """

    UNDO_LIMIT = 200

    def __init__(self, text: str = "", *, multiline: bool = False,
                 max_length: int | None = None) -> None:
        self.multiline = multiline
        self.max_length = max_length
        self.text = self._fit(typed_text(text, multiline=multiline))
        self.cursor = self.anchor = len(self.text)
        self._undo: list[EditState] = []
        self._redo: list[EditState] = []
        self._group: str | None = None
        """The kind of the edit in progress ("type", "back", "forward"), for grouping undo."""

    # Reading.

    @property
    def selection(self) -> tuple[int, int]:
        """The selected logical range (start, end); empty when start == end."""
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor)

    @property
    def selected_text(self) -> str:
        """The text of the selection ("" when nothing is selected)."""
        start, end = self.selection
        return self.text[start:end]

    def _state(self) -> EditState:
        return EditState(self.text, self.cursor, self.anchor)

    def _fit(self, text: str) -> str:
        return text if self.max_length is None else text[: self.max_length]

    # Whole-text changes.

    def set_text(self, text: str) -> None:
        """Replace the text (a loaded draft, a cleared field): the cursor goes to its end and
        the undo history starts again."""
        self.text = self._fit(typed_text(text, multiline=self.multiline))
        self.cursor = self.anchor = len(self.text)
        self._undo.clear()
        self._redo.clear()
        self._group = None

    # Moving.

    def move(self, position: int, *, extend: bool = False) -> None:
        """Put the cursor at `position` (clamped); `extend` keeps the anchor (shift+arrow)."""
        self.cursor = max(0, min(position, len(self.text)))
        if not extend:
            self.anchor = self.cursor
        self._group = None

    def select_all(self) -> None:
        """Select the whole text, the cursor at its end."""
        self.anchor, self.cursor = 0, len(self.text)
        self._group = None

    def word_boundary(self, position: int, *, forward: bool) -> int:
        """The end of the word at or after `position` (`forward`), or the start of the word
        at or before it. A half-space (ZWNJ) or ZWJ is inside a word: «می‌شود» is one."""
        text = self.text
        if forward:
            while position < len(text) and not _in_word(text[position]):
                position += 1
            while position < len(text) and _in_word(text[position]):
                position += 1
        else:
            while position > 0 and not _in_word(text[position - 1]):
                position -= 1
            while position > 0 and _in_word(text[position - 1]):
                position -= 1
        return position

    # Editing.

    def delete_word(self, *, forward: bool) -> bool:
        """Delete the selection, else back to the previous word's start (ctrl+Backspace) or on
        to the next word's end (ctrl+Delete). Returns whether the text changed."""
        if self.anchor == self.cursor:
            self.anchor = self.word_boundary(self.cursor, forward=forward)
        return self.delete(forward=forward)

    def _remember(self, kind: str, *, joins: bool) -> None:
        if not (joins and self._group == kind and self._undo):
            self._undo.append(self._state())
            del self._undo[: -self.UNDO_LIMIT]
        self._redo.clear()
        self._group = kind

    def insert(self, typed: str) -> bool:
        """Type or paste `typed` at the cursor, replacing the selection. Returns whether the
        text changed. Characters a field refuses are dropped (see `typed_text`)."""
        text = typed_text(typed, multiline=self.multiline)
        start, end = self.selection
        if self.max_length is not None:
            room = self.max_length - (len(self.text) - (end - start))
            text = text[: max(room, 0)]
        if not text and start == end:
            return False
        # One key typed joins the step in progress (a replaced selection starts one); a
        # space, a line break or a paste closes it.
        key = len(text) == 1 and text not in (" ", "\n")
        self._remember("type", joins=key and start == end)
        self.text = self.text[:start] + text + self.text[end:]
        self.cursor = self.anchor = start + len(text)
        if not key:
            self._group = None
        return True

    def delete(self, *, forward: bool) -> bool:
        """Delete the selection, else the character before (Backspace) or after (Delete) the
        cursor. Returns whether the text changed."""
        start, end = self.selection
        if start == end:
            if forward:
                end = min(end + 1, len(self.text))
            else:
                start = max(start - 1, 0)
            if start == end:
                return False
            self._remember("forward" if forward else "back", joins=True)
        else:
            self._remember("cut", joins=False)
            self._group = None
        self.text = self.text[:start] + self.text[end:]
        self.cursor = self.anchor = start
        return True

    def undo(self) -> bool:
        """Go back one edit step; False when there is none."""
        if not self._undo:
            return False
        self._redo.append(self._state())
        self._restore(self._undo.pop())
        return True

    def redo(self) -> bool:
        """Redo the step last undone; False when there is none."""
        if not self._redo:
            return False
        self._undo.append(self._state())
        self._restore(self._redo.pop())
        return True

    def _restore(self, state: EditState) -> None:
        self.text, self.cursor, self.anchor = state.text, state.cursor, state.anchor
        self._group = None
