"""Untrusted image bytes → a small RGB picture, or a short reason why not.

The bytes come from any site, so every limit is checked before the expensive step it guards:

1. the answer's media type must be `image/*` and not SVG (an SVG is a program, not a picture:
   never rasterized here) — `refuse_media_type`, before the body is even kept;
2. the body is at most `MAX_BYTES` (the fetcher stops reading past it);
3. Pillow opens only the formats listed in `FORMATS` and reads the *header*; the declared
   width × height must be at most `MAX_PIXELS` before a single pixel is decoded (a 20,000 ×
   20,000 PNG of a few KB is refused here, not after allocating 1.2 GB);
4. only the first frame of an animation is decoded (Pillow reads frames lazily; we never count
   them, so a 1,000-frame GIF costs one frame);
5. JPEGs are decoded at a reduced scale (`draft`) when much larger than needed, and the result is
   shrunk to at most `WORK_SIZE` pixels a side: that is all a terminal can show.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

MAX_BYTES = 8 * 1024 * 1024
"""Largest image body accepted (bytes)."""
MAX_PIXELS = 16_000_000
"""Largest declared width × height decoded (a 4,000 × 4,000 picture); RGB of that is 48 MB."""
WORK_SIZE = 960
"""Longest side of the decoded picture kept in memory; no terminal view is wider in pixels."""
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP")
"""The decoders Pillow may use: the web's picture formats, nothing more exotic."""
BACKGROUND = (0, 0, 0)
"""What transparent pixels are composed over."""

_ONE_AT_A_TIME = threading.Lock()
"""Decodes run one at a time: the peak memory is one picture's, whatever an article holds (and
the warnings filter below is process-wide)."""


class PictureRefused(Exception):
    """The bytes are not a picture we show; `reason` is a short English key for the UI
    (`type`, `svg`, `size`, `pixels`, `corrupt`, `format`)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True, slots=True)
class Picture:
    """A decoded picture: RGB bytes, row by row, `width` × `height` pixels."""

    width: int
    height: int
    rgb: bytes
    source_size: tuple[int, int]
    """The size the image declared (before shrinking)."""

    def image(self) -> PILImage:
        """A Pillow image of the RGB bytes."""
        from PIL import Image

        return Image.frombytes("RGB", (self.width, self.height), self.rgb)


def refuse_media_type(media_type: str) -> None:
    """Raise PictureRefused unless `media_type` names a raster image."""
    kind = media_type.split(";")[0].strip().lower()
    if kind.startswith("image/svg"):
        raise PictureRefused("svg", kind)
    if not kind.startswith("image/"):
        raise PictureRefused("type", kind or "none")


def decode_picture(data: bytes, media_type: str = "image/*", *,
                   max_pixels: int = MAX_PIXELS, work_size: int = WORK_SIZE) -> Picture:
    """Decode `data` (see the module's rules). Raises PictureRefused."""
    with _ONE_AT_A_TIME, warnings.catch_warnings():
        from PIL import Image

        # Pillow warns (on stderr, under the reader's screen) about sizes just past its limit:
        # here that is a refusal like any other.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return _decode(data, media_type, max_pixels, work_size)


def _decode(data: bytes, media_type: str, max_pixels: int, work_size: int) -> Picture:
    refuse_media_type(media_type)
    if len(data) > MAX_BYTES:
        raise PictureRefused("size", f"{len(data)} bytes")
    if data.lstrip()[:5].lower() in (b"<?xml", b"<svg ", b"<svg>"):
        raise PictureRefused("svg", "markup labelled as an image")
    from PIL import Image, UnidentifiedImageError

    # Pillow's own bomb check, as a second line: our header check below refuses first.
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except UnidentifiedImageError as exc:
        raise PictureRefused("format", str(exc)[:120]) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureRefused("pixels", str(exc)[:120]) from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise PictureRefused("corrupt", str(exc)[:120]) from exc
    with image:
        width, height = image.size
        if width <= 0 or height <= 0 or width * height > max_pixels:
            raise PictureRefused("pixels", f"{width}×{height}")
        try:
            image.seek(0)  # the first frame only; later frames are never read
            if image.format == "JPEG":
                image.draft("RGB", (work_size, work_size))
            image.load()
            frame = _flatten(image)
            frame.thumbnail((work_size, work_size))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PictureRefused("pixels", str(exc)[:120]) from exc
        except (OSError, ValueError, SyntaxError, EOFError) as exc:
            raise PictureRefused("corrupt", str(exc)[:120]) from exc
        return Picture(frame.width, frame.height, frame.tobytes(), (width, height))


def _flatten(image: PILImage) -> PILImage:
    """The frame as RGB, transparent parts composed over `BACKGROUND`."""
    from PIL import Image

    if image.mode == "RGB":
        return image.copy()
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, BACKGROUND)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def header_size(data: bytes) -> tuple[int, int] | None:
    """The width and height the image declares, read from its header only; None if unreadable."""
    from PIL import Image, UnidentifiedImageError

    with _ONE_AT_A_TIME, warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                return image.size
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
                Image.DecompressionBombError):
            return None
