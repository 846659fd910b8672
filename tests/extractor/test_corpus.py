"""The corpora are the extractor's specification: each case's claims, no more and no fewer."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from facts.extractor import extract
from facts.model import Article, Claim, claim_id_for
from tests.extractor import corpus_de, corpus_en
from tests.extractor.corpus import Case, key


def _got(claim: Claim) -> tuple[Any, ...]:
    q = claim.quantity
    value = q.low if q.bound == "range" else q.value
    high = q.high if q.bound == "range" else None
    return (claim.entity, claim.metric, _norm(value), _norm(high), q.unit, q.bound, claim.period)


def _norm(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _want(expected: tuple[Any, ...]) -> tuple[Any, ...]:
    k = key(*expected[:6])
    return (k[0], k[1], _norm(k[2]), _norm(k[3]), *k[4:])


def _run(case: Case, lang: str) -> list[Claim]:
    article = Article(text=case.text, published=case.date, title=case.title, language=lang)
    return extract(article)


def _check(case: Case, lang: str) -> None:
    claims = _run(case, lang)
    got = Counter(_got(c) for c in claims)
    want = Counter(_want(e) for e in case.claims)
    assert got == want, f"\n  text: {case.text}\n  missing: {want - got}\n  extra: {got - want}"
    for expected in case.claims:
        extra = expected[6] if len(expected) > 6 else {}
        if "counterparty" in extra:
            match = [c for c in claims if _got(c) == _want(expected)]
            assert match[0].counterparty == extra["counterparty"], case.text


@pytest.mark.parametrize("case", corpus_de.CASES, ids=Case.id)
def test_german_corpus(case: Case) -> None:
    """Every German case yields exactly the claims labelled by hand."""
    _check(case, "de")


@pytest.mark.parametrize("case", corpus_de.NEGATIVE, ids=Case.id)
def test_german_negative_corpus(case: Case) -> None:
    """Dates, ages, share prices, market figures, ordinals... give no claim."""
    assert _run(case, "de") == []


@pytest.mark.parametrize("case", corpus_en.CASES, ids=Case.id)
def test_english_corpus(case: Case) -> None:
    """Every English case yields exactly the claims labelled by hand."""
    _check(case, "en")


@pytest.mark.parametrize("case", corpus_en.NEGATIVE, ids=Case.id)
def test_english_negative_corpus(case: Case) -> None:
    """English texts without business claims give none."""
    assert _run(case, "en") == []


def test_spans_point_at_the_figure() -> None:
    """Every claim's span in the article text is exactly its figure text."""
    for case in corpus_de.CASES + corpus_en.CASES:
        article = Article(text=case.text, published=case.date, title=case.title)
        for claim in extract(article):
            span = article.text[claim.source.start : claim.source.end]
            assert span == claim.quantity.text
            assert span in claim.source.sentence


def test_shared_figure_claims_have_distinct_ids() -> None:
    """`jeweils`: one claim per company on one span; the first keeps the span's usual id."""
    art = Article(
        "An dem Joint Venture Ionity sind BMW, Mercedes-Benz und Ford jeweils mit 15 Prozent "
        "beteiligt.",
        "2023-05",
    )
    claims = extract(art)
    assert len(claims) == 3
    assert len({c.id for c in claims}) == 3
    first = claims[0]
    assert first.id == claim_id_for(art.id, first.source.start, first.source.end, first.metric)
