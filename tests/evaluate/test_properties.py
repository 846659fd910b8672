"""Properties of the scorer over generated claim sets."""

from __future__ import annotations

import itertools
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from facts.evaluate import ScoredClaim, _assign, evaluate, values_match
from facts.model import Claim

from .helpers import as_extracted

values = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=2
)
scored_claims = st.builds(
    ScoredClaim,
    doc=st.sampled_from(["a.txt", "b.txt"]),
    entity=st.sampled_from(["Alibaba", "Amazon", "Microsoft"]),
    metric=st.sampled_from(["revenue", "profit", "stake"]),
    value=values,
    unit=st.sampled_from(["EUR", "USD", "percent"]),
    bound=st.sampled_from(["exact", "approx", "lower", "upper"]),
    period=st.sampled_from([None, "2016-Q3", "FY2016"]),
    segment=st.sampled_from([None, "AWS"]),
    figure=st.sampled_from(["", "rund 5 Mio."]),
)


@given(st.lists(scored_claims, max_size=25))
def test_claims_scored_against_themselves_are_perfect(gold: list[ScoredClaim]) -> None:
    """Whatever the claims (duplicates included), a perfect extraction scores 1."""
    extracted: dict[str, list[Claim]] = {"a.txt": [], "b.txt": []} | {
        doc: [as_extracted(g) for g in gold if g.doc == doc] for doc in {g.doc for g in gold}
    }
    report = evaluate(gold, extracted)
    assert report.totals.matched == len(gold)
    assert (report.totals.precision, report.totals.recall, report.totals.f1) == (1.0, 1.0, 1.0)
    if gold:
        assert report.bound_accuracy == report.period_accuracy == 1.0


@given(
    st.lists(scored_claims, max_size=10),
    values.filter(lambda v: v != 0),
    st.decimals(min_value=Decimal("0.0051"), max_value=Decimal("10"), places=4),
    st.booleans(),
)
def test_perturbing_a_value_beyond_tolerance_removes_its_match(
    others: list[ScoredClaim], value: Decimal, change: Decimal, down: bool
) -> None:
    """A claim off by more than 0.5 % is a miss and a false alarm; the rest is unaffected."""
    target = ScoredClaim(
        doc="a.txt", entity="Unique AG", metric="revenue", value=value, unit="EUR", bound="exact"
    )
    factor = 1 - change if down else 1 + change
    wrong = as_extracted(attrs.evolve(target, value=value * factor))
    assert not values_match(wrong.quantity.value, value)
    gold = [*others, target]
    extracted: dict[str, list[Claim]] = {"a.txt": [wrong], "b.txt": []}
    for g in others:
        extracted[g.doc].append(as_extracted(g))
    report = evaluate(gold, extracted)
    assert report.totals.matched == len(others)
    assert report.misses == (target,)
    assert [c.value for c in report.false_alarms] == [value * factor]


weight = st.one_of(st.just(0), st.integers(min_value=1, max_value=60))
matrices = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda shape: st.lists(
        st.lists(weight, min_size=shape[1], max_size=shape[1]), min_size=shape[0], max_size=shape[0]
    )
)


@given(matrices)
def test_assignment_is_optimal(weights: list[list[int]]) -> None:
    """The Hungarian assignment reaches the brute-force maximum weight, one-to-one."""
    rows, cols = len(weights), len(weights[0])
    pairs = _assign(weights)
    assert len(pairs) == min(rows, cols)
    assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
    if rows <= cols:
        best = max(
            sum(weights[r][p[r]] for r in range(rows))
            for p in itertools.permutations(range(cols), rows)
        )
    else:
        best = max(
            sum(weights[p[c]][c] for c in range(cols))
            for p in itertools.permutations(range(rows), cols)
        )
    assert sum(weights[r][c] for r, c in pairs) == best
