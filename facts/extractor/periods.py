"""Period arithmetic: what `im abgelaufenen Quartal` or `a year earlier` means in an article.

Everything relative is resolved against the article's own date (`Ref`), never against today; an
undated article gets None for relative periods. Period strings follow the labeling conventions:
`2016`, `2016-Q3`, `2016-H1`, `2016-11`, `2016-11-11`, `FY2016`, `FY2016-Q2` and intervals
`2021-Q1/2021-Q3`.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Ref(NamedTuple):
    """The article's date: year, month and (when known) day."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, published: str | None) -> Ref | None:
        if not published:
            return None
        parts = [int(p) for p in published.split("-")]
        return cls(parts[0], parts[1], parts[2] if len(parts) > 2 else None)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1


def quarter(year: int, q: int) -> str:
    while q < 1:
        q += 4
        year -= 1
    while q > 4:
        q -= 4
        year += 1
    return f"{year}-Q{q}"


def last_completed_quarter(ref: Ref) -> str:
    """`im abgelaufenen Quartal`: the last quarter that had ended by the article's month."""
    return quarter(ref.year, ref.quarter - 1)


def named_quarter(q: int, ref: Ref) -> str:
    """`im dritten Quartal` without a year: this year's, unless that quarter lies ahead."""
    return f"{ref.year}-Q{q}" if q <= ref.quarter else f"{ref.year - 1}-Q{q}"


def fiscal_quarter(q: int, ref: Ref, end_month: int | None = None) -> str:
    """`fiscal second quarter` without a year: the fiscal year is named after the calendar
    year it ends in. The quarter is taken to have ended with the last calendar quarter before
    the article (or in `end_month` when the text says `ended Sept. 30`), so its fiscal year
    ends 3 * (4 - q) months later."""
    if end_month is None:
        year, month = ref.year, (ref.quarter - 1) * 3
        if month == 0:
            year, month = year - 1, 12
    else:
        year = ref.year if end_month <= ref.month else ref.year - 1
        month = end_month
    months = year * 12 + (month - 1) + 3 * (4 - q)
    return f"FY{months // 12}-Q{q}"


def until(year: int, ref: Ref | None) -> str:
    """`bis 2026` in a 2022 article: the interval from now to the target year."""
    return f"{ref.year}/{year}" if ref is not None and year > ref.year else str(year)


def full_year(ref: Ref) -> str:
    """`im Gesamtjahr`: early in a year, results talk is about the year just ended."""
    return str(ref.year - 1 if ref.month <= 3 else ref.year)


def quarter_ending(month: int, ref: Ref | None, year: int | None = None) -> str | None:
    """`the December quarter`: the calendar quarter ending in that month, the latest one."""
    q = (month - 1) // 3 + 1
    if year is not None:
        return f"{year}-Q{q}"
    if ref is None:
        return None
    return f"{ref.year}-Q{q}" if month <= ref.month else f"{ref.year - 1}-Q{q}"


def months_ending(n: int, month: int, year: int | None, ref: Ref | None) -> str | None:
    """`in den drei Monaten bis Ende Juni`, `the six months to June`: the n months that end
    with `month` (in `year`, else the latest such month up to the article's date). Twelve
    months ending other than in December are a fiscal year, named by its end."""
    if year is None:
        if ref is None:
            return None
        year = ref.year if month <= ref.month else ref.year - 1
    if n == 12:
        return str(year) if month == 12 else f"FY{year}"
    if month % 3:
        return None
    if n == 3:
        return f"{year}-Q{month // 3}"
    if n == 6:
        if month % 6 == 0:
            return f"{year}-H{month // 6}"
        return f"{year}-Q{month // 3 - 1}/{year}-Q{month // 3}"
    return f"{year}-Q{month // 3 - 2}/{year}-Q{month // 3}" if n == 9 and month >= 9 else None


def latest_day(month: int, day: int, ref: Ref) -> str:
    """`am 11. November` without a year: the latest such day up to the article's date."""
    year = ref.year if (month, day) <= (ref.month, ref.day or 31) else ref.year - 1
    return f"{year}-{month:02d}-{day:02d}"


def month_span(year: int, first: int, last: int) -> str | None:
    """The months `first` to `last` of `year` as a period: a quarter or a half where they make
    one (`Juli bis September`: `2016-Q3`), else the interval of months."""
    if last - first == 2 and first % 3 == 1:
        return f"{year}-Q{(first - 1) // 3 + 1}"
    if last - first == 5 and first in (1, 7):
        return f"{year}-H{1 if first == 1 else 2}"
    return f"{year}-{first:02d}/{year}-{last:02d}" if first < last else None


def named_half(h: int, ref: Ref) -> str:
    """`im ersten Halbjahr` without a year: the latest such half that has begun."""
    start_month = 1 if h == 1 else 7
    return f"{ref.year}-H{h}" if ref.month >= start_month else f"{ref.year - 1}-H{h}"


def named_month(month: int, ref: Ref, *, past: bool) -> str:
    """`im Oktober` / `vergangenen Oktober`: the latest such month (strictly past if `past`)."""
    if month < ref.month or (month == ref.month and not past):
        return f"{ref.year}-{month:02d}"
    return f"{ref.year - 1}-{month:02d}"


def month_before(ref: Ref) -> str:
    if ref.month == 1:
        return f"{ref.year - 1}-12"
    return f"{ref.year}-{ref.month - 1:02d}"


def fiscal_year(text_year: str) -> str:
    """`2015/16` or `2016` -> FY2016 (a fiscal year is named after the year it ends in)."""
    m = re.match(r"(\d{4})\s*[/-]\s*(\d{2,4})$", text_year)
    if m:
        end = m.group(2)
        year = int(end) if len(end) == 4 else int(m.group(1)[:2] + end)
        return f"FY{year}"
    return f"FY{int(text_year)}"


_PERIOD = re.compile(r"^(FY)?(\d{4})(?:-(Q|H)?(\d{1,2}))?(?:-(\d{2}))?$")


def shift_year(period: str, years: int) -> str | None:
    """The same period `years` earlier or later (both ends of an interval)."""
    if "/" in period:
        ends = [shift_year(p, years) for p in period.split("/")]
        return None if None in ends else "/".join(e for e in ends if e)
    m = _PERIOD.match(period)
    if not m:
        return None
    year = int(m.group(2)) + years
    return period.replace(m.group(2), str(year), 1)


def previous(period: str) -> str | None:
    """The period just before (`Vorquartal`, `Vormonat`)."""
    m = _PERIOD.match(period)
    if not m or "/" in period:
        return None
    fy, year, kind, num, day = m.groups()
    y = int(year)
    if kind == "Q" and not fy:
        return quarter(y, int(num) - 1)
    if kind == "H" and not fy:
        return f"{y}-H1" if num == "2" else f"{y - 1}-H2"
    if num and not kind and not day:
        n = int(num)
        return f"{y}-{n - 1:02d}" if n > 1 else f"{y - 1}-12"
    if not num:
        return f"{fy or ''}{y - 1}"
    return None


def year_of(period: str) -> int | None:
    m = _PERIOD.match(period.split("/")[0])
    return int(m.group(2)) if m else None


_EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|['’]\d\d\b|/\d\d\b|\bFY\s?\d\d")
_CALENDAR_WORDS = re.compile(
    r"(?i)\b(?:calendar|Kalender|jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)"
)
_FISCAL_WORDS = re.compile(r"(?i)fiscal|financial\s+year|geschäfts|fiskal|\bFY")
_FULL_YEAR_WORDS = re.compile(r"(?i)full|annual|gesamtjahr|jahresprognose|ganzjahr|whole\s+year")
_ORDINAL_QUARTER = re.compile(
    r"(?i)first|second|third|fourth|final|1st|2nd|3rd|4th|erst|zweit|dritt|viert|letzt"
    r"|\bQ[1-4]|\b[1-4]\.\s"
)
_THIS = re.compile(r"(?i)\b(?:this|current|running|laufend|dies|neue)")
_LAST = re.compile(r"(?i)\b(?:last|previous|prior|past|vergangen|abgelaufen|vorig|letzt)")
_NEXT = re.compile(r"(?i)\b(?:next|coming|nächst|kommend)")
_ENDED_MONTH = re.compile(
    r"(?i)(?:ended|ending|that\s+ended)\s+(?:on\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    # `das Ende Juni endete`, `im Ende Juni abgelaufenen Quartal`
    r"|(?:Ende|am\s+[0-3]?\d\.)\s*(jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)\w*"
    r"(?:\s+(?:19|20)\d\d)?\s+(?:endete|zu\s+Ende\s+ging|abgelaufen|beendet)"
)
_DE_MONTH_ABBR = {"mär": "mar", "mai": "may", "okt": "oct", "dez": "dec"}
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_LAST_QUARTER = re.compile(r"(?i)\blast\s+quarter|letzten\s+Quartal")
_QUARTER_VALUE = re.compile(r"^(FY)?(\d{4})-Q([1-4])$")
_YEAR_VALUE = re.compile(r"^(FY)?(\d{4})$")


def names_calendar(text: str) -> bool:
    """Whether a period phrase names calendar months (`January-March quarter`, `calendar`)."""
    return bool(_CALENDAR_WORDS.search(text))


def _quarter_end(q: int, fy_end: int) -> int:
    """The calendar month (1-12) in which fiscal quarter q ends."""
    return (fy_end - 3 * (4 - q) - 1) % 12 + 1


def _fiscal_label(end_idx: int, q: int) -> str:
    """A fiscal quarter ending in month index `end_idx` (year * 12 + month - 1)."""
    return f"FY{(end_idx + 3 * (4 - q)) // 12}-Q{q}"


def fiscal_calendar(
    value: str | None, text: str, fy_end: int | None, ref: Ref | None, lang: str = "en"
) -> str | None:
    """A period phrase read in the fiscal calendar of the company it is about.

    A calendar-year company's `Geschäftsjahr 2022` is `2022` (FY only when the fiscal year is not
    the calendar year). For a company whose fiscal year ends in another month, a quarter or
    year the text gives without a year is that company's fiscal one, named after the year it
    ends in: `fiscal fourth quarter` in a February article of a company closing its year in
    January is the quarter that just ended (FY of this year); `second-quarter` guidance is the
    next such quarter (quarter ends from 9 months back to 2 months ahead of the article);
    `last quarter` is the latest fiscal quarter that has ended; `this fiscal year`, a
    `full-year` target, the running fiscal year (the one just ended while its results are
    reported, in the three months after its end). Calendar words (`January-March quarter`,
    `in calendar 2022`) keep the calendar period. German press names the calendar quarter
    (`im ersten Quartal`) unless it says `Geschäftsquartal`/`Geschäftsjahr`.
    """
    if value is None or fy_end is None:
        return value
    if fy_end == 12:
        if value.startswith("FY") or "/FY" in value:
            return value.replace("FY", "")
        return value
    if ref is None or "/" in value or _EXPLICIT_YEAR.search(text):
        return value
    ref_idx = ref.year * 12 + ref.month - 1
    m = _QUARTER_VALUE.match(value)
    ended = _ENDED_MONTH.search(text)
    if m and ended and not m.group(1):
        # `the quarter ended Sept. 30`: the fiscal quarter that ends in that month.
        abbr = (ended.group(1) or ended.group(2)).lower()[:3]
        month = _MONTH_ABBR.index(_DE_MONTH_ABBR.get(abbr, abbr)) + 1
        if (fy_end - month) % 3 == 0:
            q = 4 - ((fy_end - month) % 12) // 3
            return _fiscal_label(int(m.group(2)) * 12 + month - 1, q)
        return value
    if m:
        if not m.group(1) and (_CALENDAR_WORDS.search(text) or lang == "de"):
            return value
        if _THIS.search(text) and not _ORDINAL_QUARTER.search(text):
            # `the current quarter`: the fiscal quarter the article's month falls in.
            for q in range(1, 5):
                e = ref_idx + ((_quarter_end(q, fy_end) - 1 - ref_idx) % 12)
                if e - ref_idx < 3:
                    return _fiscal_label(e, q)
        if not _ORDINAL_QUARTER.search(text) or _LAST_QUARTER.search(text):
            # `last quarter`, `im abgelaufenen Quartal`: the latest fiscal quarter that ended.
            best: tuple[int, int] | None = None
            for q in range(1, 5):
                e = ref_idx - 1 - ((ref_idx - 1 - (_quarter_end(q, fy_end) - 1)) % 12)
                if best is None or e > best[0]:
                    best = (e, q)
            assert best is not None
            return _fiscal_label(*best)
        q = int(m.group(3))
        e = ref_idx + 2 - ((ref_idx + 2 - (_quarter_end(q, fy_end) - 1)) % 12)
        return _fiscal_label(e, q)
    m = _YEAR_VALUE.match(value)
    if m and (m.group(1) or _FISCAL_WORDS.search(text) or _FULL_YEAR_WORDS.search(text)):
        if _CALENDAR_WORDS.search(text) and not _FISCAL_WORDS.search(text):
            return value
        running = ref.year if ref.month <= fy_end else ref.year + 1
        if _NEXT.search(text):
            return f"FY{running + 1}"
        if _LAST.search(text):
            return f"FY{running - 1}"
        if _THIS.search(text):
            return f"FY{running}"
        since_end = (ref.month - fy_end) % 12
        return f"FY{running - 1}" if 1 <= since_end <= 3 else f"FY{running}"
    return value
