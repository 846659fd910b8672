"""CLI commands over the event store itself: `facts verify` and `facts log`, for audit.

Both read the raw log, below every projection, so they answer even when projections are
missing or wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice

import click

from facts.cli.app import db_option, echo_json_lines, json_option, main, print_table, shorten
from facts.store import EventStore, RecordedEvent

PAYLOAD_WIDTH = 80


@main.command()
@db_option
@json_option
@click.option(
    "--page-size", default=5000, show_default=True, type=click.IntRange(1), help="Events per read."
)
def verify(db: str, as_json: bool, page_size: int) -> None:
    """Walk the hash chain of the log and report the first position where it breaks.

    Exits 0 when the chain is intact and 1 when it is broken. Write down the printed head hash:
    comparing it later also detects events cut off the end of the log.
    """
    with EventStore.open(db, create=False) as store:
        report = store.verify(page_size=page_size)
    if as_json:
        echo_json_lines(
            [
                {
                    "ok": report.ok,
                    "checked": report.checked,
                    "first_bad_position": report.first_bad_position,
                    "message": report.message,
                    "head_hash": report.head_hash,
                }
            ]
        )
    elif report.ok:
        click.echo(f"ok: {report.message}; head hash {report.head_hash or '-'}")
    else:
        click.echo(
            f"BROKEN at position {report.first_bad_position}: {report.message} "
            f"({report.checked} events before it verified)",
            err=True,
        )
    if not report.ok:
        sys.exit(1)


@main.command()
@db_option
@json_option
@click.option("--stream", "stream_id", metavar="STREAM", help="Only this stream, in stream order.")
@click.option(
    "--after",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Only events after this log position.",
)
@click.option(
    "--limit",
    default=None,
    type=click.IntRange(1),
    help="At most this many events (default: all).",
)
def log(db: str, as_json: bool, stream_id: str | None, after: int, limit: int | None) -> None:
    """Print the raw events of the log, oldest first: positions, streams, types, payloads.

    People get a table with the payload shortened; --json prints every stored column (the
    payload exactly as stored) as JSON Lines.
    """
    with EventStore.open(db, create=False) as store:
        events: Iterator[RecordedEvent]
        if stream_id is not None:
            events = (r for r in store.read_stream(stream_id) if r.position > after)
        else:
            events = store.iter_all(after=after)
        if limit is not None:
            events = islice(events, limit)
        if as_json:
            echo_json_lines(r.as_dict() for r in events)  # streamed: the log may be large
            return
        selected = list(events)
    print_table(
        ["position", "recorded at (UTC)", "stream", "ver", "type", "v", "payload"],
        [
            [
                r.position,
                r.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
                r.stream_id,
                r.stream_version,
                r.type,
                r.version,
                shorten(r.payload, PAYLOAD_WIDTH),
            ]
            for r in selected
        ],
    )
