"""The pictures of the article on screen: decoded pictures by URL, and their rows drawn for the
chosen protocol at the size the view asks for (kept until the size changes)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from madara_tui.pictures.decode import Picture
from madara_tui.ui.pictures.detect import Graphics
from madara_tui.ui.pictures.geometry import fit

MAX_ROWS = 24
"""Tallest picture, in rows, whatever the view's height (a picture never hides a whole page)."""

_kitty_ids = count()


def next_kitty_id() -> int:
    """Image ids 1–255, reused in turn (the id is drawn as a 256-colour index)."""
    return next(_kitty_ids) % 255 + 1


class PictureShelf:
    """What `DocumentView` asks about pictures: their size in cells and each row's strip."""

    def __init__(self, graphics: Graphics, write: Callable[[str], None],
                 colors: ColorSystem = ColorSystem.TRUECOLOR) -> None:
        self.graphics = graphics
        self.write = write
        """Sends protocol bytes straight to the terminal (kitty's transmissions)."""
        self.colors = colors
        self.visible = graphics.protocol != "off"
        self._pictures: dict[str, Picture] = {}
        self._rows: dict[str, tuple[tuple[int, int], list[Strip]]] = {}
        self._kitty: dict[tuple[str, int, int], int] = {}
        self._sixels: dict[str, tuple[tuple[int, int], list[str]]] = {}

    def add(self, url: str, picture: Picture) -> None:
        """A picture arrived."""
        self._pictures[url] = picture
        self._rows.pop(url, None)

    def has(self, url: str) -> bool:
        """True when `url`'s picture is decoded."""
        return url in self._pictures

    def clear(self) -> None:
        """Forget every picture (another article opens); frees kitty's copies."""
        if self._kitty:
            from madara_tui.ui.pictures import kitty

            for image_id in self._kitty.values():
                self.write(kitty.delete(image_id))
        self._pictures.clear()
        self._rows.clear()
        self._sixels.clear()
        self._kitty.clear()

    def size(self, url: str, width: int, height: int) -> tuple[int, int] | None:
        """(columns, rows) of `url`'s picture in a view `width` × `height` cells; None when it
        is not shown (hidden, off, or not decoded)."""
        picture = self._pictures.get(url)
        if picture is None or not self.visible:
            return None
        max_rows = min(MAX_ROWS, max(height - 2, 4))
        return fit((picture.width, picture.height), width, max_rows, self.graphics.cell,
                   half_blocks=self.graphics.protocol == "blocks")

    def row(self, url: str, cols: int, rows: int, row: int, base: Style) -> Strip:
        """Row `row` of `url`'s picture drawn `cols` × `rows` cells."""
        cached = self._rows.get(url)
        if cached is None or cached[0] != (cols, rows):
            cached = ((cols, rows), self._draw(url, cols, rows, base))
            self._rows[url] = cached
        strips = cached[1]
        if 0 <= row < len(strips):
            return strips[row]
        return Strip([Segment(" " * cols, base)], cols)

    def ready(self, url: str, cols: int, rows: int) -> bool:
        """False while `url`'s sixel slices at this size are still to be made (`prepare`)."""
        if self.graphics.protocol != "sixel":
            return True
        drawn = self._sixels.get(url)
        return drawn is not None and drawn[0] == (cols, rows)

    def prepare(self, url: str, cols: int, rows: int) -> None:
        """Make the sixel slices of `url`'s picture at this size: a fraction of a second for a
        large picture, so the view calls it in a worker thread, never while drawing."""
        from madara_tui.ui.pictures.sixel import sixel_rows

        picture = self._pictures.get(url)
        if picture is None:
            return
        data = sixel_rows(picture, cols, rows, self.graphics.cell,
                          registers=self.graphics.registers)
        self._sixels[url] = ((cols, rows), data)

    def sixel(self, url: str, cols: int, rows: int, row: int) -> str:
        """The sixel image of row `row` of `url`'s picture drawn `cols` × `rows` cells (after
        `row()` drew that size); "" when there is none."""
        drawn = self._sixels.get(url)
        if drawn is None or drawn[0] != (cols, rows) or not 0 <= row < len(drawn[1]):
            return ""
        return drawn[1][row]

    def _draw(self, url: str, cols: int, rows: int, base: Style) -> list[Strip]:
        picture = self._pictures[url]
        protocol = self.graphics.protocol
        if protocol == "kitty":
            from madara_tui.ui.pictures import kitty

            key = (url, cols, rows)
            image_id = self._kitty.get(key)
            if image_id is None:
                image_id = self._kitty[key] = next_kitty_id()
                self.write(kitty.transmit(picture, image_id, cols, rows))
            return kitty.placeholder_rows(image_id, cols, rows)
        if protocol == "sixel":  # blank cells; the slices come from `prepare`
            return [Strip([Segment(" " * cols, base)], cols) for _ in range(rows)]
        from madara_tui.ui.pictures.blocks import block_rows

        return block_rows(picture, cols, rows, self.colors)

