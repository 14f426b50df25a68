"""Which entry of a note citing several sources a source answer quotes (docs/retrieval.md,
"Source questions"; service.source_answer.cited_entry), on the real index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from service.bm25 import terms_of, tokenize
from service.citations import parse_sources
from service.records import AnswerSentence, Filters
from service.references import NOTHING_NAMED, SourceNamed, claim_asked, is_reference, source_named
from service.source_answer import Claim, claim_answer, claim_of, document_own_names, find_claim
from tests.support.sentences import scored_sentence

BRIEFING = "icg-asia-briefing-169"
Quotes = tuple[AnswerSentence, ...]


def _claim(engine: Any, question: str, starts: str) -> tuple[int, Claim, Callable[[SourceNamed], Quotes]]:
    """The claim made by the briefing's sentence starting with `starts`, scored for `question`'s
    claim: its unit's index, the claim, and its source answer given what a question names."""
    terms = set(tokenize([claim_asked(question)])[0])
    index, sentence, vector = scored_sentence(engine, question, starts, terms, BRIEFING)
    sources = engine.sources
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


def test_a_notes_own_claim_naming_its_speaker_leads_when_the_speaker_is_asked(engine: Any) -> None:
    # Note 38 says "Taliban sources said …", then cites Express Tribune articles. Asked who told
    # it (`SourceNamed.speaker`), the sentence naming the speakers leads; asked which newspaper
    # reported it, the entry after it leads (the news article names the outlet, not the speaker).
    told = "Who told reporters that Pakistan had been negotiating with the Taliban to rejoin the peace process?"
    index, claim, answer = _claim(engine, told, "Taliban sources said")
    assert claim.notes == (index,)
    first, second = answer(source_named(told))[:2]
    assert first.text.startswith("Taliban sources said") and "The Express Tribune" in second.text
    reported = (
        "Which newspaper reported that Pakistan had been negotiating with the Taliban to rejoin the peace process?"
    )
    first, second = answer(source_named(reported))[:2]
    assert "The Express Tribune" in first.text and second.text.startswith("Taliban sources said")


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
    assert any(s.footnotes == (30,) and s.unit_id == engine.sources.units[index].id for s in named)


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
    # claim is, not which entry is asked for (dev d1224): not the "See also" entry alone, but the
    # note's citations in a row from its first, as for a question naming nothing (session 28).
    answer = engine.ask(
        "What source does the Crisis Group briefing give for the report that two senior Taliban leaders died in "
        "Pakistani custody?"
    )
    note = [s for s in answer.sentences if s.unit_id == f"{BRIEFING}:fn:80"]
    assert note and note[0].text.startswith('"Enough is enough') and note[0].text.endswith("Pitfalls, op. cit.")
    briefing = engine.documents[BRIEFING]
    assert document_own_names(briefing) >= terms_of("Crisis Group") and not document_own_names(briefing) & terms_of(
        "Taliban"
    )


# Citations joined by ";" in one note sentence (docs/retrieval.md, "Which entry of a note") ------------


def _citations(text: str) -> int:
    return len(parse_sources(text))


def test_a_named_citation_of_a_joined_list_is_quoted_alone(engine: Any) -> None:
    # Note 27 joins eight citations with ";" in one sentence. Asked for Ismail Khan's article,
    # the answer quotes that citation alone, a verbatim span of the note's sentence.
    question = "Which article by Ismail Khan is cited for top U.S. officials' visits at every critical juncture?"
    index, claim, answer = _claim(engine, question, "Visits by top U.S. officials")
    assert claim.footnotes == (27,)
    note = next(s for s in answer(source_named(question)) if s.unit_id == f"{BRIEFING}:fn:27")
    assert note.text.startswith("Ismail Khan,") and _citations(note.text) == 1
    unit = engine.sources.units[engine.sources.by_id[note.unit_id]]
    assert unit.text[note.span[0] : note.span[1]] == note.text
    rows = engine.sources.sentences.of_unit(engine.sources.by_id[note.unit_id])
    sentence = next(tuple(int(x) for x in engine.sources.sentences.spans[r]) for r in rows)
    assert sentence[0] < note.span[0] < note.span[1] < sentence[1]  # inside the one joined sentence


def test_a_question_naming_no_citation_of_the_list_gets_the_whole_list(engine: Any) -> None:
    # "What is the source …?" names nothing, and "Which article …?" fits all eight articles
    # alike: the note does not say which citation bears the sentence, so the list is quoted.
    plain = "What is the source for top U.S. officials' visits at every critical juncture of the talks?"
    _, _, answer = _claim(engine, plain, "Visits by top U.S. officials")
    for named in (source_named(plain), source_named("Which article is cited for the visits?"), NOTHING_NAMED):
        note = next(s for s in answer(named) if s.unit_id == f"{BRIEFING}:fn:27")
        assert _citations(note.text) >= 8


def test_one_citation_holding_a_semicolon_is_not_cut(engine: Any) -> None:
    # Note 93 cites one set of interviews, two interviewees joined by ";": one entry, quoted whole.
    answer = engine.ask(
        "Whom did Crisis Group interview on Pakistan abandoning its approach of cultivating Afghan proxies?"
    )
    note = next(s for s in answer.sentences if s.unit_id == f"{BRIEFING}:fn:93")
    assert note.text.startswith("Crisis Group telephone interviews") and "; former head" in note.text


def test_a_reference_leading_by_itself_quotes_the_citation_the_question_names(engine: Any) -> None:
    # Note 5 joins a Dawn and a Reuters citation. The Reuters title is what the question is
    # about, so its note leads the answer alone: of the two, the one naming Samiul Haq.
    answer = engine.ask("Which news outlet quoted Samiul Haq calling Mullah Omar angel-like?")
    first = answer.sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:5" and "Reuters" in first.text and "Dawn" not in first.text


def test_names_in_the_claim_the_question_states_do_not_name_its_source() -> None:
    # "… for the claim that Samiul Haq had …": Samiul Haq is the claim's, not the source's.
    assert (
        source_named("What is the source for the claim that Samiul Haq had close ties to Mullah Omar?").terms == set()
    )
    by_author = source_named("Which article by Anwar Iqbal is cited for the claim that Baradar joined the office?")
    assert by_author.terms == terms_of("Anwar Iqbal")
    assert source_named("Which Reuters article is cited for Samiul Haq's ties to Mullah Omar?").terms >= terms_of(
        "Reuters Samiul"
    )


FOOTNOTES_ONLY = Filters(kinds=("footnote",))


@pytest.mark.parametrize(
    "question",
    [
        # Dev d206: note 12 cites an interview, makes a claim of its own, then cites a Jinnah
        # Institute paper for it; asked of footnotes alone, the note's claim took the passage's
        # place and the paper led (session 19's trial, cause 6, on note 45).
        "What is the source for the quote that Pakistan had 'pleaded with the U.S. to include the Taliban in Bonn'?",
        # Dev d194: note 11 cites The New York Times, then "On Pakistan-U.S. tensions … see …".
        "Who reported that Admiral Mullen called the Haqqani network 'a veritable arm' of the ISI?",
        # Dev d1219: note 25 cites The Diplomat, then "See also" Newsweek.
        "Which article is cited for Pakistan's release of Mullah Baradar in October 2018?",
        # Dev d1245: note 65's first sentence joins two citations; the question names the second.
        "Which TOLO News report is cited for Bajwa assuring Ghani that restoring the Emirate is in nobody's interest?",
    ],
)
def test_a_footnote_filtered_source_question_quotes_the_entry_it_quotes_unfiltered(engine: Any, question: str) -> None:
    # The claim is found in the passage citing the note whatever the filters (it chooses the
    # note's entry); a passage the filters leave out is neither quoted nor shown.
    unfiltered = engine.ask(question)
    entry = next(s for s in unfiltered.sentences if engine.unit(s.unit_id).kind == "footnote")
    filtered = engine.ask(question, filters=FOOTNOTES_ONLY)
    assert (filtered.sentences[0].unit_id, filtered.sentences[0].text) == (entry.unit_id, entry.text)
    assert all(engine.unit(s.unit_id).kind == "footnote" for s in filtered.sentences)
    assert {r.hit.unit.kind for r in filtered.results} == {"footnote"}
    assert filtered.results[0].hit.unit.id == entry.unit_id


def test_a_claim_resting_on_a_later_marker_is_found_through_its_note(engine: Any) -> None:
    # Note 45 cites Reuters for the $12 billion pledge, then has a claim of its own on a May 2021
    # communiqué, cited after it. The pledge's sentence carries no marker: it rests on note 45's,
    # which closes the next sentence. Reached through the note with passages filtered out, it is
    # still the claim (not admitted), and the answer is the Reuters entry alone.
    question = "Where does the report get the $12 billion figure for civilian assistance?"
    sources = engine.sources
    note = engine.position(f"{BRIEFING}:fn:45")
    terms = set(tokenize([claim_asked(question)])[0])
    vector = engine.embedder.encode_query(question)
    claim = find_claim(np.array([note]), vector, terms, sources, 0.25, FOOTNOTES_ONLY.admits)
    assert claim is not None and not claim.admitted and claim.notes == (note,) and claim.carried == (45,)
    unit = sources.units[claim.unit_index]
    assert unit.text[claim.sentence.start : claim.sentence.end].startswith("In November 2020, donors pledged")
    answer = claim_answer(claim, vector, terms, sources, 0.25, 3, source_named(question))
    assert len(answer) == 1 and "Reuters" in answer[0].text and answer[0].unit_id == f"{BRIEFING}:fn:45"


def test_a_question_naming_its_source_is_answered_with_the_note_that_holds_it(engine: Any) -> None:
    # Note 41 (no reference entry) echoes the question best; note 27, ranked second, cites
    # Agence France-Presse in a ";"-joined list for the passage's claim. The claim whose note
    # holds the named outlet is the one asked about, and that entry alone leads.
    answer = engine.ask("What did Agence France-Presse report about the Centcom chief's talks with Bajwa?")
    first = answer.sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:27"
    assert "Agence France-Presse" in first.text and "Dawn" not in first.text
    # An outlet of two words, one a kind word ("News"), in a list of three citations.
    answer = engine.ask(
        "What did TOLO News report about Taliban negotiators consulting their Pakistan-based leadership?"
    )
    first = answer.sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:75" and "TOLO News" in first.text and "Reuters" not in first.text
    assert answer.results[0].hit.unit.id == first.unit_id


def test_a_note_naming_the_asked_source_leads_a_claim_that_names_another_in_its_words(engine: Any) -> None:
    # "In an interview with a German newsmagazine …, Ghani said": the sentence names its source
    # in words, the note by name (Der Spiegel), which the question asks for: the note leads.
    answer = engine.ask("What did Der Spiegel publish about Ghani's accusations against Pakistan?")
    first = answer.sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:64" and "Der Spiegel" in first.text
    assert answer.results[0].hit.unit.id == first.unit_id


def test_citations_in_a_row_are_quoted_together_when_the_question_names_none(engine: Any) -> None:
    # Note 80 cites a newspaper, then "See also" a Crisis Group report, as two sentences. The
    # question names neither: the answer quoted the first alone, leaving out the second.
    question = "What is the source for the claim that Taliban leaders who resisted Pakistan were imprisoned?"
    _, claim, answer = _claim(engine, question, "Taliban leaders who attempted to resist")
    assert claim.notes and engine.sources.units[claim.notes[0]].id == f"{BRIEFING}:fn:80"
    first = answer(source_named(question))[0]
    assert first.unit_id == f"{BRIEFING}:fn:80"
    assert "Enough is enough" in first.text and "Counter-terrorism Pitfalls" in first.text


def test_a_named_citation_of_a_row_is_quoted_alone(engine: Any) -> None:
    # Note 55: a Crisis Group report, then "See also" an Express Tribune article.
    question = "Which Express Tribune article is cited for Pakistani Taliban fighting alongside Afghan ones?"
    _, _, answer = _claim(engine, question, "Since the Taliban's ouster in 2001")
    first = answer(source_named(question))[0]
    assert first.unit_id == f"{BRIEFING}:fn:55"
    assert "The Express Tribune" in first.text and "Resetting" not in first.text


def test_a_row_of_citations_stops_at_the_notes_own_claim(engine: Any) -> None:
    # Note 12: an interview, the note's own claim, then a Jinnah Institute paper. The row the
    # passage's claim cites is the interview alone: the paper sources the note's own claim.
    question = "What is the source for the claim that Pakistan asked for the Taliban's inclusion at Bonn?"
    _, _, answer = _claim(engine, question, "As early as the 2001 Bonn conference")
    first = answer(source_named(question))[0]
    assert first.unit_id == f"{BRIEFING}:fn:12" and first.text == "Crisis Group telephone interview, October 2020."


def test_a_reference_leading_by_itself_is_chosen_among_its_notes_sentences(engine: Any) -> None:
    # Note 25: Adrian Hanni's Diplomat article, then "See also" Ron Moreau's Newsweek one. The
    # first scores higher on the topic; the author the question names is in the second.
    first = engine.ask("Which article by Ron Moreau does the briefing cite on Baradar?").sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:25" and "Newsweek" in first.text and "Hanni" not in first.text


def test_a_date_the_question_gives_picks_the_entry_of_that_date(engine: Any) -> None:
    # Note 26 cites two Dawn reports, of 15 November and 27 October 2018; the later one's title
    # names Baradar, as the question does, so only the date tells them apart.
    question = "Which Dawn report of 15 November 2018 does the briefing cite on Baradar's release?"
    first = engine.ask(question).sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:26" and "15 November 2018" in first.text and "27 October" not in first.text


def test_a_claim_naming_no_source_gives_way_to_an_entry_the_question_names(engine: Any) -> None:
    # Note 41 restates the question ("the U.S. Central Command chief called Bajwa …") and cites
    # nothing; an entry of note 27 is the AFP report whose title the question echoes.
    question = "Which agency reported that the Centcom chief and Bajwa discussed security and the Afghan peace process?"
    first = engine.ask(question).sentences[0]
    assert first.unit_id == f"{BRIEFING}:fn:27"
    assert "Agence France-Presse" in first.text and "Dawn" not in first.text
