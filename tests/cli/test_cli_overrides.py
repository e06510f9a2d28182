"""The command line becomes typed `Overrides` over the config file, and the site URL is written
one way whether it came from the command line or the file."""

from __future__ import annotations

from pathlib import Path

from madara_tui.cli import build_parser, overrides_from_args
from madara_tui.config import Overrides
from madara_tui.runtime import config_from_overrides


def test_the_global_options_become_typed_overrides(tmp_path: Path) -> None:
    args = build_parser().parse_args([
        "--site", "https://example.test/", "--offline", "--data-dir", str(tmp_path / "d"),
        "--config", str(tmp_path / "c.toml"), "--bidi", "app", "--lang", "en",
        "--images", "off", "comment", "3", "--name", "n", "--email", "e@example.test",
        "--allow-insecure"])
    assert overrides_from_args(args) == Overrides(
        config_file=tmp_path / "c.toml", site="https://example.test/", offline=True,
        data_dir=tmp_path / "d", bidi="app", lang="en", images="off",
        allow_insecure_email=True)


def test_options_not_given_leave_the_file_alone(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('offline = true\nlang = "en"\nsite = "https://example.test//"\n',
                      encoding="utf-8")
    overrides = overrides_from_args(build_parser().parse_args(["--config", str(config), "list"]))
    assert (overrides.offline, overrides.lang, overrides.site) == (None, None, None)
    loaded = config_from_overrides(overrides)
    assert (loaded.offline, loaded.lang, loaded.site) == (True, "en", "https://example.test")


def test_the_site_url_is_written_one_way(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("", encoding="utf-8")
    for given in ("https://example.test", "https://example.test/", "https://example.test//"):
        overrides = Overrides(config_file=config, site=given)
        assert config_from_overrides(overrides).site == "https://example.test"
    assert config_from_overrides(Overrides(config_file=config, site="/")).site is None
