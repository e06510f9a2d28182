"""The one factory every command and the reader use to get going: config, store, fetcher,
service — and the bundled demo site when no site is configured."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from madara_tui import locations
from madara_tui.config import Config, Overrides, load_config
from madara_tui.messages import Lang, msg
from madara_tui.records import replace
from madara_tui.service import Service
from madara_tui.store import Store

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.demo import DemoSite

DEMO_PORT = 47410
"""The demo site's fixed loopback port, so cached demo articles keep one source URL across
runs."""
DEMO_URL = f"http://127.0.0.1:{DEMO_PORT}"


@dataclass
class Runtime:
    """What a running command needs. Everything here is closed by `open_runtime` on exit."""

    config: Config
    """The effective configuration (with the demo site's URL when it stands in for the site)."""
    store: Store
    fetcher: Fetcher | None
    """None when offline."""
    service: Service
    demo: DemoSite | None = None
    """The demo site this process started, if any (None when an already running one is reused)."""
    notices: list[str] = field(default_factory=list)
    """Things to tell the user once: the demo site in use, a rebuilt cache, recovered comments."""


def config_from_overrides(overrides: Overrides) -> Config:
    """The configuration file (`--config` or the default one) with the command line on top.
    Raises ConfigError."""
    return load_config(
        overrides.config_file,
        site=overrides.site,
        offline=overrides.offline,
        data_dir=overrides.data_dir,
        bidi=overrides.bidi,
        lang=overrides.lang,
        images=overrides.images,
        allow_insecure_email=overrides.allow_insecure_email,
    )


def _bundled_description() -> str:
    import json  # here, as below: only a start next to a running demo site reads JSON

    with (locations.demo_site_dir() / "site.json").open(encoding="utf-8") as f:
        return str(json.load(f).get("description", ""))


def _is_demo_site(url: str) -> bool:
    """True when `url` answers like the bundled demo site (its REST root describes it)."""
    import json
    import urllib.request  # here: 13 ms of imports (http.client, email) no start needs

    try:
        with urllib.request.urlopen(f"{url}/wp-json/", timeout=2) as reply:
            info = json.loads(reply.read(65536).decode("utf-8"))
    except (OSError, ValueError):  # URLError is an OSError
        return False
    try:
        return isinstance(info, dict) and info.get("description") == _bundled_description()
    except (OSError, ValueError):
        return False


async def _start_demo(notices: list[str], lang: Lang) -> tuple[str, DemoSite | None]:
    """The demo site's URL, and the DemoSite object when this process started it: the fixed
    port when free, an already running demo site there, or else any free port."""
    # Imported here, as the fetcher below: the reader starting offline needs neither.
    from madara_tui.demo import DemoSite

    site = DemoSite()
    try:
        url = site.start(port=DEMO_PORT)
    except OSError:
        if await asyncio.to_thread(_is_demo_site, DEMO_URL):
            notices.append(msg("demo_notice", lang, url=DEMO_URL))
            return DEMO_URL, None
        url = site.start(port=0)
        notices.append(msg("demo_other_port", lang, port=DEMO_PORT, url=url))
        return url, site
    notices.append(msg("demo_notice", lang, url=url))
    return url, site


@contextlib.asynccontextmanager
async def open_runtime(overrides: Overrides) -> AsyncIterator[Runtime]:
    """Open everything a command needs and close it all on exit.

    Reads the config via `config_from_overrides` (raises ConfigError); with no site configured,
    starts the bundled demo site on loopback (see `_start_demo`) — offline, the demo site's
    fixed URL stands in without starting anything. Opens the store (which turns comments a crash
    left SENDING into UNKNOWN; its notices are passed on), the fetcher (not when offline) and
    the service.
    """
    config = config_from_overrides(overrides)
    notices: list[str] = []
    demo: DemoSite | None = None
    async with contextlib.AsyncExitStack() as stack:
        if config.site is None:
            if config.offline:
                config = replace(config, site=DEMO_URL)
            else:
                url, demo = await _start_demo(notices, config.lang)
                if demo is not None:
                    stack.callback(demo.stop)
                config = replace(config, site=url)
        store = Store(config.data_dir)
        stack.callback(store.close)
        notices.extend(n.message(config.lang) for n in store.notices)
        fetcher: Fetcher | None = None
        if not config.offline:
            from madara_tui.client.http import Fetcher
            from madara_tui.client.validators import Validators

            fetcher = Fetcher(validators=Validators())
            stack.push_async_callback(fetcher.aclose)
        service = Service(config, store, fetcher)
        # Opening the store already turned comments a crash left SENDING into UNKNOWN.
        recovered = store.recovered
        if recovered:
            notices.append(msg("recovered_unknown", config.lang, n=recovered))
        yield Runtime(config=config, store=store, fetcher=fetcher, service=service, demo=demo,
                      notices=notices)
