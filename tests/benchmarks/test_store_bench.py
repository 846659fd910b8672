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
the raw baseline's rate for each. The machine these run on is shared, so besides the separate
baseline benchmarks each store round is paired with a raw round run just before it, and the
median of the per-pair ratios is what the summary asserts; it also prints the median and best
rates of every benchmark, and each benchmark's extra_info records them.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import time
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
ROUNDS = 15
TARGETS = {"append": 100_000, "read": 250_000}

Batch = list[tuple[str, list[Event], int | None]]

RATES: dict[str, tuple[float, float]] = {}  # name -> events/s (median round, best round)
PAIRED: dict[str, float] = {}  # kind -> median over rounds of store rate / raw rate


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


ENCODED = [
    [
        (stream, 1, *codec.encode(event), "2026-01-01T00:00:00.000000Z", "0" * 64)
        for stream, events, _ in batch
        for event in events
    ]
    for batch in BATCHES
]
DDL = render_ddl("sqlite")


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def _fresh_raw(directory: Path) -> sqlite3.Connection:
    conn = _raw_connection(directory / "raw.db")
    conn.executescript(DDL)
    return conn


def _append_raw(conn: sqlite3.Connection) -> None:
    """The append baseline: executemany of the pre-encoded payloads, a transaction per batch."""
    position = 0
    for rows in ENCODED:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO events (position, stream_id, stream_version, type, version, "
            "payload, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(position + i, *row) for i, row in enumerate(rows, 1)],
        )
        conn.execute("COMMIT")
        position += len(rows)
    conn.close()


def _append_store(store: EventStore) -> None:
    for batch in BATCHES:
        store.append_many(batch)
    store.close()


def _read_raw(path: Path) -> int:
    """The read baseline: one plain SELECT of every row plus json.loads of each payload."""
    conn = sqlite3.connect(path)
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


def _read_store(store: EventStore) -> int:
    count = 0
    for recorded in store.iter_all():
        recorded.data  # noqa: B018 - decoding is what is measured
        count += 1
    return count


def _record(benchmark: Any, name: str) -> None:
    median = EVENTS / float(benchmark.stats.stats.median)
    best = EVENTS / float(benchmark.stats.stats.min)
    RATES[name] = (median, best)
    benchmark.extra_info["events_per_s_median"] = round(median)
    benchmark.extra_info["events_per_s_best"] = round(best)


def _record_pairs(benchmark: Any, kind: str, raw_times: list[float]) -> None:
    """Each store round ran right after a raw round: the median of the per-pair ratios is the
    comparison least disturbed by other work on the machine."""
    store_times = list(benchmark.stats.stats.data)
    ratios = sorted(raw / store for raw, store in zip(raw_times, store_times, strict=True))
    PAIRED[kind] = statistics.median(ratios)
    benchmark.extra_info["paired_ratio_to_raw"] = round(PAIRED[kind], 3)
    benchmark.extra_info["raw_round_seconds"] = [round(t, 4) for t in raw_times]


def test_append_raw_sqlite(benchmark: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Baseline: executemany of pre-encoded payloads, one transaction per batch."""
    state: dict[str, sqlite3.Connection] = {}

    def setup() -> None:
        state["conn"] = _fresh_raw(tmp_path_factory.mktemp("raw"))
        os.sync()  # start every timed round with no earlier round's writes still being flushed

    benchmark.pedantic(lambda: _append_raw(state["conn"]), setup=setup, rounds=ROUNDS)
    _record(benchmark, "append_raw")


def test_append_store(benchmark: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """EventStore.append_many of event objects, one transaction per batch; each round is
    preceded by a raw baseline round, for the paired ratio."""
    state: dict[str, EventStore] = {}
    raw_times: list[float] = []

    def setup() -> None:
        conn = _fresh_raw(tmp_path_factory.mktemp("raw"))
        os.sync()  # as before every timed round: no earlier writes still being flushed
        started = time.perf_counter()
        _append_raw(conn)
        raw_times.append(time.perf_counter() - started)
        state["store"] = EventStore.open(str(tmp_path_factory.mktemp("store") / "facts.db"))
        os.sync()

    benchmark.pedantic(lambda: _append_store(state["store"]), setup=setup, rounds=ROUNDS)
    _record(benchmark, "append_store")
    _record_pairs(benchmark, "append", raw_times)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "facts.db"
    _append_store(EventStore.open(str(path)))
    return path


def test_read_raw_sqlite(benchmark: Any, filled: Path) -> None:
    """Baseline: one plain SELECT of every row plus json.loads of each payload."""
    assert benchmark.pedantic(_read_raw, args=(filled,), rounds=ROUNDS) == EVENTS
    _record(benchmark, "read_raw")


def test_read_store(benchmark: Any, filled: Path) -> None:
    """EventStore.iter_all over the whole log, decoding each event's data; each round is
    preceded by a raw baseline round, for the paired ratio."""
    store = EventStore.open(str(filled), create=False)
    raw_times: list[float] = []

    def setup() -> None:
        started = time.perf_counter()
        assert _read_raw(filled) == EVENTS
        raw_times.append(time.perf_counter() - started)

    assert benchmark.pedantic(lambda: _read_store(store), setup=setup, rounds=ROUNDS) == EVENTS
    store.close()
    _record(benchmark, "read_store")
    _record_pairs(benchmark, "read", raw_times)


def test_summary(capsys: pytest.CaptureFixture[str]) -> None:
    """Print rates and ratios; the store must reach half the raw baseline (paired rounds)."""
    if len(RATES) < 4 or len(PAIRED) < 2:
        pytest.skip("run the whole module to compare the store with its baselines")
    lines = ["", f"event store vs raw sqlite3 ({ROUNDS} rounds of {EVENTS:,} events each)"]
    for kind in ("append", "read"):
        (store, store_best), (raw, raw_best) = RATES[f"{kind}_store"], RATES[f"{kind}_raw"]
        lines.append(
            f"  {kind:6}  store {store:>9,.0f}/s (best {store_best:,.0f})  "
            f"raw {raw:>9,.0f}/s (best {raw_best:,.0f})  "
            f"ratio {store / raw:.2f} (best {store_best / raw_best:.2f}, "
            f"paired {PAIRED[kind]:.2f})  target {TARGETS[kind]:,}/s "
            f"{'met' if store >= TARGETS[kind] else 'not met on this machine'}"
        )
    lines.append("  (rates are medians of the rounds; paired = median of store/raw per round pair)")
    with capsys.disabled():
        print("\n".join(lines))
    for kind, ratio in PAIRED.items():
        assert ratio >= 0.5, f"{kind}: store reaches only {ratio:.2f} of the raw baseline"
