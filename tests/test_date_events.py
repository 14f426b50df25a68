"""Which event a date in a sentence is the date of (service.date_events), and what the engine does
when the lead's dates are all of other events than the asked one: the note its marker cites dates
the asked event, or the answer is withdrawn (docs/retrieval.md, "A date of another event")."""

from __future__ import annotations

from typing import Any

import pytest

from service.bm25 import tokenize
from service.date_events import distinctive, only_other_events

COMMON = {"pakistan", "taliban", "afghan", "afghanistan"}  # what every sentence of these reports holds


def _wanted(question: str) -> frozenset[str]:
    return distinctive(tokenize([question])[0], lambda term: 0.5 if term in COMMON else 0.01)


ROUND = (
    "A second round, scheduled for 31 July, was aborted after the Afghan presidential palace disclosed that "
    "Taliban leader Mullah Omar had died two years earlier, allegedly in a Pakistani hospital."
)
FENCE = (
    "According to the Pakistani military, the fence construction, which began in 2017, is aimed at preventing "
    "cross-border movement of terrorists, as are the 843 planned frontier posts, which it insists are inside "
    "Pakistan's territory."
)
LEADERS = (
    "Two senior Taliban leaders, Mullah Ubaidullah Akhund, the former Taliban defence minister, and Ustad Yasir "
    "reportedly died in Pakistani security agencies' custody between 2010 and 2012."
)
CALLS = (
    "On 19 February, the U.S. Central Command chief called Bajwa at the army headquarters in Rawalpindi; on "
    "9 March, Ambassador Khalilzad met the Pakistani army chief."
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("When did the Afghan presidential palace disclose that Mullah Omar had died?", ROUND),
        ("When were the 843 planned frontier posts built?", FENCE),
        ("When did Mullah Ubaidullah Akhund become the Taliban's defence minister?", LEADERS),
    ],
)
def test_a_date_whose_clause_holds_none_of_the_asked_words_is_of_another_event(question: str, text: str) -> None:
    assert only_other_events(text, _wanted(question))


NEGOTIATIONS = (
    "Since intra-Afghan negotiations started in Doha, Qatar on 12 September 2020, Pakistan's military leadership "
    "have repeatedly emphasised that only a political settlement can end conflict in Afghanistan."
)
RESPONDING = (
    "Responding, for instance, to the March U.S. proposal to hold a UN-sponsored meeting of regional countries on "
    "Afghanistan, Pakistan's foreign office spokesperson said that India has not been a constructive partner."
)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("When did the intra-Afghan negotiations start?", NEGOTIATIONS),  # "Doha, Qatar": one place
        ("When did Pakistan's foreign office call India a spoiler?", RESPONDING),  # a participle's opening phrase
    ],
)
def test_an_opening_phrase_dates_the_sentence(question: str, text: str) -> None:
    assert not only_other_events(text, _wanted(question))


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("When was the second round of talks scheduled for?", ROUND),
        ("When did Pakistan start fencing the border?", FENCE),  # the noun the "which" clause is said of
        ("When did Mullah Ubaidullah Akhund die?", LEADERS),
        ("When did Ambassador Khalilzad meet the Pakistani army chief?", CALLS),  # an opening phrase of a part
        ("When did donors pledge $12 billion?", "In November 2020, donors pledged $12 billion in assistance."),
        (
            "When did the foreign ministry urge Kabul to act on terrorist camps?",
            "“FO asks Kabul to eliminate terrorist hideouts along border”, Dawn, 29 August 2019.",
        ),
        (
            "When did Baradar reach out to Karzai's government?",
            "Baradar was detained in Karachi since 2010, when he reached out to Hamid Karzai's government.",
        ),
    ],
)
def test_a_date_read_with_the_asked_words_is_the_asked_events(question: str, text: str) -> None:
    assert not only_other_events(text, _wanted(question))


def test_a_sentence_holding_no_asked_word_cannot_be_told() -> None:
    assert not only_other_events(
        "Crisis Group telephone interview, October 2020.", _wanted("When were the 843 planned frontier posts built?")
    )


def test_the_note_dates_the_event_the_lead_dates_another_of(engine: Any) -> None:
    # The lead's "31 July" is the second round's; note 14's entry dates the palace's news.
    answer = engine.ask("When did the Afghan presidential palace reveal that Mullah Omar had died?")
    assert not answer.abstained
    assert answer.sentences[0].unit_id == "icg-asia-briefing-169:fn:14"
    assert "30 July 2015" in answer.sentences[0].text


def test_an_event_the_corpus_never_dates_beside_another_events_date_abstains(engine: Any) -> None:
    assert engine.ask("When were the 843 planned frontier posts built?").abstained


def test_the_lead_stating_the_asked_events_date_stands(engine: Any) -> None:
    answer = engine.ask("When did Pakistan begin fencing its border with Afghanistan?")
    assert not answer.abstained
    assert "which began in 2017" in answer.sentences[0].text
