"""The key bar on a narrow terminal: whole «key label» pairs, the screen's most important keys
and help kept, the least important ones left out (never half a label, never the first keys)."""

from __future__ import annotations

import pytest
from reader_harness import Captured, build_app, rows, settle

from madara_tui.messages import key_label
from madara_tui.runtime import Runtime
from madara_tui.text import BidiMode
from madara_tui.ui.lines import visual
from madara_tui.ui.widgets.bars import KeyBar


def drawn_labels(bar: KeyBar, lang: str) -> tuple[str, list[str]]:
    """The bar's row and the labels of the pairs the screen lists, in its order."""
    return rows(bar)[0], [label for _binding, _node, label in bar.shown()]


@pytest.mark.parametrize("lang", ["fa", "en"])
async def test_a_narrow_key_bar_drops_the_last_keys_whole(filled: Runtime, captured: Captured,
                                                          lang: str) -> None:
    for size in ((60, 20), (80, 24), (120, 40)):
        app = build_app(filled, captured, lang=lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for screen in ("headlines", "article"):
                if screen == "article":
                    await pilot.press("enter")
                    await settle(pilot)
                bar = app.screen.query_one(KeyBar)
                row, labels = drawn_labels(bar, lang)
                assert len(row) == size[0]
                shown = [label for label in labels if visual(label, BidiMode.APP) in row]
                # Whole pairs only: every label is drawn entirely or not at all, and what is
                # drawn is the screen's first keys (help aside), never a later one instead.
                help_label = key_label("app.help", lang)
                assert help_label in shown, (size, screen)
                others = [label for label in labels if label != help_label]
                drawn_others = [label for label in shown if label != help_label]
                assert drawn_others == others[:len(drawn_others)], (size, screen)
                assert drawn_others and drawn_others[0] == others[0]
                if size[0] >= 120:
                    assert shown == labels
                if size[0] == 60:
                    assert len(shown) < len(labels), screen
                # What is left out is left out whole: the row holds the drawn pairs' letters
                # and nothing else (no half label at either end).
                keys = {label: app.get_key_display(binding)
                        for binding, _node, label in bar.shown()}
                letters = sum(len((keys[label] + visual(label, BidiMode.APP)).replace(" ", ""))
                              for label in shown)
                assert len(row.replace(" ", "")) == letters, row
                text = row.strip()
                first_key = text.split()[0] if lang == "en" else text.split()[-1]
                assert first_key in {"⏎", "esc"}, row
