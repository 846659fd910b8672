"""`facts extract`: the claims in article files, without a store (facts.extractor)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from facts.articles import Document, iter_paths, load_documents
from facts.cli.app import console, echo_json_lines, json_option, main, print_table, shorten
from facts.errors import ArticleError
from facts.model import Claim

#: Show a progress bar from this many files on (and only when stderr is a terminal).
PROGRESS_FROM = 20


def claim_row(doc: str, claim: Claim) -> dict[str, Any]:
    """The JSON object of one claim, as `facts extract --json` prints it."""
    q = claim.quantity
    return {
        "doc": doc,
        "entity": claim.entity,
        "segment": claim.segment,
        "metric": claim.metric,
        "value": _number(q.value),
        "unit": q.unit,
        "bound": q.bound,
        "low": None if q.low is None else _number(q.low),
        "high": None if q.high is None else _number(q.high),
        "period": claim.period,
        "period_text": claim.period_text,
        "counterparty": claim.counterparty,
        "notes": list(claim.notes),
        "sentence": claim.source.sentence,
        "figure": q.text,
        "span": [claim.source.start, claim.source.end],
        "article_id": claim.source.article_id,
        "id": claim.id,
    }


def _number(value: Any) -> int | float:
    """A Decimal as a JSON number: an int when it is whole, else the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _documents(paths: tuple[str, ...], date: str | None) -> Iterator[Document | ArticleError]:
    files = list(iter_paths(paths))
    show = sys.stderr.isatty() and len(files) >= PROGRESS_FROM
    progress = (
        Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console(stderr=True),
            transient=True,
        )
        if show
        else None
    )
    with progress if progress is not None else nullcontext():
        task = progress.add_task("extract", total=len(files)) if progress is not None else None
        for item in files:
            if isinstance(item, ArticleError):
                yield item
            else:
                yield from load_documents([item], date=date)
            if progress is not None and task is not None:
                progress.advance(task)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@click.option(
    "--date",
    metavar="YYYY-MM[-DD]",
    help="Publication date of articles that state none (no date line, no 'date' key).",
)
@json_option
def extract_command(paths: tuple[str, ...], date: str | None, as_json: bool) -> None:
    """Print every quantitative claim in the articles in PATH... (no store needed).

    PATH is an article file (seed layout with a ` date YYYY-MM Title` first line, plain text,
    JSON or JSON Lines) or a directory of them. Relative periods of undated articles stay
    unresolved unless --date gives the date. With --json, one JSON object per claim with the
    keys doc, entity, segment, metric, value, unit, bound, low, high, period, counterparty,
    sentence, figure and span ([start, end] in the article text).

    Files that cannot be read are reported on stderr, naming the file; the others are still
    processed and the exit status is 1 at the end.

    \b
    Examples:
      facts extract seeds/
      facts extract article.txt --date 2016-11 --json
    """
    from facts.extractor import extract

    failed = 0
    rows: list[dict[str, Any]] = []
    for item in _documents(paths, date):
        if isinstance(item, ArticleError):
            failed += 1
            click.echo(f"error: {item}", err=True)
            continue
        name = Path(item.name).name if ":" not in item.name else item.name
        claims = extract(item.article)
        if item.article.published is None:
            click.echo(f"note: {item.name}: undated, relative periods left unresolved", err=True)
        batch = [claim_row(name, c) for c in claims]
        if as_json:
            echo_json_lines(batch)
        else:
            rows.extend(batch)
    if not as_json:
        print_table(
            ("doc", "entity", "segment", "metric", "value", "unit", "bound", "period", "figure"),
            (
                (
                    shorten(r["doc"], 24),
                    r["entity"],
                    r["segment"],
                    r["metric"],
                    r["value"],
                    r["unit"],
                    r["bound"],
                    r["period"],
                    shorten(r["figure"], 40),
                )
                for r in rows
            ),
            title=f"{len(rows)} claims",
        )
    if failed:
        sys.exit(1)
