"""The sentences of the command line, the runtime and the service, in Persian and English
(formatted by `madara_tui.messages.msg`)."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, dict[str, str]]] = {
    # runtime
    "demo_notice": {
        "fa": "سایتی تنظیم نشده است: سایت نمونهٔ همراه برنامه در {url} به کار می‌رود",
        "en": "no site configured: using the bundled demo site at {url}",
    },
    "demo_other_port": {
        "fa": "درگاه {port} گرفته است؛ سایت نمونه در {url} اجرا شد",
        "en": "port {port} is taken; the demo site runs at {url}",
    },
    "tmux_passthrough": {
        "fa": "در tmux برای فارسی درست: tmux set -g allow-passthrough on "
              "(یا printf '\\e[8l' پیش از tmux)",
        "en": "in tmux, for Persian to show right: tmux set -g allow-passthrough on "
              "(or printf '\\e[8l' before tmux)",
    },
    "screen_mode": {
        "fa": "در screen برای فارسی درست: printf '\\e[8l' پیش از screen",
        "en": "in screen, for Persian to show right: printf '\\e[8l' before screen",
    },
    "kitty_force_ltr": {
        "fa": "در kitty برای فارسی درست: kitty -o force_ltr=yes "
              "(یا force_ltr yes در kitty.conf)",
        "en": "in kitty, for Persian to show right: kitty -o force_ltr=yes "
              "(or force_ltr yes in kitty.conf)",
    },
    "config_error": {"fa": "خطای پیکربندی: {error}", "en": "configuration error: {error}"},
    "store_error": {
        "fa": "پایگاه داده باز نشد: {error}", "en": "cannot open the database: {error}",
    },
    "needs_terminal": {
        "fa": "برنامهٔ خواندن به یک پایانه نیاز دارد (ورودی و خروجی آن پایانه نیستند). بی‌پایانه "
              "این فرمان‌ها کار می‌کنند: fetch، list، read، related، search، comment، outbox، "
              "sources (madara-tui --help)",
        "en": "the reader needs a terminal (its input or output is not one). Without a "
              "terminal these commands work: fetch, list, read, related, search, comment, "
              "outbox, sources (madara-tui --help)",
    },
    "offline_mode": {"fa": "حالت آفلاین", "en": "offline mode"},
    "recovered_unknown": {
        "fa": "{n} دیدگاه هنگام ارسال ناتمام ماند؛ وضعیتش پیش از ارسال دوباره بررسی می‌شود",
        "en": "{n} comment(s) were being sent when the program stopped; they will be checked "
              "before any resend",
    },
    # fetch
    "fetch_source_ok": {
        "fa": "{source}: {new} تازه، {updated} به‌روز شده، {unchanged} بدون تغییر",
        "en": "{source}: {new} new, {updated} updated, {unchanged} unchanged",
    },
    "opml_broken": {
        "fa": "پرونده یک OPML درست نیست (XML آن خوانا نیست)",
        "en": "the file is not well-formed OPML (its XML can't be read)",
    },
    "refresh_deadline": {
        "fa": "به‌روزرسانی این منبع بیش از {seconds} ثانیه طول کشید و متوقف شد؛ {new} خبر تازه‌ای "
              "که رسیده بود نگه داشته شد",
        "en": "refreshing this source took longer than {seconds} s and was stopped; the {new} "
              "new articles that had arrived are kept",
    },
    "fetch_not_modified": {
        "fa": "{source}: بدون تغییر", "en": "{source}: not modified",
    },
    "summary_only": {"fa": "[فقط خلاصهٔ این خبر در دسترس است؛ متن کامل آن خوانده نشد.]",
                     "en": "[only this article's summary is available; its full text could not "
                           "be read.]"},
    "no_comments": {"fa": "هنوز دیدگاهی نیست", "en": "no comments yet"},
    "fetch_older_progress": {"fa": "خبرهای قدیمی‌تر: صفحهٔ {done} از {total} ({new} تازه)",
                             "en": "older headlines: page {done} of {total} ({new} new)"},
    "fetch_older_done": {"fa": "خبرهای قدیمی‌تر: {pages} صفحه، {new} تازه",
                         "en": "older headlines: {pages} pages, {new} new"},
    "fetch_older_failed": {"fa": "خبرهای قدیمی‌تر: ناموفق — {error} ({new} تازه نگه داشته شد)",
                           "en": "older headlines: failed — {error} ({new} new kept)"},
    "fetch_older_end": {"fa": "قدیمی‌ترین خبر سایت رسیده است",
                        "en": "reached the site's oldest post"},
    "fetch_way": {"fa": "  خوانده از {way}", "en": "  read through {way}"},
    "fetch_passed_over": {"fa": "  {way} به کار نرفت: {why}", "en": "  {way} not used: {why}"},
    "way_rest": {"fa": "REST API (/wp-json/)", "en": "the REST API (/wp-json/)"},
    "way_rest_route": {"fa": "REST API (?rest_route=)", "en": "the REST API (?rest_route=)"},
    "way_rss": {"fa": "خوراک {feed}", "en": "the feed {feed}"},
    "fetch_source_failed": {"fa": "{source}: ناموفق — {error}", "en": "{source}: failed — {error}"},
    "fetch_all_failed": {
        "fa": "هیچ منبعی به‌روز نشد", "en": "no source could be refreshed",
    },
    "fetch_offline": {
        "fa": "در حالت آفلاین چیزی دریافت نمی‌شود", "en": "offline: nothing was fetched",
    },
    "fetch_outbox": {"fa": "دیدگاه {id}: {state}", "en": "comment {id}: {state}"},
    # articles
    "article_not_found": {
        "fa": "خبری با کد {id} پیدا نشد", "en": "no article with id {id}",
    },
    "article_incomplete": {
        "fa": "صفحهٔ خبر خوانده نشد ({error}); نسخهٔ ذخیره‌شده نمایش داده می‌شود",
        "en": "could not read the article page ({error}); showing the cached copy",
    },
    "label_code": {"fa": "کد خبر", "en": "News code"},
    "label_published": {"fa": "انتشار", "en": "Published"},
    "label_category": {"fa": "دسته‌بندی", "en": "Category"},
    "label_links": {"fa": "پیوندها", "en": "Links"},
    "label_image": {"fa": "تصویر", "en": "image"},
    "label_related": {"fa": "اخبار مرتبط", "en": "Related news"},
    "label_related_computed": {
        "fa": "اخبار مرتبط (پیشنهاد برنامه)", "en": "Related news (suggested from the cache)",
    },
    "no_related": {"fa": "خبر مرتبطی نیست", "en": "no related news"},
    "no_headlines": {"fa": "خبری در حافظه نیست", "en": "no cached headlines"},
    "no_results": {"fa": "نتیجه‌ای پیدا نشد", "en": "no results"},
    "search_rekeying": {
        "fa": "نمایهٔ جست‌وجو برای {count} خبر ذخیره‌شده به‌روز می‌شود؛ پس از آن جست‌وجو می‌شود…",
        "en": "updating the search index of {count} cached articles first…",
    },
    "unknown_category": {"fa": "دسته‌ای به نام «{name}» نیست", "en": "no category named {name!r}"},
    # comments
    "comment_empty_stdin": {
        "fa": "متن دیدگاه از ورودی استاندارد خوانده می‌شود و خالی بود",
        "en": "the comment text is read from stdin, and it was empty",
    },
    "comments_closed": {"fa": "دیدگاه‌های این خبر بسته است", "en": "comments are closed"},
    "comment_rejected": {"fa": "سایت دیدگاه را نپذیرفت", "en": "the site refused the comment"},
    "state_queued": {
        "fa": "در صف ارسال (آفلاین)؛ با به‌روزرسانی بعدی فرستاده می‌شود",
        "en": "queued (offline); it is sent with the next refresh",
    },
    "state_sending": {"fa": "در حال ارسال", "en": "sending"},
    "state_published": {"fa": "منتشر شد", "en": "published"},
    "state_held": {"fa": "ارسال شد و در انتظار تأیید است", "en": "sent, held for moderation"},
    "state_duplicate": {"fa": "پیش‌تر ارسال شده بود", "en": "already posted"},
    "state_too_fast": {
        "fa": "ارسال پشت‌سرهم؛ بعداً دوباره فرستاده می‌شود",
        "en": "too fast; it will be retried later",
    },
    "state_rejected": {"fa": "رد شد", "en": "rejected"},
    "state_dropped": {"fa": "سایت منتشرش نکرد (حذف یا هرزنامه)",
                      "en": "not published: the site deleted it or marked it spam"},
    "state_not_found": {"fa": "خبر پیدا نشد", "en": "post not found"},
    "state_unknown": {
        "fa": "نامعلوم؛ پیش از ارسال دوباره بررسی می‌شود",
        "en": "unknown; checked on the site before any resend",
    },
    "outbox_empty": {"fa": "صندوق خروجی خالی است", "en": "the outbox is empty"},
    "outbox_row": {
        "fa": "{id}\tخبر {article}\t{state}\t{author}: {excerpt}",
        "en": "{id}\tarticle {article}\t{state}\t{author}: {excerpt}",
    },
    # sources
    "sources_imported": {
        "fa": "{added} منبع افزوده شد ({skipped} تکراری)",
        "en": "{added} source(s) added ({skipped} already present)",
    },
    "sources_unreadable": {
        "fa": "فایل OPML خوانده نشد: {error}", "en": "cannot read the OPML file: {error}",
    },
    # draft errors (keys from madara_tui.client.comments.validate_draft)
    "draft_author_required": {"fa": "نام لازم است", "en": "a name is required"},
    "draft_email_required": {"fa": "ایمیل لازم است", "en": "an email address is required"},
    "draft_url_required": {"fa": "نشانی وب لازم است", "en": "a website URL is required"},
    "draft_email_invalid": {"fa": "نشانی ایمیل درست نیست", "en": "the email address is invalid"},
    "draft_comment_required": {"fa": "متن دیدگاه خالی است", "en": "the comment is empty"},
    "draft_author_too_long": {"fa": "نام بیش از اندازه بلند است", "en": "the name is too long"},
    "draft_email_too_long": {"fa": "ایمیل بیش از اندازه بلند است", "en": "the email is too long"},
    "draft_url_too_long": {"fa": "نشانی وب بیش از اندازه بلند است", "en": "the URL is too long"},
    "draft_url_invalid": {"fa": "نشانی وب درست نیست", "en": "the website URL is invalid"},
    "draft_comment_too_long": {
        "fa": "متن دیدگاه بیش از اندازه بلند است", "en": "the comment is too long",
    },
    "draft_other": {"fa": "دیدگاه نادرست است ({key})", "en": "invalid comment ({key})"},
}
