"""The committed DDL (schema/*.sql) is what the code creates, and running it by hand makes a
store that facts opens as its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url
from sqlalchemy.exc import DBAPIError

from facts.store import EventStore
from facts.store.schema import DIALECTS, render_ddl, write_ddl
from tests.store.events import article

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_committed_ddl_matches_code(dialect: str) -> None:
    """Regenerate with `python -m facts.store --write-ddl schema` after changing the schema."""
    committed = (SCHEMA_DIR / f"{dialect}.sql").read_text(encoding="utf-8")
    assert committed == render_ddl(dialect)


def test_write_ddl(tmp_path: Path) -> None:
    """The generator writes both files."""
    written = write_ddl(tmp_path)
    assert sorted(p.name for p in written) == ["postgresql.sql", "sqlite.sql"]


def _objects(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        return sorted(rows)
    finally:
        conn.close()


def test_sqlite_ddl_file_makes_the_store_facts_makes(tmp_path: Path) -> None:
    """schema/sqlite.sql run by hand gives the same objects as EventStore.open, and facts
    opens the result (create=False) as a current store."""
    by_file = tmp_path / "by_file.db"
    conn = sqlite3.connect(by_file, isolation_level=None)
    conn.executescript((SCHEMA_DIR / "sqlite.sql").read_text(encoding="utf-8"))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    by_store = tmp_path / "by_store.db"
    EventStore.open(str(by_store)).close()
    assert _objects(by_file) == _objects(by_store)
    with EventStore.open(str(by_file), create=False) as store:
        assert store.append("article-a", [article(1)], expected_version=0) == [1]
        assert store.verify().ok


@pytest.mark.postgres
def test_postgresql_ddl_file_makes_a_store(postgres_url: str) -> None:
    """schema/postgresql.sql run by hand (as psql would) makes a store facts opens as is."""
    conninfo = make_url(postgres_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute((SCHEMA_DIR / "postgresql.sql").read_text(encoding="utf-8").encode())
    with EventStore.open(postgres_url, create=False) as store:
        assert store.append("article-a", [article(1)], expected_version=0) == [1]
        assert store.verify().ok
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as sa_conn:
            sa_conn.exec_driver_sql("DELETE FROM events")
