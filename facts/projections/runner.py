"""Keeping projections in step with the log, exactly once, whatever happens to the process.

Each projection has a row in `proj_checkpoints`: the last log position folded into its tables.
A page of events is applied in one transaction that first advances the checkpoint with a
compare-and-set (`UPDATE ... WHERE position = <what we read>`) and then writes the page's rows.
So:

- a crash (even SIGKILL) before the commit leaves neither the rows nor the new checkpoint, and
  the next catch-up applies the same page again, from scratch;
- two processes catching up at once cannot both apply a page: the second one's compare-and-set
  matches no row, it rolls back and continues from the checkpoint the first one wrote.

Events are read in pages outside that transaction (positions are immutable, so a page read
earlier is still the truth), which keeps the write transaction short.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from facts.errors import StoreError
from facts.projections.base import Projection, RawEvent, lock_ddl
from facts.projections.figures import FiguresProjection
from facts.projections.source import read_page, read_page_in

if TYPE_CHECKING:
    from facts.store import EventStore

checkpoint_metadata = sa.MetaData()

checkpoints = sa.Table(
    "proj_checkpoints",
    checkpoint_metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("position", sa.BigInteger, nullable=False),
)

# Asked before every query, so it is one constant statement (the log's head is its last row).
_BEHIND_SQL = (
    "SELECT COALESCE((SELECT MAX(position) FROM events), 0) > "
    "COALESCE((SELECT MIN(position) FROM proj_checkpoints), 0)"
)

Progress = Callable[[int, int], None]
"""Called as work is done with (events done, events in all): after each committed page of a
catch-up (the position reached and the log head), and as a rebuild goes."""

SQLITE_CACHE_KIB = 256 * 1024
DEFAULT_PAGE_SIZE = 5_000
REBUILD_PAGE_SIZE = 50_000
REBUILD_MMAP_BYTES = 1 << 40  # SQLite caps it at its compiled maximum (2 GB by default)


def _is_wal(driver: Any) -> bool:
    return str(driver.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


class _Overtaken(Exception):
    """Another process advanced the checkpoint first; this transaction must not commit."""


class ProjectionRunner:
    """Creates, catches up and rebuilds the projections of one store.

    Nothing happens on construction; `setup()` creates what is missing (and rebuilds a
    projection whose stored version differs from the code's), `catch_up()` folds new events.
    """

    def __init__(
        self,
        store: EventStore,
        projections: Iterable[Projection] | None = None,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> None:
        self.store = store
        self.projections: tuple[Projection, ...] = tuple(
            projections if projections is not None else (FiguresProjection(),)
        )
        self.page_size = page_size
        self._bulk = False  # a rebuild in progress: SQLite may commit without fsync (WAL)

    @property
    def engine(self) -> sa.Engine:
        return self.store.engine

    # --- set-up ---------------------------------------------------------------------------

    def setup(self) -> None:
        """Create missing tables, indexes and checkpoint rows; rebuild outdated projections.

        One transaction under a lock, so that several processes opening a new store at once
        do not race to create the same tables (SQLite: the write lock taken at BEGIN;
        PostgreSQL: a transaction-scoped advisory lock).
        """
        outdated: list[Projection] = []
        with self._write() as conn:
            lock_ddl(conn)
            checkpoint_metadata.create_all(conn, checkfirst=True)
            stored = {
                name: (version, position)
                for name, version, position in conn.execute(
                    sa.select(checkpoints.c.name, checkpoints.c.version, checkpoints.c.position)
                )
            }
            logged = conn.exec_driver_sql("SELECT MAX(position) FROM events").scalar()
            for projection in self.projections:
                version, position = stored.get(projection.name, (None, None))
                if (
                    version is None
                    or version != projection.version
                    or not self._complete(conn, projection)
                    or (position == 0 and logged)
                ):
                    # New, another version's rows, or a table someone dropped: the checkpoint
                    # (if any) does not describe what is there, so fill it from the whole log
                    # the way a rebuild does (bulk first, indexes last). The same for nothing
                    # folded yet: a first fill killed part way left it empty at position 0.
                    self._reset(conn, projection, with_query_indexes=False)
                    outdated.append(projection)
                else:
                    # A projection from before rebuilds were one transaction may lack indexes.
                    projection.metadata.create_all(conn, checkfirst=True)
                    for index in projection.query_indexes:
                        index.create(conn, checkfirst=True)
        for projection in outdated:
            self._refill(projection, None)

    @staticmethod
    def _complete(conn: sa.Connection, projection: Projection) -> bool:
        inspector = sa.inspect(conn)
        return all(inspector.has_table(t.name) for t in projection.metadata.sorted_tables)

    def behind(self, conn: sa.Connection | None = None) -> bool:
        """Whether the log holds events some projection has not folded yet (one query).

        `conn` lets a reader ask on the connection it is about to query with.
        """
        if conn is not None:
            return bool(conn.exec_driver_sql(_BEHIND_SQL).scalar_one())
        with self.engine.connect() as own:
            return bool(own.exec_driver_sql(_BEHIND_SQL).scalar_one())

    def positions(self) -> dict[str, int]:
        """Each projection's checkpoint: the last log position folded into it."""
        with self.engine.connect() as conn:
            return dict(conn.execute(sa.select(checkpoints.c.name, checkpoints.c.position)).all())

    # --- folding --------------------------------------------------------------------------

    def catch_up(self, *, progress: Progress | None = None, page_size: int | None = None) -> int:
        """Fold every event after each projection's checkpoint; returns how many were applied."""
        applied = 0
        size = page_size or self.page_size
        for projection in self.projections:
            applied += self._catch_up(projection, size, progress)
        return applied

    def _catch_up(self, projection: Projection, size: int, progress: Progress | None) -> int:
        # A page holds tens of thousands of fresh dicts; the cyclic garbage collector would
        # traverse them again and again (they contain no cycles), costing a third of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._fold(projection, size, progress)
        finally:
            if collecting:
                gc.enable()

    def _fold(self, projection: Projection, size: int, progress: Progress | None) -> int:
        """Apply pages until the log is exhausted.

        While a full page is being written, the next one is read and parsed in a second
        thread (the database releases the GIL while it writes, parsing JSON needs it), so a
        long fold keeps both going. Reading ahead is only ever a guess: positions are
        immutable, and if this process is overtaken the guess is dropped and the fold goes on
        from the checkpoint as before.
        """
        applied = 0
        position = self._checkpoint(projection)
        head = self.store.head() if progress is not None else 0
        page = read_page(self.store, position, size)
        with contextlib.ExitStack() as stack:
            pool: ThreadPoolExecutor | None = None
            while page:
                last = page[-1].position
                ahead: Future[list[RawEvent]] | None = None
                if len(page) == size and self._can_read_ahead():
                    if pool is None:
                        pool = stack.enter_context(
                            ThreadPoolExecutor(1, thread_name_prefix="facts-projection-read")
                        )
                    ahead = pool.submit(read_page, self.store, last, size)
                if self._apply(projection, page, position, last):
                    applied += len(page)
                    position = last
                    page = ahead.result() if ahead is not None else self._read(position, size)
                else:
                    # Another process applied this range first; go on from where it got to.
                    if ahead is not None:
                        ahead.cancel()
                    position = self._checkpoint(projection)
                    page = self._read(position, size)
                if progress is not None:
                    progress(position, max(head, position))
        return applied

    def _read(self, after: int, size: int) -> list[RawEvent]:
        return read_page(self.store, after, size)

    def _can_read_ahead(self) -> bool:
        # An in-memory SQLite store is one shared connection: a second thread reading on it
        # would run inside the fold's write transaction.
        return isinstance(self.engine.pool, sa.pool.QueuePool)

    def _apply(self, projection: Projection, page: Sequence[RawEvent], old: int, new: int) -> bool:
        try:
            with self._write() as conn:
                moved = conn.execute(
                    checkpoints.update()
                    .where(checkpoints.c.name == projection.name, checkpoints.c.position == old)
                    .values(position=new)
                ).rowcount
                if moved != 1:
                    raise _Overtaken
                projection.apply(conn, page)
        except _Overtaken:
            return False
        return True

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction; on SQLite it takes the write lock at BEGIN (the store's
        `facts_write` option), so a reader never has to upgrade and deadlock."""
        try:
            with self.engine.connect().execution_options(facts_write=True) as conn:
                if conn.dialect.name != "sqlite":
                    with conn.begin():
                        yield conn
                    return
                # The fold probes the claim index at random; the default 2 MB page cache
                # turns that into disk reads once the projection outgrows it.
                driver = conn.connection.driver_connection
                assert driver is not None
                driver.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
                relaxed = self._bulk and _is_wal(driver)
                if relaxed:
                    # Rebuilding: commit without waiting for the disk. In WAL mode this
                    # cannot corrupt the database; a power cut may lose the last pages, and
                    # with them their checkpoint (same transaction), so they are folded
                    # again. The pooled connection gets the store's setting back below.
                    synchronous = driver.execute("PRAGMA synchronous").fetchone()[0]
                    driver.execute("PRAGMA synchronous = NORMAL")
                    driver.execute("PRAGMA temp_store = MEMORY")  # index builds sort in RAM
                    # A rebuild reads the whole log several times: mapping the file saves a
                    # system call and a copy per page (about a third of the bulk insert).
                    mmap = driver.execute("PRAGMA mmap_size").fetchone()[0]
                    driver.execute(f"PRAGMA mmap_size = {REBUILD_MMAP_BYTES}")
                    # Debian and others build SQLite with SECURE_DELETE, which overwrites
                    # every page of the dropped projection with zeros (a third of a rebuild
                    # at a million claims). The projection is derived data the log holds
                    # anyway, so its freed pages need no scrubbing.
                    secure = driver.execute("PRAGMA secure_delete").fetchone()[0]
                    driver.execute("PRAGMA secure_delete = OFF")
                try:
                    with conn.begin():
                        yield conn
                finally:
                    if relaxed:
                        driver.execute(f"PRAGMA synchronous = {int(synchronous)}")
                        driver.execute("PRAGMA temp_store = DEFAULT")
                        driver.execute(f"PRAGMA mmap_size = {int(mmap)}")
                        driver.execute(f"PRAGMA secure_delete = {int(secure)}")
        except sa.exc.DBAPIError as exc:
            # A locked, read-only or full database: say so in one line, as the store does.
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(
                f"{self.store!r}: cannot update the projections ({reason}); nothing was "
                "changed, and the next command that opens the store catches up"
            ) from exc

    def _checkpoint(self, projection: Projection) -> int:
        with self.engine.connect() as conn:
            position = conn.execute(
                sa.select(checkpoints.c.position).where(checkpoints.c.name == projection.name)
            ).scalar_one_or_none()
        if position is None:
            raise LookupError(f"projection {projection.name!r} is not set up; call setup() first")
        return int(position)

    # --- rebuilding -----------------------------------------------------------------------

    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Drop every projection's tables and fold the whole log again.

        Each projection is rebuilt in one transaction (see `_refill`): a rebuild that is
        killed part way leaves the projection as it was before, never half rebuilt.
        """
        applied = 0
        for projection in self.projections:
            applied += self._refill(projection, progress)
        return applied

    def _refill(self, projection: Projection, progress: Progress | None) -> int:
        """Empty the tables and fill them from the whole log, in one transaction.

        First the projection writes in bulk, inside the database, what needs no fold in
        Python (`Projection.fill`); then the remaining events are folded in log order in large
        pages, exactly as a catch-up would; then the indexes are built and the checkpoint is
        set to the log's head as it was at the start. On SQLite the write lock is held
        throughout, so the log cannot grow meanwhile; on PostgreSQL later appends lie beyond
        that head and are caught up afterwards.
        """
        collecting = gc.isenabled()
        gc.disable()  # see _catch_up
        self._bulk = True
        try:
            with self._write() as conn:
                self._reset(conn, projection, with_query_indexes=False)
                head = int(
                    conn.exec_driver_sql(
                        "SELECT COALESCE(MAX(position), 0) FROM events"
                    ).scalar_one()
                )
                done = 0

                def advance(events: int) -> None:
                    nonlocal done
                    done += events
                    if progress is not None:
                        progress(done, head)

                applied, rest = projection.fill(conn, head, advance)
                after = 0
                while page := read_page_in(conn, rest, after, head, REBUILD_PAGE_SIZE):
                    projection.apply(conn, page)
                    applied += len(page)
                    advance(len(page))
                    after = page[-1].position
                for index in projection.query_indexes:
                    index.create(conn, checkfirst=True)
                conn.execute(
                    checkpoints.update()
                    .where(checkpoints.c.name == projection.name)
                    .values(position=head)
                )
        finally:
            self._bulk = False
            if collecting:
                gc.enable()
        if progress is not None:
            progress(head, head)
        return applied

    def _reset(
        self, conn: sa.Connection, projection: Projection, *, with_query_indexes: bool = True
    ) -> None:
        lock_ddl(conn)
        projection.metadata.drop_all(conn, checkfirst=True)
        projection.metadata.create_all(conn, checkfirst=False)
        if not with_query_indexes:
            for index in projection.query_indexes:
                index.drop(conn)
        conn.execute(checkpoints.delete().where(checkpoints.c.name == projection.name))
        conn.execute(
            checkpoints.insert().values(
                name=projection.name, version=projection.version, position=0
            )
        )
