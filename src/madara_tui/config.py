"""Configuration: a TOML file plus command-line overrides → one frozen `Config`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from madara_tui import locations
from madara_tui.messages import Lang, is_lang
from madara_tui.models import Source, site_key
from madara_tui.records import record, replace

IMAGE_MODES = ("auto", "kitty", "sixel", "blocks", "off")
"""How pictures are drawn: guessed from the terminal, one protocol forced, or none."""

BIDI_ENV = "MADARA_TUI_BIDI"
"""Environment variable that chooses the bidi mode (`auto`, `app`, `terminal`)."""


class ConfigError(Exception):
    """The configuration file is unreadable or holds a value of the wrong kind."""


@dataclass(frozen=True)
class Config:
    """Everything the user can set. Built by `load_config`; never mutated."""

    site: str | None = None
    """The WordPress site's base URL; None means the bundled demo site (the reader) or an error
    (commands that need a site)."""
    sources: tuple[Source, ...] = ()
    """Extra RSS/Atom feeds, refreshed alongside the site."""
    offline: bool = False
    """Never touch the network: read the cache, queue comments."""
    data_dir: Path = field(default_factory=locations.default_data_dir)
    """Where cache.sqlite3 and user.sqlite3 live."""
    retention_days: int | None = None
    """Forget cached articles older than this many days (bookmarked ones are kept forever)."""
    retention_count: int | None = None
    """Keep at most this many cached articles (the newest; bookmarked ones are kept forever)."""
    bidi: str = "auto"
    """Who reorders right-to-left text: `app`, `terminal` or `auto` (guess from the terminal)."""
    lang: Lang = "fa"
    """Interface language: `fa` (right-to-left layout) or `en`."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id → keys, e.g. {"article.bookmark": "B"}; see the README for the ids."""
    theme: str = ""
    """A Textual theme name; empty means the one last chosen in the program."""
    allow_insecure_email: bool = False
    """Allow sending your email with a comment over plain http to a non-loopback host."""
    refresh_deadline: float = 120.0
    """Seconds one source's whole refresh may take; what arrived by then is kept."""
    images: str = "auto"
    """How the reader draws pictures: `auto`, `kitty`, `sixel`, `blocks` (half-blocks) or
    `off` (alt text only)."""
    images_cache_mb: int = 200
    """Disk space the picture cache may use (least recently used pictures go first)."""
    prefetch_images: bool = False
    """Fetch the pictures of new articles during a refresh, to have them offline."""

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """The site (when set) followed by the extra feeds."""
        site = (Source(url=self.site, kind="wordpress"),) if self.site else ()
        return site + self.sources


@record
class Overrides:
    """What the command line sets over the configuration file; None means not given. Built
    by `cli.py` from its arguments: nothing below the command line sees argparse."""

    config_file: Path | None = None
    """`--config`: the TOML file to read instead of the default one."""
    site: str | None = None
    offline: bool | None = None
    data_dir: Path | None = None
    bidi: str | None = None
    lang: Lang | None = None
    images: str | None = None
    allow_insecure_email: bool | None = None

    @property
    def ui_lang(self) -> Lang:
        """The interface language before the config is read: the command line's, else
        Persian (for the messages that say the config is wrong)."""
        return self.lang or "fa"


def _expect(value: Any, kind: type | tuple[type, ...], key: str) -> Any:
    if not isinstance(value, kind):
        raise ConfigError(f"config: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _parse(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "site" in data:
        out["site"] = _expect(data["site"], str, "site")
    if "sources" in data:
        sources = []
        for item in _expect(data["sources"], list, "sources"):
            if isinstance(item, str):
                sources.append(Source(url=item, kind="feed"))
            else:
                entry = _expect(item, dict, "sources[]")
                sources.append(Source(
                    url=_expect(entry.get("url"), str, "sources[].url"),
                    title=str(entry.get("title", "")),
                    kind=str(entry.get("kind", "feed")),
                    category=str(entry.get("category", "")),
                ))
        out["sources"] = tuple(sources)
    retention = data.get("retention", {})
    _expect(retention, dict, "retention")
    if "days" in retention:
        out["retention_days"] = _expect(retention["days"], int, "retention.days")
    if "count" in retention:
        out["retention_count"] = _expect(retention["count"], int, "retention.count")
    for key in ("bidi", "lang", "theme", "images"):
        if key in data:
            out[key] = _expect(data[key], str, key)
    if "refresh_deadline" in data:
        seconds = _expect(data["refresh_deadline"], (int, float), "refresh_deadline")
        if isinstance(seconds, bool) or not 1 <= seconds <= 24 * 3600:
            raise ConfigError("config: refresh_deadline must be 1 to 86400 seconds")
        out["refresh_deadline"] = float(seconds)
    if "offline" in data:
        out["offline"] = _expect(data["offline"], bool, "offline")
    if "allow_insecure_email" in data:
        out["allow_insecure_email"] = _expect(
            data["allow_insecure_email"], bool, "allow_insecure_email")
    if "images_cache_mb" in data:
        out["images_cache_mb"] = _expect(data["images_cache_mb"], int, "images_cache_mb")
    if "prefetch_images" in data:
        out["prefetch_images"] = _expect(data["prefetch_images"], bool, "prefetch_images")
    if "data_dir" in data:
        raw = _expect(data["data_dir"], str, "data_dir")
        try:
            out["data_dir"] = Path(raw).expanduser()
        except RuntimeError as exc:  # "~nosuchuser/…": no such user's home
            raise ConfigError(f"config: data_dir {raw!r}: {exc}") from exc
    if "keymap" in data:
        keymap = _expect(data["keymap"], dict, "keymap")
        out["keymap"] = {_key_id(k): _keys(k, _expect(v, str, "keymap")) for k, v in
                         keymap.items()}
    return out


_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_KEY = 32
"""Longest key name accepted in `[keymap]` (Textual's longest is under 20)."""


def _key_id(name: str) -> str:
    if not _KEY_ID.match(name):
        raise ConfigError(f"config: keymap id {ascii(name)[:80]} is not a binding id")
    return name


def _keys(binding: str, value: str) -> str:
    """`value` when it is a comma-separated list of key names, each printable, without spaces
    and at most `MAX_KEY` characters; else ConfigError. The names are drawn in the footer, so
    an escape sequence in one would reach the terminal."""
    names = [name.strip() for name in value.split(",")] if value.strip() else []
    for name in names:
        if (not name or len(name) > MAX_KEY or not name.isprintable()
                or any(char.isspace() for char in name)):
            raise ConfigError(
                f"config: keymap.{binding}: {ascii(name)[:80]} is not a key name")
    return ",".join(names)


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML file's table. Raises ConfigError when it can't be read or isn't TOML."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"config: cannot read {path}: {exc}") from exc
    if not data.strip():
        return {}  # nothing to parse: the start needn't import tomllib (~4 ms) for it
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config: cannot read {path}: {exc}") from exc


def load_config(path: Path | None = None, **overrides: Any) -> Config:
    """Read the TOML file (the default location when `path` is None and it exists), then apply
    the non-None `overrides` (command-line options) and the bidi environment variable.

    Raises ConfigError for an unreadable file or a wrong value.
    """
    explicit = path is not None
    path = path or locations.default_config_file()
    values: dict[str, Any] = {}
    if explicit or path.exists():
        values = _parse(_read_toml(path))
    env_bidi = os.environ.get(BIDI_ENV)
    if env_bidi:
        values["bidi"] = env_bidi
    values.update({k: v for k, v in overrides.items() if v is not None})
    if values.get("site") is not None:
        values["site"] = site_key(values["site"]) or None
    config = Config(**values)
    if config.bidi not in ("auto", "app", "terminal"):
        raise ConfigError(f"config: bidi must be auto, app or terminal, not {config.bidi!r}")
    if not is_lang(config.lang):
        raise ConfigError(f"config: lang must be fa or en, not {config.lang!r}")
    if config.images not in IMAGE_MODES:
        raise ConfigError(f"config: images must be one of {', '.join(IMAGE_MODES)}, "
                          f"not {config.images!r}")
    if config.images_cache_mb < 0:
        raise ConfigError("config: images_cache_mb must not be negative")
    return replace(config)
