"""The scorer: what matches, one-to-one assignment, ranges, and the rates reported."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

import pytest

from facts.evaluate import ScoredClaim, evaluate, read_gold, values_match
from facts.model import Claim

from .helpers import GOLD, as_extracted, claim


def gold(
    entity: str,
    metric: str,
    value: str,
    unit: str,
    bound: str = "exact",
    *,
    doc: str = "a.txt",
    figure: str = "",
    sentence: str = "",
    period: str | None = None,
    segment: str | None = None,
    counterparty: str | None = None,
) -> ScoredClaim:
    return ScoredClaim(
        doc=doc,
        entity=entity,
        metric=metric,
        value=Decimal(value),
        unit=unit,
        bound=bound,
        figure=figure,
        sentence=sentence,
        period=period,
        segment=segment,
        counterparty=counterparty,
    )


def by_doc(claims: list[ScoredClaim]) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for g in claims:
        grouped[g.doc].append(as_extracted(g))
    return dict(grouped)


def test_seed_gold_scored_against_itself_is_perfect() -> None:
    """The 16 seed gold claims, extracted perfectly, score 1 everywhere."""
    claims = read_gold(GOLD)
    assert len(claims) == 16
    report = evaluate(claims, by_doc(claims))
    assert (report.totals.precision, report.totals.recall, report.totals.f1) == (1.0, 1.0, 1.0)
    assert report.bound_accuracy == report.period_accuracy == 1.0
    assert report.segment_agreement == report.counterparty_agreement == 1.0
    assert not report.misses and not report.false_alarms


@pytest.mark.parametrize(
    ("extracted", "gold_value", "matches"),
    [
        ("100.5", "100", True),
        ("99.5", "100", True),
        ("100.50001", "100", False),
        ("99.4999", "100", False),
        ("0", "0", True),
        ("0.0001", "0", False),
        ("-3", "-3.01", True),
        ("3", "-3", False),
    ],
)
def test_value_tolerance(extracted: str, gold_value: str, matches: bool) -> None:
    """0.5 % of the gold value, inclusive; exact for 0; signs must agree."""
    assert values_match(Decimal(extracted), Decimal(gold_value)) is matches


def test_entity_metric_and_unit_must_agree() -> None:
    """Entity case and spacing are ignored; metric and unit are not negotiable."""
    g = [gold("Alibaba", "revenue", "5000000000", "EUR")]
    for extracted, expected in [
        (claim("  alibaba ", "revenue", "5000000000", "EUR"), 1),
        (claim("Amazon", "revenue", "5000000000", "EUR"), 0),
        (claim("Alibaba", "profit", "5000000000", "EUR"), 0),
        (claim("Alibaba", "revenue", "5000000000", "USD"), 0),
    ]:
        assert evaluate(g, {"a.txt": [extracted]}).totals.matched == expected, extracted


def test_range_counts_as_its_two_ends() -> None:
    """A `range` claim is a lower and an upper claim, as the gold files write ranges."""
    g = [
        gold("Alibaba", "revenue_growth", "3", "percent", "lower"),
        gold("Alibaba", "revenue_growth", "5", "percent", "upper"),
    ]
    ranged = claim("Alibaba", "revenue_growth", "3", "percent", bound="range", low="3", high="5")
    report = evaluate(g, {"a.txt": [ranged]})
    assert (report.totals.extracted, report.totals.matched) == (2, 2)
    assert report.bound_accuracy == 1.0
    assert [m.extracted.part for m in report.matches] == ["low", "high"]


def test_gold_range_with_low_and_high_is_split(tmp_path: pytest.TempPathFactory) -> None:
    """A gold file may write a range as one line with low and high."""
    path = tmp_path / "g.jsonl"  # type: ignore[operator]
    line = {
        "doc": "a.txt",
        "entity": "A",
        "metric": "revenue",
        "value": 5,
        "low": 5,
        "high": "6.5",
        "unit": "EUR",
        "bound": "range",
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    ends = read_gold(path)
    assert [(c.value, c.bound, c.part) for c in ends] == [
        (Decimal(5), "lower", "low"),
        (Decimal("6.5"), "upper", "high"),
    ]


def test_each_gold_claim_matches_at_most_once() -> None:
    """Two extracted claims for one gold claim: one match, one false alarm; and vice versa."""
    one = [gold("A", "revenue", "10", "EUR")]
    two = [claim("A", "revenue", "10", "EUR"), claim("A", "revenue", "10", "EUR")]
    report = evaluate(one, {"a.txt": two})
    assert (report.totals.matched, len(report.false_alarms), len(report.misses)) == (1, 1, 0)
    report = evaluate(one * 2, {"a.txt": two[:1]})
    assert (report.totals.matched, len(report.false_alarms), len(report.misses)) == (1, 0, 1)


def test_assignment_maximises_matches_before_preferences() -> None:
    """Pairing the best-agreeing figure first would leave a claim unmatched; assignment does not."""
    g = [
        gold("A", "revenue", "100", "EUR", figure="100 Euro"),
        gold("A", "revenue", "100.6", "EUR"),
    ]
    near_both = claim("A", "revenue", "100.3", "EUR", figure="100 Euro")
    near_first = claim("A", "revenue", "99.8", "EUR")
    report = evaluate(g, {"a.txt": [near_both, near_first]})
    assert report.totals.matched == 2
    assert {(m.gold.value, m.extracted.value) for m in report.matches} == {
        (Decimal("100"), Decimal("99.8")),
        (Decimal("100.6"), Decimal("100.3")),
    }


def test_pairs_prefer_the_same_figure_span() -> None:
    """The same figure stated twice: each extracted claim pairs with the mention it came from."""
    text = "Umsatz rund 500 Millionen Dollar. Später: 500 Millionen Dollar."
    g = [
        gold(
            "A",
            "revenue",
            "500000000",
            "USD",
            "approx",
            figure="rund 500 Millionen Dollar",
            sentence="Umsatz rund 500 Millionen Dollar.",
        ),
        gold(
            "A",
            "revenue",
            "500000000",
            "USD",
            "exact",
            figure="500 Millionen Dollar",
            sentence="Später: 500 Millionen Dollar.",
        ),
    ]
    second = text.index("500", 20)
    end = second + len("500 Millionen Dollar")
    extracted = [
        claim("A", "revenue", "500000000", "USD", bound="exact", span=(second, end)),
        claim("A", "revenue", "500000000", "USD", bound="approx", span=(7, 32)),
    ]
    report = evaluate(g, {"a.txt": extracted}, texts={"a.txt": text})
    assert report.bound_accuracy == 1.0
    assert [m.gold.span for m in report.matches] == [(7, 32), (second, end)]


def test_bound_and_period_accuracy_and_informational_differences() -> None:
    """Accuracies are over the matches; segment and counterparty never block a match."""
    g = [
        gold("A", "revenue", "1", "EUR", "approx", period="2016-Q3", segment="AWS"),
        gold("A", "stake", "40", "percent", counterparty="B"),
    ]
    extracted = [
        claim("A", "revenue", "1", "EUR", bound="exact", period="2016-Q3", segment="aws"),
        claim("A", "stake", "40", "percent", period="2016", counterparty="C"),
    ]
    report = evaluate(g, {"a.txt": extracted})
    assert report.totals.matched == 2
    assert report.bound_accuracy == 0.5
    assert report.period_accuracy == 0.5
    assert report.segment_agreement == 1.0
    assert report.counterparty_agreement == 0.5
    assert [m.differences() for m in report.matches] == [
        {"bound": ("approx", "exact")},
        {"period": (None, "2016"), "counterparty": ("B", "C")},
    ]


def test_documents_are_scored_separately() -> None:
    """Same claim in another document is a miss plus a false alarm; unlisted docs are unscored."""
    g = [
        gold("A", "revenue", "1", "EUR", doc="a.txt"),
        gold("A", "revenue", "2", "EUR", doc="z.txt"),
    ]
    report = evaluate(g, {"a.txt": [], "b.txt": [claim("A", "revenue", "1", "EUR")]})
    assert report.totals.matched == 0
    assert [c.doc for c in report.misses] == ["a.txt"]
    assert [c.doc for c in report.false_alarms] == ["b.txt"]
    assert report.unscored_documents == ("z.txt",)
    assert [(d.doc, d.scores.gold, d.scores.extracted) for d in report.documents] == [
        ("a.txt", 1, 0),
        ("b.txt", 0, 1),
    ]


def test_rates_on_empty_sides() -> None:
    """Nothing to find and nothing found is perfect; otherwise an empty side scores 0."""
    empty = evaluate([], {"a.txt": []})
    assert (empty.totals.precision, empty.totals.recall, empty.totals.f1) == (1.0, 1.0, 1.0)
    assert empty.bound_accuracy is None
    only_gold = evaluate([gold("A", "revenue", "1", "EUR")], {"a.txt": []})
    assert (only_gold.totals.precision, only_gold.totals.recall, only_gold.totals.f1) == (0, 0, 0)
    only_extracted = evaluate([], {"a.txt": [claim("A", "revenue", "1", "EUR")]})
    assert (only_extracted.totals.precision, only_extracted.totals.recall) == (0.0, 0.0)


def test_precision_recall_f1_values() -> None:
    """3 gold, 4 extracted, 2 matched: P 0.5, R 2/3, F1 4/7."""
    g = [gold("A", "revenue", v, "EUR") for v in ("1", "2", "3")]
    extracted = [claim("A", "revenue", v, "EUR") for v in ("1", "2", "7", "8")]
    totals = evaluate(g, {"a.txt": extracted}).totals
    assert (totals.precision, totals.recall) == (0.5, 2 / 3)
    assert totals.f1 == pytest.approx(4 / 7)


def test_report_to_dict_is_json() -> None:
    """to_dict gives plain JSON: numbers as numbers, every section present."""
    claims = read_gold(GOLD)
    extracted = by_doc(claims)
    extracted["000_939af62ebaabacfc.txt"] = extracted["000_939af62ebaabacfc.txt"][1:]
    extracted["001_441f1818c683a435.txt"] = [claim("X", "revenue", "1.5", "EUR")]
    data = json.loads(json.dumps(evaluate(claims, extracted).to_dict()))
    assert set(data) >= {
        "gold",
        "extracted",
        "matched",
        "precision",
        "recall",
        "f1",
        "bound_accuracy",
        "period_accuracy",
        "segment_agreement",
        "counterparty_agreement",
        "documents",
        "misses",
        "false_alarms",
        "mismatches",
        "unscored_documents",
    }
    assert (data["gold"], data["extracted"], data["matched"]) == (16, 16, 15)
    assert data["misses"][0]["figure"] == "rund 10 Prozent"
    assert data["misses"][0]["value"] == 10
    assert data["false_alarms"][0]["value"] == 1.5
    assert len(data["documents"]) == 5
