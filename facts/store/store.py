"""The append-only event store: one implementation over SQLAlchemy for SQLite and PostgreSQL.

SQLAlchemy provides engines, pooling, transactions, the schema and dialect differences; the
hot loops (inserting a batch, reading a page) use the DB-API cursor of the SQLAlchemy
connection directly, because building a million Row objects would cost more than the database
does. Every write runs in one transaction that first takes the log's write lock (SQLite:
`BEGIN IMMEDIATE`; PostgreSQL: `LOCK TABLE events IN EXCLUSIVE MODE`), so writers are
serialised: positions are assigned in commit order, without gaps, and a reader tailing the log
by position can never see position N+1 before N has committed. The same lock makes the hash
chain well-defined: each writer knows the hash of the last committed event.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import attrs
import psycopg
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from facts import codec
from facts.errors import ConcurrencyError, NotAStoreError, SchemaVersionError, StoreError
from facts.events import Event
from facts.store import schema
from facts.store.recorded import (
    GENESIS_HASH,
    RecordedEvent,
    canonical_time,
    parse_time,
)
from facts.store.url import display_url, parse_url, resolve_url

_COLUMNS = "position, stream_id, stream_version, type, version, payload, recorded_at, hash"
_IN_CHUNK = 500
_INSERT_CHUNK = 100  # rows per INSERT statement: 800 parameters, well within both databases
_PG_INIT_LOCK = 0x66616374  # "fact": serialises concurrent creation of one PostgreSQL schema

_sha256 = hashlib.sha256

Batch = Sequence[tuple[str, Sequence[Event], int | None]]


@attrs.frozen
class VerifyReport:
    """The outcome of walking the hash chain."""

    ok: bool
    checked: int
    first_bad_position: int | None = None
    message: str = ""
    head_hash: str | None = None
    """Hash of the last event checked: write it down to detect a truncated log later."""


class EventStore:
    """The log of every event facts has recorded. Open it with `EventStore.open`."""

    url: str
    engine: Engine
    dialect: str

    def __init__(self, url: str, engine: Engine, *, memory: bool, busy_timeout: float) -> None:
        """Wrap an engine; use `EventStore.open`, which also checks and creates the schema."""
        self.url = url
        self.engine = engine
        self.dialect = engine.dialect.name
        self._where = display_url(url)
        self._memory = memory
        self._busy_timeout = busy_timeout
        # One shared connection for :memory:, so Python-level callers must take turns.
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if memory else contextlib.nullcontext()
        )
        self._param = "?" if self.dialect == "sqlite" else "%s"

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls, db: str | None = None, *, create: bool = True, busy_timeout: float = 10.0
    ) -> EventStore:
        """Open (and with `create`, initialise) the store at `db`.

        `db` is a file path, `:memory:`, or a SQLAlchemy URL; None means `$FACTS_DB`, else
        `./facts.db`. A database that holds something other than a facts store, or a store
        written by a newer facts, is refused before anything is written to it. `busy_timeout`
        is how long (seconds) a SQLite writer waits for another writer before giving up.
        """
        url = resolve_url(db)
        parsed = parse_url(url)
        backend = parsed.get_backend_name()
        if backend == "sqlite":
            database = parsed.database
            memory = database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
            if not memory:
                assert database is not None
                path = Path(database[5:] if database.startswith("file:") else database)
                path = Path(str(path).split("?", 1)[0])
                if not path.exists():
                    if not create:
                        raise StoreError(f"no facts store at {path}")
                    if not path.parent.is_dir():
                        raise StoreError(f"cannot create {path}: no such directory")
            engine = _sqlite_engine(url, memory=memory, busy_timeout=busy_timeout)
        elif backend == "postgresql":
            memory = False
            engine = create_engine(url, pool_pre_ping=False)
        else:
            raise StoreError(
                f"unsupported database {backend!r} in {display_url(url)}: "
                "facts stores events in SQLite or PostgreSQL"
            )
        store = cls(url, engine, memory=memory, busy_timeout=busy_timeout)
        try:
            store._prepare(create)
        except BaseException:
            engine.dispose()
            raise
        return store

    def _prepare(self, create: bool) -> None:
        """Check what the database holds, then create or migrate the schema if allowed."""
        with self._errors():
            state = self._inspect()
            if state == "current":
                return
            if not create:
                if state == "empty":
                    raise NotAStoreError(f"{self._where} is not a facts store (it is empty)")
                raise StoreError(
                    f"{self._where} has an older store schema; open it with create=True "
                    "to upgrade it"
                )
            if self.dialect == "sqlite" and not self._memory and state == "empty":
                # Persistent, so only set on a database that is (about to be) ours.
                with self.engine.connect() as conn:
                    raw = conn.connection.dbapi_connection
                    assert raw is not None
                    _switch_to_wal(raw, self._busy_timeout)  # outside any transaction
            with self._write(lock_events=False) as conn:
                if self.dialect == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_INIT_LOCK})")
                if self._inspect(conn) != "current":  # another process may have won the race
                    self._migrate(conn)

    def _inspect(self, conn: Connection | None = None) -> str:
        """'current', 'outdated' or 'empty'; raises when the database is not ours to touch."""
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(self.engine.connect())
            tables = self._table_names(conn)
            if schema.META_TABLE not in tables:
                foreign = sorted(
                    t
                    for t in tables
                    if not t.startswith(schema.FOREIGN_TABLE_PREFIX)
                    and t not in (schema.MIGRATIONS_TABLE,)
                )
                if foreign:
                    shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
                    raise NotAStoreError(
                        f"{self._where} is not a facts store: it has other tables ({shown}) and "
                        "no facts_meta table; nothing was changed. Use a new file, database or "
                        "PostgreSQL schema for facts."
                    )
                return "empty"
            row = conn.exec_driver_sql(
                f"SELECT value FROM {schema.META_TABLE} WHERE key = 'schema_version'"
            ).first()
            if row is None or not str(row[0]).isdigit():
                raise NotAStoreError(
                    f"{self._where} is not a facts store: facts_meta has no schema version"
                )
            found = int(row[0])
            if found > schema.SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"{self._where} has store schema version {found}, written by a newer "
                    f"version of facts; this one understands up to {schema.SCHEMA_VERSION}. "
                    "Upgrade facts; nothing was changed."
                )
            return "current" if found == schema.SCHEMA_VERSION else "outdated"

    def _table_names(self, conn: Connection) -> set[str]:
        if self.dialect == "sqlite":
            rows = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        else:
            current = conn.exec_driver_sql("SELECT current_schema()").scalar()
            if current is None:
                raise StoreError(
                    f"{self._where}: no schema on the search_path exists; create it first "
                    "(CREATE SCHEMA ...) or fix options=-csearch_path=..."
                )
            rows = conn.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        return {str(r[0]) for r in rows}

    def _migrate(self, conn: Connection) -> None:
        """Apply every migration not yet recorded, in this (the caller's) transaction."""
        applied: set[str] = set()
        if schema.MIGRATIONS_TABLE in self._table_names(conn):
            applied = {
                str(r[0])
                for r in conn.exec_driver_sql(f"SELECT name FROM {schema.MIGRATIONS_TABLE}")
            }
        now = canonical_time(datetime.now(UTC))
        p = self._param
        for migration in schema.MIGRATIONS:
            if migration.name in applied:
                continue
            raw = conn.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                for statement in migration.statements(self.dialect):
                    cursor.execute(statement)  # no parameters: '%' in PL/pgSQL stays literal
            finally:
                cursor.close()
            conn.exec_driver_sql(
                f"INSERT INTO {schema.MIGRATIONS_TABLE} (name, applied_at) VALUES ({p}, {p})",
                (migration.name, now),
            )
            conn.exec_driver_sql(f"DELETE FROM {schema.META_TABLE} WHERE key = 'schema_version'")
            conn.exec_driver_sql(
                f"INSERT INTO {schema.META_TABLE} (key, value) VALUES ('schema_version', {p})",
                (str(migration.version),),
            )

    # --- connections, transactions, errors ---------------------------------------------------

    @contextlib.contextmanager
    def _write(self, lock_events: bool = True) -> Iterator[Connection]:
        """A transaction holding the log's write lock; commits on success."""
        with self._lock, self._errors():
            conn = self.engine.connect().execution_options(facts_write=True)
            try:
                with conn.begin():
                    if lock_events and self.dialect == "postgresql":
                        conn.exec_driver_sql("LOCK TABLE events IN EXCLUSIVE MODE")
                    yield conn
            finally:
                conn.close()

    @contextlib.contextmanager
    def _read(self) -> Iterator[Any]:
        """A DB-API cursor inside one read transaction (one consistent snapshot)."""
        with self._lock, self._errors(), self.engine.connect() as conn, conn.begin():
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            cursor = dbapi.cursor()
            try:
                yield cursor
            finally:
                cursor.close()

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver errors into StoreErrors that name the database and say what to do."""
        try:
            yield
        except StoreError:
            raise
        except (sqlite3.Error, psycopg.Error) as exc:  # raised as such by raw cursors
            raise self._translate(exc) from exc
        except DBAPIError as exc:
            raise self._translate(exc.orig if exc.orig is not None else exc) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._where}: {exc}") from exc

    def _translate(self, exc: BaseException) -> StoreError:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        lowered = message.lower()
        where = self._where
        if "file is not a database" in lowered or "file is encrypted" in lowered:
            return NotAStoreError(f"{where} is not a facts store (not a SQLite database)")
        if "database is locked" in lowered or "database table is locked" in lowered:
            return StoreError(
                f"{where} is locked by another writer; gave up after {self._busy_timeout:g} s. "
                "Retry when the other facts process has finished."
            )
        if "readonly" in lowered or "read-only" in lowered:
            return StoreError(f"{where} is read-only: {message}")
        if "disk is full" in lowered or "disk full" in lowered or "no space" in lowered:
            return StoreError(f"{where}: the disk is full ({message}); nothing was written")
        if "unable to open database" in lowered:
            return StoreError(f"cannot open {where}: {message}")
        return StoreError(f"{where}: {message}")

    # --- writing -----------------------------------------------------------------------------

    def append(
        self, stream_id: str, events: Sequence[Event], expected_version: int | None = None
    ) -> list[int]:
        """Append `events` to one stream atomically; returns their positions.

        `expected_version` is the stream's version the caller decided on (0: the stream must
        not exist yet); None skips the check. A stale one raises ConcurrencyError.
        """
        return self.append_many([(stream_id, events, expected_version)])

    def append_many(self, batch: Batch) -> list[int]:
        """Append to many streams in ONE transaction: all of the batch or none of it."""
        encoded = _Encoded()
        for stream_id, stream_events, expected in batch:
            _check_stream_id(stream_id)
            if expected is not None and expected < 0:
                raise ValueError(f"expected_version must be >= 0 or None, got {expected}")
            encoded.stream_ids.append(stream_id)
            encoded.expected.append(expected)
            encoded.counts.append(len(stream_events))
            codec.encode_into(stream_events, encoded.types, encoded.versions, encoded.payloads)
        total = len(encoded.payloads)
        if not total and all(e is None for e in encoded.expected):
            return []
        with self._write() as conn:
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None
            cursor: Any = dbapi.cursor()
            try:
                versions = self._stream_versions(cursor, set(encoded.stream_ids))
                running = dict(versions)  # a stream may appear more than once in a batch
                for stream_id, expected, count in zip(
                    encoded.stream_ids, encoded.expected, encoded.counts, strict=True
                ):
                    actual = running.get(stream_id, 0)
                    if expected is not None and expected != actual:
                        raise ConcurrencyError(stream_id, expected, actual)
                    running[stream_id] = actual + count
                cursor.execute(
                    "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
                )
                last = cursor.fetchone()
                now = datetime.now(UTC)
                if last is None:
                    position, previous = 0, GENESIS_HASH
                else:
                    position, previous = int(last[0]), str(last[1])
                    last_time = last[2] if isinstance(last[2], datetime) else parse_time(last[2])
                    now = max(now, last_time.astimezone(UTC))  # time never runs backwards
                recorded_text = canonical_time(now)
                recorded: object = recorded_text if self.dialect == "sqlite" else now
                if total:
                    rows = _chained_rows(
                        encoded, versions, position, previous, recorded_text, recorded
                    )
                    _insert(cursor, self._param, rows)
            finally:
                cursor.close()
        return list(range(position + 1, position + 1 + total))

    def _stream_versions(self, cursor: Any, stream_ids: Iterable[str]) -> dict[str, int]:
        ids = list(stream_ids)
        found: dict[str, int] = {}
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            marks = ", ".join([self._param] * len(chunk))
            cursor.execute(
                "SELECT stream_id, MAX(stream_version) FROM events "
                f"WHERE stream_id IN ({marks}) GROUP BY stream_id",
                chunk,
            )
            found.update((str(s), int(v)) for s, v in cursor.fetchall())
        return found

    # --- reading -----------------------------------------------------------------------------

    def stream_version(self, stream_id: str) -> int:
        """The stream's current version: the number of events in it, 0 when absent."""
        with self._read() as cursor:
            cursor.execute(
                f"SELECT MAX(stream_version) FROM events WHERE stream_id = {self._param}",
                (stream_id,),
            )
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def streams_exist(self, stream_ids: Iterable[str]) -> set[str]:
        """Which of `stream_ids` have at least one event (one indexed probe per 500 ids)."""
        ids = list(dict.fromkeys(stream_ids))
        found: set[str] = set()
        with self._read() as cursor:
            for i in range(0, len(ids), _IN_CHUNK):
                chunk = ids[i : i + _IN_CHUNK]
                marks = ", ".join([self._param] * len(chunk))
                cursor.execute(
                    "SELECT stream_id FROM events "
                    f"WHERE stream_version = 1 AND stream_id IN ({marks})",
                    chunk,
                )
                found.update(str(r[0]) for r in cursor.fetchall())
        return found

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]:
        """The stream's events from `from_version` on, in stream order."""
        p = self._param
        with self._read() as cursor:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM events WHERE stream_id = {p} AND stream_version >= {p} "
                "ORDER BY stream_version",
                (stream_id, from_version),
            )
            rows = cursor.fetchall()
        return RecordedEvent.from_rows(rows)

    def read(
        self, after: int = 0, limit: int = 1000, types: Sequence[str] | None = None
    ) -> list[RecordedEvent]:
        """One page of the log: at most `limit` events with position > `after`, ascending.

        A tailing reader passes the last position it saw as `after`. Writers commit in
        position order, so no event can appear later below a position already returned.
        """
        if limit <= 0:
            return []
        p = self._param
        params: list[Any] = [after]
        where = f"position > {p}"
        if types is not None:
            if not types:
                return []
            where += f" AND type IN ({', '.join([p] * len(types))})"
            params.extend(types)
        params.append(limit)
        with self._read() as cursor:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM events WHERE {where} ORDER BY position LIMIT {p}",
                params,
            )
            rows = cursor.fetchall()
        return RecordedEvent.from_rows(rows)

    def iter_all(self, after: int = 0, page_size: int = 5000) -> Iterator[RecordedEvent]:
        """Every event after `after`, page by page (no transaction is held between pages).

        Events are handed over one by one and not kept: a consumer that drops each event frees
        its decoded data at once, instead of a page's worth piling up for the garbage collector.
        """
        while True:
            page = self.read(after, page_size)
            count = len(page)
            if count:
                after = page[-1].position
            page.reverse()
            pop = page.pop
            while page:
                yield pop()
            if count < page_size:
                return

    def head(self) -> int:
        """The highest committed position; 0 for an empty log."""
        with self._read() as cursor:
            cursor.execute("SELECT MAX(position) FROM events")
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def position_at(self, moment: datetime) -> int:
        """The last position committed at or before `moment` (naive means UTC); 0 if none.

        Timestamps never decrease along the log (a writer takes the later of its clock and the
        last event's time), so this is exactly "what the store knew at that moment".
        """
        value: object = canonical_time(moment)
        if self.dialect != "sqlite":
            value = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        with self._read() as cursor:
            cursor.execute(
                f"SELECT MAX(position) FROM events WHERE recorded_at <= {self._param}", (value,)
            )
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # --- integrity ---------------------------------------------------------------------------

    def verify(self, page_size: int = 5000) -> VerifyReport:
        """Walk the hash chain from the first event; report the first position that breaks it."""
        previous = GENESIS_HASH
        expected_position = 1
        checked = 0
        for recorded in self.iter_all(0, page_size):
            if recorded.position != expected_position:
                return VerifyReport(
                    ok=False,
                    checked=checked,
                    first_bad_position=expected_position,
                    message=f"position {expected_position} is missing "
                    f"(next is {recorded.position}): an event was deleted",
                    head_hash=previous,
                )
            if recorded.expected_hash(previous) != recorded.hash:
                return VerifyReport(
                    ok=False,
                    checked=checked,
                    first_bad_position=recorded.position,
                    message=f"event at position {recorded.position} "
                    f"({recorded.stream_id} v{recorded.stream_version}) does not match its hash: "
                    "it or the chain before it was changed",
                    head_hash=previous,
                )
            previous = recorded.hash
            expected_position += 1
            checked += 1
        return VerifyReport(
            ok=True,
            checked=checked,
            message=f"{checked} events, hash chain intact",
            head_hash=previous if checked else None,
        )

    # --- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventStore({self._where!r})"


class _Encoded:
    """A batch, encoded, in flat lists of strings and ints.

    Flat on purpose: a million small (type, version, payload) tuples would all be tracked by
    the garbage collector, and its collections would cost more than encoding them.
    """

    __slots__ = ("counts", "expected", "payloads", "stream_ids", "types", "versions")

    def __init__(self) -> None:
        self.stream_ids: list[str] = []
        self.expected: list[int | None] = []
        self.counts: list[int] = []
        self.types: list[str] = []
        self.versions: list[int] = []
        self.payloads: list[str] = []


def _chained_rows(
    encoded: _Encoded,
    versions: dict[str, int],
    position: int,
    previous: str,
    recorded_text: str,
    recorded: object,
) -> Iterator[tuple[Any, ...]]:
    """The rows to insert, each hashed onto the one before, positions continuing from `position`."""
    versions = dict(versions)
    types, type_versions, payloads = encoded.types, encoded.versions, encoded.payloads
    start = 0
    for stream_id, count in zip(encoded.stream_ids, encoded.counts, strict=True):
        version = versions.get(stream_id, 0)
        for i in range(start, start + count):
            position += 1
            version += 1
            type_name = types[i]
            type_version = type_versions[i]
            payload = payloads[i]
            # chain_hash(), inlined: this runs once per event on the hot path
            previous = _sha256(
                f"{previous}\n{position}\n{stream_id}\n{version}\n{type_name}\n"
                f"{type_version}\n{recorded_text}\n{payload}".encode()
            ).hexdigest()
            yield (
                position,
                stream_id,
                version,
                type_name,
                type_version,
                payload,
                recorded,
                previous,
            )
        versions[stream_id] = version
        start += count


def _insert(cursor: Any, param: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """Insert `rows` as multi-row INSERTs of `_INSERT_CHUNK` rows each.

    One statement per hundred rows costs the driver far less than `executemany` does per row,
    and rows are still hashed and sent chunk by chunk, so a large batch is never all in memory
    twice.
    """
    row_marks = "(" + ", ".join([param] * 8) + ")"
    head = f"INSERT INTO events ({_COLUMNS}) VALUES "
    full = head + ", ".join([row_marks] * _INSERT_CHUNK)
    flat: list[Any] = []
    count = 0
    for row in rows:
        flat.extend(row)
        count += 1
        if count == _INSERT_CHUNK:
            cursor.execute(full, flat)
            flat = []
            count = 0
    if count:
        cursor.execute(head + ", ".join([row_marks] * count), flat)


def _check_stream_id(stream_id: str) -> None:
    # isprintable() is False for every control character (and for other invisible ones)
    if type(stream_id) is not str or not (0 < len(stream_id) <= 1000 and stream_id.isprintable()):
        raise ValueError(f"stream id must be 1-1000 printable characters, got {stream_id!r}")


def _switch_to_wal(raw: Any, busy_timeout: float) -> None:
    """Put a new SQLite file in WAL mode, waiting out other processes creating it at once.

    Changing the journal mode needs the file to itself for a moment, and SQLite reports another
    process's brief lock on it ("database is locked") at once rather than through the busy
    timeout, so several processes opening one new store together would fail spuriously.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            raw.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def _sqlite_engine(url: str, *, memory: bool, busy_timeout: float) -> Engine:
    """A SQLite engine whose transactions facts controls itself.

    pysqlite's own transaction handling would defer BEGIN and cannot do BEGIN IMMEDIATE, so
    the driver runs in autocommit mode and the "begin" hook emits BEGIN (readers) or BEGIN
    IMMEDIATE (writers: take the write lock up front, so two writers never deadlock upgrading
    their read locks), as SQLAlchemy's documentation recommends.
    """
    connect_args: dict[str, Any] = {"timeout": busy_timeout, "check_same_thread": False}
    if memory:
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        engine = create_engine(url, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA synchronous=FULL")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("facts_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
