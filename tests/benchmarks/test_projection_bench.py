"""Figures projection at a million claims (SQLite): history query latency and rebuild rate.

    .venv/bin/pytest --run-benchmarks tests/benchmarks/test_projection_bench.py

The store is generated once per session through `append_many` in large batches (the real write
path: codec, hash chain, triggers). It holds 50,000 articles with 20 claims each, then a tail
of re-extractions, withdrawals, reviews and dates so that the fold's lookups are exercised too.
Targets: a history query's median under 5 ms; rebuilding the figures projection at 200,000
events/s or more. Beside the rebuild rate the raw read baseline is measured in the same run:
plain `sqlite3` SELECT of the same payloads plus `json.loads`, nothing else.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from facts.events import (
    ArticleDateSet,
    ArticleIngested,
    ClaimExtracted,
    ClaimReviewed,
    ClaimWithdrawn,
    Event,
)
from facts.extractor.vocabulary import METRICS
from facts.ingest import Extractor
from facts.model import Article, Claim, Quantity, Source, text_hash
from facts.store import EventStore
from facts.tracker import Tracker

METRIC_NAMES = tuple(METRICS)

pytestmark = pytest.mark.slow

# FACTS_BENCH_ARTICLES=10000 gives a store of 200,000 claims for quicker iteration.
ARTICLES = int(os.environ.get("FACTS_BENCH_ARTICLES", "50000"))
CLAIMS_PER_ARTICLE = 20
ENTITIES = 500
BATCH_ARTICLES = 2_500
UNITS = ("EUR", "USD", "percent", "count")
SENTENCE = (
    "Der Konzern {entity} meldete für das abgelaufene Quartal beim Kennwert {metric} "
    "einen Wert von {value} {unit}, wie aus dem Bericht hervorgeht."
)


def _article(i: int) -> tuple[Article, list[Claim]]:
    sentences = []
    claims_spec = []
    offset = 0
    for j in range(CLAIMS_PER_ARTICLE):
        k = i * CLAIMS_PER_ARTICLE + j
        entity = f"Company{(k * 7919) % ENTITIES:04d}"
        metric = METRIC_NAMES[(k // ENTITIES) % len(METRIC_NAMES)]
        value = str(1 + (k * 104729) % 100_000)
        unit = UNITS[k % len(UNITS)]
        sentence = SENTENCE.format(entity=entity, metric=metric, value=value, unit=unit)
        start = offset + sentence.index(f" {value} ") + 1
        claims_spec.append((entity, metric, value, unit, sentence, start))
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(sentences) + f" ({i})"
    published = f"{2010 + i % 12}-{1 + i % 12:02d}"
    article = Article(text=text, published=published, title=f"Artikel {i}", source=f"gen://{i}")
    claims = [
        Claim(
            entity=entity,
            metric=metric,
            quantity=Quantity(Decimal(value), unit, "exact", Decimal(value), Decimal(value), value),
            source=Source(article.id, start, start + len(value), sentence),
            period=f"{published[:4]}-Q{1 + (int(published[5:]) - 1) // 3}",
        )
        for entity, metric, value, unit, sentence, start in claims_spec
    ]
    return article, claims


def _batches() -> Iterator[list[tuple[str, list[Event], int]]]:
    batch: list[tuple[str, list[Event], int]] = []
    for i in range(ARTICLES):
        article, claims = _article(i)
        ingested = ArticleIngested(
            article.id,
            article.text,
            text_hash(article.text),
            article.published,
            article.title,
            article.source,
            article.language,
        )
        batch.append((article.stream_id, [ingested], 0))
        batch.extend((c.stream_id, [ClaimExtracted(c, "bench-1")], 0) for c in claims)
        if (i + 1) % BATCH_ARTICLES == 0:
            yield batch
            batch = []
    if batch:
        yield batch
    # The tail: every 100th article re-extracted, withdrawn or reviewed; some dates fixed.
    tail: list[tuple[str, list[Event], int]] = []
    for i in range(0, ARTICLES, 100):
        article, claims = _article(i)
        changed = Claim(
            entity=claims[0].entity,
            metric=claims[0].metric,
            quantity=claims[0].quantity,
            source=claims[0].source,
            segment="Cloud",
            period=claims[0].period,
        )
        tail.append((changed.stream_id, [ClaimExtracted(changed, "bench-2")], 1))
        tail.append((claims[1].stream_id, [ClaimWithdrawn(claims[1].id, "bench", "bench-2")], 1))
        tail.append((claims[2].stream_id, [ClaimReviewed(claims[2].id, "confirmed")], 1))
        review = ClaimReviewed(claims[3].id, "corrected", {"value": "42"}, "bench", "fix")
        tail.append((claims[3].stream_id, [review], 1))
        if i % 1000 == 0:
            tail.append((article.stream_id, [ArticleDateSet(article.id, "2020-01-15")], 1))
    yield tail


@pytest.fixture(scope="session")
def million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of a million claims with its figures projection built (once a session)."""
    path = tmp_path_factory.mktemp("projection-bench") / "million.db"
    with EventStore.open(str(path)) as store:
        for batch in _batches():
            store.append_many(batch)
        tracker = Tracker(store, extractor=Extractor(lambda a: [], "bench"))
        tracker.close()
    return path


def _raw_read_baseline(path: Path) -> tuple[int, float]:
    """Plain sqlite3: SELECT every payload in position order, json.loads each; no facts code."""
    conn = sqlite3.connect(str(path))
    try:
        started = time.perf_counter()
        count = 0
        after = 0
        while True:
            rows = conn.execute(
                "SELECT position, payload FROM events WHERE position > ? ORDER BY position LIMIT ?",
                (after, 20_000),
            ).fetchall()
            if not rows:
                break
            for _, payload in rows:
                json.loads(payload)
            count += len(rows)
            after = rows[-1][0]
        return count, time.perf_counter() - started
    finally:
        conn.close()


def test_history_query_median_under_5ms(million: Path, benchmark: Any) -> None:
    """`Tracker.history(entity, metric)` on a million claims: median under 5 ms."""
    with EventStore.open(str(million)) as store:
        tracker = Tracker(store, extractor=Extractor(lambda a: [], "bench"))
        names = [f"Company{(k * 37) % ENTITIES:04d}" for k in range(64)]
        calls = iter(range(10**9))

        def query() -> int:
            n = next(calls)
            return len(tracker.history(names[n % 64], METRIC_NAMES[n % len(METRIC_NAMES)]))

        found = benchmark.pedantic(query, rounds=300, iterations=1, warmup_rounds=10)
        assert found > 0
    median = benchmark.stats.stats.median
    benchmark.extra_info["median_ms"] = round(median * 1000, 3)
    assert median < 0.005, f"history median {median * 1000:.2f} ms"


def test_rebuild_rate_at_least_200k_events_per_second(million: Path, benchmark: Any) -> None:
    """Dropping and rebuilding the figures projection: at least 200,000 events/s, reported
    beside the raw read baseline (SELECT + json.loads) measured in the same run."""
    raw_count, raw_seconds = _raw_read_baseline(million)
    with EventStore.open(str(million)) as store:
        tracker = Tracker(store, extractor=Extractor(lambda a: [], "bench"))
        head = store.head()
        applied = benchmark.pedantic(tracker.rebuild, rounds=2, iterations=1)
        assert applied == head == raw_count
        assert len(tracker.history("Company0001", "revenue")) > 0
    seconds = benchmark.stats.stats.min
    rate = head / seconds
    raw_rate = raw_count / raw_seconds
    benchmark.extra_info.update(
        events=head,
        rebuild_events_per_s=round(rate),
        raw_read_events_per_s=round(raw_rate),
        ratio_to_raw_read=round(rate / raw_rate, 3),
    )
    print(
        f"\nrebuild: {head} events in {seconds:.2f} s = {rate:,.0f} events/s; "
        f"raw read baseline (SELECT + json.loads): {raw_rate:,.0f} events/s; "
        f"ratio {rate / raw_rate:.2f}"
    )
    assert rate >= 200_000, f"rebuild {rate:,.0f} events/s"
