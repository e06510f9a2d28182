"""Half-block pictures: each cell is `▀` with the upper pixel as its foreground colour and the
lower one as its background, so a cell shows two pixels, in the colours the terminal has."""

from __future__ import annotations

from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from madara_tui.pictures.decode import Picture

UPPER_HALF = "▀"


def block_rows(picture: Picture, cols: int, rows: int,
               colors: ColorSystem = ColorSystem.TRUECOLOR) -> list[Strip]:
    """The picture scaled to `cols` × `rows` cells, one strip a row, in `colors`."""
    from PIL import Image

    image = picture.image().resize((cols, rows * 2), Image.Resampling.BILINEAR)
    pixels = image.tobytes()
    styles: dict[tuple[int, ...], Style] = {}
    stride = cols * 3
    strips = []
    for row in range(rows):
        top = pixels[2 * row * stride:(2 * row + 1) * stride]
        bottom = pixels[(2 * row + 1) * stride:(2 * row + 2) * stride]
        segments: list[Segment] = []
        run_style: Style | None = None
        run = 0
        for x in range(0, stride, 3):
            key = (*top[x:x + 3], *bottom[x:x + 3])
            style = styles.get(key)
            if style is None:
                style = styles[key] = Style(color=_color(key[:3], colors),
                                            bgcolor=_color(key[3:], colors))
            if style is run_style or style == run_style:
                run += 1
                continue
            if run_style is not None:
                segments.append(Segment(UPPER_HALF * run, run_style))
            run_style, run = style, 1
        if run_style is not None:
            segments.append(Segment(UPPER_HALF * run, run_style))
        strips.append(Strip(segments, cols))
    return strips


def _color(rgb: tuple[int, ...], colors: ColorSystem) -> Color:
    color = Color.from_rgb(rgb[0], rgb[1], rgb[2])
    return color if colors is ColorSystem.TRUECOLOR else color.downgrade(colors)
