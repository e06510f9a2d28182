"""Writing a comment: name, email, website and text in fields that show Persian shaped and in
reading order (and keep the half-space typed), required fields marked as the site's form marks
them, the draft saved as it is typed, validation before sending, the outcome in words."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Button

from madara_tui.messages import Lang, draft_error
from madara_tui.models import SITE_TOOK_IT, CommentDraft, CommentState, OutboxItem
from madara_tui.service import DEFAULT_REQUIRED, DraftSaver, InvalidDraft
from madara_tui.ui.lines import Piece
from madara_tui.ui.screens.base import ReaderScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.persian_input import PersianInput, PersianTextArea
from madara_tui.ui.widgets.shaped import ShapedText

FIELDS = ("author", "email", "url", "comment")
LABELS = {"author": "form.author", "email": "form.email", "url": "form.url",
          "comment": "form.comment"}
REMEMBERED = ("author", "email", "url")
"""Fields kept (as preferences) for the next comment, like WordPress's cookie."""


def outcome_text(item: OutboxItem, lang: Lang) -> tuple[str, bool]:
    """What to tell the user about a sent comment, and whether it is good news."""
    from madara_tui.messages import tr

    state = item.state
    if state is CommentState.REJECTED:
        return tr("outcome.rejected", lang, reason=item.message or "—"), False
    good = state in SITE_TOOK_IT or state is CommentState.QUEUED
    return tr(f"outcome.{state.value}", lang), good


class CommentFormScreen(ReaderScreen):
    """The comment form for one article (and reply parent)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", id="form.send", tooltip="Send the comment",
                priority=True),
        Binding("escape", "back", "Back", id="screen.back", tooltip="Back (the draft is kept)"),
    ]

    def __init__(self, source: str, article_id: int, *, parent: int = 0,
                 parent_author: str = "") -> None:
        super().__init__()
        self.source = source
        self.article_id = article_id
        self.parent_id = parent
        self.parent_author = parent_author
        self.required: frozenset[str] = DEFAULT_REQUIRED
        self.saver: DraftSaver | None = None
        self.last_outcome: OutboxItem | None = None
        """The last send's result (tests read it)."""
        self._baseline: CommentDraft | None = None
        """The form's content as loaded or last cleared: changes equal to it aren't saved."""

    def compose(self) -> ComposeResult:
        yield TopBar("form.title", id="top")
        with VerticalScroll(id="form"):
            yield ShapedText(id="form-note", classes="note")
            for name in FIELDS:
                yield ShapedText(id=f"label-{name}", classes="field-label")
                if name == "comment":
                    yield PersianTextArea(id="field-comment")
                else:
                    # Email and website addresses are Latin: an empty one starts on the left.
                    yield PersianInput(id=f"field-{name}", max_length=245,
                                       empty_rtl=name == "author")
                yield ShapedText(id=f"error-{name}", classes="field-error")
            yield Button(id="send", variant="primary")
            yield ShapedText(id="outcome")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.saver = self.reader.service.draft_saver(on_problem=self._draft_problem)
        self.relabel()
        # Until the draft is read, the name is the first required field there is: keys typed
        # at once land there, and the load moves the cursor only if nothing was typed yet.
        self.query_one("#field-author", PersianInput).focus()
        self._load_draft()

    def _draft_problem(self, error: BaseException | None) -> None:
        """Saving the draft failed (a full disk…): say so at once; the words stay in memory
        and saving is retried. None: it works again."""
        if error is None:
            self.reader.say_key("form.draft_saved_again")
        else:
            self.reader.say_key("form.draft_not_saved", error=True)

    def on_unmount(self) -> None:
        if self.saver is not None:
            # The app outlives this screen: let it finish writing the last words.
            self.app.run_worker(self.saver.aclose(), group="drafts", exit_on_error=False)

    def relabel(self) -> None:
        note = [Piece(self.words("form.note"), "dim")]
        if self.parent_author:
            note.insert(0, Piece(self.words("comments.reply_to", author=self.parent_author),
                                 "label"))
        self.query_one("#form-note", ShapedText).update(note)
        for name in FIELDS:
            mark = " *" if name in self.required or name == "comment" else ""
            self.query_one(f"#label-{name}", ShapedText).update(
                [Piece(self.words(LABELS[name]) + mark, "label")])
        self.query_one("#send", Button).label = self.visual_words("form.send")

    @work(group="draft-load", exit_on_error=False)
    async def _load_draft(self) -> None:
        reader = self.reader
        service = reader.service
        self.required = await service.required_fields(self.source, self.article_id)
        draft = await service.draft(self.source, self.article_id, self.parent_id)
        values: dict[str, str] = {}
        if draft is not None:
            values = {"author": draft.author, "email": draft.email, "url": draft.url,
                      "comment": draft.text}
        else:
            for name in REMEMBERED:
                remembered = await service.preference(f"comment.{name}")
                values[name] = remembered or ""
        typed = any(self.value(name) for name in FIELDS)
        for name in FIELDS:
            # The form takes keys before the draft is read: what the user typed meanwhile wins.
            if not self.value(name):
                self._set_value(name, values.get(name, ""))
        self._baseline = self.draft()
        self.relabel()
        if not typed:  # someone already typing keeps the cursor where it is
            self._focus_first_empty()

    def _focus_first_empty(self) -> None:
        """Put the cursor in the first required field still empty (the name on a first
        comment; the comment itself once name and email are remembered)."""
        for name in FIELDS:
            if (name in self.required or name == "comment") and not self.value(name).strip():
                self.query_one(f"#field-{name}").focus()
                return

    def _set_value(self, name: str, value: str) -> None:
        self.query_one(f"#field-{name}", PersianInput).value = value

    def value(self, name: str) -> str:
        """The field's current (logical) text."""
        return self.query_one(f"#field-{name}", PersianInput).value

    def draft(self) -> CommentDraft:
        """The form as a draft."""
        return CommentDraft(self.source, self.article_id, author=self.value("author").strip(),
                            email=self.value("email").strip(), url=self.value("url").strip(),
                            text=self.value("comment"), parent=self.parent_id)

    @on(PersianInput.Submitted)
    def _next_field(self) -> None:
        """Enter in a one-line field goes on to the next field, as in a web form."""
        self.focus_next()

    @on(PersianInput.Changed)
    def _changed(self) -> None:
        draft = self.draft()
        if draft != self._baseline and self.saver is not None:
            self.saver.update(draft)

    def _show_errors(self, errors: list[str]) -> None:
        for name in FIELDS:
            mine = [draft_error(key, self.lang) for key in errors if key.startswith(name + "_")]
            self.query_one(f"#error-{name}", ShapedText).update(
                [Piece(text, "error") for text in mine])

    def _say(self, text: str, good: bool) -> None:
        outcome = self.query_one("#outcome", ShapedText)
        outcome.update([Piece(text, "ok" if good else "error")])
        # Below the Send button it may be out of view on a small terminal: bring it in.
        self.call_after_refresh(outcome.scroll_visible, animate=False)

    @on(Button.Pressed, "#send")
    def _send_pressed(self) -> None:
        self.action_send()

    @work(exclusive=True, group="send", exit_on_error=False)
    async def action_send(self) -> None:
        reader = self.reader
        draft = self.draft()
        if self.saver is not None:
            await self.saver.flush()
        self._show_errors([])
        self._say(self.words("form.sending"), True)
        try:
            # The service cleans and judges the draft once (as for `madara-tui comment`).
            item = await reader.service.send_comment(draft)
        except InvalidDraft as exc:
            self._show_errors(exc.errors)
            self._say(self.words("form.invalid"), False)
            return
        self.last_outcome = item
        text, good = outcome_text(item, self.lang)
        self._say(text, good)
        # The top bar tells it too, in words that follow the language.
        reader.say(lambda lang: outcome_text(item, lang)[0], error=not good)
        if item.state in SITE_TOOK_IT or item.state is CommentState.QUEUED:
            for name in REMEMBERED:
                await reader.service.set_preference(f"comment.{name}", self.value(name))
            self._set_value("comment", "")
            self._baseline = self.draft()
