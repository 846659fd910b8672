"""`facts extract`: JSON Lines with the documented keys, a table, and bad files named."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from facts.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
KEYS = {
    "doc", "entity", "segment", "metric", "value", "unit", "bound", "low", "high", "period",
    "counterparty", "sentence", "figure", "span",
}  # fmt: skip


def test_json_lines_have_the_documented_keys() -> None:
    """Each line is one claim; the span slices the figure out of the article text."""
    path = SEEDS / "000_939af62ebaabacfc.txt"
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    body = path.read_text("utf-8").split("\n", 1)[1].strip("\n")
    for row in rows:
        assert row.keys() >= KEYS
        assert row["doc"] == path.name
        start, end = row["span"]
        assert body[start:end] == row["figure"]
        assert isinstance(row["value"], int | float)
    assert {"Amazon", "Alibaba", "Microsoft"} <= {r["entity"] for r in rows}


def test_date_option_resolves_undated_articles(tmp_path: Path) -> None:
    """--date supplies the reference date of an article without a date line."""
    path = tmp_path / "undated.txt"
    path.write_text("Siemens steigerte den Umsatz im abgelaufenen Quartal um 5 Prozent.\n")
    result = CliRunner().invoke(main, ["extract", str(path), "--date", "2016-11", "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["period"] for line in result.stdout.splitlines()] == ["2016-Q3"]


def test_bad_file_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A binary file gives an error naming it, the good file is still read, exit status 1."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\xff")
    good = SEEDS / "004_25e601413d01a998.txt"
    result = CliRunner().invoke(main, ["extract", str(bad), str(good), "--json"])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert any(json.loads(line)["entity"] == "Alibaba" for line in result.stdout.splitlines())


def test_table_output() -> None:
    """Without --json a table lists the claims."""
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        main, ["extract", str(SEEDS / "002_5920eb897d0448a1.txt")]
    )
    assert result.exit_code == 0, result.output
    assert "Alibaba" in result.stdout
    assert "revenue" in result.stdout
