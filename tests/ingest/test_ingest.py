"""Ingestion decides the right events: duplicates, changed texts, re-parses, dates, reviews.

Every test runs on SQLite (file and memory) and PostgreSQL through the `store` fixture.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from facts.errors import ArticleError, UsageError
from facts.events import (
    ArticleDateSet,
    ArticleIngested,
    ArticleSuperseded,
    ClaimExtracted,
    ClaimReviewed,
    ClaimWithdrawn,
)
from facts.model import Claim
from facts.store import EventStore
from facts.tracker import Tracker
from tests.ingest.helpers import article, extractor

TEXT = "Acme revenue 500 EUR in the year. Acme jobs 120 count at the end. Bolt stake 40 percent."


def types(store: EventStore) -> list[str]:
    return [r.type for r in store.iter_all()]


def test_new_article_records_article_and_claims(store: EventStore) -> None:
    """A new article is one ArticleIngested and one ClaimExtracted per claim, with versions."""
    tracker = Tracker(store, extractor=extractor())
    report = tracker.ingest_articles([article(TEXT)])
    assert [a.outcome for a in report.articles] == ["new"]
    assert report.claims_extracted == 3 and report.ok
    assert types(store) == ["ArticleIngested"] + ["ClaimExtracted"] * 3
    extracted = [r.event for r in store.iter_all() if r.type == "ClaimExtracted"]
    assert all(isinstance(e, ClaimExtracted) and e.extractor_version == "test-1" for e in extracted)
    assert {c.metric for c in tracker.claims()} == {"revenue", "jobs", "stake"}


def test_same_text_twice_records_nothing(store: EventStore) -> None:
    """Ingesting the same text again (even in the same run) appends no event at all."""
    tracker = Tracker(store, extractor=extractor())
    tracker.ingest_articles([article(TEXT), article(TEXT)])
    head = store.head()
    report = tracker.ingest_articles([article(TEXT, source="elsewhere.txt")])
    assert store.head() == head
    assert [a.outcome for a in report.articles] == ["duplicate"]
    assert report.claims_extracted == 0


def test_errors_are_reported_and_the_rest_recorded(store: EventStore) -> None:
    """A bad file is listed with its message; the good articles around it are recorded."""
    tracker = Tracker(store, extractor=extractor())
    bad = ArticleError("broken.txt", "not UTF-8: byte 0xFC", line=3)
    report = tracker.ingest_articles([article(TEXT), bad, article("Zeta jobs 7 count.")])
    assert [(e.path, e.line, e.message) for e in report.errors] == [
        ("broken.txt", 3, "not UTF-8: byte 0xFC")
    ]
    assert len(report.new) == 2 and not report.ok


def test_extractor_failure_is_an_error_of_that_article(store: EventStore) -> None:
    """An article the extractor crashes on is reported and not recorded; the others are."""

    def fragile(found: list[Claim]) -> list[Claim]:
        if any(c.entity == "Boom" for c in found):
            raise ValueError("cannot parse")
        return found

    tracker = Tracker(store, extractor=extractor(change=fragile))
    report = tracker.ingest_articles(
        [article("Boom jobs 1 count.", source="boom.txt"), article(TEXT)]
    )
    assert [e.path for e in report.errors] == ["boom.txt"]
    assert "ValueError: cannot parse" in report.errors[0].message
    assert [a.outcome for a in report.articles] == ["new"]


def test_changed_text_from_same_source_supersedes(store: EventStore) -> None:
    """An edited text is a new article linked to the old; the old claims are withdrawn."""
    tracker = Tracker(store, extractor=extractor())
    old = article(TEXT, source="https://example.com/a")
    tracker.ingest_articles([old])
    changed = article(TEXT.replace("500", "550"), source="https://example.com/a")
    report = tracker.ingest_articles([changed])
    (outcome,) = report.articles
    assert outcome.outcome == "superseding" and outcome.supersedes == old.id
    assert outcome.withdrawn == 3 and outcome.claims == 3
    link = store.read_stream(old.stream_id)[-1].event
    assert link == ArticleSuperseded(old.id, changed.id, "https://example.com/a")
    current = tracker.claims(status="active")
    assert {c.source.article_id for c in current} == {changed.id}
    assert {str(c.value) for c in current if c.metric == "revenue"} == {"550"}
    withdrawn = tracker.claims(status="withdrawn")
    assert len(withdrawn) == 3 and all(old.id in (w.reason or "") for w in withdrawn)
    # A third version supersedes the second, not the first.
    third = article(TEXT.replace("500", "560"), source="https://example.com/a")
    assert tracker.ingest_articles([third]).articles[0].supersedes == changed.id


def test_reviews_follow_their_statements_into_a_changed_text(store: EventStore) -> None:
    """Editing one sentence of a reviewed article keeps the verdicts on the untouched sentences;
    the review of the edited statement is reported as dropped, not guessed onto new words."""
    tracker = Tracker(store, extractor=extractor())
    old = article(TEXT, source="https://example.com/a")
    tracker.ingest_articles([old])
    by_metric = {c.metric: c for c in tracker.claims()}
    tracker.review(by_metric["jobs"].claim_id, "corrected", {"value": "125"}, note="see report")
    tracker.review(by_metric["stake"].claim_id, "rejected", reviewer="ana")
    tracker.review(by_metric["revenue"].claim_id, "confirmed")

    report = tracker.ingest_articles(
        [article(TEXT.replace("500", "550"), source="https://example.com/a")]
    )
    (outcome,) = report.articles
    assert outcome.reviews_carried == 2
    assert outcome.reviews_dropped == (by_metric["revenue"].claim_id,)
    now = {c.metric: c for c in tracker.claims()}
    assert {c.source.article_id for c in now.values()} == {outcome.article_id}
    assert (now["jobs"].value, now["jobs"].status) == (Decimal("125"), "corrected")
    assert now["jobs"].note is not None and "see report" in now["jobs"].note
    assert old.id in now["jobs"].note
    assert now["stake"].status == "rejected"
    assert [s.metric for s in tracker.history("Bolt")] == []
    assert (now["revenue"].value, now["revenue"].status, now["revenue"].verdict) == (
        Decimal("550"),
        "active",
        None,
    )


def test_source_with_several_articles_supersedes_nothing(store: EventStore) -> None:
    """Texts sharing a source in one run (a JSON array without URLs) are separate articles."""
    tracker = Tracker(store, extractor=extractor())
    report = tracker.ingest_articles(
        [article(TEXT, source="batch.json"), article("Zeta jobs 7 count.", source="batch.json")]
    )
    assert [a.outcome for a in report.articles] == ["new", "new"]
    assert "ArticleSuperseded" not in types(store)


def test_relative_and_absolute_paths_are_one_source(store: EventStore, tmp_path: object) -> None:
    """A file named relatively, then absolutely, is the same source (recorded absolute)."""
    import os
    from pathlib import Path

    directory = Path(str(tmp_path))
    (directory / "a.txt").write_text(" date 2017-05 A\n\n" + TEXT, encoding="utf-8")
    tracker = Tracker(store, extractor=extractor())
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        first = tracker.ingest(["a.txt"])
    finally:
        os.chdir(cwd)
    assert first.articles[0].source == str((directory / "a.txt").resolve())
    (directory / "a.txt").write_text(" date 2017-05 A\n\n" + TEXT + " Acme units 3 count.")
    second = tracker.ingest([directory / "a.txt"])
    assert second.articles[0].supersedes == first.articles[0].article_id


def test_reparse_records_only_differences(store: EventStore) -> None:
    """New version: vanished claims withdrawn, changed ones re-extracted, unchanged untouched."""
    tracker = Tracker(store, extractor=extractor("v1"))
    tracker.ingest_articles([article(TEXT)])
    before = {c.metric: c for c in tracker.claims()}

    def v2(found: list[Claim]) -> list[Claim]:
        kept = [c for c in found if c.metric != "stake"]  # no longer found
        return [
            attrs.evolve(c, segment="Cloud") if c.metric == "revenue" else c  # changed
            for c in kept
        ]

    tracker._ingester._extractor = extractor("v2", change=v2)
    report = tracker.reparse()
    assert (report.count("withdrawn"), report.count("changed"), report.unchanged) == (1, 1, 1)
    assert store.stream_version(f"claim-{before['jobs'].claim_id}") == 1
    revenue = store.read_stream(f"claim-{before['revenue'].claim_id}")
    assert [r.type for r in revenue] == ["ClaimExtracted", "ClaimExtracted"]
    assert revenue[-1].event == ClaimExtracted(
        attrs.evolve(revenue[0].event.claim, segment="Cloud"),
        "v2",  # type: ignore[union-attr]
    )
    stake = store.read_stream(f"claim-{before['stake'].claim_id}")[-1].event
    assert isinstance(stake, ClaimWithdrawn) and "v2" in stake.reason
    # Running it again changes nothing.
    head = store.head()
    again = tracker.reparse()
    assert store.head() == head and again.unchanged == 2 and not again.changes
    # History keeps both versions of the changed claim.
    versions = tracker.show(before["revenue"].claim_id).versions
    assert [v.segment for v in versions] == [None, "Cloud"]


def test_reparse_brings_back_a_claim_found_again(store: EventStore) -> None:
    """A claim withdrawn by one version and found by the next is extracted again."""
    tracker = Tracker(store, extractor=extractor("v1"))
    tracker.ingest_articles([article(TEXT)])
    tracker._ingester._extractor = extractor("v2", change=lambda found: found[:1])
    tracker.reparse()
    assert len(tracker.claims(status="active")) == 1
    tracker._ingester._extractor = extractor("v3")
    report = tracker.reparse()
    assert report.count("changed") == 2
    assert len(tracker.claims(status="active")) == 3


def test_reviews_survive_reparse(store: EventStore) -> None:
    """A confirmed claim is not withdrawn by a re-parse; corrections stay over new readings."""
    tracker = Tracker(store, extractor=extractor("v1"))
    tracker.ingest_articles([article(TEXT)])
    by_metric = {c.metric: c for c in tracker.claims()}
    tracker.review(by_metric["stake"].claim_id, "confirmed", reviewer="ana")
    corrected = tracker.review(
        by_metric["revenue"].claim_id, "corrected", {"value": "5e2", "unit": "USD"}, note="typo"
    )
    assert (corrected.value, corrected.unit, corrected.status) == (
        Decimal("500"),
        "USD",
        "corrected",
    )

    def v2(found: list[Claim]) -> list[Claim]:
        return [
            attrs.evolve(c, segment="Cloud") if c.metric == "revenue" else c
            for c in found
            if c.metric != "stake"
        ]

    tracker._ingester._extractor = extractor("v2", change=v2)
    report = tracker.reparse()
    assert report.count("withdrawn") == 0  # the confirmed stake stays
    stake = tracker.show(by_metric["stake"].claim_id).current
    assert (stake.status, stake.verdict) == ("active", "confirmed")
    revenue = tracker.show(by_metric["revenue"].claim_id).current
    assert (revenue.segment, revenue.unit, revenue.value) == ("Cloud", "USD", Decimal("500"))
    assert revenue.status == "corrected" and revenue.note == "typo"


def test_rejected_claim_stays_rejected(store: EventStore) -> None:
    """A rejected claim leaves the history, and a re-extraction does not bring it back."""
    tracker = Tracker(store, extractor=extractor("v1"))
    tracker.ingest_articles([article(TEXT)])
    jobs = next(c for c in tracker.claims() if c.metric == "jobs")
    tracker.review(jobs.claim_id, "rejected", note="not a job count")
    assert [s.metric for s in tracker.history("Acme")] == ["revenue"]
    tracker._ingester._extractor = extractor(
        "v2", change=lambda found: [attrs.evolve(c, notes=("x",)) for c in found]
    )
    tracker.reparse()
    assert tracker.show(jobs.claim_id).current.status == "rejected"
    assert [s.metric for s in tracker.history("Acme")] == ["revenue"]
    assert [s.status for s in tracker.history("Acme", "jobs", include_withdrawn=True)] == [
        "rejected"
    ]


def test_set_date_resolves_periods(store: EventStore) -> None:
    """Dating an undated article records ArticleDateSet and re-resolves its claims."""
    tracker = Tracker(store, extractor=extractor())
    undated = article(TEXT, published=None)
    report = tracker.ingest_articles([undated])
    assert [a.article_id for a in report.undated] == [undated.id]
    assert {c.period for c in tracker.claims()} == {None}
    assert tracker.history("Acme", as_of="2030-01-01").statements == ()
    result = tracker.set_date(undated.id[:8], "2016-11")
    assert result.count("changed") == 3
    assert store.read_stream(undated.stream_id)[-1].event == ArticleDateSet(
        undated.id, "2016-11", None
    )
    claims = tracker.claims()
    assert {c.period for c in claims} == {"2016"} and {c.stated_on for c in claims} == {"2016-11"}
    assert len(tracker.history("Acme", as_of="2016-11-30")) == 2
    assert len(tracker.history("Acme", as_of="2016-11-29")) == 0


def test_set_date_rejects_bad_input(store: EventStore) -> None:
    """A malformed date names the expected format; an unknown article is a usage error."""
    tracker = Tracker(store, extractor=extractor())
    undated = article(TEXT, published=None)
    tracker.ingest_articles([undated])
    with pytest.raises(UsageError, match="YYYY-MM or YYYY-MM-DD"):
        tracker.set_date(undated.id, "11/2016")
    with pytest.raises(UsageError, match="no article"):
        tracker.set_date("abcdef12", "2016-11")


def test_concurrent_writer_is_detected_and_the_batch_decided_again(store_url: str) -> None:
    """If another writer records the same article between decide and append, nothing forks:
    the batch is decided again and the article reported as a duplicate."""
    store = EventStore.open(store_url)
    other_store = store if store_url == ":memory:" else EventStore.open(store_url)
    try:
        tracker = Tracker(store, extractor=extractor())
        other = Tracker(other_store, extractor=extractor())
        ingester = tracker._ingester
        decide = ingester._decide_batch
        calls: list[int] = []

        def racing_decide(*args: object, **kwargs: object) -> object:
            result = decide(*args, **kwargs)  # type: ignore[arg-type]
            if not calls:
                other.ingest_articles([article(TEXT)])  # the other writer wins the race
            calls.append(1)
            return result

        ingester._decide_batch = racing_decide  # type: ignore[method-assign]
        report = tracker.ingest_articles([article(TEXT)])
        assert len(calls) == 2
        assert [a.outcome for a in report.articles] == ["duplicate"]
        assert types(store) == ["ArticleIngested"] + ["ClaimExtracted"] * 3
        assert [r.type for r in store.iter_all()].count("ArticleIngested") == 1
    finally:
        store.close()
        if other_store is not store:
            other_store.close()


def test_review_validates_input(store: EventStore) -> None:
    """Unknown fields, bad numbers and bounds, and unknown claims are usage errors."""
    tracker = Tracker(store, extractor=extractor())
    tracker.ingest_articles([article(TEXT)])
    claim_id = tracker.claims()[0].claim_id
    with pytest.raises(UsageError, match="correctable fields"):
        tracker.review(claim_id, "corrected", {"colour": "red"})
    with pytest.raises(UsageError, match="must be a number"):
        tracker.review(claim_id, "corrected", {"value": "lots"})
    with pytest.raises(UsageError, match="bound must be one of"):
        tracker.review(claim_id, "corrected", {"bound": "roughly"})
    with pytest.raises(UsageError, match="needs at least one"):
        tracker.review(claim_id, "corrected")
    with pytest.raises(UsageError, match="verdict must be one of"):
        tracker.review(claim_id, "maybe")
    with pytest.raises(UsageError, match="no claim"):
        tracker.review("0000000000000000", "confirmed")
    events = [r.event for r in store.iter_all()]
    assert not any(isinstance(e, ClaimReviewed) for e in events)
    assert all(isinstance(e, ArticleIngested | ClaimExtracted) for e in events)
