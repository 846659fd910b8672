"""Numerals as written in German and English business text, parsed to exact Decimals.

Digits are read by the conventions of the article's language (`1.234,5` in German, `1,234.5` in
English); a separator followed by exactly three digits is a thousands separator in both, because
news writes `175.000` and `175,000` but never `1,5` in English or `1.5` with grouping in German.
Number words are parsed by composition (`dreiundzwanzig`, `zweieinhalb`, `twenty-five`) rather
than from a finite list, so any compound a journalist can write is understood.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

_GROUP_CHARS = ".,'’\u00a0\u202f \u2009"

DE_UNITS: dict[str, int] = {
    "null": 0,
    "ein": 1,
    "eins": 1,
    "eine": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
DE_TENS: dict[str, int] = {
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
EN_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Morphemes a German number word is made of; a word built only of these is tried as a number.
DE_MORPHEMES = sorted(
    [*DE_UNITS, *DE_TENS, "und", "hundert", "tausend", "einhalb", "anderthalb"],
    key=len,
    reverse=True,
)
DE_WORD_RE = re.compile(r"(?:{})+".format("|".join(DE_MORPHEMES)), re.IGNORECASE)
EN_MORPHEMES = sorted([*EN_UNITS, *EN_TENS, "hundred", "thousand"], key=len, reverse=True)
EN_WORD_RE = re.compile(
    r"(?:{})(?:[- ](?:and[- ])?(?:{}))*".format("|".join(EN_MORPHEMES), "|".join(EN_MORPHEMES)),
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def parse_digits(text: str, lang: str) -> Decimal | None:
    """A digit string with separators, read by the conventions of `lang` ('de' or 'en').

    Returns None for strings that are not a well-formed number in either convention, so that
    the caller can skip things like `1.2.3`.
    """
    s = text.strip()
    if not s:
        return None
    neg = False
    if s[0] in "-−–":
        neg = True
        s = s[1:].strip()
    decimal_sep = "," if lang == "de" else "."
    other = "." if lang == "de" else ","
    # Space-like and apostrophe separators are always grouping.
    for ch in "'’\u00a0\u202f \u2009":
        s = s.replace(ch, "")
    if not s or not (s[0].isdigit()):
        return None
    int_part, _, frac = s.partition(decimal_sep)
    if decimal_sep in frac:
        return None
    if other in int_part:
        groups = int_part.split(other)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            # `15.1` in a German text: a decimal point written the English way.
            if len(groups) == 2 and not frac:
                int_part, frac = groups
            else:
                return None
        else:
            int_part = "".join(groups)
    if not int_part.isdigit() or (frac and not frac.isdigit()):
        return None
    value = Decimal(f"{int_part}.{frac}") if frac else Decimal(int_part)
    return -value if neg else value


def _de_word(word: str) -> Decimal | None:
    w = word.lower().replace("ss", "ß") if "dreissig" in word.lower() else word.lower()
    if w in ("anderthalb", "eineinhalb"):
        return Decimal("1.5")
    if w.endswith("einhalb") and len(w) > 7:
        base = _de_word(w[:-7])
        return None if base is None else base + Decimal("0.5")
    if "tausend" in w:
        left, _, right = w.partition("tausend")
        lv = Decimal(1) if left in ("", "ein", "eins") else _de_word(left)
        rv = Decimal(0) if right == "" else _de_word(right)
        if lv is None or rv is None:
            return None
        return lv * 1000 + rv
    if "hundert" in w:
        left, _, right = w.partition("hundert")
        lv = Decimal(1) if left in ("", "ein") else _de_word(left)
        rv = Decimal(0) if right == "" else _de_word(right.removeprefix("und"))
        if lv is None or rv is None or lv >= 10:
            return None
        return lv * 100 + rv
    if w in DE_UNITS:
        return Decimal(DE_UNITS[w])
    if w in DE_TENS:
        return Decimal(DE_TENS[w])
    if "und" in w:
        unit, _, tens = w.partition("und")
        if unit in DE_UNITS and 1 <= DE_UNITS[unit] <= 9 and tens in DE_TENS:
            return Decimal(DE_UNITS[unit] + DE_TENS[tens])
    return None


def _en_word(word: str) -> Decimal | None:
    parts = [p for p in re.split(r"[- ]+", word.lower()) if p and p != "and"]
    total = 0
    current = 0
    for p in parts:
        if p in EN_UNITS:
            if current % 10 != 0 and current < 100:
                return None
            current += EN_UNITS[p]
        elif p in EN_TENS:
            if current % 100 != 0:
                return None
            current += EN_TENS[p]
        elif p == "hundred":
            current = max(current, 1) * 100
        elif p == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return Decimal(total + current)


@lru_cache(maxsize=65536)
def parse_word(word: str, lang: str) -> Decimal | None:
    """A spelled-out cardinal (`dreißig`, `zweieinhalb`, `twenty-five`), or None."""
    if lang == "de":
        return _de_word(word)
    return _en_word(word)


def format_decimal(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, for JSON and tables."""
    return format(value.normalize(), "f")


def german_number_words() -> frozenset[str]:
    """Spelled-out German cardinals up to 999 and the `-einhalb` forms, lower-case."""
    words: set[str] = {"anderthalb", "eineinhalb", "hundert", "tausend", "einhundert"}
    units = [w for w, v in DE_UNITS.items() if 1 <= v <= 9]
    for w, v in DE_UNITS.items():
        if v >= 2:
            words.add(w)
            words.add(w + "einhalb")
    for t in DE_TENS:
        words.add(t)
        for u in units:
            if u not in ("eins", "eine"):
                words.add(f"{u}und{t}")
    for u in units:
        if u not in ("eins", "eine", "ein"):
            words.add(u + "hundert")
            words.add(u + "tausend")
    return frozenset(words)


def english_number_words() -> frozenset[str]:
    """Spelled-out English cardinals up to ninety-nine, plus hundred and thousand."""
    words: set[str] = {"hundred", "thousand"}
    words.update(w for w, v in EN_UNITS.items() if v >= 2)
    for t in EN_TENS:
        words.add(t)
        words.update(f"{t}-{u}" for u, v in EN_UNITS.items() if 1 <= v <= 9)
    return frozenset(words)
