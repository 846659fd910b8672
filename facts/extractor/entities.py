"""Company mentions and reference resolution within one article.

A mention is a gazetteer alias, a description (`der chinesische Onlinehändler`), a person's
company (`das Unternehmen von Jeff Bezos`) or an unknown company introduced as such
(`der US-Versandhändler ShopRunner`, `Altair Engineering Inc.`). Descriptions resolve to the
most recently mentioned compatible company: same kind, same nationality if one is given.
Mentions in a comparison (`Tech-Größen wie Microsoft`, `than Amazon`) are kept apart: they are
counterparties, not subjects.

Candidates are found in one pass over the whole article (a regex per kind, run in C over the
text) and resolved sentence by sentence in reading order, because salience changes as the text
goes on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from facts.extractor.gazetteer import Entry, Gazetteer
from facts.extractor.lang import LangPack
from facts.extractor.vocabulary import LEXICONS


class Mention(NamedTuple):
    """A reference to a company in a sentence (offsets relative to the sentence); a tuple,
    since every sentence builds its own."""

    start: int
    end: int
    company: str
    segment: str | None
    kind: str  # name | description | person | event | salience
    comparison: bool = False
    weak: bool = False  # a name used as a modifier (`die Amazon Statistik`)
    text: str = ""


class Candidate(NamedTuple):
    """A possible mention found in the article text (absolute offsets), not yet resolved."""

    start: int
    end: int
    kind: str  # name | person | description
    company: str | None = None
    segment: str | None = None
    kinds: tuple[str, ...] = ()
    country: str | None = None
    weak: bool = False
    city: str | None = None  # a home-town demonym (`der Bad Homburger Konzern`)


# The patterns run over a whole article begin with a character class and test the character
# before it with a lookbehind placed after it (`[Dd](?<![\w].)ie` for `(?<![\w])[Dd]ie`): the
# regex engine then jumps between the class's characters instead of trying every position.
#
# Capitalised words (`Siemens`, `3M`, `$`) and camel-case names (`eBay`, `iPhone`): the tokens
# of `(?<![\w&$.-])[A-ZÄÖÜ0-9$][\w&.'’+-]*|(?<![\w-])[a-z][A-Z][\w-]*`, found as two passes
# (one alternation would be tried at every lower-case letter). A camel-case name is found by
# its capital, then read from the letter before it.
_CAP_WORD = re.compile(r"[A-ZÄÖÜ0-9$](?<![\w&$.-].)[\w&.'’+-]*")
_CAMEL_CAPITAL = re.compile(r"[A-Z](?<=(?<![\w-])[a-z][A-Z])")
_CAMEL_WORD = re.compile(r"[a-z][A-Z][\w-]*")
_DEMONYM_NOUN = re.compile(
    r"[Dd](?<![\w].)(?:ie|en)\s+(?P<d>(?:Bad\s+)?[A-ZÄÖÜ][\w-]+(?:er|aner))(?![\w])"
    r"(?!\s+(?:[A-ZÄÖÜ]|\d))"
)
_LIST_GAP = re.compile(r"^\s*(?:,|und|oder|sowie|and|or|&|bzw\.)\s*$")
_LEGAL = re.compile(
    r"(?P<name>[A-ZÄÖÜ][\w&+-]+(?:\s+(?:&\s+)?[A-ZÄÖÜ][\w&+-]+){0,3}(?:['’]s)?)\s+(?:AG|SE|GmbH|KGaA|Inc\.?|Corp\.?|"
    r"Corporation|Ltd\.?|plc|PLC|N\.V\.|NV|S\.A\.|SA|AB|ASA|A/S|S\.p\.A\.|LLC|Holdings?)(?![\w])"
)
_LEGAL_HINT = re.compile(
    r" (?:AG|SE|GmbH|KGaA|Inc|Corp|Corporation|Ltd|plc|PLC|N\.V\.|NV|S\.A\.|SA|AB|ASA|A/S|"
    r"S\.p\.A\.|LLC|Holdings?)(?![\w])"
)
_PERSON_BEFORE = re.compile(
    r"(?:Unternehmen|Konzern|Firma|Imperium|Reich|company|firm|group|empire)\s+"
    r"(?:von|des|of|run\s+by|founded\s+by|led\s+by)\s+(?:[A-ZÄÖÜ][\w-]+\s+)?$"
)
_PERSON_AFTER = re.compile(
    r"(?:s|'s|’s|'|’)?\s+(?:Unternehmen|Konzern|Firma|Imperium|company|firm|empire)\b"
)
_FOLLOW_NAME = re.compile(r"\s*(?:\(\s*[^)]*\)\s*)?([A-ZÄÖÜ][\w&.-]*)")
_WEAK_AFTER = re.compile(r" [A-ZÄÖÜ][a-zäöüß]+(?:[\s,.]|$)")
_NOT_WEAK_AFTER = re.compile(
    r" (?:AG|SE|SA|AB|NV|ASA|Inc|Corp|Ltd|plc|Group|Gruppe|Cloud|Day|Konzern|Technology)\b"
    # `Rivian Automotive Inc`: the rest of the company's own name
    r"| (?:[A-Z][\w&-]+ ){1,2}(?:AG|SE|SA|NV|Inc|Corp|Co|Ltd|plc|LLC)\b"
)
# A segment named by an ordinary word (`Swiss`, `Mobility`) counts only in an article that also
# names its parent: `Swiss francs` is no airline, a carmaker's `Mobility` no Siemens unit.
_COMMON_WORD_SEGMENTS = frozenset(
    ("Swiss", "Austrian", "Mobility", "Mini", "Office", "Ring", "Seat", "Netto", "Penny", "Ergo")
)
_COMPANY_COMPOUND = re.compile(
    r"(?P<name>[A-ZÄÖÜ](?<![\w-].)[\w&]{2,})-(?:Gruppe|Konzern|Konzerns|Chef|Chefin|Aktie|Aktien|"
    r"Vorstand|Vorstandschef|Konzernchef|Holding|Börsengang)(?![\w-])"
)
_ARTICLES = frozenset(
    ("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines")
)
_PLACE_PREP = frozenset(("in", "im", "nach", "aus", "ins", "innerhalb", "außerhalb"))
_PLACES = frozenset(
    (
        "Deutschland",
        "Europa",
        "China",
        "Amerika",
        "Asien",
        "Afrika",
        "Japan",
        "Indien",
        "Frankreich",
        "Italien",
        "Spanien",
        "Schweiz",
        "Österreich",
        "Russland",
        "Brasilien",
        "Großbritannien",
        "Nordamerika",
        "Südamerika",
        "Lateinamerika",
        "Kanada",
        "Mexiko",
    )
)
_BEI_NAME = re.compile(
    r"[Bb](?<![\w-].)ei\s+(?P<name>[A-ZÄÖÜ][\w&]{2,}(?<!en)(?<!er)(?<!ern))(?![\w-])(?!\s+[A-ZÄÖÜ])"
)
_EN_COMPANY_CONTEXT = re.compile(
    r"(?<![\w-])(?:[Ss]hares\s+(?:of|in)\s+(?P<a>[A-Z][\w&]{2,})(?![\w-])(?!\s+[A-Z])|"
    r"(?P<b>[A-Z][\w&]{2,})(?:'s|’s)?\s+(?:shares|stock|"
    r"chief\s+executive|CEO|revenue|sales|net\s+income|operating\s+profit)(?![\w-]))"
)
_PLACES_EN = frozenset(
    (
        "China",
        "Europe",
        "America",
        "Asia",
        "Africa",
        "Japan",
        "India",
        "Germany",
        "France",
        "Britain",
        "Italy",
        "Spain",
        "Russia",
        "Brazil",
        "Canada",
        "Mexico",
        "Company",
        "Group",
        "The",
        "Its",
        "Net",
        "Total",
        "Annual",
        "Quarterly",
        "Retail",
        "Online",
        "Global",
        "Organic",
        "Group",
        "Company",
        "Sales",
        "Revenue",
        "Its",
        "Their",
        "Our",
    )
)


_DESCRIBED_NAME: dict[str, re.Pattern[str]] = {}  # by language pack


def _described_name_re(pack: LangPack) -> re.Pattern[str]:
    """An article, up to two adjectives, a description head and the capitalised name after it.

    Generic heads (`der Konzern Objekte verkaufte`) are often followed by an object instead of
    a name; only specific ones and the start-up words introduce names."""
    heads = [
        h
        for h, kinds in pack.descriptions.items()
        if kinds != ("*",)
        or h.startswith(("start", "jungunternehmen", "familien", "mittelständler", "traditions"))
    ]
    # Words that introduce a named company in apposition without describing one themselves
    # (`der britische Rivale Revolut`); alone (`der Konkurrent`) they name no company.
    heads += ["rivale", "rivalen", "konkurrent", "konkurrenten", "wettbewerber"]
    alts = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(
        r"(?<![\w-])[Dd](?:er|ie|as|en|em|es)\s+(?:[A-ZÄÖÜa-zäöüß][\w-]*(?:er|e|en|es)\s+){0,2}"
        rf"(?:[A-ZÄÖÜ][\w]*-)?(?i:{alts})\s+(?P<name>[A-ZÄÖÜ][\w&-]{{2,}}"
        # a second word of the name where a clause or a place follows (`Kornfeld Robotics,`)
        r"(?:\s+[A-ZÄÖÜ][\w&-]{2,}(?=\s*(?:,|\(|aus\s|mit\s)))?)(?![\w-])"
    )


_ARTICLE_BEFORE = re.compile(
    r"(?<![\w-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[nmrs]?)?|[Kk]ein\w*|[Ss]ein\w*|[Ii]hr\w*|"
    r"[a-zäöüß]+(?:ten|ischen|lichen|igen|sten|nden|enen))\s+$"
)
_CONTRACTED_BEFORE = re.compile(
    r"(?<![\w-])(?:im|am|zum|zur|vom|beim|ins|ans|pro|je|jede[nmrs]?|diese[nmrs]?|"
    r"(?:ers|zwei|drit|vier|letz|vergangen|laufend|abgelaufen|gleich|selb|nächs|kommend|neu|"
    r"ganz|gesam)te[nmrs]?)\s+$",
    re.I,
)
_VERB_AFTER = re.compile(r"\s+[a-zäöüß]+(?:t|te|ten|en)\b")
# A capitalised word that may be a name (no digits, no hyphen compounds).
_BARE_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{3,}(?![\w-])")
# What comes before a sentence's first word (or a quote's): its capital says nothing.
_SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!?:;«»\"„“”(]\s*)$")
_LIST_PAIR = re.compile(
    r"(?P<a>[A-ZÄÖÜ](?<![\w-].)[\w&]{2,})\s+(?:und|sowie|oder)\s+(?P<b>[A-ZÄÖÜ][\w&]{2,})(?![\w-])"
)
_ADJ_ENDING = re.compile(r"e[nmrs]?$")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NAME_PART_BEFORE = re.compile(r"[\w&.’'-]\s?$")
_NAME_BEFORE = re.compile(r"[A-ZÄÖÜ][\w&.-]*\s+$")
_EXAMPLES = re.compile(
    r",\s*(?:darunter|unter\s+anderem|etwa|beispielsweise|zum\s+Beispiel|including|such\s+as|"
    r"among\s+them)\b"
)
# `the Amazon.com-backed company`, `die Google-finanzierte Firma`: the name qualifies another.
_BACKER_SUFFIXES = (
    "-backed",
    "-owned",
    "-funded",
    "-controlled",
    "-finanzierte",
    "-finanzierten",
    "-kontrollierte",
    "-kontrollierten",
)
_EXAMPLE_NEEDLES = (
    "darunter",
    "unter anderem",
    "etwa",
    "beispielsweise",
    "Beispiel",
    "including",
    "such as",
    "among",
)
_FROM_TOWN = re.compile(
    r"\s+(?:aus|mit\s+Sitz\s+in)\s+(?P<town>(?:Bad\s+)?[A-ZÄÖÜ][a-zäöüß]+"
    r"(?:\s+am\s+Main|\s+(?:View|Park|Gatos))?)\b"
)
# Towns whose demonym is not the town's name plus `-er`.
_TOWN_DEMONYMS = {
    "münchen": "münchner",
    "zürich": "zürcher",
    "basel": "basler",
    "darmstadt": "darmstädter",
    "hannover": "hannoveraner",
    "frankfurt am main": "frankfurter",
}
_STOP_NAMES = frozenset(
    (
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "The",
        "A",
        "An",
        "In",
        "Im",
        "Am",
        "Auf",
        "Mit",
        "Von",
        "Für",
        "Bei",
        "Und",
        "Auch",
        "Doch",
    )
)
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus")


def _cap_tokens(text: str) -> Iterator[re.Match[str]]:
    """The capitalised and camel-case tokens of `text`, in order (see _CAP_WORD)."""
    camels = [_CAMEL_WORD.match(text, m.start() - 1) for m in _CAMEL_CAPITAL.finditer(text)]
    if not camels:
        return _CAP_WORD.finditer(text)
    return _merge(_CAP_WORD.finditer(text), [m for m in camels if m is not None])


def _merge(words: Iterator[re.Match[str]], camels: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Both kinds of token in text order; a camel-case token inside a capitalised word
    (`AT&eBay`) is part of that word, as one alternation would have read it."""
    covered = 0  # where the last capitalised word ends
    i = 0
    for word in words:
        while i < len(camels) and camels[i].start() < word.start():
            if camels[i].start() >= covered:
                yield camels[i]
            i += 1
        yield word
        covered = word.end()
    for camel in camels[i:]:
        if camel.start() >= covered:
            yield camel


# What a capitalised token can be, as far as the gazetteer and the pack tell without context
# (the article's own names, `local`, are checked on top): the token without trailing
# punctuation, its first part without a possessive ending, and one of these classes.
_KNOWN, _PERSON, _HEAD, _OTHER = range(4)
_TOKEN_MEMO_SIZE = 200_000
_TokenMemo = tuple[Gazetteer, LangPack, int, int, dict[str, tuple[str, str, int]]]
_TOKEN_MEMOS: dict[tuple[int, int], _TokenMemo] = {}


def _classify(raw: str, gaz: Gazetteer, heads: tuple[str, ...]) -> tuple[str, str, int]:
    word = raw.rstrip(".,:;")
    head = word.split("-", 1)[0].rstrip("'’s")
    if head in gaz.first_words or (
        # `Tui` for `TUI`: an acronym the press writes as a word
        len(head) >= 3 and head.istitle() and head.upper() in gaz.aliases
    ):
        return word, head, _KNOWN
    if word in gaz.people or word.rstrip("s'’") in gaz.people:
        return word, head, _PERSON
    if heads and word.lower().endswith(heads):
        return word, head, _HEAD
    return word, head, _OTHER


def _token_classes(gaz: Gazetteer, pack: LangPack) -> dict[str, tuple[str, str, int]]:
    """The memo of `_classify` for this gazetteer and pack (rebuilt if the gazetteer grew)."""
    key = (id(gaz), id(pack))
    found = _TOKEN_MEMOS.get(key)
    if (
        found is None
        or found[0] is not gaz
        or found[1] is not pack
        or found[2] != len(gaz.first_words)
        or found[3] != len(gaz.people)
    ):
        found = (gaz, pack, len(gaz.first_words), len(gaz.people), {})
        _TOKEN_MEMOS[key] = found
    return found[4]


@dataclass
class Tracker:
    """Salience of companies across an article, most recent first."""

    gaz: Gazetteer
    pack: LangPack
    recent: list[str] = field(default_factory=list)
    last_event: Mention | None = None
    local: dict[str, Entry] = field(default_factory=dict)
    #: first word of a multi-word local name (`Acme Widgets` of `Acme Widgets Inc.`) -> names
    local_first: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    _cands: list[Candidate] = field(default_factory=list)
    _heads: tuple[str, ...] = ()
    _starts: list[int] = field(default_factory=list)
    #: every company the article's candidates name (for a demonym's fallback)
    _named: set[str] = field(default_factory=set)

    def touch(self, company: str) -> None:
        if company in self.recent:
            self.recent.remove(company)
        self.recent.insert(0, company)
        self.scores[company] = self.scores.get(company, 0.0) + 1.0

    def decay(self) -> None:
        """Once per sentence: older mentions weigh less than recent ones."""
        for name in self.scores:
            self.scores[name] *= 0.7

    def topic(self, exclude: str | None = None) -> str | None:
        """The most salient company: mentioned often and lately (ties: most recent)."""
        best: str | None = None
        for name in self.recent:
            if name != exclude and (
                best is None or self.scores.get(name, 0) > self.scores[best] + 1e-9
            ):
                best = name
        return best

    def resolve_description(
        self,
        kinds: tuple[str, ...],
        country: str | None,
        exclude: str | None = None,
        city: str | None = None,
    ) -> str | None:
        if city is not None:
            # `der Bad Homburger Konzern`, `die Darmstädter`: the company based there, the
            # most recently named one if several are.
            based = self.gaz.demonyms.get(city, [])
            for name in self.recent:
                if name in based and name != exclude:
                    return name
            if based and self._named.isdisjoint(based):
                # `das Düsseldorfer Unternehmen` in an article that names no company based
                # there (the gazetteer does not know Trivago's home town): the article's
                # company, not an unrelated one from the same town.
                return self.topic(exclude) or based[0]
            if based:
                return based[0]
        if "*" in kinds and country is None:
            # `der Konzern`, `the company`: the article's topic rather than the last name read.
            return self.topic(exclude)
        for name in self.recent:
            if name == exclude:
                continue
            company = self.gaz.companies.get(name)
            if company is None:
                if "*" in kinds and country is None:
                    return name
                continue
            if country and company.country and company.country != country:
                continue
            if "*" in kinds or company.kinds & set(kinds):
                return name
        return None

    def _lookup(self, text: str) -> Entry | None:
        by_lang = self.gaz.lang_aliases.get(self.pack.code)
        if by_lang:
            entry = by_lang.get(text)
            if entry is not None:
                return entry
        entry = self.gaz.aliases.get(text) or self.local.get(text)
        if entry is None and len(text) >= 3 and text.isalpha() and text.istitle():
            entry = self.gaz.aliases.get(text.upper())
        return entry

    # ------------------------------------------------------------------ scanning

    def scan(self, text: str) -> None:
        """Find every candidate mention in `text` (the whole article): one pass over its
        capitalised words for names, German descriptions and people, a regex for the rest."""
        cands: list[Candidate] = []
        if not self._heads:
            self._heads = tuple(self.pack.descriptions)
        if _LEGAL_HINT.search(text):
            for m in _LEGAL.finditer(text):
                words = m.group("name").split()
                while words and (
                    words[0] in _STOP_NAMES
                    or (len(words) > 1 and words[0].lower().endswith(self._heads))
                ):
                    # `Die Müller Holding AG`, `Chemiekonzern Merck KGaA`: not part of the name.
                    words = words[1:]
                if any(self._lookup(" ".join(words[i:])) for i in range(1, len(words))):
                    continue
                name = " ".join(words)
                if not name or name in self.gaz.aliases or self._lookup(name) is not None:
                    continue
                if len(words) > 1 and self._lookup(words[0]) is not None:
                    # `Toyota Motor Corp.`: a known company under its full name.
                    continue
                self.local.setdefault(name, Entry(name))
                if len(words) > 1:
                    self.local_first.setdefault(words[0], []).append(name)
        if self.pack.code == "de":
            self._unknown_de(text)
        elif self.pack.code == "en":
            # `shares of Zalvex`, `Zalvex's revenue`, `Zalvex chief executive`: only a company
            # has shares, revenue or a chief executive (a person saying things does not count).
            inside: dict[str, bool] = {}  # name -> whether it stands inside a sentence
            for m in _EN_COMPANY_CONTEXT.finditer(text):
                name = m.group("a") or m.group("b")
                before = text[max(0, m.start() - 2) : m.start()]
                if m.group("b") and (
                    _NAME_PART_BEFORE.search(before) or not self._inside(text, name, inside)
                ):
                    # `Google Cloud revenue`: part of a longer name; `Adjusted sales`: a
                    # sentence's first word (the name must also stand inside a sentence).
                    continue
                if (
                    name
                    and name not in _STOP_NAMES
                    and self._lookup(name.upper()) is None
                    and name not in self.local
                    and self._lookup(name) is None
                    and name not in self.gaz.first_tokens
                    and name not in self.gaz.people
                    and name not in _PLACES_EN
                ):
                    self.local.setdefault(name, Entry(name))
        if self.pack.description_left is None:
            for m in self.pack.description_re.finditer(text):
                cand = self._description(text, m.start(), m.end(), m.group("noun"), m.group("adj"))
                if cand is not None:
                    cands.append(cand)
        if self.pack.code == "de" and self.gaz.demonyms:
            # `die Darmstädter`, `die Mailänder`: a company called by its home town.
            for m in _DEMONYM_NOUN.finditer(text):
                city = " ".join(m.group("d").lower().split())
                if city in self.gaz.demonyms:
                    cands.append(
                        Candidate(m.start(), m.end(), "description", kinds=("*",), city=city)
                    )
        cands.extend(self._tokens(text))
        named = {c.company for c in cands if c.kind == "name" and c.segment is None}
        cands = [
            c
            for c in cands
            if c.kind != "name"
            or c.segment is None
            or c.company in named
            or _POSSESSIVE_END.sub("", text[c.start : c.end]) not in _COMMON_WORD_SEGMENTS
        ]
        cands.sort(key=lambda c: c.start)
        self._cands = cands
        self._named = {c.company for c in cands if c.company is not None}
        self._starts = [c.start for c in cands]

    @staticmethod
    def _inside(text: str, name: str, memo: dict[str, bool]) -> bool:
        """Whether `name` stands somewhere after a lower-case word (not first in a sentence);
        the same names recur, so the article-wide search is done once per name."""
        found = memo.get(name)
        if found is None:
            pattern = r"(?:^|\s)[a-z]+[,;]?\s+" + re.escape(name) + r"(?![\w-])"
            found = memo[name] = re.search(pattern, text) is not None
        return found

    def _unknown_de(self, text: str) -> None:
        """Unknown German companies told by their grammar, not by capitals alone (German
        capitalises every noun): a name compounded with a company word (`Migros-Gruppe`,
        `Acme-Chef`, `Acme-Aktie`) or listed with a company (`Migros und Coop`), each only
        when the bare name also stands on its own elsewhere in the text without an article."""
        compounds = [m.group("name") for m in _COMPANY_COMPOUND.finditer(text)]
        for name in compounds:
            self._add_unknown(text, name, compounds.count(name))
        for m in self._described_name().finditer(text):
            # `das Berliner Start-up Lieferkontor`, `der Onlinehändler Acme`: a description
            # in apposition names the company that follows it.
            self._add_unknown(text, m.group("name"), 1)
        for m in _BEI_NAME.finditer(text):
            # `bei Ottobock`, and the bare name again as a sentence subject (`Ottobock setzte`)
            name = m.group("name")
            if re.search(r"(?:^|[.!?]\s+)" + re.escape(name) + r"\s+[a-zäöü]", text):
                self._add_unknown(text, name, 0)
        for name in self._repeated_bare_names(text):
            self._add_unknown(text, name, 0)
        for m in _LIST_PAIR.finditer(text):
            if _NAME_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # `Aldi Suisse und ...`: part of a longer name
            a, b = m.group("a"), m.group("b")
            a_known = self._lookup(a) is not None or a in self.local
            b_known = self._lookup(b) is not None or b in self.local
            if a_known != b_known:
                self._add_unknown(text, b if a_known else a, 0)

    def _repeated_bare_names(self, text: str) -> list[str]:
        """Names a German text repeats without ever giving them an article, once as the subject
        of a sentence: `Parcelio bündelt ...`, `die Bewertung von Parcelio`, `setzt Parcelio
        auf`. A noun takes an article somewhere, a person's surname follows a first name, a
        sentence's first word is capitalised anyway; a company's name does none of these
        (`_add_unknown` checks the articles once more)."""
        where: dict[str, list[int]] = {}
        for m in _BARE_WORD.finditer(text):
            where.setdefault(m.group(), []).append(m.start())
        names = []
        lexicon = LEXICONS.get(self.pack.code)
        for name, starts in where.items():
            if (
                len(starts) < 3
                or name in self.local
                or name in _STOP_NAMES
                or name in _PLACES
                or name.endswith(_NOUN_SUFFIXES)
                or self._lookup(name) is not None
                or (lexicon is not None and lexicon.lookup(name))
            ):
                continue  # known, a place, or `Ebitda stieg`: a term of the trade
            inside = subject = False
            for start in starts:
                before = text[max(0, start - 40) : start]
                if _ARTICLE_BEFORE.search(before):
                    break  # `der Konzern`, `die geplanten Umbaupläne`: a noun
                opening = bool(_SENTENCE_END_BEFORE.search(before))
                if opening and _VERB_AFTER.match(text, start + len(name)):
                    subject = True  # `Parcelio bündelt ...`
                if not opening and _NAME_BEFORE.search(before):
                    break  # `Lea Baumann`, `Rocket Internet`: part of a longer name
                if _CONTRACTED_BEFORE.search(before):
                    break  # `im Quartal`, `pro Jahr`: a noun after a contracted article
                inside = inside or not opening
            else:
                dateline = r"(?:^|\n)\s*" + re.escape(name) + r"(?:/[\w .-]+)?\s*\("
                if inside and subject and not re.search(dateline, text):
                    names.append(name)  # (`Dortmund (dpa/lnw) - ...` names a place)
        return names

    def _described_name(self) -> re.Pattern[str]:
        pattern = _DESCRIBED_NAME.get(self.pack.code)
        if pattern is None:
            pattern = _described_name_re(self.pack)
            _DESCRIBED_NAME[self.pack.code] = pattern
        return pattern

    def _add_unknown(self, text: str, name: str, compounds: int) -> None:
        if (
            name in self.local
            or self._lookup(name.upper()) is not None
            or self._lookup(name) is not None
            or name in self.gaz.first_tokens
            or name in _STOP_NAMES
            or name.lower() in self.pack.descriptions
            or name.lower().endswith(self._heads)
            or name.endswith(_NOUN_SUFFIXES)
            or (name.upper() == name and len(name) <= 3)
            or name in _PLACES
            or (name.endswith("s") and name[:-1] in _PLACES)  # `Deutschlands`
        ):
            return
        alone = re.compile(r"(?<![\w-])(?P<before>\S*\s*)" + re.escape(name) + r"(?![\w-])")
        count = 0
        for m in alone.finditer(text):
            before = m.group("before").strip().lower()
            if before and (before[-1].isdigit() or before in _ARTICLES or before in _PLACE_PREP):
                return  # `5 Millionen`, `die Partner`, `in Europa`: not a company name
            count += 1
        if count >= 1 and count + compounds >= 2:
            entry = self.local.setdefault(name, Entry(name))
            first, _, rest = name.partition(" ")
            if (
                rest
                and len(first) >= 4
                and first not in self.local
                and first not in _STOP_NAMES
                and first not in _PLACES
                and self._lookup(first) is None
            ):
                # `Kessler Armaturen` is `Kessler` when the text names it again.
                self.local[first] = entry

    def _tokens(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        skip_to = -1
        local = self.local
        local_first = self.local_first
        classes = _token_classes(self.gaz, self.pack)
        heads = self._heads if self.pack.description_left is not None else ()
        for tok in _cap_tokens(text):
            raw = tok.group()
            cls = classes.get(raw)
            if cls is None:
                cls = _classify(raw, self.gaz, heads)
                if len(classes) < _TOKEN_MEMO_SIZE:
                    classes[raw] = cls
            word, head, what = cls
            if what == _OTHER and not local and not local_first:
                # Most capitalised words: nothing to find (the article's own names, which
                # `local` may gain on the way, are checked below once there are any).
                continue
            start = tok.start()
            if start < skip_to:
                continue
            if (
                what != _KNOWN
                and head not in local
                and word not in local
                and word not in local_first
                and not (local and word.split("-", 1)[0] in local)
            ):
                if what == _PERSON:
                    cand = self._person(text, start, start + len(word))
                    if cand is not None:
                        out.append(cand)
                elif what == _HEAD:
                    cand = self._head_description(text, start, word)
                    if cand is not None:
                        out.append(cand)
                        if cand.kind == "name":
                            skip_to = cand.end
                continue
            entry = self._name_at(text, start, word)
            if entry is None:
                continue
            found, end = entry
            skip_to = end
            if word.lower().endswith(_BACKER_SUFFIXES):
                continue  # `the Amazon.com-backed company` is not Amazon
            weak = bool(_WEAK_AFTER.match(text, end)) and not _NOT_WEAK_AFTER.match(text, end)
            out.append(Candidate(start, end, "name", found.company, found.segment, weak=weak))
        return out

    def _name_at(self, text: str, start: int, word: str) -> tuple[Entry, int] | None:
        """The alias starting at `start` (longest first), and where it ends."""
        longer = self.gaz.first_tokens.get(word)
        if word in self.local_first:
            longer = sorted([*(longer or []), *self.local_first[word]], key=len, reverse=True)
        if longer:
            for alias in longer:
                if text.startswith(alias, start):
                    after = start + len(alias)
                    if after >= len(text) or not text[after].isalnum():
                        entry = self._lookup(alias)
                        if entry is not None:
                            return entry, after
        entry = self._lookup(word)
        if entry is None and "-" in word:
            # `Alibaba-Börsengang`, `Singles-Day-Shoppingfestival`: the longest hyphenated
            # beginning that is a name.
            parts = word.split("-")
            for k in range(len(parts) - 1, 0, -1):
                entry = self._lookup("-".join(parts[:k]))
                if entry is not None:
                    break
        return None if entry is None else (entry, start + len(word))

    def _head_description(self, text: str, start: int, word: str) -> Candidate | None:
        """A German description read back from its head noun (`der chinesische Onlinehändler`)."""
        left = self.pack.description_left
        assert left is not None
        m = left.search(text, max(0, start - 60), start)
        if not m:
            return None
        return self._description(text, m.start(), start + len(word), word, m.group("adj"))

    def _person(self, text: str, start: int, end: int) -> Candidate | None:
        word = text[start:end]
        company = self.gaz.people.get(word) or self.gaz.people.get(word.rstrip("s'’"))
        if company is None:
            return None
        before = _PERSON_BEFORE.search(text, max(0, start - 50), start)
        if before:
            return Candidate(before.start(), end, "person", company)
        after = _PERSON_AFTER.match(text, end)
        if after:
            return Candidate(start, after.end(), "person", company)
        return None

    def _description(
        self, text: str, start: int, end: int, noun_full: str, adjectives: str
    ) -> Candidate | None:
        pack = self.pack
        noun = noun_full.lower()
        if not noun.endswith(self._heads):
            return None
        if "-" in noun_full and self._lookup(noun_full.split("-", 1)[0]) is not None:
            # `die Migros-Gruppe`, `der Siemens-Konzern`: the company is named.
            return None
        kinds = pack.descriptions.get(noun)
        if kinds is None:
            for k in range(1, len(noun) - 3):
                kinds = pack.descriptions.get(noun[k:].lstrip("-"))
                if kinds is not None:
                    break
        if kinds is None:
            return None
        follow = _FOLLOW_NAME.match(text, end)
        if follow:
            cand = follow.group(1).rstrip(".,")
            pos = follow.start(1)
            if self._lookup(cand) is not None or cand in self.gaz.first_tokens:
                # `der Onlinehändler Amazon`: the name itself follows.
                return None
            if (
                ("*" not in kinds or noun not in pack.descriptions)
                and cand not in _STOP_NAMES
                and self._looks_like_name(text, cand, pos)
            ):
                # `der US-Versandhändler ShopRunner`: an unknown company, introduced.
                self.local.setdefault(cand, Entry(cand))
                return Candidate(pos, pos + len(cand), "name", cand)
        country = None
        words = adjectives.lower().split()
        city = next(
            (
                d
                for d in (*(" ".join(words[i : i + 2]) for i in range(len(words))), *words)
                if d and d in self.gaz.demonyms
            ),
            None,
        )
        if city is None and pack.code == "de":
            city = self._town_after(text, end)
        if city is not None:
            return Candidate(start, end, "description", kinds=kinds, city=city)
        for adj in adjectives.split():
            stem = _ADJ_ENDING.sub("", adj.lower())
            if stem in pack.nationalities:
                country = pack.nationalities[stem]
        if "-" in noun_full:
            country = country or {"us": "US", "china": "CN"}.get(noun_full.split("-")[0].lower())
        return Candidate(start, end, "description", kinds=kinds, country=country)

    def _town_after(self, text: str, end: int) -> str | None:
        """`der Sportartikelhersteller aus Herzogenaurach`, `der Konzern mit Sitz in Walldorf`:
        the home town after a description, as the demonym the gazetteer knows it by."""
        m = _FROM_TOWN.match(text, end)
        if m is None:
            return None
        town = " ".join(m.group("town").lower().split())
        if town in self.gaz.demonyms:
            return town
        demonym = _TOWN_DEMONYMS.get(town, town + "er")
        return demonym if demonym in self.gaz.demonyms else None

    def _looks_like_name(self, text: str, cand: str, pos: int) -> bool:
        """A capitalised word after a company description that is not an ordinary noun."""
        if re.search(r"[A-Z].*[A-Z]|\d|&", cand[1:]):
            return True
        tail = text[pos + len(cand) : pos + len(cand) + 3]
        return (
            bool(re.match(r"[,.;:)]|\s[a-zäöü]", tail))
            and self.pack.code == "de"
            and cand.lower() not in self.pack.descriptions
            and not cand.endswith(_NOUN_SUFFIXES)
        )

    # ------------------------------------------------------------------ resolving

    def mentions_in(
        self, text: str, s0: int, s1: int, sentence: str | None = None
    ) -> list[Mention]:
        """The mentions of the sentence text[s0:s1] (`sentence`, if the caller has it), in
        order, relative to s0; updates salience (descriptions are resolved against what came
        before)."""
        pack = self.pack
        self.decay()
        found: list[Mention] = []
        i = bisect.bisect_left(self._starts, s0)
        while i < len(self._cands) and self._cands[i].start < s1:
            c = self._cands[i]
            i += 1
            if c.kind == "description":
                company = self.resolve_description(c.kinds, c.country, city=c.city)
                if company:
                    found.append(
                        Mention(
                            c.start - s0,
                            c.end - s0,
                            company,
                            None,
                            "description",
                            text=text[c.start : c.end],
                        )
                    )
            else:
                assert c.company is not None
                found.append(
                    Mention(
                        c.start - s0,
                        c.end - s0,
                        c.company,
                        c.segment,
                        c.kind,
                        weak=c.weak,
                        text=text[c.start : c.end],
                    )
                )
        if sentence is None:
            sentence = text[s0:s1]
        event = pack.demonstrative_event.match(sentence) if self.last_event is not None else None
        if not found and event is None:
            return []
        if event and self.last_event is not None:
            found.insert(
                0,
                Mention(
                    0,
                    event.end(),
                    self.last_event.company,
                    self.last_event.segment,
                    "event",
                    text=event.group(),
                ),
            )
        out: list[Mention] = []
        prev: Mention | None = None
        for men in found:
            left = sentence[max(0, men.start - 60) : men.start]
            comparison = men.kind == "name" and bool(pack.comparison_context.search(left))
            if prev is not None and _LIST_GAP.match(sentence[prev.end : men.start]):
                comparison = prev.comparison or comparison
            if comparison and left.rstrip().endswith(",") and not (prev and prev.comparison):
                comparison = False
            if comparison:
                men = Mention(
                    men.start,
                    men.end,
                    men.company,
                    men.segment,
                    men.kind,
                    comparison,
                    men.weak,
                    men.text,
                )
            out.append(men)
            prev = men
        examples = (
            _EXAMPLES.search(sentence)
            if "," in sentence and any(map(sentence.__contains__, _EXAMPLE_NEEDLES))
            else None
        )
        for men in out:
            if not men.comparison and not (examples and men.start >= examples.end()):
                # (`..., darunter der Möbelhändler Home24 und Hellofood`: examples named at
                # the end of a sentence do not become what the article is about.)
                self.touch(men.company)
            if men.segment:
                seg = self.gaz.segment(men.company, men.segment)
                if (seg is not None and seg.date) or (
                    men.kind == "name" and self.last_event is None
                ):
                    self.last_event = men
        return out

    def mentions(self, sentence: str) -> list[Mention]:
        """The mentions of a standalone text (a title), scanned and resolved at once."""
        saved = self._cands, self._starts, self._named
        self.scan(sentence)
        out = self.mentions_in(sentence, 0, len(sentence))
        self._cands, self._starts, self._named = saved
        return out
