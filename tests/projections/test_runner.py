"""The projection runner: exactly-once application, rebuilds identical to incremental folds.

Everything runs against real databases (SQLite file and memory, PostgreSQL); the crash test
kills a real subprocess with SIGKILL in the middle of a page's transaction.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from facts.ingest import claim_state, claim_states
from facts.projections.figures import FiguresProjection, articles, figures
from facts.projections.runner import ProjectionRunner, checkpoints
from facts.projections.source import read_page
from facts.store import EventStore
from facts.tracker import Tracker
from tests.ingest.helpers import article, extractor

REPO = Path(__file__).resolve().parents[2]


def dump(store: EventStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the projection's tables, in a stable order."""
    with store.engine.connect() as conn:
        return {
            "figures": sorted(
                tuple(r)
                for r in conn.execute(
                    sa.select(figures).order_by(figures.c.claim_id, figures.c.valid_from)
                )
            ),
            "articles": sorted(tuple(r) for r in conn.execute(sa.select(articles))),
        }


def kill_when_inside(script: str, *args: str) -> None:
    """Run `script` in a child Python and SIGKILL it once it prints `inside` (it then waits)."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL


def busy_history(tracker: Tracker) -> None:
    """A log with every kind of event: batches, a changed text, reviews, a re-parse, a date."""
    texts = [
        f"Acme revenue {100 + i} EUR. Bolt jobs {i} count. Core stake {i % 50} percent."
        for i in range(12)
    ]
    tracker.ingest_articles([article(t, source=f"s{i}") for i, t in enumerate(texts[:6])])
    tracker.ingest_articles(
        [article(t, published=None, source=f"s{i + 6}") for i, t in enumerate(texts[6:])]
    )
    tracker.ingest_articles([article(texts[0] + " Acme units 9 count.", source="s0")])
    claims = tracker.claims(status="active")
    tracker.review(claims[0].claim_id, "confirmed")
    tracker.review(claims[1].claim_id, "corrected", {"value": "1", "period": "2001"}, note="n")
    tracker.review(claims[2].claim_id, "rejected")
    tracker._ingester._extractor = extractor(
        "v2", change=lambda found: [c for c in found if c.metric != "jobs"]
    )
    tracker.reparse()
    undated = next(a for a in tracker.claims() if a.stated_on is None).source.article_id
    tracker.set_date(undated, "2018-02-03")


def test_rebuild_is_identical_to_incremental(store: EventStore) -> None:
    """Folding page by page as events arrive and rebuilding from scratch give the same rows."""
    tracker = Tracker(store, extractor=extractor())
    tracker.runner.page_size = 7  # pages end in the middle of batches
    busy_history(tracker)
    incremental = dump(store)
    assert len(incremental["figures"]) > 36 and len(incremental["articles"]) == 13
    statuses = {row[figures.c.keys().index("status")] for row in incremental["figures"]}
    assert statuses == {"active", "withdrawn", "rejected", "corrected"}
    applied = tracker.rebuild()
    assert applied == store.head()
    assert dump(store) == incremental
    assert tracker.runner.positions() == {"figures": store.head()}


def test_rebuild_in_small_pages_creates_the_fold_indexes_when_needed(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild builds its indexes last, but a page whose events refer to versions stored by
    an earlier page (reviews, re-parses, dates) creates the claim and article indexes first;
    the result is the incremental fold's, with every index in place and, on SQLite, the
    connection's synchronous setting given back."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    incremental = dump(store)
    monkeypatch.setattr("facts.projections.runner.REBUILD_PAGE_SIZE", 5)
    assert tracker.rebuild() == store.head()
    assert dump(store) == incremental
    with store.engine.connect() as conn:
        indexes = {i["name"] for i in sa.inspect(conn).get_indexes("proj_figures")}
        assert {i.name for i in FiguresProjection.query_indexes} <= indexes
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL
            # The rebuild's relaxed settings are given back: a plain connection's defaults.
            plain = sqlite3.connect(":memory:")
            for pragma in ("secure_delete", "temp_store"):
                default = plain.execute(f"PRAGMA {pragma}").fetchone()[0]
                assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar_one() == default, pragma
            plain.close()
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        row = conn.execute(sa.select(figures).limit(1)).one()
        conn.execute(figures.insert().values(dict(row._mapping)))  # (claim, valid_from) unique


def test_rebuild_restores_dropped_tables(store: EventStore) -> None:
    """Deleting every projection table loses nothing: set-up and catch-up give them back."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    before = dump(store)
    with store.engine.begin() as conn:
        for table in ("proj_figures", "proj_articles", "proj_checkpoints"):
            conn.execute(sa.text(f"DROP TABLE {table}"))
    again = Tracker(store, extractor=extractor())
    assert dump(store) == before
    assert again.runner.positions() == {"figures": store.head()}


def test_outdated_projection_version_is_rebuilt(store: EventStore) -> None:
    """A checkpoint written by another projection version makes set-up rebuild the tables."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    before = dump(store)
    with store.engine.begin() as conn:
        conn.execute(checkpoints.update().values(version=FiguresProjection.version + 1))
        conn.execute(figures.delete())  # stale rows that must not survive
    runner = ProjectionRunner(store)
    runner.setup()
    runner.catch_up()
    assert dump(store) == before


def test_overtaken_runner_does_not_apply_twice(store: EventStore) -> None:
    """Two runners on one database: the one whose checkpoint is stale writes nothing."""
    tracker = Tracker(store, extractor=extractor())
    tracker.ingest_articles([article("Acme revenue 1 EUR. Bolt jobs 2 count.")])
    runner = tracker.runner
    projection = runner.projections[0]
    page = read_page(store, 0, 100)
    before = dump(store)
    # The page was applied already (checkpoint == head); a runner that read checkpoint 0 loses.
    assert runner._apply(projection, page, 0, page[-1].position) is False
    assert dump(store) == before
    assert runner.positions() == {"figures": store.head()}


CHILD = textwrap.dedent(
    """
    import sys
    from facts.projections.figures import FiguresProjection
    from facts.projections.runner import ProjectionRunner
    from facts.store import EventStore

    class Stalling(FiguresProjection):
        pages = 0

        def apply(self, conn, events):
            super().apply(conn, events)
            Stalling.pages += 1
            if Stalling.pages == 3:
                # Rows of the third page are written, its checkpoint moved, nothing committed.
                print("inside", flush=True)
                sys.stdin.readline()  # wait here until the parent kills us

    store = EventStore.open(sys.argv[1])
    runner = ProjectionRunner(store, [Stalling()], page_size=int(sys.argv[2]))
    runner.catch_up()
    print("finished", flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_page_applies_each_event_exactly_once(store_url: str) -> None:
    """A process killed inside a page's transaction leaves the projection at the page before;
    catching up afterwards gives exactly the rows of an uninterrupted fold."""
    if store_url == ":memory:":
        pytest.skip("an in-memory store does not outlive the process that would be killed")
    store = EventStore.open(store_url)
    try:
        tracker = Tracker(store, extractor=extractor())
        texts = [f"Acme revenue {i} EUR. Bolt jobs {i} count." for i in range(40)]
        tracker.ingest_articles([article(t) for t in texts])
        expected = dump(store)
        with store.engine.begin() as conn:  # forget the projection, keep the log
            conn.execute(figures.delete())
            conn.execute(articles.delete())
            conn.execute(checkpoints.update().values(position=0))
        page_size = 10
        kill_when_inside(CHILD, store_url, str(page_size))
        # Two pages committed, the third rolled back with the process.
        assert tracker.runner.positions() == {"figures": 2 * page_size}
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one()
            last = conn.execute(sa.select(sa.func.max(figures.c.valid_from))).scalar_one()
        assert last <= 2 * page_size and rows == sum(
            1 for r in store.read(0, 2 * page_size) if r.type == "ClaimExtracted"
        )
        tracker.runner.catch_up()
        assert dump(store) == expected
    finally:
        store.close()


def test_a_dropped_table_is_refilled_on_open(store: EventStore) -> None:
    """Dropping one projection table (checkpoint kept) does not leave an empty projection."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    before = dump(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE proj_figures"))
    Tracker(store, extractor=extractor())
    assert dump(store) == before


def test_bulk_claim_states_agree_with_reading_each_stream(store: EventStore) -> None:
    """The re-parse reads its claims' streams in bulk; that gives what one read each gives."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    with store.engine.connect() as conn:
        ids = sorted(set(conn.execute(sa.select(figures.c.claim_id)).scalars()))
    bulk = claim_states(store, [*ids, "0" * 64])
    assert bulk == {claim_id: claim_state(store, claim_id) for claim_id in [*ids, "0" * 64]}
    assert {s.verdict for s in bulk.values()} >= {"confirmed", "corrected", "rejected"}
    assert any(s.withdrawn for s in bulk.values()) and any(s.version > 1 for s in bulk.values())
