"""Command-line parsing. Each subcommand lives in `madara_tui.commands.<name>` and is imported
only when used, so `madara-tui rtl` or `madara-tui list` never pays for the UI's imports."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from madara_tui import __version__, collector

if TYPE_CHECKING:
    from madara_tui.config import Overrides

BIDI_CHOICES = ("auto", "app", "terminal")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: global options, then an optional subcommand (none = the reader)."""
    parser = argparse.ArgumentParser(
        prog="madara-tui",
        usage="%(prog)s [options] [COMMAND ...]",
        description="A terminal reader for the Persian news site Madara. With no command, "
                    "it opens the reader.",
        epilog="Run without a command to open the reader; "
               "`madara-tui COMMAND --help` describes a command.",
    )
    parser.add_argument("--version", action="version", version=f"madara-tui {__version__}")
    parser.add_argument("--site", metavar="URL", help="the site's base URL (overrides the config)")
    parser.add_argument("--offline", action="store_true", help="never touch the network")
    parser.add_argument("--data-dir", metavar="DIR", help="where the cache and your data live")
    parser.add_argument("--config", metavar="FILE", help="a TOML configuration file")
    parser.add_argument("--bidi", choices=BIDI_CHOICES, help="who reorders RTL text")
    parser.add_argument("--lang", choices=("fa", "en"), help="interface language (default: fa)")
    parser.add_argument("--images", choices=("auto", "kitty", "sixel", "blocks", "off"),
                        help="how the reader draws pictures (default: auto)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                title="commands (optional; none opens the reader)")

    rtl = sub.add_parser("rtl", help="lay out UTF-8 text from stdin for a terminal")
    rtl.add_argument("--width", type=int, metavar="N", help="cells per line (default: terminal)")
    rtl.add_argument("--bidi", choices=BIDI_CHOICES, default=argparse.SUPPRESS,
                     help="who reorders (default: auto; app when stdout is not a terminal); "
                          "invalid UTF-8 input is an error (exit status 1)")

    demo = sub.add_parser("demo", help="serve the bundled demo site on loopback")
    demo.add_argument("--port", type=int, default=0, help="port to listen on (default: any free)")
    demo.add_argument("--generate", type=int, metavar="N", help="serve N generated articles")
    demo.add_argument("--feeds", type=int, default=0, metavar="M", help="with --generate: M feeds")
    demo.add_argument("--seed", type=int, default=1, help="with --generate: the generator's seed")
    demo.add_argument("--fault", metavar="NAME",
                      help="misbehave for testing: slow, error500, reset, truncate, gzip_bomb, "
                           "redirect_loop, block_wp_json, stall")
    demo.add_argument("--flood-interval", type=float, default=15.0, metavar="S",
                      help="seconds between two comments from one visitor (default 15)")

    fetch = sub.add_parser("fetch", help="refresh every source and print a summary")
    fetch.add_argument("--older", type=int, default=0, metavar="N",
                       help="also fetch N pages of older headlines from the WordPress site")

    listing = sub.add_parser("list", help="list cached headlines")
    listing.add_argument("--category", metavar="C")
    listing.add_argument("--unread", action="store_true")
    listing.add_argument("--limit", type=int, default=50, metavar="N")
    listing.add_argument("--json", action="store_true")

    read = sub.add_parser("read", help="print an article as the reader shows it")
    read.add_argument("id", type=int, metavar="ID")
    read.add_argument("--width", type=int, metavar="N")
    read.add_argument("--json", action="store_true")

    comments = sub.add_parser("comments", help="an article's published comments, threaded")
    comments.add_argument("id", type=int, metavar="ID")
    comments.add_argument("--width", type=int, metavar="N")
    comments.add_argument("--json", action="store_true")

    related = sub.add_parser("related", help="an article's related news")
    related.add_argument("id", type=int, metavar="ID")
    related.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="search the cache")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true")

    comment = sub.add_parser("comment", help="post a comment read from stdin")
    comment.add_argument("id", type=int, metavar="ID")
    comment.add_argument("--name", required=True)
    comment.add_argument("--email", required=True)
    comment.add_argument("--url", default="")
    comment.add_argument("--parent", type=int, default=0)
    comment.add_argument("--allow-insecure", action="store_true",
                         help="allow sending your email over plain http to a remote host")

    outbox = sub.add_parser("outbox", help="list comments waiting to be sent")
    outbox.add_argument("--send", action="store_true", help="retry sending them now")
    outbox.add_argument("--json", action="store_true")

    sources = sub.add_parser("sources", help="import or export sources as OPML")
    sources_sub = sources.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    imp = sources_sub.add_parser("import", help="add the feeds of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    sources_sub.add_parser("export", help="write the sources as OPML to stdout")
    return parser


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def overrides_from_args(args: argparse.Namespace) -> Overrides:
    """The global options as typed overrides of the config file (commands read their own
    options from `args`)."""
    # Imported here: `main` pauses the garbage collector before the program's imports.
    from madara_tui.config import Overrides

    return Overrides(
        config_file=_path(args.config),
        site=args.site or None,
        offline=args.offline or None,
        data_dir=_path(args.data_dir),
        bidi=args.bidi,
        lang=args.lang,
        images=args.images,
        allow_insecure_email=getattr(args, "allow_insecure", False) or None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the process exit status."""
    # No cyclic collection while the command's modules are imported; the reader keeps it off
    # until its first headlines are drawn (see `collector`).
    collector.pause()
    name = ""
    try:
        args = build_parser().parse_args(argv)
        name = args.command or "reader"
        module = importlib.import_module(f"madara_tui.commands.{name}")
    finally:
        if name != "reader":
            collector.resume()
    try:
        status: int = module.run(args, overrides_from_args(args))
    finally:
        collector.resume()
    return status


if __name__ == "__main__":
    sys.exit(main())
