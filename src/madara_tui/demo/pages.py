"""HTML pages in a news theme shaped like the seed page: the article page (meta box, title, lead,
body, related news, comments, WordPress comment form), listings and the 404 page."""

from __future__ import annotations

import html
from collections.abc import Sequence

from madara_tui.demo.comments import CommentBook, form_token
from madara_tui.demo.content import DemoArticle, DemoComment, DemoContent
from madara_tui.demo.render import (
    autop,
    jalali_comment_stamp,
    jalali_stamp,
    permalink_path,
    persian_digits,
    texturize,
)

_STYLE = (
    "body{font-family:Vazirmatn,Tahoma,sans-serif;direction:rtl;margin:0;background:#f4f4f4}"
    ".container{max-width:1140px;margin:auto}.news-meta span{margin-left:1em}"
    ".site-footer{background:#222;color:#ccc;padding:1em}"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class PageRenderer:
    """Renders the theme's pages for one site (content, live comments, base URL, form secret)."""

    def __init__(self, content: DemoContent, book: CommentBook, base: str, secret: str) -> None:
        self.content = content
        self.book = book
        self.base = base
        self.secret = secret

    def link(self, article: DemoArticle) -> str:
        """The article's absolute permalink."""
        return f"{self.base}{permalink_path(article)}"

    # ---- the frame ---------------------------------------------------------------------------

    def _head(self, title: str, body_class: str, extra: str = "") -> str:
        site = self.content.site
        return (
            '<!DOCTYPE html>\n<html dir="rtl" lang="fa-IR">\n<head>\n<meta charset="UTF-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title} &#8211; {_e(site.name)}</title>\n"
            f'<link rel="alternate" type="application/rss+xml" title="{_e(site.name)} &raquo; '
            f'خوراک" href="{self.base}/feed/" />\n'
            f'<link rel="https://api.w.org/" href="{self.base}/wp-json/" />\n{extra}'
            '<meta name="generator" content="WordPress 6.8.1" />\n'
            f"<style id=\"madara-theme-css\">{_STYLE}</style>\n"
            "<script>var madaraTheme = {\"ajaxurl\":\"\\/wp-admin\\/admin-ajax.php\"};</script>\n"
            f'</head>\n<body class="{body_class} rtl">\n'
            + self._header()
        )

    def _header(self) -> str:
        site = self.content.site
        nav = "".join(f'<li class="menu-item"><a href="{self.base}/category/{c.slug}/">'
                      f"{_e(c.name)}</a></li>" for c in site.categories)
        ticker = "".join(f'<li><a href="{self.link(a)}">{texturize(a.title)}</a></li>'
                         for a in self.content.articles[:5])
        return (
            '<div class="top-bar"><div class="container"><span class="today">'
            f'</span><a class="rss" href="{self.base}/feed/">RSS</a> '
            '<a class="search-toggle" href="#search">جستجو</a></div></div>\n'
            f'<header class="site-header"><div class="container"><div class="logo"><a href="'
            f'{self.base}/" rel="home"><img src="{self.base}/wp-content/uploads/logo.png" '
            f'alt="{_e(site.name)}"></a><p class="tagline">{_e(site.description)}</p></div>\n'
            f'<nav class="main-nav"><ul id="menu-main"><li class="menu-item"><a href="'
            f'{self.base}/">صفحه نخست</a></li>{nav}</ul></nav>\n'
            f'<div class="news-ticker"><strong>آخرین اخبار</strong><ul>{ticker}</ul></div>'
            "</div></header>\n"
        )

    def _footer(self) -> str:
        side = "".join(f'<li><a href="{self.link(a)}">{texturize(a.title)}</a></li>'
                       for a in self.content.articles[5:10])
        return (
            '<aside class="sidebar"><section class="widget"><h3 class="widget-title">پربازدیدها'
            f"</h3><ul>{side}</ul></section><section class=\"widget\"><h3 class=\"widget-title\">"
            'تبلیغات</h3><div class="ad-slot">جای تبلیغ شما</div></section></aside>\n'
            "</div></main>\n"
            '<footer class="site-footer"><div class="container"><ul class="footer-links">'
            '<li><a href="#">درباره ما</a></li><li><a href="#">تماس با ما</a></li>'
            '<li><a href="#">آگهی‌ها</a></li></ul>\n'
            '<p class="copyright">کلیه حقوق محفوظ است. استفاده از مطالب با ذکر منبع آزاد است.</p>'
            "</div></footer>\n"
            "<script>document.querySelectorAll('.print').forEach(function(b){b.onclick="
            "function(){window.print();return false;};});</script>\n</body>\n</html>\n"
        )

    # ---- the article page -----------------------------------------------------------------------

    def article_page(self, article: DemoArticle, unapproved: DemoComment | None = None) -> str:
        """The full article page; `unapproved` is the visitor's own held comment to show."""
        content = self.content
        category = content.category_of(article)
        link = self.link(article)
        extra = (
            f'<link rel="canonical" href="{link}" />\n'
            f"<link rel='shortlink' href='{self.base}/?p={article.id}' />\n"
            f'<link rel="alternate" type="application/json" '
            f'href="{self.base}/wp-json/wp/v2/posts/{article.id}" />\n'
        )
        title = texturize(article.title)
        body = "\n".join(content.body(article))
        lead = content.lead(article)
        share_url = html.escape(f"{self.base}/?p={article.id}")
        return (
            self._head(title, f"post-template-default single single-post postid-{article.id}",
                       extra)
            + '<main class="container"><div class="row"><div class="col-main">\n'
            f'<article id="post-{article.id}" class="post-{article.id} post type-post '
            f'status-publish format-standard hentry category-{category.slug}">\n'
            '<div class="news-meta">'
            f'<span class="news-code">کد خبر : {article.id}</span>'
            f'<span class="news-date">انتشار : {jalali_stamp(article.date)}</span>'
            f'<span class="news-cat">دسته‌بندی : <a href="{self.base}/category/{category.slug}/"'
            f' rel="category tag">{_e(category.name)}</a></span>'
            '<a class="print" href="#print" rel="nofollow">چاپ</a></div>\n'
            f'<h1 class="news-title entry-title">{title}</h1>\n'
            + (f'<div class="news-lead"><p>{texturize(lead)}</p></div>\n' if lead else "")
            + f'<div class="news-content entry-content">\n{body}\n</div>\n'
            '<div class="share-box"><span class="share-label">اشتراک‌گذاری:</span> '
            f'<a class="share telegram" href="https://t.me/share/url?url={share_url}">تلگرام</a> '
            f'<a class="share whatsapp" href="https://wa.me/?text={share_url}">واتس‌اپ</a> '
            f'<a class="share x" href="https://x.com/intent/tweet?url={share_url}">ایکس</a> '
            '<span class="short-link">لینک کوتاه: <input type="text" readonly value="'
            f'{share_url}"></span></div>\n'
            + self._related(article)
            + "</article>\n"
            + self._comments(article, unapproved)
            + "</div>\n"
            + self._footer()
        )

    def _related(self, article: DemoArticle) -> str:
        by_id = self.content.by_id
        items = [by_id[r] for r in self.content.related(article) if r in by_id]
        if not items:
            return ""
        rows = "".join(
            f'<li class="related-item"><a class="thumb" href="{self.link(r)}">'
            f'<img src="{self.base}/wp-content/uploads/thumb-{r.id}.jpg" alt="{_e(r.title)}" '
            f'loading="lazy"></a><h5 class="related-title"><a href="{self.link(r)}">'
            f"{texturize(r.title)}</a></h5>"
            f'<p class="related-summary">{texturize(self.content.lead(r))}</p></li>\n'
            for r in items
        )
        return (f'<div class="related-news"><h4 class="block-title">اخبار مرتبط:</h4>\n'
                f"<ul>\n{rows}</ul></div>\n")

    def _comments(self, article: DemoArticle, unapproved: DemoComment | None) -> str:
        shown = self.book.approved(article.id)
        if unapproved is not None and unapproved.post == article.id:
            shown = sorted([*shown, unapproved], key=lambda c: c.id)
        out = ['<div id="comments" class="comments-area">\n']
        if shown:
            count = persian_digits(len([c for c in shown if c.approved]))
            out.append(f'<h3 class="comments-title">{count} دیدگاه</h3>\n'
                       f'<ol class="comment-list">\n{self._thread(article, shown, 0, 1)}</ol>\n')
        if article.comments_open:
            out.append(self._form(article))
        else:
            out.append('<p class="no-comments">دیدگاه‌ها بسته شده‌اند.</p>\n')
        out.append("</div>\n")
        return "".join(out)

    def _thread(self, article: DemoArticle, comments: Sequence[DemoComment], parent: int,
                depth: int) -> str:
        known = {c.id for c in comments}
        level = [c for c in comments if c.parent == parent] if parent else [
            c for c in comments if c.parent == 0 or c.parent not in known]  # orphans go on top
        rows = []
        for n, c in enumerate(level):
            children = self._thread(article, comments, c.id, depth + 1) if depth < 5 else ""
            parity = "even" if n % 2 == 0 else "odd"
            name = _e(c.author)
            if c.url:
                name = f'<a href="{_e(c.url)}" class="url" rel="ugc external nofollow">{name}</a>'
            waiting = ("" if c.approved else
                       '<em class="comment-awaiting-moderation">دیدگاه شما در انتظار بررسی است.'
                       "</em>")
            reply = (
                f'<div class="reply"><a rel="nofollow" class="comment-reply-link" href="'
                f'{self.link(article)}?replytocom={c.id}#respond" data-commentid="{c.id}" '
                f'data-postid="{article.id}" aria-label="پاسخ به {_e(c.author)}">پاسخ</a></div>'
                if article.comments_open and c.approved else ""
            )
            rows.append(
                f'<li id="comment-{c.id}" class="comment {parity} depth-{depth}'
                f'{" parent" if children else ""}">\n'
                f'<article id="div-comment-{c.id}" class="comment-body">\n'
                '<footer class="comment-meta"><div class="comment-author vcard">'
                f'<b class="fn">{name}</b> <span class="says">گفت:</span></div>\n'
                f'<div class="comment-metadata"><a href="{self.link(article)}#comment-{c.id}">'
                f'<time datetime="{c.date.isoformat()}">{jalali_comment_stamp(c.date)}</time>'
                f"</a></div>{waiting}</footer>\n"
                f'<div class="comment-content">{autop(c.text)}</div>\n{reply}\n'
                "</article>\n"
                + (f'<ol class="children">\n{children}</ol>\n' if children else "")
                + "</li>\n"
            )
        return "".join(rows)

    def _form(self, article: DemoArticle) -> str:
        token = form_token(self.secret, article.id)
        star = '<span class="required">*</span>'
        return (
            '<h4 class="block-title comments-block-title">ارسال دیدگاه</h4>\n'
            '<div id="respond" class="comment-respond">\n'
            '<h3 id="reply-title" class="comment-reply-title">دیدگاهتان را بنویسید '
            '<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" '
            'style="display:none;">لغو پاسخ</a></small></h3>'
            f'<form action="{self.base}/wp-comments-post.php" method="post" id="commentform" '
            'class="comment-form" novalidate>'
            '<p class="comment-notes"><span id="email-notes">نشانی ایمیل شما منتشر نخواهد شد.'
            '</span> <span class="required-field-message">بخش‌های موردنیاز علامت‌گذاری شده‌اند '
            f"{star}</span></p>"
            f'<p class="comment-form-comment"><label for="comment">دیدگاه {star}</label> '
            '<textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" '
            "required></textarea></p>"
            f'<p class="comment-form-author"><label for="author">نام {star}</label> '
            '<input id="author" name="author" type="text" value="" size="30" maxlength="245" '
            'autocomplete="name" required /></p>\n'
            f'<p class="comment-form-email"><label for="email">ایمیل {star}</label> '
            '<input id="email" name="email" type="email" value="" size="30" maxlength="100" '
            'aria-describedby="email-notes" autocomplete="email" required /></p>\n'
            '<p class="comment-form-url"><label for="url">وب‌ سایت</label> '
            '<input id="url" name="url" type="url" value="" size="30" maxlength="200" '
            'autocomplete="url" /></p>\n'
            '<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" '
            'name="wp-comment-cookies-consent" type="checkbox" value="yes" /> '
            '<label for="wp-comment-cookies-consent">ذخیره نام، ایمیل و وبسایت من در مرورگر '
            "برای زمانی که دوباره دیدگاهی می‌نویسم.</label></p>\n"
            '<p class="form-submit"><input name="submit" type="submit" id="submit" '
            'class="submit" value="فرستادن دیدگاه" /> '
            f"<input type='hidden' name='comment_post_ID' value='{article.id}' "
            "id='comment_post_ID' />\n"
            "<input type='hidden' name='comment_parent' id='comment_parent' value='0' />\n</p>"
            '<p style="display: none;"><input type="hidden" id="akismet_comment_nonce" '
            f'name="akismet_comment_nonce" value="{token}" /></p>'
            '<p style="display: none !important;" class="akismet-fields-container" '
            'data-prefix="ak_"><label>&#916;<textarea name="ak_hp_textarea" cols="45" rows="8" '
            'maxlength="100"></textarea></label><input type="hidden" id="ak_js_1" name="ak_js" '
            'value="241"/><script>document.getElementById( "ak_js_1" ).setAttribute( "value", '
            "( new Date() ).getTime() );</script></p></form>\t</div><!-- #respond -->\n"
        )

    # ---- listings and errors --------------------------------------------------------------------

    def listing_page(self, heading: str, articles: Sequence[DemoArticle], page: int,
                     pages: int, page_url: str) -> str:
        """A list of headlines (home, category), with the theme's pagination links."""
        items = "".join(
            f'<article class="news-item"><h2><a href="{self.link(a)}">{texturize(a.title)}</a>'
            f'</h2><span class="news-date">{jalali_stamp(a.date)}</span>'
            f"<p>{texturize(self.content.lead(a))}</p></article>\n"
            for a in articles
        )
        nav = []
        if page > 1:
            nav.append(f'<a class="prev page-numbers" href="{page_url}{page - 1}/">قبلی</a>')
        if page < pages:
            nav.append(f'<a class="next page-numbers" href="{page_url}{page + 1}/">بعدی</a>')
        return (
            self._head(_e(heading), "home blog" if page_url.endswith("/page/") else "archive")
            + '<main class="container"><div class="row"><div class="col-main">\n'
            f'<h1 class="archive-title">{_e(heading)}</h1>\n{items}'
            f'<nav class="pagination">{"".join(nav)}</nav>\n</div>\n'
            + self._footer()
        )

    def not_found_page(self) -> str:
        """The theme's 404 page."""
        return (
            self._head("برگه پیدا نشد", "error404")
            + '<main class="container"><div class="row"><div class="col-main">\n'
            '<h1 class="page-title">خطای ۴۰۴: صفحه مورد نظر یافت نشد</h1>\n'
            "<p>به نظر می‌رسد چیزی در این نشانی پیدا نشد. از جستجو کمک بگیرید.</p>\n</div>\n"
            + self._footer()
        )

