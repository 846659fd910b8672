"""Period arithmetic against the article's date, never today's."""

from __future__ import annotations

import pytest

from facts.extractor import extract
from facts.extractor import periods as P
from facts.extractor.periods import Ref
from facts.model import Article


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-11", "2016-Q3"),
        ("2016-10", "2016-Q3"),
        ("2017-01", "2016-Q4"),
        ("2017-05", "2017-Q1"),
    ],
)
def test_last_completed_quarter(published: str, expected: str) -> None:
    """`im abgelaufenen Quartal` is the last quarter that had ended by the article's month."""
    ref = Ref.parse(published)
    assert ref is not None
    assert P.last_completed_quarter(ref) == expected


@pytest.mark.parametrize(
    ("q", "published", "end_month", "expected"),
    [
        (1, "2022-10", None, "FY2023-Q1"),  # Microsoft: fiscal year ends in June
        (1, "2023-02", 12, "FY2023-Q1"),  # Apple: quarter ended December 31
        (4, "2016-11", 9, "FY2016-Q4"),  # Siemens: fourth quarter July to September
        (2, "2016-11", None, "FY2017-Q2"),  # Alibaba: fiscal year ends in March
    ],
)
def test_fiscal_quarter_named_after_the_year_it_ends_in(
    q: int, published: str, end_month: int | None, expected: str
) -> None:
    """A fiscal quarter without a year belongs to the fiscal year it ends in."""
    ref = Ref.parse(published)
    assert ref is not None
    assert P.fiscal_quarter(q, ref, end_month) == expected


@pytest.mark.parametrize(
    ("period", "years", "expected"),
    [
        ("2016-Q3", -1, "2015-Q3"),
        ("FY2016", -1, "FY2015"),
        ("2021-Q1/2021-Q3", -1, "2020-Q1/2020-Q3"),
    ],
)
def test_shift_year(period: str, years: int, expected: str) -> None:
    """Comparison values take the same period a year earlier, intervals at both ends."""
    assert P.shift_year(period, years) == expected


@pytest.mark.parametrize(
    ("period", "expected"), [("2016-Q1", "2015-Q4"), ("2016-H2", "2016-H1"), ("2016-01", "2015-12")]
)
def test_previous_period(period: str, expected: str) -> None:
    """`Vorquartal`, `Vormonat`: the period just before."""
    assert P.previous(period) == expected


def test_relative_periods_need_a_date() -> None:
    """An undated article leaves `im abgelaufenen Quartal` unresolved but keeps `2019`."""
    text = "Siemens steigerte den Umsatz im abgelaufenen Quartal um 5 Prozent."
    undated = extract(Article(text=text, published=None))
    dated = extract(Article(text=text, published="2019-11"))
    assert [c.period for c in undated] == [None]
    assert [c.period for c in dated] == ["2019-Q3"]
    explicit = extract(Article(text="BASF steigerte den Umsatz im Jahr 2019 um 5 Prozent."))
    assert [c.period for c in explicit] == ["2019"]


def test_same_text_same_claims() -> None:
    """Extraction is pure: the same article twice gives equal claims with equal ids."""
    article = Article(text="Siemens steigerte den Umsatz um 5 Prozent.", published="2017-03")
    assert extract(article) == extract(article)
