"""Killed while sending a comment: after restart the comment is UNKNOWN (not lost), and the
follow-up flush does not put it on the site twice."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_env import child_env, run_main

from madara_tui.demo import DemoSite
from madara_tui.models import CommentState
from madara_tui.store import Store

TEXT = "این دیدگاه در میانهٔ ارسال قطع شد؛ نباید گم یا دوبار ثبت شود."


def _wait_for(predicate: object, deadline: float) -> bool:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("email", ["new.reader@example.com", "mehdi.rezaei@example.com"],
                         ids=["held", "published"])
@pytest.mark.parametrize("fault", ["stall", "slow"], ids=["never-arrived", "arrived-unheard"])
def test_sigkill_between_sending_and_storing_the_answer(tmp_path: Path, email: str,
                                                        fault: str) -> None:
    """`stall`: the site never handles the post. `slow`: it handles it after the client was
    killed — the comment arrived, the answer was never heard."""
    data_dir = tmp_path / "data"
    with DemoSite(flood_interval=0.0, stall_seconds=120, slow_seconds=1.0) as site:
        globals_ = ["--site", site.url, "--data-dir", str(data_dir)]
        assert run_main([*globals_, "fetch"]) == 0
        site.set_fault(fault, path_prefix="/wp-comments-post.php")
        child = subprocess.Popen(
            [sys.executable, "-m", "madara_tui", *globals_, "comment", "331201", "--name", "نگار",
             "--email", email],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=child_env(tmp_path),
        )
        assert child.stdin is not None
        child.stdin.write(TEXT.encode())
        child.stdin.close()
        try:
            posted = _wait_for(
                lambda: any(m == "POST" for m, _ in list(site.requests)), deadline=30)
            assert posted, "the child never posted the comment"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            assert child.stdout is not None and child.stderr is not None
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL

        if fault == "slow":
            assert _wait_for(lambda: len(site.posted) == 1, deadline=10)
            assert site.posted[0].outcome in ("published", "held")
        # Restart: the comment is there, UNKNOWN, with its words.
        with Store(data_dir) as store:
            assert store.recovered == 1
            (item,) = store.outbox()
            assert item.state is CommentState.UNKNOWN and item.draft.text == TEXT
        site.set_fault(None)
        assert run_main([*globals_, "outbox", "--send"]) == 0
        assert run_main([*globals_, "outbox", "--send"]) == 0  # nothing more to do
        with Store(data_dir) as store:
            (item,) = store.outbox()
            # Found among the published comments, or resent once and answered 409 (held ones
            # are invisible), or — never arrived — sent now.
            assert item.state in (CommentState.PUBLISHED, CommentState.HELD,
                                  CommentState.DUPLICATE)
        arrivals = [p for p in site.posted if ("comment", TEXT) in p.form
                    and p.outcome in ("published", "held")]
        assert len(arrivals) == 1
