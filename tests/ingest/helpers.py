"""A small, exactly predictable extractor for testing the decide step and the projection.

The real extractor's output changes as its rules improve; these tests are about what ingestion
records when claims appear, change and vanish, so they use a grammar whose output they control:
every `<Entity> <metric> <value> <unit>` in the text is one claim, its period the article's
year (None when undated), so a date supplied later changes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from facts.ingest import Extractor
from facts.model import Article, Claim, Quantity, Source

_CLAIM = re.compile(
    r"(?P<entity>[A-Z][A-Za-z]+) (?P<metric>[a-z_]+) "
    r"(?P<value>-?\d+(?:\.\d+)?) (?P<unit>[A-Za-z/%]+)"
)


def extract(article: Article) -> list[Claim]:
    claims = []
    for match in _CLAIM.finditer(article.text):
        start = article.text.rfind(".", 0, match.start()) + 1
        end = article.text.find(".", match.end())
        sentence = article.text[start : end if end >= 0 else len(article.text)].strip()
        value = Decimal(match.group("value"))
        claims.append(
            Claim(
                entity=match.group("entity"),
                metric=match.group("metric"),
                quantity=Quantity(
                    value, match.group("unit"), "exact", value, value, match.group(0)
                ),
                source=Source(article.id, match.start("value"), match.end("value"), sentence),
                period=article.published[:4] if article.published else None,
            )
        )
    return claims


def extractor(
    version: str = "test-1", change: Callable[[list[Claim]], list[Claim]] | None = None
) -> Extractor:
    """The test grammar as an `Extractor`; `change` rewrites its output (a "new version")."""

    def run(article: Article) -> list[Claim]:
        found = extract(article)
        return change(found) if change is not None else found

    return Extractor(extract=run, version=version)


def article(text: str, published: str | None = "2017-05", source: str | None = None) -> Article:
    return Article(text=text, published=published, title=None, source=source, language="en")
