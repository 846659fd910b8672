"""Properties of the figures fold over random histories of ingests, reviews, re-parses and dates.

Whatever happens, in whatever page sizes it is folded: a rebuild gives the same rows, every
claim has exactly one current version, and a claim's versions tile the log without gaps.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable

import attrs
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.model import Claim
from facts.projections.figures import figures
from facts.store import EventStore
from facts.tracker import Tracker
from tests.ingest.helpers import article, extractor
from tests.projections.test_runner import dump

TEXTS = (
    "Acme revenue 500 EUR. Acme jobs 120 count.",
    "Acme revenue 510 EUR. Bolt stake 40 percent.",
    "Bolt units 7 count. Core revenue 3 USD. Core jobs 9 count.",
    "Core stake 12 percent.",
)


def _change(number: int) -> Callable[[list[Claim]], list[Claim]]:
    """Extractor version `number`: 0 as is, 1 drops jobs, 2 puts revenue in a segment."""

    def change(found: list[Claim]) -> list[Claim]:
        if number == 1:
            return [c for c in found if c.metric != "jobs"]
        if number == 2:
            return [attrs.evolve(c, segment="Cloud") if c.metric == "revenue" else c for c in found]
        return found

    return change


operation = st.one_of(
    st.tuples(
        st.just("ingest"),
        st.integers(0, len(TEXTS) - 1),
        st.sampled_from(["s1", "s2", None]),
        st.sampled_from(["2016-11", "2017-05-03", None]),
    ),
    st.tuples(
        st.just("review"),
        st.integers(0, 30),
        st.sampled_from(["confirmed", "rejected", "corrected"]),
        st.sampled_from(["1", "2"]),
    ),
    st.tuples(st.just("reparse"), st.integers(0, 2), st.none(), st.none()),
    st.tuples(
        st.just("date"), st.integers(0, 30), st.sampled_from(["2018-01", "2019-02-03"]), st.none()
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=12), page=st.integers(1, 9))
def test_random_histories_fold_consistently(
    operations: list[tuple[object, object, object, object]], page: int
) -> None:
    """Incremental folding in any page size equals a rebuild; versions tile the log."""
    with EventStore.open(":memory:") as store:
        tracker = Tracker(store, extractor=extractor())
        tracker.runner.page_size = page
        for kind, a, b, c in operations:
            if kind == "ingest":
                assert isinstance(a, int)
                text = TEXTS[a]
                tracker.ingest_articles([article(text, published=c, source=b)])  # type: ignore[arg-type]
            elif kind == "review":
                claims = tracker.claims()
                if claims:
                    claim = claims[int(a) % len(claims)]  # type: ignore[call-overload]
                    fixes = {"value": str(c)} if b == "corrected" else None
                    tracker.review(claim.claim_id, str(b), fixes)
            elif kind == "reparse":
                tracker._ingester._extractor = extractor(f"v{a}", change=_change(int(a)))  # type: ignore[call-overload]
                tracker.reparse()
            else:
                claims = tracker.claims()
                if claims:
                    claim = claims[int(a) % len(claims)]  # type: ignore[call-overload]
                    tracker.set_date(claim.source.article_id, str(b))
        incremental = dump(store)
        head = store.head()
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(figures.c.claim_id, figures.c.valid_from, figures.c.valid_to)
            ).all()
        versions: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
        for claim_id, valid_from, valid_to in rows:
            versions[claim_id].append((valid_from, valid_to))
        for claim_id, spans in versions.items():
            spans.sort()
            assert [to for _, to in spans].count(None) == 1, claim_id
            for (_, to), (start, _) in itertools.pairwise(spans):
                assert to == start, (claim_id, spans)
            assert all(0 < start <= head for start, _ in spans)
        assert tracker.rebuild() == head
        assert dump(store) == incremental
