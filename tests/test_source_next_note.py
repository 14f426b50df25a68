"""A source question about a sentence that carries no footnote marker of its own, while a later
sentence of its paragraph carries the note that sources the run (docs/retrieval.md, "Source
questions"; service.source_answer.noted_later), on the real index."""

from __future__ import annotations

from typing import Any

from service.bm25 import tokenize
from service.references import is_reference
from service.sentences import ScoredSentence
from service.source_answer import claim_answer, claim_of
from tests.support.sentences import scored_sentence

BRIEFING = "icg-asia-briefing-169"


def _sentence(engine: Any, question: str, starts: str) -> tuple[int, ScoredSentence, Any, set[str]]:
    """The passage sentence of the briefing starting with `starts`, scored for `question`."""
    terms = set(tokenize([question])[0])
    return (*scored_sentence(engine, question, starts, terms, BRIEFING, "passage"), terms)


def test_a_sentence_without_a_marker_rests_on_the_next_marker_of_its_paragraph(engine: Any) -> None:
    # "Many present-day Taliban leaders … were students (talibs) in madrasas …" closes with no
    # marker; the next sentence ("Haq, who headed the Akora Khattak madrasa …") carries note 5,
    # which cites Dawn's "'University of jihad' proud of Taliban alumni". Before, the answer
    # was the sentence alone, naming no source.
    question = "Where does the briefing get the claim that Taliban commanders studied in Jamiat Ulema-e-Islam madrasas?"
    index, sentence, vector, terms = _sentence(engine, question, "Many present-day Taliban leaders")
    sources = engine.sources
    claim = claim_of(index, sentence, sources)
    assert claim.footnotes == () and claim.carried == (5,)
    assert claim.notes == (engine.position(f"{BRIEFING}:fn:5"),)
    quoted = claim_answer(claim, vector, terms, sources, 0.25, 3)
    assert [s.unit_id for s in quoted] == [f"{BRIEFING}:fn:5", sources.units[index].id, sources.units[index].id]
    assert is_reference(quoted[0].text) and "proud of Taliban alumni" in quoted[0].text
    assert quoted[1].footnotes == () and quoted[1].text.startswith("Many present-day Taliban leaders")
    assert quoted[2].footnotes == (5,) and quoted[2].text.startswith("Haq, who headed")


def test_the_engine_answers_such_a_question_with_the_note_first(engine: Any) -> None:
    # Dev d1139: the note leads the answer and the results, its number on a quoted sentence.
    answer = engine.ask(
        "What source supports the claim that many Taliban leaders studied in madrasas run by "
        "Jamiat Ulema-e-Islam factions?"
    )
    assert answer.sentences[0].unit_id == f"{BRIEFING}:fn:5"
    assert answer.results[0].hit.unit.id == f"{BRIEFING}:fn:5"
    assert any(5 in s.footnotes for s in answer.sentences[1:])


def test_a_sentence_naming_its_own_source_in_between_starts_another_claim(engine: Any) -> None:
    # "Still, Pakistani authorities … retain considerable influence." is followed by "An expert
    # with extensive knowledge of the relationship said …" (no marker, a source of its own),
    # then the sentence carrying note 78: the note sources the expert, not the sentence before.
    question = "What is the source for the claim that Pakistani authorities retain considerable influence?"
    index, sentence, _, _ = _sentence(engine, question, "Still, Pakistani authorities")
    claim = claim_of(index, sentence, engine.sources)
    assert claim.notes == () and claim.carrier is None


def test_a_next_note_that_names_no_source_is_not_the_claims_source(engine: Any) -> None:
    # Note 2, after "Afghans have historically bristled …" and the next sentence, explains the
    # Durand Line agreement and cites nothing: the sentence is quoted alone, naming no source.
    question = "What is the source for the claim that Afghans have historically bristled at Pakistani attitudes?"
    index, sentence, vector, terms = _sentence(engine, question, "Afghans have historically bristled")
    claim = claim_of(index, sentence, engine.sources)
    assert claim.notes == () and claim.carrier is None
    quoted = claim_answer(claim, vector, terms, engine.sources, 0.25, 3)
    assert len(quoted) == 1 and not is_reference(quoted[0].text)


def test_a_last_sentence_after_every_marker_of_its_paragraph_rests_on_none(engine: Any) -> None:
    question = "What is the source for the claim that the peace process would help mend relations with Washington?"
    index, sentence, _, _ = _sentence(engine, question, "Facilitating the U.S.-led Afghan peace process")
    claim = claim_of(index, sentence, engine.sources)
    assert claim.notes == () and claim.carrier is None and claim.footnotes == ()
