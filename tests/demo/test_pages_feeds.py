"""Article pages (the seed page's shape), redirects, feeds, conditional GET and gzip."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

import httpx
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from madara_tui.demo import DemoSite

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
}


def page(site: DemoSite, http: httpx.Client, post_id: int) -> HTMLParser:
    redirect = http.get(f"{site.url}/?p={post_id}")
    assert redirect.status_code == 301
    response = http.get(redirect.headers["location"])
    assert response.status_code == 200
    return HTMLParser(response.text)


def test_shortlink_redirects_to_permalink(site: DemoSite, http: httpx.Client) -> None:
    response = http.get(f"{site.url}/?p=900101")
    assert response.status_code == 301
    assert response.headers["location"] == f"{site.url}/2025/11/zayanderud-bridge-lighting/"
    assert http.get(f"{site.url}/?p=42").status_code == 404
    wrong_month = http.get(f"{site.url}/2024/01/zayanderud-bridge-lighting/")
    assert wrong_month.status_code == 301
    assert http.get(f"{site.url}/2025/11/no-such-post/").status_code == 404


def test_article_page_has_the_seed_shape(site: DemoSite, http: httpx.Client) -> None:
    tree = page(site, http, 900101)
    text = tree.body.text(separator="\n") if tree.body else ""
    assert "کد خبر : 900101" in text
    assert "انتشار : ۱۴۰۴/۰۸/۱۵ - 09:15" in text  # 2025-11-06 09:15 Tehran
    meta = tree.css_first(".news-meta")
    assert meta is not None and "دسته‌بندی : اصفهان" in meta.text()
    assert "چاپ" in text and "کلیه حقوق محفوظ است" in text
    h1 = tree.css_first("h1")
    assert h1 is not None and h1.text() == "نورپردازی تازهٔ پل خواجو تا پایان آذر تمام می‌شود"
    assert "معاون عمران شهرداری" in text  # the lead
    assert "اخبار مرتبط:" in text
    related = [a.text() for a in tree.css(".related-news h5 a")]
    assert related == ["خط ۱۴ اتوبوسرانی تا شهرک بهارستان امتداد یافت",
                       "قیمت صادراتی زعفران ۸ درصد کاهش یافت"]
    assert "قیمت صادراتی این محصول" in text  # related summary
    assert "ارسال دیدگاه" in text and "دیدگاهتان را بنویسید" in text
    assert "نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *" in " ".join(
        text.split())


def test_comment_form_fields(site: DemoSite, http: httpx.Client) -> None:
    tree = page(site, http, 900101)
    form = tree.css_first("form#commentform")
    assert form is not None
    assert form.attributes["action"] == f"{site.url}/wp-comments-post.php"
    assert form.attributes["method"] == "post"
    hidden = {i.attributes["name"]: i.attributes["value"]
              for i in form.css("input[type=hidden]")}
    assert hidden["comment_post_ID"] == "900101" and hidden["comment_parent"] == "0"
    assert hidden["akismet_comment_nonce"] and "ak_js" in hidden
    for name in ("author", "email", "url"):
        assert form.css_first(f"input[name={name}]") is not None
    assert form.css_first("textarea[name=comment]") is not None
    author = form.css_first("input[name=author]")
    assert author is not None and "required" in author.attributes


def test_comments_threaded_and_closed(site: DemoSite, http: httpx.Client) -> None:
    tree = page(site, http, 900101)
    assert tree.css_first("#comment-5001 ol.children #comment-5002") is not None
    name = tree.css_first("#comment-5003 .fn")
    assert name is not None and name.text() == 'کاربر "ناشناس"'
    closed = page(site, http, 900102)
    assert closed.css_first("form#commentform") is None
    assert "دیدگاه‌ها بسته شده‌اند." in closed.body.text()  # type: ignore[union-attr]
    assert closed.css_first("#comment-5010") is not None  # old comments still shown


def test_home_category_pages_and_404(site: DemoSite, http: httpx.Client) -> None:
    home = http.get(f"{site.url}/")
    assert home.status_code == 200 and "قیمت صادراتی زعفران" in home.text
    category = http.get(f"{site.url}/category/economy/")
    assert "قیمت صادراتی زعفران" in category.text and "پل خواجو" not in category.text.split(
        "archive-title")[1].split("sidebar")[0]
    missing = http.get(f"{site.url}/nothing/here/")
    assert missing.status_code == 404 and "یافت نشد" in missing.text
    assert http.get(f"{site.url}/wp-comments-post.php").status_code == 405


def test_site_feed(site: DemoSite, http: httpx.Client) -> None:
    response = http.get(f"{site.url}/feed/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 3
    first = items[0]
    assert first.findtext("title") == "نورپردازی تازهٔ پل خواجو تا پایان آذر تمام می‌شود"
    assert first.findtext("link") == f"{site.url}/2025/11/zayanderud-bridge-lighting/"
    assert first.findtext("pubDate") == "Thu, 06 Nov 2025 05:45:00 +0000"
    assert first.findtext("dc:creator", namespaces=NS) == "نرگس فروغی"
    assert first.findtext("category") == "اصفهان"
    guid = first.find("guid")
    assert guid is not None and guid.text == f"{site.url}/?p=900101"
    assert guid.attrib["isPermaLink"] == "false"
    assert "<h3>" in (first.findtext("content:encoded", namespaces=NS) or "")
    assert first.findtext("slash:comments", namespaces=NS) == "3"
    assert first.findtext("wfw:commentRss", namespaces=NS, default="").endswith("/feed/")
    assert first.findtext("comments", default="").endswith("#respond")


def test_category_feed_paging_and_comment_feed(site: DemoSite, http: httpx.Client) -> None:
    feed = ET.fromstring(http.get(f"{site.url}/category/economy/feed/").content)
    assert [i.findtext("guid") for i in feed.iter("item")] == [f"{site.url}/?p=900103"]
    assert http.get(f"{site.url}/category/nope/feed/").status_code == 404
    assert http.get(f"{site.url}/feed/", params={"paged": "2"}).status_code == 404
    comments = ET.fromstring(http.get(
        f"{site.url}/2025/11/zayanderud-bridge-lighting/feed/").content)
    assert len(list(comments.iter("item"))) == 3


def test_conditional_get_everywhere(site: DemoSite, http: httpx.Client) -> None:
    for path in ("/feed/", "/2025/11/zayanderud-bridge-lighting/"):
        first = http.get(site.url + path)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        again = http.get(site.url + path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", path
        assert again.headers["etag"] == etag
        since = http.get(site.url + path, headers={"If-Modified-Since": modified})
        assert since.status_code == 304, path
        stale = http.get(site.url + path, headers={"If-None-Match": 'W/"other"'})
        assert stale.status_code == 200 and stale.content == first.content


def test_gzip_when_accepted(site: DemoSite) -> None:
    with httpx.Client() as client:  # accepts gzip and decodes it
        response = client.get(f"{site.url}/wp-json/wp/v2/posts")
        assert response.headers["content-encoding"] == "gzip"
        assert response.json()[0]["id"] == 900101
        raw = client.get(f"{site.url}/feed/", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in raw.headers
    with httpx.Client() as client, client.stream("GET", f"{site.url}/feed/") as response:
        body = b"".join(response.iter_raw())
    assert gzip.decompress(body).startswith(b"<?xml")
