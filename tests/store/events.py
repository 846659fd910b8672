"""Sample events and hypothesis strategies shared by the store tests and benchmarks."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from facts.events import (
    ArticleDateSet,
    ArticleIngested,
    ClaimExtracted,
    ClaimReviewed,
    ClaimWithdrawn,
    Event,
)
from facts.model import Claim, Quantity, Source


def article(n: int, text: str = "Der Umsatz stieg um 56 Prozent.") -> ArticleIngested:
    return ArticleIngested(
        article_id=f"{n:016x}",
        text=f"{text} ({n})",
        text_sha256=f"{n:064x}",
        published="2017-05",
        title=f"Artikel {n}",
        source=f"seeds/{n}.md",
        language="de",
    )


def claim_extracted(n: int) -> ClaimExtracted:
    """A realistic extraction event (about 470 bytes of JSON)."""
    return ClaimExtracted(
        claim=Claim(
            entity="Alibaba",
            metric="revenue_growth",
            quantity=Quantity(
                value=Decimal("56.5"),
                unit="percent",
                bound="exact",
                low=Decimal("56.5"),
                high=Decimal("56.5"),
                text="56,5 Prozent",
            ),
            source=Source(
                article_id=f"{n // 10:016x}",
                start=n,
                end=n + 12,
                sentence="Der Umsatz von Alibaba stieg im ersten Quartal um 56,5 Prozent auf "
                "38,6 Milliarden Yuan.",
            ),
            period="2017-Q1",
            period_text="im ersten Quartal",
        ),
        extractor_version="1.0.0",
    )


# --- hypothesis ---------------------------------------------------------------------------------

texts = st.text(max_size=40)
short_ids = st.text(alphabet="0123456789abcdef", min_size=1, max_size=16)
decimals = st.decimals(allow_nan=False, allow_infinity=False)
optional_decimals = st.none() | decimals

quantities = st.builds(
    Quantity,
    value=decimals,
    unit=st.sampled_from(["EUR", "USD", "percent", "count", "orders/s"]),
    bound=st.sampled_from(["exact", "approx", "lower", "upper", "range"]),
    low=optional_decimals,
    high=optional_decimals,
    text=texts,
)
sources = st.builds(
    Source,
    article_id=short_ids,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    sentence=texts,
)
claims = st.builds(
    Claim,
    entity=texts,
    metric=st.sampled_from(["revenue", "revenue_growth", "stake", "jobs"]),
    quantity=quantities,
    source=sources,
    segment=st.none() | texts,
    period=st.none() | st.sampled_from(["2016-Q3", "FY2016", "2017-11-11"]),
    period_text=st.none() | texts,
    counterparty=st.none() | texts,
    notes=st.lists(texts, max_size=3).map(tuple),
)
events: st.SearchStrategy[Event] = st.one_of(
    st.builds(
        ArticleIngested,
        article_id=short_ids,
        text=st.text(max_size=400),
        text_sha256=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
        published=st.none() | st.sampled_from(["2017-05", "2016-11-11"]),
        title=st.none() | texts,
        source=st.none() | texts,
        language=st.sampled_from(["de", "en"]),
    ),
    st.builds(ClaimExtracted, claim=claims, extractor_version=texts),
    st.builds(
        ClaimWithdrawn, claim_id=short_ids, reason=texts, extractor_version=st.none() | texts
    ),
    st.builds(
        ClaimReviewed,
        claim_id=short_ids,
        verdict=st.sampled_from(["confirmed", "rejected", "corrected"]),
        corrections=st.dictionaries(texts, texts, max_size=3),
        reviewer=st.none() | texts,
        note=st.none() | texts,
    ),
    st.builds(
        ArticleDateSet,
        article_id=short_ids,
        published=st.sampled_from(["2017-05", "2016-11-11"]),
        note=st.none() | texts,
    ),
)
