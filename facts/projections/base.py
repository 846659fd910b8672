"""What a projection is, as far as the runner is concerned.

A projection folds events, in log order, into its own tables. The runner hands it pages of
`RawEvent` (the stored row with its payload already parsed from JSON and upcast to the current
version), inside the transaction that also advances its checkpoint. Projections work on plain
dicts rather than typed events: building attrs objects costs more than the fold itself, and a
rebuild touches every event in the log.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NamedTuple

import sqlalchemy as sa

DDL_LOCK = 0x66616374  # "fact": the advisory lock key that serialises DDL on PostgreSQL


def lock_ddl(conn: sa.Connection) -> None:
    """Serialise schema changes (CREATE/DROP of projection tables and indexes) across processes.

    PostgreSQL's `IF NOT EXISTS` checks race: two transactions that both see an index missing
    both create it, and one fails on the catalog's unique key. A transaction-scoped advisory
    lock makes the second wait and then see the first one's committed index. SQLite needs
    nothing: the runner's write transactions already hold the database's write lock.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({DDL_LOCK})")


class RawEvent(NamedTuple):
    """One event as a projection sees it: position, stream, type and the upcast payload."""

    position: int
    stream_id: str
    stream_version: int
    type: str
    data: dict[str, Any]


class Projection(abc.ABC):
    """A fold of the log into tables named `proj_*` in the store's own database.

    `version` is bumped whenever the tables or the fold change meaning; the runner then drops
    and rebuilds the projection from the log instead of mixing rows of two versions.
    """

    name: ClassVar[str]
    version: ClassVar[int]
    metadata: ClassVar[sa.MetaData]
    # Indexes that serve queries but not the fold: dropped during a rebuild and created again
    # at its end, which is several times faster than maintaining them row by row.
    query_indexes: ClassVar[tuple[sa.Index, ...]] = ()

    @abc.abstractmethod
    def apply(self, conn: sa.Connection, events: Sequence[RawEvent]) -> None:
        """Fold one page of events into the tables, within the caller's transaction."""

    def fill(
        self, conn: sa.Connection, head: int, advance: Callable[[int], None] | None = None
    ) -> tuple[int, str]:
        """Start a rebuild: write, inside the database, what the events up to `head` give
        without a fold in Python, into the emptied tables (within the caller's transaction).

        Returns how many events that took care of, and an SQL condition on `events` that
        selects the others; the runner then hands those to `apply` in log order, as usual.
        `advance(n)`, if given, is called as parts of the work are done with the number of
        events each took care of (for a progress bar). By default nothing is done in bulk
        and every event is left to `apply`.
        """
        return 0, "1 = 1"
