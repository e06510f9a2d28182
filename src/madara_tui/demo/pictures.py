"""The demo site's pictures, drawn by code: every upload path gets its own small scene (sky,
sun, hills, domes and arches in colours picked from the path's hash), a few KB of JPEG or PNG.
Nothing here is copied from anywhere; the same path always gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import random
from functools import lru_cache

SIZE = (480, 270)
QUALITY = 60


def _palette(rng: random.Random) -> tuple[tuple[int, int, int], ...]:
    hue = rng.random()
    import colorsys

    def rgb(h: float, s: float, v: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
        return int(r * 255), int(g * 255), int(b * 255)

    return (rgb(hue, 0.35, 0.95), rgb(hue + 0.05, 0.55, 0.75), rgb(hue + 0.5, 0.6, 0.55),
            rgb(hue + 0.45, 0.7, 0.35), rgb(0.12, 0.8, 1.0), rgb(hue + 0.55, 0.5, 0.85))


@lru_cache(maxsize=64)
def draw_picture(path: str) -> tuple[bytes, str]:
    """(bytes, media type) of the picture for an upload `path`."""
    from PIL import Image, ImageDraw

    seed = int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big")
    rng = random.Random(seed)
    sky_top, sky_low, hill, ground, sun, dome = _palette(rng)
    width, height = SIZE
    image = Image.new("RGB", SIZE, sky_top)
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.7))
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(
            int(a + (b - a) * t) for a, b in zip(sky_top, sky_low, strict=True)))
    sun_x, sun_y, radius = rng.randint(40, width - 40), rng.randint(25, horizon // 2), 22
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=sun)
    points = [(0, horizon)]
    for x in range(0, width + 40, 40):
        points.append((x, horizon - rng.randint(10, 45)))
    points += [(width, height), (0, height)]
    draw.polygon(points, fill=hill)
    draw.rectangle([0, horizon + 10, width, height], fill=ground)
    for _ in range(rng.randint(2, 4)):
        left = rng.randint(0, width - 90)
        top = horizon - rng.randint(30, 70)
        draw.rectangle([left, top, left + 80, horizon + 30], fill=dome)
        draw.pieslice([left, top - 40, left + 80, top + 40], 180, 360, fill=dome)
        for arch in range(3):
            ax = left + 8 + arch * 25
            draw.rectangle([ax, top + 35, ax + 14, horizon + 30], fill=ground)
            draw.ellipse([ax, top + 28, ax + 14, top + 42], fill=ground)
    out = io.BytesIO()
    if path.lower().endswith(".png"):
        image.quantize(colors=16).save(out, format="PNG", optimize=True)
        return out.getvalue(), "image/png"
    image.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue(), "image/jpeg"
