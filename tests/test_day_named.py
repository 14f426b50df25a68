"""A day the question names leads over a sentence dating another day (service.lead.asked_day,
`_of_the_asked_day`, `dated_lead`, `_dated_to_the_asked_day`; docs/retrieval.md, "A day the question
names"; docs/tuning.md, sessions 40 and 49)."""

from __future__ import annotations

from typing import Any

from service.lead import asked_day, states_day


def _quoted(answer: Any) -> list[str]:
    return [sentence.text for sentence in answer.sentences]


def test_the_asked_day_is_the_one_day_a_question_names_as_the_time_of_what_it_asks() -> None:
    day = asked_day("Who met Ghani in Kabul on 10 May?")
    assert day is not None and (day.day, day.month, day.year) == (10, 5, None)
    assert asked_day("What did the TTP do on Sept. 5?") is not None
    # A day something came before or after, or by which it is due, is not the asked one.
    assert asked_day("What happened after 7 July 2015?") is None
    assert asked_day("What effect has Biden's decision to withdraw all U.S. troops by 11 September had?") is None
    # A month alone is `of_the_asked_month`'s, two days are no one day.
    assert asked_day("What did President Biden decide in April 2021?") is None
    assert asked_day("Who called Bajwa on 19 February and on 9 March?") is None


def test_a_day_named_only_in_the_question_s_premise_is_not_the_asked_one() -> None:
    # "P on D; what …?": the day dates the user's own statement, which the restating lead holds.
    question = (
        "On 7 July 2015 Pakistan hosted the first direct formal contacts between the Taliban and Afghan"
        " government representatives in Murree; what became of the next round?"
    )
    premise = question.split(";")[0]
    assert asked_day(question) is not None
    assert asked_day(question, premise) is None
    # A day in the asking part is still read past a premise that names none.
    assert asked_day("The talks stalled; what did Khalilzad do on 8 March?", "The talks stalled") is not None


def test_a_sentence_states_the_day_with_its_year_or_without_either() -> None:
    day = asked_day("What did Blinken say on 18 April?")
    assert day is not None
    assert states_day("In a televised interview on 18 April, Secretary of State Blinken said …", day)
    assert states_day("… The New York Times, 18 April 2021.", day)
    assert not states_day("on 10 April, U.S. Secretary of State Antony Blinken telephoned the army chief again", day)
    assert not states_day("In April 2021, …", day)  # the month alone may be another day of it


def test_a_unit_s_sentence_dating_another_day_gives_way_to_the_one_stating_the_asked_day(engine: Any) -> None:
    # Note 36's "Khalilzad discussed the plan with President Ghani … during a 1-4 March 2021 trip
    # to Kabul." restates more of the question than "… Khalilzad subsequently discussed it with
    # Pakistan's army chief Bajwa on 8 March.", which answers it (dev d2173: a2 on main).
    answer = engine.ask("Who did Khalilzad discuss the plan with on 8 March, after his trip to Kabul?")
    assert not answer.abstained
    assert "army chief Bajwa on 8 March" in _quoted(answer)[0]


def test_a_lower_result_stating_the_asked_day_leads_over_a_first_one_dating_another(engine: Any) -> None:
    # Note 36's "… discussed it with Pakistan's army chief Bajwa on 8 March." ranks first for a
    # meeting on 9 March, which note 41 dates (dev d3272: a2 on main).
    answer = engine.ask("Which Pakistani general did Khalilzad sit down with on 9 March?")
    assert not answer.abstained
    assert "on 9 March, Ambassador Khalilzad met the Pakistani army chief" in _quoted(answer)[0]


def test_a_lead_stating_the_asked_day_keeps_it_against_the_set_up_hand_off(engine: Any) -> None:
    # "A second round, scheduled for 31 July, was aborted after the Afghan presidential palace
    # disclosed …" states the day; the next sentence, "Subsequent Pakistani efforts … made little
    # headway …", holds "talks" and took the lead by the set-up reading (dev d4672: a2 on main).
    answer = engine.ask("What did the Afghan presidential palace disclose that scrapped the talks planned for 31 July?")
    assert not answer.abstained
    assert "Mullah Omar had died two years earlier" in _quoted(answer)[0]


def test_a_restating_lead_dating_the_premise_s_day_still_hands_over(engine: Any) -> None:
    # The day is the premise's ("On 7 July 2015 …"), which the restating lead holds: the premise
    # hand-off gives the lead to the next sentence, which answers (dev d4680).
    answer = engine.ask(
        "On 7 July 2015 Pakistan hosted the first direct formal contacts between the Taliban and Afghan"
        " government representatives in Murree; what became of the next round?"
    )
    assert not answer.abstained
    assert _quoted(answer)[0].startswith("A second round, scheduled for 31 July, was aborted")
