"""The metric vocabulary: cue words per metric and language, read from data/metrics.json.

German nouns compound freely (`Konzernumsatz`, `Umsatzplus`, `Marktanteil`), so a German word is
looked up whole, then by its head (the longest ending that is a cue) and by its modifier (the
longest beginning that is a metric cue). Multi-word cues (`net income`, `je Aktie`) are matched
as phrases. Extending the vocabulary means editing the JSON file, not the code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from facts.extractor.needles import Gated, fold

#: Tags that are not metrics but change how a nearby figure is read.
MODIFIERS = ("growth", "decline", "loss", "price", "analyst", "market", "not_a_claim")


class Cue(NamedTuple):
    """One cue word found in a sentence: its span and what it signals (a tuple: sentences
    with figures build many)."""

    start: int
    end: int
    tag: str  # a metric name or a modifier name
    head: bool = True  # False when the cue is only the modifier part of a compound


@dataclass
class Lexicon:
    """Cue words of one language, compiled for fast lookup."""

    lang: str
    words: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    phrase_re: Gated | None = None
    _memo: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)

    def lookup(self, word: str) -> list[tuple[str, bool]]:
        """Tags a single word carries: (tag, is_head); memoised, words repeat."""
        cached = self._memo.get(word)
        if cached is None:
            cached = self._lookup(word)
            if len(self._memo) < 200_000:
                self._memo[word] = cached
        return cached

    def _lookup(self, word: str) -> list[tuple[str, bool]]:
        w = word.lower()
        tag = self.words.get(w)
        if tag is not None:
            return [(tag, True)]
        if self.lang != "de" or len(w) < 5 or not word[0].isupper():
            if self.lang == "en" and w.endswith("s") and w[:-1] in self.words:
                return [(self.words[w[:-1]], True)]
            return []
        out: list[tuple[str, bool]] = []
        # Head: the longest ending that is a cue (`Konzernumsatz` -> umsatz).
        for i in range(1, len(w) - 2):
            tag = self.words.get(w[i:].lstrip("-"))
            if tag is not None:
                out.append((tag, True))
                break
        if out and out[0][0] == "other":
            # `Ebit-Umsatzrendite`, `Vertriebskosten`: a margin or cost of the modifier's
            # measure, which is not itself the figure's metric.
            return out
        # Modifier: the longest beginning that is a metric cue (`Umsatzplus` -> umsatz).
        for j in range(len(w) - 1, 3, -1):
            tag = self.words.get(w[:j].rstrip("-"))
            if tag is not None and tag not in MODIFIERS:
                if not out or out[0][0] != tag:
                    out.append((tag, False))
                break
        return out


@dataclass(frozen=True)
class MetricInfo:
    name: str
    unit: str
    growth: bool


def _load() -> tuple[dict[str, MetricInfo], dict[str, Lexicon]]:
    raw: dict[str, Any] = json.loads(
        resources.files("facts.extractor").joinpath("data/metrics.json").read_text("utf-8")
    )
    metrics = {
        name: MetricInfo(name, spec["unit"], bool(spec.get("growth", False)))
        for name, spec in raw["metrics"].items()
    }
    lexicons = {lang: Lexicon(lang) for lang in ("de", "en")}
    # Later entries win, so metric cues are added after modifiers only where they are absent:
    # a word that is both (`Verlust`: profit and loss) keeps its modifier role via LOSS_WORDS.
    for group in (raw["metrics"], raw["modifiers"]):
        for tag, spec in group.items():
            for lang, lex in lexicons.items():
                for cue in spec.get(lang, []):
                    target = lex.phrases if (" " in cue) else lex.words
                    target.setdefault(cue, tag)
    for lex in lexicons.values():
        if lex.phrases:
            alts = sorted(lex.phrases, key=len, reverse=True)
            lex.phrase_re = Gated(
                re.compile(
                    r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(a) for a in alts)),
                    re.IGNORECASE,
                )
            )
    return metrics, lexicons


METRICS, LEXICONS = _load()


def _modifier_words(name: str) -> dict[str, frozenset[str]]:
    raw = json.loads(
        resources.files("facts.extractor").joinpath("data/metrics.json").read_text("utf-8")
    )
    return {lang: frozenset(raw["modifiers"][name].get(lang, [])) for lang in ("de", "en")}


#: Words that make a money figure a loss even though they are profit cues.
LOSS_WORDS = _modifier_words("loss")
GROWTH_WORDS = _modifier_words("growth")
DECLINE_WORDS = _modifier_words("decline")

_WORD = re.compile(r"[^\W\d_][\w-]*")


def find_cues(sentence: str, lang: str, folded: str | None = None) -> list[Cue]:
    """All cue words in a sentence, in order (`folded`: the sentence's fold, if the caller
    has it)."""
    lex = LEXICONS[lang]
    cues: list[Cue] = []
    memo = lex._memo
    for m in _WORD.finditer(sentence):
        word = m.group()
        tags = memo.get(word)
        if tags is None:
            tags = lex.lookup(word)
        if tags:
            start, end = m.span()
            for tag, head in tags:
                cues.append(Cue(start, end, tag, head))
    if lex.phrase_re is not None:
        phrases = [
            Cue(m.start(), m.end(), lex.phrases[m.group().lower()], True)
            for m in lex.phrase_re.finditer(sentence, folded or fold(sentence))
        ]
        if phrases:
            # A word inside a phrase cue (`orders` in `number of orders`) is read as the phrase.
            cues = [
                c for c in cues if not any(p.start <= c.start and c.end <= p.end for p in phrases)
            ]
            cues.extend(phrases)
            # Word cues come in text order already; the phrases go among them, longest first.
            cues.sort(key=lambda c: (c.start, c.start - c.end))
    return cues
