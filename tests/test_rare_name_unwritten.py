"""A country or body the corpus writes rarely, asked of and written in no quoted sentence while the
lead writes another one, or, when the lead writes none, the name is the question's subject
(service.name_forms `rare_name_unwritten`, the verdict "unwritten-name";
docs/retrieval.md, "Abstention")."""

from __future__ import annotations

from typing import Any

from service.name_forms import name_shares, rare_name_unwritten
from service.verdict import ABSTAIN_REASONS
from tests.support.withdrawals import stands_leading_with

TROOPS = "When the Biden administration took over, the U.S. had some 2,500 to 3,500 troops left in Afghanistan."
CORPUS = [
    "Pakistan and Afghanistan share a border.",
    "Pakistani officials met Afghan ones in Kabul.",
    "The U.S. envoy visited Islamabad.",
    TROOPS,
    "China, Pakistan's closest foreign partner, prefers a stable outcome.",
    "Islamabad backed the talks.",
    "Afghanistan's president spoke.",
    "Pakistan hosted the meeting.",
    "Kabul fell in August.",
    "The talks began in Doha.",
    "Pakistan's army chief visited Kabul.",
]
SHARE = name_shares(CORPUS)
COMMON = 0.1


def test_the_share_is_read_from_every_form_of_a_name() -> None:
    # "Pakistan", "Pakistani", "Islamabad" and "Pakistan's" are one name, counted once a sentence.
    assert SHARE("Pakistan") == 7 / len(CORPUS)
    assert SHARE("China") == 1 / len(CORPUS)
    assert SHARE("Iran") == 0


def test_a_rare_name_no_quoted_sentence_writes_beside_another_name_withdraws() -> None:
    assert rare_name_unwritten("How many troops did China send to Afghanistan?", TROOPS, [TROOPS], SHARE, COMMON)
    # Written as a place in the question, it is still what is asked of.
    assert rare_name_unwritten("How many troops did Iran keep in Afghanistan?", TROOPS, [TROOPS], SHARE, COMMON)


def test_a_rare_name_written_in_any_form_or_a_common_one_unwritten_stands() -> None:
    partner = CORPUS[4]
    # Beijing is China's capital: the quoted sentence writes the asked name in another form.
    assert not rare_name_unwritten("What does Beijing prefer?", partner, [partner], SHARE, COMMON)
    # Written in a quoted sentence after the lead.
    assert not rare_name_unwritten(
        "How many troops did China send?", TROOPS, [TROOPS, "Chinese troops stayed home."], SHARE, COMMON
    )
    # Pakistan is in more than a tenth of the sentences: one unwritten is read by the word it owns
    # (`another_name`), not here.
    said = "Foreign Minister Qureshi told the U.S. envoy that talks must go on."
    assert not rare_name_unwritten("What did Pakistan's foreign minister say?", said, [said], SHARE, COMMON)


def test_a_lead_naming_no_other_country_withdraws_only_for_the_question_s_subject() -> None:
    plain = "Donors pledged $12 billion in civilian assistance."
    # The rare name is the question's subject: the lead states the act of someone else.
    assert rare_name_unwritten("How much did China pledge?", plain, [plain], SHARE, COMMON)
    assert rare_name_unwritten("How many Chinese donors pledged aid?", plain, [plain], SHARE, COMMON)
    assert rare_name_unwritten("What has the Iranian envoy pledged?", plain, [plain], SHARE, COMMON)
    # A detail further on ("to a Chinese newspaper", the indirect object) need not be written.
    said = "Taliban spokesperson Suhail Shaheen told the BBC the Taliban intend to raise its voice."
    assert not rare_name_unwritten("What did the Taliban spokesman tell a Chinese outlet?", said, [said], SHARE, COMMON)
    assert not rare_name_unwritten("Who pledged aid at the conference in Iran?", plain, [plain], SHARE, COMMON)
    # A statement, not a question's opening, has no subject read.
    assert not rare_name_unwritten("China pledged aid to Afghanistan.", plain, [plain], SHARE, COMMON)


def test_unwritten_name_is_an_abstain_reason() -> None:
    assert "unwritten-name" in ABSTAIN_REASONS


def test_the_engine_withdraws_an_answer_that_never_writes_the_rare_country_asked(engine: Any) -> None:
    # dev d2845: led by "… the U.S. had some 2,500 to 3,500 troops left in Afghanistan."
    answer = engine.ask("How many troops did China send to Afghanistan?")
    assert answer.abstained and answer.abstain_reason == "unwritten-name"
    # Asked in another form of a country a quoted sentence writes, it stands.
    question = "What did a top Taliban official with the group's political office offer Beijing?"
    stands_leading_with(engine, question, "offered China")
