"""Building extracted claims for scorer tests without the extractor."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from facts.evaluate import ScoredClaim
from facts.model import Claim, Quantity, Source

GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds.gold.jsonl"


def claim(
    entity: str,
    metric: str,
    value: str | Decimal,
    unit: str,
    *,
    bound: str = "exact",
    low: str | Decimal | None = None,
    high: str | Decimal | None = None,
    figure: str = "",
    span: tuple[int, int] = (0, 0),
    segment: str | None = None,
    period: str | None = None,
    counterparty: str | None = None,
) -> Claim:
    """An extracted claim as the extractor would make it."""
    return Claim(
        entity=entity,
        metric=metric,
        quantity=Quantity(value=value, unit=unit, bound=bound, low=low, high=high, text=figure),
        source=Source(article_id="0" * 16, start=span[0], end=span[1], sentence=""),
        segment=segment,
        period=period,
        counterparty=counterparty,
    )


def as_extracted(gold: ScoredClaim) -> Claim:
    """The claim a perfect extractor would emit for a gold claim."""
    return claim(
        gold.entity,
        gold.metric,
        gold.value,
        gold.unit,
        bound=gold.bound,
        figure=gold.figure,
        span=gold.span or (0, 0),
        segment=gold.segment,
        period=gold.period,
        counterparty=gold.counterparty,
    )
