"""The event types: the only things ever written to the log.

Each type has a stable `TYPE` name (never a Python path, so renaming a class orphans nothing)
and a `VERSION`. A payload change bumps the version and adds an upcaster in `facts.codec`;
`schema/events/` holds the JSON Schema of every type and version.

Streams: `article-<article id>` and `claim-<claim id>`.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from facts.model import Claim

VERDICTS: tuple[str, ...] = ("confirmed", "rejected", "corrected")


@attrs.frozen
class ArticleIngested:
    """An article entered the store. Carries the text, so re-parsing needs nothing else."""

    TYPE: ClassVar[str] = "ArticleIngested"
    VERSION: ClassVar[int] = 1

    article_id: str
    text: str
    text_sha256: str
    published: str | None
    title: str | None
    source: str | None
    language: str


@attrs.frozen
class ClaimExtracted:
    """The extractor found a claim (or found it again with different content)."""

    TYPE: ClassVar[str] = "ClaimExtracted"
    VERSION: ClassVar[int] = 1

    claim: Claim
    extractor_version: str


@attrs.frozen
class ClaimWithdrawn:
    """The claim is no longer current: a re-parse no longer finds it, or its article was
    superseded by a changed text."""

    TYPE: ClassVar[str] = "ClaimWithdrawn"
    VERSION: ClassVar[int] = 1

    claim_id: str
    reason: str
    extractor_version: str | None = None


@attrs.frozen
class ClaimReviewed:
    """A person's verdict on a claim; it outranks the extractor and survives re-parses."""

    TYPE: ClassVar[str] = "ClaimReviewed"
    VERSION: ClassVar[int] = 1

    claim_id: str
    verdict: str = attrs.field(validator=attrs.validators.in_(VERDICTS))
    corrections: dict[str, str] = attrs.field(factory=dict)
    reviewer: str | None = None
    note: str | None = None


@attrs.frozen
class ArticleDateSet:
    """A person supplied (or fixed) the publication date of an article."""

    TYPE: ClassVar[str] = "ArticleDateSet"
    VERSION: ClassVar[int] = 1

    article_id: str
    published: str
    note: str | None = None


@attrs.frozen
class ArticleSuperseded:
    """A changed text from the same source replaced this article.

    Appended to the old article's stream (so two writers cannot both supersede it), in the same
    transaction as the new article's `ArticleIngested` and the withdrawal of the old claims.
    """

    TYPE: ClassVar[str] = "ArticleSuperseded"
    VERSION: ClassVar[int] = 1

    article_id: str
    superseded_by: str
    source: str | None


Event = (
    ArticleIngested
    | ClaimExtracted
    | ClaimWithdrawn
    | ClaimReviewed
    | ArticleDateSet
    | ArticleSuperseded
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls
    for cls in (
        ArticleIngested,
        ClaimExtracted,
        ClaimWithdrawn,
        ClaimReviewed,
        ArticleDateSet,
        ArticleSuperseded,
    )
}
