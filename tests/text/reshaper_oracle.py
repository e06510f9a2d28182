"""arabic_reshaper 3.1, configured as the reader shaped Persian with it before `text.joining`
took its place: the oracle the joiner's output is compared with (a test dependency only)."""

from __future__ import annotations

from functools import cache
from typing import Any

LAM_ALEF = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)


@cache
def reshaper() -> Any:
    """Harakat kept, tatweel kept, ZWJ honoured, only the LAM-ALEF ligatures. Every setting is
    passed explicitly so a configuration file named by the reshaper's environment variable
    cannot change the result."""
    import arabic_reshaper
    from arabic_reshaper.ligatures import LIGATURES

    config: dict[str, object] = {name: name in LAM_ALEF for name, _ in LIGATURES}
    config.update(
        language="Arabic",
        delete_harakat=False,
        shift_harakat_position=False,
        delete_tatweel=False,
        support_zwj=True,
        use_unshaped_instead_of_isolated=False,
        support_ligatures=True,
    )
    return arabic_reshaper.ArabicReshaper(configuration=config)
