"""The gazetteer is data, and users extend it with their own files."""

from __future__ import annotations

import json
import os
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


@pytest.mark.parametrize(
    ("name", "content", "where", "message"),
    [
        ("broken.json", '{"companies": [\n  {"name": "Quantix",}\n]}', ":2", "not valid JSON"),
        ("nameless.json", '{"companies": [{"aliases": ["Q"]}]}', "", 'company 1 has no "name"'),
        ("latin1.tsv", "Quantix\tQ\n\nM\xfcller\tM\n", ":3", "not UTF-8"),
        ("empty-name.tsv", "Quantix\tQ\n\tnameless\n", ":2", "first column"),
        ("missing.json", None, "", "cannot read it"),
        (
            "bad-since.json",
            '[{"name": "Q", "segments": [{"name": "QX", "since": 2019}]}]',
            "",
            '"since" must be a month',
        ),
        ("no-until.json", '[{"name": "Q", "formerly": [{"name": "Old"}]}]', "", '"until" must'),
    ],
)
def test_broken_user_gazetteer_is_one_clear_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: str | None,
    where: str,
    message: str,
) -> None:
    """A bad $FACTS_GAZETTEER file names itself and the line, for the extractor and the CLI,
    instead of a traceback (or, in `facts ingest`, one confusing error per article)."""
    from click.testing import CliRunner

    from facts.cli import main
    from facts.errors import GazetteerError

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content.encode("latin-1"))
    monkeypatch.setenv("FACTS_GAZETTEER", str(path))
    with pytest.raises(GazetteerError) as caught:
        extract(Article(text=TEXT, published="2020-05"))
    assert f"{path}{where}: " in str(caught.value) and message in str(caught.value)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "facts.db")
    for args in (["extract", str(article)], ["ingest", "--db", db, str(article)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().splitlines() == [f"error: {caught.value}"]


def test_queries_know_the_user_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names from $FACTS_GAZETTEER (several files, JSON and TSV) resolve in queries too: what
    the extractor records under a name, `facts history` finds by any of its aliases."""
    from facts.projections.names import EntityName, resolve_entity

    first = tmp_path / "one.json"
    first.write_text(json.dumps([{"name": "Quantix", "aliases": ["Quantix Systems"]}]), "utf-8")
    second = tmp_path / "two.tsv"
    second.write_text("Quantix Cloud\tQX Cloud\t\t\tQuantix\n", encoding="utf-8")
    monkeypatch.setenv("FACTS_GAZETTEER", os.pathsep.join([str(first), str(second)]))
    assert resolve_entity("quantix systems", []) == EntityName("Quantix")
    assert resolve_entity("qx cloud", []) == EntityName("Quantix", "Quantix Cloud")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2016-06", [("LinkedIn", None), ("LinkedIn", None)]),  # before Microsoft bought it
        ("2019-06", [("Microsoft", "LinkedIn"), ("Microsoft", "LinkedIn")]),
        (None, [("Microsoft", "LinkedIn"), ("Microsoft", "LinkedIn")]),  # undated: as today
    ],
)
def test_segments_belong_to_their_parent_only_while_they_did(
    published: str | None, expected: list[tuple[str, str | None]]
) -> None:
    """A segment with `since` (or `until`) is a company of its own outside that window, so
    figures a 2016 article states about LinkedIn are LinkedIn's, not Microsoft's."""
    text = "LinkedIn said its revenue rose 35 percent to $861 million in the first quarter."
    claims = extract(Article(text=text, published=published, language="en"))
    assert [(c.entity, c.segment) for c in claims] == expected


def test_until_sets_a_segment_free_after_its_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`until` in a user's gazetteer: a unit listed separately since then is its own entity."""
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps([{"name": "Quantix", "segments": [{"name": "QX Labs", "until": "2020-01"}]}]),
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTS_GAZETTEER", str(extra))
    text = "QX Labs steigerte den Umsatz um 30 Prozent."
    before = extract(Article(text=text, published="2019-05"))
    after = extract(Article(text=text, published="2021-05"))
    assert [(c.entity, c.segment) for c in before] == [("Quantix", "QX Labs")]
    assert [(c.entity, c.segment) for c in after] == [("QX Labs", None)]


def test_a_company_keeps_the_name_it_had_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`formerly`: an article from before a renaming records the old name."""
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps(
            [
                {
                    "name": "Quantix",
                    "aliases": ["Zentrix"],
                    "formerly": [{"name": "Zentrix", "until": "2020-01"}],
                }
            ]
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTS_GAZETTEER", str(extra))
    text = "Zentrix steigerte den Umsatz um 30 Prozent."
    assert [c.entity for c in extract(Article(text=text, published="2019-05"))] == ["Zentrix"]
    assert [c.entity for c in extract(Article(text=text, published="2021-05"))] == ["Quantix"]
