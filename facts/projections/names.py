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
import json
import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import attrs

from facts.errors import UsageError
from facts.extractor.vocabulary import METRICS


@attrs.frozen
class EntityName:
    """A canonical company, and the segment when the name given was one of its segments."""

    entity: str
    segment: str | None = None


@attrs.frozen
class Gazetteer:
    """Company and segment names with their aliases, keyed by their casefolded form."""

    entities: Mapping[str, EntityName]
    metrics: Mapping[str, str]


def _fold(name: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", name.strip().casefold())).strip()


def _data_files(name: str) -> Iterable[Any]:
    try:
        path = resources.files("facts.extractor").joinpath("data").joinpath(name)
        if path.is_file():
            yield json.loads(path.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError, json.JSONDecodeError):
        return


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The extractor's company and metric data, read as data (no extractor code runs)."""
    entities: dict[str, EntityName] = {}
    documents = list(_data_files("companies.json"))
    extra = os.environ.get("FACTS_GAZETTEER")
    if extra and os.path.isfile(extra):
        try:
            with open(extra, encoding="utf-8") as handle:
                documents.append(json.load(handle))
        except (OSError, json.JSONDecodeError):
            pass  # the extractor reports a broken gazetteer; here it only helps with names
    for document in documents:
        for company in document.get("companies", ()) if isinstance(document, dict) else ():
            name = company.get("name")
            if not isinstance(name, str):
                continue
            for alias in (name, *company.get("aliases", ())):
                entities.setdefault(_fold(alias), EntityName(name))
            for segment in company.get("segments", ()):
                seg = segment.get("name")
                if isinstance(seg, str):
                    for alias in (seg, *segment.get("aliases", ())):
                        entities.setdefault(_fold(alias), EntityName(name, seg))
    metrics: dict[str, str] = {}
    for metric in METRICS:  # the extractor's vocabulary: one list of metrics, not two
        metrics[_fold(metric)] = metric
        metrics[_fold(f"{metric}_growth")] = f"{metric}_growth"
    for document in _data_files("metrics.json"):
        entries = document.get("metrics", document) if isinstance(document, dict) else document
        items = entries.items() if isinstance(entries, dict) else enumerate(entries)
        for key, entry in items:
            name = entry.get("name", key) if isinstance(entry, dict) else key
            if not isinstance(name, str):
                continue
            metrics.setdefault(_fold(name), name)
            if isinstance(entry, dict):
                # Cue words double as aliases: `umsatz` or `sales` find `revenue`.
                for key in ("aliases", "de", "en"):
                    for cue in entry.get(key, ()):
                        if isinstance(cue, str):
                            metrics.setdefault(_fold(cue), name)
    return Gazetteer(entities=entities, metrics=metrics)


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
            return EntityName(entity)
    hit = gazetteer().entities.get(folded)
    if hit is not None:
        return hit
    for entity, segment in pairs:
        if segment and _fold(segment) == folded:
            return EntityName(entity, segment)
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
