"""Sixel pictures, one sixel image per screen row.

A sixel image is drawn at the cursor and takes no cells, so a Line-API view can't hold it as
text. Each picture row is therefore a strip of blank cells followed by a zero-width control
segment: save the cursor, move back over the row's cells, draw that row's slice of the picture
(exactly one cell tall, background left untouched: `P2=1`), restore the cursor. A row redrawn by
a scroll redraws its slice after its own cells, and no row's sixel reaches into another row.

The encoder quantizes the picture once to the terminal's colour registers (Pillow's adaptive
palette), then writes each six-pixel band colour by colour, run-length coded. Every byte is built
from numbers and the decoded pixels, never from text that came from a site.
"""

from __future__ import annotations

import re
from functools import lru_cache

from madara_tui.pictures.decode import Picture
from madara_tui.ui.pictures.geometry import CellSize

DCS_START = "\x1bP0;1;0q"
"""Sixel introducer: aspect 1:1 (P1=0 with the raster attributes), zero bits transparent."""
ST = "\x1b\\"
SAVE, RESTORE = "\x1b7", "\x1b8"
MAX_COLOURS = 64
"""Colours a sixel picture uses at most: more cost encoding time and bytes for little gain."""
_RUN = re.compile(rb"(.)\1{3,}")
_TO_SIXEL = bytes(min(value, 63) + 63 for value in range(256))


@lru_cache(maxsize=1536)
def _bit_table(color: int, bit: int) -> bytes:
    """Maps palette index `color` to 1 << `bit`, every other index to 0 (for bytes.translate)."""
    return bytes((1 << bit) if index == color else 0 for index in range(256))


def _rle(data: bytes) -> str:
    def run(match: re.Match[bytes]) -> bytes:
        return b"!%d%c" % (len(match.group(0)), match.group(1)[0])

    return _RUN.sub(run, data).decode("ascii")


def encode(indexed: bytes, width: int, height: int,
           palette: list[tuple[int, int, int]]) -> str:
    """One sixel image of `width` × `height` pixels whose pixels are `indexed` palette
    indexes (row by row)."""
    out = [DCS_START, f'"1;1;{width};{height}']
    for color in sorted(set(indexed)):
        red, green, blue = (round(part * 100 / 255) for part in palette[color])
        out.append(f"#{color};2;{red};{green};{blue}")
    for top in range(0, height, 6):
        rows = [indexed[(top + k) * width:(top + k + 1) * width]
                for k in range(min(6, height - top))]
        first = True
        for color in sorted(set(b"".join(rows))):
            total = 0
            for bit, row in enumerate(rows):
                total += int.from_bytes(row.translate(_bit_table(color, bit)), "big")
            column_bits = total.to_bytes(width, "big").translate(_TO_SIXEL)
            out.append(("" if first else "$") + f"#{color}" + _rle(column_bits))
            first = False
        out.append("-")
    out.append(ST)
    return "".join(out)


def sixel_rows(picture: Picture, cols: int, rows: int, cell: CellSize, *,
               registers: int = 256) -> list[str]:
    """The sixel image of each row's slice of the picture shown `cols` × `rows` cells."""
    from PIL import Image

    width, height = cols * cell.width, rows * cell.height
    colours = max(2, min(registers, MAX_COLOURS))
    image = picture.image()
    if image.width > width:  # shrink before quantizing: fewer pixels to look at
        image = image.resize((width, height), Image.Resampling.BILINEAR)
    indexed = image.quantize(colors=colours, method=Image.Quantize.FASTOCTREE,
                             dither=Image.Dither.NONE)
    if indexed.size != (width, height):  # grow the indexed picture: no new colours
        indexed = indexed.resize((width, height), Image.Resampling.NEAREST)
    flat = indexed.getpalette() or []
    palette = [(flat[i], flat[i + 1], flat[i + 2]) for i in range(0, len(flat) - 2, 3)]
    palette += [(0, 0, 0)] * (256 - len(palette))
    pixels = indexed.tobytes()
    row_bytes = width * cell.height
    return [encode(pixels[row * row_bytes:(row + 1) * row_bytes], width, cell.height, palette)
            for row in range(rows)]


def place(data: str, x: int, y: int) -> str:
    """`data` drawn with its top left corner at screen cell (`x`, `y`) (0-based), the cursor
    saved before and restored after."""
    return f"{SAVE}\x1b[{y + 1};{x + 1}H{data}{RESTORE}"
