"""Language packs: the rules of one language, kept apart from the engine and from the corpus.

A pack is data the engine interprets: named rules (a pattern and what it yields), word lists
and period resolvers. Each language module ends with one explicit `RULES` list naming every rule
it contributes, so the grammar of a language can be read in one place, as in Duckling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from facts.extractor.periods import Ref

#: A period resolver: the rule's match and the article's date (None when undated) give a
#: period string or None.
PeriodResolver = Callable[[re.Match[str], Ref | None], str | None]


@dataclass(frozen=True)
class Rule:
    """A named pattern. `value` is what the rule yields (a bound, a number, a kind...)."""

    name: str
    pattern: re.Pattern[str]
    value: object = None


@dataclass(frozen=True)
class PeriodRule:
    """A period phrase. `kind` is `base` (a period of its own), `prior_year` (the same period a
    year earlier than the sentence's base) or `prior_period` (the period just before)."""

    name: str
    pattern: re.Pattern[str]
    resolve: PeriodResolver
    kind: str = "base"
    #: Substrings one of which the sentence must contain for the rule to be tried at all
    #: (empty: always tried). A cheap `in` test that spares most regex scans.
    needles: tuple[str, ...] = ()


@dataclass(frozen=True)
class LangPack:
    """Everything language-specific the engine needs."""

    code: str
    number_word: re.Pattern[str]
    scales: Mapping[str, Decimal]
    scale_after: re.Pattern[str]
    currencies: Mapping[str, str]
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    unit_after: tuple[Rule, ...]  # percent, pp, times, rate, hyphenated percent...
    qualifiers: tuple[Rule, ...]
    qualifier_before: re.Pattern[str]
    ratio_before: re.Pattern[str]
    range_joint: re.Pattern[str]  # text between two numbers of a range
    range_open: re.Pattern[str]  # `zwischen` before the first number: `und` then joins a range
    from_to: re.Pattern[str]  # `von X auf Y`: text between the two
    fractions: tuple[Rule, ...]
    multiples: tuple[Rule, ...]  # `verdoppelt`, `doubled` as growth
    magnitudes: tuple[Rule, ...]  # `zweistelliger Millionenbetrag`: value and kind of a lower bound
    up: re.Pattern[str]
    down: re.Pattern[str]
    change_before: re.Pattern[str]  # `um` before a percent: a change
    not_a_figure: tuple[Rule, ...]  # dates, ordinals, years... matched where a number starts
    not_a_figure_before: re.Pattern[str]  # `Seite 3`, `aged 45`: matched just before a number
    hypothetical: re.Pattern[str]
    comparison_context: re.Pattern[str]  # `wie X`, `than X`: X is a comparison, not the subject
    comparison_needles: tuple[str, ...]  # one of these must precede before the regex is tried
    counterparty_before: re.Pattern[str]  # `an X`, `in X`: X is the other company of a stake
    descriptions: Mapping[str, tuple[str, ...]]  # head noun -> kinds ("*" = any company)
    description_re: re.Pattern[str]
    #: When set, descriptions are found from their head noun (a capitalised word ending in a
    #: description head) and this pattern, matched at the end of the text before it, reads
    #: the determiner and adjectives. Cheaper for German, where heads are capitalised.
    description_left: re.Pattern[str] | None
    nationalities: Mapping[str, str]
    demonstrative_event: re.Pattern[str]  # `Dieser Tag` -> the last event segment
    periods: tuple[PeriodRule, ...]
    converted: re.Pattern[str]
    total_words: re.Pattern[str]
    #: Lower-case words (and word beginnings) that can start a figure without digits:
    #: number words, fractions, `verdoppelt`. A sentence with none of them and no digit is
    #: only read for company mentions.
    figure_words: frozenset[str]
    figure_prefixes: tuple[str, ...]
    rules: tuple[str, ...] = field(default=())

    def scale_value(self, word: str) -> Decimal:
        return self.scales[word.lower().rstrip(".")]


def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a rule pattern (verbose, so the grammar can be read)."""
    return re.compile(pattern, flags | re.VERBOSE)


def gate(patterns: Sequence[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches wherever any of `patterns` does, the first listed winning.

    Scanning a sentence once with the gate and then asking which rule matched at that spot is
    much cheaper than scanning it once per rule. Named groups are dropped (the rule's own
    pattern is matched again to read them); flags are kept per alternative.
    """
    parts = []
    run: list[str] = []  # consecutive alternatives that all begin with _WORD_START
    for p in patterns:
        flags = ("i" if p.flags & re.IGNORECASE else "") + ("x" if p.flags & re.VERBOSE else "")
        src = re.sub(r"\(\?P<\w+>", "(?:", p.pattern)
        if src.startswith(_WORD_START) and _single_branch(src, bool(p.flags & re.VERBOSE)):
            run.append(f"(?{flags}:{src[len(_WORD_START) :]})")
            continue
        if run:
            parts.append(_WORD_START + "(?:" + "|".join(run) + ")")
            run = []
        parts.append(f"(?{flags}:{src})" if flags else f"(?:{src})")
    if run:
        parts.append(_WORD_START + "(?:" + "|".join(run) + ")")
    return re.compile("|".join(parts))


# A lookbehind many rules begin with. Written once in front of a run of such alternatives,
# it is tested once per position instead of once per alternative (several times faster).
_WORD_START = r"(?<![\w])"


def _single_branch(src: str, verbose: bool) -> bool:
    """Whether `src` has no `|` outside parentheses (so that a lookbehind at its start covers
    all of it). Conservative: verbose patterns with comments count as branching."""
    if verbose and "#" in src:
        return False
    depth = 0
    i = 0
    in_class = False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if src[i + 1 : i + 2] == "^":
                i += 1
            if src[i + 1 : i + 2] == "]":
                i += 1  # a literal `]` first in a class
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return depth == 0
