"""The tracker commands: run them, then check the store through the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import facts
from facts.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "facts.db")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def seeded(db: str) -> str:
    code, out, _ = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, out
    return db


def test_ingest_prints_what_was_recorded(db: str) -> None:
    """`facts ingest seeds/` records five articles and says so, undated ones named."""
    code, out, err = run("ingest", str(SEEDS), "--db", db)
    assert code == 0, err
    assert "5 articles: 5 new" in out and "undated" in out
    with facts.open(db) as tracker:
        assert {c.name for c in tracker.companies()} >= {"Alibaba", "Amazon", "Microsoft"}
        undated = {s.source.article_id for s in tracker.claims() if s.stated_on is None}
    for article_id in undated:
        assert article_id in out
    code, out, _ = run("ingest", str(SEEDS), "--db", db)
    assert code == 0 and "0 new, 5 already recorded" in out


def test_ingest_bad_file_fails_but_records_the_rest(db: str, tmp_path: Path) -> None:
    """A bad file makes the exit code 1 and is named on stderr; good files are recorded."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Umsatz \xfc 5 Mrd")
    code, _, err = run("ingest", str(SEEDS / "000_939af62ebaabacfc.txt"), str(bad), "--db", db)
    assert code == 1
    assert "bad.txt" in err and "not UTF-8" in err
    with facts.open(db) as tracker:
        assert len(tracker.history("AWS")) > 0


def test_ingest_json(db: str) -> None:
    """`--json` gives one record per article, then a summary."""
    code, out, _ = run("ingest", str(SEEDS), "--db", db, "--json")
    records = json_lines(out)
    assert code == 0
    assert [r["record"] for r in records] == ["article"] * 5 + ["summary"]
    summary = records[-1]
    assert summary["new"] == 5 and summary["claims_extracted"] == sum(
        r["claims"]
        for r in records[:-1]  # type: ignore[misc]
    )


def test_history_table_and_json(seeded: str) -> None:
    """History as a table for people and as JSON Lines with every field."""
    code, out, _ = run("history", "Alibaba", "revenue_growth", "--db", seeded)
    assert code == 0 and "2017-Q1" in out and "60" in out and "Umsatz um 60 Prozent" in out
    code, out, _ = run("history", "aws", "revenue_growth", "--db", seeded, "--json")
    (record,) = json_lines(out)
    assert record["value"] == "50" and record["bound"] == "lower" and record["period"] == "2016-Q3"
    assert "mehr als 50 Prozent" in record["source"]["sentence"]  # type: ignore[index]


def test_history_errors_exit_2_with_a_hint(seeded: str) -> None:
    """Unknown names and bad dates are usage errors (exit 2) that say what would work."""
    code, _, err = run("history", "Amazn", "--db", seeded)
    assert code == 2 and "closest: Amazon" in err
    code, _, err = run("history", "Amazon", "umsatz_wachstum", "--db", seeded)
    assert code == 2 and "unknown metric" in err
    code, _, err = run("history", "Amazon", "--as-of", "12/2016", "--db", seeded)
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run("history", "Amazon", "--known-at", "soon", "--db", seeded)
    assert code == 2 and "ISO 8601" in err


def test_review_then_history_known_at(seeded: str) -> None:
    """A correction shows at once; `--known-at` the position before it shows the old value."""
    with facts.open(seeded) as tracker:
        claim = tracker.history("Microsoft", "investment")[0]
        before = tracker.store.head()
    code, out, err = run(
        "review",
        claim.claim_id[:10],
        "--correct",
        "value=3100000000",
        "--note",
        "10-K",
        "--db",
        seeded,
    )
    assert code == 0, err
    assert "corrected" in out
    code, out, _ = run("history", "Microsoft", "investment", "--db", seeded, "--json")
    assert json_lines(out)[0]["value"] == "3100000000"
    code, out, _ = run("history", "Microsoft", "investment", "--db", seeded)
    assert code == 0 and "status" in out and "corrected" in out  # the table says so too
    code, out, _ = run("history", "Amazon", "revenue_growth", "--db", seeded)
    assert code == 0 and "status" not in out  # only extractor readings: no status column
    code, out, _ = run(
        "history", "Microsoft", "investment", "--known-at", str(before), "--db", seeded, "--json"
    )
    assert json_lines(out)[0]["value"] == "3000000000"
    code, _, err = run("review", claim.claim_id, "--db", seeded)
    assert code == 2 and "--confirm" in err
    code, _, err = run("review", claim.claim_id, "--correct", "colour", "--db", seeded)
    assert code == 2 and "FIELD=VALUE" in err


def test_show_companies_metrics_claims(seeded: str) -> None:
    """The listing commands answer, and `show` prints the sentence and the events."""
    with facts.open(seeded) as tracker:
        claim = tracker.history("AWS", "revenue_growth")[0]
    code, out, _ = run("show", claim.claim_id, "--db", seeded)
    assert code == 0 and claim.source.sentence in out and "ClaimExtracted" in out
    code, out, _ = run("show", claim.claim_id, "--db", seeded, "--json")
    (record,) = json_lines(out)
    assert record["claim"]["claim_id"] == claim.claim_id  # type: ignore[index]
    assert [e["type"] for e in record["events"]] == ["ClaimExtracted"]  # type: ignore[index]
    code, out, _ = run("companies", "--db", seeded)
    assert code == 0 and "Alibaba" in out and "Microsoft" in out
    code, out, _ = run("metrics", "amazon", "--db", seeded, "--json")
    assert "revenue_growth" in {r["metric"] for r in json_lines(out)}
    code, out, _ = run("claims", "--entity", "Alibaba", "--db", seeded, "--json")
    assert code == 0 and {r["entity"] for r in json_lines(out)} == {"Alibaba"}


def test_set_date_reparse_rebuild(seeded: str) -> None:
    """set-date dates an article; reparse with the same extractor changes nothing; rebuild
    gives the same answers."""
    with facts.open(seeded) as tracker:
        undated = next(s for s in tracker.claims() if s.stated_on is None).source.article_id
    code, out, err = run("set-date", undated, "2019-02", "--db", seeded)
    assert code == 0, err
    code, _, err = run("set-date", undated, "Feb 2019", "--db", seeded)
    assert code == 2 and "YYYY-MM" in err
    with facts.open(seeded) as tracker:
        assert {s.stated_on for s in tracker.claims(article_id=undated)} == {"2019-02"}
        head = tracker.store.head()
        before = [s.to_dict() for s in tracker.claims()]
    code, out, _ = run("reparse", "--db", seeded)
    assert code == 0 and "0 new, 0 changed, 0 withdrawn" in out
    code, out, _ = run("rebuild", "--db", seeded)
    assert code == 0 and f"rebuilt from {head} events" in out
    with facts.open(seeded) as tracker:
        assert tracker.store.head() == head
        assert [s.to_dict() for s in tracker.claims()] == before


def test_table_sentences_keep_the_figure_in_view(seeded: str) -> None:
    """A figure deep in a long sentence is shown with the words just before it; a sentence
    whose figure sits near its start is shown from its first word, without an ellipsis."""
    code, out, _ = run("claims", "--entity", "Alibaba", "--db", seeded)
    assert code == 0
    rows = {line.split()[1]: line for line in out.splitlines() if line.startswith(" Alibaba")}
    # (a cell cut at the end also ends in "…"; what matters is how the sentence starts)
    assert " Allerdings hat dort Alibaba" in rows["locations"]
    assert "…Allerdings" not in rows["locations"]
    growth = rows["revenue_growth"]
    assert "…" in growth.split("Prozent")[0] and "um 60 Prozent" in growth
    assert "In den ersten" not in growth


def test_history_says_under_which_names_a_renamed_company_was_stated(
    db: str, tmp_path: Path
) -> None:
    """`facts history Meta` shows Facebook's statements of 2018 too, and says so."""
    (tmp_path / "a.txt").write_text(
        " date 2018-11 Facebook\n\nFacebook hatte im dritten Quartal 1,49 Milliarden "
        "täglich aktive Nutzer.",
        encoding="utf-8",
    )
    code, out, _ = run("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert code == 0, out
    code, out, _ = run("history", "Meta", "--db", db)
    assert code == 0
    assert "Meta (stated as Facebook)" in out and "1,490,000,000" in out
