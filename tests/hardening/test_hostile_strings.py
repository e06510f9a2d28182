"""`clean_text` removes every hostile piece, for every kind of field, whatever the input.

Field kinds: single-line (titles, names, categories, URLs, link texts, OPML titles) and
multiline (bodies, leads, comment texts). Markup is not the cleaner's business — it must come
through literally, so the UI can show it as text.
"""

from __future__ import annotations

import pytest
from hostile import (
    BIDI,
    COMBINING,
    ESCAPES,
    FIXED,
    HUGE,
    MARKUP,
    PERSIAN,
    forbidden,
    hostile_text,
    longest_mark_run,
)
from hypothesis import HealthCheck, given, settings

from madara_tui.client.html_blocks import html_to_blocks, html_to_text
from madara_tui.text import clean_text
from madara_tui.text.clean import MAX_MARKS

FIELD_KINDS = {"title": False, "author": False, "category": False, "url": False,
               "link_text": False, "opml_title": False, "body": True, "lead": True,
               "comment": True}
"""Field kind → multiline strength."""
TRIED: list[int] = [0]
"""How many strings went through the cleaner (reported by the last test of the module)."""


@pytest.mark.parametrize("kind", sorted(FIELD_KINDS))
def test_fixed_list_is_cleaned_for_every_field_kind(kind: str) -> None:
    multiline = FIELD_KINDS[kind]
    for text in FIXED:
        cleaned = clean_text(text, multiline=multiline)
        TRIED[0] += 1
        assert forbidden(cleaned, multiline=multiline) == [], (kind, repr(text[:80]))
        assert "\x1b" not in cleaned
        assert longest_mark_run(cleaned) <= MAX_MARKS


@pytest.mark.parametrize("piece", ESCAPES)
def test_escape_payloads_leave_no_trace_of_their_parameters(piece: str) -> None:
    # The sequence goes whole: "52;c;" or "0;pwned" left behind would be visible garbage.
    cleaned = clean_text(f"{PERSIAN} {piece} پایان")
    for payload in ("52;c;", "]0;", "]2;", "pwned", "8;;", "544e", "Gf=100", "c1-title"):
        if payload in piece and "unterminated" not in piece:
            assert payload not in cleaned, (piece, cleaned)
    assert cleaned.startswith(PERSIAN)
    # An unterminated string sequence swallows the rest of its line (as a terminal would).
    unterminated = piece.startswith("\x1b") and piece[1:2] in "]P" and not piece.endswith(
        ("\x07", "\x1b\\"))
    assert cleaned.endswith("پایان") or unterminated


@pytest.mark.parametrize("piece", BIDI)
def test_bidi_controls_go_but_persian_spelling_stays(piece: str) -> None:
    word = "می\u200cخواهم"
    for multiline in (False, True):
        cleaned = clean_text(f"{word}{piece}abc", multiline=multiline)
        assert cleaned == f"{word}abc"


def test_body_keeps_line_breaks_tabs_and_marks_titles_do_not() -> None:
    text = "سطر اول\r\nسطر\tدوم\u200f\u200e\u061c"
    assert clean_text(text, multiline=True) == "سطر اول\nسطر\tدوم\u200f\u200e\u061c"
    assert clean_text(text) == "سطر اول سطر دوم"


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_comes_through_literally(markup: str) -> None:
    # The cleaner must not "escape" markup (the UI never parses it): the user sees it as typed.
    assert clean_text(f"{PERSIAN} {markup}") == f"{PERSIAN} {markup}"


def test_thousands_of_combining_marks_are_capped() -> None:
    cleaned = clean_text(COMBINING, multiline=True)
    assert longest_mark_run(cleaned) <= MAX_MARKS
    assert cleaned.startswith("ب") and "x" in cleaned


def test_a_one_megabyte_title_is_cleaned_whole() -> None:
    hostile = HUGE[:500_000] + "\x1b]52;c;QUFB\x07" + HUGE[500_000:]
    cleaned = clean_text(hostile)
    assert forbidden(cleaned, multiline=False) == []
    assert "52;c;" not in cleaned
    assert len(cleaned) >= len(HUGE) - 2  # only the ends are stripped


def test_html_fields_are_cleaned_too() -> None:
    # The HTML converters are the other way text enters: entities can smuggle controls in.
    html = ("<p>&#27;]52;c;aGk=&#7; متن &#x9b;31m &#x202e;عکس&#x202c; [@click=app.quit]x[/]"
            '<a href="javascript:alert(1)">&#27;[2Jپیوند</a></p>')
    text = html_to_text(html)
    assert forbidden(text, multiline=False) == []
    assert "[@click=app.quit]x[/]" in text
    for block in html_to_blocks(html, "http://127.0.0.1:1/2026/01/x/"):
        assert forbidden(block.text, multiline=True) == []
        for link in block.links:
            assert forbidden(link.url, multiline=False) == []


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text())
def test_any_input_comes_out_clean(text: str) -> None:
    for multiline in (False, True):
        cleaned = clean_text(text, multiline=multiline)
        TRIED[0] += 1
        assert forbidden(cleaned, multiline=multiline) == []
        assert longest_mark_run(cleaned) <= MAX_MARKS
        # Cleaning is stable: the boundary cleans once, and once is enough.
        assert clean_text(cleaned, multiline=multiline) == cleaned


def test_report_strings_tried(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\n[hardening] hostile strings tried through clean_text: {TRIED[0]}")
    assert TRIED[0] > 0
