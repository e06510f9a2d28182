"""How many cells a picture takes at a given view width."""

from __future__ import annotations

from madara_tui.records import record

DEFAULT_CELL = (10, 20)
"""Pixel size of a cell when the terminal does not say (a VT340's)."""
UPSCALE = 2
"""A picture is drawn at most this many times its natural size (in cells)."""
MAX_CELLS = 256
"""Most columns or rows one picture may span (the kitty placeholders can number 297)."""


@record
class CellSize:
    """A terminal cell's size in pixels."""

    width: int = DEFAULT_CELL[0]
    height: int = DEFAULT_CELL[1]


def fit(size: tuple[int, int], width: int, max_rows: int, cell: CellSize,
        *, half_blocks: bool) -> tuple[int, int]:
    """(columns, rows) of a picture of `size` pixels shown at most `width` columns and
    `max_rows` rows wide and tall, its aspect kept. Half blocks draw two square-ish pixels per
    cell (a cell being about twice as tall as wide); pixel protocols use the cell's real size."""
    pixel_w, pixel_h = max(size[0], 1), max(size[1], 1)
    # Up to twice its own size at most: a 1×1 spacer GIF stays a dot, not a 24-row slab.
    natural = pixel_w if half_blocks else pixel_w // max(cell.width, 1)
    cols = max(min(width, MAX_CELLS, UPSCALE * natural), 1)
    aspect = 2.0 if half_blocks else cell.height / max(cell.width, 1)
    rows = max(round(cols * pixel_h / pixel_w / aspect), 1)
    limit = max(min(max_rows, MAX_CELLS), 1)
    if rows > limit:
        cols = max(round(cols * limit / rows), 1)
        rows = limit
    return cols, rows
