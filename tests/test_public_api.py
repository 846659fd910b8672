"""The top-level names the docs promise: `facts.extract`, `facts.open`, `facts.load_articles`."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import facts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_extract_is_a_pure_function_on_an_article() -> None:
    """`facts.extract(article)` needs no store and resolves periods against the article date."""
    article = facts.Article(
        text="Im abgelaufenen Quartal stieg der Umsatz von Siemens um 7 Prozent.",
        published="2016-11",
    )
    (claim,) = facts.extract(article)
    assert (claim.entity, claim.metric, claim.period) == ("Siemens", "revenue_growth", "2016-Q3")
    assert claim.quantity.value == Decimal(7) and claim.quantity.unit == "percent"
    start, end = claim.source.start, claim.source.end
    assert article.text[start:end] == claim.quantity.text == "7 Prozent"
    assert facts.extract(article) == [claim]  # deterministic, same ids


def test_load_articles_then_extract_the_seeds() -> None:
    """Loading the seed folder and extracting gives claims tied to their articles."""
    articles = [a for a in facts.load_articles([SEEDS]) if isinstance(a, facts.Article)]
    assert len(articles) == 5
    claims = [c for a in articles for c in facts.extract(a)]
    ids = {a.id for a in articles}
    assert claims and all(c.source.article_id in ids for c in claims)
    assert isinstance(facts.EXTRACTOR_VERSION, str) and facts.EXTRACTOR_VERSION
