"""Who holds an office now: the current-holder question and the past holder's markers
(service.holders), and the `former-holder` withdrawal they drive (service.verdict)."""

from __future__ import annotations

from typing import Any

import pytest

from service.holders import (
    AskedRole,
    asked_role,
    asked_role_word,
    asks_who_the_role_is,
    leaves_the_asked_one_unnamed,
    only_former_holders,
    unnamed_speakers_words,
)
from tests.support.withdrawals import stands_leading_with, withdrawn_for


@pytest.mark.parametrize(
    ("question", "words", "verb"),
    [
        ("Who is the Taliban's current prime minister?", 2, False),
        ("Who is the current U.S. secretary of state?", 1, False),  # the office ends at "of"
        ("Who is the present army chief of Pakistan?", 2, False),
        ("Who is the U.S. defence secretary at present?", 2, False),
        ("Who leads the TTP today?", 1, True),
        ("Who currently heads the agency?", 1, True),  # the present before the verb
        # The present tense of "be" asks for the holder now, with no word of the present.
        ("Who is the Taliban's defence minister?", 2, False),
        ("Who's Pakistan's army chief?", 2, False),
        ("Who is Mullah Omar's deputy now?", 1, False),  # a relation, asked of now in words
    ],
)
def test_a_question_asking_for_the_current_holder_reads_its_office(question: str, words: int, verb: bool) -> None:
    role = asked_role(question)
    assert role is not None and len(role.stems) == words and role.verb is verb


@pytest.mark.parametrize(
    "question",
    [
        "Who was the first supreme leader of the Pakistani Taliban?",  # asks for the first one
        "Who was the Taliban's defence minister?",  # the past may ask for any holder
        "Who is Mullah Omar's deputy?",  # a relation to a person, asked of the dead too
        "Who are the Haqqanis?",  # a name, no office
        # Asked for whoever did something then: a clause, a past verb or a year after the office.
        "Who is the admiral who called the Haqqani network a veritable arm of the ISI?",
        "Who is the Pakistani official Armitage warned?",
        "Who is Pakistan's military ruler in 2001?",
        "Who are the TTP's leaders?",  # a set, past members too
        "Who is the founder of the TTP?",  # a role only ever held in the past
        "Who is the Taliban's founding leader?",
        "Who is Baradar now?",  # a name, no office
        "When did the current peace process begin?",  # asks for no holder
        "What presents a conundrum for Islamabad now?",  # "presents" is no present
    ],
)
def test_other_questions_ask_for_no_current_holder(question: str) -> None:
    assert asked_role(question) is None


def _role(question: str) -> AskedRole:
    role = asked_role(question)
    assert role is not None
    return role


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is the current leader of the group?", "Including the group's first supreme leader, A B, they fought."),
        ("Who is the current chairman of the board?", "In 2011, C D, then chairman of the board, called it an arm."),
        ("Who is the ministry's defence minister today?", "E F, the former Taliban defence minister, died in custody."),
        ("Who is the envoy's ambassador now?", "They include a former ambassador, arrested in 2002."),
        ("Who is the ambassador now?", "The ex-ambassador went on to say more."),
        ("Who is the party's leader now?", "One of its founding leaders, G H, spent a decade in prison."),
        ("Who currently heads the council?", "New Prime Minister I J, who headed the council, was named."),
        ("Who leads the council now?", "A delegation led by K L met officials."),
    ],
)
def test_a_holder_the_text_marks_as_past_is_no_current_holder(question: str, sentence: str) -> None:
    assert only_former_holders(_role(question), [sentence])


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        # No marker: the sentence may name the current holder.
        ("Who is the current prime minister?", ["These include new Prime Minister A B, who headed the council."]),
        ("Who is the present army chief?", ["The envoy met the army chief; then, the army chief left."]),
        # A marker in another clause belongs to something else.
        ("Who is the current foreign minister?", ["For the first time, Foreign Minister C D spoke."]),
        # A sentence not writing the office says nothing either way, and the first that does decides.
        (
            "Who is the current defence minister?",
            ["Nothing on it here.", "Defence minister E F spoke.", "The former defence minister G H died."],
        ),
        ("Who is the current leader?", []),
    ],
)
def test_an_office_written_without_a_past_marker_stands(question: str, sentences: list[str]) -> None:
    assert not only_former_holders(_role(question), sentences)


def test_what_a_user_reads_first_about_the_office_decides() -> None:
    role = _role("Who is the current leader of the group?")
    first = "Commanders, including the group's first supreme leader, A B, fought."
    later = "In recent months, its new supreme leader has reunited the factions."
    assert only_former_holders(role, ["Unrelated.", first, later])
    assert not only_former_holders(role, [later, first])


@pytest.mark.parametrize(
    "question",
    [
        "Who is the Taliban's current defence minister?",  # "the former Taliban defence minister"
        "Who is the current chairman of the Joint Chiefs of Staff?",  # "then chairman"
        "Who is the Taliban's ambassador to Pakistan now?",  # "a former Taliban ambassador"
        "Who is the Taliban's supreme leader?",  # "the group's first supreme leader, Baitullah Mehsud"
        "Who is the Taliban's defence minister?",  # the present tense, no word of the present
    ],
)
def test_an_answer_naming_only_a_past_holder_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["former-holder"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Who is the Taliban's current prime minister?", "new Prime Minister Mullah Obaidullah Akhund"),
        ("Who is Pakistan's national security advisor now?", "Moeed Yusuf"),
        # Asked for the first or a past holder, the marked one answers.
        ("Who was the first supreme leader of the Pakistani Taliban?", "first supreme leader, Baitullah Mehsud"),
        ("Who previously served as the Taliban's defence minister?", "the former Taliban defence minister"),
    ],
)
def test_an_answer_naming_the_asked_holder_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)


# A holder placed in the past only by a year (docs/retrieval.md, "Who holds an office now"): the
# documents quoting these sentences are published in 2021.
@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # A year in the office's own clause.
        ("Who is the current secretary of state?", "Secretary of State A B announced the policy in February 2011."),
        # A year opening the sentence dates what follows it, across its clauses.
        (
            "Who is the current military ruler?",
            "After the September 2001 attacks, pressure prompted military ruler C D to act.",
        ),
        ("Who is the ruler today?", "The 1893 agreement between E F, an emissary, and ruler G H drew the border."),
    ],
)
def test_a_holder_a_year_places_long_before_publication_is_no_current_holder(question: str, sentence: str) -> None:
    assert only_former_holders(_role(question), [sentence], [2021])


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # The start of a tenure: the holder may still be in office.
        (
            "Who is the current prime minister?",
            "Since taking power in July 2011, Prime Minister A B has ceded decisions.",
        ),
        (
            "Who is the current special envoy?",
            "In October 2011, a month after he was appointed special envoy, C D came.",
        ),
        ("Who is the current special envoy?", "Talks gained momentum after E F's 2011 appointment as special envoy."),
        # A year within a term of office before publication.
        ("Who is the current prime minister?", "In 2019, Prime Minister G H visited Kabul."),
        # A year after the office's clause is of something else.
        ("Who is the current prime minister?", "Prime Minister I J, who first visited Kabul in 1990, spoke."),
        # The office's clause writes the present.
        ("Who is the current chairman?", "In 2005 K L became chairman and is chairman now."),
    ],
)
def test_a_holder_whose_year_is_a_start_recent_or_of_something_else_stands(question: str, sentence: str) -> None:
    assert not only_former_holders(_role(question), [sentence], [2021])


def test_a_year_is_read_against_the_quoting_documents_date_only_when_the_catalog_gives_one() -> None:
    role = _role("Who is the current secretary of state?")
    sentence = "Secretary of State A B announced the policy in February 2011."
    assert only_former_holders(role, [sentence], [2021])
    assert not only_former_holders(role, [sentence], [2013])  # two years before its document
    assert not only_former_holders(role, [sentence], [None])  # an undated document
    assert not only_former_holders(role, [sentence])


def test_a_later_sentence_writing_the_office_undated_keeps_an_answer_led_by_a_dated_holder() -> None:
    role = _role("Who is the current secretary of state?")
    dated = "Secretary of State A B announced the policy in February 2011."
    undated = "On 10 April, Secretary of State C D telephoned the army chief."
    assert not only_former_holders(role, [dated, "Unrelated.", undated], [2021, 2021, 2021])
    assert only_former_holders(role, [dated, "Unrelated."], [2021, 2021])
    # A holder the text marks in words still decides alone, as the first writing the office.
    marked = "E F, then secretary of state, spoke."
    assert only_former_holders(role, [marked, undated], [2021, 2021])


def test_an_answer_naming_only_a_holder_dated_long_before_its_document_is_withdrawn(engine: Any) -> None:
    # The briefing (2021) writes "After the September 2001 terror attacks …, Pakistan's military
    # ruler President Pervez Musharraf": no marker, only the year.
    assert withdrawn_for(engine, "Who is Pakistan's current military ruler?") == ["former-holder"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # "… after Zalmay Khalilzad's September 2018 appointment as special representative …"
        ("Who is the current U.S. special representative for Afghanistan reconciliation?", "Khalilzad"),
        # "Since taking power in a contested election in July 2018, …, Prime Minister Imran Khan has …"
        ("Which prime minister currently leads Pakistan's government?", "Prime Minister Imran Khan"),
        # Asked in the past, the dated holder answers.
        (
            "Which secretary of state announced the policy of reconciliation with the Taliban in 2011?",
            "Hillary Clinton",
        ),
    ],
)
def test_an_answer_naming_a_holder_dated_from_a_start_or_asked_in_the_past_stands(
    engine: Any, question: str, lead: str
) -> None:
    stands_leading_with(engine, question, lead)


@pytest.mark.parametrize(
    "sentence",
    [
        'A Pakistan foreign ministry spokesperson said: "His release was facilitated."',
        'A former ambassador, who has served in both governments, said, however: "While …"',
        "A former senior counter-terrorism official likewise warned: “Militants will benefit.”",
        'A former senior security official, for example, said: "The imposition …"',
        "An expert with extensive knowledge of the relationship said influence has changed.",
        # a verb outside the lists of saying, a role naming a place or a body, an act (session 32)
        'A Pakistani security analyst concurred: "Pakistani authorities say so".',
        'Weeks into the talks, a former Pakistani ambassador to Kabul said: "Pakistan has to dissuade them".',
        "Additionally, a top Taliban official with the group’s political office offered China effusive praise.",
        # the main clause's speaker, after a clause or a conjunction
        'So long as the council needs havens, a former senior military officer said, Pakistan will "retain leverage".',
        'Yet, as a former Pakistani ambassador noted, should Pakistan\'s "declared policy" continue to collide …',
    ],
)
def test_a_sentence_opening_with_an_unnamed_speakers_words_is_read(sentence: str) -> None:
    assert unnamed_speakers_words(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "A Taliban spokesperson, Zabihullah Mujahid, said the border would stay open.",  # named in the aside
        "A Taliban delegation headed by chief negotiator Baradar held talks in Islamabad.",  # no words reported
        "A second round, scheduled for 31 July, was aborted after the palace disclosed it.",
        "Taliban spokesperson Suhail Shaheen told the BBC the Taliban intend to speak.",  # no indefinite article
        "According to a retired general, the space has shrunk.",  # not what the sentence opens with
        "In October, a month after he was appointed envoy, Pakistan released Baradar.",  # a clause, no role
    ],
)
def test_a_sentence_naming_its_speaker_or_quoting_none_is_not_read(sentence: str) -> None:
    assert unnamed_speakers_words(sentence) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who was the spokesperson?", True),
        ("Who is the retired general who spoke of the Taliban's natural allies?", True),
        ("Who is Pakistan's foreign office spokesperson?", True),
        ("Who was Mullah Omar's deputy?", True),
        ("Who's the army chief?", True),
        ("Who is Zalmay Khalilzad?", False),  # names the person, asks for a role
        # the name asked for in words (session 32)
        ("What is the name of the former ambassador to Kabul who said Pakistan had to dissuade them?", True),
        ("What was the name of the senior Pashtun politician who warned of walls?", True),
        ("Name the retired senior army officer who spoke of the military's links.", True),
        ("What's the name of Pakistan's foreign office spokesperson?", True),
        ("What is the name of the TTP's newspaper?", True),
        ("What is the name given to the Taliban's leadership council?", False),
        ("Name three Taliban leaders.", False),
        ("Who said that?", False),  # asks for a speaker: an unnamed one answers
        ("Who said the military will want to keep its links with the Taliban intact?", False),
    ],
)
def test_a_question_asking_who_the_role_is_is_read(question: str, asks: bool) -> None:
    assert asks_who_the_role_is(question) is asks


@pytest.mark.parametrize(
    "question",
    [
        "Who was the retired general who spoke of the Taliban's natural allies?",
        "Who is the Pakistani military's spokesperson?",
        "Who was the former senior military officer who said Pakistan will retain leverage over the Taliban?",
    ],
)
def test_who_a_role_is_answered_by_an_unnamed_speaker_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["unnamed"]


@pytest.mark.parametrize(
    "question",
    [
        # dev d2727, d2734: the name asked for in words
        "What is the name of the former Pakistani ambassador to Kabul who said Pakistan had to dissuade the Taliban"
        " from refusing to compromise?",
        "What is the name of the Pakistani security analyst who concurred that the U.S. decision to opt for a"
        " negotiated settlement vindicated Pakistan's stance?",
        # dev d2729: a longer role, and an act rather than words
        "Who was the top Taliban official who offered China effusive praise?",
    ],
)
def test_the_name_of_someone_the_text_leaves_unnamed_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["unnamed"]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Who said the military will want to keep its links with the Taliban intact?", "A retired senior army officer"),
        (
            "Who was the Taliban spokesperson who told the BBC the Taliban would speak for Muslims in Kashmir?",
            "Taliban spokesperson Suhail Shaheen",
        ),
        # the name asked for in words, of someone the text names (session 32, `name-asked`)
        (
            "What is the name of the ISI chief who held talks with a Taliban delegation in Islamabad on 3 October?",
            "ISI chief Lieutenant General Faiz Hameed",
        ),
        # an act of someone the text names, whose sentence opens on an indefinite subject
        (
            "Who was the chief negotiator who headed the Taliban delegation that held talks in Islamabad on 3 October?",
            "chief negotiator Baradar held talks",
        ),
    ],
)
def test_a_speaker_asked_or_a_named_one_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Who was the retired general who spoke of the Taliban's natural allies?", "general"),
        ("Who is Pakistan's foreign office spokesperson?", "spokesperson"),
        ("Who is the Pakistani military's spokesperson?", "spokesperson"),
        ("Who are the Taliban's natural allies?", "allies"),
        ("Who were the ultimate beneficiaries of Taliban state capture?", "beneficiaries"),
        ("Who was Crisis Group's source for the claim that the U.S. was subletting Afghanistan?", "source"),
        ("Who is the TTP's spokesperson now?", "spokesperson"),
        ("Who is Zalmay Khalilzad?", None),  # asks no role
    ],
)
def test_the_role_a_who_question_asks_of_is_read(question: str, word: str | None) -> None:
    assert asked_role_word(question) == word


_GENERAL = (
    "A retired general said: “The space for the Taliban’s natural allies – Pashtun militants and Sunni sectarian"
    " outfits – is already expanding in Afghanistan."
)
_SPOKESPERSON = 'A Pakistan foreign ministry spokesperson said: "His [Baradar\'s] release was facilitated by Pakistan".'


@pytest.mark.parametrize(
    ("question", "lead", "unnamed"),
    [
        ("Who was the retired general who spoke of the Taliban's natural allies?", _GENERAL, True),
        ("Who was the spokesperson?", _SPOKESPERSON, True),
        ("Who is Pakistan's foreign office spokesperson?", _SPOKESPERSON, True),
        # the asked people are what the reported words name
        ("Who are the Taliban's natural allies?", _GENERAL, False),
        # a speaker asked for by no role of its own: the text's role answers
        ("Who was the one who spoke of the Taliban's natural allies?", _GENERAL, False),
        ("Who was the person who said the release was facilitated by Pakistan?", _SPOKESPERSON, False),
        ("Who was Crisis Group's source for the remark on the Taliban's natural allies?", _GENERAL, False),
        # a name asked for in words: no role the text gives answers it (session 32)
        ("What is the name of the retired general who spoke of the Taliban's natural allies?", _GENERAL, True),
        ("What was the name of the person who spoke of the Taliban's natural allies?", _GENERAL, True),
        ("Name the spokesperson who said the release was facilitated by Pakistan.", _SPOKESPERSON, True),
        ("What are the names of the Taliban's natural allies?", _GENERAL, False),  # the reported words name them
        ("Who is the source for the view that the space for the Taliban's allies is expanding?", _GENERAL, False),
        # the lead names its speaker
        (
            "Who was the spokesperson?",
            "Taliban spokesperson Suhail Shaheen told the BBC the Taliban intend to speak.",
            False,
        ),
    ],
)
def test_a_lead_leaves_the_asked_one_unnamed_only_when_it_reports_words_of_another(
    question: str, lead: str, unnamed: bool
) -> None:
    assert leaves_the_asked_one_unnamed(question, lead) is unnamed


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Who are the Taliban's natural allies?", "A retired general said"),
        (
            "Who was the one who said the military will want to keep its links with the Taliban intact?",
            "A retired senior army officer said",
        ),
        (
            "Who was Crisis Group's source for the remark that the U.S. was subletting Afghanistan?",
            "An opposition politician said",
        ),
    ],
)
def test_a_question_an_unnamed_speakers_sentence_answers_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)
