"""The featured image read from REST `_embed`: an http(s) URL resolved against the post, its
alt text cleaned like any site text; anything else is no featured image."""

from __future__ import annotations

from typing import Any

from madara_tui.client.wordpress import article_from_post
from madara_tui.models import ImageRef

SOURCE = "http://127.0.0.1:9"


def post_with(media: Any) -> dict[str, Any]:
    return {"id": 5, "link": f"{SOURCE}/2026/11/x/", "title": {"rendered": "عنوان"},
            "content": {"rendered": "<p>متن</p>"}, "date_gmt": "2026-11-20T06:00:00",
            "_embedded": {"wp:featuredmedia": media}}


def test_featured_media_becomes_the_featured_image() -> None:
    article = article_from_post(post_with([{"source_url": "/wp-content/uploads/a.jpg",
                                            "alt_text": "میدان\x1b]0;title\x07 نقش‌جهان"}]),
                                SOURCE)
    assert article.featured_image == ImageRef(f"{SOURCE}/wp-content/uploads/a.jpg",
                                              "میدان نقش‌جهان")


def test_the_caption_stands_in_for_a_missing_alt_text() -> None:
    article = article_from_post(post_with([{"source_url": "https://cdn.example.org/b.png",
                                            "alt_text": "",
                                            "caption": {"rendered": "<p>پل <b>خواجو</b></p>"}}]),
                                SOURCE)
    assert article.featured_image == ImageRef("https://cdn.example.org/b.png", "پل خواجو")


def test_unusable_media_is_no_featured_image() -> None:
    for media in (None, [], ["x"], [{"source_url": "javascript:alert(1)"}],
                  [{"source_url": "data:image/png;base64,AAAA"}], [{"alt_text": "بی‌نشانی"}],
                  {"source_url": "/a.jpg"}):
        assert article_from_post(post_with(media), SOURCE).featured_image is None, media
