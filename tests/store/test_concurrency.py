"""Several writer processes append at once while a reader tails the log: the reader gets every
event exactly once, in position order, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url

from facts.events import ClaimWithdrawn
from facts.store import EventStore, RecordedEvent

REPO = Path(__file__).resolve().parents[2]
WRITERS = 4
BATCHES = 30
PER_BATCH = 5

WRITER = textwrap.dedent(
    """
    import sys
    from facts.errors import ConcurrencyError
    from facts.events import ClaimWithdrawn
    from facts.store import EventStore

    url, writer, batches, per_batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    store = EventStore.open(url)
    print("ready", flush=True)
    if sys.stdin.readline() != "go\\n":
        sys.exit("no go")
    for b in range(batches):
        store.append_many(
            [
                (
                    f"w{writer}-{b % 3}",
                    [ClaimWithdrawn(f"{writer}-{b}-{k}", "t") for k in range(per_batch)],
                    None,
                ),
                (f"w{writer}-odd", [ClaimWithdrawn(f"{writer}-{b}", "t")], None),
            ]
        )
        while True:  # optimistic concurrency on one stream every writer appends to
            version = store.stream_version("shared")
            try:
                store.append("shared", [ClaimWithdrawn(f"{writer}-{b}", "shared")], version)
                break
            except ConcurrencyError:
                continue
    store.close()
    print("done", flush=True)
    """
)


@pytest.fixture(
    params=["sqlite-file", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite-file":
        yield str(tmp_path / "facts.db")
    else:
        yield request.getfixturevalue("postgres_url")


@pytest.mark.slow
def test_tailing_reader_sees_every_event_exactly_once(shared_url: str) -> None:
    """Concurrent writers, one tailing reader: no event skipped, none seen twice."""
    store = EventStore.open(shared_url)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, shared_url, str(w), str(BATCHES), str(PER_BATCH)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    try:
        for w in writers:  # a barrier: every writer has opened the store
            assert w.stdout is not None and w.stdout.readline() == "ready\n"
        for w in writers:
            assert w.stdin is not None
            w.stdin.write("go\n")
            w.stdin.flush()
        total = WRITERS * BATCHES * (PER_BATCH + 2)
        seen: list[RecordedEvent] = []
        after = 0
        pages = 0
        while len(seen) < total:
            page = store.read(after=after, limit=13)
            if not page:
                if all(w.poll() is not None for w in writers) and not store.read(after=after):
                    break  # every writer has exited and nothing more is coming
                continue
            pages += 1
            positions = [r.position for r in page]
            # Writers commit in position order, so the next page starts right after the last
            # position seen: a later commit can never fill a hole below it.
            assert positions == list(range(after + 1, after + 1 + len(page))), (after, positions)
            seen.extend(page)
            after = positions[-1]
        for w in writers:
            out, err = w.communicate(timeout=120)
            assert w.returncode == 0, err
            assert out == "done\n"
        everything = list(store.iter_all())
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
        store.close()

    assert len(seen) == total == len(everything)
    assert [r.position for r in seen] == [r.position for r in everything]
    assert [r.hash for r in seen] == [r.hash for r in everything]
    keys = {(r.stream_id, r.stream_version) for r in seen}
    assert len(keys) == total  # no event twice
    shared = sorted(v for s, v in keys if s == "shared")
    assert shared == list(range(1, WRITERS * BATCHES + 1))  # gap-free under contention
    assert pages > 1  # the reader really tailed while writers were writing
    with EventStore.open(shared_url) as reopened:
        assert reopened.verify().ok


OPENER = textwrap.dedent(
    """
    import sys
    from facts.store import EventStore
    from facts.events import ClaimWithdrawn

    print("ready", flush=True)
    if sys.stdin.readline() != "go\\n":
        sys.exit("no go")
    with EventStore.open(sys.argv[1]) as store:
        store.append(f"claim-{sys.argv[2]}", [ClaimWithdrawn(sys.argv[2], "t")], expected_version=0)
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_processes_creating_one_store_at_once(shared_url: str) -> None:
    """Several processes opening a new store together create it once; all of them can write."""
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, shared_url, str(n)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    try:
        for p in openers:
            assert p.stdout is not None and p.stdout.readline() == "ready\n"
        for p in openers:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in openers:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            assert out == "done\n"
    finally:
        for p in openers:
            if p.poll() is None:
                p.kill()
    with EventStore.open(shared_url, create=False) as store:
        assert store.head() == WRITERS
        assert store.streams_exist(f"claim-{n}" for n in range(WRITERS)) == {
            f"claim-{n}" for n in range(WRITERS)
        }
        with store.engine.connect() as conn:
            applied = conn.exec_driver_sql("SELECT name FROM facts_migrations").fetchall()
        assert [r[0] for r in applied] == ["0001_create_event_log"]
        assert store.verify().ok


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.mark.postgres
def test_naive_sequence_tailing_skips_on_postgres(postgres_url: str) -> None:
    """The hazard being solved, shown on the server itself: with a plain sequence, a reader that
    tails by position skips an event whose writer commits after a later one."""
    info = _conninfo(postgres_url)
    with psycopg.connect(info, autocommit=True) as setup:
        setup.execute("CREATE TABLE naive (position BIGSERIAL PRIMARY KEY, body TEXT)")
    with (
        psycopg.connect(info) as slow,
        psycopg.connect(info) as fast,
        psycopg.connect(info, autocommit=True) as reader,
    ):
        slow.execute("INSERT INTO naive (body) VALUES ('slow')")  # takes position 1
        fast.execute("INSERT INTO naive (body) VALUES ('fast')")  # takes position 2
        fast.commit()
        seen = [r[0] for r in reader.execute("SELECT position FROM naive WHERE position > 0")]
        assert seen == [2]
        slow.commit()
        later = [r[0] for r in reader.execute("SELECT position FROM naive WHERE position > 2")]
        assert later == []  # position 1 is committed now, and the tailing reader never sees it


@pytest.mark.postgres
def test_store_writer_waits_for_an_append_in_flight(postgres_url: str) -> None:
    """With the store, a second writer waits for the first to commit, so the reader sees them
    in position order."""
    store = EventStore.open(postgres_url)
    info = _conninfo(postgres_url)
    try:
        with psycopg.connect(info) as first, psycopg.connect(info, autocommit=True) as watch:
            first.execute("LOCK TABLE events IN EXCLUSIVE MODE")  # what an append holds
            done: list[list[int]] = []
            second = threading.Thread(
                target=lambda: done.append(store.append("claim-b", [ClaimWithdrawn("b", "t")]))
            )
            second.start()
            # wait (on the server's word, not a clock) until the second writer queues for the lock
            while not watch.execute(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'events'::regclass"
            ).fetchone()[0]:  # type: ignore[index]
                assert second.is_alive()
            assert store.read() == []  # nothing committed below a position a reader could pass
            first.commit()
            second.join(timeout=60)
        assert done == [[1]]
        assert [r.stream_id for r in store.read()] == ["claim-b"]
    finally:
        store.close()
