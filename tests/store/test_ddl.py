"""The committed DDL (schema/*.sql) is what the code creates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facts.store import EventStore
from facts.store.schema import DIALECTS, render_ddl, write_ddl

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


def test_sqlite_ddl_file_creates_what_the_store_creates(tmp_path: Path) -> None:
    """Running schema/sqlite.sql by hand gives the same objects as EventStore.open."""
    by_file = tmp_path / "by_file.db"
    conn = sqlite3.connect(by_file)
    conn.executescript((SCHEMA_DIR / "sqlite.sql").read_text(encoding="utf-8"))
    conn.close()
    by_store = tmp_path / "by_store.db"
    EventStore.open(str(by_store)).close()

    def objects(path: Path) -> list[tuple[str, str, str]]:
        with sqlite3.connect(path) as c:
            return sorted(
                c.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            )

    assert objects(by_file) == objects(by_store)
