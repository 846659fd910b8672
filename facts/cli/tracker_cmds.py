"""CLI commands over `facts.tracker.Tracker`: one command per method, nothing but rendering here.

People get aligned tables with long sentences shortened; `--json` prints every field as JSON
Lines (Decimals as strings, so no digit is lost).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs
import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from facts.cli.app import console, db_option, echo_json_lines, json_option, main, print_table
from facts.cli.app import shorten as _shorten
from facts.errors import UsageError
from facts.ingest import IngestReport, ReparseReport
from facts.tracker import Statement, Tracker
from facts.tracker import open as open_tracker


def _tracker(db: str) -> Tracker:
    return open_tracker(db)


@contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs stay clean)."""
    if not sys.stderr.isatty():

        def silent(done: int, total: int | None = None) -> None:
            return None

        yield silent
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    columns += [MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int, total: int | None = None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure(s: Statement) -> str:
    if s.bound == "range" and s.low is not None and s.high is not None:
        return f"{_number(s.low)}–{_number(s.high)}"
    prefix = {"lower": "≥ ", "upper": "≤ ", "approx": "~ "}.get(s.bound, "")
    return prefix + _number(s.value)


def _statement_table(
    statements: Sequence[Statement],
    *,
    title: str | None = None,
    entity: bool = False,
    metric: bool = True,
    status: bool = True,
) -> None:
    """One line per statement; columns that say nothing here are left out, and the sentence
    takes what width remains (shortened with an ellipsis)."""
    columns: list[tuple[str, Callable[[Statement], Any]]] = []
    if entity:
        columns.append(("entity", lambda s: s.entity))
    if metric:
        columns.append(("metric", lambda s: s.metric))
    if any(s.segment for s in statements):
        columns.append(("segment", lambda s: s.segment))
    columns += [
        ("stated", lambda s: s.stated_on or "undated"),
        ("period", lambda s: s.period),
        ("value", _figure),
        ("unit", lambda s: s.unit),
        ("bound", lambda s: s.bound),
    ]
    if any(s.counterparty for s in statements):
        columns.append(("counterparty", lambda s: s.counterparty))
    if status or any(s.status != "active" for s in statements):
        # A corrected value must not pass for the extractor's reading: say so when one is shown.
        columns.append(("status", lambda s: s.status))
    columns += [("claim", lambda s: s.claim_id[:10]), ("sentence", _sentence)]
    rows = [[get(s) for _, get in columns] for s in statements]
    print_table([name for name, _ in columns], rows, title=title, numeric={"value"})


def _sentence(s: Statement) -> str:
    """The sentence, starting shortly before the figure when the figure sits late in it.

    Tables cut long sentences at the end; without this, a figure deep in a long sentence
    would be cut away and the row would show words that say nothing about the number.
    """
    sentence = " ".join(s.source.sentence.split())
    figure = " ".join((s.source.figure or "").split())
    at = sentence.find(figure) if figure else -1
    if at > LEAD_IN:
        cut = sentence.rfind(" ", 0, at - LEAD_IN) + 1
        if cut > 0:
            return "…" + sentence[cut:]
    return sentence


LEAD_IN = 25
"""Characters of context kept before a figure when a sentence is shown from the middle."""


def _known_at(value: str | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value.strip().isdigit() else value


# --- writing ----------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--date", help="Publication date (YYYY-MM or YYYY-MM-DD) of articles without one.")
@click.option("--language", help="Language (de, en) of articles that do not say; else detected.")
@db_option
@json_option
def ingest(
    paths: tuple[str, ...], date: str | None, language: str | None, db: str, as_json: bool
) -> None:
    """Record articles (files or directories) and the claims found in them.

    The same text ingested twice is recorded once; a changed text from the same source is
    recorded as a new article that supersedes the old one. Files that cannot be read are
    reported, the rest is still recorded, and the exit code is 1.
    """
    with _tracker(db) as tracker, _progress("ingesting articles") as progress:
        report = tracker.ingest(
            list(paths), date=date, language=language, progress=lambda done: progress(done, None)
        )
    if as_json:
        echo_json_lines({"record": "article", **attrs.asdict(a)} for a in report.articles)
        echo_json_lines({"record": "error", **attrs.asdict(e)} for e in report.errors)
        echo_json_lines([{"record": "summary", **_ingest_summary(report)}])
    else:
        _print_ingest(report)
    if report.errors:
        sys.exit(1)


def _ingest_summary(report: IngestReport) -> dict[str, Any]:
    return {
        "articles": len(report.articles),
        "new": len(report.new),
        "duplicate": len(report.duplicates),
        "superseding": len(report.superseding),
        "undated": [a.article_id for a in report.undated],
        "claims_extracted": report.claims_extracted,
        "claims_withdrawn": report.claims_withdrawn,
        "reviews_carried": report.reviews_carried,
        "reviews_dropped": list(report.reviews_dropped),
        "errors": len(report.errors),
        "extractor_version": report.extractor_version,
    }


def _print_ingest(report: IngestReport) -> None:
    rows = [
        [
            a.article_id,
            a.outcome + (f" {a.supersedes}" if a.supersedes else ""),
            a.published or "undated",
            a.claims if a.outcome != "duplicate" else "",
            a.title or (a.source or "").rsplit("/", 1)[-1],
        ]
        for a in report.articles
    ]
    if rows:
        print_table(["article", "recorded", "date", "claims", "title"], rows, numeric={"claims"})
    summary = _ingest_summary(report)
    out = console()
    out.print(
        f"{summary['articles']} articles: {summary['new']} new, {summary['duplicate']} already "
        f"recorded, {summary['superseding']} superseding an earlier text; "
        f"{summary['claims_extracted']} claims extracted"
        + (f", {summary['claims_withdrawn']} withdrawn" if summary["claims_withdrawn"] else "")
        + f" (extractor {report.extractor_version}).",
        highlight=False,
    )
    if report.reviews_carried:
        out.print(
            f"{report.reviews_carried} reviews carried over to the same statements in the "
            "changed texts.",
            highlight=False,
        )
    if report.reviews_dropped:
        out.print(
            f"{len(report.reviews_dropped)} reviewed claims are gone from the changed texts "
            "(their statements were edited; review the new claims): "
            + ", ".join(report.reviews_dropped),
            highlight=False,
        )
    if report.undated:
        out.print(
            f"{len(report.undated)} undated (relative periods left open; "
            "supply a date with `facts set-date ARTICLE_ID YYYY-MM[-DD]`): "
            + ", ".join(a.article_id for a in report.undated),
            highlight=False,
        )
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line is not None else error.path
        click.echo(f"error: {where}: {error.message}", err=True)


@main.command()
@db_option
@json_option
def reparse(db: str, as_json: bool) -> None:
    """Run the current extractor over every recorded article; record only what changed.

    Claims it no longer finds are withdrawn, new ones are added, changed ones get a new
    version; claims a person reviewed keep the reviewer's verdict.
    """
    with _tracker(db) as tracker, _progress("re-parsing articles") as progress:
        report = tracker.reparse(progress=progress)
    _print_reparse(report, as_json)


@main.command("set-date")
@click.argument("article_id")
@click.argument("published", metavar="YYYY-MM[-DD]")
@click.option("--note", help="Where the date comes from.")
@db_option
@json_option
def set_date(article_id: str, published: str, note: str | None, db: str, as_json: bool) -> None:
    """Record the publication date of an article, then resolve its claims' periods with it."""
    with _tracker(db) as tracker:
        report = tracker.set_date(article_id, published, note=note)
    _print_reparse(report, as_json)


def _print_reparse(report: ReparseReport, as_json: bool) -> None:
    summary = {
        "articles": report.articles,
        "unchanged": report.unchanged,
        "new": report.count("new"),
        "changed": report.count("changed"),
        "withdrawn": report.count("withdrawn"),
        "extractor_version": report.extractor_version,
    }
    if as_json:
        echo_json_lines({"record": "change", **attrs.asdict(c)} for c in report.changes)
        echo_json_lines([{"record": "summary", **summary}])
        return
    if report.changes:
        rows = [[c.change, c.claim_id, c.article_id, c.entity, c.metric] for c in report.changes]
        print_table(["change", "claim", "article", "entity", "metric"], rows)
    console().print(
        f"{summary['articles']} articles with extractor {summary['extractor_version']}: "
        f"{summary['new']} new, {summary['changed']} changed, {summary['withdrawn']} withdrawn, "
        f"{summary['unchanged']} unchanged.",
        highlight=False,
    )


@main.command()
@click.argument("claim_id")
@click.option("--confirm", "verdict", flag_value="confirmed", help="The claim is right.")
@click.option("--reject", "verdict", flag_value="rejected", help="The claim is wrong.")
@click.option(
    "--correct",
    "corrections",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Correct a field (value, low, high, unit, bound, period, entity, segment, metric, "
    "counterparty); repeatable. An empty VALUE clears an optional field.",
)
@click.option("--note", help="Why: shown with the claim and kept in its history.")
@click.option("--reviewer", help="Who reviews (default: the login name).")
@db_option
@json_option
def review(
    claim_id: str,
    verdict: str | None,
    corrections: tuple[str, ...],
    note: str | None,
    reviewer: str | None,
    db: str,
    as_json: bool,
) -> None:
    """Record a person's verdict on a claim; it outranks the extractor and survives re-parses."""
    if corrections and verdict is not None:
        raise UsageError("use one of --confirm, --reject or --correct")
    if not corrections and verdict is None:
        raise UsageError("say --confirm, --reject or --correct FIELD=VALUE")
    fields: dict[str, str] = {}
    for item in corrections:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"--correct takes FIELD=VALUE, got {item!r}")
        fields[field.strip()] = value
    with _tracker(db) as tracker:
        statement = tracker.review(
            claim_id,
            verdict or "corrected",
            fields or None,
            note=note,
            reviewer=reviewer,
        )
    if as_json:
        echo_json_lines([statement.to_dict()])
    else:
        _print_statement(statement)


@main.command()
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@db_option
def rebuild(quiet: bool, db: str) -> None:
    """Drop the projections and fold the whole event log into them again.

    The answers afterwards are identical; use it after an upgrade or to check that claim.
    """
    with _tracker(db) as tracker, _progress("rebuilding projections") as progress:
        started = time.perf_counter()
        applied = tracker.rebuild(progress=progress)
        elapsed = time.perf_counter() - started
    if not quiet:
        rate = f" ({applied / elapsed:,.0f} events/s)" if elapsed > 0 and applied else ""
        click.echo(f"rebuilt from {applied} events in {elapsed:.2f} s{rate}")


# --- asking -----------------------------------------------------------------------------------


@main.command()
@click.argument("entity")
@click.argument("metric", required=False)
@click.option("--as-of", metavar="DATE", help="Only articles published by then (YYYY-MM-DD).")
@click.option(
    "--known-at",
    metavar="TIMESTAMP|POSITION",
    help="What the store believed then: a log position or an ISO 8601 timestamp.",
)
@click.option("--all", "include_all", is_flag=True, help="Include withdrawn and rejected claims.")
@db_option
@json_option
def history(
    entity: str,
    metric: str | None,
    as_of: str | None,
    known_at: str | None,
    include_all: bool,
    db: str,
    as_json: bool,
) -> None:
    """How the figures stated about a company (one metric, or all) evolved, oldest first."""
    with _tracker(db) as tracker:
        result = tracker.history(
            entity,
            metric,
            as_of=as_of,
            known_at=_known_at(known_at),
            include_withdrawn=include_all,
        )
    if as_json:
        echo_json_lines(result.to_dicts())
        return
    title = result.entity + (f" ({result.segment})" if result.segment else "")
    former = sorted({st.entity for st in result.statements} - {result.entity})
    if former:
        # `Meta`, stated in 2018 as `Facebook`: say under which names the rows were stated.
        title += f" (stated as {', '.join(former)})"
    title += f": {result.metric}" if result.metric else ""
    if result.as_of:
        title += f", as of {result.as_of}"
    if result.known_at is not None:
        title += f", known at position {result.known_at}"
    _statement_table(
        result.statements, title=title, metric=result.metric is None, status=include_all
    )


@main.command()
@click.option("--entity", help="Only this company (or segment, e.g. AWS).")
@click.option("--metric", help="Only this metric.")
@click.option(
    "--status",
    type=click.Choice(["active", "withdrawn", "rejected", "corrected"]),
    multiple=True,
    help="Only claims with this status (repeatable); default all.",
)
@click.option("--article", "article_id", help="Only claims from this article.")
@click.option("--as-of", metavar="DATE", help="Only articles published by then (YYYY-MM-DD).")
@click.option("--known-at", metavar="TIMESTAMP|POSITION", help="As the store believed then.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@db_option
@json_option
def claims(
    entity: str | None,
    metric: str | None,
    status: tuple[str, ...],
    article_id: str | None,
    as_of: str | None,
    known_at: str | None,
    limit: int | None,
    db: str,
    as_json: bool,
) -> None:
    """List claims in their current version (or as known at a moment), any status."""
    with _tracker(db) as tracker:
        found = tracker.claims(
            entity,
            metric,
            status=status or None,
            article_id=article_id,
            as_of=as_of,
            known_at=_known_at(known_at),
            limit=limit,
        )
    if as_json:
        echo_json_lines(s.to_dict() for s in found)
    else:
        _statement_table(found, entity=True)


@main.command()
@db_option
@json_option
def companies(db: str, as_json: bool) -> None:
    """The companies with figures the store stands by."""
    with _tracker(db) as tracker:
        found = tracker.companies()
    if as_json:
        echo_json_lines(attrs.asdict(c) for c in found)
        return
    rows = [
        [
            c.name,
            c.claims,
            ", ".join(c.metrics),
            ", ".join(c.segments),
            c.first_stated,
            c.last_stated,
        ]
        for c in found
    ]
    print_table(
        ["company", "claims", "first", "last", "metrics"],
        [[r[0], r[1], r[4], r[5], f"{r[2]} (segments: {r[3]})" if r[3] else r[2]] for r in rows],
        numeric={"claims"},
        squeeze=("metrics",),
    )


@main.command()
@click.argument("entity")
@db_option
@json_option
def metrics(entity: str, db: str, as_json: bool) -> None:
    """The metrics with figures the store stands by for a company (or one of its segments)."""
    with _tracker(db) as tracker:
        found = tracker.metrics(entity)
    if as_json:
        echo_json_lines(attrs.asdict(m) for m in found)
        return
    rows = [
        [m.metric, m.claims, ", ".join(m.segments), m.first_stated, m.last_stated] for m in found
    ]
    print_table(
        ["metric", "claims", "first", "last", "segments"],
        [[r[0], r[1], r[3], r[4], r[2]] for r in rows],
        numeric={"claims"},
        squeeze=("segments",),
    )


@main.command()
@click.argument("claim_id")
@db_option
@json_option
def show(claim_id: str, db: str, as_json: bool) -> None:
    """A claim in full: its sentence, every version the store held, and its raw events."""
    with _tracker(db) as tracker:
        detail = tracker.show(claim_id)
    if as_json:
        echo_json_lines(
            [
                {
                    "claim": detail.current.to_dict(),
                    "versions": [v.to_dict() for v in detail.versions],
                    "events": [e.as_dict() for e in detail.events],
                }
            ]
        )
        return
    _print_statement(detail.current)
    click.echo("")
    versions = [
        [
            v.known_from,
            v.known_until if v.known_until is not None else "",
            v.changed_by,
            v.status,
            _figure(v),
            v.unit,
            v.period,
            v.stated_on or "undated",
            v.reason or v.note or "",
        ]
        for v in detail.versions
    ]
    print_table(
        ["from", "until", "by", "status", "value", "unit", "period", "stated", "why"],
        versions,
        title="versions (log positions)",
    )
    events = [
        [e.position, e.stream_version, e.type, e.recorded_at.isoformat(), _shorten(e.payload, 60)]
        for e in detail.events
    ]
    print_table(["position", "version", "type", "recorded at", "payload"], events, title="events")


def _print_statement(s: Statement) -> None:
    fields: list[tuple[str, Any]] = [
        ("claim", s.claim_id),
        ("entity", s.entity),
        ("segment", s.segment),
        ("metric", s.metric),
        ("value", f"{_figure(s)} {s.unit} ({s.bound})"),
        (
            "period",
            s.period + (f" ({s.period_text})" if s.period_text else "") if s.period else None,
        ),
        ("counterparty", s.counterparty),
        ("status", s.status + (f", {s.verdict} by a reviewer" if s.verdict == "confirmed" else "")),
        ("reason", s.reason),
        ("note", s.note),
        ("stated", s.stated_on or "undated"),
        ("article", s.source.article_id + (f"  {s.source.title}" if s.source.title else "")),
        ("source", s.source.source),
        ("figure", s.source.figure),
        ("span", f"{s.source.span[0]}-{s.source.span[1]}"),
        ("extractor", s.extractor_version),
    ]
    width = max(len(k) for k, _ in fields)
    for key, value in fields:
        if value not in (None, ""):
            click.echo(f"{key.rjust(width)}  {value}")
    click.echo(f"{'sentence'.rjust(width)}  {s.source.sentence}")
