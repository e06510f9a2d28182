"""Pictures of articles: safe decoding of untrusted image bytes (`decode`), the disk cache with
a size budget (`cache`) and fetching through the one HTTP client (`fetch`).

No Textual or Rich here; the terminal renderers live in `madara_tui.ui.pictures`. Pillow is
imported inside the functions that decode, so starting the reader never pays for it.
"""

from madara_tui.pictures.decode import (
    MAX_BYTES,
    MAX_PIXELS,
    Picture,
    PictureRefused,
    decode_picture,
    refuse_media_type,
)

__all__ = [
    "MAX_BYTES",
    "MAX_PIXELS",
    "Picture",
    "PictureRefused",
    "decode_picture",
    "refuse_media_type",
]
