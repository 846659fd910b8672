"""The `facts` command group and the options every subcommand shares.

Each command opens the store, calls one library function and renders the result: logic lives in
the library, never here. Errors the user can act on (FactsError) become one line on stderr and
the error's exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from facts.errors import FactsError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "facts.db"


class FactsGroup(click.Group):
    """A click group that reports FactsError as a message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactsError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=FactsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="facts")
def main() -> None:
    """Track the quantitative claims news articles make about companies.

    Every figure is recorded as an event in an append-only store; histories, reports and
    checks are derived from that log.
    """


def db_option(func: F) -> F:
    """--db: a file path or SQLAlchemy URL; else $FACTS_DB; else ./facts.db."""
    return click.option(
        "--db",
        envvar="FACTS_DB",
        default=DEFAULT_DB,
        show_default=True,
        show_envvar=True,
        help="Store: a SQLite file path or a SQLAlchemy URL "
        "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).",
    )(func)


def json_option(func: F) -> F:
    """--json: machine output, one JSON object per line."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table."
    )(func)


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, soft_wrap=False)


def echo_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None
) -> None:
    """An aligned table for people; numbers right-aligned."""
    rows = list(rows)
    table = Table(title=title, show_lines=False, header_style="bold")
    for i, col in enumerate(columns):
        numeric = bool(rows) and all(
            isinstance(r[i], int | float) or (isinstance(r[i], str) and _looks_numeric(r[i]))
            for r in rows
            if r[i] not in (None, "")
        )
        table.add_column(col, justify="right" if numeric else "left", overflow="fold")
    for r in rows:
        table.add_row(*("" if v is None else str(v) for v in r))
    console().print(table)


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
