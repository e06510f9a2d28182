"""Debounced draft saving."""

from __future__ import annotations

import asyncio

from service_env import Env

from madara_tui.models import CommentDraft


async def test_draft_saver_writes_the_latest_text_once_quiet(env: Env) -> None:
    service = env.service(offline=True)
    saver = service.draft_saver(delay=0.05)
    source = service.config.site or ""
    for n in range(1, 30):
        saver.update(CommentDraft(source, 331201, author="مریم", text="سلام" * n))
    assert saver.saved == 0  # nothing written while typing goes on
    await asyncio.sleep(0.3)
    assert saver.saved == 1
    assert service.store.draft(source, 331201) == CommentDraft(source, 331201, author="مریم",
                                                               text="سلام" * 29)


async def test_draft_saver_flush_writes_at_once(env: Env) -> None:
    service = env.service(offline=True)
    saver = service.draft_saver(delay=60)
    source = service.config.site or ""
    saver.update(CommentDraft(source, 331202, text="پیش‌نویس"))
    await saver.aclose()
    assert saver.pending is None
    stored = service.store.draft(source, 331202)
    assert stored is not None and stored.text == "پیش‌نویس"
