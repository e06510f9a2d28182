"""One catalogue of everything the program says (`madara_tui.messages`): the reader's labels,
the command line's and the service's sentences and the link verdicts, each in Persian and
English, behind one `Lang` type."""

from __future__ import annotations

import string
import typing
from pathlib import Path

import pytest

from madara_tui import messages
from madara_tui.config import ConfigError, load_config
from madara_tui.links import check_link
from madara_tui.messages.labels import KEYS, TEXT
from madara_tui.messages.sentences import MESSAGES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_lang_names_the_two_languages() -> None:
    assert typing.get_args(messages.Lang) == messages.LANGS == ("fa", "en")
    assert messages.is_lang("en") and not messages.is_lang("de") and not messages.is_lang(None)


def test_every_entry_is_in_both_languages_with_the_same_fields() -> None:
    assert not set(TEXT) & set(MESSAGES), "one key, one entry"
    for key, (fa, en) in (*TEXT.items(), *KEYS.items()):
        assert fa and en and _fields(fa) == _fields(en), key
    for key, entry in MESSAGES.items():
        assert set(entry) == {"fa", "en"} and _fields(entry["fa"]) == _fields(entry["en"]), key


def test_the_link_verdicts_come_from_the_catalogue() -> None:
    check = check_link("mailto:someone@example.test")
    assert check.message("en") == messages.tr("link.mailto", "en",
                                              address="someone@example.test")
    assert check_link("https://example.test/a").message("fa") == messages.tr(
        "link.ok", "fa", host="example.test")


def test_a_language_outside_the_catalogue_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('lang = "de"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(config)
