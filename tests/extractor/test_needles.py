"""Needles of gated patterns: every match contains one, so skipping a scan never loses one."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from facts.articles import Document, load_documents
from facts.extractor import PACKS, engine
from facts.extractor.needles import Gated, fold, required
from facts.extractor.sentences import split_sentences
from facts.extractor.vocabulary import LEXICONS

DATA = Path(__file__).resolve().parents[1] / "data"


def test_required_substrings() -> None:
    assert required(re.compile(r"(?i)\b(?:ohne|bereinigt\s+um)\s+\w")) == {"ohne", "bereinigt"}
    assert required(re.compile(r"[Dd]ie\s+Aktie")) == {"aktie"}
    assert required(re.compile(r"(?:Umsatz)?\d+")) is None  # a match may be digits alone
    assert required(re.compile(r"a|\d")) is None


def test_fold_refuses_letters_the_regex_equates_but_lower_does_not() -> None:
    assert fold("Der UMSATZ") == "der umsatz"
    assert fold("ſoll") is None
    assert fold("İstanbul") is None


def _gated() -> dict[str, Gated]:
    found = {name: value for name, value in vars(engine).items() if isinstance(value, Gated)}
    for code, pack in PACKS.items():
        gates = engine.gates_for(pack)
        for f in dataclasses.fields(gates):
            value = getattr(gates, f.name)
            if isinstance(value, Gated):
                found[f"{code}.{f.name}"] = value
        phrases = LEXICONS[code].phrase_re
        if phrases is not None:
            found[f"{code}.phrases"] = phrases
    return found


def test_no_match_is_lost_on_the_corpora() -> None:
    """Whole sentences, and the windows before each position as the engine reads them (the
    needles tested in the slice of the sentence's fold)."""
    docs = load_documents([DATA / "dev", DATA / "holdout1", DATA / "holdout2"])
    texts = [
        s.text for d in docs if isinstance(d, Document) for s in split_sentences(d.article.text)
    ]
    texts += [t.upper() for t in texts[::7]] + [t.swapcase() for t in texts[3::7]]
    gated = _gated()
    assert len(gated) > 20
    for text in texts:
        folded = fold(text)
        for name, g in gated.items():
            if g.pattern.search(text):
                assert g.possible(folded), (name, text)
        for end in range(0, len(text), 5):
            start = max(0, end - 40)
            window = None if folded is None else folded[start:end]
            for name, g in gated.items():
                if g.pattern.search(text[start:end]) or g.pattern.search(text, start, end):
                    assert g.possible(window), (name, text[start:end])
