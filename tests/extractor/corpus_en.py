"""English corpus: texts, the article date and the claims a careful reader labels in them."""

from __future__ import annotations

from tests.extractor.corpus import C, Case, N

CASES: list[Case] = []
NEGATIVE: list[Case] = []
