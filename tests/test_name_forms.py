"""Names written in another form than the corpus writes them (service.bm25 `fold_names` and its
demonyms, read by every check that compares a question's names with a sentence's; docs/retrieval.md,
"Names in other forms")."""

from __future__ import annotations

from typing import Any

import pytest

from service.bm25 import fold_names, stem, terms_of
from service.evidence import WORD, name_heads, named_words, writes_name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("U.S.", "US"),
        ("U.S.", "the United States"),
        ("U.S.", "the United States of America"),
        ("U.S.", "American"),
        ("U.S. forces", "the Americans' forces"),
        ("U.S.", "America's"),
        ("USA", "U.S"),
        ("U.N.", "UN"),
        ("U.N.", "the United Nations"),
        ("U.K.", "Britain"),
        ("Pakistani officials", "officials of Pakistan"),
        ("Afghan envoy", "Afghanistan's envoy"),
        ("Indian diplomats", "India's diplomats"),
        ("Chinese representatives", "representatives of China"),
        ("Iranian", "Iran"),
    ],
)
def test_a_name_in_another_form_is_read_as_one_term(one: str, other: str) -> None:
    assert terms_of(one) == terms_of(other) - {"the"}
    assert terms_of(one)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("U.S.", "U.N."),  # two dotted abbreviations stay two names
        ("US", "UN"),
        ("the United States", "the United Arab Emirates"),
        ("the United Nations", "the United Arab Emirates"),
        ("American", "Chinese"),
        ("Indian", "Iranian"),
        ("Pakistani", "Afghan"),
    ],
)
def test_names_in_their_forms_stay_apart(one: str, other: str) -> None:
    assert not terms_of(one) & terms_of(other)


def test_the_pronoun_us_is_no_country() -> None:
    # Only the all-capital "US" is the country: lower-cased, "us" is the pronoun.
    assert terms_of("they assured us") & terms_of("the US") == frozenset()
    assert terms_of("the U.S.") == terms_of("the US")


def test_dotted_abbreviations_fold_by_their_letters_not_one_by_one() -> None:
    # Any dotted abbreviation is its letters, one no list names too.
    assert fold_names("the E.U. and the U.S.-led war") == "the EU and the USA-led war"
    assert terms_of("the E.U.") == terms_of("the EU")
    assert fold_names("e.g. Section II.A") == "e.g. Section II.A"  # no capital letters dotted in a run


def test_a_demonym_stems_as_its_country() -> None:
    assert stem("pakistani") == stem("pakistan") == stem("pakistanis")
    assert stem("americans") == stem("america") == stem("usa")
    assert stem("us") != stem("usa")


def test_the_question_readers_read_a_dotted_abbreviation_as_one_word() -> None:
    assert "U.S." in WORD.findall("What did the U.S. do?")
    assert [terms for terms in name_heads("Why did the U.S. kill Mansour?")] == [terms_of("US"), terms_of("Mansour")]
    assert name_heads("Who did the United States kill?") == (terms_of("America"),)
    assert "USA" in named_words("What did the United States agree?")


def test_a_name_spelt_out_is_written_by_its_abbreviation() -> None:
    # The verdict's "written together" reads a sentence's "U.S." for a question's "United States".
    assert writes_name("The U.S. Central Command chief called Bajwa.", ["USA", "Central", "Command"])
    assert writes_name("The United States Central Command chief called.", ["USA", "Central", "Command"])
    assert not writes_name("The U.N. Central Command chief called.", ["USA", "Central", "Command"])


def test_a_region_named_by_america_is_no_form_of_the_united_states() -> None:
    assert not terms_of("Latin America") & terms_of("the U.S.")
    assert not terms_of("South American governments") & terms_of("American")


def test_an_office_asked_of_a_demonym_is_stated_by_its_abbreviation() -> None:
    # The asked relation's owner check reads the two forms alike: before, "American" never met "U.S.".
    from service.relations import read_relation, states_relation

    def states(question: str, sentence: str) -> bool:
        return states_relation(read_relation(question), [sentence], frozenset(), None)

    sentence = "An effort by U.S. envoy Zalmay Khalilzad to bring peace to Afghanistan failed."
    assert states("Who is the American envoy for Afghanistan?", sentence)
    assert states("Who is the United States envoy for Afghanistan?", sentence)
    assert not states("Who is the Indian envoy for Afghanistan?", sentence)
    assert not states("Who is the UN envoy for Afghanistan?", sentence)


def test_the_engine_answers_an_office_asked_of_the_americans_and_not_of_the_indians(engine: Any) -> None:
    answer = engine.ask("Who is the American envoy for Afghanistan?")
    assert not answer.abstained
    assert "U.S. envoy Zalmay Khalilzad" in answer.sentences[0].text
    assert engine.ask("Who is the Indian envoy for Afghanistan?").abstained
