"""Sentence splitting that keeps exact character offsets into the article text.

Spans of claims must point into the original text, so the splitter never normalises: it only
decides where sentences begin and end. Business text is full of periods that end nothing
(`Mio.`, `Mrd.Dollar`, `ca.`, `z.B.`, `3. Quartal`), and scraped text sometimes loses the space
after a sentence-ending period (`geschossen.Das`); both are handled here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Words that end with a period without ending the sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    [
        "mio",
        "mrd",
        "bio",
        "tsd",
        "md",
        "mn",
        "bn",
        "ca",
        "ct",
        "zb",
        "z.b",
        "u.a",
        "usw",
        "bzw",
        "vgl",
        "ggf",
        "inkl",
        "exkl",
        "evtl",
        "etc",
        "dr",
        "prof",
        "hr",
        "fr",
        "nr",
        "no",
        "st",
        "str",
        "abs",
        "art",
        "bspw",
        "sog",
        "mind",
        "max",
        "min",
        "rd",
        "ebd",
        "jh",
        "jhd",
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "mr",
        "mrs",
        "ms",
        "vs",
        "approx",
        "est",
        "dept",
        "univ",
        "gov",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "oct",
        "nov",
        "dez",
        "dec",
        "u.s",
        "us",
        "e.g",
        "i.e",
        "a.g",
        "d.h",
        "u.a.m",
        "z.t",
        "o.ä",
    ]
)

# Capitalised words that start sentences but are never the noun of an ordinal (`im 3. Quartal`
# vs `um den Faktor 30. Da ist ...`).
STARTERS = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Da",
        "Dabei",
        "Damit",
        "Danach",
        "Dann",
        "Daher",
        "Deshalb",
        "Doch",
        "Denn",
        "Dies",
        "Diese",
        "Dieser",
        "Dieses",
        "Ein",
        "Eine",
        "Einer",
        "Es",
        "Er",
        "Sie",
        "Wir",
        "Ich",
        "Man",
        "Im",
        "In",
        "Am",
        "An",
        "Auf",
        "Aus",
        "Auch",
        "Bei",
        "Mit",
        "Nach",
        "Nun",
        "So",
        "Und",
        "Aber",
        "Als",
        "Wie",
        "Was",
        "Wer",
        "Wenn",
        "Zum",
        "Zur",
        "Zu",
        "Vor",
        "Für",
        "Seit",
        "Trotz",
        "Laut",
        "Allerdings",
        "Außerdem",
        "Insgesamt",
        "Zudem",
        "Zuletzt",
        "Jetzt",
        "Heute",
        "Bislang",
        "Bisher",
        "Noch",
        "Nur",
        "Gleichzeitig",
        "Zugleich",
        "Demnach",
        "Somit",
        "Vom",
        "Von",
        "Über",
        "Unter",
        "Alle",
        "Viele",
        "Mehr",
        "Weitere",
        "Ab",
        "Erst",
        "Seine",
        "Ihre",
        "Sein",
        "Ihr",
        "Unsere",
        "Mit",
        "Ohne",
        "Zwar",
        "The",
        "A",
        "An",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "They",
        "We",
        "He",
        "She",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "As",
        "With",
        "From",
        "By",
    ]
)

_BREAK = re.compile(
    r"""
    (?P<end>[.!?…]+[“”"'»«)\]]*)       # terminal punctuation, maybe closing quotes/brackets
    (?P<gap>\s+|(?=[A-ZÄÖÜ„“"«»]))     # whitespace, or straight into a capital (`geschossen.Das`)
    (?=[A-ZÄÖÜ0-9„“"«»(\[\-–])           # the next sentence starts like a sentence
    |
    (?P<nl>\n\s*)                         # a line break ends a sentence, headings included
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LONGEST = max(len(a) for a in ABBREVIATIONS)
_NEXT_WORD = re.compile(r"\s*(\w+)")


class Sentence(NamedTuple):
    """A sentence's text with its offsets in the article and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int


_EN_MONTH_BEFORE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$"
)


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot > _LONGEST and text[dot - _LONGEST - 1 : dot].isalpha():
        # Most periods follow a word longer than any abbreviation (and than an ordinal).
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # Ordinals (`3. Quartal`, `am 11. November`) and single initials (`J. Smith`).
    if word.isdigit() and len(word) <= 2:
        if _EN_MONTH_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1)):
            return False  # `the quarter ended June 30. Revenue ...`: a date, not an ordinal
        nxt = _NEXT_WORD.match(text, dot + 1)
        return not (nxt and nxt.group(1) in STARTERS)
    return len(word) == 1 and word.isalpha()


def split_sentences(text: str) -> Iterator[Sentence]:
    """Yield the sentences of `text`, stripped of surrounding whitespace, with exact offsets."""
    paragraph = 0
    start = 0
    for m in _BREAK.finditer(text):
        if m.group("nl") is not None:
            cut = m.start()
            nxt = m.end()
        else:
            end_punct = m.group("end")
            if (
                end_punct[0] == "."
                and len(end_punct.rstrip("“”\"'»«)]")) == 1
                and _is_abbreviation(text, m.start())
            ):
                # `Mrd.Dollar` or `Mio. Euro`: not a boundary.
                continue
            cut = m.end("end")
            nxt = m.end()
        # `_emit`, inlined: str.strip() removes what str.isspace() calls whitespace.
        chunk = text[start:cut]
        stripped = chunk.strip()
        if stripped:
            first = start + (len(chunk) - len(chunk.lstrip()))
            yield Sentence(first, first + len(stripped), stripped, paragraph)
        if nxt - cut > 1 and text.count("\n", cut, nxt) >= 2:
            paragraph += 1
        start = nxt
    yield from _emit(text, start, len(text), paragraph)


def _emit(text: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(start, end, text[start:end], paragraph)
