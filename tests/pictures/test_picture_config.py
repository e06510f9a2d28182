"""The picture settings: `images`, `images_cache_mb`, `prefetch_images`, and `--images`."""

from __future__ import annotations

from pathlib import Path

import pytest

from madara_tui.cli import build_parser, overrides_from_args
from madara_tui.config import ConfigError, load_config
from madara_tui.runtime import config_from_overrides


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_and_file_values(tmp_path: Path) -> None:
    default = load_config(write(tmp_path, ""))
    assert (default.images, default.images_cache_mb, default.prefetch_images) == ("auto", 200,
                                                                                  False)
    chosen = load_config(write(tmp_path, 'images = "sixel"\nimages_cache_mb = 20\n'
                                         "prefetch_images = true\n"))
    assert (chosen.images, chosen.images_cache_mb, chosen.prefetch_images) == ("sixel", 20, True)


@pytest.mark.parametrize("text", ['images = "iterm"', "images = 1", "images_cache_mb = -1",
                                  'prefetch_images = "yes"', 'images_cache_mb = "big"'])
def test_wrong_values_are_config_errors(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError):
        load_config(write(tmp_path, text + "\n"))


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    config = write(tmp_path, 'images = "kitty"\n')
    args = build_parser().parse_args(["--config", str(config), "--images", "off"])
    assert config_from_overrides(overrides_from_args(args)).images == "off"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--images", "iterm"])
