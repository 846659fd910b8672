"""Company mentions and reference resolution within one article.

A mention is a gazetteer alias, a description (`der chinesische Onlinehändler`), a person's
company (`das Unternehmen von Jeff Bezos`) or an unknown company introduced as such
(`der US-Versandhändler ShopRunner`, `Altair Engineering Inc.`). Descriptions resolve to the
most recently mentioned compatible company: same kind, same nationality if one is given.
Mentions in a comparison (`Tech-Größen wie Microsoft`, `than Amazon`) are kept apart: they are
counterparties, not subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from facts.extractor.gazetteer import Entry, Gazetteer
from facts.extractor.lang import LangPack


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    company: str
    segment: str | None
    kind: str  # name | description | person | event
    comparison: bool = False
    weak: bool = False  # a name used as a modifier (`die Amazon Statistik`)
    text: str = ""


_TOKEN = re.compile(r"[\w&$][\w&.'’+-]*")
_LIST_GAP = re.compile(r"^\s*(?:,|und|oder|sowie|and|or|&|bzw\.)\s*$")
_LEGAL = re.compile(
    r"(?P<name>[A-ZÄÖÜ][\w&-]+(?:\s+[A-ZÄÖÜ][\w&-]+){0,2})\s+(?:AG|SE|GmbH|KGaA|Inc\.?|Corp\.?|"
    r"Corporation|Ltd\.?|plc|PLC|N\.V\.|S\.A\.|LLC|Holdings?|Group)(?![\w])"
)
_STOP_NAMES = frozenset(
    [
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
    ]
)


@dataclass
class Tracker:
    """Salience of companies across an article, most recent first."""

    gaz: Gazetteer
    pack: LangPack
    recent: list[str] = field(default_factory=list)
    last_event: Mention | None = None
    local: dict[str, Entry] = field(default_factory=dict)

    def touch(self, company: str) -> None:
        if company in self.recent:
            self.recent.remove(company)
        self.recent.insert(0, company)

    def resolve_description(
        self, kinds: tuple[str, ...], country: str | None, exclude: str | None = None
    ) -> str | None:
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
        entry = self.gaz.aliases.get(text) or self.local.get(text)
        return entry

    def names(self, sentence: str) -> list[Mention]:
        out: list[Mention] = []
        tokens = list(_TOKEN.finditer(sentence))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            word = tok.group().rstrip(".,")
            found: tuple[int, int, Entry] | None = None
            span = self.gaz.first_tokens.get(word, 1)
            for n in range(min(span, len(tokens) - i), 1, -1):
                text = " ".join(t.group() for t in tokens[i : i + n]).rstrip(".,")
                entry = self._lookup(text)
                if entry is not None:
                    found = (
                        n,
                        tokens[i + n - 1].start() + len(tokens[i + n - 1].group().rstrip(".,")),
                        entry,
                    )
                    break
            if found is None:
                entry = self._lookup(word)
                end = tok.start() + len(word)
                if entry is None and "-" in word:
                    # `Alibaba-Börsengang`, `Singles-Day-Shoppingfestival`: the longest
                    # hyphenated beginning that is a name.
                    parts = word.split("-")
                    for k in range(len(parts) - 1, 0, -1):
                        entry = self._lookup("-".join(parts[:k]))
                        if entry is not None:
                            break
                if entry is not None:
                    found = (1, end, entry)
            if found is None:
                i += 1
                continue
            n, end, entry = found
            start = tok.start()
            after = sentence[end : end + 30]
            weak = bool(re.match(r" [A-ZÄÖÜ][a-zäöüß]+(?:[\s,.]|$)", after)) and not re.match(
                r" (?:AG|SE|Inc|Group|Gruppe|Cloud|Day|Konzern)\b", after
            )
            out.append(
                Mention(
                    start,
                    end,
                    entry.company,
                    entry.segment,
                    "name",
                    weak=weak,
                    text=sentence[start:end],
                )
            )
            i += n
        return out

    def mentions(self, sentence: str) -> list[Mention]:
        """All mentions in a sentence, in order, with comparison flags; updates salience."""
        pack = self.pack
        found = self.names(sentence)
        taken = [(m.start, m.end) for m in found]
        for m in _LEGAL.finditer(sentence):
            name = m.group("name")
            if name.split()[0] in _STOP_NAMES or any(s <= m.start() < e for s, e in taken):
                continue
            self.local.setdefault(name, Entry(name))
            found.append(Mention(m.start(), m.start() + len(name), name, None, "name", text=name))
            taken.append((m.start(), m.end()))
        for m in pack.person_ref.finditer(sentence):
            person = m.group("person") or m.group("person2")
            company = self.gaz.people.get(person) or self.gaz.people.get(person.split()[-1])
            if company:
                found.append(Mention(m.start(), m.end(), company, None, "person", text=m.group()))
                taken.append((m.start(), m.end()))
        for m in pack.description_re.finditer(sentence):
            if any(s <= m.start("noun") < e for s, e in taken):
                continue
            noun = m.group("noun").lower()
            kinds = pack.descriptions.get(noun)
            if kinds is None:
                for k in range(1, len(noun) - 3):
                    kinds = pack.descriptions.get(noun[k:].lstrip("-"))
                    if kinds is not None:
                        break
            if kinds is None:
                continue
            nxt = sentence[m.end() : m.end() + 40]
            # `der US-Versandhändler ShopRunner`: the name itself follows.
            follow = re.match(
                r"\s*(?:\(\s*[^)]*\)\s*)?([A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*)?)", nxt
            )
            if follow:
                if any(s <= m.end() + follow.start(1) < e for s, e in taken):
                    continue
                cand = follow.group(1).split()[0].rstrip(".,")
                if (
                    "*" not in kinds
                    and cand not in _STOP_NAMES
                    and self._looks_like_name(cand, sentence, m.end() + follow.start(1))
                ):
                    self.local.setdefault(cand, Entry(cand))
                    s0 = m.end() + follow.start(1)
                    found.append(Mention(s0, s0 + len(cand), cand, None, "name", text=cand))
                    taken.append((s0, s0 + len(cand)))
                    continue
            country = None
            for adj in m.group("adj").split():
                stem = re.sub(r"e[nmrs]?$", "", adj.lower())
                if stem in pack.nationalities:
                    country = pack.nationalities[stem]
            noun_full = m.group("noun")
            if "-" in noun_full:
                pre = noun_full.split("-")[0].lower()
                country = country or {"us": "US", "china": "CN"}.get(pre)
            company = self.resolve_description(kinds, country)
            if company:
                found.append(
                    Mention(m.start(), m.end(), company, None, "description", text=m.group())
                )
        event = pack.demonstrative_event.match(sentence)
        if event and self.last_event is not None:
            found.append(
                Mention(
                    0,
                    event.end(),
                    self.last_event.company,
                    self.last_event.segment,
                    "event",
                    text=event.group(),
                )
            )
        found.sort(key=lambda x: x.start)
        out: list[Mention] = []
        prev: Mention | None = None
        for men in found:
            left = sentence[max(0, men.start - 60) : men.start]
            comparison = bool(pack.comparison_context.search(left)) and men.kind == "name"
            if prev is not None and _LIST_GAP.match(sentence[prev.end : men.start]):
                comparison = prev.comparison or comparison
            if comparison and left.rstrip().endswith(",") and not (prev and prev.comparison):
                comparison = False
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
        for men in out:
            if not men.comparison:
                self.touch(men.company)
            if men.segment:
                seg = self.gaz.segment(men.company, men.segment)
                if (seg is not None and seg.date) or (
                    men.kind == "name" and self.last_event is None
                ):
                    self.last_event = men
        return out

    def _looks_like_name(self, cand: str, sentence: str, pos: int) -> bool:
        """A capitalised word after a company description that is not an ordinary noun."""
        if cand in self.gaz.aliases or cand in self.local:
            return True
        if re.search(r"[A-Z].*[A-Z]|\d|&", cand[1:] if len(cand) > 1 else ""):
            return True
        # German nouns after a description are usually the next clause's subject, not names;
        # accept only words not followed by a verb-like lowercase continuation of a noun phrase.
        tail = sentence[pos + len(cand) : pos + len(cand) + 3]
        return (
            bool(re.match(r"[,.;:)]|\s[a-zäöü]", tail))
            and self.pack.code == "de"
            and (cand.lower() not in self.pack.descriptions)
            and not cand.endswith(("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus"))
        )
