"""Whatever the text, the extractor returns claims whose spans point at their figures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from facts.extractor import extract
from facts.model import Article

TOKENS = [
    "Siemens", "Amazon", "der Konzern", "the company", "Umsatz", "revenue", "stieg", "fell",
    "um", "auf", "von", "bis", "zwischen", "und", "rund", "mehr als", "bis zu", "about",
    "5", "12,5", "1.234,5", "175.000", "3.5", "$", "€", "Mrd.", "Millionen", "bn", "Prozent",
    "%", "Euro", "Dollar", "(Vorjahr:", ")", "im dritten Quartal", "2016", "11.11.", "Q3",
    "im Vorjahr", "a year earlier", "jeder dritte", "ein Viertel", "verdoppelt", ",", ".",
    "\n\n", "Mitarbeiter", "Filialen", "Aktie", "Analysten", "-prozentige", "Beteiligung",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(TOKENS), max_size=40),
    st.sampled_from([None, "2016-11", "2021-01-15"]),
    st.sampled_from(["de", "en"]),
)
def test_never_raises_and_spans_are_exact(
    tokens: list[str], published: str | None, language: str
) -> None:
    """Random business-like token soup: no exception, every span slices its figure."""
    text = " ".join(tokens) or "leer"
    article = Article(text=text, published=published, language=language)
    for claim in extract(article):
        assert text[claim.source.start : claim.source.end] == claim.quantity.text
        q = claim.quantity
        if q.bound == "exact":
            assert q.low == q.value == q.high
        if q.bound == "range":
            assert q.low is not None and q.high is not None and q.low <= q.high
