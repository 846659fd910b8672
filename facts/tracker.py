"""The Python API: `facts.open()` gives a `Tracker`, whose methods the CLI mirrors one to one.

    import facts
    with facts.open("facts.db") as tracker:
        tracker.ingest(["seeds/"])
        for s in tracker.history("Alibaba", "revenue_growth", as_of="2017-12-31"):
            print(s.stated_on, s.period, s.value, s.unit, s.bound, s.source.sentence)

Every answer comes from the figures projection, which is caught up with the log when the tracker
opens and again before each query, so an answer always reflects every event committed before
the call. Results are frozen attrs values; nothing returned is tied to an open connection.

The two time axes are plain filters (docs/projections.md):

- `as_of` (stated time): a date `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`, meaning that period's last
  day). Only statements from articles surely published by then count. Undated articles are left
  out, since nothing says they were published by then.
- `known_at` (record time): a log position (int, or digits), or a moment (`datetime`, or an ISO
  8601 timestamp; a bare date means the end of that day, UTC). The answer is what the store
  believed right after that position: later re-parses, reviews and dates are not yet applied.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import getpass
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs
import sqlalchemy as sa

from facts.errors import ArticleError, UsageError
from facts.events import VERDICTS, ClaimReviewed
from facts.ingest import Extractor, Ingester, IngestReport, ReparseReport
from facts.model import BOUNDS, Article
from facts.projections.figures import COLUMNS, CORRECTABLE, STATUSES
from facts.projections.figures import articles as articles_table
from facts.projections.figures import figures as figures_table
from facts.projections.figures import names as names_table
from facts.projections.names import (
    EntityName,
    resolve_entity,
    resolve_metric,
    vocabulary,
    with_former_names,
)
from facts.projections.runner import ProjectionRunner

if TYPE_CHECKING:
    import pandas

    from facts.store import EventStore
    from facts.store.recorded import RecordedEvent

__all__ = [
    "ClaimDetail",
    "Company",
    "History",
    "MetricSummary",
    "Statement",
    "StatementSource",
    "Tracker",
    "open",
]

BELIEVED: tuple[str, ...] = ("active", "corrected")
"""The statuses of figures the store currently stands by."""

_AS_OF = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- result types -----------------------------------------------------------------------------


@attrs.frozen
class StatementSource:
    """Where a statement was made: the article, its sentence and the figure's span in it."""

    article_id: str
    sentence: str
    span: tuple[int, int]
    figure: str | None
    title: str | None
    published: str | None
    source: str | None


@attrs.frozen
class Statement:
    """One stated figure, as the store believed it in the version this row describes.

    `stated_on` is the article's date as given (`YYYY-MM` or `YYYY-MM-DD`, None when undated);
    `known_from`/`known_until` are the log positions between which this version was current
    (`known_until` None while it still is).
    """

    claim_id: str
    entity: str
    segment: str | None
    metric: str
    value: Decimal
    unit: str
    bound: str
    low: Decimal | None
    high: Decimal | None
    period: str | None
    period_text: str | None
    counterparty: str | None
    stated_on: str | None
    status: str
    verdict: str | None
    extractor_version: str | None
    known_from: int
    known_until: int | None
    changed_by: str
    reason: str | None
    note: str | None
    source: StatementSource

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (Decimals as strings, so no digit is lost)."""
        data = attrs.asdict(self, recurse=True)
        for key in ("value", "low", "high"):
            if data[key] is not None:
                data[key] = str(data[key])
        data["source"]["span"] = list(self.source.span)
        return data


@attrs.frozen
class History:
    """A company's stated figures, oldest statement first; iterable of `Statement`."""

    entity: str
    segment: str | None
    metric: str | None
    as_of: str | None
    known_at: int | None
    statements: tuple[Statement, ...]

    def __iter__(self) -> Iterator[Statement]:
        return iter(self.statements)

    def __len__(self) -> int:
        return len(self.statements)

    def __getitem__(self, index: int) -> Statement:
        return self.statements[index]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.statements]

    def to_pandas(self) -> pandas.DataFrame:
        """One row per statement; the source's fields flattened with a `source_` prefix.

        Values stay `Decimal` (object columns): converting money to float is the caller's
        decision, not ours.
        """
        try:
            import pandas
        except ImportError:
            raise UsageError(
                "History.to_pandas() needs pandas: pip install 'facts[pandas]'"
            ) from None
        rows = []
        columns = [f.name for f in attrs.fields(Statement) if f.name != "source"]
        for s in self.statements:
            row = {name: getattr(s, name) for name in columns}
            for f in attrs.fields(StatementSource):
                row[f"source_{f.name}"] = getattr(s.source, f.name)
            rows.append(row)
        source_columns = [f"source_{f.name}" for f in attrs.fields(StatementSource)]
        return pandas.DataFrame(rows, columns=[*columns, *source_columns])


@attrs.frozen
class Company:
    """A company the store holds current figures for."""

    name: str
    claims: int
    metrics: tuple[str, ...]
    segments: tuple[str, ...]
    first_stated: str | None
    last_stated: str | None


@attrs.frozen
class MetricSummary:
    """One metric of a company: how many current figures, over which segments and dates."""

    metric: str
    claims: int
    segments: tuple[str, ...]
    first_stated: str | None
    last_stated: str | None


@attrs.frozen
class ClaimDetail:
    """A claim in full: its current version, every earlier version, and its raw events."""

    current: Statement
    versions: tuple[Statement, ...]
    events: tuple[RecordedEvent, ...]


# --- the tracker ------------------------------------------------------------------------------


def open(db: str | None = None, *, create: bool = True) -> Tracker:
    """Open (by default, create) the store at `db` and bring its projections up to date.

    `db` is a file path or SQLAlchemy URL; None means `$FACTS_DB`, else `./facts.db`.
    """
    from facts.store import EventStore

    store = EventStore.open(db, create=create)
    try:
        return Tracker(store)
    except BaseException:
        store.close()
        raise


class Tracker:
    """A store with its projections: ingest, ask, review. Use as a context manager."""

    def __init__(self, store: EventStore, *, extractor: Extractor | None = None) -> None:
        self.store = store
        self.runner = ProjectionRunner(store)
        self.runner.setup()
        self._catch_up()
        self._ingester = Ingester(store, self.runner, extractor)

    def __enter__(self) -> Tracker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def engine(self) -> sa.Engine:
        return self.store.engine

    # --- writing ------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        date: str | None = None,
        language: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Record the articles in `paths` (files or directories) and their claims.

        `date` is the publication date (`YYYY-MM` or `YYYY-MM-DD`) of articles that state
        none. Files that cannot be read are listed in the report's `errors`; the rest is
        recorded. `progress` is called with the number of articles read so far.
        """
        from facts.articles import load_articles

        if isinstance(paths, str | Path):
            paths = [paths]
        items = load_articles(list(paths), date=date, language=language)
        return self.ingest_articles(items, progress=progress)

    def ingest_articles(
        self,
        articles: Iterable[Article | ArticleError],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Record articles built in Python (or loaded by `facts.articles`) and their claims."""
        report = self._ingester.ingest(articles, progress=progress)
        self._catch_up()
        return report

    def reparse(self, *, progress: Callable[[int, int], None] | None = None) -> ReparseReport:
        """Run the current extractor over every current article; record only what changed."""
        report = self._ingester.reparse(progress=progress)
        self._catch_up()
        return report

    def set_date(
        self, article_id: str, published: str, *, note: str | None = None
    ) -> ReparseReport:
        """Record an article's publication date and re-resolve its claims' periods with it."""
        from facts.articles import parse_date

        try:
            published = parse_date(published, timestamps=False)
        except ValueError as exc:
            raise UsageError(f"{exc}; expected YYYY-MM or YYYY-MM-DD") from None
        article_id = self._article_id(article_id)
        report = self._ingester.set_date(article_id, published, note)
        self._catch_up()
        return report

    def review(
        self,
        claim_id: str,
        verdict: str,
        corrections: dict[str, str] | None = None,
        *,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> Statement:
        """Record a person's verdict on a claim: `confirmed`, `rejected` or `corrected`.

        `corrections` (only with `corrected`) maps fields to new values, e.g.
        `{"value": "3000000000", "bound": "approx"}`; an empty value clears an optional field.
        Returns the claim as the store now believes it.
        """
        if verdict not in VERDICTS:
            raise UsageError(f"verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
        corrections = dict(corrections or {})
        if verdict == "corrected" and not corrections:
            raise UsageError("a correction needs at least one FIELD=VALUE")
        if verdict != "corrected" and corrections:
            raise UsageError(f"corrections only go with the verdict 'corrected', not {verdict!r}")
        clean = {field: _check_correction(field, value) for field, value in corrections.items()}
        claim_id = self._claim_id(claim_id)
        stream = f"claim-{claim_id}"
        event = ClaimReviewed(
            claim_id=claim_id,
            verdict=verdict,
            corrections=clean,
            reviewer=reviewer if reviewer is not None else _user(),
            note=note,
        )
        self.store.append(stream, [event], expected_version=self.store.stream_version(stream))
        self._catch_up()
        return self.show(claim_id).current

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> int:
        """Drop the projections and fold the whole log again; returns the events applied."""
        return self.runner.rebuild(progress=progress)

    # --- asking -------------------------------------------------------------------------------

    def history(
        self,
        entity: str,
        metric: str | None = None,
        *,
        as_of: str | dt.date | None = None,
        known_at: int | str | dt.datetime | None = None,
        include_withdrawn: bool = False,
    ) -> History:
        """How the figures stated about `entity` (one metric, or all) evolved.

        Oldest statement first. Only figures the store stands by (active or corrected) unless
        `include_withdrawn`, which adds withdrawn and rejected ones with their status.
        """
        as_of_day = parse_as_of(as_of)
        position = self.position_of(known_at)
        with self._reader() as conn:
            name = self._entity(entity, conn)
            metric_name = self._metric(metric, conn) if metric is not None else None
            query = _Query(self.engine, position)
            query.where_in("f.entity", name.entities)
            if name.segment is not None:
                query.where("f.segment = {}", name.segment)
            if metric_name is not None:
                query.where("f.metric = {}", metric_name)
            if as_of_day is not None:
                query.where("f.stated_on <= {}", as_of_day)
            if not include_withdrawn:
                query.where("f.status IN ({}, {})", *BELIEVED)
            # Sorted here rather than by SQLite: a few hundred rows sort faster in Python than
            # through SQLite's temporary B-tree, and this is the hot path.
            statements = query.run(conn, None, key=_chronological)
        return History(
            entity=name.entity,
            segment=name.segment,
            metric=metric_name,
            as_of=as_of_day,
            known_at=position,
            statements=statements,
        )

    def claims(
        self,
        entity: str | None = None,
        metric: str | None = None,
        *,
        status: str | Sequence[str] | None = None,
        article_id: str | None = None,
        as_of: str | dt.date | None = None,
        known_at: int | str | dt.datetime | None = None,
        limit: int | None = None,
    ) -> list[Statement]:
        """Claims in their current (or `known_at`) version, any status unless `status` says."""
        self._catch_up()
        query = _Query(self.engine, self.position_of(known_at))
        if entity is not None:
            name = self._entity(entity)
            query.where_in("f.entity", name.entities)
            if name.segment is not None:
                query.where("f.segment = {}", name.segment)
        if metric is not None:
            query.where("f.metric = {}", self._metric(metric))
        if status is not None:
            wanted = (status,) if isinstance(status, str) else tuple(status)
            unknown = [s for s in wanted if s not in STATUSES]
            if unknown:
                raise UsageError(f"unknown status {unknown[0]!r}; one of {', '.join(STATUSES)}")
            query.where(f"f.status IN ({', '.join(['{}'] * len(wanted))})", *wanted)
        if article_id is not None:
            query.where("f.article_id = {}", self._article_id(article_id))
        as_of_day = parse_as_of(as_of)
        if as_of_day is not None:
            query.where("f.stated_on <= {}", as_of_day)
        with self._reader() as conn:
            return list(query.run(conn, f"f.entity, f.metric, {_CHRONOLOGICAL}", limit=limit))

    def companies(self) -> list[Company]:
        """Every company with figures the store stands by, alphabetically."""
        self._catch_up()
        f = figures_table.c
        query = (
            sa.select(
                f.entity,
                f.metric,
                f.segment,
                sa.func.count(),
                sa.func.min(f.published),
                sa.func.max(f.published),
            )
            .where(f.valid_to.is_(None), f.status.in_(BELIEVED))
            # Segment first: grouped by (entity, metric, ...) SQLite walks the whole
            # (entity, metric, valid_to) index and fetches every row from the table at
            # random (3.3 s at a million claims); this way it scans the table once (1.5 s).
            .group_by(f.segment, f.entity, f.metric)
        )
        by_entity: dict[str, list[Any]] = {}
        with self.engine.connect() as conn:
            for entity, metric, segment, count, first, last in conn.execute(query):
                entry = by_entity.setdefault(entity, [0, set(), set(), None, None])
                entry[0] += count
                entry[1].add(metric)
                if segment:
                    entry[2].add(segment)
                entry[3] = _min(entry[3], first)
                entry[4] = _max(entry[4], last)
        return [
            Company(name, e[0], tuple(sorted(e[1])), tuple(sorted(e[2])), e[3], e[4])
            for name, e in sorted(by_entity.items(), key=lambda item: item[0].casefold())
        ]

    def metrics(self, entity: str) -> list[MetricSummary]:
        """The metrics with figures the store stands by for `entity` (or one of its segments)."""
        self._catch_up()
        name = self._entity(entity)
        f = figures_table.c
        query = (
            sa.select(
                f.metric,
                f.segment,
                sa.func.count(),
                sa.func.min(f.published),
                sa.func.max(f.published),
            )
            .where(f.entity.in_(name.entities), f.valid_to.is_(None), f.status.in_(BELIEVED))
            .group_by(f.metric, f.segment)
        )
        if name.segment is not None:
            query = query.where(f.segment == name.segment)
        by_metric: dict[str, list[Any]] = {}
        with self.engine.connect() as conn:
            for metric, segment, count, first, last in conn.execute(query):
                entry = by_metric.setdefault(metric, [0, set(), None, None])
                entry[0] += count
                if segment:
                    entry[1].add(segment)
                entry[2] = _min(entry[2], first)
                entry[3] = _max(entry[3], last)
        return [
            MetricSummary(metric, e[0], tuple(sorted(e[1])), e[2], e[3])
            for metric, e in sorted(by_metric.items())
        ]

    def show(self, claim_id: str) -> ClaimDetail:
        """A claim (a unique prefix of its id will do): every version and its raw events."""
        self._catch_up()
        claim_id = self._claim_id(claim_id)
        query = _Query(self.engine, None, all_versions=True)
        query.where("f.claim_id = {}", claim_id)
        with self._reader() as conn:
            versions = query.run(conn, "f.valid_from")
        events = tuple(self.store.read_stream(f"claim-{claim_id}"))
        return ClaimDetail(current=versions[-1], versions=versions, events=events)

    def log(self, stream: str | None = None, *, after: int = 0) -> Iterator[RecordedEvent]:
        """The raw events, for audit: one stream's, or the whole log from `after` on."""
        if stream is not None:
            return iter(self.store.read_stream(stream))
        return iter(self.store.iter_all(after=after))

    def position_of(self, known_at: int | str | dt.datetime | None) -> int | None:
        """The log position `known_at` names (see the module docstring), None for "now"."""
        if known_at is None:
            return None
        if isinstance(known_at, bool):
            raise UsageError("known_at must be a log position or a timestamp, not a boolean")
        if isinstance(known_at, int):
            if known_at < 0:
                raise UsageError(f"known_at position must be 0 or more, got {known_at}")
            return known_at
        if isinstance(known_at, dt.datetime):
            moment = known_at
        else:
            text = known_at.strip()
            if text.isdigit():
                return int(text)
            moment = parse_moment(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return int(self.store.position_at(moment))

    # --- helpers ------------------------------------------------------------------------------

    def _catch_up(self) -> None:
        """Fold what the log gained since the last look (one cheap probe when nothing did)."""
        if self.runner.behind():
            self.runner.catch_up()

    @contextlib.contextmanager
    def _reader(self) -> Iterator[sa.Connection]:
        """A connection on projections that are up to date, probed on that same connection.

        The probe and the query share one connection, which is most of what a history query
        costs besides the query itself; only when the log is ahead is it closed (the fold
        writes on connections of its own) and opened again afterwards.
        """
        conn = self.engine.connect()
        try:
            if self.runner.behind(conn):
                conn.close()
                self.runner.catch_up()
                conn = self.engine.connect()
            yield conn
        finally:
            conn.close()

    def _entity(self, entity: str, conn: sa.Connection | None = None) -> EntityName:
        if conn is None:
            with self._reader() as own:
                return self._entity(entity, own)
        mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
        exact = conn.exec_driver_sql(
            f"SELECT entity FROM proj_names WHERE entity = {mark} LIMIT 1", (entity.strip(),)
        ).scalar_one_or_none()
        if exact is not None:
            return with_former_names(EntityName(exact))
        n = names_table.c
        known = [(e, s or None) for e, s in conn.execute(sa.select(n.entity, n.segment).distinct())]
        return resolve_entity(entity, known)

    def _metric(self, metric: str, conn: sa.Connection | None = None) -> str:
        if metric in vocabulary():
            return metric
        if conn is None:
            with self._reader() as own:
                return self._metric(metric, own)
        n = names_table.c
        known = list(conn.execute(sa.select(n.metric).distinct()).scalars())
        return resolve_metric(metric, known)

    def _claim_id(self, claim_id: str) -> str:
        return self._unique_id(claim_id, figures_table.c.claim_id, "claim")

    def _article_id(self, article_id: str) -> str:
        return self._unique_id(article_id, articles_table.c.article_id, "article")

    def _unique_id(self, given: str, column: sa.ColumnElement[Any], kind: str) -> str:
        self._catch_up()
        text = given.strip().lower().removeprefix(f"{kind}-")
        if not re.fullmatch(r"[0-9a-f]{4,64}", text):
            raise UsageError(f"{kind} id {given!r} is not a hex id (at least 4 digits)")
        escaped = text  # hex digits need no LIKE escaping
        with self.engine.connect() as conn:
            ids = list(
                conn.execute(
                    sa.select(column).where(column.like(f"{escaped}%")).distinct().limit(6)
                ).scalars()
            )
        if len(ids) == 1:
            return str(ids[0])
        if not ids:
            raise UsageError(f"no {kind} {given!r} in the store")
        more = ", ..." if len(ids) > 5 else ""
        raise UsageError(f"{kind} id {given!r} is ambiguous: {', '.join(ids[:5])}{more}")


_COLUMN_SQL = ", ".join(f"f.{name}" for name in COLUMNS) + ", a.title, a.source"
_FROM_SQL = (
    f"SELECT {_COLUMN_SQL} FROM proj_figures f "
    "LEFT OUTER JOIN proj_articles a ON a.article_id = f.article_id"
)
_CHRONOLOGICAL = (
    "f.stated_on IS NULL, f.stated_on, f.article_id, f.span_start, f.claim_id, f.valid_from"
)
_ORDER = [COLUMNS.index(c) for c in ("stated_on", "article_id", "span_start", "claim_id")]


def _chronological(row: Sequence[Any]) -> tuple[Any, ...]:
    """The sort key `_CHRONOLOGICAL` describes, for rows sorted in Python (undated last)."""
    stated, article, start, claim = (row[i] for i in _ORDER)
    return (stated is None, stated or "", article, start, claim, row[1])


class _Query:
    """A query over figure versions, as SQL text run at the driver level.

    History queries are the hot path; building SQLAlchemy expressions for each call costs more
    than SQLite takes to answer them, so the handful of shapes are plain SQL.
    """

    def __init__(self, engine: sa.Engine, position: int | None, *, all_versions: bool = False):
        self.engine = engine
        self.mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
        self.conditions: list[str] = []
        self.params: list[Any] = []
        if all_versions:
            return
        if position is None:
            self.conditions.append("f.valid_to IS NULL")
        else:
            self.where("f.valid_from <= {}", position)
            self.where("(f.valid_to IS NULL OR f.valid_to > {})", position)

    def where(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition.format(*([self.mark] * len(params))))
        self.params.extend(params)

    def where_in(self, column: str, values: Sequence[Any]) -> None:
        if len(values) == 1:
            self.where(f"{column} = {{}}", values[0])
        else:
            self.where(f"{column} IN ({', '.join(['{}'] * len(values))})", *values)

    def run(
        self,
        conn: sa.Connection,
        order: str | None,
        *,
        limit: int | None = None,
        key: Callable[[Sequence[Any]], Any] | None = None,
    ) -> tuple[Statement, ...]:
        sql = _FROM_SQL
        if self.conditions:
            sql += " WHERE " + " AND ".join(self.conditions)
        if order is not None:
            sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows: list[Any] = list(conn.exec_driver_sql(sql, tuple(self.params)).all())
        if key is not None:
            rows.sort(key=key)
        return tuple(_statement(row) for row in rows)


def _statement(row: Sequence[Any]) -> Statement:
    # Unpacked positionally: a history of a hundred statements is built per query, and this
    # is most of a query's time.
    (
        claim_id,
        valid_from,
        valid_to,
        _stream_version,
        changed_by,
        entity,
        segment,
        metric,
        value,
        low,
        high,
        unit,
        bound,
        figure,
        period,
        period_text,
        counterparty,
        article_id,
        published,
        _stated_on,
        sentence,
        span_start,
        span_end,
        extractor_version,
        status,
        _withdrawn,
        reason,
        verdict,
        _corrections,
        _reviewer,
        note,
        title,
        source,
    ) = row
    number = Decimal(value)
    return Statement(
        claim_id,
        entity,
        segment,
        metric,
        number,
        unit,
        bound,
        None if low is None else number if low == value else Decimal(low),
        None if high is None else number if high == value else Decimal(high),
        period,
        period_text,
        counterparty,
        published,
        status,
        verdict,
        extractor_version,
        valid_from,
        valid_to,
        changed_by,
        reason,
        note,
        StatementSource(
            article_id, sentence, (span_start, span_end), figure, title, published, source
        ),
    )


def parse_as_of(value: str | dt.date | None) -> str | None:
    """The last day (`YYYY-MM-DD`) an `as_of` value covers; UsageError naming the format."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    match = _AS_OF.match(value.strip())
    error = UsageError(
        f"as_of date {value!r} is not understood; expected YYYY-MM-DD (or YYYY-MM, YYYY)"
    )
    if not match:
        raise error
    year = int(match.group("y"))
    month = int(match.group("m") or 12)
    try:
        last = calendar.monthrange(year, month)[1]
        day = int(match.group("d") or last)
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise error from None


def parse_moment(text: str) -> dt.datetime:
    """An ISO 8601 timestamp; a bare date means the end of that day (UTC)."""
    try:
        if _DATE_ONLY.match(text):
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"known_at {text!r} is neither a log position nor a timestamp; expected a number "
            "or an ISO 8601 timestamp such as 2026-11-23T01:30:00Z (or a date YYYY-MM-DD)"
        ) from None


def _check_correction(field: str, value: str) -> str:
    if field not in CORRECTABLE:
        raise UsageError(f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE)}")
    value = value.strip()
    if field in ("value", "low", "high"):
        if value == "" and CORRECTABLE[field]:
            return ""
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            raise UsageError(
                f"{field} must be a number such as 3000000000 or 2.5, got {value!r}"
            ) from None
        if not number.is_finite():
            raise UsageError(f"{field} must be a finite number, got {value!r}")
        return format(number, "f")
    if field == "bound" and value not in BOUNDS:
        raise UsageError(f"bound must be one of {', '.join(BOUNDS)}, got {value!r}")
    if value == "" and not CORRECTABLE[field]:
        raise UsageError(f"{field} cannot be empty")
    return value


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return None


def _min(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)
