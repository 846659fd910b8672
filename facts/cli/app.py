"""The `facts` command group and the options every subcommand shares.

Each command opens the store, calls one library function and renders the result: logic lives in
the library, never here. Errors the user can act on (FactsError) become one line on stderr and
the error's exit code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TypeVar

import click
from rich import box
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


FREE_TEXT_WIDTH = 70
"""How much of a sentence (or title) a table shows when it is not fitted to a terminal."""

SQUEEZE = ("sentence", "title", "why", "payload", "note", "quote")
"""Free-text columns: the only ones cut to fit; every other column keeps its full width."""


def print_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    *,
    numeric: Iterable[str] | None = None,
    squeeze: Sequence[str] = SQUEEZE,
) -> None:
    """An aligned table for people, one line per row.

    Only free-text columns give way (cut with an ellipsis) so that figures, ids and dates are
    never wrapped or truncated; piped output gets the free text at a fixed width instead of the
    terminal's. Numeric columns (given, or detected) are right-aligned.
    """
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if numeric is None:
        numeric = [
            name
            for i, name in enumerate(columns)
            if cells and all(_looks_numeric(row[i]) for row in cells if row[i] != "")
        ]
    numeric = set(numeric)
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(columns)]
    free = [i for i, name in enumerate(columns) if name in squeeze]
    fixed = sum(w for i, w in enumerate(widths) if i not in free) + 3 * len(columns)
    out = console()
    if out.is_terminal:
        room = max(12, (out.width - fixed) // max(len(free), 1))
    else:
        room = FREE_TEXT_WIDTH
        out = Console(width=fixed + sum(min(widths[i], room) for i in free) + 2, soft_wrap=False)
    for i, name in enumerate(columns):
        if i in free:
            table.add_column(name, no_wrap=True, overflow="ellipsis", width=min(widths[i], room))
        else:
            justify: Literal["left", "right"] = "right" if name in numeric else "left"
            table.add_column(name, no_wrap=True, justify=justify, width=widths[i])
    for row in cells:
        table.add_row(*row)
    out.print(table)


def _looks_numeric(text: str) -> bool:
    if not text or text.isspace():
        return False
    try:
        float(text.replace(",", "").lstrip("~≥≤<> "))
    except ValueError:
        return False
    return True


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
