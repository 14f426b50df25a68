"""A "Who …?" question answered by a body, not a person's name (service.answer_type.asked_agent,
names_a_body; service.answer's AGENT_BONUS): "Who prepared it?" after a question on the 2012
report quoting Taliban detainees is answered by "prepared by NATO interrogators", not by the next
sentence's names of people who prepared nothing."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import asked_agent, names_a_body
from service.evaluate.ask import EngineAsker
from service.evaluate.questions import Question
from service.relations import asked_role, writes_role_of

from .support.answers import check_lead_holds


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Who prepared it?", "prepar"),
        ("Who seized them after his death?", "seiz"),
        ("who persuaded them to rejoin the peace process", "persuad"),
        # Not a doer's question, or not a verb whose stem its other forms share.
        ("Who has Pakistan accused of backing militants?", None),  # an auxiliary: asks for the object
        ("Who did he address the letter to?", None),
        ("Who else warned about it?", None),
        ("Who said that?", None),  # a speaker, read by service.said_about
        ("Who heads the ISI?", None),  # an office's holder, named by its title
        ("Who took power in 2018?", None),  # "took" is no form of "taking"
        ("Who is Baradar?", None),
        ("What did NATO prepare?", None),
    ],
)
def test_a_who_question_asks_for_the_doer_of_its_regular_past_verb(question: str, verb: str | None) -> None:
    assert asked_agent(question) == verb


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Detainees quoted in a report prepared by NATO interrogators show little love.", True),  # an acronym
        ("The government seized these assets after his death.", True),
        ("Anxious to ensure the talks succeeded, the military quickly intervened.", True),
        ("After two attacks, Pakistan's foreign ministry lodged a protest.", True),
        ("Yet Pakistani and Afghan forces have clashed over contested posts.", True),
        # People, not a body; a body the question already holds is nothing new.
        ("These personnel include a former ambassador, arrested in 2002.", False),
        ("It is unclear whether he did indeed mediate.", False),
    ],
)
def test_a_body_is_an_acronym_or_an_institutions_noun(text: str, body: bool) -> None:
    assert names_a_body(text, "Who did it?") is body
    assert not names_a_body("The government seized these assets.", "Who in the government seized them?")


def _conversation(engine: Any, *turns: str) -> list[tuple[str, ...]]:
    """Each turn's answer sentences, the turns asked as one conversation in file order."""
    asker = EngineAsker(engine, mode="hybrid", top_k=10)
    replies = []
    for n, text in enumerate(turns):
        question = Question(f"q{n}", text, (), "chat", "who", n, conversation="c1")
        replies.append(asker.ask(question).answer)
    return replies


@pytest.mark.parametrize(
    ("first", "follow_up", "lead"),
    [
        # dev c590: the next sentence names Baradar and a former ambassador, who prepared nothing
        (
            "What did Taliban detainees say about Pakistan in the 2012 report?",
            "Who prepared it?",
            "prepared by NATO interrogators",
        ),
        # dev c591: the first turn's sentence names Mansour, and a note names Mullah Omar
        ("What did Mullah Akhtar Mansour buy in Karachi?", "Who seized them after his death?", "The government seized"),
    ],
)
def test_a_follow_up_asking_who_did_it_leads_with_the_body_that_did(
    engine: Any, first: str, follow_up: str, lead: str
) -> None:
    _, answer = _conversation(engine, first, follow_up)
    check_lead_holds((first, follow_up), answer, lead)


@pytest.mark.parametrize(
    ("question", "sentence", "writes"),
    [
        (
            "Who is Sirajuddin Haqqani's brother?",
            "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member.",
            True,
        ),
        (
            "Who was Mansour's successor?",
            "Following Mansour's death, with successor Shaikh Haibatullah Akhunzada …",
            True,
        ),
        (
            "Who was the deputy of Mullah Omar?",
            "Baradar, a co-founder of the Taliban and formerly Mullah Omar's deputy, …",
            True,
        ),
        # The converse noun, held by the person named (CONVERSE_ROLES).
        ("Who was Haibatullah's predecessor?", "Following Mansour's death, with successor Haibatullah …", True),
        ("Who is Khalil Haqqani's nephew?", "Khalil Haqqani (Sirajuddin's uncle) as minister for refugees", True),
        # Another's relative, another relation, or the possessor named as the holder.
        (
            "Who is Mullah Omar's brother?",
            "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member.",
            False,
        ),
        (
            "Who is Sirajuddin Haqqani's brother?",
            "Haibatullah appointing Sirajuddin Haqqani as one of his deputies.",
            False,
        ),
        ("Who was Haibatullah's successor?", "Following Mansour's death, with successor Haibatullah …", False),
        # A namesake's relative: one family name shared, each name a given name of its own.
        (
            "Who is Khalil Haqqani's brother?",
            "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member.",
            False,
        ),
        ("Who was Mullah Baradar's deputy?", "Baradar, formerly Mullah Omar's deputy, …", False),
        (
            "Who is Sirajuddin Haqqani?",
            "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member.",
            False,
        ),
    ],
)
def test_a_sentence_writes_the_asked_role_as_the_named_persons(question: str, sentence: str, writes: bool) -> None:
    assert writes_role_of(*asked_role(question), sentence) is writes


def test_a_relative_named_by_one_word_leads_the_answer(engine: Any) -> None:
    # dev d3320: the unit's first sentence names Haibatullah Akhunzada appointing Sirajuddin
    # Haqqani a deputy, and "Anas" is no run of capitalised words the name bonus reads
    question = "Who is Sirajuddin Haqqani's brother?"
    (answer,) = _conversation(engine, question)
    check_lead_holds(question, answer, "younger brother, Anas")
