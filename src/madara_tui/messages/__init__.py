"""Every word the program says, in Persian and English: one catalogue for the reader, the
command line, the runtime and the service. Free of Textual, so the command line uses it too.

- `msg(key, lang, **values)`: a sentence of the command line or the service
  (`sentences.MESSAGES`, keys like `fetch_source_ok`). Numbers passed as ints (counts, post
  IDs, outbox numbers) are shown with Persian digits in Persian (`{n}` → ۱۲): the command
  line reads them back (`read ۳۳۱۲۰۱` is `read 331201`), so they can still be copied.
- `tr(key, lang, **values)`: a label of the reader (`labels.TEXT`, keys like
  `headlines.title`); values are filled in as given (the reader localizes its own numbers).
- `key_label(binding_id, lang)`: a key binding's short name (`labels.KEYS`).
"""

from __future__ import annotations

from typing import Any, Final, Literal, TypeGuard

from madara_tui.messages.labels import KEYS, TEXT
from madara_tui.messages.sentences import MESSAGES
from madara_tui.text import to_persian_digits

Lang = Literal["fa", "en"]
"""An interface language: Persian (the default, right to left) or English."""

LANGS: Final[tuple[Lang, ...]] = ("fa", "en")


def is_lang(value: object) -> TypeGuard[Lang]:
    """True when `value` names an interface language."""
    return value in LANGS


def _localize(value: Any, lang: Lang) -> Any:
    if lang == "fa" and isinstance(value, int) and not isinstance(value, bool):
        return to_persian_digits(value)
    return value


def msg(key: str, lang: Lang = "fa", /, **values: Any) -> str:
    """The message `key` in `lang`, formatted."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["fa"]
    return text.format(**{k: _localize(v, lang) for k, v in values.items()})


def draft_error(key: str, lang: Lang = "fa") -> str:
    """The message for one of `validate_draft`'s error keys."""
    name = f"draft_{key}"
    if name in MESSAGES:
        return msg(name, lang)
    return msg("draft_other", lang, key=key)


def state_label(state: str, lang: Lang = "fa") -> str:
    """A comment state (`models.CommentState` value) as the user reads it."""
    return msg(f"state_{state}", lang)


def tr(key: str, lang: Lang, **values: object) -> str:
    """The interface text `key` in `lang`, with `values` filled in."""
    fa, en = TEXT[key]
    template = en if lang == "en" else fa
    return template.format(**values) if values else template


def key_label(binding_id: str, lang: Lang) -> str:
    """The short label of a key binding for the footer and the help screen ("" if unknown)."""
    pair = KEYS.get(binding_id)
    if pair is None:
        return ""
    return pair[1] if lang == "en" else pair[0]


def binding_ids() -> tuple[str, ...]:
    """Every binding id the interface knows (the ids `[keymap]` accepts)."""
    return tuple(KEYS)
