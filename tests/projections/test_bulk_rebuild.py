"""A rebuild writes most rows in bulk inside the database; it must give exactly the rows of the
incremental fold in Python.

Random logs are appended event by event (not through the decide step, so they also hold
sequences the decide step would avoid, such as a claim first extracted after its article was
dated) and folded incrementally in random page sizes; a rebuild must then give the same rows,
on SQLite (file and memory) and PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
import textwrap
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts import codec
from facts.events import (
    ArticleDateSet,
    ArticleIngested,
    ArticleSuperseded,
    ClaimExtracted,
    ClaimReviewed,
    ClaimWithdrawn,
    Event,
)
from facts.model import Claim, Quantity, Source
from facts.projections.figures import FiguresProjection, articles, figures
from facts.projections.runner import ProjectionRunner, checkpoints
from facts.store import EventStore
from facts.tracker import Tracker
from tests.conftest import PostgresSchemas
from tests.ingest.helpers import extractor
from tests.projections.test_runner import busy_history, dump, kill_when_inside

SENTENCES = (
    "Acme meldete 5 Mrd. Euro Umsatz.",
    'Bolt: "jobs" 120\\n, Umlaut ü, emoji 😀, tab\tand newline\n.',
    "",
)
DATES = ("2016-11", "2017-02-28", "2020-02", "2019-12-31")
VALUES = ("1", "1.50", "-0.001", "1E+3", "123456789012345678901234567890.000001")

Op = tuple[str, int, int, int]
operation = st.tuples(
    st.sampled_from(
        ["ingest", "ingest", "extract", "reextract", "withdraw", "review", "date", "supersede"]
    ),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
)


@attrs.define
class Log:
    """A random log built event by event, tracking stream versions."""

    articles: list[str] = attrs.field(factory=list)
    claims: dict[str, tuple[str, int]] = attrs.field(factory=dict)  # claim -> (article, version)
    versions: dict[str, int] = attrs.field(factory=dict)  # article stream versions
    counter: int = 0

    def claim(self, article_id: str, a: int, b: int, segment: str | None = None) -> Claim:
        self.counter += 1
        start = self.counter
        return Claim(
            entity=["Acme", "Bolt AG", "Çore"][a % 3],
            metric=["revenue", "jobs"][b % 2],
            quantity=Quantity(
                Decimal(VALUES[a % len(VALUES)]),
                ["EUR", "percent"][a % 2],
                ["exact", "approx", "range"][b % 3],
                Decimal(VALUES[b % len(VALUES)]) if b % 3 == 2 else None,
                Decimal("7.0") if b % 3 == 2 else None,
                f"{a} Mrd.",
            ),
            source=Source(article_id, start, start + 1 + b, SENTENCES[(a + b) % 3]),
            segment=segment,
            period=["2017", None, "2016-Q3"][b % 3],
            period_text=[None, "im Jahr 2017"][a % 2],
            counterparty=[None, "Bolt"][b % 2],
        )

    def batch(self, op: Op) -> list[tuple[str, list[Event], int]]:
        kind, a, b, c = op
        if kind == "ingest" or not self.articles:
            self.counter += 1
            article_id = f"{self.counter:016x}"
            published = [None, *DATES][a % 5]
            ingested = ArticleIngested(
                article_id, f"text {a}", "0" * 64, published, f"T{b}", f"s{c % 3}", "de"
            )
            self.articles.append(article_id)
            self.versions[article_id] = 1
            batch: list[tuple[str, list[Event], int]] = [(f"article-{article_id}", [ingested], 0)]
            for i in range(b % 4):
                claim = self.claim(article_id, a + i, c + i)
                self.claims[claim.id] = (article_id, 1)
                batch.append((claim.stream_id, [ClaimExtracted(claim, f"x{i}")], 0))
            return batch
        article_id = self.articles[a % len(self.articles)]
        if kind == "extract" or not self.claims:
            claim = self.claim(article_id, b, c)
            self.claims[claim.id] = (article_id, 1)
            return [(claim.stream_id, [ClaimExtracted(claim, "x9")], 0)]
        claim_id = sorted(self.claims)[b % len(self.claims)]
        owner, version = self.claims[claim_id]
        event: Event
        if kind == "reextract":
            changed = self.claim(owner, c, a, segment=["Cloud", None][c % 2])
            event = ClaimExtracted(attrs.evolve(changed, id=claim_id), f"x{c % 3}")
        elif kind == "withdraw":
            event = ClaimWithdrawn(claim_id, "gone", [None, "x7"][c % 2])
        elif kind == "review":
            verdict = ["confirmed", "rejected", "corrected"][c % 3]
            fixes = [{"value": "2.50"}, {"segment": ""}, {"segment": "Retail", "low": ""}, {}]
            corrections = fixes[a % 4] if verdict == "corrected" else {}
            event = ClaimReviewed(claim_id, verdict, corrections, ["ann", None][a % 2], "n")
        elif kind == "date":
            self.versions[article_id] += 1
            dated = ArticleDateSet(article_id, DATES[c % len(DATES)])
            return [(f"article-{article_id}", [dated], self.versions[article_id] - 1)]
        else:
            new = self.articles[c % len(self.articles)]
            if new == article_id:
                return []
            self.versions[article_id] += 1
            superseded = ArticleSuperseded(article_id, new, "s")
            return [(f"article-{article_id}", [superseded], self.versions[article_id] - 1)]
        self.claims[claim_id] = (owner, version + 1)
        return [(f"claim-{claim_id}", [event], version)]


@pytest.fixture(
    params=["sqlite-file", "sqlite-memory", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def new_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A factory of fresh stores on one backend (hypothesis needs one per example)."""
    kind: str = request.param
    schemas: PostgresSchemas | None = (
        request.getfixturevalue("postgres_schemas") if kind == "postgresql" else None
    )

    def make() -> Iterator[EventStore]:
        if kind == "sqlite-file":
            url = str(tmp_path_factory.mktemp("bulk") / "facts.db")
        elif kind == "sqlite-memory":
            url = ":memory:"
        else:
            assert schemas is not None
            url = schemas.new_url()
        store = EventStore.open(url)
        try:
            yield store
        finally:
            store.close()
            if schemas is not None:
                schemas.drop(url)

    return make


def _fold_and_rebuild(store: EventStore, operations: list[Op], pages: list[int]) -> None:
    """Append the log batch by batch, catching up after each in the given page sizes; then
    rebuild and compare every row."""
    runner = ProjectionRunner(store)
    runner.setup()
    log = Log()
    for i, op in enumerate(operations):
        batch = log.batch(op)
        if batch:
            store.append_many(batch)
        runner.catch_up(page_size=pages[i % len(pages)])
    incremental = dump(store)
    names = _names(store)
    assert runner.rebuild() == store.head()
    assert dump(store) == incremental
    assert _names(store) == names
    assert runner.positions() == {"figures": store.head()}


def _names(store: EventStore) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.exec_driver_sql("SELECT * FROM proj_names"))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    operations=st.lists(operation, min_size=1, max_size=30),
    pages=st.lists(st.integers(1, 12), min_size=1, max_size=4),
)
def test_bulk_rebuild_equals_incremental_fold(
    new_store: Any, operations: list[Op], pages: list[int]
) -> None:
    """Any mix of extractions, re-extractions, withdrawals, reviews, dates and supersessions:
    the rebuild (bulk first versions, the rest folded in Python) equals the incremental fold."""
    for store in new_store():
        _fold_and_rebuild(store, operations, pages)


SAMPLE: list[Op] = [
    ("ingest", 1, 3, 0),
    ("ingest", 2, 2, 1),
    ("date", 0, 0, 1),
    ("extract", 0, 1, 2),
    ("review", 1, 0, 2),
    ("reextract", 0, 0, 1),
    ("withdraw", 0, 2, 0),
    ("review", 3, 2, 0),
    ("supersede", 0, 0, 1),
    ("date", 0, 0, 0),
    ("extract", 0, 3, 3),
]


def _with_sample(store: EventStore) -> tuple[ProjectionRunner, Log]:
    """A runner set up on `store`, with the SAMPLE log appended (not yet caught up)."""
    runner = ProjectionRunner(store)
    runner.setup()
    log = Log()
    for op in SAMPLE:
        batch = log.batch(op)
        if batch:
            store.append_many(batch)
    return runner, log


def test_old_event_versions_are_upcast_before_they_are_folded(
    new_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events of an older version are not written in bulk: they go through their upcasters
    and the fold in Python, as in an incremental fold (here, stored v1 events read as if the
    code were at v2 with upcasters that change what the row shows)."""

    def claim_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        claim = dict(data["claim"], entity=data["claim"]["entity"] + " (v2)")
        return dict(data, claim=claim)

    def article_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
        return dict(data, published="2001-02")

    monkeypatch.setitem(codec.UPCASTERS, ("ClaimExtracted", 1), claim_v1_v2)
    monkeypatch.setitem(codec.UPCASTERS, ("ArticleIngested", 1), article_v1_v2)
    for store in new_store():
        runner, _ = _with_sample(store)
        monkeypatch.setattr(ClaimExtracted, "VERSION", 2)
        monkeypatch.setattr(ArticleIngested, "VERSION", 2)
        runner.catch_up(page_size=3)
        incremental = dump(store)
        assert any("(v2)" in str(row) for row in incremental["figures"])
        assert any("2001-02-28" in row for row in incremental["figures"])
        assert runner.rebuild() == store.head()
        assert dump(store) == incremental


def test_decimals_stored_as_json_numbers_fall_back_to_the_python_fold(
    new_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """facts writes decimals as JSON strings; a payload with a JSON number (another tool's)
    gives what the incremental fold gives: on PostgreSQL everything is folded in Python, on
    SQLite the bulk insert stores the number exactly as the fold does."""
    filled: list[tuple[int, str]] = []
    fill = FiguresProjection.fill

    def spy(
        self: FiguresProjection, conn: sa.Connection, head: int, advance: Any = None
    ) -> tuple[int, str]:
        filled.append(fill(self, conn, head, advance))
        return filled[-1]

    monkeypatch.setattr(FiguresProjection, "fill", spy)
    for store in new_store():
        runner, log = _with_sample(store)
        claim = log.claim(log.articles[0], 1, 2)
        data = codec.to_data(ClaimExtracted(claim, "other-tool"))
        data["claim"]["quantity"]["value"] = 1.50  # type: ignore[index]
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with store.engine.begin() as conn:
            head = conn.execute(sa.text("SELECT MAX(position) FROM events")).scalar_one()
            conn.execute(
                sa.text(
                    "INSERT INTO events (position, stream_id, stream_version, type, version, "
                    "payload, recorded_at, hash) SELECT :p, :s, 1, 'ClaimExtracted', 1, :d, "
                    "recorded_at, hash FROM events WHERE position = :h"
                ),
                {"p": head + 1, "s": claim.stream_id, "d": payload, "h": head},
            )
        runner.catch_up(page_size=4)
        incremental = dump(store)
        assert any(row[8] == "1.5" for row in incremental["figures"])
        filled.clear()
        assert runner.rebuild() == store.head()
        if store.engine.dialect.name == "postgresql":
            assert filled == [(0, "1 = 1")]  # nothing in bulk
        else:
            assert filled[0][0] > 0  # SQLite stores the number as the fold does
        assert dump(store) == incremental


def test_a_claim_first_read_after_its_article_was_dated(new_store: Any) -> None:
    """The bulk rows include first versions from later in the log than a date set the fold
    handles in Python; the date set must leave those alone (they take the date themselves)."""
    for store in new_store():
        _fold_and_rebuild(store, SAMPLE, [1, 5])


REBUILD_CHILD = textwrap.dedent(
    """
    import sys
    from facts.projections.figures import FiguresProjection
    from facts.projections.runner import ProjectionRunner
    from facts.store import EventStore

    class Stalling(FiguresProjection):
        def apply(self, conn, events):
            super().apply(conn, events)
            # Bulk rows and the first page of the Python fold written, nothing committed.
            print("inside", flush=True)
            sys.stdin.readline()  # wait here until the parent kills us

    store = EventStore.open(sys.argv[1])
    ProjectionRunner(store, [Stalling()]).rebuild()
    print("finished", flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_rebuild_leaves_the_old_projection(store_url: str) -> None:
    """A rebuild is one transaction: killed after its bulk step and in the middle of the
    Python fold, it leaves the projection exactly as it was, checkpoint included."""
    if store_url == ":memory:":
        pytest.skip("an in-memory store does not outlive the process that would be killed")
    store = EventStore.open(store_url)
    try:
        tracker = Tracker(store, extractor=extractor())
        busy_history(tracker)
        before = dump(store)
        positions = tracker.runner.positions()
        kill_when_inside(REBUILD_CHILD, store_url)
        assert dump(store) == before
        assert tracker.runner.positions() == positions == {"figures": store.head()}
        with store.engine.connect() as conn:
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("proj_figures")}
        assert {i.name for i in FiguresProjection.query_indexes} <= indexes
    finally:
        store.close()


def test_an_empty_projection_is_filled_in_bulk_on_open(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first fill killed part way leaves the projection empty at position 0 (its reset was
    committed by set-up); the next open fills it like a rebuild, not event by event."""
    tracker = Tracker(store, extractor=extractor())
    busy_history(tracker)
    before = dump(store)
    with store.engine.begin() as conn:
        conn.execute(figures.delete())
        conn.execute(articles.delete())
        conn.execute(checkpoints.update().values(position=0))
    filled: list[int] = []
    fill = FiguresProjection.fill

    def spy(
        self: FiguresProjection, conn: sa.Connection, head: int, advance: Any = None
    ) -> tuple[int, str]:
        filled.append(head)
        return fill(self, conn, head, advance)

    monkeypatch.setattr(FiguresProjection, "fill", spy)
    again = Tracker(store, extractor=extractor())
    assert filled == [store.head()]
    assert dump(store) == before
    assert again.runner.positions() == {"figures": store.head()}


JSON_NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.builds(
        lambda whole, frac, exp: f"{whole}.{frac}e{exp}",
        st.integers(-(10**20), 10**20),
        st.integers(0, 10**20),
        st.integers(-300, 300),
    ),
    st.sampled_from(["1.50", "1E+3", "-0.0", "0.30000000000000004", "2.675", "5e-324"]),
)


@settings(max_examples=300, deadline=None)
@given(literal=JSON_NUMBERS)
def test_sqlite_stores_a_json_number_as_the_fold_does(literal: str) -> None:
    """Why the SQLite bulk insert needs no JSON-type check on decimals: a number in a payload
    ends up as the same text in a TEXT column whether `json_extract` reads it or Python's
    `json.loads` does and binds the result (both give SQLite the same value to convert)."""
    payload = '{"v":' + literal + "}"
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (fold TEXT, bulk TEXT)")
        conn.execute(
            "INSERT INTO t VALUES (?, json_extract(?, '$.v'))", (json.loads(payload)["v"], payload)
        )
        fold, bulk = conn.execute("SELECT fold, bulk FROM t").fetchone()
        assert fold == bulk
    finally:
        conn.close()


def test_a_rebuild_reports_progress_as_it_goes(
    new_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild's progress bar moves while the bulk insert runs, never goes back, and ends
    at every event of the log."""
    monkeypatch.setattr("facts.projections.figures.FILL_SLICE", 3)
    for store in new_store():
        runner, _ = _with_sample(store)
        calls: list[tuple[int, int]] = []
        assert runner.rebuild(progress=lambda done, total, c=calls: c.append((done, total))) > 0
        head = store.head()
        assert {total for _, total in calls} == {head}
        done = [d for d, _ in calls]
        assert done == sorted(done)
        assert done[-1] == head
        assert len({d for d in done if 0 < d < head}) >= 3
