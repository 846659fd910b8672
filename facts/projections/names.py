"""Turning the names people type into the names the store uses.

People write `amazon`, `AWS`, `Amazon Web Services`, `revenue growth` or `Umsatzwachstum`; the
figures projection stores canonical entity names (with a segment such as `AWS` apart) and metric
names from the controlled vocabulary. Resolution tries, in order: the names in the store (any
case), the extractor's gazetteer (company and segment aliases) and metric vocabulary, and finally
gives up with a `UsageError` that lists the closest names (difflib), so a typo is one glance away
from its fix.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain

import attrs

from facts.errors import UsageError
from facts.extractor import gazetteer as gazetteer_data
from facts.extractor.vocabulary import LEXICONS, METRICS


@attrs.frozen
class EntityName:
    """A canonical company, and the segment when the name given was one of its segments."""

    entity: str
    segment: str | None = None
    #: every name the company had (`Meta` and `Facebook`), for queries across a renaming
    names: tuple[str, ...] = ()

    @property
    def entities(self) -> tuple[str, ...]:
        return self.names or (self.entity,)


@attrs.frozen
class Gazetteer:
    """Company and segment names with their aliases, keyed by their casefolded form."""

    entities: Mapping[str, EntityName]
    metrics: Mapping[str, str]
    #: a company's current and former names, under each of them
    renamed: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


def with_former_names(name: EntityName) -> EntityName:
    """`name` with all the names its company had, so a history runs across a renaming
    (articles of 2018 say `Facebook`, of 2023 `Meta`; both are the same company)."""
    names = gazetteer().renamed.get(name.entity)
    return attrs.evolve(name, names=names) if names else name


def _fold(name: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", name.strip().casefold())).strip()


@lru_cache(maxsize=8)
def _gazetteer(extra: str | None) -> Gazetteer:
    companies = gazetteer_data.load(extra)
    entities: dict[str, EntityName] = {}
    forms = chain(companies.aliases.items(), *(f.items() for f in companies.lang_aliases.values()))
    for alias, entry in forms:
        entities.setdefault(_fold(alias), EntityName(entry.company, entry.segment))
    metrics: dict[str, str] = {}
    for metric in METRICS:
        metrics[_fold(metric)] = metric
        metrics[_fold(f"{metric}_growth")] = f"{metric}_growth"
    for lexicon in LEXICONS.values():
        # Cue words double as aliases: `umsatz` or `sales` find `revenue`.
        for cue, tag in chain(lexicon.words.items(), lexicon.phrases.items()):
            if tag in METRICS:
                metrics.setdefault(_fold(cue), tag)
    renamed: dict[str, tuple[str, ...]] = {}
    for current, former in companies.former.items():
        every = (current, *(old for old, _ in former))
        for each in every:
            renamed[each] = every
    return Gazetteer(entities=entities, metrics=metrics, renamed=renamed)


def gazetteer() -> Gazetteer:
    """The extractor's own company gazetteer ($FACTS_GAZETTEER included) and metric vocabulary,
    so a name the extractor records is a name a query finds."""
    return _gazetteer(os.environ.get("FACTS_GAZETTEER") or None)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Every metric name of the controlled vocabulary (canonical spelling)."""
    return frozenset(gazetteer().metrics.values())


def resolve_entity(name: str, known: Iterable[tuple[str, str | None]]) -> EntityName:
    """The canonical entity (and segment) for `name`.

    `known` is the (entity, segment) pairs in the store, so that a company only the text named
    (not in the gazetteer) is found too, in any case.
    """
    folded = _fold(name)
    if not folded:
        raise UsageError("a company name is required")
    pairs = list(known)
    for entity, _ in pairs:
        if _fold(entity) == folded:
            return with_former_names(EntityName(entity))
    hit = gazetteer().entities.get(folded)
    if hit is not None:
        return with_former_names(hit)
    for entity, segment in pairs:
        if segment and _fold(segment) == folded:
            return with_former_names(EntityName(entity, segment))
    candidates = {entity for entity, _ in pairs} | {segment for _, segment in pairs if segment}
    candidates |= {e.segment or e.entity for e in gazetteer().entities.values()}
    raise UsageError(f"unknown company {name!r}{_closest(name, candidates)}")


def resolve_metric(name: str, known: Iterable[str]) -> str:
    """The vocabulary name for `name` (any case; spaces or hyphens for underscores)."""
    folded = _fold(name)
    if not folded:
        raise UsageError("a metric name is required")
    names = list(known)
    for metric in names:
        if _fold(metric) == folded:
            return metric
    hit = gazetteer().metrics.get(folded)
    if hit is not None:
        return hit
    candidates = set(names) | set(gazetteer().metrics.values())
    raise UsageError(f"unknown metric {name!r}{_closest(name, candidates)}")


def _closest(name: str, candidates: Iterable[str]) -> str:
    by_fold: dict[str, str] = {}
    for candidate in sorted(candidates):
        by_fold.setdefault(_fold(candidate), candidate)
    close = difflib.get_close_matches(_fold(name), list(by_fold), n=5, cutoff=0.5)
    if not close:
        # Nothing similar: list what there is, so the user sees the spelling we expect.
        sample = sorted(by_fold.values())[:12]
        return f"; known names include: {', '.join(sample)}" if sample else ""
    return "; closest: " + ", ".join(by_fold[c] for c in close)
