"""The featured image from where sites other than WordPress's REST API put it: a feed item's
image `media:content` or enclosure, and the article page's `og:image`."""

from __future__ import annotations

from datetime import UTC, datetime

from madara_tui.client import parse_article_page
from madara_tui.client.feeds import parse_feed
from madara_tui.models import Article, ImageRef

FEED_URL = "http://127.0.0.1:9/feed/"


def _feed(item_extra: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>خبرگزاری آزمایشی</title><link>http://127.0.0.1:9/</link>
<item><title>بازگشایی کتابخانهٔ محله</title><link>http://127.0.0.1:9/?p=41</link>
<guid>http://127.0.0.1:9/?p=41</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate>
<description>کتابخانهٔ محله پس از بازسازی دوباره باز شد.</description>
{item_extra}
</item></channel></rss>""".encode()


def _only_article(body: bytes) -> Article:
    articles = parse_feed(body, FEED_URL).articles
    assert len(articles) == 1
    return articles[0]


def test_an_image_enclosure_is_the_featured_image() -> None:
    article = _only_article(_feed(
        '<enclosure url="/pictures/library.jpg" length="5120" type="image/jpeg"/>'))
    assert article.featured_image == ImageRef("http://127.0.0.1:9/pictures/library.jpg")


def test_media_content_comes_before_an_enclosure() -> None:
    article = _only_article(_feed(
        '<media:content url="http://127.0.0.1:9/pictures/front.png" medium="image"/>'
        '<enclosure url="http://127.0.0.1:9/pictures/other.jpg" length="1" type="image/jpeg"/>'))
    assert article.featured_image == ImageRef("http://127.0.0.1:9/pictures/front.png")


def test_sound_and_unsafe_links_are_not_pictures() -> None:
    assert _only_article(_feed(
        '<enclosure url="http://127.0.0.1:9/report.mp3" length="9" type="audio/mpeg"/>'
    )).featured_image is None
    assert _only_article(_feed(
        '<enclosure url="javascript:alert(1)" length="9" type="image/png"/>'
    )).featured_image is None
    assert _only_article(_feed("")).featured_image is None


PAGE = """<!doctype html><html lang="fa" dir="rtl"><head>
<meta property="og:image" content="/uploads/square.png">
<meta property="og:image:alt" content="میدان شهر در غروب\x1b]0;title\x07">
<title>میدان تازهٔ شهر</title></head><body><article><h1>میدان تازهٔ شهر</h1>
<p>میدان تازهٔ شهر با درختان جوان و نیمکت‌های چوبی به روی مردم باز شد و شهروندان از
نخستین روز در آن گرد آمدند.</p></article></body></html>"""


def test_the_pages_og_image_with_its_cleaned_alt() -> None:
    page = parse_article_page(PAGE, "http://127.0.0.1:9/square/")
    assert page.featured_image == ImageRef("http://127.0.0.1:9/uploads/square.png",
                                           "میدان شهر در غروب")
    assert page.as_article("http://127.0.0.1:9").featured_image == page.featured_image


def test_the_rest_image_wins_over_the_pages_og_image() -> None:
    page = parse_article_page(PAGE, "http://127.0.0.1:9/square/")
    rest = Article(id=7, source="http://127.0.0.1:9", url="http://127.0.0.1:9/square/",
                   title="میدان تازهٔ شهر", published=datetime(2026, 11, 30, tzinfo=UTC),
                   featured_image=ImageRef("http://127.0.0.1:9/uploads/rest.png", "از REST"))
    assert page.as_article(rest.source, base=rest).featured_image == rest.featured_image
    listed = Article(id=7, source=rest.source, url=rest.url, title=rest.title,
                     published=rest.published)
    assert page.as_article(rest.source, base=listed).featured_image == page.featured_image
