"""Numerals: digits in both conventions, scale words and number words parse back exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facts.extractor import extract
from facts.extractor.numbers import format_decimal, parse_digits, parse_word
from facts.model import Article

amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2, allow_nan=False
)


def _group(integer: str, sep: str) -> str:
    out = []
    while len(integer) > 3:
        out.insert(0, integer[-3:])
        integer = integer[:-3]
    out.insert(0, integer)
    return sep.join(out)


def german(value: Decimal, grouped: bool) -> str:
    integer, _, frac = format(value, "f").partition(".")
    integer = _group(integer, ".") if grouped else integer
    frac = frac.rstrip("0")
    return f"{integer},{frac}" if frac else integer


def english(value: Decimal, grouped: bool) -> str:
    integer, _, frac = format(value, "f").partition(".")
    integer = _group(integer, ",") if grouped else integer
    frac = frac.rstrip("0")
    return f"{integer}.{frac}" if frac else integer


@given(amounts, st.booleans())
def test_german_digits_round_trip(value: Decimal, grouped: bool) -> None:
    """`1.234.567,89` and `1234567,89` read back as the same Decimal."""
    assert parse_digits(german(value, grouped), "de") == value


@given(amounts, st.booleans())
def test_english_digits_round_trip(value: Decimal, grouped: bool) -> None:
    """`1,234,567.89` and `1234567.89` read back as the same Decimal."""
    assert parse_digits(english(value, grouped), "en") == value


@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([" ", "\u202f", "’"]))
def test_space_and_apostrophe_grouping(value: int, sep: str) -> None:
    """`7 300` and `308’000` (Swiss) are thousands, in either language."""
    text = _group(str(value), sep)
    assert parse_digits(text, "de") == value
    assert parse_digits(text, "en") == value


GERMAN_SCALES = [
    ("Tsd.", 10**3),
    ("Mio.", 10**6),
    ("Millionen", 10**6),
    ("Mrd.", 10**9),
    ("Milliarden", 10**9),
    ("Billionen", 10**12),
]
ENGLISH_SCALES = [("m", 10**6), (" million", 10**6), ("bn", 10**9), (" billion", 10**9)]
mantissas = st.decimals(min_value=Decimal("1"), max_value=Decimal("999.99"), places=2)


@settings(max_examples=60, deadline=None)
@given(mantissas, st.sampled_from(GERMAN_SCALES))
def test_german_scale_words_through_the_extractor(
    mantissa: Decimal, scale: tuple[str, int]
) -> None:
    """`Umsatz von 12,5 Mrd. Euro` is one revenue claim of exactly 12 500 000 000 EUR."""
    word, factor = scale
    text = f"Siemens meldete einen Umsatz von {german(mantissa, False)} {word} Euro."
    claims = extract(Article(text=text, published="2017-03", language="de"))
    assert [(c.metric, c.quantity.value, c.quantity.unit) for c in claims] == [
        ("revenue", mantissa * factor, "EUR")
    ]


@settings(max_examples=60, deadline=None)
@given(mantissas, st.sampled_from(ENGLISH_SCALES))
def test_english_scale_words_through_the_extractor(
    mantissa: Decimal, scale: tuple[str, int]
) -> None:
    """`revenue of $12.5bn` is one revenue claim of exactly 12 500 000 000 USD."""
    word, factor = scale
    text = f"Siemens reported revenue of ${english(mantissa, False)}{word}."
    claims = extract(Article(text=text, published="2017-03", language="en"))
    assert [(c.metric, c.quantity.value, c.quantity.unit) for c in claims] == [
        ("revenue", mantissa * factor, "USD")
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("drei", 3),
        ("zwölf", 12),
        ("dreißig", 30),
        ("dreiundzwanzig", 23),
        ("zweieinhalb", Decimal("2.5")),
        ("anderthalb", Decimal("1.5")),
        ("zweihundertfünfzig", 250),
        ("fünftausend", 5000),
    ],
)
def test_german_number_words(word: str, value: Decimal | int) -> None:
    """German number words compose (`dreiundzwanzig`, `zweieinhalb`)."""
    assert parse_word(word, "de") == Decimal(value)


@pytest.mark.parametrize(
    ("word", "value"),
    [("three", 3), ("twenty-five", 25), ("three hundred", 300), ("one thousand two hundred", 1200)],
)
def test_english_number_words(word: str, value: int) -> None:
    """English number words compose (`twenty-five`)."""
    assert parse_word(word, "en") == value


@pytest.mark.parametrize("text", ["1.2.3", "12,5,6", ""])
def test_malformed_digits_are_not_numbers(text: str) -> None:
    """Strings that are no number in either convention give None, not a guess."""
    assert parse_digits(text, "de") is None


def test_format_decimal_has_no_exponent() -> None:
    """Fully scaled values print as plain digits."""
    assert format_decimal(Decimal("5E+9")) == "5000000000"
