"""Reading article files into `Article` values, one bad file or line never stopping a batch.

Formats (docs/articles.md has examples and every error message):

- Text (`.txt`, `.md` and any other suffix): the seed layout, whose first line is
  ` date YYYY-MM Title` (leading space optional, `YYYY-MM-DD` accepted), followed by the body.
  Without a date line the whole file is the body and the article is undated unless a date is
  passed in.
- JSON Lines (`.jsonl`, `.ndjson`): one article object a line.
- JSON (`.json`): one article object, or an array of them; a file of several objects one a line
  is read as JSON Lines.

`Article.text` is the body in normalised form (`facts.model.normalise_text`: NFC, `\\n` line
ends, trailing spaces and leading/trailing blank lines removed). Claim spans index into exactly
that string, and the article id is computed from it, so the same body always gets the same id and
the same spans, whatever editor saved the file and whichever format carried it.

Problems are yielded as `ArticleError` values instead of raised, so that a caller can report
them and carry on with the rest of the batch. A missing date is not a problem: the article is
yielded with `published=None` and the caller decides how to report it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from facts.errors import ArticleError, UsageError
from facts.model import Article, article_id_for, normalise_text, text_hash

__all__ = [
    "ARTICLE_SUFFIXES",
    "Document",
    "detect_language",
    "iter_paths",
    "load_articles",
    "load_documents",
    "load_file",
    "parse_date",
]

# What a directory expands to. A file named explicitly is read whatever its suffix.
ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".jsonl", ".json")
_JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# A first line that announces a date: `date` and a token starting with a digit. Whether the token
# is a valid date is checked afterwards, so that ` date 2016-13 ...` is an error rather than a
# sentence that happens to start the text.
_DATE_LINE = re.compile(r"^[ \t]?date[ \t]+(?P<date>\d[^\s]*)(?:[ \t]+(?P<title>.*))?$")
_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?$")
# JSON sources often carry a timestamp; its date part is what an article's date means.
_TIMESTAMP = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


# Function words that are frequent in one language and rare or absent in the other. Words that
# are common in both ("in", "an", "so", "die", "was", "will") are left out on purpose.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_WORDS: Mapping[str, frozenset[str]] = {
    "de": _words(
        """
        der das und ist nicht mit von den dem des ein eine einer einen eines sich auch auf für
        im zu zum zur bei wie als oder aber noch nach über sind wird werden wurde hat haben
        hatte nur schon sein seine ihre dass durch vom bis um mehr sie er wir
        """
    ),
    "en": _words(
        """
        the and of to is that for with on as by at from are it its this be has have had which
        were been their they he she we not or but more than after about into over would could
        said says
        """
    ),
}
_LANGUAGE_OF: Mapping[str, str] = {
    word: language for language, words in _STOP_WORDS.items() for word in words
}
# Detection needs a sample (some 400 words), not the whole of a long text.
_LANGUAGE_SAMPLE = 3_000

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@attrs.frozen
class Document:
    """An article together with the name gold files and reports use for it.

    The name is the file name for a text file and `file:line` for a line of a JSON Lines file
    (`file:n` for the n-th object of a JSON array), unless the line names itself with `doc`.
    """

    name: str
    article: Article


def parse_date(value: str, *, timestamps: bool = True) -> str:
    """Check a publication date and return it as `YYYY-MM` or `YYYY-MM-DD`.

    A timestamp (`2017-05-03T10:00:00Z`) is cut to its date unless `timestamps` is false.
    Raises ValueError with a message that can be shown as is.
    """
    text = value.strip()
    stamp = _TIMESTAMP.match(text) if timestamps else None
    if stamp:
        text = stamp.group("date")
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"date {value!r} is not YYYY-MM or YYYY-MM-DD")
    year, month = int(match.group("y")), int(match.group("m"))
    day = match.group("d")
    try:
        dt.date(year, month, int(day) if day else 1)
    except ValueError as exc:
        raise ValueError(f"date {value!r} is not a calendar date ({exc})") from None
    return text


def detect_language(text: str) -> str:
    """`de` or `en`, by counting function words; German when there is nothing to go on.

    Cheap on purpose: it only has to pick the extractor's language pack, and the two languages
    it tells apart share few function words, so the start of a text is enough.
    """
    # Splitting at spaces misses words next to punctuation, which function words rarely are.
    counts = Counter(map(_LANGUAGE_OF.get, text[:_LANGUAGE_SAMPLE].lower().split()))
    return "en" if counts["en"] > counts["de"] else "de"


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    """The article files the arguments name, in order; directories expand to their files.

    A directory yields its `*.txt`, `*.md`, `*.jsonl` and `*.json` files (not recursively,
    hidden files skipped), sorted by name. A missing path, or a directory without article
    files, yields an ArticleError in its place.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix.lower() in ARTICLE_SUFFIXES
                    and not child.name.startswith(".")
                    and child.is_file()
                )
            except OSError as exc:
                yield ArticleError(str(path), f"cannot read directory: {exc.strerror or exc}")
                continue
            if not found:
                suffixes = ", ".join(f"*{s}" for s in ARTICLE_SUFFIXES)
                yield ArticleError(str(path), f"directory has no article files ({suffixes})")
            yield from found
        elif path.exists():
            yield path
        else:
            yield ArticleError(str(path), "no such file or directory")


def load_articles(
    paths: Sequence[str | Path], *, date: str | None = None, language: str | None = None
) -> Iterator[Article | ArticleError]:
    """Every article in the given files and directories, errors in line with them.

    `date` is the publication date of articles that carry none of their own (a text without a
    date line, a JSON object without `date`); it never overrides a date the article states.
    `language` likewise applies where the article does not say; otherwise it is detected.
    Raises UsageError at once for a malformed `date` or `language`.
    """
    documents = load_documents(paths, date=date, language=language)
    return (item if isinstance(item, ArticleError) else item.article for item in documents)


def load_documents(
    paths: Sequence[str | Path], *, date: str | None = None, language: str | None = None
) -> Iterator[Document | ArticleError]:
    """Like `load_articles`, with each article's document name (what gold files refer to)."""
    date, language = _check_options(date, language)
    return _load_documents(paths, date, language)


def load_file(
    path: str | Path, *, date: str | None = None, language: str | None = None
) -> Iterator[Article | ArticleError]:
    """The articles in one file (one for a text file, one per line for JSON Lines)."""
    date, language = _check_options(date, language)
    documents = _load_file(Path(path), date, language)
    return (item if isinstance(item, ArticleError) else item.article for item in documents)


def _check_options(date: str | None, language: str | None) -> tuple[str | None, str | None]:
    try:
        checked_date = None if date is None else parse_date(date)
        checked_language = None if language is None else _check_language(language)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return checked_date, checked_language


def _check_language(value: str) -> str:
    code = value.strip().lower()
    if not _LANGUAGE.match(code):
        raise ValueError(f"language {value!r} is not an ISO 639 code such as 'de' or 'en'")
    return code


def _load_documents(
    paths: Sequence[str | Path], date: str | None, language: str | None
) -> Iterator[Document | ArticleError]:
    for path in iter_paths(paths):
        if isinstance(path, ArticleError):
            yield path
        else:
            yield from _load_file(path, date, language)


def _load_file(
    path: Path, date: str | None, language: str | None
) -> Iterator[Document | ArticleError]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not data or data.isspace():
        yield ArticleError(str(path), "empty file" if not data else "empty file (only whitespace)")
        return
    suffix = path.suffix.lower()
    if suffix in _JSON_LINES_SUFFIXES:
        yield from _load_json_lines(path, data, date, language)
    elif suffix == ".json":
        yield from _load_json(path, data, date, language)
    else:
        try:
            yield _load_text(path, data, date, language)
        except ArticleError as exc:
            yield exc


# --- text files -----------------------------------------------------------------------------


def _decode(path: Path, data: bytes, *, line: int = 1, offset: int = 0) -> str:
    """UTF-8 (a BOM is dropped), or UTF-16/32 with a BOM; anything else is refused.

    Guessing a legacy encoding would silently corrupt umlauts in figures' sentences, so an
    undecodable byte is an error that says where it is. `line` and `offset` are where `data`
    starts in the file, for a caller that decodes a file piece by piece.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        offset += len(codecs.BOM_UTF8)
    else:
        for bom, encoding in _WIDE_BOMS:
            if data.startswith(bom):
                try:
                    return data[len(bom) :].decode(encoding)
                except UnicodeDecodeError as exc:
                    raise ArticleError(
                        str(path),
                        f"not valid {encoding.upper()} although it starts with its byte-order "
                        f"mark: {exc.reason} at offset {offset + len(bom) + exc.start}",
                    ) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise ArticleError(
            str(path),
            f"binary file (NUL byte at offset {offset + nul}); if it is UTF-16 text, save it "
            "with a byte-order mark or as UTF-8",
            line=line + data.count(b"\n", 0, nul),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise ArticleError(
            str(path),
            f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {offset + exc.start} "
            f"(column {exc.start - line_start + 1}) cannot be decoded; convert the file to "
            "UTF-8 (for example `iconv -f LATIN1 -t UTF-8`)",
            line=line + data.count(b"\n", 0, exc.start),
        ) from None


def _load_text(path: Path, data: bytes, date: str | None, language: str | None) -> Document:
    text = normalise_text(_decode(path, data))
    if "\0" in text:
        raise ArticleError(str(path), "binary file (contains NUL characters)")
    first, _, rest = text.partition("\n")
    title: str | None = None
    match = _DATE_LINE.match(first)
    if match:
        try:
            date = parse_date(match.group("date"), timestamps=False)
        except ValueError as exc:
            raise ArticleError(
                str(path), f"malformed date line {first.strip()!r}: {exc}", line=1
            ) from None
        title = " ".join((match.group("title") or "").split()) or None
        text = normalise_text(rest)
        if not text:
            raise ArticleError(str(path), "no article text after the date line")
    elif not text:
        raise ArticleError(str(path), "empty file (only whitespace)")
    article = Article(
        text=text,
        published=date,
        title=title,
        source=str(path),
        language=language or detect_language(f"{title or ''}\n{text}"),
    )
    return Document(name=path.name, article=article)


# --- JSON and JSON Lines --------------------------------------------------------------------


def _load_json_lines(
    path: Path, data: bytes, date: str | None, language: str | None
) -> Iterator[Document | ArticleError]:
    for number, line in _json_lines(path, data):
        if isinstance(line, ArticleError):
            yield line
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleError(str(path), f"invalid JSON: {exc.msg}", line=number)
            continue
        try:
            yield _from_object(obj, path, f"{path.name}:{number}", date, language, line=number)
        except ArticleError as exc:
            yield exc


def _json_lines(path: Path, data: bytes) -> Iterator[tuple[int, str | ArticleError]]:
    """The non-blank lines with their numbers, each decoded on its own.

    One mis-encoded line then costs only that line. A UTF-16/32 file (it has a BOM) is decoded
    whole, since its line breaks are not single bytes.
    """
    if any(data.startswith(bom) for bom, _ in _WIDE_BOMS):
        try:
            text = _decode(path, data)
        except ArticleError as exc:
            yield 1, exc
            return
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield number, line
        return
    nul = data.find(b"\0")
    if nul >= 0:
        # A compressed or binary file: one error for the file, not one per "line" of it.
        yield (
            1 + data.count(b"\n", 0, nul),
            ArticleError(
                str(path), f"binary file (NUL byte at offset {nul}); expected JSON Lines text"
            ),
        )
        return
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            try:
                yield number, _decode(path, raw, line=number, offset=offset)
            except ArticleError as exc:
                yield number, exc
        offset += len(raw) + 1


def _load_json(
    path: Path, data: bytes, date: str | None, language: str | None
) -> Iterator[Document | ArticleError]:
    try:
        text = _decode(path, data)
    except ArticleError as exc:
        yield exc
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            yield from _load_json_lines(path, data, date, language)
        else:
            yield ArticleError(
                str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
            )
        return
    if isinstance(obj, list):
        for number, item in enumerate(obj, start=1):
            try:
                yield _from_object(item, path, f"{path.name}:{number}", date, language, item=number)
            except ArticleError as exc:
                yield exc
    else:
        try:
            yield _from_object(obj, path, path.name, date, language)
        except ArticleError as exc:
            yield exc


def _from_object(
    obj: object,
    path: Path,
    name: str,
    date: str | None,
    language: str | None,
    *,
    line: int | None = None,
    item: int | None = None,
) -> Document:
    """One article object; every problem raised as an ArticleError that says where."""
    prefix = f"item {item}: " if item is not None else ""

    def fail(message: str) -> ArticleError:
        return ArticleError(str(path), prefix + message, line=line)

    if not isinstance(obj, dict):
        raise fail(f"expected a JSON object with a 'text' key, got {type(obj).__name__}")

    def string(*keys: str) -> str | None:
        given = [(key, obj[key]) for key in keys if obj.get(key) is not None]
        for key, value in given:
            if not isinstance(value, str):
                raise fail(f"{key!r} must be a string, got {type(value).__name__}")
        values = {value.strip() for _, value in given if value.strip()}
        if len(values) > 1:
            raise fail(f"{' and '.join(repr(k) for k, _ in given)} disagree")
        return values.pop() if values else None

    raw_text = obj.get("text")
    if raw_text is None:
        raise fail("missing 'text'")
    if not isinstance(raw_text, str):
        raise fail(f"'text' must be a string, got {type(raw_text).__name__}")
    text = normalise_text(raw_text)
    if not text:
        raise fail("'text' is empty")
    if "\0" in text:
        raise fail("'text' contains NUL characters")

    stated_date = string("date", "published")
    if stated_date is not None:
        try:
            date = parse_date(stated_date)
        except ValueError as exc:
            raise fail(str(exc)) from None

    stated_language = string("language", "lang")
    if stated_language is not None:
        try:
            language = _check_language(stated_language)
        except ValueError as exc:
            raise fail(str(exc)) from None

    title = string("title")
    stated_id = string("id")
    if stated_id is not None and stated_id not in (article_id_for(text), text_hash(text)):
        raise fail(
            f"'id' {stated_id!r} is not this text's id {article_id_for(text)!r}; an article's "
            "id is the hash of its text (name your own documents with 'doc')"
        )
    article = Article(
        text=text,
        published=date,
        title=" ".join(title.split()) if title else None,
        source=string("url", "source") or (f"{path}:{line}" if line is not None else str(path)),
        language=language or detect_language(f"{title or ''}\n{text}"),
    )
    return Document(name=string("doc") or name, article=article)
