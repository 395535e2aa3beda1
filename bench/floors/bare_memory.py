"""Floor for memory: the bare app's peak RSS once its table is painted."""

import asyncio
import json

from bare_table import Bare
from peak import own_peak_bytes


async def main() -> None:
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    peak = own_peak_bytes()
    print(json.dumps({"peak_rss": peak}))


asyncio.run(main())
