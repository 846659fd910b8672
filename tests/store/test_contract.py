"""The event store contract: every test here runs unchanged on SQLite (file and memory) and
PostgreSQL, through the `store` / `store_url` fixtures of tests/conftest.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import make_url, text

from facts import codec
from facts.errors import ConcurrencyError, StoreError
from facts.events import ArticleDateSet, ClaimWithdrawn, Event
from facts.store import EventStore, RecordedEvent
from tests.store.events import article, claim_extracted


@contextmanager
def raw_connection(store: EventStore) -> Iterator[Any]:
    """A plain DB-API connection that bypasses facts entirely, like the sqlite3 shell or psql.

    In-memory SQLite has only the store's own connection, so that one is borrowed.
    """
    url = make_url(store.url)
    if store.dialect == "sqlite" and url.database:
        conn: Any = sqlite3.connect(url.database, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
    elif store.dialect == "sqlite":
        with store.engine.connect() as sa_conn:
            raw = sa_conn.connection.dbapi_connection
            yield raw
    else:
        conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as pg:
            yield pg


def raw_execute(store: EventStore, sql: str) -> None:
    with raw_connection(store) as conn:
        conn.execute(sql)


def test_empty_store(store: EventStore) -> None:
    """A new store is empty and its (empty) chain verifies."""
    assert store.head() == 0
    assert store.read() == []
    assert list(store.iter_all()) == []
    assert store.stream_version("article-x") == 0
    assert store.read_stream("article-x") == []
    assert store.streams_exist(["article-x"]) == set()
    report = store.verify()
    assert report.ok and report.checked == 0 and report.first_bad_position is None


def test_append_assigns_consecutive_positions_and_stream_versions(store: EventStore) -> None:
    """Positions continue the log; stream versions start at 1 and have no gaps."""
    assert store.append("article-a", [article(1)], expected_version=0) == [1]
    more: list[Event] = [
        ArticleDateSet(article_id="a", published="2017-06"),
        ArticleDateSet("a", "2017-07"),
    ]
    assert store.append("article-a", more, expected_version=1) == [2, 3]
    assert store.append("article-b", [article(2)]) == [4]
    recorded = store.read_stream("article-a")
    assert [(r.position, r.stream_version) for r in recorded] == [(1, 1), (2, 2), (3, 3)]
    assert store.stream_version("article-a") == 3
    assert store.stream_version("article-b") == 1
    assert store.head() == 4
    assert [r.position for r in store.read_stream("article-a", from_version=2)] == [2, 3]


def test_round_trip_is_byte_for_byte(store: EventStore) -> None:
    """The payload read back is exactly the codec's text; the event decodes equal."""
    written: list[Event] = [article(1, "Umsatz: 5 Mrd. € — „Rekord“ ✓ 😀"), claim_extracted(7)]
    store.append("s", written)
    recorded = store.read()
    assert [r.payload for r in recorded] == [codec.encode(e)[2] for e in written]
    assert [r.event for r in recorded] == written
    assert [r.type for r in recorded] == ["ArticleIngested", "ClaimExtracted"]
    assert all(r.version == 1 for r in recorded)
    assert recorded[1].data["claim"]["quantity"]["value"] == "56.5"


def test_stale_expected_version_raises_concurrency_error(store: EventStore) -> None:
    """The error names the stream and both versions, and nothing is written."""
    store.append("article-a", [article(1)], expected_version=0)
    with pytest.raises(ConcurrencyError) as caught:
        store.append("article-a", [article(2)], expected_version=0)
    assert (caught.value.stream_id, caught.value.expected, caught.value.actual) == (
        "article-a",
        0,
        1,
    )
    assert "article-a" in str(caught.value) and "0" in str(caught.value)
    with pytest.raises(ConcurrencyError):
        store.append("article-a", [article(2)], expected_version=5)
    assert store.head() == 1


def test_append_many_is_one_transaction(store: EventStore) -> None:
    """A stale version anywhere in the batch rejects the whole batch."""
    store.append("claim-1", [ClaimWithdrawn("1", "gone")])
    with pytest.raises(ConcurrencyError) as caught:
        store.append_many(
            [
                ("article-new", [article(1)], 0),
                ("claim-1", [ClaimWithdrawn("1", "again")], 0),
            ]
        )
    assert caught.value.stream_id == "claim-1"
    assert store.head() == 1
    assert store.streams_exist(["article-new"]) == set()


def test_append_many_spans_streams_and_repeats(store: EventStore) -> None:
    """One batch may touch many streams, the same stream twice, and empty entries."""
    positions = store.append_many(
        [
            ("article-a", [article(1)], 0),
            ("claim-1", [claim_extracted(1)], None),
            ("article-a", [ArticleDateSet("a", "2017-01")], 1),
            ("claim-2", [], None),
        ]
    )
    assert positions == [1, 2, 3]
    assert [(r.stream_id, r.stream_version) for r in store.read()] == [
        ("article-a", 1),
        ("claim-1", 1),
        ("article-a", 2),
    ]
    assert store.append_many([]) == []
    assert store.head() == 3


def test_read_pages_and_type_filter(store: EventStore) -> None:
    """`read` returns one ascending page after a position; `types` filters; iter_all pages."""
    batch: list[tuple[str, list[Event], int | None]] = [
        (f"claim-{i}", [claim_extracted(i), ClaimWithdrawn(str(i), "x")], None) for i in range(7)
    ]
    store.append_many(batch)
    assert store.head() == 14
    assert [r.position for r in store.read(after=3, limit=4)] == [4, 5, 6, 7]
    assert store.read(after=14) == []
    assert store.read(after=0, limit=0) == []
    withdrawn = store.read(types=["ClaimWithdrawn"], limit=100)
    assert [r.position for r in withdrawn] == [2, 4, 6, 8, 10, 12, 14]
    assert store.read(types=[]) == []
    assert [r.position for r in store.iter_all(page_size=3)] == list(range(1, 15))
    assert [r.position for r in store.iter_all(after=12, page_size=2)] == [13, 14]


def test_streams_exist_in_bulk(store: EventStore) -> None:
    """Only streams with events are reported, for any number of ids."""
    store.append_many([(f"article-{i}", [article(i)], 0) for i in range(0, 1200, 2)])
    asked = [f"article-{i}" for i in range(1200)] + ["article-0"]
    assert store.streams_exist(asked) == {f"article-{i}" for i in range(0, 1200, 2)}
    assert store.streams_exist([]) == set()


def test_recorded_at_is_utc_and_never_decreases(store: EventStore) -> None:
    """Timestamps are aware UTC and monotonic along the log; `position_at` follows them."""
    for i in range(5):
        store.append(f"article-{i}", [article(i)])
    recorded = store.read()
    times = [r.recorded_at for r in recorded]
    assert all(t.tzinfo is UTC for t in times)
    assert times == sorted(times)
    for r in recorded:
        expected = max(x.position for x in recorded if x.recorded_at <= r.recorded_at)
        assert store.position_at(r.recorded_at) == expected
        naive = r.recorded_at.replace(tzinfo=None)
        assert store.position_at(naive) == expected
    assert store.position_at(times[0] - timedelta(microseconds=1)) == 0
    assert store.position_at(times[-1] + timedelta(days=1)) == 5


def test_recorded_event_is_immutable_and_caches_decoding(store: EventStore) -> None:
    """RecordedEvent cannot be changed; `data` and `event` are decoded once."""
    store.append("article-a", [article(1)])
    (recorded,) = store.read()
    assert isinstance(recorded, RecordedEvent)
    with pytest.raises(AttributeError):
        recorded.payload = "{}"  # type: ignore[misc]
    assert recorded.data is recorded.data
    assert recorded.event is recorded.event
    assert recorded == store.read()[0]
    assert recorded.as_dict()["payload"] == recorded.payload


def test_update_and_delete_are_rejected_by_the_database(store: EventStore) -> None:
    """A client that bypasses facts still cannot change or remove an event."""
    store.append("article-a", [article(1)])
    before = store.read()
    for sql in (
        "UPDATE events SET payload = '{}' WHERE position = 1",
        "UPDATE events SET stream_id = 'x'",
        "DELETE FROM events WHERE position = 1",
        "DELETE FROM events",
    ):
        with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match="append-only"):
            raw_execute(store, sql)
    if store.dialect == "postgresql":
        with pytest.raises(psycopg.Error, match="append-only"):
            raw_execute(store, "TRUNCATE events")
    assert store.read() == before


def test_verify_reports_first_tampered_position(store: EventStore) -> None:
    """Editing a payload behind the triggers' back breaks the chain exactly there."""
    store.append_many([(f"claim-{i}", [claim_extracted(i)], None) for i in range(10)])
    assert store.verify().ok
    if store.dialect == "sqlite":
        raw_execute(store, "DROP TRIGGER events_reject_update")
    else:
        raw_execute(store, "ALTER TABLE events DISABLE TRIGGER USER")
    raw_execute(
        store, "UPDATE events SET payload = replace(payload, '56.5', '65.5') WHERE position = 4"
    )
    report = store.verify()
    assert not report.ok
    assert report.first_bad_position == 4
    assert report.checked == 3
    assert "position 4" in report.message


def test_verify_reports_a_deleted_event(store: EventStore) -> None:
    """Removing an event leaves a hole the chain names."""
    store.append_many([(f"claim-{i}", [claim_extracted(i)], None) for i in range(6)])
    if store.dialect == "sqlite":
        raw_execute(store, "DROP TRIGGER events_reject_delete")
    else:
        raw_execute(store, "ALTER TABLE events DISABLE TRIGGER USER")
    raw_execute(store, "DELETE FROM events WHERE position = 3")
    report = store.verify(page_size=2)
    assert (report.ok, report.first_bad_position) == (False, 3)
    assert "missing" in report.message


def test_verify_walks_many_pages(store: EventStore) -> None:
    """The chain holds across pages and across appends."""
    for chunk in range(5):
        store.append_many([(f"claim-{chunk}-{i}", [claim_extracted(i)], None) for i in range(7)])
    report = store.verify(page_size=4)
    assert report.ok and report.checked == 35
    assert report.head_hash == store.read(after=34)[0].hash


def test_projection_tables_are_tolerated(store_url: str) -> None:
    """Tables named proj_* belong to projections and do not stop a store from opening."""
    with EventStore.open(store_url) as store:
        store.append("article-a", [article(1)])
        with store.engine.begin() as conn:
            conn.execute(text("CREATE TABLE proj_demo (id INTEGER PRIMARY KEY)"))
        if store_url == ":memory:":
            return
    with EventStore.open(store_url, create=False) as store:
        assert store.head() == 1


def test_reopen_keeps_the_log(store_url: str) -> None:
    """Reopening (create=True again) migrates nothing and loses nothing."""
    if store_url == ":memory:":
        pytest.skip("an in-memory store does not outlive its connection")
    with EventStore.open(store_url) as store:
        store.append("article-a", [article(1)])
    with EventStore.open(store_url) as store:
        assert store.head() == 1
        assert store.append("article-a", [article(2)], expected_version=1) == [2]
        assert store.verify().ok


def test_bad_stream_ids_are_refused(store: EventStore) -> None:
    """Stream ids are non-empty and free of control characters (the hash relies on it)."""
    for bad in ("", "a\nb", "x\x00"):
        with pytest.raises(ValueError):
            store.append(bad, [article(1)])
    assert store.head() == 0


def test_store_errors_are_facts_errors(store: EventStore) -> None:
    """A ConcurrencyError is a StoreError, so the CLI reports it as a message."""
    store.append("a", [article(1)], expected_version=0)
    with pytest.raises(StoreError):
        store.append("a", [article(1)], expected_version=0)


def test_large_batch_crosses_insert_chunks(store: EventStore) -> None:
    """A batch larger than one INSERT statement's rows arrives whole and in order."""
    batch: list[tuple[str, list[Event], int | None]] = [
        (f"claim-{i % 7}", [claim_extracted(i)], None) for i in range(257)
    ]
    assert store.append_many(batch) == list(range(1, 258))
    recorded = store.read(limit=1000)
    assert [r.payload for r in recorded] == [
        codec.encode(claim_extracted(i))[2] for i in range(257)
    ]
    assert [r.stream_version for r in recorded[:8]] == [1, 1, 1, 1, 1, 1, 1, 2]
    assert store.stream_version("claim-0") == 37
    assert store.verify().ok
