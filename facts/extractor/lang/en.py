"""English rules: numbers, money, qualifiers, changes, periods and references.

Each rule is a small named value; `RULES` at the end lists them all. The corpus that tests
these rules is tests/extractor/corpus_en.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from facts.extractor import periods as P
from facts.extractor.lang import LangPack, PeriodResolver, PeriodRule, Rule, rx
from facts.extractor.numbers import EN_WORD_RE, english_number_words, parse_word
from facts.extractor.periods import Ref

IC = re.IGNORECASE

SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    # Indian English: `Rs 2,400 crore`, `5 lakh`.
    "lakh": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
}
SCALE_AFTER = rx(
    r"""(?:[\s\u00a0]{0,2}(?=(?:thousand|million|billion|trillion|mln|bln|trn|mn|bn|tn|lakh|crore)(?![\w]))
    |(?=[kmb](?![\w])))
    (?P<scale>thousand|millions?|billions?|trillion|mln|bln|trn|mn|bn|tn|lakh|crore|k|m|b)(?![\w])""",
    IC,
)

CURRENCIES = {
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "usd": "USD",
    "$": "USD",
    "us$": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "pounds": "GBP",
    "pound": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "£": "GBP",
    "gbp": "GBP",
    "swiss francs": "CHF",
    "francs": "CHF",
    "chf": "CHF",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "rupees": "INR",
    "inr": "INR",
    "won": "KRW",
    "krw": "KRW",
    "roubles": "RUB",
    "rubles": "RUB",
    "hk$": "HKD",
    "hong kong dollars": "HKD",
    "c$": "CAD",
    "a$": "AUD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "kronor": "SEK",
    "sek": "SEK",
    "swedish crowns": "SEK",
    "swedish kronor": "SEK",
    "danish crowns": "DKK",
    "danish kroner": "DKK",
    "danish krone": "DKK",
    "dkk": "DKK",
    "norwegian crowns": "NOK",
    "norwegian kroner": "NOK",
    "nok": "NOK",
    "czech crowns": "CZK",
    "czk": "CZK",
    "zlotys": "PLN",
    "zloty": "PLN",
    "pln": "PLN",
    "forints": "HUF",
    "huf": "HUF",
    "hkd": "HKD",
    "cad": "CAD",
    "aud": "AUD",
    "nzd": "NZD",
    "new zealand dollars": "NZD",
    "t$": "TWD",
    "nt$": "TWD",
    "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "twd": "TWD",
    "s$": "SGD",
    "singapore dollars": "SGD",
    "sgd": "SGD",
    "r$": "BRL",
    "reais": "BRL",
    "brazilian reais": "BRL",
    "brl": "BRL",
    "rand": "ZAR",
    "zar": "ZAR",
    "turkish lira": "TRY",
    "lira": "TRY",
    "mexican pesos": "MXN",
    "mxn": "MXN",
    "rupiah": "IDR",
    "ringgit": "MYR",
    "baht": "THB",
    "dirhams": "AED",
    "aed": "AED",
    "riyals": "SAR",
    "shekels": "ILS",
    "rs": "INR",
    "rs.": "INR",
    "cents": "USD/100",
    "cent": "USD/100",
    "pence": "GBP/100",
    "p": "GBP/100",
}
_CUR_ALTS = "|".join(
    sorted((re.escape(c).replace(r"\ ", r"[\s\u00a0]") for c in CURRENCIES), key=len, reverse=True)
)
CURRENCY_AFTER = re.compile(rf"[\s\u00a0]{{0,2}}(?P<cur>{_CUR_ALTS})(?![\w$€£¥])", IC)
CURRENCY_BEFORE = re.compile(
    r"(?P<cur>US\$|HK\$|NT\$|C\$|A\$|T\$|S\$|R\$|\$|€|£|¥|EUR|USD|CHF|GBP|RMB|CNY|JPY|HKD|CAD|AUD"
    r"|NZD|DKK|SEK|NOK|PLN|CZK|INR|KRW|TWD|SGD|BRL|ZAR|Rs\.?)[\s\u00a0]?$"
)


UNIT_AFTER = (
    Rule(
        "<n> percentage points",
        rx(r"[\s\u00a0]?(?:percentage[\s-]points?|pct[\s-]points?|pp\b|ppt\b)", IC),
        "pp",
    ),
    Rule("<n> basis points", rx(r"[\s\u00a0]?(?:basis[\s-]points?|bps?\b)", IC), "bp"),
    Rule("<n> percent", rx(r"[\s\u00a0]?(?:per[\s-]?cent(?![\w-])|pct\b|%(?!-))", IC), "percent"),
    Rule("<n>-percent stake", rx(r"[\s\u00a0]?(?:-per[\s-]?cent-?|%-|-pct-)", IC), "percent_adj"),
    Rule("<n> times", rx(r"[\s\u00a0]?times(?![\w])", IC), "times"),
    Rule("<n>-fold", rx(r"[\s\u00a0]?-?fold(?![\w])", IC), "fold"),
    Rule(
        "<n> per second",
        rx(r"[\s\u00a0]?(?:[\w-]+[\s\u00a0]){0,1}(?:per|a|every)[\s\u00a0]second", IC),
        "per_second",
    ),
    Rule(
        "<n> square metres",
        rx(r"[\s\u00a0]?(?:square[\s-]met(?:re|er)s?|sq\.?\s?m|m²)(?![\w])", IC),
        "m2",
    ),
)

QUALIFIERS = (
    Rule(
        "about <n>",
        rx(r"about|around|approximately|approx\.|roughly|some|circa|c\.|an\s+estimated"),
        "approx",
    ),
    Rule(
        "nearly <n>",
        rx(
            r"nearly|almost|close\s+to|just\s+under|just\s+below|just\s+over|a\s+little\s+over|upwards\s+of|well\s+over"
        ),
        "approx",
    ),
    Rule(
        "more than <n>",
        rx(
            r"more\s+than|over|above|at\s+least|in\s+excess\s+of|surpassed|passed|crossed|exceeded|topped|north\s+of|a\s+minimum\s+of|no\s+less\s+than"
        ),
        "lower",
    ),
    Rule(
        "up to <n>",
        rx(
            r"up\s+to|less\s+than|fewer\s+than|under|below|at\s+most|no\s+more\s+than|a\s+maximum\s+of|as\s+many\s+as|as\s+much\s+as"
        ),
        "upper",
    ),
    Rule("exactly <n>", rx(r"exactly|a\s+total\s+of|in\s+total|total"), "exact"),
)
_Q_ALTS = "|".join(f"(?:{r.pattern.pattern})" for r in QUALIFIERS)
QUALIFIER_BEFORE = re.compile(
    rf"(?<![\w])(?P<q>{_Q_ALTS})[\s\u00a0]+(?:(?:a|the)[\s\u00a0]+)?$", IC
)
RATIO_BEFORE = rx(r"(?P<r>(?:by\s+)?(?:a\s+)?factor\s+(?:of\s+)?)$", IC)

RANGE_JOINT = rx(r"^[\s\u00a0]*(?:to|-|–|—|and|or)[\s\u00a0]*$", IC)
RANGE_OPEN = rx(r"(?:between|from)[\s\u00a0]+(?:(?:about|around|roughly)[\s\u00a0]+)?$", IC)
FROM_TO = rx(
    r"^[\s\u00a0]*(?:to|,?\s*up\s+from|,?\s*down\s+from|from|compared\s+(?:with|to)|versus|vs\.?|against)[\s\u00a0]*(?:(?:about|around)\s+)?$",
    IC,
)

_DENOM = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "tenth": 10}
_IN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}
_PARTS = {
    "half": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
}
FRACTIONS = (
    Rule(
        "one in three",
        rx(
            r"(?<![\w])(?:one|1)\s+(?:in|out\s+of)\s+(?P<part>two|three|four|five|six|seven|eight|ten)(?![\w])",
            IC,
        ),
        _PARTS,
    ),
    Rule(
        "a third",
        rx(
            r"(?<![\w])(?P<num>a|one|two|three)[\s-]+(?P<part>half(?!\s+(?:of\s+)?(?:19|20)\d\d)|thirds?|quarters?|fifths?|sixth|eighth|tenth)(?![\w])(?!\s+of\s+(?:a|an|the)?\s*(?:century|year|decade|hour))",
            IC,
        ),
        _PARTS,
    ),
    Rule(
        "half of",
        rx(r"(?<![\w])(?<!first\s)(?<!second\s)(?<!1st\s)(?<!2nd\s)(?P<part>half)\s+(?=of\s)", IC),
        _PARTS,
    ),
)
MULTIPLES = (
    Rule("doubled", rx(r"(?<![\w])doubl(?:ed|ing|e)(?![\w-])(?!\s+digit)", IC), Decimal(100)),
    Rule("tripled", rx(r"(?<![\w])tripl(?:ed|ing|e)(?![\w-])(?!\s+digit)", IC), Decimal(200)),
    Rule("halved", rx(r"(?<![\w])halv(?:ed|ing|e)(?![\w])", IC), Decimal(-50)),
)
MAGNITUDES = (
    Rule(
        "double-digit million",
        rx(r"(?<![\w])double[\s-]digit\s+million", IC),
        (Decimal(10) ** 7, "money"),
    ),
    Rule(
        "triple-digit million",
        rx(r"(?<![\w])triple[\s-]digit\s+million", IC),
        (Decimal(10) ** 8, "money"),
    ),
    Rule(
        "double-digit (percent)",
        rx(
            r"(?<![\w])double[\s-]digits?(?!\s+million)(?=\s+(?:\w+\s+)?(?:growth|increase|gain|rise|percent)|[\s.,])",
            IC,
        ),
        (Decimal(10), "percent"),
    ),
    Rule(
        "triple-digit (percent)",
        rx(
            r"(?<![\w])triple[\s-]digits?(?!\s+million)(?=\s+(?:\w+\s+)?(?:growth|increase|gain|rise|percent)|[\s.,])",
            IC,
        ),
        (Decimal(100), "percent"),
    ),
)
UP = rx(
    r"""(?<![\w])(?:rose|rise[sn]?|rising|grew|grow(?:s|n|ing)?|increas\w*|climb\w*|jump\w*|
    surg\w*|soar\w*|gain\w*|add(?:ed|s)?|up|higher|boost\w*|expand\w*|improv\w*|rais\w*|
    growth|advanc\w*|leap\w*|doubl\w*|tripl\w*)""",
    IC,
)
DOWN = rx(
    r"""(?<![\w])(?:fell|fall(?:s|en|ing)?|declin\w*|decreas\w*|drop\w*|dropp\w*|slump\w*|
    plung\w*|shr[aiu]nk\w*|shrink\w*|slid|slide[s]?|sliding|slipp?\w*|down|lower|lost|los(?:e|es|ing)|
    cut(?:s|ting)?|reduc\w*|eliminat\w*|slash\w*|contract\w*|narrow\w*|tumbl\w*|sank|sink\w*|weaken\w*)""",
    IC,
)
CHANGE_BEFORE = rx(
    r"(?<![\w])by[\s\u00a0]+(?:(?:about|around|nearly|almost|more\s+than|over|up\s+to)[\s\u00a0]+)?$",
    IC,
)

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ALTS = "|".join(m.capitalize() for m in _MONTHS)
NOT_A_FIGURE = (
    Rule(
        "date dd Month",
        rx(rf"(?<![\d.])\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ALTS})(?![\w])"),
    ),
    Rule(
        "date numeric",
        rx(r"(?<![\d.])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?![\d])|(?<![\d.])\d{1,2}/\d{1,2}(?![\d/])"),
    ),
    Rule("ordinal", rx(r"(?<![\d.,])\d+(?:st|nd|rd|th)(?![\w])")),
    Rule(
        "year",
        rx(
            r"(?<![\d.,$€£])(?:19[0-9]\d|20[0-9]\d)(?:/\d{2,4})?(?![\d%]|[.,]\d|"
            r"\s*(?:million|billion|bn|m\b|percent|per\s+cent|dollars|euros)|-(?:fold|percent)|"
            r"\s+(?:jobs|employees|workers|staff|people|stores|shops|branches|vehicles|cars|"
            r"customers|positions|roles|clinics|hospitals|patients|orders|plants|trucks))"
        ),
    ),
    Rule(
        "time",
        rx(r"\d{1,2}[:.]\d{2}\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", IC),
    ),
    Rule("age", rx(r"\d+-year-old|\d+\s+years?\s+old", IC)),
    # `for more than 350 years`, `in 14 months`: durations.
    Rule("duration", rx(r"\d[\d.,]*\s+(?:years?|decades?|months|weeks|days|hours|minutes)\b")),
    # `a city of 590,000 inhabitants`: people who are not the company's.
    Rule(
        "population",
        rx(
            r"\d[\d.,]*\s+(?:(?:million|m)\s+)?(?:inhabitants|residents|attendees|exhibitors|"
            r"spectators)\b"
        ),
    ),
)
# `March 21`, `Page 3`, `aged 45`, `Q3`, `FY17`: what stands before the number says it is none.
NOT_A_FIGURE_BEFORE = rx(
    rf"(?:(?:{_MONTH_ALTS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+"
    r"|(?:Photo|Page|No\.|Number|Chapter|Section|Rank|Figure|Fig\.)\s*|(?<![\w])[QH]"
    r"|(?:FY|[Ff]iscal\s+)['’]?|aged\s+)$"
)
COMPARISON_NEEDLES = (
    "like",
    "than",
    "versus",
    "vs",
    "against",
    "rival",
    "competitor",
    "such as",
    "including",
    "ahead of",
    "behind",
    "compared",
    "as well as",
    "e.g.",
    "overt",
    "surpass",
    "outpac",
    "trail",
    "beat",
    ",",
)
HYPOTHETICAL = rx(
    r"(?<![\w])(?:could\s+\w+\s+if|if\s+it|hypothetical|suppose|every\s+other|"
    r"(?:could\s+)?faces?\s+(?:\w+\s+){0,2}(?:fines?|penalt(?:y|ies))\s+of)",
    IC,
)
COMPARISON_CONTEXT = rx(
    r"""(?:(?<![\w])(?:like|than|versus|vs\.?|against|such\s+as|including|
    ahead\s+of|behind|compared\s+(?:with|to)|as\s+well\s+as|e\.g\.|overtak(?:ing|es?|en)|
    overtook|surpass(?:ing|ed|es)?|outpac(?:ing|ed|es?)|trail(?:ing|ed|s)?|beat(?:ing)?)(?:\s+(?:the|its|rival|US|Chinese))*\s+$)
    |(?:,\s*$)""",
    IC,
)
COUNTERPARTY_BEFORE = rx(
    r"(?<![\w])(?:in|of|for|into|from|with|at|to)\s+(?:(?:the|its)\s+)?"
    r"(?:(?:[a-z][\w-]*|[A-Z]{2,})\s+){0,2}$"
    r"|(?<![\w])(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|purchasing|"
    r"take\s+over|took\s+over|takeover\s+of|bid\s+for|merge\s+with)\s+(?:(?:the|its)\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    IC,
)

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "company": ("*",),
    "group": ("*",),
    "firm": ("*",),
    "giant": ("*",),
    "conglomerate": ("*",),
    "corporation": ("*",),
    "business": ("*",),
    "maker": ("*",),
    "manufacturer": ("*",),
    "provider": ("*",),
    "operator": ("*",),
    "retailer": ("retail", "online", "ecommerce"),
    "e-tailer": ("online", "ecommerce"),
    "e-commerce giant": ("ecommerce",),
    "online retailer": ("online", "ecommerce"),
    "software maker": ("software",),
    "software company": ("software",),
    "software giant": ("software",),
    "tech giant": ("tech",),
    "technology giant": ("tech",),
    "internet giant": ("internet",),
    "search giant": ("search",),
    "carmaker": ("carmaker",),
    "automaker": ("carmaker",),
    "chipmaker": ("chip",),
    "chip maker": ("chip",),
    "airline": ("airline",),
    "carrier": ("airline", "telecom"),
    "insurer": ("insurance",),
    "reinsurer": ("reinsurance",),
    "lender": ("bank",),
    "bank": ("bank",),
    "drugmaker": ("pharma",),
    "utility": ("utility",),
    "telecoms group": ("telecom",),
    "telco": ("telecom",),
    "supplier": ("supplier",),
    "cloud provider": ("cloud",),
    "streaming service": ("streaming",),
    "platform": ("*",),
}
DESCRIPTION_RE = rx(
    r"""(?<![\w])(?P<det>[Tt]he|[Tt]his|[Ii]ts)\s+(?P<adj>(?:[a-zA-Z][\w.-]*\s+){0,2}?)
    (?P<noun>company|group|firm|giant|conglomerate|corporation|maker|manufacturer|provider|
    operator|retailer|e-tailer|carmaker|automaker|chipmaker|airline|carrier|insurer|reinsurer|
    lender|bank|drugmaker|utility|telco|supplier|platform)(?![\w])"""
)
NATIONALITIES = {
    "chinese": "CN",
    "american": "US",
    "us": "US",
    "u.s.": "US",
    "german": "DE",
    "japanese": "JP",
    "french": "FR",
    "british": "GB",
    "uk": "GB",
    "swiss": "CH",
    "korean": "KR",
    "south korean": "KR",
    "swedish": "SE",
    "dutch": "NL",
    "spanish": "ES",
    "italian": "IT",
    "taiwanese": "TW",
    "finnish": "FI",
    "danish": "DK",
    "irish": "IE",
    "indian": "IN",
}
DEMONSTRATIVE_EVENT = rx(
    r"^(?:The|This)\s+(?:day|event|shopping\s+festival|sales?\s+event|festival)\b"
)
CONVERTED = rx(r"(?<![\w])(?:equivalent\s+to|converted|or\s+about|worth)\s+$", IC)
TOTAL_WORDS = rx(r"(?<![\w])(?:a\s+total\s+of|in\s+total|altogether)\s+$", IC)

_ORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text.strip("'’"))
    return y + 2000 if y < 100 else y


def _quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    q = _ORDS.get(m.group("q").lower(), 0) or int(m.group("q")[-1])
    year = _year(m.group("y"))
    fiscal = bool(m.group("fy")) or "fiscal" in m.group().lower()
    if year is not None:
        return f"FY{year}-Q{q}" if fiscal else f"{year}-Q{q}"
    if ref is None:
        return None
    if fiscal:
        end = _ENDED.search(m.string, m.end(), m.end() + 40)
        return P.fiscal_quarter(q, ref, _month_number(end.group("m")) if end else None)
    return P.named_quarter(q, ref)


_ENDED = re.compile(
    r"(?i)\bend(?:ed|ing)?\s+(?:on\s+|in\s+)?(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)


def _month_number(abbr: str) -> int:
    return [m[:3] for m in _MONTHS].index(abbr.lower()[:3]) + 1


def _quarter_code(m: re.Match[str], ref: Ref | None) -> str | None:
    q = int(m.group("q"))
    year = _year(m.group("y"))
    fiscal = bool(m.group("fy"))
    if year is not None:
        return f"FY{year}-Q{q}" if fiscal else f"{year}-Q{q}"
    if ref is None:
        return None
    return P.fiscal_quarter(q, ref) if fiscal else P.named_quarter(q, ref)


def _half(m: re.Match[str], ref: Ref | None) -> str | None:
    h = 1 if m.group("h").lower() in ("first", "1", "h1") else 2
    year = _year(m.group("y"))
    if year is not None:
        return f"{year}-H{h}"
    return None if ref is None else P.named_half(h, ref)


def _months_of_year(m: re.Match[str], ref: Ref | None) -> str | None:
    n = {"three": 3, "six": 6, "nine": 9, "3": 3, "6": 6, "9": 9}[m.group("n").lower()]
    year = _year(m.group("y"))
    if year is None:
        if ref is None:
            return None
        year = ref.year if ref.month > n else ref.year - 1
    return {3: f"{year}-Q1", 6: f"{year}-H1", 9: f"{year}-Q1/{year}-Q3"}[n]


def _fiscal(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.fiscal_year(
        str(_year(m.group("y")))
        if len(m.group("y")) <= 4 and "/" not in m.group("y")
        else m.group("y")
    )


def _plain_year(m: re.Match[str], ref: Ref | None) -> str | None:
    return str(_year(m.group("y")))


def _year_interval(m: re.Match[str], ref: Ref | None) -> str | None:
    return f"{m.group('a')}/{m.group('b')}"


def _quarter_last_year(m: re.Match[str], ref: Ref | None) -> str | None:
    """`Q2 last year`, `the second quarter of last year`: that quarter a year back."""
    q = int(m.group("q")) if m.group("q") else _ORDS[m.group("qw").lower()]
    return None if ref is None else f"{ref.year - 1}-Q{q}"


def _month_span(m: re.Match[str], ref: Ref | None) -> str | None:
    """`the January-March period`: a quarter or half when the months make one."""
    a, b = _month_number(m.group("a")), _month_number(m.group("b"))
    year = _year(m.group("y"))
    if year is None:
        if ref is None:
            return None
        year = ref.year if a <= ref.month + 2 else ref.year - 1
    return P.month_span(year, a, b)


def _bare_year_end(m: re.Match[str], ref: Ref | None) -> str | None:
    """`at year-end`: a balance at the end of the year just ended (early in a year) or of
    this year."""
    if ref is None:
        return None
    return str(ref.year - 1 if ref.month <= 3 else ref.year)


def _year_end(m: re.Match[str], ref: Ref | None) -> str | None:
    """`at the end of 2022`, `at the end of last year`: the year's last month."""
    if m.group("y"):
        return f"{_year(m.group('y'))}-12"
    return None if ref is None else f"{ref.year - 1}-12"


def _fiscal_ending(m: re.Match[str], ref: Ref | None) -> str | None:
    """`the fiscal year ending March 2024`: named after the year it ends in."""
    return f"FY{_year(m.group('y'))}"


def _quarter_ended(m: re.Match[str], ref: Ref | None) -> str | None:
    """`the quarter ended Sept. 30`: the calendar quarter of that month (read in the company's
    fiscal calendar where it has one)."""
    return P.quarter_ending(_month_number(m.group("m")), ref, _year(m.group("y")))


def _q4(m: re.Match[str], ref: Ref | None) -> str | None:
    """`the holiday quarter`: the October-December quarter, the latest that has begun."""
    return None if ref is None else P.named_quarter(4, ref)


def _rel_year(offset: int) -> PeriodResolver:
    def resolve(m: re.Match[str], ref: Ref | None) -> str | None:
        return None if ref is None else str(ref.year + offset)

    return resolve


def _last_quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.last_completed_quarter(ref)


def _this_quarter(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.quarter(ref.year, ref.quarter)


def _month(m: re.Match[str], ref: Ref | None) -> str | None:
    month = _MONTHS[m.group("m").lower()]
    year = _year(m.group("y"))
    if year is not None:
        return f"{year}-{month:02d}"
    if ref is None:
        return None
    return P.named_month(month, ref, past=bool(m.group("past")))


def _day(m: re.Match[str], ref: Ref | None) -> str | None:
    day = int(m.group("d"))
    month = _MONTHS[m.group("m").lower()]
    year = _year(m.group("y"))
    if year is None:
        return None if ref is None else P.latest_day(month, day, ref)
    return f"{year}-{month:02d}-{day:02d}"


def _quarter_ending(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.quarter_ending(_MONTHS[m.group("m").lower()], ref, _year(m.group("y")))


def _months_to(m: re.Match[str], ref: Ref | None) -> str | None:
    """`the six months to June`, `three months ended Sept. 30`: a calendar-aligned span."""
    n = {"three": 3, "six": 6, "nine": 9, "twelve": 12}.get(m.group("n").lower()) or int(
        m.group("n")
    )
    return P.months_ending(n, _month_number(m.group("m")), _year(m.group("y")), ref)


_MONTHS_TO_TAIL = (
    r"\s+months\s+(?:to|ended|ending|through|until)\s+(?:the\s+end\s+of\s+|end-)?"
    r"(?P<m>{months})\.?(?:\s+[0-3]?\d(?!\d))?(?:,?\s+(?P<y>(?:19|20)\d\d))?(?![\w])"
)


def _until(m: re.Match[str], ref: Ref | None) -> str | None:
    return P.until(int(m.group("y")), ref)


def _next_years(m: re.Match[str], ref: Ref | None) -> str | None:
    n = parse_word(m.group("n"), "en") if not m.group("n").isdigit() else int(m.group("n"))
    if ref is None or not n:
        return None
    return f"{ref.year}/{ref.year + int(n) - 1}"


def _full_year(m: re.Match[str], ref: Ref | None) -> str | None:
    return None if ref is None else P.full_year(ref)


def _none(m: re.Match[str], ref: Ref | None) -> str | None:
    return None


_PERIOD_RULES: tuple[PeriodRule, ...] = (
    PeriodRule(
        "in the quarter",
        rx(
            r"(?<![\w])(?:in|during|for|ended|over|through)\s+the\s+quarter(?![\w-])"
            r"(?!\s+(?:ended|ending|of))",
            IC,
        ),
        _none,
        "frame_quarter",
    ),
    PeriodRule(
        "the holiday quarter",
        rx(r"(?:holiday|holiday[\s-]season|Christmas|year-end)\s+quarter", IC),
        _q4,
    ),
    PeriodRule(
        "the quarter ended Sept. 30",
        rx(
            r"quarter\s+(?:that\s+)?(?:ended|ending)\s+(?:on\s+)?(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
            r"(?:\s+[0-3]?\d(?!\d))?(?:,?\s+(?P<y>(?:19|20)\d\d))?"
        ),
        _quarter_ended,
    ),
    PeriodRule(
        "the December quarter",
        rx(
            r"(?P<m>March|June|September|December)[\s-]+quarter(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?"
        ),
        _quarter_ending,
    ),
    PeriodRule(
        "last quarter",
        rx(r"(?:last|latest|past|most\s+recent|just-ended|recent)\s+(?:fiscal\s+)?quarter", IC),
        _last_quarter,
    ),
    PeriodRule("this quarter", rx(r"(?:this|current)\s+quarter", IC), _this_quarter),
    PeriodRule(
        "third quarter of 2019",
        rx(
            r"(?P<fy>fiscal\s+)?(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:(?:fiscal|the\s+fiscal\s+year|the\s+year)\s+)?(?P<y>(?:19|20)\d\d))?",
            IC,
        ),
        _quarter,
    ),
    PeriodRule(
        "Q2 last year",
        rx(
            r"(?:(?<![\w])Q(?P<q>[1-4])|(?:the\s+)?(?P<qw>first|second|third|fourth)[\s-]+quarter)"
            r"\s+(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year",
            IC,
        ),
        _quarter_last_year,
    ),
    PeriodRule(
        "January-March period",
        rx(
            rf"(?P<a>{_MONTH_ALTS})\s*(?:-|–|to|through)\s*(?P<b>{_MONTH_ALTS})\s+"
            r"(?:period|quarter|months)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?"
        ),
        _month_span,
    ),
    PeriodRule(
        "at year-end",
        rx(
            r"(?:at|by)\s+(?:the\s+)?(?:year-end|year\s+end|end\s+of\s+the\s+year)"
            r"(?![\w-]|\s+(?:19|20)\d\d)",
            IC,
        ),
        _bare_year_end,
    ),
    PeriodRule(
        "Q3 2019",
        rx(
            r"(?<![\w])(?P<fy>(?:fiscal\s+|FY)?)Q(?P<q>[1-4])(?:[\s/]*(?:FY)?(?P<y>(?:19|20)\d\d|['’]\d\d))?(?![\w])"
        ),
        _quarter_code,
    ),
    PeriodRule(
        "first half",
        rx(
            r"(?P<h>first|second|1st|2nd)[\s-]+half(?:\s+of)?(?:\s+(?:fiscal\s+)?(?P<y>(?:19|20)\d\d))?|(?<![\w])(?P<h2>H[12])\s+(?P<y2>(?:19|20)\d\d)",
            IC,
        ),
        _half,
    ),
    PeriodRule(
        "three months to March",
        rx(
            r"(?<![\w])(?P<n>three|3)"
            + _MONTHS_TO_TAIL.format(months="March|Mar|June|Jun|September|Sept|Sep|December|Dec"),
            IC,
        ),
        _months_to,
    ),
    PeriodRule(
        "six months to June",
        rx(r"(?<![\w])(?P<n>six|6)" + _MONTHS_TO_TAIL.format(months="June|Jun|December|Dec"), IC),
        _months_to,
    ),
    PeriodRule(
        "nine months to September",
        rx(r"(?<![\w])(?P<n>nine|9)" + _MONTHS_TO_TAIL.format(months="September|Sept|Sep"), IC),
        _months_to,
    ),
    PeriodRule(
        "twelve months to December",
        rx(r"(?<![\w])(?P<n>twelve|12)" + _MONTHS_TO_TAIL.format(months="December|Dec"), IC),
        _months_to,
    ),
    PeriodRule(
        "first nine months",
        rx(
            r"first\s+(?P<n>three|six|nine|[369])\s+months(?:\s+of\s+(?:the\s+year|(?:fiscal\s+)?(?P<y>(?:19|20)\d\d)))?",
            IC,
        ),
        _months_of_year,
    ),
    PeriodRule(
        "fiscal year ending March 2024",
        rx(
            rf"(?:fiscal|financial|business)\s+year\s+(?:ending|ended|that\s+ends|that\s+ended|to)\s+(?:in\s+|on\s+)?(?:{_MONTH_ALTS})\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d\d)(?![\d])",
            IC,
        ),
        _fiscal_ending,
    ),
    PeriodRule(
        "in calendar 2022",
        rx(r"calendar(?:\s+year)?\s+(?P<y>(?:19|20)\d\d)(?![\d])", IC),
        _plain_year,
    ),
    PeriodRule(
        "fiscal 2016",
        rx(
            r"(?:fiscal(?:\s+year)?|financial\s+year|FY)\s*(?P<y>(?:19|20)?\d\d(?:/\d{2,4})?)(?![\d])",
            IC,
        ),
        _fiscal,
    ),
    PeriodRule(
        "November 11",
        rx(
            rf"(?P<m>{_MONTH_ALTS})\s+(?P<d>[0-3]?\d)(?![\d])(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?"
        ),
        _day,
    ),
    PeriodRule(
        "last October",
        rx(
            rf"(?:(?P<past>[Ll]ast)\s+|[Ii]n\s+|[Ee]nd\s+of\s+|[Ee]arly\s+|[Ll]ate\s+|[Ss]ince\s+)(?P<m>{_MONTH_ALTS})(?:\s+(?P<y>(?:19|20)\d\d))?"
        ),
        _month,
    ),
    PeriodRule(
        "2023 to 2025",
        rx(r"(?<![\d.,])(?P<a>(?:19|20)\d\d)\s*(?:to|-|–)\s*(?P<b>(?:19|20)\d\d)(?![\d])"),
        _year_interval,
    ),
    PeriodRule(
        "since 2016",
        rx(
            r"(?:since|founded\s+in|established\s+in)\s+"
            # `since Facebook's 2012 debut`: a year of another event the figure is compared with
            r"(?:[A-Z][\w.&-]*(?:'s|’s)\s+)?(?P<y>(?:19|20)\d\d)",
            IC,
        ),
        _none,
    ),
    PeriodRule(
        "by 2026",
        rx(r"(?<![\w])by\s+(?:(?:the\s+)?end\s+of\s+)?(?P<y>(?:19|20)\d\d)(?![\d])", IC),
        _until,
    ),
    PeriodRule(
        "at the end of 2022",
        rx(
            r"(?:at\s+)?(?:the\s+)?(?:end\s+of\s+the\s+year|year-end)\s+(?P<y>(?:19|20)\d\d)(?![\d])"
            r"|(?:at\s+)?(?:the\s+)?end\s+of\s+(?:last|the\s+previous|the\s+prior)\s+year",
            IC,
        ),
        _year_end,
    ),
    PeriodRule(
        "between 2024 and 2030",
        rx(
            r"(?:between|from)\s+(?P<a>(?:19|20)\d\d)\s+(?:and|to|through)\s+(?P<b>(?:19|20)\d\d)(?![\d])",
            IC,
        ),
        _year_interval,
    ),
    PeriodRule(
        "over the next five years",
        rx(
            r"(?:next|coming)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years",
            IC,
        ),
        _next_years,
    ),
    PeriodRule(
        "for the full year",
        rx(r"full[\s-](?:fiscal\s+)?year(?!\s+(?:19|20)\d\d)", IC),
        _full_year,
    ),
    PeriodRule(
        "in 2016",
        rx(
            r"(?:(?<![\w])(?:in|for|during|of|through|end\s+of|full[\s-]year)|year)\s+(?P<y>(?:19|20)\d\d)(?![\d])",
            IC,
        ),
        _plain_year,
    ),
    PeriodRule(
        "2016",
        rx(
            r"(?<![\d.,/$€£])(?P<y>(?:19[5-9]|20[0-4])\d)(?![\d.,/]|\s*(?:million|billion|bn|percent|%|dollars|euros)|"
            r"\s+(?:jobs|employees|workers|staff|people|stores|vehicles|customers|positions|roles))"
        ),
        _plain_year,
    ),
    PeriodRule("last year", rx(r"(?:last|previous|past)\s+(?:fiscal\s+)?year", IC), _rel_year(-1)),
    PeriodRule("this year", rx(r"(?:this|current)\s+(?:fiscal\s+)?year", IC), _rel_year(0)),
    PeriodRule("next year", rx(r"(?:next|coming)\s+(?:fiscal\s+)?year", IC), _rel_year(1)),
    PeriodRule(
        "a year earlier",
        rx(
            r"(?:a|one)\s+year\s+(?:earlier|ago|before)|year[\s-]ago|prior[\s-]year|previous[\s-]year\s+period|year-earlier\s+(?:period|quarter)|same\s+period\s+(?:last|a)\s+year|year\s+earlier",
            IC,
        ),
        _none,
        "prior_year",
    ),
    PeriodRule(
        "previous quarter",
        rx(r"(?:previous|prior|preceding)\s+quarter|a\s+quarter\s+earlier|sequential(?:ly)?", IC),
        _none,
        "prior_period",
    ),
)

# Needles: a rule is tried only on sentences containing one of these (see PeriodRule).
_NEEDLES: dict[str, tuple[str, ...]] = {
    "in the quarter": ("quarter",),
    "by 2026": ("19", "20"),
    "over the next five years": ("years",),
    "for the full year": ("year",),
    "the December quarter": ("quarter",),
    "the holiday quarter": ("quarter",),
    "the quarter ended Sept. 30": ("quarter",),
    "last quarter": ("quarter",),
    "this quarter": ("quarter",),
    "third quarter of 2019": ("quarter",),
    "Q3 2019": ("Q",),
    "first half": ("half", "H1", "H2"),
    "first nine months": ("months",),
    "three months to March": ("months",),
    "six months to June": ("months",),
    "nine months to September": ("months",),
    "twelve months to December": ("months",),
    "fiscal 2016": ("iscal", "FY", "inancial"),
    "fiscal year ending March 2024": ("iscal", "inancial", "usiness"),
    "in calendar 2022": ("alendar",),
    "at the end of 2022": ("end of", "year-end"),
    "Q2 last year": ("year",),
    "January-March period": ("period", "quarter", "months"),
    "at year-end": ("year-end", "year end", "end of"),
    "between 2024 and 2030": ("etween", "om 19", "om 20"),
    "November 11": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "last October": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "2023 to 2025": ("19", "20"),
    "since 2016": ("19", "20"),
    "in 2016": ("19", "20"),
    "2016": ("19", "20"),
    "last year": ("year",),
    "this year": ("year",),
    "next year": ("year",),
    "a year earlier": ("year",),
    "previous quarter": ("quarter", "sequential"),
}
PERIODS = tuple(replace(r, needles=_NEEDLES[r.name]) for r in _PERIOD_RULES)

# Words that can start a figure without a digit (see LangPack.figure_words).
FIGURE_WORDS = english_number_words() | {
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "half",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fifth",
    "fifths",
    "tenth",
    "tenths",
}
FIGURE_PREFIXES = ("double", "triple", "doubl", "tripl", "halv")

# Every rule of the language by name, in the order the engine applies them within a group.
RULES: tuple[str, ...] = (
    *(r.name for r in (*UNIT_AFTER, *QUALIFIERS, *FRACTIONS, *MULTIPLES, *MAGNITUDES)),
    *(r.name for r in NOT_A_FIGURE),
    *(r.name for r in PERIODS),
)

PACK = LangPack(
    code="en",
    number_word=re.compile(rf"(?<![\w-])(?:{EN_WORD_RE.pattern})(?![\w])", IC),
    scales=SCALES,
    scale_after=SCALE_AFTER,
    currencies=CURRENCIES,
    currency_after=CURRENCY_AFTER,
    currency_before=CURRENCY_BEFORE,
    unit_after=UNIT_AFTER,
    qualifiers=QUALIFIERS,
    qualifier_before=QUALIFIER_BEFORE,
    ratio_before=RATIO_BEFORE,
    range_joint=RANGE_JOINT,
    range_open=RANGE_OPEN,
    from_to=FROM_TO,
    fractions=FRACTIONS,
    multiples=MULTIPLES,
    magnitudes=MAGNITUDES,
    up=UP,
    down=DOWN,
    change_before=CHANGE_BEFORE,
    not_a_figure=NOT_A_FIGURE,
    not_a_figure_before=NOT_A_FIGURE_BEFORE,
    comparison_needles=COMPARISON_NEEDLES,
    hypothetical=HYPOTHETICAL,
    comparison_context=COMPARISON_CONTEXT,
    counterparty_before=COUNTERPARTY_BEFORE,
    descriptions=DESCRIPTIONS,
    description_re=DESCRIPTION_RE,
    description_left=None,
    nationalities=NATIONALITIES,
    demonstrative_event=DEMONSTRATIVE_EVENT,
    periods=PERIODS,
    converted=CONVERTED,
    total_words=TOTAL_WORDS,
    figure_words=frozenset(FIGURE_WORDS),
    figure_prefixes=FIGURE_PREFIXES,
    rules=RULES,
)
