"""The line-API widgets over in-memory data: what they draw is exactly the text engine's lines,
and the headline list reads only the pages it shows, even with 100,000 rows."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta
from typing import Any

from reader_harness import NOW, rows, visual_line
from textual.app import App, ComposeResult
from textual.reactive import reactive

from madara_tui.links import check_link
from madara_tui.models import Headline
from madara_tui.text import BidiMode, Paragraph, Span, format_relative
from madara_tui.ui.headline_row import BOOKMARK, UNREAD
from madara_tui.ui.lines import ParagraphCache, Piece, layout, one_line, pad_line, visual
from madara_tui.ui.widgets.document import DocumentView
from madara_tui.ui.widgets.headline_list import KEPT_PAGES, PAGE_ROWS, HeadlineList
from madara_tui.ui.widgets.shaped import ROLES, ShapedText

TITLE = "قطار آزمایشی خط ۲ متروی اصفهان ۴ کیلومتر را پیمود"


class BigSource:
    """100,000 synthetic headlines; counts the page reads."""

    def __init__(self, total: int = 100_000) -> None:
        self.total = total
        self.reads: list[int] = []
        self._lock = threading.Lock()

    async def count(self) -> int:
        return self.total

    async def page(self, offset: int, limit: int) -> list[Headline]:
        return await asyncio.to_thread(self._page, offset, limit)

    def _page(self, offset: int, limit: int) -> list[Headline]:
        with self._lock:
            self.reads.append(offset)
        end = min(offset + limit, self.total)
        return [Headline(id=n, source="s", title=f"{TITLE} {n}", category="شهری",
                         published=NOW - timedelta(minutes=n), read=n % 3 == 0,
                         bookmarked=n % 7 == 0) for n in range(offset, end)]


class Harness(App[None]):
    """A bare app with the two attributes the widgets follow."""

    bidi_mode: reactive[BidiMode] = reactive(BidiMode.APP)
    lang: reactive[str] = reactive("fa")

    def __init__(self, *widgets: object) -> None:
        super().__init__()
        self._widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self._widgets  # type: ignore[misc]


def clock() -> datetime:
    return NOW


async def test_headline_list_pages_through_100k_rows() -> None:
    source = BigSource()
    listing = HeadlineList(clock)
    app = Harness(listing)
    async with app.run_test(size=(100, 30)) as pilot:
        listing.set_source(source)
        await listing.wait_loaded()
        await pilot.pause()
        assert listing.count == 100_000
        assert listing.virtual_size.height == 100_000
        await pilot.press("G")
        await listing.wait_loaded()
        await pilot.pause()
        last = rows(listing)[-1]
        assert "99999" in last
        await pilot.press("g", "pagedown", "pagedown")
        await listing.wait_loaded()
        # Only the pages shown (and their neighbours) were read, never the whole list.
        assert len(source.reads) <= 6
        assert max(source.reads) == (100_000 - 1) // PAGE_ROWS * PAGE_ROWS
        assert len(listing._pages) <= KEPT_PAGES


async def test_headline_row_marks_and_mirrored_columns() -> None:
    source = BigSource(10)
    listing = HeadlineList(clock)
    app = Harness(listing)
    async with app.run_test(size=(100, 12)) as pilot:
        listing.set_source(source)
        await listing.wait_loaded()
        await pilot.pause()
        persian = rows(listing)
        # Row 0: read (n % 3 == 0) and bookmarked (n % 7 == 0): no unread dot, a star at the right.
        assert persian[0].rstrip().endswith(BOOKMARK)
        assert persian[1].rstrip().endswith(UNREAD)
        # Persian: the time column is on the left, the title ends at the right.
        when = format_relative(NOW - timedelta(minutes=1), now=NOW, lang="fa")
        assert persian[1].startswith(visual(when, BidiMode.APP))
        assert persian[1].rstrip()[:-1].rstrip().endswith(visual_line(f"{TITLE} 1", 90)[-10:])
        app.lang = "en"
        await pilot.pause()
        english = rows(listing)
        assert english[1].startswith(UNREAD)
        english_when = format_relative(NOW - timedelta(minutes=1), now=NOW, lang="en")
        assert english[1].rstrip().endswith(english_when)


async def test_document_draws_the_engine_lines_and_relayouts_on_resize() -> None:
    text = "پیش‌تر نیز گزارشی دربارهٔ شمار روزهای هوای پاک [۱] شهر منتشر شده بود."
    start = text.index("گزارشی")
    spans = (Span(start, text.index(" [۱]") + 4, "link:1"),)
    view = DocumentView([Piece("عنوان خبر", "title"), Piece(text, "text", spans)])
    app = Harness(view)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        width = view.scrollable_content_region.width
        expected = [pad_line(line, width).text for line in Paragraph(text, spans).lines(width)]
        assert view.lines_text()[2:] == expected
        drawn = rows(view)
        assert drawn[2].strip() == expected[0].strip()
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        wider = view.scrollable_content_region.width
        assert view.lines_text()[2].strip() == \
            Paragraph(text, spans).lines(wider)[0].text.strip()
        app.bidi_mode = BidiMode.TERMINAL
        await pilot.pause()
        assert text.split()[0] in view.lines_text()[2]


async def test_long_document_shows_its_first_screen_before_the_rest_is_laid_out() -> None:
    paragraph = "پیش‌تر نیز گزارشی دربارهٔ شمار روزهای هوای پاک شهر منتشر شده بود. " * 12
    pieces = [Piece(f"{n} {paragraph}", "text") for n in range(120)]
    view = DocumentView(pieces)
    app = Harness(view)
    async with app.run_test(size=(60, 20)) as pilot:
        first = view.virtual_size.height
        width = view.scrollable_content_region.width
        whole = layout(pieces, width, BidiMode.APP, ParagraphCache(), indent_right=True,
                       gap=1)
        assert 20 <= first < len(whole) // 4  # the first screen, not the whole article
        assert rows(view)[0].strip() == whole[0].line.text.strip()
        for _ in range(200):  # up to 10 s on a busy machine; ~30 ms on an idle one
            await pilot.pause(0.05)
            if view.virtual_size.height == len(whole):
                break
        assert view.virtual_size.height == len(whole)  # the rest followed by itself
        assert view.lines_text() == [drawn.line.text for drawn in whole]
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert view.scroll_offset.y == len(whole) - view.scrollable_content_region.height


async def test_a_jump_to_the_end_finishes_the_layout_first() -> None:
    pieces = [Piece(f"{n} " + "خبر تازهٔ شهر " * 40, "text") for n in range(200)]
    view = DocumentView(pieces)
    app = Harness(view)
    async with app.run_test(size=(60, 20)) as pilot:
        view.focus()
        await pilot.press("G")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        total = len(view.lines_text())  # every row of the whole document, laid out
        assert view.virtual_size.height == total
        assert view.scroll_offset.y == total - view.scrollable_content_region.height
        view.scroll_to_piece(150)
        assert view.top_piece == 150


async def test_a_render_pass_reads_the_views_styles_once_not_once_per_row() -> None:
    view = DocumentView([Piece(f"{n} " + "خبر تازهٔ شهر " * 30, "text") for n in range(40)])
    listing = HeadlineList(clock)
    app = Harness(view, listing)
    async with app.run_test(size=(60, 40)) as pilot:
        listing.set_source(BigSource(500))
        await listing.wait_loaded()
        await pilot.pause()
        for widget in (view, listing):
            calls: list[str] = []
            lookup = widget.get_component_rich_style

            def counted(*names: str, partial: bool = False, lookup: Any = lookup,
                        calls: list[str] = calls) -> Any:
                calls.extend(names)
                return lookup(*names, partial=partial)

            widget.get_component_rich_style = counted  # type: ignore[method-assign]
            widget.refresh()  # drop the rows Textual keeps, so the pass draws every row
            rows = widget.render_lines(widget.region.reset_offset)
            assert len(rows) >= 15
            # One look-up per role, not per row; none while Textual keeps the roles' styles.
            assert len(calls) <= len(ROLES)


async def test_the_role_styles_a_view_keeps_follow_a_new_theme() -> None:
    listing = HeadlineList(clock)
    app = Harness(listing)
    async with app.run_test(size=(60, 20)) as pilot:
        listing.set_source(BigSource(50))
        await listing.wait_loaded()
        await pilot.pause()
        before = listing.row_pass().styles["cursor"]
        assert listing.row_pass().styles["cursor"] is before  # kept between passes
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = listing.row_pass().styles["cursor"]
        assert after != before
        assert after == listing.get_component_rich_style("text--cursor", partial=True)


async def test_a_cursor_move_inside_the_screen_redraws_only_the_two_rows_it_changes() -> None:
    listing = HeadlineList(clock)
    app = Harness(listing)
    async with app.run_test(size=(60, 20)) as pilot:
        listing.set_source(BigSource(500))
        await listing.wait_loaded()
        listing.focus()
        await pilot.pause()
        drawn: list[int] = []
        render_line = listing.render_line

        def counted(y: int) -> Any:
            drawn.append(y)
            return render_line(y)

        listing.render_line = counted  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert listing.cursor == 1
        assert sorted(set(drawn)) == [0, 1]  # not the whole list
        drawn.clear()
        listing.cursor = 60  # off screen: the list scrolls and is drawn again whole
        await pilot.pause()
        assert len(set(drawn)) >= listing.size.height - 1


async def test_shaped_text_never_interprets_markup() -> None:
    hostile = "[bold]خبر[/] [@click=app.quit]x[/] [link=file:///etc/passwd]y[/]"
    label = ShapedText([Piece(hostile, "text")])
    app = Harness(label)
    async with app.run_test(size=(90, 5)) as pilot:
        await pilot.pause()
        drawn = "".join(rows(label))
        # Laid out RTL (the text has Persian in it), so the brackets mirror; the markup's words
        # are all there, as text.
        assert "click=app.quit" in drawn and "link=file:///etc/passwd" in drawn
        assert "[/]" in drawn
        assert app.is_running


def test_one_line_truncates_rtl_with_an_ellipsis_on_the_left() -> None:
    line = one_line(Paragraph(TITLE * 3), 30, BidiMode.APP)
    assert len(line.text) == 30
    assert line.text.lstrip().startswith("…")
    short = one_line(Paragraph("کوتاه"), 30, BidiMode.APP)
    assert short.text.startswith(" ") and "…" not in short.text


def test_links_are_checked_before_opening() -> None:
    assert check_link("https://example.org/a?b=1").ok
    assert check_link("http://127.0.0.1:8080/?p=1").host == "127.0.0.1:8080"
    assert check_link("https://مثال.example/x").host.startswith("xn--")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "-http://x", "https://a\u202eb.com",
                "https://exa mple.org", "mailto:a@example.org", "https://"):
        assert not check_link(bad).ok, bad


async def test_the_line_views_keep_their_strips_until_a_row_or_its_styles_change(
        monkeypatch: Any) -> None:
    """Drawing the same rows again styles none of them; moving the cursor restyles the two rows
    it left and reached; a new theme or width restyles every row."""
    from madara_tui.ui.widgets import headline_list, laid_out

    styled: list[str] = []
    real_segments, real_strip = headline_list.row_segments, laid_out.to_strip

    def counted_segments(*args: Any) -> Any:
        styled.append("headline")
        return real_segments(*args)

    def counted_strip(*args: Any) -> Any:
        styled.append("document")
        return real_strip(*args)

    monkeypatch.setattr(headline_list, "row_segments", counted_segments)
    monkeypatch.setattr(laid_out, "to_strip", counted_strip)
    view = DocumentView([Piece(f"{n} " + "خبر تازهٔ شهر " * 30, "text") for n in range(40)])
    listing = HeadlineList(clock)
    app = Harness(view, listing)
    async with app.run_test(size=(60, 40)) as pilot:
        listing.set_source(BigSource(500))
        await listing.wait_loaded()
        await pilot.pause()

        def draw(widget: Any) -> int:
            styled.clear()
            widget.refresh()  # drop the rows Textual keeps, so the pass asks for every row
            assert len(widget.render_lines(widget.region.reset_offset)) >= 15
            return len(styled)

        for widget in (view, listing):
            widget.forget_strips()
            assert draw(widget) > 0  # (rows of the same text and look share one strip)
            assert draw(widget) == 0  # the same rows, the same styles: all kept
        listing.cursor = 3  # (drawn before the app's own next frame)
        assert draw(listing) == 2  # the row the cursor left, the row it reached
        styled.clear()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        # The app's own frame after the new theme styled every row of both views again.
        assert styled.count("headline") >= 15 and styled.count("document") > 0
        assert draw(listing) == 0
        styled.clear()
        await pilot.resize_terminal(70, 40)
        await pilot.pause()
        await pilot.pause()
        assert styled.count("headline") >= 15
