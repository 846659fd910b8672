"""JSON Lines and JSON articles: one bad line costs that line only, and says which it is."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from facts.articles import load_documents, load_file
from facts.errors import ArticleError
from facts.model import Article, article_id_for


def write_lines(tmp_path: Path, lines: list[str], name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return path


def test_json_lines_keys(tmp_path: Path) -> None:
    """text, date, title, url and language are read; the text is normalised."""
    line = json.dumps(
        {
            "text": "Umsatz stieg.\r\n",
            "date": "2017-05",
            "title": " Ein  Titel ",
            "url": "https://example.com/a",
            "language": "de",
            "extra": 1,
        }
    )
    [article] = load_file(write_lines(tmp_path, [line]))
    assert isinstance(article, Article)
    assert article.text == "Umsatz stieg."
    assert article.published == "2017-05"
    assert article.title == "Ein Titel"
    assert article.source == "https://example.com/a"
    assert article.language == "de"


def test_bad_lines_name_file_and_line_and_others_still_load(tmp_path: Path) -> None:
    """Invalid JSON, missing text, bad date, wrong types: each an error with its line number."""
    path = write_lines(
        tmp_path,
        [
            json.dumps({"text": "Eins."}),
            "{not json",
            json.dumps({"title": "no text"}),
            "",
            json.dumps({"text": "Fünf.", "date": "2016-13"}),
            json.dumps(["a list"]),
            json.dumps({"text": 7}),
            json.dumps({"text": "Acht.", "published": "2016-11-05T10:00:00Z"}),
            json.dumps({"text": "  "}),
            json.dumps({"text": "Zehn.", "date": "2016-11", "published": "2016-12"}),
        ],
    )
    items = list(load_file(path))
    found = [(i.line, str(i)) if isinstance(i, ArticleError) else i.text for i in items]
    assert found == [
        "Eins.",
        (2, f"{path}:2: invalid JSON: Expecting property name enclosed in double quotes"),
        (3, f"{path}:3: missing 'text'"),
        (5, f"{path}:5: date '2016-13' is not a calendar date (month must be in 1..12)"),
        (6, f"{path}:6: expected a JSON object with a 'text' key, got list"),
        (7, f"{path}:7: 'text' must be a string, got int"),
        "Acht.",
        (9, f"{path}:9: 'text' is empty"),
        (10, f"{path}:10: 'date' and 'published' disagree"),
    ]
    assert isinstance(items[6], Article) and items[6].published == "2016-11-05"


def test_mis_encoded_line_costs_only_that_line(tmp_path: Path) -> None:
    """A Latin-1 line is an error at its line; its neighbours load."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8
        + b'{"text": "Eins."}\n'
        + '{"text": "Gr\xfc\xdfe"}\n'.encode("latin-1")
        + b'{"text": "Drei."}\n'
    )
    items = list(load_file(path))
    assert [i.text for i in items if isinstance(i, Article)] == ["Eins.", "Drei."]
    [error] = [i for i in items if isinstance(i, ArticleError)]
    assert error.line == 2
    offset = len(codecs.BOM_UTF8 + b'{"text": "Eins."}\n{"text": "Gr')
    assert f"not UTF-8: byte 0xFC at offset {offset} (column 13)" in str(error)


def test_utf16_json_lines(tmp_path: Path) -> None:
    """UTF-16 with a BOM is read; line numbers still count lines."""
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "Eins."}\r\n\r\n{"text": 1}\r\n'.encode("utf-16"))
    items = list(load_file(path))
    assert isinstance(items[0], Article) and items[0].text == "Eins."
    assert isinstance(items[1], ArticleError) and items[1].line == 3


def test_date_default_and_undated_lines(tmp_path: Path) -> None:
    """The caller's date fills in where a line has none; null means undated."""
    path = write_lines(
        tmp_path,
        [json.dumps({"text": "A.", "date": None}), json.dumps({"text": "B.", "date": "2016-11"})],
    )
    dated = [a.published for a in load_file(path, date="2017-05") if isinstance(a, Article)]
    undated = [a.published for a in load_file(path) if isinstance(a, Article)]
    assert dated == ["2017-05", "2016-11"]
    assert undated == [None, "2016-11"]


def test_id_must_be_the_text_hash(tmp_path: Path) -> None:
    """An exported article re-imports (its id checks out); a foreign id is refused with advice."""
    text = "Umsatz stieg."
    path = write_lines(
        tmp_path,
        [
            json.dumps({"text": text, "id": article_id_for(text)}),
            json.dumps({"text": text, "id": "doc-1"}),
        ],
    )
    good, bad = load_file(path)
    assert isinstance(good, Article) and good.id == article_id_for(text)
    assert isinstance(bad, ArticleError) and "name your own documents with 'doc'" in str(bad)


def test_same_text_same_id_across_formats(tmp_path: Path) -> None:
    """A text file and a JSON line with the same body are the same article."""
    (tmp_path / "a.txt").write_text(" date 2016-11 T\n\nGrüße.\n", encoding="utf-8")
    write_lines(tmp_path, [json.dumps({"text": "Grüße.", "date": "2016-11"})])
    ids = {d.article.id for d in load_documents([tmp_path]) if not isinstance(d, ArticleError)}
    assert ids == {article_id_for("Grüße.")}


def test_document_names(tmp_path: Path) -> None:
    """`file:line` by default, or the line's own `doc`."""
    write_lines(tmp_path, [json.dumps({"text": "A."}), json.dumps({"text": "B.", "doc": "b.txt"})])
    names = [d.name for d in load_documents([tmp_path]) if not isinstance(d, ArticleError)]
    assert names == ["batch.jsonl:1", "b.txt"]


def test_json_object_array_and_lines(tmp_path: Path) -> None:
    """`.json` holds one object, an array of them, or (misnamed) JSON Lines."""
    (tmp_path / "one.json").write_text(json.dumps({"text": "Eins."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(
        json.dumps([{"text": "Zwei."}, {"nope": 1}, {"text": "Drei."}]), encoding="utf-8"
    )
    (tmp_path / "lines.json").write_text('{"text": "Vier."}\n{"text": "Fünf."}\n', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": "x",\n  oops}', encoding="utf-8")
    items = list(load_documents([tmp_path]))
    rendered = [str(i) if isinstance(i, ArticleError) else (i.name, i.article.text) for i in items]
    assert rendered == [
        f"{tmp_path / 'broken.json'}:2: invalid JSON: Expecting property name enclosed in double "
        "quotes (column 3)",
        ("lines.json:1", "Vier."),
        ("lines.json:2", "Fünf."),
        ("many.json:1", "Zwei."),
        f"{tmp_path / 'many.json'}: item 2: missing 'text'",
        ("many.json:3", "Drei."),
        ("one.json", "Eins."),
    ]


def test_binary_json_lines_file_is_one_error(tmp_path: Path) -> None:
    """A gzipped batch is one error for the file, not one per byte run between newlines."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\x1f\x8b\x08\x00\n\x00\x00\n\n\x03\x00\n")
    [error] = load_file(path)
    assert isinstance(error, ArticleError)
    assert str(error) == f"{path}: binary file (NUL byte at offset 3); expected JSON Lines text"
