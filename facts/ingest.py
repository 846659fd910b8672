"""Deciding what to record: articles and the extractor's claims in, events out.

This is the only place that turns the outside world into events. It is careful about three
things:

- **Idempotence.** An article's id is the hash of its normalised text, so the same text
  ingested twice finds its stream already there and records nothing. A claim's id is a hash of
  (article, span, metric), so a re-parse can tell an unchanged claim (nothing recorded), a changed
  one (a new `ClaimExtracted` on the same stream), a vanished one (`ClaimWithdrawn`) and a new
  one.
- **Changed texts.** A text from a source that already gave a different text (the same file
  edited, the same URL updated) is a new article; `ArticleSuperseded` on the old article's
  stream links the two, and the old article's claims are withdrawn, so the new article's claims
  take their place. A source that yields
  several articles in one run (a JSON array without URLs) does not identify a single article
  and never supersedes anything.
- **Concurrent writers.** Every append states the version it expects each stream to be at, and
  a batch is one `append_many` transaction. If another process got there first, the store raises
  `ConcurrencyError`, nothing of the batch is written, and the batch is decided again from what
  the store now holds.

Decisions about existing claims are made from the claim streams themselves (the source of
truth), never from a projection that might lag; the figures projection is used only to find
which claims and articles to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import sqlalchemy as sa

from facts import codec
from facts.errors import (
    ArticleError,
    ConcurrencyError,
    GazetteerError,
    StoreError,
    UsageError,
)
from facts.events import (
    ArticleDateSet,
    ArticleIngested,
    ArticleSuperseded,
    ClaimExtracted,
    ClaimReviewed,
    ClaimWithdrawn,
    Event,
)
from facts.model import Article, Claim, text_hash
from facts.projections.figures import articles as articles_table
from facts.projections.figures import figures as figures_table

if TYPE_CHECKING:
    from facts.projections.runner import ProjectionRunner
    from facts.store import EventStore

T = TypeVar("T")
Extract = Callable[[Article], list[Claim]]
Append = tuple[str, list[Event], int]

NEW_STREAM = 0
"""The version a stream that does not exist yet is at."""

BATCH_ARTICLES = 200
"""Articles decided and appended per transaction: large enough to amortise the commit, small
enough that a retry after a concurrent write redoes little work."""

ATTEMPTS = 5

_LINE_SUFFIX = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")


@attrs.frozen
class Extractor:
    """The extraction function and the version recorded with what it finds."""

    extract: Extract
    version: str

    @classmethod
    def current(cls) -> Extractor:
        from facts.extractor import EXTRACTOR_VERSION, extract

        return cls(extract=extract, version=EXTRACTOR_VERSION)


# --- reports ------------------------------------------------------------------------------------


@attrs.frozen
class ArticleOutcome:
    """What happened to one article of an ingestion run.

    `outcome` is `new`, `duplicate` (the same text is already recorded; nothing was written) or
    `superseding` (a changed text from a known source: recorded, and `supersedes` names the
    article it replaces, whose `withdrawn` claims were withdrawn).
    """

    article_id: str
    outcome: str
    source: str | None
    title: str | None
    published: str | None
    claims: int = 0
    supersedes: str | None = None
    withdrawn: int = 0
    reviews_carried: int = 0
    reviews_dropped: tuple[str, ...] = ()


@attrs.frozen
class FileError:
    """A file (or a line of one) that could not be read; the rest of the run went on."""

    path: str
    message: str
    line: int | None = None


@attrs.frozen
class IngestReport:
    """What an ingestion run recorded, article by article, and what it could not read."""

    articles: tuple[ArticleOutcome, ...]
    errors: tuple[FileError, ...]
    extractor_version: str

    @property
    def new(self) -> tuple[ArticleOutcome, ...]:
        return tuple(a for a in self.articles if a.outcome == "new")

    @property
    def duplicates(self) -> tuple[ArticleOutcome, ...]:
        return tuple(a for a in self.articles if a.outcome == "duplicate")

    @property
    def superseding(self) -> tuple[ArticleOutcome, ...]:
        return tuple(a for a in self.articles if a.outcome == "superseding")

    @property
    def undated(self) -> tuple[ArticleOutcome, ...]:
        """Articles recorded in this run without a date: their relative periods are open."""
        return tuple(a for a in self.articles if a.outcome != "duplicate" and not a.published)

    @property
    def claims_extracted(self) -> int:
        return sum(a.claims for a in self.articles)

    @property
    def claims_withdrawn(self) -> int:
        return sum(a.withdrawn for a in self.articles)

    @property
    def reviews_carried(self) -> int:
        return sum(a.reviews_carried for a in self.articles)

    @property
    def reviews_dropped(self) -> tuple[str, ...]:
        """Reviewed claims of superseded texts whose statement the new text no longer makes."""
        return tuple(c for a in self.articles for c in a.reviews_dropped)

    @property
    def ok(self) -> bool:
        return not self.errors


@attrs.frozen
class ClaimChange:
    """One change a re-parse or a new date recorded for a claim."""

    claim_id: str
    article_id: str
    change: str  # "new", "changed", "withdrawn"
    metric: str
    entity: str


@attrs.frozen
class ReparseReport:
    """What a re-parse (or a date supplied for an article) changed; unchanged claims are only
    counted."""

    articles: int
    unchanged: int
    changes: tuple[ClaimChange, ...]
    extractor_version: str

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)


# --- the state of existing streams --------------------------------------------------------------


@attrs.define
class ClaimState:
    """A claim stream folded: what the extractor last said, and whether a person spoke."""

    version: int = 0
    claim: Claim | None = None
    withdrawn: bool = False
    verdict: str | None = None
    review: ClaimReviewed | None = None  # every review so far, folded into one

    @property
    def reviewed(self) -> bool:
        """A person confirmed or corrected it: the extractor may no longer withdraw it."""
        return self.verdict in ("confirmed", "corrected")


def claim_state(store: EventStore, claim_id: str) -> ClaimState:
    state = ClaimState()
    for recorded in store.read_stream(f"claim-{claim_id}"):
        _fold_claim(state, recorded.stream_version, recorded.event)
    return state


def claim_states(store: EventStore, claim_ids: Iterable[str]) -> dict[str, ClaimState]:
    """`claim_state` of many claims, their streams read in one query per 500 claims.

    A re-parse decides about every claim of every article, so reading each stream on its own
    would cost a round trip per claim. Each query is one snapshot; a stream that moves on
    between two of them is caught by the expected versions when the decision is appended.
    """
    states = {claim_id: ClaimState() for claim_id in claim_ids}
    ids = [f"claim-{claim_id}" for claim_id in states]
    mark = "?" if store.engine.dialect.paramstyle == "qmark" else "%s"
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = conn.exec_driver_sql(
                "SELECT stream_id, stream_version, type, version, payload FROM events "
                f"WHERE stream_id IN ({', '.join([mark] * len(chunk))}) "
                "ORDER BY stream_id, stream_version",
                tuple(chunk),
            )
            for stream_id, stream_version, kind, version, payload in rows:
                event = codec.decode(kind, version, payload)
                _fold_claim(states[stream_id[6:]], stream_version, event)
    return states


def _fold_claim(state: ClaimState, stream_version: int, event: Event) -> None:
    state.version = stream_version
    if isinstance(event, ClaimExtracted):
        state.claim = event.claim
        state.withdrawn = False
    elif isinstance(event, ClaimWithdrawn):
        state.withdrawn = True
    elif isinstance(event, ClaimReviewed):
        state.verdict = event.verdict
        if event.verdict != "rejected":
            state.withdrawn = False
        earlier = state.review
        state.review = (
            event
            if earlier is None
            else attrs.evolve(
                event,
                corrections={**earlier.corrections, **event.corrections},
                note="; ".join(n for n in (earlier.note, event.note) if n) or None,
            )
        )


@attrs.frozen
class RecordedArticle:
    """An article as the log has it now: its text and its latest date."""

    article: Article
    version: int
    superseded_by: str | None


def recorded_article(store: EventStore, article_id: str) -> RecordedArticle | None:
    article: Article | None = None
    version = 0
    superseded_by: str | None = None
    for recorded in store.read_stream(f"article-{article_id}"):
        event = recorded.event
        version = recorded.stream_version
        if isinstance(event, ArticleSuperseded):
            superseded_by = event.superseded_by
        elif isinstance(event, ArticleIngested):
            article = Article(
                text=event.text,
                published=event.published,
                title=event.title,
                source=event.source,
                language=event.language,
                id=event.article_id,
            )
        elif isinstance(event, ArticleDateSet) and article is not None:
            article = attrs.evolve(article, published=event.published)
    if article is None:
        return None
    return RecordedArticle(article=article, version=version, superseded_by=superseded_by)


# --- the decider --------------------------------------------------------------------------------


class Ingester:
    """Decides and appends the events for ingestion, re-parses and dates.

    `runner` keeps the figures projection current; it is consulted to find the claims of an
    article and the current article of a source, and caught up before each decision.
    """

    def __init__(
        self,
        store: EventStore,
        runner: ProjectionRunner,
        extractor: Extractor | None = None,
        *,
        batch_size: int = BATCH_ARTICLES,
    ) -> None:
        self.store = store
        self.runner = runner
        self._extractor = extractor
        self.batch_size = batch_size

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor.current()
        return self._extractor

    # --- ingestion ----------------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[Article | ArticleError],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Record new articles and their claims; report every article and every bad file."""
        outcomes: list[ArticleOutcome] = []
        errors: list[FileError] = []
        batch: list[tuple[Article, list[Claim]]] = []
        sources: dict[str, int] = {}
        extractor = self.extractor
        for done, item in enumerate(items, start=1):
            if isinstance(item, ArticleError):
                message = str(item)
                prefix = f"{item.path}:{item.line}: " if item.line is not None else f"{item.path}: "
                errors.append(FileError(item.path, message.removeprefix(prefix), item.line))
            else:
                article = _with_absolute_source(item)
                try:
                    claims = _unique(extractor.extract(article))
                except GazetteerError:
                    raise  # the user's gazetteer file, not this article: nothing can go on
                except Exception as exc:  # one article the extractor chokes on stops nothing
                    errors.append(
                        FileError(
                            article.source or article.id,
                            f"the extractor failed on this article: {type(exc).__name__}: {exc}",
                        )
                    )
                else:
                    batch.append((article, claims))
                    if article.source:
                        sources[article.source] = sources.get(article.source, 0) + 1
            if len(batch) >= self.batch_size:
                outcomes.extend(self._record_batch(batch, sources))
                batch = []
            if progress is not None:
                progress(done)
        if batch:
            outcomes.extend(self._record_batch(batch, sources))
        return IngestReport(
            articles=tuple(outcomes), errors=tuple(errors), extractor_version=extractor.version
        )

    def _record_batch(
        self, batch: Sequence[tuple[Article, list[Claim]]], sources: dict[str, int]
    ) -> list[ArticleOutcome]:
        def decide() -> tuple[list[Append], list[ArticleOutcome]]:
            return self._decide_batch(batch, sources)

        return self._retrying(decide)

    def _decide_batch(
        self, batch: Sequence[tuple[Article, list[Claim]]], sources: dict[str, int]
    ) -> tuple[list[Append], list[ArticleOutcome]]:
        self.runner.catch_up()
        existing = self.store.streams_exist([a.stream_id for a, _ in batch])
        appends: list[Append] = []
        outcomes: list[ArticleOutcome] = []
        seen: set[str] = set()
        version = self.extractor.version
        for article, claims in batch:
            if article.stream_id in existing or article.id in seen:
                outcomes.append(_outcome(article, "duplicate"))
                continue
            seen.add(article.id)
            supersedes: str | None = None
            withdrawn = 0
            if article.source and sources.get(article.source) == 1:
                supersedes = self._current_article_of(article.source, exclude=article.id)
            appends.append((article.stream_id, [_ingested(article)], NEW_STREAM))
            carried: dict[str, ClaimReviewed] = {}
            dropped: list[str] = []
            if supersedes is not None:
                old = recorded_article(self.store, supersedes)
                link = ArticleSuperseded(supersedes, article.id, article.source)
                appends.append((f"article-{supersedes}", [link], old.version if old else 0))
                reason = f"article {supersedes} superseded by {article.id} (its text changed)"
                states = claim_states(self.store, self._claims_of(supersedes))
                withdrawals = self._withdrawals(states, reason)
                appends.extend(withdrawals)
                withdrawn = len(withdrawals)
                carried, dropped = _carry_reviews(states, claims, supersedes)
            for claim in claims:
                events: list[Event] = [ClaimExtracted(claim, version)]
                if claim.id in carried:
                    events.append(carried[claim.id])
                appends.append((claim.stream_id, events, NEW_STREAM))
            outcomes.append(
                _outcome(
                    article,
                    "superseding" if supersedes else "new",
                    claims=len(claims),
                    supersedes=supersedes,
                    withdrawn=withdrawn,
                    reviews_carried=len(carried),
                    reviews_dropped=tuple(dropped),
                )
            )
        return appends, outcomes

    def _current_article_of(self, source: str, *, exclude: str) -> str | None:
        """The one current article recorded from `source`, if the source has exactly one."""
        a = articles_table.c
        with self.store.engine.connect() as conn:
            ids = (
                conn.execute(
                    sa.select(a.article_id)
                    .where(a.source == source, a.superseded_by.is_(None), a.article_id != exclude)
                    .limit(2)
                )
                .scalars()
                .all()
            )
        return ids[0] if len(ids) == 1 else None

    def _withdrawals(self, states: dict[str, ClaimState], reason: str) -> list[Append]:
        appends: list[Append] = []
        for claim_id, state in states.items():
            if state.version and not state.withdrawn and state.verdict != "rejected":
                event = ClaimWithdrawn(claim_id, reason, self.extractor.version)
                appends.append((f"claim-{claim_id}", [event], state.version))
        return appends

    def _claims_of(self, article_id: str) -> list[str]:
        return self._claims_of_articles([article_id]).get(article_id, [])

    def _claims_of_articles(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """The current claims of each article, in text order (one query per 500 articles)."""
        f = figures_table.c
        claims: dict[str, list[str]] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(article_ids), 500):
                rows = conn.execute(
                    sa.select(f.article_id, f.claim_id)
                    .where(f.article_id.in_(article_ids[start : start + 500]), f.valid_to.is_(None))
                    .order_by(f.article_id, f.span_start, f.claim_id)
                )
                for article_id, claim_id in rows:
                    claims.setdefault(article_id, []).append(claim_id)
        return claims

    # --- re-parse and dates -------------------------------------------------------------------

    def reparse(
        self,
        article_ids: Sequence[str] | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> ReparseReport:
        """Run the current extractor over recorded articles (all current ones by default)."""
        self.runner.catch_up()
        if article_ids is None:
            a = articles_table.c
            with self.store.engine.connect() as conn:
                article_ids = list(
                    conn.execute(
                        sa.select(a.article_id)
                        .where(a.superseded_by.is_(None))
                        .order_by(a.ingested_at)
                    ).scalars()
                )
        total = len(article_ids)
        changes: list[ClaimChange] = []
        unchanged = 0
        for start in range(0, total, self.batch_size):
            chunk = article_ids[start : start + self.batch_size]

            def decide(
                chunk: Sequence[str] = chunk,
            ) -> tuple[list[Append], tuple[list[ClaimChange], int]]:
                appends: list[Append] = []
                chunk_changes: list[ClaimChange] = []
                chunk_unchanged = 0
                claims = self._claims_of_articles(chunk)
                states = claim_states(self.store, (c for ids in claims.values() for c in ids))
                for article_id in chunk:
                    recorded = recorded_article(self.store, article_id)
                    if recorded is None:
                        continue
                    known = claims.get(article_id, [])
                    more, found, same = self._reresolve(recorded.article, known, states)
                    appends.extend(more)
                    chunk_changes.extend(found)
                    chunk_unchanged += same
                return appends, (chunk_changes, chunk_unchanged)

            chunk_changes, chunk_unchanged = self._retrying(decide)
            changes.extend(chunk_changes)
            unchanged += chunk_unchanged
            if progress is not None:
                progress(min(start + self.batch_size, total), total)
        return ReparseReport(
            articles=total,
            unchanged=unchanged,
            changes=tuple(changes),
            extractor_version=self.extractor.version,
        )

    def set_date(self, article_id: str, published: str, note: str | None = None) -> ReparseReport:
        """Record the date of an article, then re-resolve its claims against that date."""

        def decide() -> tuple[list[Append], tuple[list[ClaimChange], int]]:
            self.runner.catch_up()
            recorded = recorded_article(self.store, article_id)
            if recorded is None:
                raise UsageError(f"no article {article_id!r} in the store")
            dated = attrs.evolve(recorded.article, published=published)
            event = ArticleDateSet(article_id, published, note)
            appends: list[Append] = [(dated.stream_id, [event], recorded.version)]
            more, changes, same = self._reresolve(dated)
            appends.extend(more)
            return appends, (changes, same)

        changes, unchanged = self._retrying(decide)
        return ReparseReport(
            articles=1,
            unchanged=unchanged,
            changes=tuple(changes),
            extractor_version=self.extractor.version,
        )

    def _reresolve(
        self,
        article: Article,
        known: list[str] | None = None,
        states: dict[str, ClaimState] | None = None,
    ) -> tuple[list[Append], list[ClaimChange], int]:
        """The events that bring an article's claims in line with what the extractor finds.

        `known` and `states` are the article's current claims and their streams, when the
        caller read them in bulk for many articles.
        """
        extractor = self.extractor
        found = {c.id: c for c in _unique(extractor.extract(article))}
        if known is None:
            known = self._claims_of(article.id)
        if states is None:
            states = claim_states(self.store, known)
        appends: list[Append] = []
        changes: list[ClaimChange] = []
        unchanged = 0
        for claim_id in known:
            state = states[claim_id]
            claim = found.pop(claim_id, None)
            old = state.claim
            if claim is None:
                if state.withdrawn or state.verdict is not None or old is None:
                    continue  # already gone, or a person's verdict stands
                reason = f"re-parse with extractor {extractor.version} no longer finds it"
                event: Event = ClaimWithdrawn(claim_id, reason, extractor.version)
                appends.append((f"claim-{claim_id}", [event], state.version))
                changes.append(
                    ClaimChange(claim_id, article.id, "withdrawn", old.metric, old.entity)
                )
            elif claim != old or state.withdrawn:
                appends.append(
                    (claim.stream_id, [ClaimExtracted(claim, extractor.version)], state.version)
                )
                changes.append(
                    ClaimChange(claim_id, article.id, "changed", claim.metric, claim.entity)
                )
            else:
                unchanged += 1
        for claim in found.values():
            version = self.store.stream_version(claim.stream_id)
            appends.append((claim.stream_id, [ClaimExtracted(claim, extractor.version)], version))
            changes.append(ClaimChange(claim.id, article.id, "new", claim.metric, claim.entity))
        return appends, changes, unchanged

    # --- appending ----------------------------------------------------------------------------

    def _retrying(self, decide: Callable[[], tuple[list[Append], T]]) -> T:
        """Append what `decide` returns; if another writer got there first, decide again."""
        last: ConcurrencyError | None = None
        for _ in range(ATTEMPTS):
            appends, result = decide()
            try:
                if appends:
                    self.store.append_many(appends)
            except ConcurrencyError as exc:
                last = exc
                continue
            return result
        raise StoreError(
            f"gave up after {ATTEMPTS} attempts: other writers kept changing the same streams "
            f"({last}); nothing of this batch was recorded, run the command again"
        )


# --- helpers ------------------------------------------------------------------------------------


def _statement(claim: Claim) -> tuple[Any, ...]:
    """What a claim says, apart from where it sits: equal for the same sentence of two texts."""
    q = claim.quantity
    return (
        claim.entity,
        claim.segment,
        claim.metric,
        q.value,
        q.unit,
        q.bound,
        q.text,
        claim.period_text,
        claim.counterparty,
        claim.source.sentence,
    )


def _carry_reviews(
    old: dict[str, ClaimState], new: Sequence[Claim], old_article: str
) -> tuple[dict[str, ClaimReviewed], list[str]]:
    """A person's verdicts on the claims of a superseded text, for the new text's claims.

    A verdict applies to a statement, so it moves to the new claim that makes the same
    statement in the same sentence (the n-th such claim of the old text to the n-th of the
    new). Reviewed claims whose statement is gone are returned as dropped: the edit may be
    exactly what the reviewer asked for, so nobody's verdict is guessed onto other words.
    """
    waiting: dict[tuple[Any, ...], list[Claim]] = {}
    for claim in new:
        waiting.setdefault(_statement(claim), []).append(claim)
    carried: dict[str, ClaimReviewed] = {}
    dropped: list[str] = []
    for claim_id, state in old.items():  # text order
        if state.review is None or state.claim is None:
            continue
        matches = waiting.get(_statement(state.claim))
        if not matches:
            dropped.append(claim_id)
            continue
        target = matches.pop(0)
        note = f"carried over from claim {claim_id} of superseded article {old_article}"
        carried[target.id] = attrs.evolve(
            state.review,
            claim_id=target.id,
            note=f"{state.review.note} ({note})" if state.review.note else note,
        )
    return carried, dropped


def _ingested(article: Article) -> ArticleIngested:
    return ArticleIngested(
        article_id=article.id,
        text=article.text,
        text_sha256=text_hash(article.text),
        published=article.published,
        title=article.title,
        source=article.source,
        language=article.language,
    )


def _outcome(article: Article, outcome: str, **more: Any) -> ArticleOutcome:
    return ArticleOutcome(
        article_id=article.id,
        outcome=outcome,
        source=article.source,
        title=article.title,
        published=article.published,
        **more,
    )


def _unique(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per id: the first of any the extractor found twice at the same span."""
    seen: dict[str, Claim] = {}
    for claim in claims:
        seen.setdefault(claim.id, claim)
    return list(seen.values())


def _with_absolute_source(article: Article) -> Article:
    """Local paths are recorded absolute: a relative path means nothing once the working
    directory changes, and the same file named two ways must be the same source."""
    source = article.source
    if not source or "://" in source:
        return article
    path, suffix = source, ""
    if not Path(path).exists():
        match = _LINE_SUFFIX.match(source)
        if not match or not Path(match.group("path")).exists():
            return article
        path, suffix = match.group("path"), f":{match.group('line')}"
    absolute = f"{Path(path).resolve()}{suffix}"
    return article if absolute == source else attrs.evolve(article, source=absolute)
