"""Files that cannot be articles: each gets an error naming it, and the batch goes on."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest

from facts.articles import iter_paths, load_articles, load_file
from facts.errors import ArticleError
from facts.model import Article


def single_error(path: Path) -> ArticleError:
    items = list(load_file(path))
    assert len(items) == 1
    assert isinstance(items[0], ArticleError), items
    return items[0]


def test_latin1_file_is_refused_with_line_and_offset(tmp_path: Path) -> None:
    """An undecodable byte is reported where it is; nothing is guessed."""
    path = tmp_path / "latin1.txt"
    path.write_bytes(" date 2016-11 T\n\nUmsatz gr\xf6\xdfer.\n".encode("latin-1"))
    error = single_error(path)
    assert error.line == 3
    offset = len(b" date 2016-11 T\n\nUmsatz gr")
    assert str(error) == (
        f"{path}:3: not UTF-8: byte 0xF6 at offset {offset} (column 10) cannot be decoded; "
        "convert the file to UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)"
    )


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    """A UTF-8 BOM does not hide the date line or become part of the text."""
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + b" date 2016-11 T\nText.")
    [article] = load_file(path)
    assert isinstance(article, Article)
    assert (article.published, article.text) == ("2016-11", "Text.")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, encoding: str) -> None:
    """Windows editors save UTF-16 with a BOM; that is unambiguous, so it is accepted."""
    path = tmp_path / "wide.txt"
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    path.write_bytes(bom + " date 2016-11 T\r\nGrüße.".encode(encoding))
    [article] = load_file(path)
    assert isinstance(article, Article)
    assert (article.published, article.text) == ("2016-11", "Grüße.")


def test_utf16_without_bom_is_binary_with_a_hint(tmp_path: Path) -> None:
    """NUL bytes mean binary; the message says what to do if it was UTF-16."""
    path = tmp_path / "wide.txt"
    path.write_bytes("Text.".encode("utf-16-le"))
    error = single_error(path)
    assert "binary file (NUL byte at offset 1)" in str(error)
    assert "byte-order mark" in str(error)


def test_binary_file(tmp_path: Path) -> None:
    """A PNG header is refused as binary."""
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary file" in str(single_error(path))


@pytest.mark.parametrize(
    ("content", "message"), [(b"", "empty file"), (b" \n\t\n", "only whitespace")]
)
def test_empty_files(tmp_path: Path, content: bytes, message: str) -> None:
    """Empty and whitespace-only files say so."""
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = single_error(path)
    assert str(error).startswith(f"{path}: ")
    assert message in str(error)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An OS error while reading becomes an ArticleError with the OS's reason."""
    path = tmp_path / "secret.txt"
    path.write_text("Text.", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert str(single_error(path)) == f"{path}: cannot read: Permission denied"


def test_missing_path_and_batch_goes_on(tmp_path: Path) -> None:
    """Errors come in order, in place of the files they are about, and the rest still loads."""
    good = tmp_path / "good.txt"
    good.write_text("Gut.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = list(load_articles([tmp_path / "missing.txt", empty, good]))
    assert [type(i).__name__ for i in items] == ["ArticleError", "ArticleError", "Article"]
    assert str(items[0]) == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_directories_expand_to_article_files_sorted(tmp_path: Path) -> None:
    """Only article suffixes, no hidden files, no recursion, sorted by name."""
    for name in ["b.txt", "a.md", "c.jsonl", "d.json", "e.csv", ".hidden.txt", "f.TXT"]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "g.txt").write_text("x", encoding="utf-8")
    found = [p.name for p in iter_paths([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.md", "b.txt", "c.jsonl", "d.json", "f.TXT"]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    """A directory with nothing to read is probably the wrong directory."""
    [error] = iter_paths([tmp_path])
    assert isinstance(error, ArticleError)
    assert "directory has no article files" in str(error)


def test_unreadable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory that cannot be listed is an error in its place, and the batch goes on."""
    good = tmp_path / "good.txt"
    good.write_text("Gut.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def refuse(self: Path) -> Iterator[Path]:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    items = list(load_articles([locked, good]))
    assert str(items[0]) == f"{locked}: cannot read directory: Permission denied"
    assert isinstance(items[1], Article)
