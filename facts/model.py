"""The domain's value types: articles, quantities and claims.

These know nothing of storage or parsing. They are frozen attrs classes so that a claim, once
made, cannot drift; serialisation lives in `facts.codec`, never here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from typing import Literal

import attrs

Bound = Literal["exact", "approx", "lower", "upper", "range"]
BOUNDS: tuple[str, ...] = ("exact", "approx", "lower", "upper", "range")

# A published date is a year-month or a full date; anything finer is noise for news.
_PUBLISHED = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


def normalise_text(text: str) -> str:
    """The form an article's identity is computed from.

    NFC so that composed and decomposed umlauts are the same article; unified line ends and
    trailing whitespace stripped, so that a file re-saved by another editor is the same article.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """An article's identity: the first 16 hex digits of its text hash (64 bits)."""
    return text_hash(text)[:16]


def claim_id_for(
    article_id: str, start: int, end: int, metric: str, entity: str | None = None
) -> str:
    """Deterministic claim identity, so a re-parse can tell an old claim from a new one.

    `entity` only disambiguates several claims on one span and metric (`A und B sind jeweils
    mit 15 Prozent beteiligt`); without it the id is what it always was."""
    key = f"{article_id}:{start}:{end}:{metric}"
    if entity is not None:
        key += f":{entity}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _check_published(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not _PUBLISHED.match(value):
        raise ValueError(f"{attribute.name} must be YYYY-MM or YYYY-MM-DD, got {value!r}")


@attrs.frozen
class Article:
    """One dated text. `text` is the body the spans of its claims point into."""

    text: str
    published: str | None = attrs.field(default=None, validator=_check_published)
    title: str | None = None
    source: str | None = None
    language: str = "de"
    id: str = attrs.field()

    @id.default
    def _id_default(self) -> str:
        return article_id_for(self.text)

    @property
    def stream_id(self) -> str:
        return f"article-{self.id}"


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, float):
        raise TypeError("use Decimal or str for quantities, never float")
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _to_optional_decimal(value: object) -> Decimal | None:
    return None if value is None else _to_decimal(value)


@attrs.frozen
class Quantity:
    """A number as stated.

    `value` is fully scaled (five billion is 5000000000). `low`/`high` are the limits the
    wording guarantees: both equal `value` for `exact`, `low` only for `lower`, `high` only
    for `upper`, both for `range` (where `value` is the low end), neither for `approx`.
    """

    value: Decimal = attrs.field(converter=_to_decimal)
    unit: str
    bound: str = attrs.field(default="exact", validator=attrs.validators.in_(BOUNDS))
    low: Decimal | None = attrs.field(default=None, converter=_to_optional_decimal)
    high: Decimal | None = attrs.field(default=None, converter=_to_optional_decimal)
    text: str = ""


@attrs.frozen
class Source:
    """Where a claim came from: the article, the figure's span in its text, the sentence."""

    article_id: str
    start: int
    end: int
    sentence: str


@attrs.frozen
class Claim:
    """One quantitative statement about a company, traceable to its sentence."""

    entity: str
    metric: str
    quantity: Quantity
    source: Source
    segment: str | None = None
    period: str | None = None
    period_text: str | None = None
    counterparty: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    id: str = attrs.field()

    @id.default
    def _id_default(self) -> str:
        return claim_id_for(self.source.article_id, self.source.start, self.source.end, self.metric)

    @property
    def stream_id(self) -> str:
        return f"claim-{self.id}"
