"""A child process for the crash and concurrency tests: `python store_worker.py MODE DATA_DIR ...`.

Modes:
  upsert DATA_DIR BASE BATCHES SIZE  — upsert BATCHES batches of SIZE articles; batch b of run
                                       BASE is filed under the category "batch-BASE-b".
  outbox DATA_DIR STAGE              — enqueue a comment; with STAGE=sending also mark it SENDING.
  hammer DATA_DIR SECONDS ROLE       — write (ROLE=writer) or read (ROLE=reader) for SECONDS.
  rekey DATA_DIR SIZE                — re-key the search index SIZE articles at a time, printing
                                       "batch" after each batch is committed.
It prints "ready" once the store is open (and "done" when an outbox step is recorded), then works;
any exception ends it with a traceback and a non-zero status.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from store_factory import SOURCE, make_article

from madara_tui.models import CommentDraft, CommentState
from madara_tui.store import Store

BODY = tuple(f"بند {n} از گزارشی بلند دربارهٔ آب، برق و گاز شهر در زمستان." * 4 for n in range(6))


def batch_category(base: int, batch: int) -> str:
    return f"batch-{base}-{batch}"


def upsert(store: Store, base: int, batches: int, size: int) -> None:
    for batch in range(batches):
        first = base * 1_000_000 + batch * size
        store.upsert_articles([
            make_article(first + i, body=BODY, lead=f"دستهٔ {batch}",
                         categories=(batch_category(base, batch),))
            for i in range(size)
        ])


def outbox(store: Store, stage: str) -> None:
    draft = CommentDraft(source=SOURCE, article_id=331201, author="کاوه",
                         email="k@example.com", text="این نظر نباید گم شود.")
    store.save_draft(draft)
    item = store.enqueue(draft)
    if stage == "sending":
        store.update_outbox(item.id, CommentState.SENDING)
    print("done", flush=True)
    time.sleep(60)


def hammer(store: Store, seconds: float, role: str) -> None:
    deadline = time.monotonic() + seconds
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        if role == "writer":
            store.upsert_articles([
                make_article(i, title=f"خبر {i} نسخهٔ {round_}", body=BODY[:2])
                for i in range(1, 81)
            ])
            store.mark_read(SOURCE, round_ % 80 + 1)
            store.save_draft(CommentDraft(source=SOURCE, article_id=1, text=f"پیش‌نویس {round_}"))
            store.put_validators(f"{SOURCE}/feed/", f'"{round_}"', None)
        else:
            store.headlines(limit=50, offset=round_ % 30, unread=True)
            store.count_headlines(category="جامعه")
            store.search("گزارش شور")
            store.related(SOURCE, 1 + round_ % 80)
            store.outbox()
            store.mark_read(SOURCE, 100 + round_ % 50)


def main(argv: list[str]) -> int:
    mode, data_dir = argv[1], Path(argv[2])
    with Store(data_dir) as store:
        print("ready", flush=True)
        if mode == "upsert":
            upsert(store, int(argv[3]), int(argv[4]), int(argv[5]))
        elif mode == "outbox":
            outbox(store, argv[3])
        elif mode == "rekey":
            while store.rekey_search_batch(int(argv[3])):
                print("batch", flush=True)
        elif mode == "hammer":
            hammer(store, float(argv[3]), argv[4])
        else:
            raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
