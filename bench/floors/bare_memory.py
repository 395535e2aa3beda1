"""Floor for memory: the bare app's peak RSS once its table is painted."""

import asyncio
import json
import resource

from bare_table import Bare


async def main() -> None:
    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"peak_rss": peak}))


asyncio.run(main())
