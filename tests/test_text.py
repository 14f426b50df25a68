"""Sentence splitting on the corpus's hard cases: abbreviations, N°, "op. cit.", initials,
quotations and footnote markers. Every case is a real unit (or raw source line) of the corpus."""

from __future__ import annotations

import re

import pytest

from service.text import sentence_spans
from service.units import Corpus, load_corpus
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(CORPUS)


def unit_with(corpus: Corpus, phrase: str) -> str:
    """The text of the one unit that contains `phrase`."""
    texts = [u.text for u in corpus.units if phrase in u.text]
    assert len(texts) == 1, phrase
    return texts[0]


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_with(text: str, phrase: str) -> str:
    found = [s for s in sentences(text) if phrase in s]
    assert len(found) == 1, (phrase, sentences(text))
    return found[0]


def test_us_ends_a_sentence_when_a_new_one_follows(corpus: Corpus) -> None:
    text = unit_with(corpus, "strained Pakistan's relations with the U.S. In 2011")
    assert sentence_with(text, "strained").endswith("relations with the U.S.")
    assert sentence_with(text, "In 2011").startswith("In 2011, after an attack on the U.S. embassy in Kabul")


def test_a_quotation_with_a_full_stop_inside_is_not_cut(corpus: Corpus) -> None:
    text = unit_with(corpus, "be prepared to be bombed.")
    quoted = sentence_with(text, "be prepared to be bombed.")
    assert quoted.endswith('Be prepared to go back to the stone age".')
    assert sentence_with(text, "The Guardian").startswith('"Bush threatened to bomb Pakistan')


def test_a_multi_sentence_quotation_stays_with_its_speaker(corpus: Corpus) -> None:
    text = unit_with(corpus, "We fulfilled our promise.")
    assert sentence_with(text, "We fulfilled our promise.").startswith("At a news briefing on 17 January")


def test_numbered_series_and_titles_ending_in_a_question_mark(corpus: Corpus) -> None:
    # "N°s 165, What Future … Administration?, 13 January 2021; 160, …": one sentence to its end.
    text = unit_with(corpus, "What Future for Afghan Peace Talks under a Biden Administration?, 13 January")
    first = sentence_with(text, "N°s 165")
    assert first.endswith("Getting the Afghan Peace Process Back on Track, 2 October 2019.")


def test_op_cit(corpus: Corpus) -> None:
    # "op. cit." inside a list of sources does not end the sentence; at the end of one it does.
    inside = unit_with(corpus, 'says U.S.", op. cit.; Baqir Sajjad Syed')
    assert len(sentences(inside)) == 1
    ending = unit_with(corpus, "Pakistani Taliban only loyal to Mullah Omar")
    assert sentences(ending)[0] == "Crisis Group Report, Resetting Pakistan's Relations with Afghanistan, op. cit."


def test_initials_and_dated_abbreviations(corpus: Corpus) -> None:
    assert len(sentences(unit_with(corpus, "Laurel E. Miller and Jonathan S. Black"))) == 1
    fp = unit_with(corpus, "An attack on Sept. 5 killed")
    assert sentence_with(fp, "Sept. 5") == "An attack on Sept. 5 killed three Pakistani paramilitary forces."


def test_a_quoted_list_is_one_sentence_and_ends_before_the_entry_after_it(corpus: Corpus) -> None:
    text = unit_with(corpus, "(a) U.S.-Taliban Peace Agreement")
    listed = sentence_with(text, "(a) U.S.-Taliban Peace Agreement")
    assert "(c) agreement among Afghan parties" in listed
    assert listed.endswith('on 2 December 2020".')  # pysbd alone runs on into the reference entry
    assert sentence_with(text, "Kamran Yousaf").startswith("Kamran Yousaf,")


def test_enumerators_of_every_kind_keep_the_sentence_ends_around_them() -> None:
    assert sentences("See (i) the first. Then (ii) the second.") == ["See (i) the first.", "Then (ii) the second."]
    assert sentences('It listed "(a) one; (b) two". Jane Roe, "A title", Dawn, 8 May 2020.') == [
        'It listed "(a) one; (b) two".',
        'Jane Roe, "A title", Dawn, 8 May 2020.',
    ]


def test_a_footnote_marker_closes_its_sentence() -> None:
    raw = (CORPUS / "documents" / "icg-asia-briefing-169.txt").read_text(encoding="utf-8")
    line = next(line for line in raw.splitlines() if 'good-will".¹ Afghans' in line)
    found = sentences(line)
    assert any(s.endswith("big brother's good-will\".¹") for s in found)
    assert any(s.startswith("Afghans have historically bristled") for s in found)


def test_abbreviations_the_corpus_does_not_spell_out() -> None:
    text = "Lt. Gen. Faiz Hameed met the U.N. envoy, e.g. on security, and No. 10 officials. He left."
    assert sentences(text) == [
        "Lt. Gen. Faiz Hameed met the U.N. envoy, e.g. on security, and No. 10 officials.",
        "He left.",
    ]


def test_spans_are_exact_ordered_slices_of_every_unit(corpus: Corpus) -> None:
    for unit in corpus.units:
        spans = sentence_spans(unit.text)
        assert spans, unit.id
        assert all(a < b for a, b in spans) and all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
        assert all(unit.text[a:b] == unit.text[a:b].strip() for a, b in spans), unit.id
        # Nothing is lost between sentences but white space.
        gaps = [unit.text[b:c] for (_, b), (c, _) in zip(spans, spans[1:], strict=False)]
        assert all(not gap.strip() for gap in gaps), unit.id
        assert unit.text[: spans[0][0]].strip() == "" and unit.text[spans[-1][1] :].strip() == ""
        assert not any(re.match(r"[a-z,;:)]", unit.text[a]) for a, _ in spans), unit.id
