"""The corpus format shared by the German and English corpora.

A case is a text, the article date it is read against, and the claims a careful human labels
in it (by LABELING_NOTES.md). Expectations are written by hand from the text, never copied
from the extractor's output. Each expected claim is a tuple
`(entity, metric, value, unit, bound, period)`; a range is written `"low..high"` with bound
`range`. Optional extras as a dict in seventh place: `counterparty`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Expected = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    text: str
    date: str | None
    claims: tuple[Expected, ...] = field(default=())
    title: str | None = None

    def id(self) -> str:
        return self.text[:60]


def C(text: str, date: str | None, *claims: Expected, title: str | None = None) -> Case:
    return Case(text, date, tuple(claims), title)


def N(text: str, date: str | None = "2017-03") -> Case:
    """A negative case: the text states no business claim, nothing may be extracted."""
    return Case(text, date, ())


def key(
    entity: str, metric: str, value: str, unit: str, bound: str, period: str | None
) -> tuple[str, str, Decimal, Decimal | None, str, str, str | None]:
    if ".." in value:
        lo, hi = value.split("..")
        return (entity, metric, Decimal(lo), Decimal(hi), unit, bound, period)
    return (entity, metric, Decimal(value), None, unit, bound, period)
