"""The company gazetteer: canonical names, aliases, kinds, people and segments, as data.

The built-in list lives in data/companies.json. Users extend it without touching code: every
file named in $FACTS_GAZETTEER (separated by the OS path separator) is read after it, in the
same JSON format or as TSV lines `name<TAB>aliases|...<TAB>kinds|...<TAB>country<TAB>parent`
(a row with a parent is a segment of that company). Later entries add aliases to an existing
company of the same name.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from facts.errors import GazetteerError


@dataclass
class Company:
    name: str
    kinds: frozenset[str] = frozenset()
    country: str | None = None
    people: tuple[str, ...] = ()
    segments: dict[str, Segment] = field(default_factory=dict)
    #: the month its fiscal year ends in (12: the calendar year); None when not known
    fiscal_year_end: int | None = None


@dataclass(frozen=True)
class Segment:
    name: str
    company: str
    date: str | None = None  # `MM-DD` for event days such as Singles Day
    kinds: frozenset[str] = frozenset()
    #: `YYYY-MM`: when it became (`since`) or stopped being (`until`) part of the company;
    #: outside that window it is a company of its own (LinkedIn before Microsoft bought it)
    since: str | None = None
    until: str | None = None

    def held_on(self, date: str) -> bool:
        month = date[:7]
        return (self.since is None or month >= self.since) and (
            self.until is None or month < self.until
        )


@dataclass(frozen=True)
class Entry:
    """What an alias points to: a company, maybe one of its segments."""

    company: str
    segment: str | None = None


@dataclass
class Gazetteer:
    companies: dict[str, Company] = field(default_factory=dict)
    aliases: dict[str, Entry] = field(default_factory=dict)
    #: first token of a multi-word alias -> its multi-word aliases, longest first
    first_tokens: dict[str, list[str]] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    #: every alias's first word without a possessive ending: a cheap filter for scanning
    first_words: set[str] = field(default_factory=set)
    #: aliases that hold in one language only (`Merck` is Merck KGaA in German texts and
    #: Merck & Co in English ones): language code -> alias -> entry; they win over `aliases`
    lang_aliases: dict[str, dict[str, Entry]] = field(default_factory=dict)
    #: lower-case demonym of a company's home town (`bad homburger`, `darmstädter`), or the
    #: town itself (`cupertino`) -> the companies based there, for `der Bad Homburger Konzern`,
    #: `die Darmstädter`, `der Konzern aus Cupertino`
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    #: company -> the names it had before (`Meta` was `Facebook` until 2021-10): (name, until)
    former: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: `as_of` views by month
    _months: dict[str, Gazetteer] = field(default_factory=dict, repr=False)
    #: `as_of` views, by the segments they set apart and the former names they use
    _eras: dict[tuple[frozenset[Segment], frozenset[tuple[str, str]]], Gazetteer] = field(
        default_factory=dict, repr=False
    )

    def add_alias(self, alias: str, entry: Entry, lang: str | None = None) -> None:
        alias = " ".join(alias.split())
        if not alias:
            return
        plain = _plain_case(alias)
        if plain is not None:
            # `Softbank`, `Hellofresh`, `Paypal`: the press often drops inner capitals.
            self.add_alias(plain, entry, lang)
        if lang is not None:
            forms = self.lang_aliases.setdefault(lang, {})
            first = alias.split(" ", 1)[0]
            self.first_words.add(first)
            for form in (alias, alias + "s", alias + "'s", alias + "’s", alias + "'"):
                forms.setdefault(form, entry)
            return
        first = alias.split(" ", 1)[0]
        self.first_words.add(first)
        self.first_words.add(first.split("-", 1)[0].rstrip(".,:;'’s"))
        self.aliases.setdefault(alias, entry)
        if alias.startswith("Deutsche "):
            # Adjective declension: `bei der Deutschen Bank`, `der Deutschen Telekom`.
            self.add_alias("Deutschen " + alias[len("Deutsche ") :], entry)
        # Genitive and possessive forms: `Alibabas`, `Siemens'`, `Amazon's`.
        if not alias.endswith(("s", "x", "z")):
            self.aliases.setdefault(alias + "s", entry)
        self.aliases.setdefault(alias + "'s", entry)
        self.aliases.setdefault(alias + "’s", entry)
        self.aliases.setdefault(alias + "'", entry)
        tokens = alias.split(" ")
        if len(tokens) > 1:
            longer = self.first_tokens.setdefault(tokens[0], [])
            for form in (alias, alias + "s", alias + "'s", alias + "’s"):
                if form not in longer:
                    longer.append(form)
            longer.sort(key=len, reverse=True)

    def add_company(self, spec: Mapping[str, Any]) -> None:
        self._months.clear()  # the dated views no longer hold
        self._eras.clear()
        name = str(spec["name"])
        company = self.companies.get(name)
        if company is None:
            company = Company(
                name,
                frozenset(spec.get("kinds", ())),
                spec.get("country"),
                tuple(spec.get("people", ())),
            )
            self.companies[name] = company
        else:
            company.kinds = company.kinds | frozenset(spec.get("kinds", ()))
            company.people = company.people + tuple(spec.get("people", ()))
        # A home town (`der Konzern aus Cupertino`) is looked up like its demonym.
        for demonym in (*spec.get("demonyms", ()), *spec.get("towns", ())):
            names = self.demonyms.setdefault(" ".join(demonym.lower().split()), [])
            if name not in names:
                names.append(name)
        if spec.get("fiscal_year_end") is not None:
            company.fiscal_year_end = int(spec["fiscal_year_end"])
        self.add_alias(name, Entry(name))
        for alias in spec.get("aliases", ()):
            self.add_alias(alias, Entry(name))
        for key, value in spec.items():
            if key.startswith("aliases_") and len(key) == 10:
                for alias in value:
                    self.add_alias(alias, Entry(name), lang=key[8:])
        for earlier in spec.get("formerly", ()):
            self.former.setdefault(name, []).append((str(earlier["name"]), str(earlier["until"])))
            self.former[name].sort(key=lambda f: f[1])
        for person in spec.get("people", ()):
            self.people[person] = name
            self.people[person.split()[-1]] = name
        for seg in spec.get("segments", ()):
            segment = Segment(
                seg["name"],
                name,
                seg.get("date"),
                frozenset(seg.get("kinds", ())),
                seg.get("since"),
                seg.get("until"),
            )
            company.segments[segment.name] = segment
            self.add_alias(segment.name, Entry(name, segment.name))
            for alias in seg.get("aliases", ()):
                self.add_alias(alias, Entry(name, segment.name))

    def as_of(self, date: str | None) -> Gazetteer:
        """The gazetteer as the companies stood on `date` (`YYYY-MM[-DD]`): a segment outside
        its `since`/`until` window is a company of its own, so an article from 2016 about
        LinkedIn's results is about LinkedIn, not about a segment of Microsoft."""
        if date is None:
            return self
        month = date[:7]
        known = self._months.get(month)
        if known is not None:
            return known
        view = self._as_of_month(month)
        self._months[month] = view
        return view

    def _as_of_month(self, month: str) -> Gazetteer:
        apart = frozenset(
            seg
            for company in self.companies.values()
            for seg in company.segments.values()
            if (seg.since or seg.until) and not seg.held_on(month)
        )
        renamed = frozenset(
            (company, next(old for old, until in names if month < until))
            for company, names in self.former.items()
            if any(month < until for _, until in names)
        )
        if not apart and not renamed:
            return self
        key = (apart, renamed)
        cached = self._eras.get(key)
        if cached is None:
            cached = self._without(apart, dict(renamed))
            self._eras[key] = cached
        return cached

    def _without(self, apart: frozenset[Segment], renamed: dict[str, str]) -> Gazetteer:
        """A copy with the `apart` segments made companies and `renamed` companies under the
        name they had then (`Facebook` for `Meta` before 2021-10)."""
        own = {(seg.company, seg.name): seg for seg in apart}
        gaz = Gazetteer(
            companies=dict(self.companies),
            aliases=dict(self.aliases),
            first_tokens=self.first_tokens,
            people=self.people,
            first_words=self.first_words,
            lang_aliases=self.lang_aliases,
            demonyms=self.demonyms,
        )
        for alias, entry in self.aliases.items():
            seg = own.get((entry.company, entry.segment or ""))
            if seg is not None:
                gaz.aliases[alias] = Entry(seg.name)
            elif entry.company in renamed:
                gaz.aliases[alias] = Entry(renamed[entry.company], entry.segment)
        for seg in apart:
            gaz.companies.setdefault(seg.name, Company(seg.name, seg.kinds))
        for new, old in renamed.items():
            company = self.companies[new]
            gaz.companies[old] = replace(
                company,
                name=old,
                segments={
                    n: replace(seg, company=old)
                    for n, seg in company.segments.items()
                    if seg not in apart
                },
            )
        if renamed:
            gaz.people = {p: renamed.get(c, c) for p, c in self.people.items()}
            gaz.demonyms = {d: [renamed.get(c, c) for c in cs] for d, cs in self.demonyms.items()}
            gaz.lang_aliases = {
                lang: {
                    a: Entry(renamed.get(e.company, e.company), e.segment) for a, e in forms.items()
                }
                for lang, forms in self.lang_aliases.items()
            }
        return gaz

    def fiscal_year_end(self, company: str) -> int | None:
        """The month a company's fiscal year ends in: its own, 12 for a listed company with
        none given (the calendar year), None for a company the gazetteer does not know."""
        c = self.companies.get(company)
        if c is None:
            return None
        return c.fiscal_year_end or 12

    def segment(self, company: str, name: str) -> Segment | None:
        c = self.companies.get(company)
        return None if c is None else c.segments.get(name)


_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


def _plain_case(alias: str) -> str | None:
    """`SoftBank` -> `Softbank`: a one-word camel-case name with its inner capitals lowered
    (None for names without inner capitals, all-capital ones, and several words)."""
    if " " in alias or len(alias) < 4 or not alias[0].isupper() or alias.isupper():
        return None
    rest = alias[1:]
    if not any(c.isupper() for c in rest) or not any(c.islower() for c in rest):
        return None
    return alias[0] + rest.lower()


def _read_tsv(path: Path, text: str) -> Iterable[dict[str, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", "", "", ""]
        name, aliases, kinds, country, parent = (c.strip() for c in cols[:5])
        if not name:
            raise GazetteerError(str(path), "the first column (the name) is empty", number)
        split = [a for a in aliases.split("|") if a]
        if parent:
            yield {"name": parent, "segments": [{"name": name, "aliases": split}]}
        else:
            yield {
                "name": name,
                "aliases": split,
                "kinds": [k for k in kinds.split("|") if k],
                "country": country or None,
            }


def read_file(path: Path) -> list[dict[str, Any]]:
    """Company specs from a user's gazetteer file (JSON like the built-in one, or TSV).

    Every way the file can be wrong is a `GazetteerError` naming it (and the line), since a
    traceback from deep inside the extractor would not tell the user which file to fix.
    """
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 (byte 0x{exc.object[exc.start]:02X})"
        raise GazetteerError(str(path), message, line) from None
    except OSError as exc:
        raise GazetteerError(str(path), f"cannot read it: {exc.strerror or exc}") from None
    if path.suffix.lower() == ".tsv":
        return list(_read_tsv(path, text))
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GazetteerError(str(path), f"not valid JSON: {exc.msg}", exc.lineno) from None
    companies = raw.get("companies") if isinstance(raw, dict) else raw
    if not isinstance(companies, list):
        raise GazetteerError(str(path), 'expected a list of companies or {"companies": [...]}')
    for index, spec in enumerate(companies, start=1):
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise GazetteerError(str(path), f'company {index} has no "name" string')
        # (entry, key, required): segments may carry since/until; a former name needs both.
        dated = [
            (seg, key, False) for seg in spec.get("segments", ()) for key in ("since", "until")
        ]
        dated += [(old, "until", True) for old in spec.get("formerly", ())]
        for entry, key, required in dated:
            if not isinstance(entry, dict) or (required and not isinstance(entry.get("name"), str)):
                raise GazetteerError(str(path), f"company {spec['name']!r}: a bad entry")
            if key not in entry and not required:
                continue
            value = entry.get(key)
            if not (isinstance(value, str) and _MONTH.fullmatch(value)):
                raise GazetteerError(
                    str(path), f'company {spec["name"]!r}: "{key}" must be a month, YYYY-MM'
                )
    return companies


@lru_cache(maxsize=8)
def load(extra: str | None = None) -> Gazetteer:
    """The built-in gazetteer plus the files named in `extra` (default: $FACTS_GAZETTEER)."""
    gaz = Gazetteer()
    raw = json.loads(
        resources.files("facts.extractor").joinpath("data/companies.json").read_text("utf-8")
    )
    for spec in raw["companies"]:
        gaz.add_company(spec)
    for name in (extra or "").split(os.pathsep):
        if name.strip():
            for spec in read_file(Path(name.strip())):
                gaz.add_company(spec)
    return gaz


def default() -> Gazetteer:
    return load(os.environ.get("FACTS_GAZETTEER") or None)
