"""`facts eval`: the extractor's scores against hand-labelled gold claims (facts.evaluate)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

import click

from facts.cli.app import console, main, print_table, shorten
from facts.evaluate import EvalReport, ScoredClaim, evaluate_files

_CLAIM_COLUMNS = (
    "doc", "where", "figure", "entity", "segment", "metric", "value", "unit", "bound", "period"
)  # fmt: skip


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@click.option(
    "--date",
    metavar="YYYY-MM[-DD]",
    help="Publication date of articles that state none (no date line, no 'date' key).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def eval_command(gold: str, paths: tuple[str, ...], date: str | None, as_json: bool) -> None:
    """Score the extractor against the gold claims in GOLD for the articles in PATH...

    GOLD is a JSON Lines file of gold claims, one a line, with the keys doc (the article's file
    name), entity, metric, value, unit and bound, and optionally segment, period, counterparty,
    figure, quote and note (the format of seeds.gold.jsonl). PATH is an article file or a
    directory of them, in any format `facts extract` reads.

    A claim matches a gold claim of the same document when entity (case ignored), metric and
    unit agree and the value is within 0.5 % of the gold value. A range counts as its low end
    (bound lower) and high end (bound upper). Each gold claim matches at most once. Reported:
    precision, recall and F1; bound and period accuracy on the matches (segment and
    counterparty agreement too, for information); per-document scores; the misses (gold claims
    not found), the false alarms (extracted claims not in the gold) and the fields on which
    matched claims disagree. Gold documents for which no article was given are not scored and
    are named in a warning. See docs/eval.md.

    Exit status: 0 when the scores were computed, whatever they are; 1 for a malformed gold
    file or an article that could not be read (the other articles are still scored); 2 for bad
    usage.

    \b
    Examples:
      facts eval tests/data/seeds.gold.jsonl seeds/
      facts eval gold.jsonl articles.jsonl --date 2017-05 --json
    """
    from facts.extractor import extract

    report = evaluate_files(gold, paths, extract, date=date)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report)
    err = console(stderr=True)
    if report.unscored_documents:
        err.print(
            "warning: not scored, no article given for gold documents: "
            + ", ".join(report.unscored_documents),
            markup=False,
            highlight=False,
        )
    for error in report.errors:
        err.print(f"error: {error}", markup=False, highlight=False)
    if report.errors:
        raise SystemExit(1)


def _print_report(report: EvalReport) -> None:
    totals = report.totals
    print_table(
        ["gold", "extracted", "matched", "precision", "recall", "F1", "bound acc", "period acc",
         "segment agr", "counterparty agr"],
        [[totals.gold, totals.extracted, totals.matched, _rate(totals.precision),
          _rate(totals.recall), _rate(totals.f1), _rate(report.bound_accuracy),
          _rate(report.period_accuracy), _rate(report.segment_agreement),
          _rate(report.counterparty_agreement)]],
        title="Scores",
    )  # fmt: skip
    undated = set(report.undated_documents)
    print_table(
        ["doc", "dated", "gold", "extracted", "matched", "precision", "recall", "F1"],
        [
            [d.doc, "no" if d.doc in undated else "yes", d.scores.gold, d.scores.extracted,
             d.scores.matched, _rate(d.scores.precision), _rate(d.scores.recall),
             _rate(d.scores.f1)]
            for d in report.documents
        ],
        title="Documents",
    )  # fmt: skip
    _section(
        "Misses: gold claims not found",
        _CLAIM_COLUMNS,
        [_claim_row(c, f"gold line {c.line}") for c in report.misses],
    )
    _section(
        "False alarms: extracted claims not in the gold",
        _CLAIM_COLUMNS,
        [_claim_row(c, _span(c)) for c in report.false_alarms],
    )
    _section(
        "Matches that disagree on bound, period, segment or counterparty",
        ["doc", "where", "figure", "field", "gold", "extracted"],
        [
            [m.gold.doc, f"gold line {m.gold.line}", shorten(m.gold.figure, 40), field, gold, got]
            for m in report.matches
            for field, (gold, got) in m.differences().items()
        ],
    )


def _section(title: str, columns: Sequence[str], rows: list[Sequence[str | None]]) -> None:
    """A table of findings, or one line when there are none (an empty table reads as broken)."""
    if rows:
        print_table(columns, rows, title=f"{title} ({len(rows)})")
    else:
        click.echo(f"{title}: none")


def _claim_row(claim: ScoredClaim, where: str) -> Sequence[str | None]:
    return [
        claim.doc,
        where,
        shorten(claim.figure, 40),
        claim.entity,
        claim.segment,
        claim.metric,
        _plain(claim.value),
        claim.unit,
        f"{claim.bound} ({claim.part} end)" if claim.part else claim.bound,
        claim.period,
    ]


def _span(claim: ScoredClaim) -> str:
    return "" if claim.span is None else f"{claim.span[0]}-{claim.span[1]}"


def _plain(value: Decimal) -> str:
    """5E+9 as 5000000000, 33.330 as 33.33: the figure as a reader writes it."""
    return format(value.normalize(), "f")


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
