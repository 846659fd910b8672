"""The figures projection: every claim's stated figure, with its whole record-time history.

`proj_figures` holds one row per *version* of a claim. A version begins at the log position of
the event that made it current (`valid_from`) and ends at the position of the event that
replaced it (`valid_to`, NULL while current). Every event about a claim (extracted again with
new content, withdrawn, reviewed) and every date supplied for its article closes the current
version and opens a new one, so:

- what the store believes now is `valid_to IS NULL`;
- what it believed at position P is `valid_from <= P AND (valid_to IS NULL OR valid_to > P)`;
- what had been published by a date D is `stated_on <= D`.

All three are plain WHERE clauses over indexed columns; nothing is replayed at query time.

A person's review outranks the extractor: a version carries the review's verdict and its
corrections, and a later re-extraction of the same claim gets the corrections applied on top of
the extractor's new reading. `proj_articles` holds the current state of each article (date,
title, source, the article it supersedes), which ingestion consults to detect changed texts.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any, ClassVar

import sqlalchemy as sa

from facts import codec
from facts.projections.base import Projection, RawEvent, lock_ddl

metadata = sa.MetaData()

figures = sa.Table(
    "proj_figures",
    metadata,
    sa.Column("claim_id", sa.String(64), nullable=False),
    sa.Column("valid_from", sa.BigInteger, nullable=False),
    sa.Column("valid_to", sa.BigInteger, nullable=True),
    sa.Column("stream_version", sa.Integer, nullable=False),
    sa.Column("changed_by", sa.String(32), nullable=False),
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("segment", sa.Text),
    sa.Column("metric", sa.Text, nullable=False),
    # Decimals as their exact text: money and percentages never pass through a float.
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("low", sa.Text),
    sa.Column("high", sa.Text),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("bound", sa.Text, nullable=False),
    sa.Column("figure", sa.Text),
    sa.Column("period", sa.Text),
    sa.Column("period_text", sa.Text),
    sa.Column("counterparty", sa.Text),
    sa.Column("article_id", sa.String(64), nullable=False),
    sa.Column("published", sa.String(10)),
    sa.Column("stated_on", sa.String(10)),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("extractor_version", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("withdrawn", sa.Integer, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("verdict", sa.String(16)),
    sa.Column("corrections", sa.Text),
    sa.Column("reviewer", sa.Text),
    sa.Column("note", sa.Text),
    # No primary key in the table itself: (claim_id, valid_from) is the unique index
    # `proj_figures_claim`, built after a rebuild like the query indexes. Rows then go to the
    # end of the table in log order (SQLite's rowid, PostgreSQL's heap) instead of into a
    # B-tree keyed by random claim ids. (valid_from alone is not unique: a date set for an
    # article opens a version of each of its claims at the same position.)
)

articles = sa.Table(
    "proj_articles",
    metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("stream_version", sa.Integer, nullable=False),
    sa.Column("published", sa.String(10)),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("language", sa.String(8)),
    sa.Column("text_sha256", sa.String(64), nullable=False),
    sa.Column("supersedes", sa.String(64)),
    sa.Column("superseded_by", sa.String(64)),
    sa.Column("ingested_at", sa.BigInteger, nullable=False),
)

# Every (entity, segment, metric) ever stated, so that resolving a name someone typed is an
# indexed probe instead of a DISTINCT over a million figures. Never shrinks: a name once known
# stays resolvable even when all its figures are withdrawn.
names = sa.Table(
    "proj_names",
    metadata,
    sa.Column("entity", sa.Text, nullable=False),
    sa.Column("segment", sa.Text, nullable=False),  # '' for none, so it can be in the key
    sa.Column("metric", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("entity", "segment", "metric", name="proj_names_pk"),
)

# The fold looks up current versions by claim and by article (a date set for an article
# re-versions all its claims); queries go by entity and metric, current or as of a position.
_claim_index = sa.Index("proj_figures_claim", figures.c.claim_id, figures.c.valid_from, unique=True)
_article_index = sa.Index("proj_figures_article", figures.c.article_id, figures.c.valid_to)
_current_index = sa.Index(
    "proj_figures_entity_metric", figures.c.entity, figures.c.metric, figures.c.valid_to
)
_source_index = sa.Index("proj_articles_source", articles.c.source, articles.c.superseded_by)

COLUMNS: tuple[str, ...] = tuple(c.name for c in figures.columns)
_I = {name: i for i, name in enumerate(COLUMNS)}
_CLAIM_ID, _VALID_FROM, _VALID_TO, _STREAM_VERSION, _CHANGED_BY = (
    _I["claim_id"],
    _I["valid_from"],
    _I["valid_to"],
    _I["stream_version"],
    _I["changed_by"],
)
_ARTICLE_ID, _PUBLISHED, _STATED_ON = _I["article_id"], _I["published"], _I["stated_on"]
_STATUS, _WITHDRAWN, _REASON = _I["status"], _I["withdrawn"], _I["reason"]
_VERDICT, _CORRECTIONS, _REVIEWER, _NOTE = (
    _I["verdict"],
    _I["corrections"],
    _I["reviewer"],
    _I["note"],
)
_EXTRACTOR_VERSION = _I["extractor_version"]

ARTICLE_COLUMNS: tuple[str, ...] = tuple(c.name for c in articles.columns)
_A = {name: i for i, name in enumerate(ARTICLE_COLUMNS)}

# Fields a review may correct, and the column each lands in. Optional ones accept an empty
# value to mean "none".
CORRECTABLE: dict[str, bool] = {
    "entity": False,
    "segment": True,
    "metric": False,
    "value": False,
    "low": True,
    "high": True,
    "unit": False,
    "bound": False,
    "period": True,
    "counterparty": True,
}

STATUSES: tuple[str, ...] = ("active", "withdrawn", "rejected", "corrected")


@lru_cache(maxsize=4096)
def stated_on(published: str | None) -> str | None:
    """The date by which an article is surely published: a month-dated one at its month's end.

    A `YYYY-MM` article may have appeared on any day of that month, so it only counts as
    published "as of" a date from the month's last day on; that keeps `as_of` from admitting
    a statement that might not have been made yet.
    """
    if published is None:
        return None
    if len(published) == 7:
        year, month = int(published[:4]), int(published[5:7])
        return f"{published}-{calendar.monthrange(year, month)[1]:02d}"
    return published


def _status(withdrawn: int, verdict: str | None, corrections: str | None) -> str:
    if verdict == "rejected":
        return "rejected"
    if withdrawn:
        return "withdrawn"
    if verdict == "corrected" or corrections:
        return "corrected"
    return "active"


def _apply_corrections(row: list[Any], corrections: dict[str, str]) -> None:
    for field, value in corrections.items():
        if field in CORRECTABLE:
            row[_I[field]] = None if (value == "" and CORRECTABLE[field]) else value


class FiguresProjection(Projection):
    """Claims as versioned figure rows, and articles as their current state."""

    name: ClassVar[str] = "figures"
    # 4: no primary key in the table; (claim_id, valid_from) is the unique index below.
    version: ClassVar[int] = 4
    metadata: ClassVar[sa.MetaData] = metadata
    # All indexes are built after a rebuild's rows are in: the fold only needs the claim and
    # article ones when an event refers to a version stored by an earlier page, and then
    # creates them first (`_Page.preload`). One index serves both time axes: `known_at` seeks
    # (entity, metric) and reads the few versions there, so a second index on valid_from
    # would only slow every write.
    query_indexes: ClassVar[tuple[sa.Index, ...]] = (_claim_index, _article_index, _current_index)

    def fill(
        self, conn: sa.Connection, head: int, advance: Callable[[int], None] | None = None
    ) -> tuple[int, str]:
        """Write every article as ingested and the first version of every claim, each in one
        `INSERT ... SELECT` inside the database.

        Nearly every event of a real log is an `ArticleIngested` or a claim's first
        `ClaimExtracted` (stream version 1). An article's row as ingested depends only on its
        payload; a claim's first version on its payload, its position and its article's date
        at that position. The database extracts the payloads' fields itself (SQLite's
        `json_extract`, PostgreSQL's `jsonb`), far faster than parsing and binding in Python;
        the dates come from a small temporary table of date intervals computed here. Every
        other event (re-extractions, withdrawals, reviews, dates, supersessions, and any
        payload of an older version, which must be upcast first) is left to `apply`, which
        finds these rows in the tables like rows of earlier pages.

        The claims are written in slices of `FILL_SLICE` log positions, so that a progress
        bar moves while they are (the slices cost nothing measurable: each is a range scan
        of the log's primary key).

        On PostgreSQL a payload whose decimals are not JSON strings (never written by facts)
        makes the statement fail on purpose (`_decimal`); it is then undone and everything is
        folded in Python.
        """
        dialect = conn.dialect.name
        if dialect not in ("sqlite", "postgresql"):
            return 0, "1 = 1"
        try:
            with conn.begin_nested():
                written = conn.exec_driver_sql(
                    _articles_sql(dialect), (codec.current_version(_ARTICLE_TYPE), head)
                ).rowcount
                if advance is not None:
                    advance(written)
                _article_dates(conn, head)
                claims_sql, version = _claims_sql(dialect), codec.current_version(_CLAIM_TYPE)
                for start in range(0, head, FILL_SLICE):
                    stop = min(start + FILL_SLICE, head)
                    rows = conn.exec_driver_sql(claims_sql, (version, start, stop)).rowcount
                    written += rows
                    if advance is not None:
                        advance(rows)
                conn.exec_driver_sql(_NAMES_SQL)
        except sa.exc.DBAPIError:
            return 0, "1 = 1"
        finally:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_DATES}")
        return written, _left_to_apply()

    def apply(self, conn: sa.Connection, events: Sequence[RawEvent]) -> None:
        page = _Page(conn)
        page.preload(events)
        handlers = _HANDLERS
        for event in events:
            handler = handlers.get(event.type)
            if handler is not None:
                handler(page, event)
        page.flush()


# --- rebuilding in bulk -----------------------------------------------------------------------

_DATES = "facts_rebuild_dates"
FILL_SLICE = 100_000
_CLAIM_TYPE = "ClaimExtracted"
_ARTICLE_TYPE = "ArticleIngested"
_DATE_TYPE = "ArticleDateSet"
# PostgreSQL: parse each payload once (OFFSET 0 keeps the planner from inlining the parse
# into every expression that uses it).
_PG_PARSED = "CROSS JOIN LATERAL (SELECT c.payload::jsonb AS j OFFSET 0) AS x "

# proj_figures column -> the JSON path of the first ClaimExtracted's payload that fills it.
_CLAIM_PATHS: dict[str, tuple[str, ...]] = {
    "claim_id": ("claim", "id"),
    "entity": ("claim", "entity"),
    "segment": ("claim", "segment"),
    "metric": ("claim", "metric"),
    "value": ("claim", "quantity", "value"),
    "low": ("claim", "quantity", "low"),
    "high": ("claim", "quantity", "high"),
    "unit": ("claim", "quantity", "unit"),
    "bound": ("claim", "quantity", "bound"),
    "figure": ("claim", "quantity", "text"),
    "period": ("claim", "period"),
    "period_text": ("claim", "period_text"),
    "counterparty": ("claim", "counterparty"),
    "article_id": ("claim", "source", "article_id"),
    "sentence": ("claim", "source", "sentence"),
    "span_start": ("claim", "source", "start"),
    "span_end": ("claim", "source", "end"),
    "extractor_version": ("extractor_version",),
}
_DECIMALS = ("value", "low", "high")
_INTEGERS = ("span_start", "span_end")
# What the first version of a claim has that its payload does not say.
_CLAIM_CONSTANTS: dict[str, str] = {
    "valid_from": "c.position",
    "valid_to": "NULL",
    "stream_version": "c.stream_version",
    "changed_by": f"'{_CLAIM_TYPE}'",
    "published": "d.published",
    "stated_on": "d.stated_on",
    "status": "'active'",
    "withdrawn": "0",
    "reason": "NULL",
    "verdict": "NULL",
    "corrections": "NULL",
    "reviewer": "NULL",
    "note": "NULL",
}
_ARTICLE_CONSTANTS: dict[str, str] = {
    "stream_version": "c.stream_version",
    "supersedes": "NULL",
    "superseded_by": "NULL",
    "ingested_at": "c.position",
}


def _left_to_apply() -> str:
    """The events `fill` did not write: all but first extractions and ingestions of the
    current version."""
    claims = codec.current_version(_CLAIM_TYPE)
    articles = codec.current_version(_ARTICLE_TYPE)
    return (
        f"NOT ((type = '{_CLAIM_TYPE}' AND stream_version = 1 AND version = {claims}) "
        f"OR (type = '{_ARTICLE_TYPE}' AND version = {articles}))"
    )


def _json(dialect: str, path: tuple[str, ...]) -> str:
    """The text or number at `path` in the payload of `c` (JSON null: SQL NULL)."""
    if dialect == "sqlite":
        return f"json_extract(c.payload, '$.{'.'.join(path)}')"
    return f"(x.j #>> '{{{','.join(path)}}}')"


def _claims_sql(dialect: str) -> str:
    """`INSERT ... SELECT` of the first versions of the claims in a slice of the log;
    parameters: version, the slice's first position minus one and its last position."""
    mark = "?" if dialect == "sqlite" else "%s"
    exprs: list[str] = []
    for column in COLUMNS:
        if column in _CLAIM_CONSTANTS:
            exprs.append(_CLAIM_CONSTANTS[column])
            continue
        path = _CLAIM_PATHS[column]
        expr = _json(dialect, path)
        if dialect == "postgresql" and column in _INTEGERS:
            expr = f"{expr}::integer"
        if dialect == "postgresql" and column in _DECIMALS:
            expr = _decimal(path, expr, required=column == "value")
        exprs.append(expr)
    article = _json(dialect, _CLAIM_PATHS["article_id"])
    return (
        f"INSERT INTO proj_figures ({', '.join(COLUMNS)}) SELECT {', '.join(exprs)} "
        f"FROM events AS c {'' if dialect == 'sqlite' else _PG_PARSED}"
        f"LEFT JOIN {_DATES} AS d ON d.article_id = {article} "
        "AND d.start < c.position AND (d.stop IS NULL OR c.position < d.stop) "
        f"WHERE c.type = '{_CLAIM_TYPE}' AND c.stream_version = 1 AND c.version = {mark} "
        f"AND c.position > {mark} AND c.position <= {mark}"
    )


def _decimal(path: tuple[str, ...], expr: str, *, required: bool) -> str:
    """PostgreSQL: exact decimal text only.

    A decimal stored as a JSON number (never written by facts) comes out of `jsonb` as the
    number's text (`1.50`), but the Python fold stores the float `json.loads` makes of it
    (`1.5`). Such a payload fails the statement on purpose, and the rebuild folds everything
    in Python. SQLite needs no check: there both paths store the same REAL and SQLite turns
    it into the column's text the same way (`test_bulk_rebuild.py` pins this).
    """
    kind = f"jsonb_typeof(x.j #> '{{{','.join(path)}}}')"
    fail = "(c.type::jsonb #>> '{}')"  # not JSON: an error, raised only where reached
    if required:
        return f"CASE WHEN {kind} = 'string' THEN {expr} ELSE {fail} END"
    return f"CASE WHEN {kind} IS NULL OR {kind} IN ('string', 'null') THEN {expr} ELSE {fail} END"


def _articles_sql(dialect: str) -> str:
    """`INSERT ... SELECT` of every article as ingested; parameters: version, head."""
    mark = "?" if dialect == "sqlite" else "%s"
    exprs = [
        _ARTICLE_CONSTANTS[column] if column in _ARTICLE_CONSTANTS else _json(dialect, (column,))
        for column in ARTICLE_COLUMNS
    ]
    return (
        f"INSERT INTO proj_articles ({', '.join(ARTICLE_COLUMNS)}) SELECT {', '.join(exprs)} "
        f"FROM events AS c {'' if dialect == 'sqlite' else _PG_PARSED}"
        f"WHERE c.type = '{_ARTICLE_TYPE}' AND c.version = {mark} AND c.position <= {mark}"
    )


# Every name the bulk rows state (the fold adds those of the rows it writes itself).
_NAMES_SQL = (
    "INSERT INTO proj_names (entity, segment, metric) "
    "SELECT DISTINCT entity, COALESCE(segment, ''), metric FROM proj_figures WHERE 1 = 1 "
    "ON CONFLICT DO NOTHING"
)


def _article_dates(conn: sa.Connection, head: int) -> None:
    """A temporary table of each article's date over log positions: (article, start, stop,
    published, stated_on), from its ingestion and every date set for it, as the fold sees
    them (a date set for an article not ingested before it changes nothing).

    Ingestions of the current version are read from `proj_articles` (written just before);
    date sets and older ingestions are few and are parsed and upcast here.
    """
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    changes: list[tuple[int, str, str, str | None]] = [
        (position, _ARTICLE_TYPE, article_id, published)
        for position, article_id, published in conn.exec_driver_sql(
            "SELECT ingested_at, article_id, published FROM proj_articles"
        )
    ]
    for position, kind, version, payload in conn.exec_driver_sql(
        "SELECT position, type, version, payload FROM events "
        f"WHERE position <= {mark} AND (type = '{_DATE_TYPE}' "
        f"OR (type = '{_ARTICLE_TYPE}' AND version <> {mark}))",
        (head, codec.current_version(_ARTICLE_TYPE)),
    ):
        data = codec.load_data(kind, version, payload)
        changes.append((position, kind, data["article_id"], data.get("published")))
    changes.sort()
    current: dict[str, list[Any]] = {}
    intervals: list[list[Any]] = []
    for position, kind, article_id, published in changes:
        previous = current.get(article_id)
        if kind == _ARTICLE_TYPE:
            if previous is not None:
                continue
        elif previous is None:
            continue
        else:
            previous[2] = position
        interval = [article_id, position, None, published, stated_on(published)]
        current[article_id] = interval
        intervals.append(interval)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE TEMP TABLE {_DATES} (article_id TEXT, start INTEGER, stop INTEGER, "
            "published TEXT, stated_on TEXT, PRIMARY KEY (article_id, start)) WITHOUT ROWID"
        )
    else:
        conn.exec_driver_sql(
            f"CREATE TEMP TABLE {_DATES} (article_id TEXT, start BIGINT, stop BIGINT, "
            "published TEXT, stated_on TEXT, PRIMARY KEY (article_id, start)) ON COMMIT DROP"
        )
    if intervals:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            _insert(cursor, _DATES, _DATE_COLUMNS, mark, intervals)
        finally:
            cursor.close()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"ANALYZE {_DATES}")


_DATE_COLUMNS = ("article_id", "start", "stop", "published", "stated_on")


class _Page:
    """The state one page of the fold needs, loaded in a few queries and written in a few.

    Versions opened within the page are kept as lists and inserted at the end (already closed
    if a later event in the page replaced them); versions loaded from the table are closed with
    one UPDATE each. Article dates come from the page itself or from `proj_articles`.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.current: dict[str, list[Any]] = {}
        self.stored: set[str] = set()  # claim ids whose current version is a stored row
        self.new_rows: list[list[Any]] = []
        self.closed: list[tuple[int, str, int]] = []  # (valid_to, claim_id, valid_from)
        self.published: dict[str, str | None] = {}
        self.new_articles: dict[str, list[Any]] = {}
        self.article_updates: list[tuple[str, Any, str]] = []  # (column, value, article id)

    # --- loading --------------------------------------------------------------------------

    def preload(self, events: Sequence[RawEvent]) -> None:
        claim_ids: set[str] = set()
        article_ids: set[str] = set()
        dated_articles: set[str] = set()
        ingested: set[str] = set()
        for event in events:
            kind = event.type
            if kind == "ClaimExtracted":
                article_id = event.data["claim"]["source"]["article_id"]
                if article_id not in ingested:
                    article_ids.add(article_id)
                if event.stream_version > 1:
                    claim_ids.add(event.stream_id[6:])
            elif kind == "ClaimWithdrawn" or kind == "ClaimReviewed":
                claim_ids.add(event.stream_id[6:])
            elif kind == "ArticleIngested":
                ingested.add(event.data["article_id"])
            elif kind == "ArticleDateSet":
                dated_articles.add(event.data["article_id"])
        if article_ids:
            a = articles.c
            for chunk in _chunks(article_ids):
                rows = self.conn.execute(
                    sa.select(a.article_id, a.published).where(a.article_id.in_(chunk))
                )
                for article_id, published in rows:
                    self.published[article_id] = published
        f = figures.c
        conditions = []
        for chunk in _chunks(claim_ids):
            conditions.append(f.claim_id.in_(chunk))
        # Also the dated articles ingested in this page: in a rebuild their claims' first
        # versions may already be in the table, written in bulk (`fill`).
        for chunk in _chunks(dated_articles):
            conditions.append(f.article_id.in_(chunk))
        if conditions:
            # During a rebuild the indexes come last; an event about a version stored by an
            # earlier page needs them now (a no-op when they exist).
            lock_ddl(self.conn)
            for index in (_claim_index, _article_index):
                index.create(self.conn, checkfirst=True)
        for condition in conditions:
            rows = self.conn.execute(sa.select(figures).where(condition, f.valid_to.is_(None)))
            for row in rows:
                claim_id = row[_CLAIM_ID]
                self.current[claim_id] = list(row)
                self.stored.add(claim_id)

    # --- versions -------------------------------------------------------------------------

    def replace(self, claim_id: str, row: list[Any], position: int) -> None:
        """Make `row` the current version of the claim, closing the one it replaces."""
        previous = self.current.get(claim_id)
        if previous is not None:
            if claim_id in self.stored:
                self.closed.append((position, claim_id, previous[_VALID_FROM]))
                self.stored.discard(claim_id)
            else:
                previous[_VALID_TO] = position
        self.current[claim_id] = row
        self.new_rows.append(row)

    def update_article(self, article_id: str, column: str, value: Any) -> None:
        pending = self.new_articles.get(article_id)
        if pending is not None:
            pending[_A[column]] = value
        else:
            self.article_updates.append((column, value, article_id))

    # --- writing --------------------------------------------------------------------------

    def flush(self) -> None:
        conn = self.conn
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if self.new_articles:
                _insert(cursor, "proj_articles", ARTICLE_COLUMNS, mark, self.new_articles.values())
            for column, value, article_id in self.article_updates:
                cursor.execute(
                    f"UPDATE proj_articles SET {column} = {mark} WHERE article_id = {mark}",
                    (value, article_id),
                )
            if self.closed:
                cursor.executemany(
                    f"UPDATE proj_figures SET valid_to = {mark} "
                    f"WHERE claim_id = {mark} AND valid_from = {mark}",
                    self.closed,
                )
            if self.new_rows:
                _insert(cursor, "proj_figures", COLUMNS, mark, self.new_rows)
                e, g, m = _I["entity"], _I["segment"], _I["metric"]
                names = {(r[e], r[g] or "", r[m]) for r in self.new_rows}
                cursor.executemany(
                    "INSERT INTO proj_names (entity, segment, metric) "
                    f"VALUES ({mark}, {mark}, {mark}) ON CONFLICT DO NOTHING",
                    sorted(names),
                )
        finally:
            cursor.close()


ROWS_PER_INSERT = 100


@lru_cache(maxsize=16)
def _insert_sql(table: str, columns: tuple[str, ...], mark: str, rows: int) -> str:
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([one] * rows)


def _insert(
    cursor: Any, table: str, columns: tuple[str, ...], mark: str, rows: Iterable[list[Any]]
) -> None:
    """Insert rows with one multi-row INSERT per `ROWS_PER_INSERT` rows.

    Straight to the driver: SQLAlchemy's per-parameter processing costs more than SQLite's
    insert itself, and these rows are already plain str/int/None. Many rows per statement
    save the driver's per-row work (binding, stepping, resetting the statement).
    """
    rows = list(rows)
    full = len(rows) - len(rows) % ROWS_PER_INSERT
    if full:
        sql = _insert_sql(table, columns, mark, ROWS_PER_INSERT)
        flat = chain.from_iterable
        cursor.executemany(
            sql,
            [list(flat(rows[i : i + ROWS_PER_INSERT])) for i in range(0, full, ROWS_PER_INSERT)],
        )
    if full < len(rows):
        rest = rows[full:]
        cursor.execute(
            _insert_sql(table, columns, mark, len(rest)), list(chain.from_iterable(rest))
        )


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    chunk: list[str] = []
    for item in ids:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the fold, one function per event type ----------------------------------------------------


def _article_ingested(page: _Page, event: RawEvent) -> None:
    data = event.data
    article_id = data["article_id"]
    if article_id in page.new_articles:
        return
    published = data.get("published")
    page.published[article_id] = published
    page.new_articles[article_id] = [
        article_id,
        event.stream_version,
        published,
        data.get("title"),
        data.get("source"),
        data.get("language"),
        data["text_sha256"],
        None,
        None,
        event.position,
    ]


def _article_superseded(page: _Page, event: RawEvent) -> None:
    old, new = event.data["article_id"], event.data["superseded_by"]
    page.update_article(old, "superseded_by", new)
    page.update_article(old, "stream_version", event.stream_version)
    page.update_article(new, "supersedes", old)


def _successor(row: list[Any], event: RawEvent) -> list[Any]:
    """A copy of a claim's current row as the version `event` opens; the caller fills in what
    the event changed."""
    new = row.copy()
    new[_VALID_FROM] = event.position
    new[_VALID_TO] = None
    new[_CHANGED_BY] = event.type
    return new


def _article_date_set(page: _Page, event: RawEvent) -> None:
    article_id = event.data["article_id"]
    published = event.data["published"]
    page.published[article_id] = published
    page.update_article(article_id, "published", published)
    page.update_article(article_id, "stream_version", event.stream_version)
    on = stated_on(published)
    position = event.position
    for claim_id, row in list(page.current.items()):
        # A version from later in the log can only be a first version written in bulk by a
        # rebuild (`fill`); it is not current yet at this position.
        if row[_ARTICLE_ID] != article_id or row[_VALID_FROM] > position:
            continue
        new = _successor(row, event)
        new[_PUBLISHED] = published
        new[_STATED_ON] = on
        page.replace(claim_id, new, event.position)


def _claim_extracted(page: _Page, event: RawEvent) -> None:
    # The hot path of a rebuild (nearly every event is one): locals only, no method calls
    # for the common case of a claim seen for the first time.
    data = event.data
    claim = data["claim"]
    quantity = claim["quantity"]
    source = claim["source"]
    claim_id = claim["id"]
    article_id = source["article_id"]
    published = page.published.get(article_id)
    position = event.position
    claim_get = claim.get
    quantity_get = quantity.get
    row: list[Any] = [
        claim_id,
        position,
        None,
        event.stream_version,
        "ClaimExtracted",
        claim["entity"],
        claim_get("segment"),
        claim["metric"],
        quantity["value"],
        quantity_get("low"),
        quantity_get("high"),
        quantity["unit"],
        quantity["bound"],
        quantity_get("text"),
        claim_get("period"),
        claim_get("period_text"),
        claim_get("counterparty"),
        article_id,
        published,
        stated_on(published),
        source["sentence"],
        source["start"],
        source["end"],
        data.get("extractor_version"),
        "active",
        0,
        None,
        None,
        None,
        None,
        None,
    ]
    previous = page.current.get(claim_id)
    if previous is None:
        page.current[claim_id] = row
        page.new_rows.append(row)
        return
    verdict = previous[_VERDICT]
    corrections = previous[_CORRECTIONS]
    row[_VERDICT] = verdict
    row[_CORRECTIONS] = corrections
    row[_REVIEWER] = previous[_REVIEWER]
    row[_NOTE] = previous[_NOTE]
    if corrections:
        _apply_corrections(row, json.loads(corrections))
    row[_STATUS] = _status(0, verdict, corrections)
    page.replace(claim_id, row, position)


def _claim_withdrawn(page: _Page, event: RawEvent) -> None:
    claim_id = event.data["claim_id"]
    previous = page.current.get(claim_id)
    if previous is None:
        return
    row = _successor(previous, event)
    row[_STREAM_VERSION] = event.stream_version
    row[_WITHDRAWN] = 1
    row[_REASON] = event.data.get("reason")
    if event.data.get("extractor_version"):
        row[_EXTRACTOR_VERSION] = event.data["extractor_version"]
    row[_STATUS] = _status(1, row[_VERDICT], row[_CORRECTIONS])
    page.replace(claim_id, row, event.position)


def _claim_reviewed(page: _Page, event: RawEvent) -> None:
    data = event.data
    claim_id = data["claim_id"]
    previous = page.current.get(claim_id)
    if previous is None:
        return
    row = _successor(previous, event)
    row[_STREAM_VERSION] = event.stream_version
    verdict = data["verdict"]
    row[_VERDICT] = verdict
    row[_REVIEWER] = data.get("reviewer")
    row[_NOTE] = data.get("note")
    new_corrections = data.get("corrections") or {}
    if new_corrections:
        merged = json.loads(row[_CORRECTIONS]) if row[_CORRECTIONS] else {}
        merged.update(new_corrections)
        row[_CORRECTIONS] = json.dumps(merged, sort_keys=True, ensure_ascii=False)
        _apply_corrections(row, new_corrections)
    if verdict != "rejected":
        # A person vouching for the figure outranks the extractor's withdrawal.
        row[_WITHDRAWN] = 0
        row[_REASON] = None
    row[_STATUS] = _status(row[_WITHDRAWN], verdict, row[_CORRECTIONS])
    page.replace(claim_id, row, event.position)


_HANDLERS = {
    "ArticleIngested": _article_ingested,
    "ArticleDateSet": _article_date_set,
    "ArticleSuperseded": _article_superseded,
    "ClaimExtracted": _claim_extracted,
    "ClaimWithdrawn": _claim_withdrawn,
    "ClaimReviewed": _claim_reviewed,
}
