"""Draft validation and reading WordPress's answers (error-page parsing, Retry-After)."""

from __future__ import annotations

import httpx

from madara_tui.client.comments import form_data, read_outcome, validate_draft
from madara_tui.client.errors import HTTPStatus, NameResolution, Timeout
from madara_tui.client.http import Response
from madara_tui.models import CommentDraft, CommentForm, CommentState

REQUIRED = frozenset({"author", "email", "comment"})


def make(**fields: str) -> CommentDraft:
    values = {"author": "نام", "email": "a@example.com", "url": "", "text": "متن"} | fields
    return CommentDraft("s", 1, **values)  # type: ignore[arg-type]


def test_validate_draft() -> None:
    assert validate_draft(make(), REQUIRED) == []
    assert validate_draft(make(author="", email="", text=" "), REQUIRED) == [
        "comment_required",
        "author_required",
        "email_required",
    ]
    assert validate_draft(make(email=""), frozenset({"comment"})) == []
    assert "email_invalid" in validate_draft(make(email="نام@example"), REQUIRED)
    assert "email_invalid" in validate_draft(make(email="a@b"), REQUIRED)
    # Byte limits: a Persian letter is two bytes in UTF-8.
    assert validate_draft(make(author="ب" * 122), REQUIRED) == []
    assert validate_draft(make(author="ب" * 123), REQUIRED) == ["author_too_long"]
    assert validate_draft(make(text="ب" * 32762), REQUIRED) == []
    assert validate_draft(make(text="ب" * 32763), REQUIRED) == ["comment_too_long"]
    assert "url_too_long" in validate_draft(make(url="https://e.org/" + "a" * 200), REQUIRED)


def test_form_data_sends_hidden_inputs_and_our_fields() -> None:
    form = CommentForm(
        "http://x/wp-comments-post.php", 7, (("comment_post_ID", "7"), ("nonce", "n1"), ("hp", ""))
    )
    data = form_data(form, CommentDraft("s", 7, "نام", "a@example.com", "", "متن", parent=3))
    assert data[:2] == [("nonce", "n1"), ("hp", "")]
    assert dict(data) | {} == {
        "nonce": "n1",
        "hp": "",
        "comment": "متن",
        "author": "نام",
        "email": "a@example.com",
        "url": "",
        "comment_post_ID": "7",
        "comment_parent": "3",
    }


def answer(status: int, body: str = "", **headers: str) -> Response:
    return Response("http://x/wp-comments-post.php", status, httpx.Headers(headers), body.encode())


def test_read_outcome() -> None:
    assert read_outcome(answer(302, location="http://x/a/#comment-42")).comment_id == 42
    held = read_outcome(
        answer(302, location="http://x/a/?unapproved=43&moderation-hash=f#comment-43")
    )
    assert (held.state, held.comment_id) == (CommentState.HELD, 43)
    # WordPress redirects only after saving: without an ID in the address it still has it.
    assert read_outcome(answer(302, location="http://x/a/")).state is CommentState.HELD
    assert read_outcome(answer(409)).state is CommentState.DUPLICATE
    assert read_outcome(answer(429)).retry_after == 15.0
    assert read_outcome(answer(429, **{"retry-after": "40"})).retry_after == 40.0
    page = (
        '<html><body id="error-page"><div class="wp-die-message"><p><strong>خطا:</strong> '
        "لطفاً یک نشانی\x1b[31m ایمیل معتبر وارد کنید.</p></div></body></html>"
    )
    rejected = read_outcome(answer(200, page))
    assert rejected.state is CommentState.REJECTED
    assert rejected.message == "لطفاً یک نشانی ایمیل معتبر وارد کنید."
    english = read_outcome(
        answer(
            403,
            '<body id="error-page"><p><strong>Error:</strong> Sorry, comments are closed.</p>'
            "</body>",
        )
    )
    assert english.message == "Sorry, comments are closed."
    assert read_outcome(answer(200, "  \n")).state is CommentState.NOT_FOUND
    odd = read_outcome(answer(500, "<html>boom</html>"))
    assert odd.state is CommentState.UNKNOWN and "500" in odd.message


def test_error_messages_in_both_languages() -> None:
    error = NameResolution("http://x.test/", "gaierror")
    assert error.url == "http://x.test/" and error.message("en") == error.message_en
    assert error.message() == error.message_fa and error.message_fa != error.message_en
    assert Timeout("u").message_fa and HTTPStatus("u", 404).status == 404
    assert "۴۰۴" in HTTPStatus("u", 404).message_fa
