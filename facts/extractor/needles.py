"""Required substrings of a regex, so that scans which cannot match are skipped.

A regex engine tries a rule at every position of a sentence, and the engine's case-insensitive
word alternations (`_PRICE_CTX`, the packs' rise and fall words, number words...) cost about
as much per sentence as the rest of its reading, while most sentences contain none of their
words. `Gated` wraps such a pattern with the substrings one of which every match must contain
(derived once from the parsed pattern, lower-cased) and runs the regex only on a sentence whose
lower-cased text contains one of them. Same matches, far fewer scans.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# The standard library's regex parser (re._parser; sre_parse is its deprecated alias).
_sre: Any = importlib.import_module("re._parser")
_LITERAL, _IN, _BRANCH, _SUBPATTERN, _ATOMIC = (
    _sre.LITERAL,
    _sre.IN,
    _sre.BRANCH,
    _sre.SUBPATTERN,
    _sre.ATOMIC_GROUP,
)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)

# Characters a case-insensitive regex equates with a needle's letters although str.lower()
# does not (`ı` ~ i, `ſ` ~ s, ...), and `İ`, which lower() turns into two characters: a text
# holding one is scanned by the regex itself.
_UNSAFE = re.compile("[\u0130\u0131\u017f\u1e9b\ufb05\ufb06]")
# Needles are kept only when made of these characters (none has such a case variant but the
# listed ones).
_SAFE_NEEDLE = re.compile(r"[a-z0-9äöüßéèêàâáóôúûç .,:;'’%$€£¥&/()\-+–—]+")

Needles = frozenset[str] | None


def fold(text: str) -> str | None:
    """`text` lower-cased for needle tests, or None when a needle test could miss a match."""
    return None if _UNSAFE.search(text) else text.lower()


def _best(candidates: list[frozenset[str]]) -> Needles:
    # Fewest needles first (each is one `in` test), then the longest shortest needle; a
    # single letter (the regex parser factors common prefixes out: `s(?:hares?|tock)`) is in
    # nearly every text and is chosen only when nothing else is required.
    if not candidates:
        return None
    for shortest in (3, 2):
        useful = [c for c in candidates if min(len(n) for n in c) >= shortest]
        if useful:
            return min(useful, key=lambda c: (len(c), -min(len(n) for n in c)))
    return min(candidates, key=lambda c: (len(c), -min(len(n) for n in c)))


def _required(items: Any) -> Needles:
    """Substrings one of which every match of the parsed sequence `items` contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        char: str | None = None
        if op is _LITERAL:
            char = chr(av).lower()
        elif op is _IN and all(o is _LITERAL for o, _ in av):
            # `[Dd]`: one letter in either case.
            lowered = {chr(v).lower() for _, v in av}
            if len(lowered) == 1:
                char = lowered.pop()
        if char is not None and len(char) == 1:
            run.append(char)
            continue
        close()
        inner: Needles = None
        if op is _SUBPATTERN:
            inner = _required(av[3])
        elif op is _ATOMIC:
            inner = _required(av)
        elif op is _BRANCH:
            alternatives = [_required(alt) for alt in av[1]]
            if all(a is not None for a in alternatives):
                inner = frozenset().union(*(a for a in alternatives if a is not None))
        elif op in _REPEATS and av[0] >= 1:
            inner = _required(av[2])
        if inner is not None:
            candidates.append(inner)
    close()
    return _best(candidates)


def required(pattern: re.Pattern[str]) -> Needles:
    """The lower-cased substrings one of which every match of `pattern` contains, or None
    when some match needs none (or one would not be a plain lower-case text)."""
    found = _required(_sre.parse(pattern.pattern, pattern.flags))
    if found is None or not all(n.strip() and _SAFE_NEEDLE.fullmatch(n) for n in found):
        return None
    if any(len(n) == 1 and n.isalpha() for n in found):
        return None  # a single letter is in every text: testing it costs more than it spares
    return found


class Gated:
    """A pattern searched in whole sentences, tried only where one of its needles occurs."""

    __slots__ = ("needles", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = required(pattern)

    def possible(self, folded: str | None) -> bool:
        """Whether the sentence (as `fold` gave it) may hold a match."""
        if folded is None or self.needles is None:
            return True
        return any(map(folded.__contains__, self.needles))

    def search(
        self, s: str, folded: str | None, pos: int = 0, endpos: int | None = None
    ) -> re.Match[str] | None:
        """`pattern.search(s, pos, endpos)`; `folded` is the fold of s[pos:endpos]."""
        if not self.possible(folded):
            return None
        return self.pattern.search(s, pos, len(s) if endpos is None else endpos)

    def finditer(self, s: str, folded: str | None) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(s) if self.possible(folded) else iter(())
