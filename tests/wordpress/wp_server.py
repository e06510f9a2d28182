"""A real WordPress (Debian's packages) on 127.0.0.1 for the tests.

MariaDB runs from an empty data dir of its own (no networking, its own socket, no grant tables:
nothing but this test can reach it), `php -S` serves a document root made of symlinks to
/usr/share/wordpress plus our own wp-config.php and router, and `seed.php` installs the site
(fa_IR, Asia/Tehran) and seeds it. `configure()` switches the configuration by rewriting the
switch file the must-use plugin `madara-switch.php` reads on every request: no reinstall.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wp_seed import build_seed

WORDPRESS = Path("/usr/share/wordpress")
CONTENT = WORDPRESS / "wp-content"
LANGUAGES = Path("/var/lib/wordpress/wp-content/languages")
PHP_DIR = Path(__file__).parent / "php"
NEEDED = {
    "mariadbd": "mariadb-server", "php": "php-cli", "mariadb": "mariadb-client",
}
"""Commands the fixture runs, and their Debian packages."""
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/local/sbin", "/usr/sbin", "/sbin"])
"""Where the commands are looked for: mariadbd lives in /usr/sbin, which a PATH may lack."""


def executable(name: str) -> str:
    """The full path of one of the fixture's commands (its bare name when it is not found)."""
    return shutil.which(name, path=SEARCH_PATH) or name

DEFAULTS: dict[str, Any] = {
    "permalink_structure": "/%year%/%monthnum%/%postname%/",
    "rest": "open",
    "rss_use_excerpt": False,
    "comment_moderation": False,
    "comment_previously_approved": True,
    "theme": "twentytwentythree",
    "akismet": False,
    "flood": True,
}
"""The site as installed: pretty permalinks, REST open, full feed, Twenty Twenty-Three,
comments by new authors held (WordPress's default «previously approved» rule), flood limit on."""


def missing_packages() -> list[str]:
    """Debian packages the fixture needs that are not installed."""
    missing = [pkg for cmd, pkg in NEEDED.items() if shutil.which(cmd, path=SEARCH_PATH) is None]
    if not (WORDPRESS / "wp-load.php").exists():
        missing.append("wordpress")
    for theme in ("twentytwentythree", "twentytwentyone"):
        if not (CONTENT / "themes" / theme).is_dir():
            missing.append(f"wordpress-theme-{theme}")
    if not (LANGUAGES / "fa_IR.mo").exists():
        missing.append("wordpress-l10n")
    return missing


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(check: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {timeout:.0f} s")
        time.sleep(0.05)


class WordPressServer:
    """One installed WordPress; `start()` then `stop()` (or use as a context manager)."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.root = workdir / "www"
        self.socket = workdir / "mysql.sock"
        self.switch_file = workdir / "switch.json"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ids: dict[str, int] = {}
        """Post ids by seed key ("newest", "draft", …)."""
        self.comment_ids: dict[str, int] = {}
        self.image_id = 0
        self.config: dict[str, Any] = dict(DEFAULTS)
        self._mariadb: subprocess.Popen[bytes] | None = None
        self._php: subprocess.Popen[bytes] | None = None

    # -- life ----------------------------------------------------------------------------------
    def __enter__(self) -> WordPressServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._start_mariadb()
        self._make_root()
        self.configure()
        self._seed()
        with (self.workdir / "php.log").open("wb") as log:  # the child keeps its own copy
            self._php = subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(self.root),
                 str(self.root / "router.php")],
                stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
                env={**os.environ, "PHP_CLI_SERVER_WORKERS": "2"})
        _wait(self._answers, "php -S")

    def stop(self) -> None:
        if self._php is not None and self._php.poll() is None:
            # php -S forks its workers: end its whole process group, not the parent alone.
            os.killpg(self._php.pid, signal.SIGTERM)
        for process in (self._php, self._mariadb):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._php = self._mariadb = None

    def _start_mariadb(self) -> None:
        data = self.workdir / "mysql"
        data.mkdir()
        self._mariadb = subprocess.Popen(
            [executable("mariadbd"), "--no-defaults", "--user=root", f"--datadir={data}",
             f"--socket={self.socket}", "--skip-networking", "--skip-grant-tables",
             f"--pid-file={self.workdir / 'mysql.pid'}", "--skip-log-bin",
             "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
             "--innodb-doublewrite=0", f"--log-error={self.workdir / 'mysql.log'}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait(self.socket.exists, "MariaDB")
        self.sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4", database="")

    def _make_root(self) -> None:
        self.root.mkdir()
        for entry in WORDPRESS.iterdir():
            if entry.name not in ("wp-config.php", "wp-content"):
                (self.root / entry.name).symlink_to(entry)
        content = self.root / "wp-content"
        (content / "mu-plugins").mkdir(parents=True)
        (content / "uploads").mkdir()
        for name in ("themes", "plugins"):
            (content / name).symlink_to(CONTENT / name)
        (content / "languages").symlink_to(LANGUAGES)
        shutil.copy(PHP_DIR / "madara-switch.php", content / "mu-plugins")
        shutil.copy(PHP_DIR / "router.php", self.root)
        config = (PHP_DIR / "wp-config.php.in").read_text(encoding="utf-8")
        for name, value in (("SOCKET", self.socket), ("URL", self.url), ("ROOT", self.root),
                            ("SWITCH", self.switch_file)):
            config = config.replace(f"@{name}@", str(value))
        (self.root / "wp-config.php").write_text(config, encoding="utf-8")

    def _seed(self) -> None:
        seed_file = self.workdir / "seed.json"
        seed = build_seed(self.url, datetime.now(UTC))
        seed_file.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
        for script in ("install.php", "seed.php"):
            done = subprocess.run(["php", str(PHP_DIR / script), str(seed_file), str(self.root)],
                                  capture_output=True, check=False, cwd=self.root)
            if done.returncode != 0:
                raise RuntimeError(f"{script} failed: "
                                   + (done.stderr or done.stdout).decode(errors="replace")[-2000:])
        result = json.loads(done.stdout.decode().strip().splitlines()[-1])
        self.ids = {key: int(value) for key, value in result["posts"].items()}
        self.comment_ids = {key: int(value) for key, value in result["comments"].items()}
        self.image_id = int(result["image"])

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/?p=0", timeout=2) as answer:
                return int(answer.status) < 500
        except OSError as error:
            return getattr(error, "code", 0) == 404
        return False

    # -- use -----------------------------------------------------------------------------------
    def configure(self, **changes: Any) -> dict[str, Any]:
        """Serve the site in the default configuration changed by `changes`; returns it."""
        unknown = set(changes) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown switches: {sorted(unknown)}")
        self.config = {**DEFAULTS, **changes}
        temporary = self.switch_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.config), encoding="utf-8")
        temporary.replace(self.switch_file)
        return self.config

    def sql(self, query: str, *, database: str = "wordpress") -> list[list[str]]:
        """Rows of a query (tab-separated text, as the `mariadb` client prints them)."""
        command = ["mariadb", f"--socket={self.socket}", "-N", "-B", "-e", query]
        done = subprocess.run([*command, database] if database else command,
                              capture_output=True, check=True)
        lines = done.stdout.decode("utf-8").splitlines()
        return [line.split("\t") for line in lines]

    def comments_of(self, post_id: int) -> list[Mapping[str, str]]:
        """The post's comments in the database: id, parent, approved, author, email, content."""
        rows = self.sql(
            "SELECT comment_ID, comment_parent, comment_approved, comment_author, "
            "comment_author_email, REPLACE(comment_content, '\\n', ' ') FROM wp_comments "
            f"WHERE comment_post_ID = {int(post_id)} ORDER BY comment_ID")
        names = ("id", "parent", "approved", "author", "email", "content")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def requests(self) -> list[str]:
        """Every request the site answered so far ("GET /feed/", …), oldest first."""
        log = self.workdir / "requests.log"
        return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

    def age_comments(self, seconds: int = 3600) -> None:
        """Move every comment's time back, so the next one is not «too fast» after them."""
        self.sql("UPDATE wp_comments SET comment_date_gmt = comment_date_gmt - INTERVAL "
                 f"{int(seconds)} SECOND, comment_date = comment_date - INTERVAL "
                 f"{int(seconds)} SECOND")
