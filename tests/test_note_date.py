"""A date a body sentence leaves to the note its marker cites (service.note_answer,
`dated_note_first`): asked by the real engine over the session index. The note's dated sentence
leads the answer and its note the results, the body sentence follows; a body sentence that
states the date keeps the lead, and a note whose date shares none of the question's
distinctive words is not quoted for it (docs/retrieval.md, "A date left to the note")."""

from __future__ import annotations

from typing import Any

from service.records import Answer
from service.references import saying_part

from .support.answers import lead_holds

NOTE = "icg-asia-briefing-169:fn:{}"


def _check_quoted(answer: Answer) -> None:
    """Every quoted sentence is verbatim in a result the answer names, inside its highlights."""
    shown = {r.hit.unit.id: r for r in answer.results}
    for sentence in answer.sentences:
        result = shown[sentence.unit_id]
        start, end = sentence.span
        assert result.hit.unit.text[start:end] == sentence.text
        assert sentence.span in result.highlights


def test_a_note_stating_the_date_in_another_verb_leads_and_the_body_sentence_follows(engine: Any) -> None:
    # The body sentence: "Pakistan has accused Afghan intelligence and India of backing …"
    # (no date); note 57: "On 14 November 2020, Foreign Minister Qureshi … disclosed a dossier …".
    answer = engine.ask(
        "When did Pakistan make public its proof that India backed Pakistani militants operating from Afghanistan?"
    )
    assert not answer.abstained
    lead = answer.sentences[0]
    assert lead.unit_id == NOTE.format(57)
    assert lead.text.startswith("On 14 November 2020, Foreign Minister Qureshi")
    assert answer.results[0].hit.unit.id == NOTE.format(57)
    assert "footnote 57" in answer.results[0].citation
    body = answer.sentences[1]
    assert body.text.startswith("Pakistan has accused Afghan intelligence and India") and 57 in body.footnotes
    _check_quoted(answer)


def test_a_cited_entry_whose_headline_names_the_event_gives_the_date(engine: Any) -> None:
    answer = engine.ask("When did a Pakistani newspaper editorial decry TTP safe havens in Afghanistan?")
    assert not answer.abstained
    assert answer.sentences[0].unit_id == NOTE.format(61)
    lead_holds(answer, "10 May 2021")
    assert answer.sentences[1].text.startswith("A Pakistani newspaper editorial that decried TTP")
    _check_quoted(answer)


def test_a_note_sentence_leading_without_a_date_is_led_by_the_entry_that_sources_it(engine: Any) -> None:
    answer = engine.ask(
        "When did Pakistan's foreign ministry say it had facilitated Baradar's release at the U.S. request?"
    )
    assert not answer.abstained
    entry, said = answer.sentences[:2]
    assert entry.unit_id == said.unit_id == NOTE.format(26)
    assert "15 November 2018" in entry.text
    assert said.text.startswith("A Pakistan foreign ministry spokesperson said")
    _check_quoted(answer)


def test_a_body_sentence_stating_the_date_keeps_the_lead(engine: Any) -> None:
    answer = engine.ask("When did the U.S. kill Taliban leader Mullah Akhtar Mohammed Mansour?")
    assert not answer.abstained
    assert answer.sentences[0].unit_id.startswith("icg-asia-briefing-169:p:")
    lead_holds(answer, "May 2016")


def test_a_note_whose_date_is_of_something_else_does_not_lead(engine: Any) -> None:
    # "He added, however, that …" cites note 42, a later article on duty-free zones: its date is
    # not the hearing's, and it holds none of the question's distinctive words.
    answer = engine.ask(
        "When did Khalilzad say that Pakistan has a special responsibility given its influence over the Taliban?"
    )
    assert not answer.abstained
    assert all(s.unit_id != NOTE.format(42) for s in answer.sentences)
    assert any("27 April" in s.text for s in answer.sentences)


def test_a_question_not_asking_for_a_date_is_left_alone(engine: Any) -> None:
    answer = engine.ask("Whom has Pakistan accused of backing Pakistani militants to stage raids into Pakistan?")
    assert not answer.abstained
    assert answer.sentences[0].unit_id != NOTE.format(57)


def test_a_note_a_neighbouring_sentence_cites_dates_the_lead_its_own_note_leaves_undated(engine: Any) -> None:
    # The lead: "The Trump administration's decision to hold direct talks with the Taliban …"
    # cites note 17 (earlier briefings only); the paragraph's last sentence cites note 19:
    # "The first high-level direct U.S.-Taliban meeting took place in Doha in July 2018 …".
    answer = engine.ask("When did the Trump administration begin dealing directly with the Taliban?")
    _assert_led_by_note_19(answer)
    assert answer.sentences[1].text.startswith("The Trump administration's decision to hold direct talks")


def test_a_reference_entry_of_a_neighbours_note_does_not_date_the_lead(engine: Any) -> None:
    # "… the U.S. kept it in the loop as talks with the Taliban progressed." cites nothing; the
    # next sentence's note 27 lists dated Dawn articles ("U.S. reaches out to Bajwa …", 8 June
    # 2018): they source the visits, not when the U.S. began keeping the military in the loop.
    answer = engine.ask(
        "When did the U.S. begin keeping Pakistan's military leadership in the loop on the talks with the Taliban?"
    )
    assert all(s.unit_id != NOTE.format(27) for s in answer.sentences)


def test_a_lead_dating_another_event_gives_way_to_the_note_dating_the_asked_one(engine: Any) -> None:
    # Ranked first: "In his 2017 South Asia policy address, President Donald Trump had
    # criticised Pakistan …", a date of the address, not of the talks; the paragraph's last
    # sentence cites note 19: "The first high-level direct U.S.-Taliban meeting took place in
    # Doha in July 2018 …" (docs/retrieval.md, "A date left to the note").
    answer = engine.ask("When did the Trump administration start holding direct talks with the Taliban?")
    _assert_led_by_note_19(answer)
    assert any(s.text.startswith("In his 2017 South Asia policy address") for s in answer.sentences[1:])


def _assert_led_by_note_19(answer: Any) -> None:
    """Note 19's dated sentence leads the answer and its note the results, every quote verbatim."""
    assert not answer.abstained
    lead = answer.sentences[0]
    assert lead.unit_id == NOTE.format(19)
    assert lead.text.startswith("The first high-level direct U.S.-Taliban meeting took place in Doha in July 2018")
    assert answer.results[0].hit.unit.id == NOTE.format(19)
    _check_quoted(answer)


def test_a_lead_dating_the_asked_event_keeps_the_lead(engine: Any) -> None:
    # The same sentence, asked for its own event: its date is the answer, no note replaces it.
    answer = engine.ask("When did Trump give his South Asia policy address?")
    assert not answer.abstained
    lead = answer.sentences[0]
    assert lead.unit_id.startswith("icg-asia-briefing-169:p:")
    assert "In his 2017 South Asia policy address" in lead.text


def test_another_event_reads_the_asked_events_words(engine: Any) -> None:
    # The verdict's reading, used before it: a sentence writing none of the asked event's words
    # gives another event's date; one writing them does not.
    another = engine.judge.another_event(
        "When did the Trump administration start holding direct talks with the Taliban?"
    )
    assert another("In his 2017 South Asia policy address, President Donald Trump had criticised Pakistan.")
    assert not another("The first high-level direct U.S.-Taliban meeting took place in Doha in July 2018.")


def test_a_lead_told_only_relative_to_another_event_gives_way_to_the_note_dating_it(engine: Any) -> None:
    # The body sentence: "… appeared to bear fruit a decade later, when the Obama administration
    # signalled … its openness to talking with the Taliban." (a time relative to another event);
    # note 13: "… in a speech before the Asia Society in February 2011." (docs/tuning.md, session 35)
    answer = engine.ask("When did the Obama administration signal that it was open to talks with the Taliban?")
    assert not answer.abstained
    assert answer.sentences[0].unit_id == NOTE.format(13)
    lead_holds(answer, "February 2011")
    assert answer.results[0].hit.unit.id == NOTE.format(13)
    assert any("a decade later" in s.text and 13 in s.footnotes for s in answer.sentences[1:])
    _check_quoted(answer)


def test_a_relative_time_is_no_calendar_date_and_a_calendar_date_beside_it_still_is() -> None:
    from service.answer_type import states_calendar_date

    asked = "When did the council vote on the budget?"
    assert not states_calendar_date("The council voted on it a decade later, after the election.", asked)
    assert not states_calendar_date("Two years earlier, the council had voted on the budget.", asked)
    assert states_calendar_date("In March 2019, two years earlier than planned, the council voted.", asked)


def test_a_clause_a_verb_of_saying_reports_is_what_was_said_not_who_said_it() -> None:
    # The reference entry after such a sentence dates the saying: only the words before the
    # verb (or the "According to X" frame), outside quotations, tell who said it and where.
    assert saying_part('The adviser added that the U.S. had "assured us".') == "The adviser added"
    assert saying_part("According to a former foreign secretary, Pakistan had suggested it.") == (
        "According to a former foreign secretary"
    )
    assert saying_part('A spokesperson said: "His release was facilitated".') == "A spokesperson said"
    assert saying_part("The United States reopened its embassy.") == "The United States reopened its embassy."


def test_a_note_reporting_an_event_an_entry_dates_only_the_saying_of_abstains(engine: Any) -> None:
    # Note 51: "Yet a top former Pakistani security official disclosed that the Taliban continued to
    # allow Lashkar-e-Jhangvi to run training camps, merely shifting them to … Sarobi, in
    # Jalalabad …" / "Crisis Group telephone interview, October 2020.": the interview's month is
    # no date of the shift, and the note states none.
    answer = engine.ask("When did Lashkar-e-Jhangvi move its training camps to Sarobi and Jalalabad?")
    assert answer.abstained
    assert answer.abstain_reason == "no-date-stated"


def test_asking_when_the_speaker_said_it_keeps_the_entry_that_dates_the_saying(engine: Any) -> None:
    answer = engine.ask(
        "When did a former Pakistani security official disclose that Lashkar-e-Jhangvi still ran camps in Afghanistan?"
    )
    assert not answer.abstained
    assert answer.sentences[0].unit_id == NOTE.format(51)
    assert "October 2020" in answer.sentences[0].text
