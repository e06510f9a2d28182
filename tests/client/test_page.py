"""The article page parser over a page written for these tests in the seed page's shape (but with
a different theme's markup than the demo site: labels, not class names, must carry it)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from madara_tui.client import ArticlePage, parse_article_page
from madara_tui.models import BlockKind

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://news.example.org/1403/11/03/331907/jolfa-library/"


def page() -> ArticlePage:
    return parse_article_page((FIXTURES / "article_page.html").read_bytes(), URL)


def test_meta_lines_by_label() -> None:
    parsed = page()
    assert parsed.code == "331907"  # Persian digits, label and value in separate spans
    assert parsed.published == datetime(2025, 1, 21, 23, 49, tzinfo=UTC)
    assert parsed.published is not None and parsed.published.utcoffset() is not None
    assert parsed.category == "فرهنگ و هنر"  # the «سرویس :» label
    assert parsed.post_id == 331907


def test_title_is_the_article_heading_not_the_logo() -> None:
    parsed = page()
    assert parsed.title == "کتابخانه محله جلفا پس از دو سال بازگشایی شد"
    assert parsed.lead.startswith("مدیرکل کتابخانه\u200cهای عمومی استان از بازگشایی")
    assert parsed.lead.endswith("خبر داد.")


def test_body_blocks_without_noise_or_hidden_text() -> None:
    blocks = page().blocks
    texts = [b.text for b in blocks]
    assert texts[0].startswith("به گزارش سایت خبری نمونه؛")
    assert "مقاوم\u200cسازی" in texts[0]
    assert "تعمیر شد و سامانه گرمایشی تازه\u200cای نصب شد.\nهمچنین قفسه" in texts[1]
    heading = next(b for b in blocks if b.kind is BlockKind.HEADING)
    assert (heading.text, heading.level) == ("بخش ویژه کودکان", 3)
    items = [(b.text, b.level, b.ordered) for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        ("ساعت کار: هشت صبح تا هشت شب", 1, False),
        ("هزینه عضویت سالانه: پنجاه هزار تومان", 1, False),
        ("رایگان برای دانش\u200cآموزان", 2, True),
    ]
    quote = next(b for b in blocks if b.kind is BlockKind.QUOTE)
    assert quote.text.startswith("«کتابخانه برای ما")
    joined = "\n".join(texts)
    for noise in ("چاپ", "بازدید", "اشتراک", "کلیه حقوق", "پنهان", "کد مخرب", "اخبار مرتبط"):
        assert noise not in joined, noise
    link_block = next(b for b in blocks if b.links and "ثبت" in b.text)
    link = link_block.links[0]
    assert link_block.text[link.start : link.end] == "صفحه ثبت\u200cنام"
    assert link.url == "https://news.example.org/?p=331850"


def test_related_items() -> None:
    related = page().related
    assert [r.title for r in related] == [
        "نمایشگاه کتاب استان با حضور ۱۲۰ ناشر برپا می\u200cشود",
        "ساخت پارکینگ طبقاتی مصلی به نیمه رسید",
        "کاشت ۵ هزار نهال در حاشیه زاینده\u200cرود",
    ]
    assert related[0].url == "https://news.example.org/?p=331880"
    assert related[0].article_id == 331880
    assert related[0].summary.startswith("نمایشگاه کتاب استان از هفته آینده")
    assert related[1].article_id == 331801  # from the permalink
    assert related[2].article_id is None
    assert related[2].summary == "داوطلبان محیط زیست پنج هزار نهال بومی کاشتند."


def test_comment_form_fields() -> None:
    parsed = page()
    form = parsed.form
    assert form is not None and parsed.comments_open
    assert form.action == "https://news.example.org/wp-comments-post.php"
    assert form.post_id == 331907
    assert form.hidden == (
        ("comment_post_ID", "331907"),
        ("comment_parent", "0"),
        ("antispam_nonce", "a1b2 c3&d4"),
        ("hp_field", ""),
    )
    assert form.fields == ("comment", "author", "email", "url")
    # `required` attribute, a starred label, and aria-required all count.
    assert form.required == frozenset({"comment", "author", "email"})


def test_page_without_form_has_comments_closed() -> None:
    html = (FIXTURES / "article_page.html").read_text("utf-8")
    start, end = html.index("<form"), html.index("</form>") + len("</form>")
    parsed = parse_article_page(html[:start] + html[end:], URL)
    assert parsed.form is None and not parsed.comments_open


def test_label_variants() -> None:
    html = (
        "<html><body><div>کد خبر:٣٣٠٦٠٧ | انتشار : ۳۰ فروردین ۱۴۰۳ - ۱۱:۴۵</div>"
        "<div>دسته بندی: اصفهان</div><h1>عنوان</h1><p>" + "متن خبر " * 20 + "</p></body></html>"
    )
    parsed = parse_article_page(html, "http://127.0.0.1/x")
    assert parsed.code == "330607"
    assert parsed.category == "اصفهان"
    assert parsed.published is not None
    assert parsed.published.astimezone(UTC) == datetime(2024, 4, 18, 8, 15, tzinfo=UTC)


def test_as_article_merges_over_a_rest_article() -> None:
    parsed = page()
    article = parsed.as_article("https://news.example.org")
    assert article.id == 331907 and article.complete
    assert article.code == "331907" and article.category == "فرهنگ و هنر"
    assert article.related == parsed.related and article.form == parsed.form


def test_garbage_never_raises() -> None:
    for html in ("", "<", "<<<>>>", "\x00\ud800", "<html><body><form></form>", b"\xff\xfe\x00"):
        parsed = parse_article_page(html, "http://127.0.0.1/")
        assert parsed.related == ()
