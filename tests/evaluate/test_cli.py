"""`facts eval` as a user runs it: what it prints, and its exit status."""

from __future__ import annotations

import json
import shutil
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from facts.cli import main
from facts.evaluate import read_gold
from facts.model import Article, Claim, Quantity, Source

from .helpers import GOLD

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WIDE = {"COLUMNS": "250"}


def oracle(skip: int = 0) -> Callable[[Article], list[Claim]]:
    """An extractor that finds exactly the gold claims whose quote is in the article.

    With `skip`, it misses every gold claim at that position in the gold file's order.
    """
    gold = read_gold(GOLD)

    def extract(article: Article) -> list[Claim]:
        found = []
        for number, g in enumerate(gold, start=1):
            at = article.text.find(g.sentence)
            if at < 0 or number == skip:
                continue
            start = at + g.sentence.find(g.figure)
            found.append(
                Claim(
                    entity=g.entity,
                    metric=g.metric,
                    quantity=Quantity(value=g.value, unit=g.unit, bound=g.bound, text=g.figure),
                    source=Source(article.id, start, start + len(g.figure), g.sentence),
                    segment=g.segment,
                    period=g.period,
                    counterparty=g.counterparty,
                )
            )
        return found

    return extract


@pytest.fixture
def use_extractor(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Stand in for facts.extractor, so that the command is tested on known claims."""

    def install(extract: Callable[[Article], list[Claim]]) -> None:
        module = types.ModuleType("facts.extractor")
        module.extract = extract  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "facts.extractor", module)

    yield install


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["eval", *args], env=WIDE)


def test_perfect_extraction_prints_full_scores(use_extractor: Callable[..., None]) -> None:
    """Totals, per-document rows, and empty miss and false-alarm lists."""
    use_extractor(oracle())
    result = run(str(GOLD), str(SEEDS))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Scores" in out and "Documents" in out
    totals = next(line for line in out.splitlines() if line.split()[:3] == ["16", "16", "16"])
    assert totals.count("1.000") == 7, totals
    for seed in SEEDS.glob("*.txt"):
        assert seed.name in out
    assert "Misses: gold claims not found: none" in out
    assert "False alarms: extracted claims not in the gold: none" in out
    assert "Matches that disagree on bound, period, segment or counterparty: none" in out
    undated = [line for line in out.splitlines() if line.split()[1:2] == ["no"]]
    assert len(undated) == 2 and "003_" in undated[0] and "004_" in undated[1]
    assert result.stderr == ""


def test_misses_and_false_alarms_are_listed(use_extractor: Callable[..., None]) -> None:
    """A missed gold claim shows with its line and figure; a stray claim with its span."""
    base = oracle(skip=2)

    def extract(article: Article) -> list[Claim]:
        claims = base(article)
        if article.text.startswith("Es lässt"):
            stray = Quantity(value="2006", unit="count", text="2006")
            claims.append(Claim("Amazon", "jobs", stray, Source(article.id, 10, 14, "")))
        return claims

    use_extractor(extract)
    result = run(str(GOLD), str(SEEDS))
    assert result.exit_code == 0, result.output
    miss = next(line for line in result.stdout.splitlines() if "gold line 2 " in line)
    assert "mehr als 50 Prozent" in miss and "revenue_growth" in miss and "2016-Q3" in miss
    alarm = next(line for line in result.stdout.splitlines() if "10-14" in line)
    assert "000_939af62ebaabacfc.txt" in alarm and "2006" in alarm and "jobs" in alarm
    assert "Misses: gold claims not found (1)" in result.stdout


def test_json_report(use_extractor: Callable[..., None]) -> None:
    """--json prints one object with the scores, documents, misses and false alarms."""
    use_extractor(oracle(skip=1))
    result = run(str(GOLD), str(SEEDS), "--json")
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    report = json.loads(line)
    assert (report["gold"], report["extracted"], report["matched"]) == (16, 15, 15)
    assert report["recall"] == 15 / 16 and report["precision"] == 1.0
    assert report["misses"][0]["figure"] == "rund 10 Prozent"
    assert report["undated_documents"] == ["003_67d0faa70610624f.txt", "004_25e601413d01a998.txt"]
    assert report["errors"] == [] and report["unscored_documents"] == []


def test_gold_documents_without_articles_are_named(use_extractor: Callable[..., None]) -> None:
    """Scoring one seed warns that the other gold documents were not scored."""
    use_extractor(oracle())
    result = run(str(GOLD), str(SEEDS / "000_939af62ebaabacfc.txt"), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["gold"] == 5
    assert result.stderr.startswith(
        "warning: not scored, no article given for gold documents: 002_5920eb897d0448a1.txt, "
    )


def test_bad_article_is_reported_and_the_rest_scored(
    use_extractor: Callable[..., None], tmp_path: Path
) -> None:
    """An unreadable article: the others are scored, the error is named, exit status 1."""
    use_extractor(oracle())
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path)
    bad = tmp_path / "zzz.txt"
    bad.write_bytes(b"Gr\xf6\xdfe")
    result = run(str(GOLD), str(tmp_path), "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["f1"] == 1.0
    assert f"error: {bad}:1: not UTF-8: byte 0xF6 at offset 2" in result.stderr


def test_malformed_gold_line_is_an_error(
    use_extractor: Callable[..., None], tmp_path: Path
) -> None:
    """The gold file's name and line are given; nothing is scored."""
    use_extractor(oracle())
    gold = tmp_path / "gold.jsonl"
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    gold.write_text(
        "\n".join([lines[0], lines[1].replace('"value": ', '"value": "x'), ""]), encoding="utf-8"
    )
    result = run(str(gold), str(SEEDS))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {gold}:2: invalid JSON")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl", "seeds"], "'missing.jsonl' does not exist"),
        ([str(GOLD)], "Missing argument 'PATH...'"),
        (
            [str(GOLD), str(SEEDS), "--date", "2017-13"],
            "error: date '2017-13' is not a calendar date",
        ),
    ],
)
def test_usage_errors(use_extractor: Callable[..., None], args: list[str], message: str) -> None:
    """Bad usage exits with status 2 and says what is wrong."""
    use_extractor(oracle())
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_duplicate_document_names_are_refused(
    use_extractor: Callable[..., None], tmp_path: Path
) -> None:
    """Two files with one name cannot both be scored against the same gold lines."""
    use_extractor(oracle())
    name = "000_939af62ebaabacfc.txt"
    (tmp_path / "a").mkdir()
    shutil.copy(SEEDS / name, tmp_path / "a" / name)
    result = run(str(GOLD), str(SEEDS), str(tmp_path / "a"))
    assert result.exit_code == 2
    assert f"two articles are both named '{name}'" in result.stderr


def test_help_explains_scoring() -> None:
    """--help documents matching, the outputs and the exit status."""
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0
    for words in ("within 0.5 %", "bound lower", "false alarms", "Exit status", "--date", "--json"):
        assert words in result.output


def test_real_extractor_on_the_seeds() -> None:
    """The real extractor runs end to end; the report has its structure and rates in [0, 1]."""
    result = run(str(GOLD), str(SEEDS), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["gold"] == 16
    assert len(report["documents"]) == 5
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= report[key] <= 1.0
    for key in ("bound_accuracy", "period_accuracy"):
        assert report[key] is None or 0.0 <= report[key] <= 1.0
    assert report["matched"] == report["gold"] - len(report["misses"])
    assert report["matched"] == report["extracted"] - len(report["false_alarms"])
