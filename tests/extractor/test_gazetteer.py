"""The gazetteer is data, and users extend it with their own files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facts.extractor import extract, gazetteer
from facts.model import Article

TEXT = "Die Firma Quantix Systems steigerte den Umsatz um 12 Prozent auf 40 Millionen Euro."


def _entities(text: str) -> set[str]:
    return {c.entity for c in extract(Article(text=text, published="2020-05", language="de"))}


def test_built_in_aliases_descriptions_and_segments() -> None:
    """Aliases map to canonical names; a segment maps to its parent company."""
    gaz = gazetteer.load(None)
    assert gaz.aliases["AWS"].company == "Amazon"
    assert gaz.aliases["AWS"].segment == "AWS"
    assert gaz.aliases["Deutschen Bank"].company == "Deutsche Bank"
    assert gaz.people["Jeff Bezos"] == "Amazon"


def test_extra_json_file_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$FACTS_GAZETTEER adds companies: their names become entities."""
    assert "Quantix" not in _entities(TEXT)
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps({"companies": [{"name": "Quantix", "aliases": ["Quantix Systems"]}]}),
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTS_GAZETTEER", str(extra))
    assert _entities(TEXT) == {"Quantix"}


def test_extra_tsv_file_with_a_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TSV row with a parent column is a segment of that company."""
    extra = tmp_path / "extra.tsv"
    extra.write_text(
        "Quantix\tQuantix Systems\tsoftware\tDE\t\nQuantix Cloud\tQX Cloud\t\t\tQuantix\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTS_GAZETTEER", str(extra))
    claims = extract(
        Article(text="QX Cloud steigerte den Umsatz um 30 Prozent.", published="2020-05")
    )
    assert [(c.entity, c.segment) for c in claims] == [("Quantix", "Quantix Cloud")]
