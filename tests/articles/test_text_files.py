"""Text files: the seed layout, undated texts, dates from the caller, and what the text is."""

from __future__ import annotations

from pathlib import Path

import pytest

from facts.articles import load_articles, load_documents, load_file
from facts.errors import ArticleError, UsageError
from facts.model import Article, normalise_text

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def only_article(path: Path, **options: str) -> Article:
    items = list(load_file(path, **options))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, Article), item
    return item


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_seed_layout_date_title_and_body(tmp_path: Path) -> None:
    """` date YYYY-MM Title` gives the date and title; the text is the body after it."""
    path = write(tmp_path, "a.txt", " date 2016-11 Alibaba greift an\n\nEs lässt sich.\nZweite.\n")
    article = only_article(path)
    assert article.published == "2016-11"
    assert article.title == "Alibaba greift an"
    assert article.text == "Es lässt sich.\nZweite."
    assert article.source == str(path)
    assert article.language == "de"


@pytest.mark.parametrize(
    ("line", "published", "title"),
    [
        ("date 2017-05 Ohne Leerzeichen", "2017-05", "Ohne Leerzeichen"),
        (" date 2017-05-03 Mit Tag", "2017-05-03", "Mit Tag"),
        (" date 2017-05", "2017-05", None),
        (" date 2017-05   Viel   Platz  ", "2017-05", "Viel Platz"),
        ("\tdate 2017-05 Tab", "2017-05", "Tab"),
    ],
)
def test_date_line_variants(tmp_path: Path, line: str, published: str, title: str | None) -> None:
    """The leading space is optional, a full date is accepted, the title may be absent."""
    article = only_article(write(tmp_path, "a.txt", f"{line}\nText hier.\n"))
    assert (article.published, article.title, article.text) == (published, title, "Text hier.")


def test_spans_index_the_normalised_body(tmp_path: Path) -> None:
    """Leading blank lines, CRLF and trailing spaces are gone, so offsets are stable."""
    raw = " date 2016-11 T\r\n\r\n   \r\n  Umsatz von 5 Mio. Euro.  \r\nEnde.\r\n\r\n"
    article = only_article(write(tmp_path, "a.txt", raw))
    assert article.text == "  Umsatz von 5 Mio. Euro.\nEnde."
    start = article.text.index("5 Mio. Euro")
    assert article.text[start : start + 11] == "5 Mio. Euro"


def test_without_date_line_the_whole_file_is_the_text(tmp_path: Path) -> None:
    """No date line: undated, no title, and the first line belongs to the text."""
    article = only_article(write(tmp_path, "a.txt", "Erste Zeile.\n\nZweiter Absatz.\n"))
    assert article.published is None
    assert article.title is None
    assert article.text == "Erste Zeile.\n\nZweiter Absatz."


def test_date_from_caller_dates_an_undated_text(tmp_path: Path) -> None:
    """`--date` supplies the date of a plain text."""
    assert only_article(write(tmp_path, "a.txt", "Text."), date="2017-05").published == "2017-05"


def test_date_from_caller_never_overrides_the_date_line(tmp_path: Path) -> None:
    """A date the article states wins over the batch default."""
    path = write(tmp_path, "a.txt", " date 2016-11 T\nText.")
    assert only_article(path, date="2017-05").published == "2016-11"


def test_prose_starting_with_date_is_not_a_date_line(tmp_path: Path) -> None:
    """Only `date` followed by something numeric is a date line."""
    article = only_article(write(tmp_path, "a.txt", "date night in Paris cost 5 dollars\nMore."))
    assert article.published is None
    assert article.text.startswith("date night")


@pytest.mark.parametrize(
    "line",
    [
        " date 2016-13 Title",
        " date 2016 Title",
        " date 2016-02-30 Title",
        " date 16-11 T",
        " date 2016-11-05T10:00 T",
        " date 2016/11 T",
    ],
)
def test_malformed_date_line_names_file_and_line_1(tmp_path: Path, line: str) -> None:
    """A date line with an impossible or misformatted date is an error, not silently text."""
    path = write(tmp_path, "bad.txt", f"{line}\nText.\n")
    [error] = load_file(path)
    assert isinstance(error, ArticleError)
    assert error.line == 1
    assert str(error).startswith(f"{path}:1: malformed date line")


def test_date_line_without_text_is_an_error(tmp_path: Path) -> None:
    """A file that is only a date line has no article in it."""
    [error] = load_file(write(tmp_path, "a.txt", " date 2016-11 Title\n\n  \n"))
    assert isinstance(error, ArticleError)
    assert "no article text after the date line" in str(error)


def test_same_text_gets_the_same_id_whatever_the_file(tmp_path: Path) -> None:
    """Line ends, trailing blanks and decomposed umlauts do not change an article's identity."""
    one = only_article(write(tmp_path, "a.txt", " date 2016-11 T\nGrüße an alle.\n"))
    two = only_article(
        write(tmp_path, "b.md", "date 2016-11 Other\r\n\r\nGru\u0308ße an alle.  \r\n")
    )
    three = only_article(write(tmp_path, "c.txt", "Grüße an alle."))
    assert one.id == two.id == three.id
    assert one.text == two.text == three.text


def test_seed_articles_load(tmp_path: Path) -> None:
    """The five seeds: three dated, two undated, all German, ids stable across loads."""
    first = [a for a in load_articles([SEEDS]) if isinstance(a, Article)]
    again = [a for a in load_articles([SEEDS]) if isinstance(a, Article)]
    assert len(first) == 5
    assert [a.published for a in first] == ["2016-11", "2018-10", "2017-05", None, None]
    assert {a.language for a in first} == {"de"}
    assert [a.id for a in first] == [a.id for a in again]
    assert first[0].text.startswith("Es lässt sich nicht mit der Post verschicken")
    assert first[3].text.startswith("Das der Versandhandelsriese Amazon")


def test_document_names_are_file_names() -> None:
    """Gold files refer to a text article by its file name."""
    names = [d.name for d in load_documents([SEEDS]) if not isinstance(d, ArticleError)]
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_language_given_or_detected(tmp_path: Path) -> None:
    """English is detected; an explicit language wins."""
    english = write(tmp_path, "en.txt", "The company said that its revenue rose by 5% to $3bn.")
    assert only_article(english).language == "en"
    assert only_article(english, language="DE").language == "de"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"date": "2017-13"}, "not a calendar date"),
        ({"date": "May 2017"}, "not YYYY-MM"),
        ({"language": "german"}, "ISO 639"),
    ],
)
def test_bad_options_are_usage_errors(
    tmp_path: Path, options: dict[str, str], message: str
) -> None:
    """A malformed --date or --language is refused before any file is read."""
    with pytest.raises(UsageError, match=message):
        load_articles([tmp_path / "missing.txt"], **options)


def test_text_is_normalised_form(tmp_path: Path) -> None:
    """What the loader returns is exactly `normalise_text` of the body."""
    raw = "Zeile eins \t\r\nZeile zwei\rZeile drei\n\n\n"
    assert only_article(write(tmp_path, "a.txt", raw)).text == normalise_text(raw)
