"""The first headline screen is styled once before its first frame, and its lists style only the
text roles they draw: Textual's styling was the largest part of the start after the imports
(docs/performance.md, round 5)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from reader_harness import SIZE, Captured, build_app, count_styling, settle
from rich.style import Style
from textual.dom import DOMNode

from madara_tui.models import Headline
from madara_tui.runtime import Runtime
from madara_tui.text import BidiMode
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.headline_row import RowLayout, row_segments
from madara_tui.ui.lines import ParagraphCache
from madara_tui.ui.screens.headlines import HeadlinesScreen
from madara_tui.ui.widgets.headline_list import HeadlineList
from madara_tui.ui.widgets.item_list import CategoryList, ItemList
from madara_tui.ui.widgets.shaped import ROLES, role_classes


async def test_the_first_screen_is_styled_once_before_its_first_frame(
        filled: Runtime, captured: Captured, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each widget once as it mounts, the headline list again as it takes the focus — not the
    # category list first (the screen's auto focus), and not the whole screen again when it is
    # shown (Textual's resume).
    styled = count_styling(monkeypatch)
    at_first_frame: list[Counter[DOMNode]] = []
    drawn = MadaraApp.first_screen_drawn

    def first_frame(app: MadaraApp) -> None:
        at_first_frame.append(Counter(styled))
        drawn(app)

    monkeypatch.setattr(MadaraApp, "first_screen_drawn", first_frame)
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen)
        assert at_first_frame, "the first headlines were never drawn"
        counts = at_first_frame[0]
        listing = screen.headline_list
        categories = screen.query_one("#categories", ItemList)
        assert app.focused is listing
        assert counts[screen] == 1
        assert counts[categories] == 1
        assert counts[screen.query_one("#top")] == 1
        assert counts[screen.query_one("#keys")] == 1
        assert counts[listing] == 2
        # The hidden node of each component class is styled with its widget.
        hidden = Counter(node.parent for node in counts if type(node) is DOMNode)
        assert hidden[listing] == 2 * len(HeadlineList.VIEW_ROLES)
        assert hidden[categories] == len(CategoryList.VIEW_ROLES)


def test_the_lists_declare_the_roles_they_draw_only() -> None:
    assert HeadlineList.VIEW_ROLES != ROLES
    assert HeadlineList._get_component_classes() == role_classes(HeadlineList.VIEW_ROLES)
    assert CategoryList._get_component_classes() == role_classes(CategoryList.VIEW_ROLES)
    assert ItemList._get_component_classes() == role_classes(ROLES)  # any item's roles


class _Recording(dict[str, Style]):
    """Role styles that remember which roles were asked for."""

    def __init__(self) -> None:
        super().__init__({role: Style.null() for role in ROLES})
        self.asked: set[str] = set()

    def __getitem__(self, role: str) -> Style:
        self.asked.add(role)
        return super().__getitem__(role)

    def get(self, role: str, default: object = None) -> Style:  # type: ignore[override]
        self.asked.add(role)
        return super().__getitem__(role)


@pytest.mark.parametrize("read", [False, True])
@pytest.mark.parametrize("bookmarked", [False, True])
@pytest.mark.parametrize("rtl", [False, True])
def test_a_headline_row_draws_the_list_roles_only(read: bool, bookmarked: bool,
                                                  rtl: bool) -> None:
    headline = Headline(1, "s", "کتابخانهٔ سیار به روستا رسید", "فرهنگ",
                        datetime(2026, 11, 26, 9, 0), read=read, bookmarked=bookmarked)
    styles = _Recording()
    layout = RowLayout.for_width(100, rtl=rtl, time_cells=12)
    row_segments(headline, "۳ ساعت پیش", layout, BidiMode.APP, ParagraphCache(), Style(),
                 styles)
    assert styles.asked <= set(HeadlineList.VIEW_ROLES)
