"""The link check: only http/https with a real host open; everything else is refused with a
message; the host is shown in punycode; no shell anywhere in the program."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import BIDI, hostile_text
from hypothesis import given, settings
from hypothesis import strategies as st

import madara_tui
from madara_tui.links import LinkCheck, check_link, open_link

BASE = "http://127.0.0.1:8080/1405/02/bazgoshayi-pol/"


def _recorder(calls: list[str]) -> Callable[[str], bool]:
    """A browser stand-in that records what it was asked to open."""

    def opener(url: str) -> bool:
        calls.append(url)
        return True

    return opener


@pytest.mark.parametrize(("url", "reason"), [
    ("javascript:alert(document.cookie)", "scheme"),
    ("JaVaScRiPt:alert(1)", "scheme"),
    ("file:///etc/passwd", "scheme"),
    ("data:text/html;base64,PHNjcmlwdD4=", "scheme"),
    ("vbscript:msgbox", "scheme"),
    ("ftp://127.0.0.1/x", "scheme"),
    ("mailto:dabir@example.org", "mailto"),
    ("tel:+982112345678", "tel"),
    ("-new-window", "leading_dash"),
    ("--incognito http://example.org", "bad_chars"),
    ("http://exa mple.org/", "bad_chars"),
    ("http://example.org/\x1b]52;c;aGk=\x07", "bad_chars"),
    ("http://example.org/a\nb", "bad_chars"),
    ("http://example.org/\x00", "bad_chars"),
    ("http://example.org/\x9b31m", "bad_chars"),
    ("http://example.org/\u200bx", "bad_chars"),
    ("http://\u202egro.elpmaxe/", "bad_chars"),
    ("\thttp://example.org/", "bad_chars"),
    ("http://", "no_host"),
    ("http:///etc/passwd", "no_host"),
    ("https://:443/", "no_host"),
    ("http://exa%2Emple.org/", "bad_host"),
    ("http://-example.org/", "bad_host"),
    ("http://a..b/", "bad_host"),
    ("http://example.org:99999/", "bad_host"),
    ("http://[::1/", "bad_host"),
    ("http://evil.example\\.org/", "bad_host"),
    ("http://example.org@127.0.0.1:9/", "userinfo"),
    ("https://user:pass@example.org/", "userinfo"),
    ("", "empty"),
    ("/?p=331201", "relative"),
])
def test_refused_links(url: str, reason: str) -> None:
    check = check_link(url)
    assert not check.ok
    assert check.reason == reason
    assert check.message("fa") and check.message("en")
    calls: list[str] = []
    assert open_link(check, opener=_recorder(calls)) is False
    assert calls == []


@pytest.mark.parametrize(("url", "absolute", "host"), [
    ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c", "example.org"),
    ("HTTP://Example.ORG", "http://example.org/", "example.org"),
    ("http://127.0.0.1:8080/?p=3", "http://127.0.0.1:8080/?p=3", "127.0.0.1:8080"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x", "[::1]:8080"),
    # Look-alike letters (Cyrillic е) show, and open, as punycode.
    ("http://еxample.org/", "http://xn--xample-2of.org/", "xn--xample-2of.org"),
    ("https://روزنامه.example/خبر", "https://xn--mgbtd1fdic.example/خبر", "xn--mgbtd1fdic.example"),
])
def test_opened_links_show_the_punycode_host(url: str, absolute: str, host: str) -> None:
    check = check_link(url)
    assert check.ok, check
    assert check.url == absolute
    assert check.host == host
    assert host in check.message("fa") and host in check.message("en")
    calls: list[str] = []
    assert open_link(check, opener=_recorder(calls)) is True
    assert calls == [absolute]


def test_relative_links_resolve_against_the_article_first() -> None:
    assert check_link("/?p=331202", BASE).url == "http://127.0.0.1:8080/?p=331202"
    assert check_link("../../03/x/", BASE).url == "http://127.0.0.1:8080/1405/03/x/"
    assert check_link("//example.org/y", BASE).url == "http://example.org/y"
    # A relative link can't borrow the base to smuggle a scheme or a dash.
    assert check_link("javascript:alert(1)", BASE).reason == "scheme"
    assert check_link("-x", BASE).reason == "leading_dash"
    assert check_link("/ok", BASE + "\u202e").reason == "bad_chars"


def test_the_real_destination_of_a_userinfo_link_is_shown() -> None:
    check = check_link("http://bank.example.org@127.0.0.1:9/login")
    assert check.host == "127.0.0.1:9"
    assert "127.0.0.1:9" in check.message_en and "bank.example.org" in check.message_en
    assert "127.0.0.1:9" in check.message_fa


def test_mail_and_phone_are_shown_not_opened() -> None:
    check = check_link("mailto:dabir@example.org")
    assert "dabir@example.org" in check.message_fa


def test_a_hand_built_ok_verdict_is_checked_again() -> None:
    forged = LinkCheck(ok=True, url="javascript:alert(1)", host="example.org")
    calls: list[str] = []
    assert open_link(forged, opener=_recorder(calls)) is False
    assert calls == []


@settings(max_examples=400, deadline=None)
@given(url=st.one_of(hostile_text(), st.builds(
    lambda a, b: f"http://{a}/{b}", hostile_text(), hostile_text())))
def test_any_input_is_judged_without_raising(url: str) -> None:
    check = check_link(url, BASE)
    if check.ok:
        assert check.url.startswith(("http://", "https://"))
        assert check.host.isascii() and check.host
        assert not any(ch in check.url for ch in BIDI)
        assert all(ord(ch) > 0x20 and not 0x7F <= ord(ch) < 0xA0 for ch in check.url)
        assert "@" not in check.url.split("/")[2]


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            found.append((name, node))
    return found


def test_no_shell_anywhere_in_the_program() -> None:
    root = Path(madara_tui.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, call in _calls(tree):
            shell = any(k.arg == "shell" and not (isinstance(k.value, ast.Constant)
                                                  and k.value.value is False)
                        for k in call.keywords)
            if shell or name in ("system", "popen", "getoutput", "getstatusoutput"):
                offenders.append(f"{path.relative_to(root)}:{call.lineno} {name}")
    assert offenders == []
