"""What every benchmark stands on: where huddle and the floors are, a result against its
target, huddle and its floor run turn about, the generated databases (made once and kept in
bench/results/), and a command timed from start to exit."""

from __future__ import annotations

import contextlib
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH = Path(__file__).resolve().parent
CACHE = BENCH / "results"
PYTHON = sys.executable
HUDDLE = str(Path(sys.executable).with_name("huddle"))
FLOORS = BENCH / "floors"


@dataclass
class Result:
    name: str
    unit: str
    median: float
    low: float
    high: float
    floor: float
    ratio: float
    target: str
    passed: bool


def alternate(measure: Callable[[], float], floor: Callable[[], float], runs: int):
    """Run huddle and its floor turn about, so both see the same machine."""
    ours, base = [], []
    for _ in range(runs):
        ours.append(measure())
        base.append(floor())
    return ours, base


def result(
    name: str,
    ours: list[float],
    base: list[float],
    *,
    max_ratio: float | None = None,
    max_value: float | None = None,
    extra: float | None = None,
    unit: str = "ms",
    scale: float = 1000.0,
) -> Result:
    median, floor = statistics.median(ours), statistics.median(base)
    ratio = median / floor if floor else float("inf")
    checks, parts = [], []
    if max_ratio is not None:
        checks.append(ratio <= max_ratio)
        parts.append(f"<= {max_ratio}x")
    if max_value is not None:
        checks.append(median <= max_value)
        parts.append(f"< {max_value * scale:.0f} {unit}")
    if extra is not None:
        checks.append(median - floor <= extra)
        parts.append(f"<= +{extra * scale:.0f} {unit}")
    return Result(
        name,
        unit,
        median * scale,
        min(ours) * scale,
        max(ours) * scale,
        floor * scale,
        ratio,
        ", ".join(parts),
        all(checks),
    )


# ---------------------------------------------------------------- data


def cached(name: str, **sizes: int) -> Path:
    """`bench/results/NAME.db`, generated with `sizes` once and again when the generator
    changes."""
    from bench.generate import generate

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}.db"
    stamp = CACHE / f"{name}.stamp"
    version = str((BENCH / "generate.py").stat().st_mtime_ns)
    if not path.exists() or not stamp.exists() or stamp.read_text() != version:
        for leftover in CACHE.glob(f"{name}.db*"):
            leftover.unlink()
        started = time.perf_counter()
        counts = generate(path, **sizes)
        print(
            f"generated {path.name}: {counts} in {time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        stamp.write_text(version)
    return path


def big_database(quick: bool) -> Path:
    """The 5,000-meeting, 100,000-action database, generated once and reused."""
    return cached("big")


def leads_database() -> Path:
    """The big database with 100,000 leads (a CRM's export) instead of 2,000."""
    return cached("leads", leads=100_000)


def growth_sizes(actions: int) -> dict[str, int]:
    """`actions` action items, and a meeting for every 20."""
    return {"meetings": max(50, actions // 20), "actions": actions}


def sized_database(actions: int) -> Path:
    """A database of `actions` action items (and a meeting for every 20), made once."""
    return cached(f"growth-{actions}", **growth_sizes(actions))


@contextlib.contextmanager
def postgres_server(folder: Path) -> Iterator[Callable[[str], str]]:
    """A real PostgreSQL server (pgserver, the suite's kind) with its data in `folder`,
    stopped on leaving; yields what makes a new, empty database on it and returns its URL."""
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="stop")
    socket_dir = server.get_uri().split("host=", 1)[1]

    def create(name: str) -> str:
        server.psql(f"CREATE DATABASE {name};")
        return f"postgresql+psycopg://postgres@/{name}?host={socket_dir}"

    try:
        yield create
    finally:
        server.cleanup()


def fresh_copy(path: Path, folder: Path) -> Path:
    target = folder / path.name
    shutil.copy(path, target)
    return target


# ---------------------------------------------------------------- commands


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from start to exit; a command that fails raises with what it said (stderr)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, env=env)
    return time.perf_counter() - started
