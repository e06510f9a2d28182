"""Each picture renderer against its format: half-block strips in true colour, 256 and 16
colours; the kitty graphics protocol's bytes and placeholder cells; sixel images decoded back
to their pixels."""

from __future__ import annotations

import base64
import re
import zlib

from rich.color import Color, ColorSystem, ColorType
from textual.strip import Strip

from madara_tui.pictures.decode import Picture
from madara_tui.ui.pictures import kitty
from madara_tui.ui.pictures.blocks import UPPER_HALF, block_rows
from madara_tui.ui.pictures.geometry import CellSize, fit
from madara_tui.ui.pictures.sixel import encode, place, sixel_rows

RED, GREEN, BLUE, WHITE = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)


def picture_of(rows: list[list[tuple[int, int, int]]]) -> Picture:
    height, width = len(rows), len(rows[0])
    rgb = bytes(part for row in rows for pixel in row for part in pixel)
    return Picture(width, height, rgb, (width, height))


# 2 × 4 pixels: two cells a row, two rows of cells.
CHECKER = picture_of([[RED, GREEN], [BLUE, WHITE], [GREEN, RED], [WHITE, BLUE]])


def described(strips: list[Strip]) -> list[list[tuple[str, object, object]]]:
    """Each strip as (text, foreground, background): RGB triplets for true colour, palette
    numbers otherwise."""
    def colour(value: Color | None) -> object:
        assert value is not None
        if value.type is ColorType.TRUECOLOR:
            assert value.triplet is not None
            return tuple(value.triplet)
        return (value.type, value.number)

    return [[(s.text, colour(s.style.color if s.style else None),
              colour(s.style.bgcolor if s.style else None)) for s in strip] for strip in strips]


def test_half_blocks_in_true_colour_are_the_pixels() -> None:
    strips = block_rows(CHECKER, 2, 2, ColorSystem.TRUECOLOR)
    assert described(strips) == [[(UPPER_HALF, RED, BLUE), (UPPER_HALF, GREEN, WHITE)],
                                 [(UPPER_HALF, GREEN, WHITE), (UPPER_HALF, RED, BLUE)]]
    assert all(strip.cell_length == 2 for strip in strips)


def test_half_blocks_in_256_colours_use_the_colour_cube() -> None:
    strips = block_rows(CHECKER, 2, 2, ColorSystem.EIGHT_BIT)
    cube = {RED: 196, GREEN: 46, BLUE: 21, WHITE: 231}

    def cell(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> tuple[str, object,
                                                                               object]:
        return (UPPER_HALF, (ColorType.EIGHT_BIT, cube[top]), (ColorType.EIGHT_BIT, cube[bottom]))

    assert described(strips) == [[cell(RED, BLUE), cell(GREEN, WHITE)],
                                 [cell(GREEN, WHITE), cell(RED, BLUE)]]


def test_half_blocks_in_16_colours_use_only_the_standard_ones() -> None:
    strips = block_rows(CHECKER, 2, 2, ColorSystem.STANDARD)
    first = list(strips[0])
    colours = [(s.style.color, s.style.bgcolor) for s in first if s.style]
    for fg, bg in colours:
        assert fg is not None and bg is not None
        assert fg.type is ColorType.STANDARD and bg.type is ColorType.STANDARD
        assert fg.number is not None and fg.number < 16
    (red, blue), (green, white) = [(fg.number, bg.number) for fg, bg in colours]
    assert red in (1, 9) and blue in (4, 12) and green in (2, 10) and white in (7, 15)
    assert all(strip.cell_length == 2 for strip in strips)


def test_runs_of_one_colour_are_one_segment() -> None:
    flat = picture_of([[RED] * 8] * 2)
    strips = block_rows(flat, 8, 1)
    assert [s.text for s in strips[0]] == [UPPER_HALF * 8]


def test_fit_keeps_the_aspect_and_the_limits() -> None:
    # 480 × 270 at 80 columns: half blocks are two pixels a cell → 80 × 22.5 rows.
    assert fit((480, 270), 80, 40, CellSize(), half_blocks=True) == (80, 22)
    # 10 × 20 pixel cells: 80 columns = 800 px wide → 450 px tall → 22.5 rows.
    assert fit((480, 270), 80, 40, CellSize(10, 20), half_blocks=False) == (80, 22)
    # Small pictures grow to twice their size at most.
    assert fit((1, 1), 80, 40, CellSize(), half_blocks=True) == (2, 1)
    assert fit((40, 20), 80, 40, CellSize(10, 20), half_blocks=False) == (8, 2)
    # Too tall for the rows allowed: narrower, aspect kept.
    cols, rows = fit((100, 1000), 80, 10, CellSize(), half_blocks=True)
    assert rows == 10 and cols == 2


APC = re.compile(r"\x1b_G([^;\x1b]*);([A-Za-z0-9+/=]*)\x1b\\")


def test_kitty_transmission_follows_the_protocol() -> None:
    width, height = 97, 61
    rgb = bytes((x * 7 + y * 13 + c * 50) % 256 for y in range(height) for x in range(width)
                for c in range(3))
    picture = Picture(width, height, rgb, (width, height))
    data = kitty.transmit(picture, 42, 30, 9)
    chunks = APC.findall(data)
    assert "".join(f"\x1b_G{k};{p}\x1b\\" for k, p in chunks) == data, "only APC G sequences"
    first = dict(item.split("=") for item in chunks[0][0].split(","))
    assert first == {"a": "T", "q": "2", "f": "24", "o": "z", "s": "97", "v": "61",
                     "i": "42", "U": "1", "c": "30", "r": "9",
                     "m": "1" if len(chunks) > 1 else "0"}
    for keys, payload in chunks[1:]:
        assert keys in ("q=2,m=1", "q=2,m=0")
        assert len(payload) <= 4096
    assert chunks[-1][0].endswith("m=0")
    assert all(len(p) <= 4096 and len(p) % 4 == 0 for _, p in chunks)
    payload = base64.standard_b64decode("".join(p for _, p in chunks))
    assert zlib.decompress(payload) == rgb


def test_kitty_placeholders_number_rows_and_columns_in_the_image_colour() -> None:
    strips = kitty.placeholder_rows(7, 3, 2)
    assert len(strips) == 2
    for row, strip in enumerate(strips):
        assert strip.cell_length == 3
        (segment,) = list(strip)
        assert segment.style is not None and segment.style.color is not None
        assert segment.style.color.number == 7
        cells = [segment.text[i:i + 3] for i in range(0, len(segment.text), 3)]
        assert cells == [kitty.PLACEHOLDER + chr(kitty.DIACRITICS[row]) +
                         chr(kitty.DIACRITICS[col]) for col in range(3)]
    assert kitty.delete(7) == "\x1b_Ga=d,d=I,i=7,q=2\x1b\\"


def decode_sixel(data: str) -> tuple[int, int, dict[int, tuple[int, int, int]],
                                     dict[tuple[int, int], int]]:
    """A small sixel reader: (width, height, palette in percent, pixel → colour index)."""
    assert data.startswith("\x1bP0;1;0q") and data.endswith("\x1b\\")
    body = data[len("\x1bP0;1;0q"):-2]
    raster = re.match(r'"1;1;(\d+);(\d+)', body)
    assert raster
    width, height = int(raster.group(1)), int(raster.group(2))
    body = body[raster.end():]
    palette: dict[int, tuple[int, int, int]] = {}
    pixels: dict[tuple[int, int], int] = {}
    x = band = 0
    colour = 0
    for token in re.finditer(r"#(\d+);2;(\d+);(\d+);(\d+)|#(\d+)|!(\d+)(.)|([?-~])|(\$)|(-)",
                             body):
        if token.group(1):
            palette[int(token.group(1))] = (int(token.group(2)), int(token.group(3)),
                                            int(token.group(4)))
        elif token.group(5):
            colour = int(token.group(5))
        elif token.group(6) or token.group(8):
            count = int(token.group(6)) if token.group(6) else 1
            bits = ord(token.group(7) or token.group(8)) - 63
            for _ in range(count):
                for k in range(6):
                    if bits & (1 << k):
                        pixels[(x, band * 6 + k)] = colour
                x += 1
        elif token.group(9):
            x = 0
        elif token.group(10):
            x, band = 0, band + 1
    return width, height, palette, pixels


def test_sixel_encoding_decodes_back_to_the_pixels() -> None:
    width, height = 23, 17  # not a multiple of 6: the last band is partial
    indexed = bytes((x // 3 + y // 2) % 5 for y in range(height) for x in range(width))
    palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (51, 102, 153)]
    palette += [(0, 0, 0)] * (256 - len(palette))
    data = encode(indexed, width, height, palette)
    got_w, got_h, got_palette, pixels = decode_sixel(data)
    assert (got_w, got_h) == (width, height)
    assert got_palette == {0: (100, 0, 0), 1: (0, 100, 0), 2: (0, 0, 100), 3: (100, 100, 100),
                           4: (20, 40, 60)}
    assert all(y < height for _, y in pixels), "nothing drawn below the row"
    assert {(x, y): indexed[y * width + x] for y in range(height) for x in range(width)} == pixels
    assert "!" in data, "runs are compressed"


def test_sixel_rows_are_one_cell_tall_each_and_placed_by_cursor_moves() -> None:
    strips = sixel_rows(CHECKER, 4, 3, CellSize(6, 10), registers=16)
    assert len(strips) == 3
    for data in strips:
        width, height, palette, pixels = decode_sixel(data)
        assert (width, height) == (24, 10)
        assert len(palette) <= 16
        assert len(pixels) == 24 * 10
    assert place("S", 4, 2) == "\x1b7\x1b[3;5HS\x1b8"
