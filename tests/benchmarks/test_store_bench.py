"""Event store throughput on SQLite, each beside a raw `sqlite3` baseline measured in the same run.

    .venv/bin/pytest --run-benchmarks tests/benchmarks/test_store_bench.py

The events are what ingestion writes: per article one `ArticleIngested` (the text of a seed
article, about 2 KB) and nine `ClaimExtracted` (about 470 bytes of JSON each), appended in
batches of 1,000 events, each to its own stream.

- append: `EventStore.append_many` of the event objects (codec, stream versions, hash chain,
  one transaction per batch) against the raw baseline: `executemany` of the same JSON payloads,
  already encoded, into a table with the same columns and constraints, one transaction per
  batch, same journal mode (WAL) and `synchronous=FULL`.
- read: `EventStore.iter_all` over the whole log, touching `RecordedEvent.data` (JSON decoded
  and upcast to the current version) against the raw baseline: one plain SELECT of the same
  rows plus `json.loads` of each payload.

Targets: at least 100,000 events/s appended, 250,000 events/s read decoded, and at least half
the raw baseline's rate for each. The summary prints the median and the best round of each,
with their ratios, and each benchmark's extra_info records them; the median ratios are asserted
(medians, because on a shared machine one lucky round of either side skews a best-of ratio).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facts import codec
from facts.events import Event
from facts.store import EventStore
from facts.store.schema import render_ddl
from tests.store.events import article, claim_extracted

pytestmark = pytest.mark.slow

EVENTS = 50_000
BATCH = 1_000
ROUNDS = 9
TARGETS = {"append": 100_000, "read": 250_000}

Batch = list[tuple[str, list[Event], int | None]]

RESULTS: dict[str, tuple[float, float]] = {}  # name -> events/s (median round, best round)


SEED_TEXT = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[0].read_text(
    encoding="utf-8"
)


def _events() -> list[tuple[str, Event]]:
    out: list[tuple[str, Event]] = []
    for i in range(EVENTS):
        if i % 10 == 0:
            event: Event = article(i, SEED_TEXT)
            out.append((f"article-{i:016x}", event))
        else:
            out.append((f"claim-{i:016x}", claim_extracted(i)))
    return out


EVENT_LIST = _events()
BATCHES: list[Batch] = [
    [(stream, [event], None) for stream, event in EVENT_LIST[i : i + BATCH]]
    for i in range(0, EVENTS, BATCH)
]


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def _record(benchmark: Any, name: str) -> None:
    median = EVENTS / float(benchmark.stats.stats.median)
    best = EVENTS / float(benchmark.stats.stats.min)
    RESULTS[name] = (median, best)
    benchmark.extra_info["events_per_s_median"] = round(median)
    benchmark.extra_info["events_per_s_best"] = round(best)


def _ratio(benchmark: Any, kind: str) -> None:
    raw = RESULTS.get(f"{kind}_raw")
    store = RESULTS[f"{kind}_store"]
    if raw is not None:
        benchmark.extra_info["ratio_to_raw_median"] = round(store[0] / raw[0], 3)
        benchmark.extra_info["ratio_to_raw_best"] = round(store[1] / raw[1], 3)


@pytest.fixture
def fresh_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("bench")


def test_append_raw_sqlite(benchmark: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Baseline: executemany of pre-encoded payloads, one transaction per batch."""
    encoded = [
        [
            (stream, 1, *codec.encode(event), "2026-01-01T00:00:00.000000Z", "0" * 64)
            for stream, events, _ in batch
            for event in events
        ]
        for batch in BATCHES
    ]
    ddl = render_ddl("sqlite")
    state: dict[str, sqlite3.Connection] = {}

    def setup() -> None:
        conn = _raw_connection(tmp_path_factory.mktemp("raw") / "raw.db")
        conn.executescript(ddl)
        state["conn"] = conn

    def run() -> None:
        conn = state["conn"]
        position = 0
        for rows in encoded:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO events (position, stream_id, stream_version, type, version, "
                "payload, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(position + i, *row) for i, row in enumerate(rows, 1)],
            )
            conn.execute("COMMIT")
            position += len(rows)
        conn.close()

    benchmark.pedantic(run, setup=setup, rounds=ROUNDS, iterations=1)
    _record(benchmark, "append_raw")


def test_append_store(benchmark: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """EventStore.append_many of event objects, one transaction per batch."""
    state: dict[str, EventStore] = {}

    def setup() -> None:
        state["store"] = EventStore.open(str(tmp_path_factory.mktemp("store") / "facts.db"))

    def run() -> None:
        store = state["store"]
        for batch in BATCHES:
            store.append_many(batch)
        store.close()

    benchmark.pedantic(run, setup=setup, rounds=ROUNDS, iterations=1)
    _record(benchmark, "append_store")
    _ratio(benchmark, "append")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "facts.db"
    with EventStore.open(str(path)) as store:
        for batch in BATCHES:
            store.append_many(batch)
    return path


def test_read_raw_sqlite(benchmark: Any, filled: Path) -> None:
    """Baseline: one plain SELECT of every row plus json.loads of each payload."""

    def run() -> int:
        conn = sqlite3.connect(filled)
        count = 0
        loads = json.loads
        for row in conn.execute(
            "SELECT position, stream_id, stream_version, type, version, payload, recorded_at, "
            "hash FROM events ORDER BY position"
        ):
            loads(row[5])
            count += 1
        conn.close()
        return count

    assert benchmark.pedantic(run, rounds=ROUNDS, iterations=1) == EVENTS
    _record(benchmark, "read_raw")


def test_read_store(benchmark: Any, filled: Path) -> None:
    """EventStore.iter_all over the whole log, decoding each event's data."""
    store = EventStore.open(str(filled), create=False)

    def run() -> int:
        count = 0
        for recorded in store.iter_all():
            recorded.data  # noqa: B018 - decoding is what is measured
            count += 1
        return count

    assert benchmark.pedantic(run, rounds=ROUNDS, iterations=1) == EVENTS
    store.close()
    _record(benchmark, "read_store")
    _ratio(benchmark, "read")


def test_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """Print rates and ratios; the store must reach half the raw baseline (median rounds)."""
    if len(RESULTS) < 4:
        pytest.skip("run the whole module to compare the store with its baselines")
    lines = ["", f"event store vs raw sqlite3 ({ROUNDS} rounds of {EVENTS:,} events each)"]
    ratios = {}
    for kind in ("append", "read"):
        (store, store_best), (raw, raw_best) = RESULTS[f"{kind}_store"], RESULTS[f"{kind}_raw"]
        ratios[kind] = store / raw
        lines.append(
            f"  {kind:6}  median: store {store:>9,.0f}/s  raw {raw:>9,.0f}/s  "
            f"ratio {store / raw:.2f}   best: store {store_best:>9,.0f}/s  "
            f"raw {raw_best:>9,.0f}/s  ratio {store_best / raw_best:.2f}   "
            f"target {TARGETS[kind]:,}/s "
            f"({'met' if store >= TARGETS[kind] else 'not met on this machine'})"
        )
    with capsys.disabled():
        print("\n".join(lines))
    for kind, ratio in ratios.items():
        assert ratio >= 0.5, f"{kind}: store reaches only {ratio:.2f} of the raw baseline"
