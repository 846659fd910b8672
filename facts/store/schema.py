"""The store's tables, its triggers for each dialect, and its named migrations.

The SQLAlchemy tables below are the single source of the DDL: `schema/sqlite.sql` and
`schema/postgresql.sql` are rendered from them (`python -m facts.store --write-ddl
schema`), and a test fails when the committed files differ from what the code would create.

Migrations are named, run in one transaction each together with the bookkeeping row that
records them, and are skipped when already recorded, so running them twice changes nothing.
`SCHEMA_VERSION` is the version of the newest migration; a store whose recorded version is
higher was written by a newer facts, which this program refuses to touch.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateTable

DIALECTS = ("sqlite", "postgresql")
META_TABLE = "facts_meta"
MIGRATIONS_TABLE = "facts_migrations"
EVENTS_TABLE = "events"
OWN_TABLES = frozenset({EVENTS_TABLE, META_TABLE, MIGRATIONS_TABLE})
FOREIGN_TABLE_PREFIX = "proj_"
"""Tables other parts of facts (projections) keep in the same database; a store tolerates them."""

metadata = MetaData()

# SQLite's rowid alias needs exactly INTEGER PRIMARY KEY; PostgreSQL needs 64 bits.
_Position = BigInteger().with_variant(Integer(), "sqlite")
# Canonical UTC text on SQLite (fixed width, so text order is time order); timestamptz elsewhere.
_Timestamp = DateTime(timezone=True).with_variant(Text(), "sqlite")

events = Table(
    EVENTS_TABLE,
    metadata,
    Column("position", _Position, primary_key=True, autoincrement=False),
    Column("stream_id", Text, nullable=False),
    Column("stream_version", Integer, nullable=False),
    Column("type", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("recorded_at", _Timestamp, nullable=False),
    Column("hash", Text, nullable=False),
    UniqueConstraint("stream_id", "stream_version", name="events_stream_version_key"),
    CheckConstraint("position >= 1", name="events_position_check"),
    CheckConstraint("stream_version >= 1", name="events_stream_version_check"),
    CheckConstraint("version >= 1", name="events_version_check"),
    CheckConstraint("length(hash) = 64", name="events_hash_check"),
)
events_recorded_at_index = Index("events_recorded_at_idx", events.c.recorded_at)

meta = Table(
    META_TABLE,
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

migrations_table = Table(
    MIGRATIONS_TABLE,
    metadata,
    Column("name", Text, primary_key=True),
    Column("applied_at", Text, nullable=False),
)

_SQLITE_TRIGGERS = (
    """CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: UPDATE rejected (corrections are new events)');
END""",
    """CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events is append-only: DELETE rejected (corrections are new events)');
END""",
)

_POSTGRESQL_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION facts_events_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events is append-only: % rejected (corrections are new events)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$""",
    """CREATE TRIGGER events_reject_update_delete BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION facts_events_reject_change()""",
    """CREATE TRIGGER events_reject_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION facts_events_reject_change()""",
)


def sa_dialect(name: str) -> Dialect:
    if name == "sqlite":
        return sqlite.dialect()
    if name == "postgresql":
        return postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]
    raise ValueError(f"unsupported dialect {name!r}")


def _compiled(element: CreateTable | CreateIndex, dialect: Dialect) -> str:
    text = str(element.compile(dialect=dialect))
    return "\n".join(line.rstrip().replace("\t", "    ") for line in text.strip().splitlines())


def _create_event_log(dialect: str) -> list[str]:
    d = sa_dialect(dialect)
    statements = [
        _compiled(CreateTable(events), d),
        _compiled(CreateIndex(events_recorded_at_index), d),
        _compiled(CreateTable(meta), d),
        _compiled(CreateTable(migrations_table), d),
    ]
    statements.extend(_SQLITE_TRIGGERS if dialect == "sqlite" else _POSTGRESQL_TRIGGERS)
    return statements


@attrs.frozen
class Migration:
    """One named, versioned step of the schema; `statements` gives its DDL for a dialect."""

    name: str
    version: int
    statements: Callable[[str], list[str]]


MIGRATIONS: tuple[Migration, ...] = (Migration("0001_create_event_log", 1, _create_event_log),)
SCHEMA_VERSION = MIGRATIONS[-1].version


def ddl(dialect: str) -> list[str]:
    """Every statement that creates the newest schema, in order."""
    return [s for m in MIGRATIONS for s in m.statements(dialect)]


def bookkeeping() -> list[str]:
    """The rows `EventStore.open` writes after the DDL: every migration and the version."""
    rows = [
        f"INSERT INTO {MIGRATIONS_TABLE} (name, applied_at) VALUES ('{m.name}', CURRENT_TIMESTAMP)"
        for m in MIGRATIONS
    ]
    rows.append(
        f"INSERT INTO {META_TABLE} (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}')"
    )
    return rows


def render_ddl(dialect: str) -> str:
    """The exact text of `schema/<dialect>.sql`.

    Run by hand (`sqlite3 facts.db < schema/sqlite.sql`, `psql -f schema/postgresql.sql`), it
    creates a store facts opens as its own, e.g. where the application may not create tables.
    """
    header = (
        f"-- facts event store, schema version {SCHEMA_VERSION}, {dialect}.\n"
        "-- Generated by `python -m facts.store --write-ddl schema`; do not edit.\n"
        "-- facts creates all of this itself on first open; run it by hand only where facts may\n"
        "-- not create tables. The last statements record the migrations and schema version.\n"
    )
    # WAL is what facts sets on the SQLite databases it creates (see facts.store.store)
    wal = ["PRAGMA journal_mode=WAL"] if dialect == "sqlite" else []
    statements = [*wal, "BEGIN", *ddl(dialect), *bookkeeping(), "COMMIT"]
    body = "".join(f"{statement};\n\n" for statement in statements)
    return header + "\n" + body.rstrip() + "\n"


def write_ddl(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for dialect in DIALECTS:
        path = directory / f"{dialect}.sql"
        path.write_text(render_ddl(dialect), encoding="utf-8")
        written.append(path)
    return written
