"""Every path the program uses, in one place."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "madara-tui"


def default_data_dir() -> Path:
    """The platform's per-user data directory (e.g. ~/.local/share/madara-tui)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """The platform's per-user config file (e.g. ~/.config/madara-tui/config.toml)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def cache_db(data_dir: Path) -> Path:
    """The cache database: may be rebuilt at any time."""
    return data_dir / "cache.sqlite3"


def user_db(data_dir: Path) -> Path:
    """The user's own data (marks, bookmarks, drafts, outbox, preferences): never rebuilt."""
    return data_dir / "user.sqlite3"


def demo_site_dir() -> Path:
    """The bundled demo site's content: `assets/demo-site` in a checkout, packaged in a wheel."""
    packaged = Path(__file__).parent / "demo" / "site"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "assets" / "demo-site"
