"""Language detection for articles whose language is not given: German or English.

Function words decide; they are frequent, short and nearly disjoint between the two languages,
so counting them over the first few thousand characters is enough for news text.
"""

from __future__ import annotations

import re

_DE = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "von",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "auf",
        "für",
        "sich",
        "auch",
        "im",
        "wird",
        "wurde",
        "sind",
        "hat",
        "haben",
        "zu",
        "bei",
        "nach",
        "aus",
        "wie",
        "über",
        "noch",
        "mehr",
        "als",
        "dass",
        "oder",
        "sein",
        "seine",
        "ihre",
        "hatte",
        "werden",
        "soll",
        "will",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "is",
        "not",
        "with",
        "of",
        "to",
        "a",
        "on",
        "for",
        "it",
        "its",
        "was",
        "were",
        "are",
        "has",
        "have",
        "by",
        "at",
        "from",
        "as",
        "that",
        "this",
        "which",
        "be",
        "more",
        "than",
        "or",
        "said",
        "their",
    ]
)
_WORD = re.compile(r"[a-zäöüß]+")


def detect_language(text: str) -> str:
    """'de' or 'en' (German when in doubt: the product's first language)."""
    words = _WORD.findall(text[:1500].lower())
    de = len(list(filter(_DE.__contains__, words)))
    en = len(list(filter(_EN.__contains__, words)))
    return "en" if en >= 2 and en > de * 2 else "de"
