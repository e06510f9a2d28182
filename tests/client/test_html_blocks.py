"""HTML → blocks and text: structure, links, hidden content, cleaning, and robustness."""

from __future__ import annotations

import random

from madara_tui.client import html_to_blocks, html_to_text
from madara_tui.models import BlockKind

BASE = "https://news.example.org/1405/08/some-article/"


def test_structure_and_whitespace() -> None:
    blocks = html_to_blocks(
        "<h2>  عنوان   فرعی </h2><p>سطر  اول<br>  سطر دوم </p>"
        "<ol><li>یک<ul><li>الف</li></ul></li><li>دو</li></ol>"
        "<blockquote>نقل <em>قول</em></blockquote><pre>  a\n    b</pre>",
        BASE,
    )
    summary = [(b.kind, b.text, b.level, b.ordered) for b in blocks]
    assert summary == [
        (BlockKind.HEADING, "عنوان فرعی", 2, False),
        (BlockKind.PARAGRAPH, "سطر اول\nسطر دوم", 0, False),
        (BlockKind.LIST_ITEM, "یک", 1, True),
        (BlockKind.LIST_ITEM, "الف", 2, False),
        (BlockKind.LIST_ITEM, "دو", 1, True),
        (BlockKind.QUOTE, "نقل قول", 0, False),
        (BlockKind.PREFORMATTED, "  a\n    b", 0, False),
    ]


def test_links_and_images_are_absolute() -> None:
    blocks = html_to_blocks(
        '<p>متن <a href="/?p=12">خبر <b>قبلی</b></a> و <a href="javascript:alert(1)">بد</a>'
        ' و <a href="mailto:a@example.org">نامه</a></p>'
        '<p><img src="../img/a.jpg" alt="تصویر\nیک"><img data-src="/lazy.jpg" src="data:x"></p>',
        BASE,
    )
    paragraph = blocks[0]
    spans = [(paragraph.text[k.start : k.end], k.url) for k in paragraph.links]
    assert spans == [
        ("خبر قبلی", "https://news.example.org/?p=12"),
        ("نامه", "mailto:a@example.org"),
    ]
    images = [(b.text, b.src) for b in blocks if b.kind is BlockKind.IMAGE]
    assert images == [
        ("تصویر یک", "https://news.example.org/1405/08/img/a.jpg"),
        ("", "https://news.example.org/lazy.jpg"),
    ]


def test_base_href_is_honoured() -> None:
    blocks = html_to_blocks(
        '<base href="https://cdn.example.com/x/"><p><a href="y">l</a></p>', BASE
    )
    assert blocks[0].links[0].url == "https://cdn.example.com/x/y"


def test_hidden_and_script_content_is_dropped() -> None:
    text = html_to_text(
        "<p>پیدا</p><script>alert('x')</script><style>p{}</style><noscript>ن</noscript>"
        '<template><p>ق</p></template><p hidden>پنهان۱</p><p aria-hidden="true">پنهان۲</p>'
        '<div style="color:red; display : none">پنهان۳</div><p style="visibility:hidden">پنهان۴</p>'
        "<form><input value='x'><textarea>پنهان۵</textarea><button>دکمه</button></form>"
    )
    assert text == "پیدا"


def test_text_is_cleaned_once() -> None:
    hostile = "<p>خبر\x1b]52;c;ZXZpbA==\x07 \u202eتازه\x9b31m [/] [@click=app.quit]x[/]</p>"
    blocks = html_to_blocks(hostile, BASE)
    text = blocks[0].text
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert "[/]" in text  # markup-looking text stays text; the UI never parses it
    assert html_to_text("<b>عنوان</b>\n<i>دوم</i>") == "عنوان دوم"
    assert html_to_text("<p>یک</p><p>دو</p>", multiline=True) == "یک\nدو"
    assert html_to_text("A &amp; B &#8211; C") == "A & B – C"


def test_broken_and_hostile_html_never_raises() -> None:
    rng = random.Random(7)
    pieces = [
        "<p>",
        "</p>",
        "<a href='",
        "'>",
        "<li>",
        "<ul>",
        "</ol>",
        "<br>",
        "<table><td>",
        "<pre>",
        "<!--",
        "-->",
        "<script>",
        "\x00",
        "\ud800",
        "&#0;",
        "&",
        "<img src=x>",
        "<blockquote>",
        "خبر",
        " ",
        "\n",
        "<h3>",
        "<",
        ">",
        "<svg><p>",
        "<math>",
    ]
    for _ in range(200):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        for block in html_to_blocks(html, BASE):
            for link in block.links:
                assert 0 <= link.start < link.end <= len(block.text)
        html_to_text(html)
    # Deeper than Python's recursion limit: the walk must be iterative.
    deep = "<div>" * 5_000 + "عمیق" + "</div>" * 5_000
    assert html_to_text(deep) == "عمیق"
    assert html_to_blocks("", BASE) == () and html_to_text("") == ""
