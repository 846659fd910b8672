"""Sentence splitting keeps exact offsets and does not break at abbreviations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facts.extractor.sentences import split_sentences


def test_offsets_point_into_the_text() -> None:
    """Every sentence's text is exactly the slice of the article at its offsets."""
    text = "  Erster Satz.  Zweiter Satz!\n\nDritter Satz? Vierter"
    sentences = list(split_sentences(text))
    assert [s.text for s in sentences] == [
        "Erster Satz.",
        "Zweiter Satz!",
        "Dritter Satz?",
        "Vierter",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_abbreviations_and_ordinals_do_not_end_sentences() -> None:
    """`Mrd.Dollar`, `ca.`, `z.B.` and `3. Quartal` stay inside their sentence."""
    text = "Der Umsatz lag bei ca. 3 Mrd.Dollar im 3. Quartal, z.B. in Asien. Neu ist das."
    assert [s.text for s in split_sentences(text)] == [
        "Der Umsatz lag bei ca. 3 Mrd.Dollar im 3. Quartal, z.B. in Asien.",
        "Neu ist das.",
    ]


def test_missing_space_after_period() -> None:
    """Scraped text loses spaces: `geschossen.Das` is still two sentences."""
    text = "Der Umsatz ist in die Höhe geschossen.Das freut den Konzern."
    assert [s.text for s in split_sentences(text)] == [
        "Der Umsatz ist in die Höhe geschossen.",
        "Das freut den Konzern.",
    ]


def test_number_before_sentence_start_ends_the_sentence() -> None:
    """`um den Faktor 30. Da ...`: a number, not an ordinal, ends the sentence."""
    text = "Alibaba übertrifft Amazon um den Faktor 30. Da ist mehr drin."
    assert len(list(split_sentences(text))) == 2


@given(st.lists(st.sampled_from(["Satz eins.", "Zwei!", "Drei 3,5 Mio. Euro.", "\n\n", " "])))
def test_offsets_always_exact(parts: list[str]) -> None:
    """Whatever the text, offsets slice the sentences out of it unchanged."""
    text = " ".join(parts)
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
