"""A demo site whose every field is hostile: titles, leads, bodies, categories, authors, the site's
name, comment authors and texts, link texts and URLs — each a Persian sentence carrying escape
sequences, 8-bit controls, bidi overrides and Rich/Textual markup."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from hostile import BIDI, ESCAPES, MARKUP, MARKUP_LITERAL

from madara_tui.demo import (
    DemoArticle,
    DemoAuthor,
    DemoCategory,
    DemoComment,
    DemoContent,
    SiteInfo,
)
from madara_tui.text import TEHRAN

# The pieces most likely to do harm if they reached a terminal, in every field.
ATTACK = (
    "\x1b]52;c;ZWNobyBwd25lZA==\x07"          # clipboard write
    "\x1b]0;pwned-title\x07\x1b]2;pwned2\x1b\\"  # window titles
    "\x1bP+q544e\x1b\\\x1b_Gf=1;AA\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\"  # DCS, APC, PM, SOS
    "\x9d0;c1-title\x07\x9b31m\x90dcs\x9c"    # 8-bit OSC, CSI, DCS
    "\x07\x07\x00\x7f\x1b[2J"                 # bells, NUL, DEL, clear screen
    "\u202e\u2066\u202a"                      # bidi overrides
    "\x1b]8;;http://127.0.0.1:1/osc8\x1b\\"   # a hyperlink opened by an escape
)
CLICK_TITLE = f"Alert {MARKUP_LITERAL}x[/] now"
"""A title whose markup must appear literally on screen — and run nothing."""
EVIL_LINKS = (
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    " -new-window http://127.0.0.1:1/",
    "http://127.0.0.1:1/\u202etxt.exe",
    "http://bank.example.org@127.0.0.1:1/",
    "mailto:dabir@example.org",
)
SAFE_LINK = "http://example.org/gozaresh"
"""The one link in the bodies that passes the link check."""


def hostile(text: str, n: int = 0) -> str:
    """`text` with the attack, a markup piece and a rotating hostile piece mixed in."""
    piece = ESCAPES[n % len(ESCAPES)] + BIDI[n % len(BIDI)]
    return f"{text} {ATTACK}{MARKUP[n % len(MARKUP)]} {piece}پایان"


def _body(n: int) -> tuple[str, ...]:
    evil = "".join(
        f'<li><a href="{escape(url)}">{escape(hostile("پیوند", n + i))}</a></li>'
        for i, url in enumerate(EVIL_LINKS)
    )
    return (
        f"<p>{escape(hostile('بند نخست خبر درباره بازسازی بازار', n))}</p>",
        f"<h3>{escape(hostile('میان‌تیتر', n + 1))}</h3>",
        f"<ul>{evil}</ul>",
        f'<p>گزارش کامل را <a href="{SAFE_LINK}">در این نشانی</a> بخوانید. '
        f"{escape(CLICK_TITLE)} [link=file:///etc/passwd]x[/link]</p>",
        f"<blockquote>{escape(hostile('نقل قول از شهردار', n + 2))}</blockquote>",
        # Raw control characters straight in the HTML, as a broken CMS would write them.
        f"<p>{hostile('متن خام', n + 3)}</p>",
        '<p><img src="javascript:alert(1)" alt="' + escape(hostile("عکس", n)) + '"></p>',
        # Pictures that decode (drawn by the demo site), with hostile alt text and file names.
        f'<figure><img src="/wp-content/uploads/2026/11/x%1b]0;pwned%07-{n}.jpg" alt="'
        + escape(hostile("تصویر میدان", n + 4)) + '"></figure>',
        '<p><img src="/wp-content/uploads/2026/11/pixel.gif" alt="'
        + escape(hostile("نقطه", n + 5)) + '"></p>',
    )


def hostile_content(n_articles: int = 6, *, huge_title: bool = True) -> DemoContent:
    """A DemoContent with `n_articles` hostile articles (ids 900501…), each with comments.

    The first article's title is the plain-looking `CLICK_TITLE`; with `huge_title`, the second's
    is about 1 MB long.
    """
    site = SiteInfo(
        name=hostile("پایگاه خبری آزمایشی"),
        description=hostile("خبرهای شهر"),
        categories=(
            DemoCategory(id=7, name=hostile("جامعه", 1), slug="jameh"),
            DemoCategory(id=8, name=CLICK_TITLE, slug="eghtesad"),
        ),
        authors=(DemoAuthor(id=1, name=hostile("خبرنگار", 2), slug="khabarnegar"),),
    )
    now = datetime.now(TEHRAN).replace(microsecond=0)
    articles: list[DemoArticle] = []
    comments: list[DemoComment] = []
    ids = [900501 + i for i in range(n_articles)]
    for i, post_id in enumerate(ids):
        title = hostile(f"خبر شماره {i + 1} از شورای شهر", i)
        if i == 0:
            title = CLICK_TITLE
        elif i == 1 and huge_title:
            title = hostile("سرخط بسیار بلند " * 62_000, i)
        articles.append(DemoArticle(
            id=post_id, slug=f"khabar-{post_id}", title=title,
            date=now - timedelta(hours=i + 1), category="jameh" if i % 2 else "eghtesad",
            author=1, lead=hostile("لید خبر", i), body=_body(i),
            related=tuple(x for x in ids[:4] if x != post_id),
        ))
        for k in range(3):
            comments.append(DemoComment(
                id=post_id * 10 + k, post=post_id, parent=0 if k == 0 else post_id * 10,
                author=hostile("خواننده", i + k) if k != 1 else CLICK_TITLE,
                email=f"khanandeh{k}@example.com",
                date=now - timedelta(minutes=30 - k), text=hostile("دیدگاه من", i + k),
                url="javascript:alert(1)" if k == 2 else "",
            ))
    return DemoContent(site=site, articles=articles, comments=comments)


ERROR_PAGE_MESSAGE = ("<strong>خطا:</strong> " + escape(hostile("دیدگاه شما پذیرفته نشد"))
                      + "<a href='javascript:alert(1)'>[@click=app.quit]x[/]</a>"
                      + "\x1b]52;c;aGk=\x07\x9d0;t\x07")
"""The site's hostile answer to a comment post (raw HTML with raw escapes)."""
