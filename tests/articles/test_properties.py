"""Properties of the loader over arbitrary texts: what is written is what is read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from facts.articles import detect_language, load_file
from facts.model import Article, article_id_for, normalise_text

# Any character a UTF-8 file can hold except NUL (binary) and lone surrogates (unencodable).
texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\0"), min_size=1
)


def _load_one(path: Path) -> Article:
    [article] = load_file(path)
    assert isinstance(article, Article), article
    return article


@given(texts)
def test_plain_text_round_trips(text: str) -> None:
    """write -> load gives the normalised text and its id, for any text that is not blank."""
    body = text.removeprefix("\ufeff")  # at the start of a file, U+FEFF is read as a BOM
    assume(normalise_text(body))
    assume(not normalise_text(body).lstrip(" \t").startswith("date"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(text.encode("utf-8"))
        article = _load_one(path)
    assert article.text == normalise_text(body)
    assert article.id == article_id_for(body)


@given(texts, st.sampled_from(["2016-11", "2017-05-03"]))
def test_seed_layout_round_trips(text: str, date: str) -> None:
    """Behind a date line, any body comes back normalised and keeps its date."""
    assume(normalise_text(text))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(f" date {date} Titel\n\n{text}".encode())
        article = _load_one(path)
    assert article.text == normalise_text(text)
    assert article.published == date


@given(texts, st.booleans())
def test_json_lines_round_trip(text: str, ascii_only: bool) -> None:
    """A JSON line carries any text, newlines included, to the same article as a text file."""
    assume(normalise_text(text))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        line = json.dumps({"text": text}, ensure_ascii=ascii_only)
        path.write_text(line + "\n", encoding="utf-8")
        article = _load_one(path)
    assert article.text == normalise_text(text)
    assert article.id == article_id_for(text)


@given(st.text())
def test_language_is_always_de_or_en(text: str) -> None:
    """Detection never fails and never invents a language."""
    assert detect_language(text) in {"de", "en"}
