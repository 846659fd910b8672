"""The article's capitalised and camel-case tokens, found in two passes, are exactly those of
the one alternation they stand for."""

from __future__ import annotations

import random
import re
from pathlib import Path

from facts.articles import Document, load_documents
from facts.extractor.entities import _cap_tokens

DATA = Path(__file__).resolve().parents[1] / "data"
ONE_PASS = re.compile(r"(?<![\w&$.-])[A-ZÄÖÜ0-9$][\w&.'’+-]*|(?<![\w-])[a-z][A-Z][\w-]*")


def _same(text: str) -> None:
    expected = [(m.start(), m.group()) for m in ONE_PASS.finditer(text)]
    assert [(m.start(), m.group()) for m in _cap_tokens(text)] == expected, text


def test_camel_case_inside_and_between_words() -> None:
    for text in ("AT&eBay und eBay", "O'eBay iPhone-Kette x-eBay", "A+iB 'eB $5 3M a.B", "eBay"):
        _same(text)


def test_random_and_real_texts() -> None:
    rng = random.Random(5)
    alphabet = "aAbBeE Z$3.&'’+-x iPhone eBay ä Ö\n"
    for _ in range(3000):
        _same("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))))
    for doc in load_documents([DATA / "dev", DATA / "holdout1"]):
        if isinstance(doc, Document):
            _same(doc.article.text)
