"""`facts verify` and `facts log`: run the command, then check through the library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from facts.cli import main
from facts.store import EventStore
from tests.store.events import article, claim_extracted


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "facts.db")
    with EventStore.open(path) as store:
        store.append("article-a", [article(1)], expected_version=0)
        store.append_many([(f"claim-{i}", [claim_extracted(i)], None) for i in range(5)])
    return path


def test_verify_ok(db: str) -> None:
    """An intact chain exits 0 and prints the head hash."""
    result = CliRunner().invoke(main, ["verify", "--db", db])
    assert result.exit_code == 0, result.output
    with EventStore.open(db) as store:
        assert store.read(after=5)[0].hash in result.output


def test_verify_broken_exits_non_zero_naming_the_position(db: str) -> None:
    """After a raw edit the command names the first broken position and exits 1."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER events_reject_update")
    conn.execute("UPDATE events SET stream_id = 'claim-x' WHERE position = 3")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(main, ["verify", "--db", db])
    assert result.exit_code == 1
    assert "position 3" in result.output
    result = CliRunner().invoke(main, ["verify", "--db", db, "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output.splitlines()[0])
    assert (report["ok"], report["first_bad_position"], report["checked"]) == (False, 3, 2)


def test_verify_missing_store_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    """verify never creates a store."""
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(main, ["verify", "--db", str(missing)])
    assert result.exit_code == 3
    assert "no facts store" in result.output
    assert not missing.exists()


def test_log_json_is_the_stored_log(db: str) -> None:
    """--json prints every column, the payload exactly as stored."""
    result = CliRunner().invoke(main, ["log", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    with EventStore.open(db) as store:
        assert rows == [r.as_dict() for r in store.iter_all()]


def test_log_filters(db: str) -> None:
    """--stream, --after and --limit select what they say."""
    runner = CliRunner()
    out = runner.invoke(main, ["log", "--db", db, "--json", "--stream", "claim-2"]).output
    assert [json.loads(x)["stream_id"] for x in out.splitlines()] == ["claim-2"]
    out = runner.invoke(main, ["log", "--db", db, "--json", "--after", "2", "--limit", "2"]).output
    assert [json.loads(x)["position"] for x in out.splitlines()] == [3, 4]


def test_log_table_for_people(db: str) -> None:
    """Without --json: a table with one row per event."""
    result = CliRunner().invoke(main, ["log", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "ArticleIngested" in result.output and "claim-4" in result.output


def test_db_from_environment(db: str) -> None:
    """FACTS_DB picks the store when --db is not given."""
    result = CliRunner().invoke(main, ["log", "--json", "--limit", "1"], env={"FACTS_DB": db})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["position"] == 1
