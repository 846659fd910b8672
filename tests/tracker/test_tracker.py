"""The Python API end to end on the seed articles, with the real extractor, on every backend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import facts
from facts.errors import UsageError
from facts.store import EventStore
from facts.tracker import History, Statement, Tracker
from tests.ingest.helpers import article, extractor

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeded(store: EventStore) -> Tracker:
    tracker = Tracker(store)
    report = tracker.ingest([SEEDS])
    assert report.ok and len(report.new) == 5
    return tracker


def only(history: History) -> Statement:
    assert len(history) == 1, history.statements
    return history[0]


def test_alibaba_revenue_growth_in_2017_q1(seeded: Tracker) -> None:
    """Alibaba's revenue grew 60 percent in 2017-Q1, said an article of May 2017."""
    s = only(seeded.history("Alibaba", "revenue_growth", as_of="2017-12-31"))
    assert (s.period, s.value, s.unit, s.bound) == ("2017-Q1", Decimal(60), "percent", "exact")
    assert s.stated_on == "2017-05"
    assert "um 60 Prozent" in s.source.sentence
    assert s.source.title == "Alibaba-Gründer Jack Ma als Botschafter für Chinas Wirtschaft"
    start, end = s.source.span
    assert end > start and s.source.figure


def test_aws_revenue_growth_lower_bound(seeded: Tracker) -> None:
    """`AWS` resolves to Amazon's segment; its 2016-Q3 growth is `more than 50` percent."""
    s = only(seeded.history("AWS", "revenue_growth"))
    assert (s.entity, s.segment, s.period) == ("Amazon", "AWS", "2016-Q3")
    assert (s.value, s.bound, s.low, s.high) == (Decimal(50), "lower", Decimal(50), None)
    assert "mehr als 50 Prozent" in s.source.sentence
    assert only(seeded.history("amazon web services", "Revenue Growth")) == s


def test_microsoft_investment(seeded: Tracker) -> None:
    """Microsoft invested about three billion dollars, with its sentence."""
    s = only(seeded.history("microsoft", "investment"))
    assert (s.value, s.unit, s.bound) == (Decimal(3_000_000_000), "USD", "approx")
    assert "drei Milliarden Dollar" in s.source.sentence


def test_as_of_leaves_out_later_and_undated_articles(seeded: Tracker) -> None:
    """`as_of` keeps articles surely published by then; undated ones only without it."""
    everything = seeded.history("Alibaba")
    assert any(s.stated_on is None for s in everything)
    by_2016 = seeded.history("Alibaba", as_of="2016-12")
    assert by_2016.as_of == "2016-12-31" and len(by_2016) > 0
    assert {s.stated_on for s in by_2016} == {"2016-11"}
    assert seeded.history("Alibaba", "revenue_growth", as_of="2017-05-30").statements == ()
    assert len(seeded.history("Alibaba", "revenue_growth", as_of=dt.date(2017, 5, 31))) == 1


def test_known_at_answers_what_the_store_believed(store: EventStore) -> None:
    """A correction is invisible at positions and moments before it was recorded."""
    tracker = Tracker(store, extractor=extractor())
    tracker.ingest_articles([article("Acme revenue 500 EUR.")])
    before = store.head()
    moment = store.read_stream(f"claim-{tracker.claims()[0].claim_id}")[0].recorded_at
    claim_id = tracker.claims()[0].claim_id
    tracker.review(claim_id, "corrected", {"value": "550"})
    assert only(tracker.history("Acme", "revenue")).value == Decimal(550)
    old = only(tracker.history("Acme", "revenue", known_at=before))
    assert old.value == Decimal(500) and old.known_until == before + 1
    assert only(tracker.history("Acme", "revenue", known_at=str(before))) == old
    assert only(tracker.history("Acme", "revenue", known_at=moment)).value in (500, 550)
    assert tracker.history("Acme", known_at=0).statements == ()
    assert tracker.position_of("2000-01-01") == 0
    assert tracker.position_of(dt.datetime(2999, 1, 1, tzinfo=dt.UTC)) == store.head()


def test_unknown_names_suggest_the_closest(seeded: Tracker) -> None:
    """A misspelt company or metric fails with the names it was probably meant to be."""
    with pytest.raises(UsageError, match=r"unknown company 'Alibabba'; closest: Alibaba"):
        seeded.history("Alibabba")
    with pytest.raises(UsageError, match=r"unknown metric 'revenue_grwth'.*revenue_growth"):
        seeded.history("Alibaba", "revenue_grwth")
    with pytest.raises(UsageError, match="unknown company"):
        seeded.metrics("Nobody Inc")


def test_bad_dates_say_the_expected_format(seeded: Tracker) -> None:
    """Unparseable dates and moments name the format that is expected."""
    with pytest.raises(UsageError, match="expected YYYY-MM-DD"):
        seeded.history("Alibaba", as_of="31.12.2017")
    with pytest.raises(UsageError, match="expected YYYY-MM-DD"):
        seeded.history("Alibaba", as_of="2017-13-01")
    with pytest.raises(UsageError, match="ISO 8601 timestamp"):
        seeded.history("Alibaba", known_at="last week")
    with pytest.raises(UsageError, match="YYYY-MM or YYYY-MM-DD"):
        seeded.ingest([SEEDS], date="May 2017")


def test_companies_metrics_and_claims(seeded: Tracker) -> None:
    """Listings agree with each other and with the histories."""
    companies = {c.name: c for c in seeded.companies()}
    assert {"Alibaba", "Amazon", "Microsoft"} <= set(companies)
    assert "AWS" in companies["Amazon"].segments
    metrics = {m.metric: m for m in seeded.metrics("Amazon")}
    assert "revenue_growth" in metrics
    assert sum(m.claims for m in metrics.values()) == companies["Amazon"].claims
    amazon = seeded.claims(entity="amazon")
    assert len(amazon) == companies["Amazon"].claims
    assert {s.metric for s in seeded.claims(entity="AWS")} <= set(metrics)
    assert len(seeded.claims(limit=2)) == 2
    assert seeded.claims(status="withdrawn") == []
    with pytest.raises(UsageError, match="unknown status"):
        seeded.claims(status="gone")


def test_show_gives_versions_and_events(seeded: Tracker) -> None:
    """`show` accepts a unique prefix and returns every version and the raw events."""
    s = only(seeded.history("AWS", "revenue_growth"))
    detail = seeded.show(s.claim_id[:8])
    assert detail.current == s
    assert [e.type for e in detail.events] == ["ClaimExtracted"]
    seeded.review(s.claim_id, "confirmed", note="checked against the 10-Q")
    detail = seeded.show(s.claim_id)
    assert [v.changed_by for v in detail.versions] == ["ClaimExtracted", "ClaimReviewed"]
    assert detail.current.verdict == "confirmed" and detail.current.status == "active"
    with pytest.raises(UsageError, match="not a hex id"):
        seeded.show("xyz")


def test_ingesting_seeds_twice_records_nothing(seeded: Tracker) -> None:
    """The second ingestion of the same directory reports duplicates and appends nothing."""
    head = seeded.store.head()
    report = seeded.ingest([SEEDS])
    assert len(report.duplicates) == 5 and seeded.store.head() == head


def test_undated_seed_articles_are_reported_and_can_be_dated(seeded: Tracker) -> None:
    """The two undated seeds are listed; dating one resolves its periods against the date."""
    undated = [a for a in seeded.claims() if a.stated_on is None]
    assert undated
    article_id = undated[0].source.article_id
    seeded.set_date(article_id, "2019-03")
    dated = seeded.claims(article_id=article_id)
    assert {s.stated_on for s in dated} == {"2019-03"}


def test_to_pandas(seeded: Tracker) -> None:
    """The DataFrame has one row per statement with the source flattened beside it."""
    pandas = pytest.importorskip("pandas")
    frame = seeded.history("Amazon").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(seeded.history("Amazon"))
    assert {"value", "period", "source_sentence", "source_article_id"} <= set(frame.columns)
    assert all(isinstance(v, Decimal) for v in frame["value"])


def test_open_and_close(tmp_path: Path) -> None:
    """`facts.open` creates a SQLite store at a path and closes it as a context manager."""
    path = tmp_path / "f.db"
    with facts.open(str(path)) as tracker:
        assert tracker.companies() == []
    assert path.exists()
    with pytest.raises(facts.StoreError, match="no facts store"):
        facts.open(str(tmp_path / "missing.db"), create=False)


def test_metric_cue_words_and_case_are_accepted(seeded: Tracker) -> None:
    """A metric may be named by a cue word of the vocabulary, in any case or spacing."""
    revenue = seeded.history("Amazon", "revenue")
    assert len(revenue) > 0
    assert seeded.history("AMAZON", "Umsatz") == revenue
    assert seeded.history("amazon", "sales").statements == revenue.statements
    assert seeded.history("Amazon", "Revenue-Growth").metric == "revenue_growth"


def test_history_runs_across_a_renaming(store: EventStore) -> None:
    """Articles of 2018 say Facebook, of 2023 Meta: each claim keeps the name of its day, and
    a history asked for by either name holds both."""
    tracker = Tracker(store)
    from facts.model import Article

    report = tracker.ingest_articles(
        [
            Article(
                text="Facebook hatte im vierten Quartal 1,52 Milliarden täglich aktive Nutzer.",
                published="2019-01",
                language="de",
            ),
            Article(
                text="Meta hatte im vierten Quartal 2,0 Milliarden täglich aktive Nutzer.",
                published="2023-02",
                language="de",
            ),
        ]
    )
    assert report.ok
    assert {c.entity for c in tracker.claims()} == {"Facebook", "Meta"}
    for name in ("Facebook", "Meta", "meta platforms"):
        history = tracker.history(name, "customers")
        assert [(s.entity, s.period) for s in history] == [
            ("Facebook", "2018-Q4"),
            ("Meta", "2022-Q4"),
        ]
