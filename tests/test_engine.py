"""The engine over the real corpus: ranking, filters, follow-ups, abstention, verbatim
answers, highlight offsets and citations."""

from __future__ import annotations

from typing import Any

import pytest

from service.engine import Engine
from service.errors import BadInput, NotFound
from service.records import Filters
from service.text import normalise, sentence_spans
from tests.support.answers import lead_holds
from tests.support.withdrawals import withdrawals

BRIEFING = "icg-asia-briefing-169"


def test_answerable_question_finds_its_unit_first(engine: Any) -> None:
    answer = engine.ask("Which countries besides Pakistan recognised the Taliban's Islamic Emirate?")
    assert not answer.abstained
    assert "saudi arabia and the united arab emirates" in normalise(answer.results[0].hit.unit.text)
    scores = [r.hit.score for r in answer.results]
    assert scores == sorted(scores, reverse=True)
    assert [r.rank for r in answer.results] == list(range(1, len(answer.results) + 1))


def test_footnotes_compete_and_carry_their_number(engine: Any) -> None:
    answer = engine.ask("Who had led the Taliban for at least two years before Mullah Omar's death was announced?")
    top = answer.results[0]
    assert top.hit.unit.kind == "footnote" and top.hit.unit.number == 15
    assert top.citation.endswith("footnote 15")
    assert top.hit.unit.cited_by  # names the passage citing it


def test_passage_results_carry_the_footnotes_they_cite(engine: Any) -> None:
    answer = engine.ask("What unique opportunities does the shura's presence give Pakistani policymakers?")
    top = answer.results[0]
    assert "Pakistani policymakers unique opportunities" in top.hit.unit.text
    assert [f.number for f in top.cited_footnotes] == list(top.hit.unit.footnotes)
    assert 75 in [f.number for f in top.cited_footnotes]
    assert "§IV" in top.citation and "Asia Briefing N°169" in top.citation and "30 June 2021" in top.citation


def test_follow_up_uses_the_conversation(engine: Any) -> None:
    first = "Which faction did Pakistan first back among the mujahideen?"
    answer = engine.ask("Who led it?", history=[first], top_k=3)
    assert any("Gulbuddin Hekmatyar" in r.hit.unit.text for r in answer.results)
    alone = engine.ask("Who led it?", top_k=3)
    assert not any("Gulbuddin Hekmatyar" in r.hit.unit.text for r in alone.results)


def test_follow_up_is_also_read_on_its_own(engine: Any) -> None:
    # Read only with "What is the Tehreek-e-Taliban Pakistan?", the follow-up's dense side
    # favours the unit that answered the first question, which then ranks first.
    answer = engine.ask("Where is its leadership based?", history=["What is the Tehreek-e-Taliban Pakistan?"])
    assert "Its leadership is based in Afghanistan" in answer.results[0].hit.unit.text
    assert answer.results[0].hit.dense is not None and -1.0 <= answer.results[0].hit.dense <= 1.0


def test_filters_restrict_documents_and_kinds(engine: Any) -> None:
    only_fp = engine.ask("Taliban and Pakistan relations", filters=Filters(documents=("fp-pakistan-taliban-2021",)))
    assert only_fp.results and {r.hit.unit.document_id for r in only_fp.results} == {"fp-pakistan-taliban-2021"}
    notes = engine.ask("Crisis Group telephone interview", filters=Filters(kinds=("footnote",)), top_k=20)
    assert len(notes.results) == 20 and {r.hit.unit.kind for r in notes.results} == {"footnote"}
    # The one message for an unknown document, whoever asks (the API says the same: test_api).
    with pytest.raises(BadInput, match="^unknown document 'no-such-doc'; known: "):
        engine.ask("anything", filters=Filters(documents=("no-such-doc",)))


@pytest.mark.parametrize(
    "question", ["What is the boiling point of water at sea level?", "Who won the 2018 FIFA World Cup?"]
)
def test_out_of_domain_questions_abstain(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and not answer.results and not answer.sentences


def test_answers_are_verbatim_and_highlights_are_sentences(engine: Any) -> None:
    for question in (
        "Why does Pakistan want the Taliban to reduce violence?",
        "What did the TTP do in August?",
        "Who is Michael Kugelman?",
        # A footnote's reference list scores higher than the top passage's
        # best sentence here; the answer still starts with the top result.
        "When was the current Afghan peace process set in motion?",
    ):
        answer = engine.ask(question, top_k=10)
        assert 1 <= len(answer.sentences) <= 3
        # The top result leads the answer with one of its sentences (service.answer picks which).
        top = answer.results[0]
        lead = answer.sentences[0]
        assert lead.unit_id == top.hit.unit.id
        assert lead.text in {top.hit.unit.text[start:end] for start, end in sentence_spans(top.hit.unit.text)}
        by_id = {r.hit.unit.id: r.hit.unit for r in answer.results}
        for sentence in answer.sentences:
            assert sentence.text in by_id[sentence.unit_id].text
        for result in answer.results:
            text = result.hit.unit.text
            starts_ends = set(sentence_spans(text))
            assert result.highlights
            for start, end in result.highlights:
                assert 0 <= start < end <= len(text)
                assert (start, end) in starts_ends


def test_every_quoted_sentence_is_highlighted_in_its_result(engine: Any) -> None:
    """A reader checks a quote against its source by the highlight: every answer sentence from
    a shown result is among that result's highlights, the second and third quotes too."""
    checked = 0
    for question in (
        "Why does Pakistan want the Taliban to reduce violence?",
        "What did the TTP do in August?",
        "Who is Michael Kugelman?",
        "How long is the Durand Line?",
        "What is the Haqqani network?",
        "Why does Pakistan host the Taliban leadership?",
    ):
        answer = engine.ask(question, top_k=5)
        shown = {r.hit.unit.id: r for r in answer.results}
        for sentence in answer.sentences:
            if sentence.unit_id in shown:
                assert sentence.span in shown[sentence.unit_id].highlights, (question, sentence.text)
                checked += 1
    assert checked >= 12  # most quotes come from shown results


def test_no_quote_after_the_lead_comes_from_a_result_that_almost_surely_does_not_answer(engine: Any) -> None:
    """Each of these questions quoted, second or third, a sentence from a result scored under a
    fiftieth of the lead's (docs/tuning.md, "Weak supporting quotes"): they are left out now,
    and the lead stays."""
    for question in (
        "Who is Moeed Yusuf?",
        "What did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?",
        "Who was Mullah Omar's deputy?",
        "What did Suhail Shaheen say about Kashmir?",
        "When was the TTP founded?",
    ):
        answer = engine.ask(question)
        assert not answer.abstained and answer.sentences, question
        chance = {r.hit.unit.id: r.hit.score for r in answer.results}
        floor = chance[answer.sentences[0].unit_id] / 50
        for sentence in answer.sentences[1:]:
            assert chance.get(sentence.unit_id, floor) >= floor, (question, sentence.text)


def test_a_question_typed_in_full_width_characters_is_read_as_its_plain_form(engine: Any) -> None:
    """Users paste text from East Asian input methods and PDFs (full-width letters, ligatures):
    the question is folded the way the index's text is, and echoed as it was asked."""
    plain = engine.ask("Who is Faiz Hameed?")
    wide = engine.ask("Ｗｈｏ ｉｓ Ｆａｉｚ Ｈａｍｅｅｄ？")
    assert not plain.abstained
    assert wide.question == "Ｗｈｏ ｉｓ Ｆａｉｚ Ｈａｍｅｅｄ？"
    assert [r.hit.unit.id for r in wide.results] == [r.hit.unit.id for r in plain.results]
    assert [s.text for s in wide.sentences] == [s.text for s in plain.sentences]


def test_unit_lookup(engine: Any) -> None:
    unit = engine.all_units()[0]
    assert engine.unit(unit.id) == unit
    with pytest.raises(NotFound):
        engine.unit("nope:p:1")


def test_modes_and_timings(engine: Any) -> None:
    for mode in ("dense", "bm25", "hybrid"):
        answer = engine.ask("Pakistan border fence with Afghanistan", mode=mode)
        assert answer.results and {"encode", "search", "answer"} <= set(answer.timings)
    with pytest.raises(BadInput):
        engine.ask("x", mode="psychic")


def test_late_interaction_reorders_only_the_head(engine: Any) -> None:
    # What re-ranking gains is measured by the harness (docs/tuning.md); here, only its shape:
    # the fused top 10 are re-ordered, nothing enters or leaves them, scores stay monotone.
    question = (
        "If the insurgents simply grabbed Kabul by force, what problem would Islamabad face in propping up their rule?"
    )
    plain = Engine(engine.files, engine.embedder, engine.settings.model_copy(update={"rerank_depth": 0}))
    before, after = plain.ask(question, top_k=10), engine.ask(question, top_k=10)
    assert {r.hit.unit.id for r in before.results} == {r.hit.unit.id for r in after.results}
    assert [r.hit.unit.id for r in before.results] != [r.hit.unit.id for r in after.results]
    scores = [r.hit.score for r in after.results]
    assert scores == sorted(scores, reverse=True)


def test_single_retriever_modes_are_not_re_ranked(engine: Any) -> None:
    plain = Engine(engine.files, engine.embedder, engine.settings.model_copy(update={"rerank_depth": 0}))
    question = "Which Gulf monarchies joined Islamabad in formally accepting the 1990s Taliban government?"
    for mode in ("dense", "bm25"):
        ids = [r.hit.unit.id for r in engine.ask(question, top_k=10, mode=mode).results]
        assert ids == [r.hit.unit.id for r in plain.ask(question, top_k=10, mode=mode).results]


def test_timings_split_the_search_by_stage(engine: Any) -> None:
    answer = engine.ask("Pakistan border fence with Afghanistan")
    stages = ("faiss", "bm25", "fusion", "rerank")
    assert all(answer.timings[stage] >= 0 for stage in stages)
    # The stages are disjoint parts of the search: together never more than the whole.
    assert sum(answer.timings[stage] for stage in stages) <= answer.timings["search"]


@pytest.mark.parametrize(
    "question",
    [
        "What does footnote 7 say?",
        "Which claims rest on interviews?",
        "Who wrote the Foreign Policy article?",
        "What is the Crisis Group briefing about?",
        "What documents do you have?",
        "What documents do you have on the peace process?",  # the cards the ranking finds, by no cut
        "How long is the Durand Line?",
        "What series is the Foreign Policy article part of?",  # its card has no series line: ranked
    ],
)
def test_the_calibration_leaves_out_exactly_the_questions_ask_answers_without_the_ranking(
    engine: Any, question: str
) -> None:
    ranked = "encode" in engine.ask(question).timings
    assert engine.answered_unranked(question) is not ranked


def test_a_source_named_in_part_of_a_question_is_read_from_the_question_s_headings(engine: Any) -> None:
    # The off-topic check asks whether the words naming a source name a section; only a heading
    # the whole question names can be, so its reading answers as the words' own would.
    question = "What does the conclusion recommend Pakistan do?"
    within = engine.files.headings.read(question)
    for words in ("the conclusion", "conclusion", "Pakistan", "the conclusion recommend Pakistan"):
        assert engine.names_library(words, within) == engine.names_library(words)
    assert engine.names_library("the conclusion", within)


def test_a_question_only_a_cited_title_matches_abstains_unless_it_asks_for_the_source(engine: Any) -> None:
    # Only footnote 30's cited headline names the FATF grey list. Asked what it is, the note
    # ranks first (scored 0.99 by its rank) but cannot lead, and the sentence that would is
    # scored below the cut: an abstention, not a summary box's unrelated sentence.
    assert engine.ask("What is the FATF grey list?").abstained
    source = engine.ask("Which newspaper reported that Pakistan wants the U.S. to get it off the FATF grey list?")
    assert not source.abstained and source.results[0].hit.unit.id == f"{BRIEFING}:fn:30"
    assert "FATF grey list" in source.sentences[0].text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # Passages on US aid and Pakistan rank, none states an amount (service.answer_type).
        ("How much US military aid did Pakistan receive in 2010?", "not-in-kind"),
        # The lead gives 1997, the date of an extradition request (service.offtopic).
        ("When did the Taliban capture Jalalabad?", "another-event"),
        # Only footnote 30's cited headline names it (the calibrated lead is below the cut).
        ("What is the FATF grey list?", "cited-title"),
        # "Washington" and "Post" are written, the outlet never: footnote 34's cited title "What
        # Future for Afghan Peace Talks" matched the question's "What" and "report" (docs/tuning.md,
        # session 30).
        ("What does the report cite The Washington Post for?", "another-source"),
        # "Islamabad" alone is written. "What does the report cite … for?" now abstains before the
        # verdict: a note agreed by the dense readings leads it and scores under the cut.
        ("Which claim does the report cite The Islamabad Post for?", "another-source"),
        # The same source asked in another tense, voice or frame: the leads write "Islamabad" and,
        # words later, "posts", never the outlet (docs/tuning.md, session 33).
        ("What did the report cite The Islamabad Post for?", "another-source"),
        ("What is The Islamabad Post cited for?", "another-source"),
        ("What did The Islamabad Post report?", "another-source"),
        ("According to The Kabul Monitor, what did Pakistan agree to?", "another-source"),
        # Led by "Pakistan's Afghan envoy had joined the special envoys …", which names no envoy, and no
        # ranked sentence names Pakistan's (docs/tuning.md, session 31).
        ("Who is Pakistan's Afghan envoy?", "unnamed-holder"),
    ],
)
def test_an_answer_that_does_not_say_what_was_asked_is_withdrawn_with_its_reason(
    engine: Any, question: str, reason: str
) -> None:
    with withdrawals() as reasons:
        answer = engine.ask(question)
    assert answer.abstained and not answer.results and not answer.sentences
    assert reasons == [reason]


def test_a_source_the_corpus_writes_or_misspelt_to_its_stems_is_not_another_source(engine: Any) -> None:
    # The outlet is written: its note leads. A misspelt author ("Naved") stems as the note's
    # "Naveed" does, and the note writing both words of the name stands.
    for question, note in (
        ("Which Express Tribune report does the briefing cite on the U.S. drawdown?", "fn:71"),
        ("What did Naved Siddiqui report about the illegal fencing along the border?", "fn:"),
    ):
        with withdrawals() as reasons:
            answer = engine.ask(question)
        assert not answer.abstained and reasons == [], question
        assert answer.sentences[0].unit_id.startswith(f"{BRIEFING}:{note}"), question


def test_a_paragraph_s_heading_question_does_not_lead_a_why_question_about_something_else(engine: Any) -> None:
    # The summary's "Why does it matter?" is left out of BM25 at build: its "why" and "does" no
    # longer rank its paragraph first for a why-question about Pakistan's support of the talks.
    answer = engine.ask("Why does Pakistan support the Afghan peace process?")
    assert answer.results[0].hit.unit.id == f"{BRIEFING}:p:I.2"
    lead_holds(answer, "its long-time Taliban ally can use the talks as a road to power")


def test_an_answer_that_says_what_was_asked_stands(engine: Any) -> None:
    for question in (
        "When did the Taliban open their political office in Doha?",  # a date, of the asked event
        "How many attacks did the TTP carry out in August?",  # a count
        "How much leverage does Pakistan still have over the Taliban?",  # strong evidence, in words
    ):
        with withdrawals() as reasons:
            answer = engine.ask(question)
        assert not answer.abstained and reasons == [], question
