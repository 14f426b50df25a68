"""Which entry of a note citing several sources a source answer quotes (docs/retrieval.md,
"Source questions"; service.source_answer.cited_entry), on the real index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.bm25 import terms_of, tokenize
from service.records import AnswerSentence
from service.references import NOTHING_NAMED, SourceNamed, claim_asked, is_reference, source_named
from service.source_answer import Claim, claim_answer, claim_of, own_names
from tests.support.sentences import scored_sentence

BRIEFING = "icg-asia-briefing-169"
Quotes = tuple[AnswerSentence, ...]


def _claim(engine: Any, question: str, starts: str) -> tuple[int, Claim, Callable[[SourceNamed], Quotes]]:
    """The claim made by the briefing's sentence starting with `starts`, scored for `question`'s
    claim: its unit's index, the claim, and its source answer given what a question names."""
    terms = set(tokenize([claim_asked(question)])[0])
    index, sentence, vector = scored_sentence(engine, question, starts, terms, BRIEFING)
    sources = engine._sources
    claim = claim_of(index, sentence, sources)
    return index, claim, lambda named: claim_answer(claim, vector, terms, sources, 0.25, 3, named)


def test_a_notes_own_claim_is_sourced_by_the_entry_after_it(engine: Any) -> None:
    # The user trial's question (dev d1210): note 84 cites Reuters on the congressional hearing,
    # then says the UN monitoring team's report found the Taliban and al-Qaeda "closely
    # aligned", citing that report. The answer quoted the Reuters entry, the note's first.
    answer = engine.ask("Which UN report says the Taliban and al-Qaeda remain closely aligned?")
    first, second = answer.sentences[:2]
    assert first.unit_id == second.unit_id == f"{BRIEFING}:fn:84"
    assert is_reference(first.text) and "Twelfth report" in first.text and "Reuters" not in first.text
    assert second.text.startswith("The June 2021 UN sanctions monitoring team report")
    assert answer.results[0].hit.unit.id == f"{BRIEFING}:fn:84"


def test_the_first_entry_still_sources_the_claim_before_it(engine: Any) -> None:
    # The same note asked about its first claim: the Reuters entry after it, not the UN one.
    question = "Which news agency reported the warning at the 16 June congressional hearing about al-Qaeda?"
    index, claim, answer = _claim(engine, question, "At a 16 June congressional hearing")
    assert claim.notes == (index,)
    quoted = answer(source_named(question))
    assert "Reuters" in quoted[0].text and quoted[1].text.startswith("At a 16 June congressional hearing")


def test_the_entry_the_question_names_is_quoted_for_a_passages_claim(engine: Any) -> None:
    # Note 30 cites Dawn, then "See also" The Diplomat. Asked for the source, the first entry;
    # asked for the Diplomat article, that one; the passage's sentence keeps its number either way.
    question = "Which Diplomat article is cited for Qureshi telling Pompeo that Pakistan had fulfilled its promise?"
    index, claim, answer = _claim(engine, question, "At a news briefing on 17 January")
    assert claim.footnotes == (30,)
    named, plain = answer(source_named(question)), answer(NOTHING_NAMED)
    note = [s for s in named if s.unit_id == f"{BRIEFING}:fn:30"]
    assert len(note) == 1 and "The Diplomat" in note[0].text
    assert "Dawn" in next(s.text for s in plain if s.unit_id == f"{BRIEFING}:fn:30")
    assert any(s.footnotes == (30,) and s.unit_id == engine._sources.units[index].id for s in named)


def test_a_kind_the_question_names_picks_the_entry_of_that_kind(engine: Any) -> None:
    # Note 7 cites The Guardian, then "See also" Ahmed Rashid's book: "Which book …" quotes the book.
    answer = engine.ask(
        "Which book does the briefing cite on Musharraf severing ties with the Taliban after the September 2001 "
        "attacks?"
    )
    note = [s for s in answer.sentences if s.unit_id == f"{BRIEFING}:fn:7"]
    assert note and "Descent into Chaos" in note[0].text and "Guardian" not in note[0].text


def test_a_name_the_claim_holds_does_not_pick_an_entry(engine: Any) -> None:
    # Note 26 cites Dawn's "Khalilzad's visit put off …", then "See also" Anwar Iqbal's "Mullah
    # Baradar's release …". "Baradar" is the claim's word, not a name of its source: the first
    # entry; naming the author picks the other.
    question = "What is the source for the claim that Baradar was allowed to join the Taliban's political office?"
    _, claim, answer = _claim(engine, question, "Baradar was allowed to join")
    assert claim.footnotes == (26,)
    plain = answer(source_named(question))
    assert "scheduling reasons" in plain[0].text and plain[0].unit_id == f"{BRIEFING}:fn:26"
    by_author = "Which article by Anwar Iqbal is cited for the claim that Baradar was allowed to join the office?"
    named = answer(source_named(by_author))
    assert "Anwar Iqbal" in named[0].text and named[0].unit_id == f"{BRIEFING}:fn:26"


def test_the_documents_own_name_in_the_question_does_not_pick_an_entry(engine: Any) -> None:
    # Note 80 cites a newspaper's "Enough is enough …", then "See also Crisis Group Report …",
    # the briefing's publisher's own report. Naming the briefing by its publisher says where the
    # claim is, not which entry is asked for (dev d1224): the first entry.
    answer = engine.ask(
        "What source does the Crisis Group briefing give for the report that two senior Taliban leaders died in "
        "Pakistani custody?"
    )
    note = [s for s in answer.sentences if s.unit_id == f"{BRIEFING}:fn:80"]
    assert note and note[0].text.startswith('"Enough is enough') and "See also" not in note[0].text
    briefing = engine.documents[BRIEFING]
    assert own_names(briefing) >= terms_of("Crisis Group") and not own_names(briefing) & terms_of("Taliban")
