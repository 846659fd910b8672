"""The claim extractor: every quantitative claim about a company in a news article.

    from facts.extractor import extract
    claims = extract(article)      # pure: same article, same claims; no store needed

A rule-based grammar in the style of Duckling: language packs (facts/extractor/lang/) hold the
rules, data/ holds the gazetteer and the metric vocabulary, the engine applies them sentence by
sentence. See docs/extractor.md.
"""

from __future__ import annotations

from facts.extractor import gazetteer
from facts.extractor.detect import detect_language
from facts.extractor.engine import extract_with
from facts.extractor.lang import LangPack
from facts.extractor.lang.de import PACK as DE
from facts.extractor.lang.en import PACK as EN
from facts.model import Article, Claim

#: Bumped whenever the output for some article changes, so re-parses can be told apart.
EXTRACTOR_VERSION = "1.13.0"

PACKS: dict[str, LangPack] = {"de": DE, "en": EN}


def language_of(article: Article) -> str:
    """The pack to use: the article's language if we have one and the text agrees."""
    lang = (article.language or "").lower()[:2]
    if lang == "en":
        return lang
    detected = detect_language(article.text)
    if lang not in PACKS:
        return detected
    if lang == "de" and detected == "en":
        # `de` is the model's default; an English text labelled so was most likely not
        # labelled at all.
        return "en"
    return lang


def extract(article: Article) -> list[Claim]:
    """All claims in `article`, in text order."""
    gaz = gazetteer.default().as_of(article.published)
    return extract_with(article, PACKS[language_of(article)], gaz)


__all__ = ["EXTRACTOR_VERSION", "PACKS", "detect_language", "extract", "language_of"]
