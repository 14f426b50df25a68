"""`chat.respond`, the front door every other one goes through, on the real engine and a real
SQLite file: what it records, that a refused question records nothing, and that the history
rule (`chat.retrieval_history`) is the one every front door reads a conversation by."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest

from service import chat, pointing, repeats
from service.antecedents import Asked, asked_alone, value_asked_alone
from service.conversations.sqlite import ConversationStore
from service.errors import BadInput, NotFound
from service.evaluate.ask import EngineAsker
from service.evaluate.questions import Question
from service.records import Quoted
from service.schemas import AskFilters, AskRequest
from service.slack.answers import AnswerCache, Answers

from .support.conversing import Earlier, converse

QUESTION = "Why does Pakistan host the Taliban leadership?"


def _count(store: ConversationStore, table: str) -> int:
    with sqlite3.connect(store.path) as db:
        (count,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    db.close()  # the context manager commits; it does not close
    return int(count)


def test_a_first_question_starts_a_conversation_and_a_follow_up_joins_it(engine: Any, store: ConversationStore) -> None:
    first = chat.respond(engine, store, AskRequest(question=QUESTION), source="cli")
    follow_up = chat.respond(
        engine, store, AskRequest(question="And who leads it?", conversation_id=first.conversation_id)
    )
    assert follow_up.conversation_id == first.conversation_id
    record = store.get_conversation(first.conversation_id)
    assert record.source == "cli"
    assert [(t.ask_id, t.question) for t in record.turns] == [
        (first.ask_id, QUESTION),
        (follow_up.ask_id, "And who leads it?"),
    ]
    assert record.turns[0].unit_ids == tuple(r.unit_id for r in first.results)
    assert record.turns[0].abstained is first.abstained
    assert _count(store, "conversations") == 1


def test_refused_requests_record_nothing(engine: Any, store: ConversationStore) -> None:
    with pytest.raises(NotFound):
        chat.respond(engine, store, AskRequest(question=QUESTION, conversation_id="unknown"))
    with pytest.raises(BadInput, match="unknown document"):
        chat.respond(engine, store, AskRequest(question=QUESTION, filters=AskFilters(documents=["no-such-report"])))
    assert (_count(store, "conversations"), _count(store, "turns")) == (0, 0)


# -- the history rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Who led it?",
        "Why was that date chosen?",
        "What had Pakistan asked for there?",
        "What else did they complain of?",
        "Why?",
        "And the second?",
        "What about India?",
        "What did Pakistan do in response?",
        "What happened afterwards?",
        "Who did they talk to instead?",
        "What else happened that year?",
        "Did Pakistan help this time?",
        "Who agreed?",
        "Who had died?",
    ],
)
def test_questions_that_point_back_are_follow_ups(question: str) -> None:
    assert pointing.refers_back(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the boiling point of water?",
        "Which donor made the largest pledge?",
        "And what's the weather like in London today?",
        "Is there a fence along the border?",
        "What did Pakistan do in response to the attack?",
        "Did Pakistan talk to India instead of Afghanistan?",
        "what films are showing in london cinemas this weekend",
        "Which smartphone has the best camera this year?",
        "Who is favourite to win the league these days?",
        "Who won?",
        "Who invented the telephone?",
        "Who founded the Taliban?",
    ],
)
def test_questions_that_stand_on_their_own_are_not(question: str) -> None:
    assert not pointing.refers_back(question)


def test_history_skips_abstained_turns_and_keeps_the_last_answered_ones() -> None:
    earlier = [
        Earlier("What is the Durand Line?"),
        # Not "Who drew it?": asking only whoever did it, it is passed over (antecedents.asked_alone).
        Earlier("Who drew the line?"),
        Earlier("What is the boiling point of water?", abstained=True),
    ]
    assert chat.retrieval_history("And who negotiated it?", earlier, 2) == (
        "What is the Durand Line?",
        "Who drew the line?",
    )
    assert chat.retrieval_history("And who negotiated it?", earlier, 1) == ("Who drew the line?",)
    assert chat.retrieval_history("And who negotiated it?", earlier, 0) == ()
    assert chat.retrieval_history("How many moons does Jupiter have?", earlier, 2) == ()


def test_a_question_asking_again_by_the_last_question_s_noun_is_read_with_it() -> None:
    # No pronoun, yet "the spokesperson" is the one just asked about (docs/retrieval.md,
    # "Follow-ups"): its words are all the last answered question's, one of them after "the".
    earlier = [Earlier("What did the Taliban spokesperson tell a Pakistani TV channel about Afghan soil?")]
    assert not pointing.refers_back("Who was the spokesperson?")
    assert chat.retrieval_history("Who was the spokesperson?", earlier, 2) == (earlier[0].question,)
    assert chat.retrieval_history("Who was the spokesperson?", earlier, 0) == ()


@pytest.mark.parametrize(
    "question",
    [
        "Who was the army chief?",  # a word the last question does not hold
        "Who was a spokesperson?",  # no "the": not the one just asked about
        "Who was the first?",  # nothing of its own to repeat
        "What is the boiling point of water?",
    ],
)
def test_a_question_with_a_word_of_its_own_or_without_the_is_read_alone(question: str) -> None:
    earlier = [Earlier("What did the Taliban spokesperson tell a Pakistani TV channel about Afghan soil?")]
    assert chat.retrieval_history(question, earlier, 2) == ()


def test_asking_again_reads_the_last_answered_question_not_an_abstained_one() -> None:
    earlier = [
        Earlier("What did the army chief say at a corps commanders' meeting in Rawalpindi?"),
        Earlier("Which spokesperson has the best voice on television?", abstained=True),
    ]
    assert chat.retrieval_history("Who was the army chief?", earlier, 2) == (earlier[0].question,)
    assert chat.retrieval_history("Who was the spokesperson?", earlier, 2) == ()


def test_an_off_topic_turn_abstains_and_the_next_follow_up_still_finds_its_antecedent(
    engine: Any, store: ConversationStore
) -> None:
    first, off, back = converse(
        engine, store, "What is the Durand Line?", "What is the boiling point of water?", "And who negotiated it?"
    )
    assert not first.abstained and off.abstained and off.results == []
    assert not back.abstained
    assert any("Mortimer Durand" in r.text for r in back.results)  # the top 5 a user sees


def _texts(response: Any) -> str:
    return " ".join(r.text for r in response.results)  # the top 5 a user sees


def test_he_is_the_person_an_earlier_question_named_across_several_turns(engine: Any, store: ConversationStore) -> None:
    """ "he" is read as the surname of the person the nearest earlier question names, also
    through a turn that names no one: read with the first question's words instead, the
    passage that answered it outranks the ones about what else that person said."""
    turns = (
        "What did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?",
        "What did he criticise?",
        "What else did he say about Pakistan?",
    )
    first, criticised, more = converse(engine, store, *turns)
    assert "will not be used by anyone" in _texts(first)
    assert criticised.question == turns[1]  # the response shows the question as asked
    assert "criticized a new Pakistani border fence" in _texts(criticised)
    assert "is like a second home" in _texts(more)


def test_a_question_answering_to_an_earlier_event_is_read_with_it(engine: Any, store: ConversationStore) -> None:
    first, response = converse(
        engine, store, "What did Trump say about Pakistan in his 2017 speech?", "What did Pakistan do in response?"
    )
    assert "criticised Pakistan for playing a double game" in _texts(first)
    assert "Pakistan was quick to respond positively" in _texts(response)


def test_it_is_the_thing_an_earlier_question_asked_about(engine: Any, store: ConversationStore) -> None:
    """ "its leaders" after "What is the Haqqani network?" is read with the network named beside
    the pronoun: the passage on the caretaker posts leads, and its sentence is what the answer
    quotes first; the response shows the question as asked."""
    asked = "What posts did its leaders get in the new caretaker government?"
    _, response = converse(engine, store, "What is the Haqqani network?", asked)
    assert response.question == asked
    assert "Sirajuddin Haqqani as interior minister" in response.results[0].text
    assert "Sirajuddin Haqqani as interior minister" in response.answer[0].text


def test_that_date_is_the_date_the_last_answer_gave(engine: Any, store: ConversationStore) -> None:
    """ "that date" after "What did President Biden announce on 14 April 2021?" is the date the
    answer gave, not the one asked about: the passage saying why 11 September leads."""
    asked = "Why was that date chosen?"
    first, response = converse(engine, store, "What did President Biden announce on 14 April 2021?", asked)
    assert "11 September" in first.answer[0].text
    assert response.question == asked
    assert "the twentieth anniversary of the terror attacks" in response.results[0].text


def test_and_when_after_an_answer_from_a_note_is_that_notes_date(engine: Any, store: ConversationStore) -> None:
    """ "And when?" asks the date of what the last answer quoted: the note whose reference entry
    answered "Which paper …?" leads again, with its date, not the passage citing it."""
    first, response = converse(
        engine, store, "Which paper reported Khan saying the Taliban feel they have won the war?", "And when?"
    )
    assert first.results[0].kind == "footnote"
    assert not response.abstained
    assert response.results[0].unit_id == first.results[0].unit_id
    assert "5 June 2021" in response.answer[0].text


@pytest.mark.parametrize("question", ["And when?", "On which date?", "In what year?", "How many?", "when exactly?"])
def test_a_value_asked_alone_is_asked_of_the_last_answer(question: str) -> None:
    assert value_asked_alone(question) is not None


@pytest.mark.parametrize("question", ["Who wrote it?", "Where?", "When did the talks begin?", "What about India?"])
def test_a_question_with_words_of_its_own_is_not(question: str) -> None:
    assert value_asked_alone(question) is None


def test_a_last_lead_stating_no_value_of_the_asked_kind_leaves_the_ranking(engine: Any) -> None:
    """The last answer's unit moves first only when it states what the follow-up asks for: a
    lead with no number leaves "How many?" ranked as it was without it."""
    earlier = "What did Mujahid say Pakistan is like for the Taliban?"
    lead = engine.ask(earlier)
    said = chat.quoted_by(lead)[:1]
    assert said and not any(ch.isdigit() for ch in engine.unit(said[0].unit_id).text)
    alone = engine.ask("How many?", history=(earlier,))
    with_lead = engine.ask("How many?", history=(earlier,), said=said)
    assert [r.hit.unit.id for r in with_lead.results] == [r.hit.unit.id for r in alone.results]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Where?", Asked.PLACE),
        ("And where was that?", Asked.PLACE),
        ("Who said that?", Asked.SPEAKER),
        ("Who wrote it?", Asked.WRITER),
        ("Who published it?", Asked.SOURCE),
        ("Who reported that?", Asked.SOURCE),
    ],
)
def test_a_place_a_speaker_or_a_source_asked_alone_is_asked_of_the_last_answer(question: str, asked: Asked) -> None:
    assert asked_alone(question) is asked
    assert pointing.refers_back(question)


@pytest.mark.parametrize(
    "question", ["Where did he go to university?", "Who wrote the report?", "Who said that it won?"]
)
def test_a_where_or_who_question_with_words_of_its_own_is_not(question: str) -> None:
    assert asked_alone(question) is None


def test_who_said_that_after_a_quote_names_its_speaker(engine: Any, store: ConversationStore) -> None:
    """ "Who said that?" is a follow-up ("said that" ends the question: "that" is the pronoun, not
    a clause), asked of the sentence the last answer quoted, which names the speaker."""
    first, response = converse(
        engine, store, "What did Mujahid say Pakistan is like for the Taliban?", "Who said that?"
    )
    assert not response.abstained
    assert response.results[0].unit_id == first.results[0].unit_id
    assert "Mujahid" in response.answer[0].text


def test_who_said_that_after_an_answer_quoting_no_one_abstains(engine: Any, store: ConversationStore) -> None:
    """The answer on Baradar's release quotes no one; its unit names several people, and an
    opposition politician speaks further on. "Who said that?" must not quote the release again
    (any name the question lacked passed for a speaker) nor the politician's other words: the
    report itself says it, so it abstains."""
    first, response = converse(
        engine, store, "Whom did Pakistan release during Khalilzad's October 2018 visit to Islamabad?", "Who said that?"
    )
    assert "released Mullah Abdul Ghani Baradar" in first.answer[0].text
    assert response.abstained


def test_who_did_it_after_a_lead_naming_no_one_abstains_on_another_act(engine: Any, store: ConversationStore) -> None:
    """The answer on the Kabul protests names no one who could end them, and its passage cites no
    note: "Who called them off?" must not be answered by another passage's "… President Trump
    abruptly called off talks …", the verb written of another act, so it abstains ("undone")."""
    opener = "What kind of protests did several hundred Afghans hold in Kabul in September?"
    first, response = converse(engine, store, opener, "Who called them off?")
    assert "anti-Pakistan protests" in first.answer[0].text
    assert response.abstained
    assert response.abstain_reason == "undone"


def test_who_did_it_of_an_act_written_only_as_a_participle_abstains(engine: Any, store: ConversationStore) -> None:
    """The answer on Khan's election names him, but "contested" only describes the election: "Who
    contested it?" was answered with that sentence again, Khan as the one who contested his own
    election. No sentence writes the act with its doer, so it abstains ("undone"); "Who waged it?"
    of the TTP's campaign is answered by the sentence writing "The TTP waged …"."""
    opener = "How has Prime Minister Imran Khan handled security and foreign policy since taking power?"
    first, response = converse(engine, store, opener, "Who contested it?")
    assert "contested election" in first.answer[0].text
    assert response.abstained
    assert response.abstain_reason == "undone"
    opener = "What campaign of violence did Pakistan suffer between 2007 and 2014?"
    first, response = converse(engine, store, opener, "Who waged it?")
    assert not response.abstained
    assert "The TTP waged" in response.answer[0].text


def test_who_wrote_it_of_an_unsigned_article_abstains(engine: Any, store: ConversationStore) -> None:
    """A note citing an article with no author names no writer: "Who wrote it?" asked of it
    abstains rather than quote the entry, whose outlet is no writer."""
    first, response = converse(
        engine, store, "Which paper reported Khan saying the Taliban feel they have won the war?", "Who wrote it?"
    )
    assert first.results[0].kind == "footnote"
    assert first.results[0].sources and not any(source.author for source in first.results[0].sources)
    assert response.abstained


def test_a_last_lead_outside_the_new_candidates_is_added_first(make_settings: Any, embedder: Any) -> None:
    """The unit the last answer led with leads a "Where?" that asks of it even when the ranking of
    the history's words leaves it out of its candidates (few candidates per retriever here, as a
    large corpus would leave)."""
    from service.engine import load_engine

    engine = load_engine(make_settings(candidates=10), embedder=embedder)
    first = engine.ask("What can overcome all challenges for which Pakistan is ready to play its part?")
    said = chat.quoted_by(first)[:1]
    history = ("Which new Pakistani structure did the Taliban spokesman criticise?",)
    alone, _ = engine.evidence("Where?", history=history, depth=10_000)
    assert said and said[0].unit_id not in {unit.id for unit in alone}
    ranked, _ = engine.evidence("Where?", history=history, said=said)
    assert ranked[0].id == said[0].unit_id


class HistoryRecorder:
    """The real engine; every ask's question and the history it was read with are kept."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.read_with: list[tuple[str, tuple[str, ...]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, question: str, **kwargs: Any) -> Any:
        self.read_with.append((question, tuple(kwargs.get("history", ()))))
        return self._engine.ask(question, **kwargs)


def test_the_api_slack_replay_and_the_harness_read_a_conversation_by_one_rule(
    engine: Any, store: ConversationStore
) -> None:
    """retrieval_history is the one rule: the API (chat.respond over the store), a restarted
    Slack bot replaying each recorded answer, and the harness in-process (turns in memory)
    read every question of one conversation with the same earlier questions."""
    conversation = ("What is the Durand Line?", "What is the boiling point of water?", "And who negotiated it?")
    # The off-topic turn abstains, so the follow-up is read with the first question only.
    expected = [(conversation[0], ()), (conversation[1], ()), (conversation[2], (conversation[0],))]

    api = HistoryRecorder(engine)
    responses = converse(api, store, *conversation)
    conversation_id, ask_ids = responses[-1].conversation_id, [response.ask_id for response in responses]
    assert api.read_with == expected

    slack = HistoryRecorder(engine)
    answers = Answers(lambda: slack, lambda: store, top_k=5, cache=AnswerCache(), limiter=threading.Semaphore(1))
    # An empty cache: each answer is replayed, and found again only if it ranks as recorded.
    assert all(answers.recall(conversation_id, ask_id) is not None for ask_id in ask_ids)
    assert slack.read_with == expected

    harness = HistoryRecorder(engine)
    asker = EngineAsker(harness, mode="hybrid", top_k=5)
    for line, question in enumerate(conversation, start=1):
        asker.ask(Question(f"c1-{line}", question, ("gold",), "chat-followup", "set.jsonl", line, conversation="c1"))
    assert harness.read_with == expected


# -- a follow-up pointing back at nothing --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Why does Pakistan want off it?",
        "Who built it?",
        "What about in 2021?",
        "And in 2019?",
        "What happened to his brother?",
    ],
)
def test_a_pronoun_or_a_fragment_points_outside_the_question(question: str) -> None:
    assert pointing.refers_back(question) and pointing.points_outside(question)


@pytest.mark.parametrize(
    "question",
    [
        "What did Pakistan's foreign ministry say about its border fence?",
        "When did the Taliban open their political office in Doha?",
        "What did the army say about its fence?",
    ],
)
def test_a_possessive_bound_by_a_name_of_the_question_points_inside_it(question: str) -> None:
    assert pointing.refers_back(question) and not pointing.points_outside(question)


def test_a_follow_up_after_only_abstained_turns_is_orphaned_when_it_points_outside() -> None:
    abstained = [Earlier("What is the FATF grey list?", abstained=True)]
    assert chat.reading("Why does Pakistan want off it?", abstained, 2).orphaned
    # It names what "its" stands for; a question standing alone; no turn before; history off.
    assert not chat.reading("What did Pakistan's foreign ministry say about its border fence?", abstained, 2).orphaned
    assert not chat.reading("Who is Zalmay Khalilzad?", abstained, 2).orphaned
    assert not chat.reading("Why does Pakistan want off it?", [], 2).orphaned
    assert not chat.reading("Why does Pakistan want off it?", abstained, 0).orphaned
    # An answered turn before the abstained one is what it points at.
    answered = [Earlier("What is the Durand Line?"), *abstained]
    read = chat.reading("Why does Pakistan want off it?", answered, 2)
    assert not read.orphaned and read.history == ("What is the Durand Line?",)


@pytest.mark.parametrize(
    "question",
    [
        "What happened next?",
        "What happened later?",
        "What happened subsequently?",
        "And what happened then?",
        "What came next?",
        "What next?",
        "What happened after that?",
    ],
)
def test_a_follow_up_made_of_a_word_of_sequence_alone_points_back(question: str) -> None:
    assert (
        repeats.asks_only_what_followed(question)
        and pointing.refers_back(question)
        and pointing.points_outside(question)
    )
    answered = [Earlier("When did the U.S. kill Mullah Akhtar Mansour?")]
    assert chat.reading(question, answered, 2).history == ("When did the U.S. kill Mullah Akhtar Mansour?",)


@pytest.mark.parametrize(
    "question",
    [
        "What happened?",  # no word of sequence
        "Where was he then?",  # "then" as "at that time", and a pronoun of its own
        "Who else died in custody then?",  # words of its own
        "What did Pakistan do next?",  # a name of its own: read alone, as before
        "Which came later?",  # compares
        "What happened before that?",
    ],
)
def test_a_question_with_more_than_a_word_of_sequence_is_not_read_as_asking_what_came_next(question: str) -> None:
    assert not repeats.asks_only_what_followed(question)


def test_what_happened_next_after_a_turn_that_abstained_abstains_too() -> None:
    """What it asks after is the event the abstained turn asked about, not the answered one before it."""
    answered = Earlier("When was the TTP founded?")
    off = Earlier("What is the capital of Australia?", abstained=True)
    assert chat.reading("What happened next?", [answered, off], 2).orphaned
    assert chat.reading("What happened afterwards?", [answered, off], 2).orphaned
    # A question of its own, or pointing back by a pronoun, still reads the answered turn.
    assert chat.reading("What did it do next?", [answered, off], 2).history == ("When was the TTP founded?",)
    assert not chat.reading("What happened next?", [off, answered], 2).orphaned
    assert not chat.reading("What happened next?", [answered, off], 0).orphaned


def test_what_happened_next_leads_with_what_the_text_tells_after_the_last_answer(
    engine: Any, store: ConversationStore
) -> None:
    first, then = converse(engine, store, "When did the U.S. kill Mullah Akhtar Mansour?", "What happened next?")
    assert not first.abstained and "drone strike" in first.answer[0].text
    assert "restructuring of the Taliban shura" in then.answer[0].text
    # "then" with nothing else of its own is "next"; the comment after the lead is passed over.
    where, then = converse(engine, store, "Where was Faiz Hameed in early September?", "And what happened then?")
    assert "was in Kabul in early September" in where.answer[0].text
    assert "the Taliban announced their new interim government" in then.answer[0].text
    founded, off, after = converse(
        engine, store, "When was the TTP founded?", "What is the capital of Australia?", "What happened afterwards?"
    )
    assert not founded.abstained and off.abstained and after.abstained and after.results == []


def test_an_orphaned_follow_up_abstains_and_a_question_of_its_own_is_still_answered(
    engine: Any, store: ConversationStore
) -> None:
    first, orphan, alone = converse(
        engine,
        store,
        "What is the boiling point of water?",
        "Why does Pakistan want off it?",
        "What did Pakistan's foreign ministry say about its border fence?",
    )
    assert first.abstained and orphan.abstained and orphan.results == []
    assert not alone.abstained and "fully in accordance with the established norms" in _texts(alone)


def test_the_api_slack_replay_and_the_harness_abstain_on_an_orphan_without_retrieval(
    engine: Any, store: ConversationStore
) -> None:
    conversation = ("What is the boiling point of water?", "Who built it?")
    api = HistoryRecorder(engine)
    responses = converse(api, store, *conversation)
    conversation_id, ask_ids = responses[-1].conversation_id, [response.ask_id for response in responses]
    assert all(response.abstained for response in responses)
    assert api.read_with == [(conversation[0], ())]

    slack = HistoryRecorder(engine)
    answers = Answers(lambda: slack, lambda: store, top_k=5, cache=AnswerCache(), limiter=threading.Semaphore(1))
    for ask_id in ask_ids:
        answers.recall(conversation_id, ask_id)
    assert conversation[1] not in [question for question, _ in slack.read_with]

    harness = HistoryRecorder(engine)
    asker = EngineAsker(harness, mode="hybrid", top_k=5)
    replies = [
        asker.ask(Question(f"c1-{line}", question, (), "chat-orphan", "set.jsonl", line, conversation="c1"))
        for line, question in enumerate(conversation, start=1)
    ]
    assert all(reply.abstained for reply in replies) and harness.read_with == [(conversation[0], ())]


# -- what a follow-up leads past ------------------------------------------------------------------


def test_a_follow_up_leads_past_the_earlier_leads_and_past_all_they_quoted_when_it_asks_for_more() -> None:
    lead, second = Quoted("u:1", (0, 10)), Quoted("u:1", (11, 20))
    earlier = [Earlier("Who is Zabihullah Mujahid?", quoted=(lead, second))]
    assert chat.reading("What did he say about the TTP?", earlier, 2).quoted == (lead,)
    assert chat.reading("What else did he say about Pakistan?", earlier, 2).quoted == (lead, second)


def test_what_he_said_after_who_he_is_leads_with_what_the_first_answer_did_not(
    engine: Any, store: ConversationStore
) -> None:
    """ "Who is Zalmay Khalilzad?" adds nothing but his name once "he" is read as Khalilzad: the
    follow-up is not ranked towards the passage that answered who he is, and its answer leads
    with his words on Pakistan rather than the first answer's lead again."""
    first, then = converse(engine, store, "Who is Zalmay Khalilzad?", "What did he say about Pakistan?")
    assert not then.abstained and then.answer[0].text != first.answer[0].text
    assert "Khalilzad said Pakistan had been" in then.answer[0].text


@pytest.mark.parametrize(
    "question", ["Who confirmed that?", "Who denied that?", "Who acknowledged this?", "And who announced that?"]
)
def test_a_verb_of_stating_asked_alone_asks_the_speaker(question: str) -> None:
    # dev d3613: "Who confirmed that?" was read as whoever did it, and abstained.
    assert asked_alone(question) is Asked.SPEAKER
