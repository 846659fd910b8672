"""Opening stores: URLs, creation, refusing what is not ours, schema versions, SQLite faults."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import event, make_url, text

from facts.errors import NotAStoreError, SchemaVersionError, StoreError
from facts.store import SCHEMA_VERSION, EventStore, resolve_url
from facts.store.schema import MIGRATIONS
from tests.store.events import article, claim_extracted


def snapshot(directory: Path) -> dict[str, str]:
    """Every file in `directory` with a digest of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


# --- URLs -------------------------------------------------------------------------------------


def test_resolve_url_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """None means $FACTS_DB, else ./facts.db; paths become absolute SQLite URLs."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTS_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'facts.db'}"
    monkeypatch.setenv("FACTS_DB", "other.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url("x/y.db") == f"sqlite:///{tmp_path / 'x' / 'y.db'}"
    assert resolve_url(":memory:") == "sqlite://"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:////abs/f.db") == "sqlite:////abs/f.db"


def test_unsupported_database_is_refused() -> None:
    """Only SQLite and PostgreSQL are event stores."""
    with pytest.raises(StoreError, match="unsupported database"):
        EventStore.open("mysql://root@127.0.0.1/test")


# --- creation and refusal (SQLite file) -------------------------------------------------------


def test_new_store_records_schema_version_and_uses_wal(tmp_path: Path) -> None:
    """A new file gets the schema, its version, its migration record, and WAL journaling."""
    path = tmp_path / "facts.db"
    EventStore.open(str(path)).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        meta = dict(conn.execute("SELECT key, value FROM facts_meta"))
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        names = [r[0] for r in conn.execute("SELECT name FROM facts_migrations")]
        assert names == ["0001_create_event_log"]
    finally:
        conn.close()


def test_open_without_create_does_not_create(tmp_path: Path) -> None:
    """create=False on a missing file fails and leaves no file behind."""
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no facts store"):
        EventStore.open(str(path), create=False)
    assert not path.exists()


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    """The message names the path that cannot be created."""
    with pytest.raises(StoreError, match="no such directory"):
        EventStore.open(str(tmp_path / "nowhere" / "facts.db"))


def test_random_bytes_are_not_a_store(tmp_path: Path) -> None:
    """A file that is not SQLite is refused and left byte for byte as it was."""
    path = tmp_path / "facts.db"
    path.write_bytes(os.urandom(8192))
    before = snapshot(tmp_path)
    with pytest.raises(NotAStoreError, match=str(path)):
        EventStore.open(str(path))
    assert snapshot(tmp_path) == before


def test_other_sqlite_database_is_not_a_store(tmp_path: Path) -> None:
    """A SQLite database with other tables is refused and left unchanged."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(NotAStoreError, match="customers"):
        EventStore.open(str(path))
    assert snapshot(tmp_path) == before


def test_newer_schema_version_is_refused_unchanged(tmp_path: Path) -> None:
    """A store written by a newer facts is refused before anything is written."""
    path = tmp_path / "facts.db"
    with EventStore.open(str(path)) as store:
        store.append("article-a", [article(1)])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE facts_meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = snapshot(tmp_path)
    with pytest.raises(SchemaVersionError, match="newer version of facts"):
        EventStore.open(str(path))
    with pytest.raises(SchemaVersionError):
        EventStore.open(str(path), create=False)
    assert snapshot(tmp_path) == before


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    """Opening a store again applies no migration twice."""
    path = tmp_path / "facts.db"
    for _ in range(3):
        EventStore.open(str(path)).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM facts_migrations").fetchone()[0] == len(MIGRATIONS)
    conn.close()


# --- SQLite faults ----------------------------------------------------------------------------


def test_locked_database_gives_a_clear_error(tmp_path: Path) -> None:
    """A writer blocked past the busy timeout fails with the file's name, not a hang."""
    path = tmp_path / "facts.db"
    EventStore.open(str(path)).close()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with EventStore.open(str(path), busy_timeout=0.05) as store:
            with pytest.raises(StoreError, match=f"{path} is locked"):
                store.append("article-a", [article(1)])
            assert store.head() == 0  # readers are not blocked by a writer (WAL)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_read_only_uri_gives_a_clear_error(tmp_path: Path) -> None:
    """Writing to a store opened read-only names the file and says so."""
    path = tmp_path / "facts.db"
    with EventStore.open(str(path)) as store:
        store.append("article-a", [article(1)])
    with EventStore.open(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert store.head() == 1
        with pytest.raises(StoreError, match="read-only"):
            store.append("article-a", [article(2)])


def test_read_only_file_gives_a_clear_error(tmp_path: Path) -> None:
    """A file the user may not write: the error names it (root runs it without its override)."""
    path = tmp_path / "facts.db"
    with EventStore.open(str(path)) as store:
        store.append("article-a", [article(1)])
    path.chmod(0o444)
    script = textwrap.dedent(
        f"""
        import sys
        from facts.errors import StoreError
        from facts.store import EventStore
        from facts.events import ArticleDateSet
        store = EventStore.open({str(path)!r})
        assert store.head() == 1
        try:
            store.append("article-a", [ArticleDateSet("a", "2017-01")])
        except StoreError as exc:
            print(exc)
            sys.exit(0)
        sys.exit("append to a read-only file succeeded")
        """
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            preexec_fn=_without_root_write_override if os.geteuid() == 0 else None,
            check=False,
            timeout=120,
        )
    except subprocess.SubprocessError as exc:  # the container forbids dropping the capability
        pytest.skip(f"cannot run a child without CAP_DAC_OVERRIDE here: {exc}")
    assert result.returncode == 0, result.stderr
    assert str(path) in result.stdout and "read-only" in result.stdout


def _without_root_write_override() -> None:
    """In the child: drop CAP_DAC_OVERRIDE, so that even root cannot write a 0444 file."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override = 24, 1
    if libc.prctl(pr_capbset_drop, cap_dac_override, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_full_disk_gives_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    """SQLite's 'database or disk is full' becomes a StoreError; the batch is not half-written."""
    path = tmp_path / "facts.db"
    with EventStore.open(str(path)) as store:
        store.append("article-a", [article(1)])
    with EventStore.open(str(path)) as store:
        store.engine.dispose()
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

        @event.listens_for(store.engine, "connect")
        def _small_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 4}")

        batch = [(f"claim-{i}", [claim_extracted(i)], None) for i in range(2000)]
        with pytest.raises(StoreError, match="disk is full"):
            store.append_many(batch)
    with EventStore.open(str(path)) as store:
        assert store.head() == 1
        assert store.verify().ok


# --- PostgreSQL-specific ----------------------------------------------------------------------


@pytest.mark.postgres
def test_postgres_schema_with_other_tables_is_not_a_store(postgres_url: str) -> None:
    """A PostgreSQL schema holding other tables is refused and left alone."""
    conninfo = make_url(postgres_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id int)")
    with pytest.raises(NotAStoreError, match="customers"):
        EventStore.open(postgres_url)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    assert tables == [("customers",)]


@pytest.mark.postgres
def test_postgres_newer_schema_version_is_refused(postgres_url: str) -> None:
    """The version check works the same on PostgreSQL."""
    with EventStore.open(postgres_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE facts_meta SET value = '7' WHERE key = 'schema_version'"))
    with pytest.raises(SchemaVersionError, match="schema version 7"):
        EventStore.open(postgres_url)


def test_unreachable_postgres_is_a_store_error() -> None:
    """A server that does not answer gives a StoreError naming it, without the password."""
    url = "postgresql+psycopg://someone:secret@127.0.0.1:1/nothing?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        EventStore.open(url)
    assert "127.0.0.1:1" in str(caught.value)
    assert "secret" not in str(caught.value)
