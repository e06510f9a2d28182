"""Every piece of interface text, in Persian and English.

Strings here are *logical-order* plain text. Widgets turn them into screen lines with the text
engine (see `madara_tui.ui.lines`), so Persian labels are shaped and ordered like site text.
Placeholders use `str.format` fields; values are plain strings, never markup.
"""

from __future__ import annotations

from typing import Final

LANGS: Final = ("fa", "en")

_TEXT: Final[dict[str, tuple[str, str]]] = {
    # The frame.
    "app.title": ("مدارا", "Madara"),
    "status.demo": ("سایت نمایشی محلی", "local demo site"),
    "status.offline": ("آفلاین — نمایش از حافظه", "offline — showing the cache"),
    "status.refreshing": ("به‌روزرسانی {done}/{total}", "refreshing {done}/{total}"),
    "status.refreshed": ("{new} خبر تازه", "{new} new"),
    "status.refresh_failed": ("به‌روزرسانی نشد: {reason}", "refresh failed: {reason}"),
    "status.bidi.app": ("چیدمان: برنامه", "bidi: app"),
    "status.bidi.terminal": ("چیدمان: پایانه", "bidi: terminal"),
    "status.error": ("خطا: {reason}", "error: {reason}"),
    "status.notice": ("{text}", "{text}"),
    "keymap.unknown": ("کلید ناشناخته در [keymap]: {id} (شاید {closest})",
                       "unknown [keymap] id {id} (did you mean {closest}?)"),
    # Headlines.
    "headlines.title": ("سرخط خبرها", "Headlines"),
    "headlines.all": ("همهٔ خبرها", "All news"),
    "headlines.categories": ("دسته‌ها", "Categories"),
    "headlines.empty": ("خبری در حافظه نیست؛ برای به‌روزرسانی R را بزنید.",
                        "Nothing cached yet; press R to refresh."),
    "headlines.loading": ("…", "…"),
    "headlines.older.loading": ("گرفتن خبرهای قدیمی‌تر از سایت…",
                                "fetching older headlines from the site…"),
    "headlines.older.done": ("{new} خبر قدیمی‌تر رسید", "{new} older headlines"),
    "headlines.older.end": ("قدیمی‌ترین خبر سایت رسیده است", "reached the site's oldest post"),
    "headlines.older.failed": ("خبرهای قدیمی‌تر نرسید: {reason}",
                               "older headlines failed: {reason}"),
    "headlines.count": ("{count} خبر", "{count} items"),
    "filter.all": ("همه", "all"),
    "filter.unread": ("نخوانده‌ها", "unread"),
    "headlines.marked_read": ("{count} خبر خوانده شد — برگرداندن: {undo}",
                              "{count} marked read — undo: {undo}"),
    "headlines.marked_unread": ("{count} خبر دوباره نخوانده شد", "{count} marked unread again"),
    "headlines.nothing_to_undo": ("چیزی برای برگرداندن نیست", "nothing to undo"),
    "filter.bookmarked": ("نشان‌شده‌ها", "bookmarked"),
    # Article.
    "article.code": ("کد خبر: {code}", "News code: {code}"),
    "article.category": ("دسته‌بندی: {category}", "Category: {category}"),
    "article.links": ("پیوندها", "Links"),
    "article.no_links": ("این خبر پیوندی ندارد.", "This article has no links."),
    "article.loading": ("در حال کامل کردن خبر…", "completing the article…"),
    "article.bookmarked": ("نشان شد", "bookmarked"),
    "article.unbookmarked": ("نشان برداشته شد", "bookmark removed"),
    "article.copied": ("پیوند کپی شد", "link copied"),
    "article.first": ("این نخستین خبر فهرست است", "this is the first item"),
    "article.last": ("این آخرین خبر فهرست است", "this is the last item"),
    "article.missing": ("این خبر در حافظه نیست", "this article is not cached"),
    "article.image": ("[تصویر: {alt}]", "[image: {alt}]"),
    "article.summary_only": ("[فقط خلاصهٔ این خبر در دسترس است؛ متن کامل آن خوانده نشد.]",
                             "[only this article's summary is available; its full text could "
                             "not be read.]"),
    "article.image.failed": ("[تصویر: {alt} — {reason}]", "[image: {alt} — {reason}]"),
    "article.pictures.shown": ("تصویرها نمایش داده می‌شوند", "pictures shown"),
    "article.pictures.hidden": ("تصویرها پنهان شدند", "pictures hidden"),
    "picture.svg": ("SVG نمایش داده نمی‌شود", "SVG is not drawn"),
    "picture.type": ("پاسخ تصویر نبود", "the answer was not an image"),
    "picture.size": ("حجم بیش از اندازه", "too many bytes"),
    "picture.pixels": ("ابعاد بیش از اندازه", "too many pixels"),
    "picture.corrupt": ("فایل خراب است", "damaged file"),
    "picture.format": ("قالب ناشناخته", "unknown format"),
    "picture.offline": ("در حافظه نیست", "not cached"),
    "picture.fetch": ("دریافت نشد", "could not be fetched"),
    # Opening links.
    "open.title": ("باز کردن در مرورگر؟", "Open in the browser?"),
    "open.host": ("میزبان: {host}", "host: {host}"),
    "open.yes": ("باز کن (y)", "Open (y)"),
    "open.no": ("نه (n)", "No (n)"),
    "open.opened": ("به مرورگر فرستاده شد", "handed to the browser"),
    "open.failed": ("مرورگری باز نشد", "No browser was opened"),
    "open.copy_offer": ("پیوند را کپی کنم؟ (y)", "Copy the link instead? (y)"),
    # Related.
    "related.title": ("اخبار مرتبط", "Related news"),
    "related.computed": ("محاسبه‌شده از آرشیو", "computed from the cache"),
    "related.site": ("فهرست سایت", "the site's list"),
    "related.empty": ("خبر مرتبطی پیدا نشد", "no related news"),
    # Comments.
    "comments.title": ("دیدگاه‌ها", "Comments"),
    "comments.empty": ("هنوز دیدگاهی نیست؛ برای نوشتن w را بزنید.",
                       "No comments yet; press w to write one."),
    "comments.closed": ("دیدگاه‌ها برای این خبر بسته است", "comments are closed for this article"),
    "comments.reply_to": ("پاسخ به {author}", "reply to {author}"),
    "comments.held": ("در انتظار تأیید", "awaiting moderation"),
    "comments.loading": ("در حال خواندن دیدگاه‌ها…", "loading comments…"),
    "form.title": ("ارسال دیدگاه", "Leave a comment"),
    "form.draft_not_saved": ("پیش‌نویس ذخیره نشد (دیسک پر است؟)؛ متن در برنامه نگه داشته می‌شود "
                             "و ذخیره دوباره امتحان می‌شود — پیش از بستن برنامه آن را بفرستید",
                             "The draft could not be saved (disk full?); the text is kept in "
                             "the program and saving is retried — send it before quitting"),
    "form.draft_saved_again": ("پیش‌نویس دوباره ذخیره شد", "The draft is saved again"),
    "form.note": ("نشانی ایمیل شما منتشر نخواهد شد. بخش‌های موردنیاز علامت‌گذاری شده‌اند *",
                  "Your email address will not be published. Required fields are marked *"),
    "form.author": ("نام", "Name"),
    "form.email": ("ایمیل", "Email"),
    "form.url": ("وب‌سایت", "Website"),
    "form.comment": ("دیدگاه", "Comment"),
    "form.preview": ("پیش‌نمایش", "preview"),
    "form.send": ("فرستادن", "Send"),
    "form.sending": ("در حال فرستادن…", "sending…"),
    "form.invalid": ("فرم را درست کنید", "please fix the form"),
    # Outcomes of sending a comment.
    "outcome.published": ("دیدگاه شما منتشر شد.", "Your comment was published."),
    "outcome.held": ("دیدگاه شما رسید و پس از بررسی منتشر می‌شود.",
                     "Your comment arrived and awaits moderation."),
    "outcome.queued": ("آفلاین هستید؛ دیدگاه در صف ماند و با به‌روزرسانی بعدی فرستاده می‌شود.",
                       "You are offline; the comment is queued and goes out on the next refresh."),
    "outcome.duplicate": ("این دیدگاه پیش‌تر فرستاده شده بود.", "This comment was already posted."),
    "outcome.too_fast": ("دیدگاه‌ها را خیلی سریع می‌فرستید؛ کمی بعد دوباره بفرستید.",
                         "You are posting too quickly; it will be retried a little later."),
    "outcome.rejected": ("سایت دیدگاه را نپذیرفت: {reason}", "The site rejected it: {reason}"),
    "outcome.not_found": ("این خبر در سایت پیدا نشد.", "The article was not found on the site."),
    "outcome.unknown": ("معلوم نیست دیدگاه رسید یا نه؛ در صندوق خروجی نگه داشته شد.",
                        "It is unclear whether the comment arrived; it is kept in the outbox."),
    "outcome.sending": ("در حال فرستادن…", "sending…"),
    # Validation (keys from client.comments.validate_draft; the prefix names the field).
    "invalid.required": ("این بخش لازم است", "this field is required"),
    "invalid.invalid": ("نادرست است", "not valid"),
    "invalid.too_long": ("بیش از اندازه بلند است", "too long"),
    "invalid.other": ("نادرست است ({key})", "not valid ({key})"),
    # Outbox.
    "outbox.title": ("صندوق خروجی دیدگاه‌ها", "Comment outbox"),
    "outbox.empty": ("صندوق خروجی خالی است", "The outbox is empty"),
    "outbox.retried": ("دوباره فرستاده شد: {count}", "retried: {count}"),
    "state.queued": ("در صف", "queued"),
    "state.sending": ("در حال فرستادن", "sending"),
    "state.published": ("منتشر شد", "published"),
    "state.held": ("در انتظار بررسی", "held for moderation"),
    "state.duplicate": ("تکراری", "duplicate"),
    "state.too_fast": ("خیلی سریع", "too fast"),
    "state.rejected": ("رد شد", "rejected"),
    "state.not_found": ("خبر پیدا نشد", "article not found"),
    "state.unknown": ("نامعلوم", "unknown"),
    # Search.
    "search.title": ("جست‌وجو", "Search"),
    "search.placeholder": ("چه چیزی؟", "search the cache"),
    "search.none": ("چیزی پیدا نشد", "no matches"),
    "search.count": ("{count} نتیجه", "{count} results"),
    # Help.
    "help.title": ("راهنمای کلیدها", "Keys"),
    "help.bidi": (
        "چیدمان «برنامه»: برنامه حروف را می‌چسباند و از راست به چپ می‌چیند. "
        "چیدمان «پایانه»: پایانه خودش این کار را می‌کند. با F2 یا ctrl+b عوض کنید.",
        "bidi \u201capp\u201d: the program joins letters and orders right-to-left text. "
        "bidi \u201cterminal\u201d: the terminal does it. Switch with F2 or ctrl+b."),
    # Palette ("area: verb").
    "cmd.refresh": ("به‌روزرسانی: همین حالا", "refresh: now"),
    "cmd.outbox": ("صندوق خروجی: نمایش", "outbox: show"),
    "cmd.outbox.retry": ("صندوق خروجی: فرستادن دوباره", "outbox: retry sending"),
    "cmd.bidi": ("چیدمان: تغییر به {mode}", "bidi mode: switch to {mode}"),
    "cmd.lang": ("زبان: English", "language: فارسی"),
    "cmd.category": ("دسته: {name}", "category: {name}"),
    "cmd.category.all": ("دسته: همه", "category: all"),
    "cmd.source": ("منبع: {name}", "source: {name}"),
    "cmd.source.all": ("منبع: همه", "source: all"),
    "cmd.filter": ("صافی: {name}", "filter: {name}"),
    "cmd.search": ("جست‌وجو: باز کردن", "search: open"),
    "cmd.help": ("راهنما: کلیدها", "help: keys"),
    "cmd.theme": ("پوسته: {name}", "theme: {name}"),
    "cmd.mark_all_read": ("خبرها: همه خوانده شد (دستهٔ کنونی)",
                          "headlines: mark all read (this category)"),
    "cmd.sidebar": ("خبرها: نمایش یا پنهان کردن دسته‌ها", "headlines: show or hide categories"),
    "cmd.quit": ("برنامه: خروج", "app: quit"),
    "mode.app": ("برنامه", "app"),
    "mode.terminal": ("پایانه", "terminal"),
}

# Labels of key bindings, by binding id (these ids are the keys of `[keymap]` in the config).
_KEYS: Final[dict[str, tuple[str, str]]] = {
    "app.help": ("راهنما", "Help"),
    "app.quit": ("خروج", "Quit"),
    "app.bidi": ("چیدمان", "Bidi"),
    "app.lang": ("زبان", "Lang"),
    "app.search": ("جست‌وجو", "Search"),
    "app.refresh": ("به‌روزرسانی", "Refresh"),
    "app.outbox": ("صندوق خروجی", "Outbox"),
    "app.palette": ("فرمان‌ها", "Commands"),
    "headlines.quit": ("خروج", "Quit"),
    "headlines.down": ("پایین", "Down"),
    "headlines.up": ("بالا", "Up"),
    "headlines.page_down": ("صفحهٔ بعد", "Page down"),
    "headlines.page_up": ("صفحهٔ قبل", "Page up"),
    "headlines.first": ("اول", "First"),
    "headlines.last": ("آخر", "Last"),
    "headlines.open": ("خواندن", "Open"),
    "headlines.unread": ("پنهان کردن خوانده‌ها", "Hide read"),
    "headlines.mark_all_read": ("همه خوانده شد", "Mark all read"),
    "headlines.undo": ("برگرداندن «همه خوانده شد»", "Undo mark all read"),
    "headlines.sidebar": ("نمایش دسته‌ها", "Category list"),
    "headlines.bookmarked": ("نشان‌شده‌ها", "Bookmarked"),
    "headlines.next_category": ("دستهٔ بعد", "Next category"),
    "headlines.previous_category": ("دستهٔ قبل", "Prev category"),
    "headlines.categories": ("دسته‌ها", "Categories"),
    "headlines.bookmark": ("نشان", "Bookmark"),
    "headlines.toggle_read": ("خوانده/نخوانده", "Read/unread"),
    "screen.back": ("بازگشت", "Back"),
    "dialog.close": ("بستن", "Close"),
    "article.open": ("مرورگر", "Browser"),
    "article.copy": ("کپی پیوند", "Copy link"),
    "article.bookmark": ("نشان", "Bookmark"),
    "article.next": ("خبر بعد", "Next"),
    "article.previous": ("خبر قبل", "Previous"),
    "article.related": ("مرتبط", "Related"),
    "article.comments": ("دیدگاه‌ها", "Comments"),
    "article.write": ("نوشتن دیدگاه", "Write a comment"),
    "article.links": ("پیوندها", "Links"),
    "article.link": ("پیوند n", "Link n"),
    "article.down": ("پایین", "Down"),
    "article.up": ("بالا", "Up"),
    "article.page_down": ("صفحهٔ بعد", "Page down"),
    "article.page_up": ("صفحهٔ قبل", "Page up"),
    "article.top": ("اول", "Top"),
    "article.bottom": ("آخر", "Bottom"),
    "list.down": ("پایین", "Down"),
    "list.up": ("بالا", "Up"),
    "list.open": ("باز کردن", "Open"),
    "comments.write": ("نوشتن", "Write"),
    "comments.reply": ("پاسخ", "Reply"),
    "comments.reload": ("تازه کردن", "Reload"),
    "form.send": ("فرستادن", "Send"),
    "outbox.retry": ("فرستادن دوباره", "Retry"),
    "search.results": ("نتیجه‌ها", "Results"),
    "nobrowser.copy": ("کپی پیوند", "Copy link"),
    "nobrowser.close": ("بستن", "Close"),
    "confirm.yes": ("بله", "Yes"),
    "confirm.no": ("نه", "No"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang` ("fa" or "en"), with `values` filled in."""
    fa, en = _TEXT[key]
    template = en if lang == "en" else fa
    return template.format(**values) if values else template


def key_label(binding_id: str, lang: str) -> str:
    """The short label of a key binding for the footer and the help screen ("" if unknown)."""
    pair = _KEYS.get(binding_id)
    if pair is None:
        return ""
    return pair[1] if lang == "en" else pair[0]


def binding_ids() -> tuple[str, ...]:
    """Every binding id the interface knows (the ids `[keymap]` accepts)."""
    return tuple(_KEYS)
