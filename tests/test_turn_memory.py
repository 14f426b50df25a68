"""A follow-up adds what is new: each turn records the sentences its answer quoted (unit id and
span) in the conversation store, and a follow-up leads with a better supported sentence that no
earlier answer quoted, the repeated one second (service.repeats). On the session index, a real
SQLite file (reopened to play a restart, and one written by the version before turns kept their
quoted sentences) and over real HTTP on loopback."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from service import chat
from service.context import neighbourhood
from service.conversations import AskRecord
from service.conversations.postgres import PostgresStore
from service.conversations.sqlite import SCHEMA_VERSION, ConversationStore
from service.evaluate.ask import EngineAsker
from service.evaluate.questions import Question
from service.records import Quoted, Unit
from service.repeats import asked_lead, new_lead, own_words_lead
from service.sentences import ScoredSentence
from service.slack.answers import AnswerCache, Answers
from tests.support.postgres import postgres_url  # noqa: F401 - a fixture
from tests.support.server import serve_app

from .support.conversing import converse
from .support.sentences import passage_unit, sentence_at

# The conversation of issue 13's report: the follow-up used to lead with the first answer's
# "told a Pakistani TV channel" sentence again, and quote the criticism only second.
FIRST = "What did Zabihullah Mujahid say about Pakistan?"
FOLLOW_UP = "What did he criticise?"
EARLIER_LEAD = "Taliban spokesperson Zabihullah Mujahid told a Pakistani TV channel"
NEW_ANSWER = "Mujahid recently criticized a new Pakistani border fence"
# A follow-up whose answer the first answer already quoted must still lead with it
# (ASKED_AGAIN, below). (An earlier case, "Which faction did Pakistan first back among the
# mujahideen?" then "Who led it?", is gone: since section headings are read, "Who led it?"
# ranks another passage of the section first, dev d056, a loss measured with the headings'
# gain: docs/tuning.md, "Section headings".)


def test_a_follow_up_asking_what_the_quoted_sentence_holds_leads_with_it_again(
    engine: Any, store: ConversationStore
) -> None:
    # "prepared" is the turn's own word, and only the sentence quoted before holds it: a new
    # sentence naming other people ("These 'personnel' include …") is no answer to "Who …?".
    first, follow_up = converse(
        engine, store, "What did Taliban detainees call Pakistan?", "Who prepared the report they were quoted in?"
    )
    assert "prepared by NATO interrogators" in first.answer[0].text
    assert "prepared by NATO interrogators" in follow_up.answer[0].text


def quoted_texts(engine: Any, quoted: tuple[Quoted, ...]) -> list[str]:
    return [engine.unit(q.unit_id).text[q.span[0] : q.span[1]] for q in quoted]


def test_a_follow_up_leads_with_what_the_earlier_answer_did_not_quote(engine: Any, store: ConversationStore) -> None:
    first, follow_up = converse(engine, store, FIRST, FOLLOW_UP)
    assert first.answer[0].text.startswith(EARLIER_LEAD)
    assert follow_up.answer[0].text.startswith(NEW_ANSWER)
    # Not dropped: the repeated lead's passage still ranks, after the new one's. (Since session 25
    # "criticise" and "criticized" are one term, so the new sentence leads on its own score and
    # the repeated one is no longer close enough to be quoted after it; a lead moved past a
    # repeated one, which follows it: the moving-on test below.)
    assert all(not s.text.startswith(EARLIER_LEAD) for s in follow_up.answer[:1])
    assert follow_up.results[0].unit_id == follow_up.answer[0].unit_id
    assert first.answer[0].unit_id in [r.unit_id for r in follow_up.results[1:]]
    assert [r.rank for r in follow_up.results] == list(range(1, len(follow_up.results) + 1))
    turns = store.get_conversation(first.conversation_id).turns
    assert quoted_texts(engine, turns[0].quoted) == [s.text for s in first.answer]
    assert quoted_texts(engine, turns[1].quoted) == [s.text for s in follow_up.answer]


def test_a_repeated_sentence_still_leads_when_it_is_the_one_that_answers(engine: Any, store: ConversationStore) -> None:
    # "What was going on among the Taliban when he arrived in Kabul?" after "Who is the director
    # of Pakistan's main spy agency?" (dev d059) was this test's case until session 20: the next
    # passage's "his arrival in Kabul" holds one more of the turn's own words than the answer
    # ("was in Kabul") and leads since repeats.asked_lead, a loss measured with its gains
    # (docs/tuning.md, session 20).
    first, follow_up = converse(engine, store, *ASKED_AGAIN)
    assert first.answer[0].text.startswith(QURESHI_LEAD)
    assert follow_up.answer[0].text.startswith(QURESHI_LEAD)


# A follow-up moving on to the next passage: read with its history, the passage the first answer
# led with ranks first and its best sentence is that lead again; the turn's own distinctive
# word ("analyst") is in the next passage's sentence, which leads (service.repeats.asked_lead).
MOVING_ON = (
    "What did Trump criticise Pakistan for in his 2017 South Asia policy address?",
    "What did he suggest the U.S. might be open to?",
    "What did a U.S. analyst call it?",
)
MOVED_TO = "A U.S. analyst commented that the Trump administration's"
TRUMP_LEAD = "In his 2017 South Asia policy address, President Donald Trump had criticised Pakistan"
# Asking again about what was just quoted: no word of its own, the repeated sentence answers.
ASKED_AGAIN = (
    "What did Foreign Minister Qureshi say he had told Secretary of State Mike Pompeo?",
    "When did he say that?",
)
QURESHI_LEAD = "At a news briefing on 17 January, concluding his visit to Washington"


def test_a_follow_up_moving_on_leads_with_the_sentence_holding_its_own_words(
    engine: Any, store: ConversationStore
) -> None:
    first, _, moving_on = converse(engine, store, *MOVING_ON)
    assert first.answer[0].text.startswith(TRUMP_LEAD)
    assert moving_on.answer[0].text.startswith(MOVED_TO)
    assert any(s.text.startswith(TRUMP_LEAD) for s in moving_on.answer[1:])  # demoted, not dropped
    assert moving_on.results[0].unit_id == moving_on.answer[0].unit_id


def test_quoted_sentences_survive_a_restart(engine: Any, tmp_path: Path) -> None:
    path = tmp_path / "cited.db"
    store = ConversationStore(path)
    first, follow_up = converse(engine, store, FIRST, FOLLOW_UP)
    recorded = store.get_conversation(first.conversation_id).turns
    store.close()

    reopened = ConversationStore(path)
    try:
        turns = reopened.get_conversation(first.conversation_id).turns
        assert [t.quoted for t in turns] == [t.quoted for t in recorded]
        assert quoted_texts(engine, turns[1].quoted) == [s.text for s in follow_up.answer]
        # The next follow-up after the restart is read with what both earlier answers quoted.
        read = chat.reading("What else did he say about Pakistan?", turns, engine.history_turns)
        assert set(read.quoted) == set(turns[0].quoted) | set(turns[1].quoted)
    finally:
        reopened.close()


# The SQLite schema before turns kept their quoted sentences (user_version 1).
_VERSION_1 = """
CREATE TABLE conversations (id TEXT PRIMARY KEY, source TEXT NOT NULL,
    external_key TEXT UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE turns (ask_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id), seq INTEGER NOT NULL,
    question TEXT NOT NULL, unit_ids TEXT NOT NULL, abstained INTEGER NOT NULL,
    created_at TEXT NOT NULL, UNIQUE (conversation_id, seq));
CREATE TABLE feedback (ask_id TEXT NOT NULL REFERENCES turns(ask_id),
    unit_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT, source TEXT NOT NULL,
    created_at TEXT NOT NULL, PRIMARY KEY (ask_id, unit_id));
CREATE TABLE seen_events (key TEXT PRIMARY KEY, created_at TEXT NOT NULL);
INSERT INTO conversations VALUES ('c1', 'api', NULL, '2026-11-01T10:00:00.000+00:00');
INSERT INTO turns VALUES ('a1', 'c1', 1, 'Who is Zabihullah Mujahid?', '["u1", "u2"]', 0,
    '2026-11-01T10:00:01.000+00:00');
INSERT INTO feedback VALUES ('a1', 'u1', 1, 'spot on', 'api', '2026-11-01T10:00:02.000+00:00');
PRAGMA user_version = 1;
"""


def test_a_database_from_before_quoted_sentences_is_migrated_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "cited.db"
    with sqlite3.connect(path) as old:
        old.executescript(_VERSION_1)
    old.close()

    store = ConversationStore(path)
    try:
        assert store.pragma("user_version") == SCHEMA_VERSION == 2
        (turn,) = store.get_conversation("c1").turns
        assert (turn.question, turn.unit_ids, turn.abstained, turn.quoted) == (
            "Who is Zabihullah Mujahid?",
            ("u1", "u2"),
            False,
            (),
        )
        assert store.feedback("a1") == [("u1", True, "spot on", "api")]
        quoted = (Quoted("u3", (0, 42)), Quoted("u4", (7, 99)))
        store.record_ask(AskRecord("c1", "api", "What did he say?", "a2", ("u3", "u4"), False, quoted))
        assert store.get_conversation("c1").turns[1].quoted == quoted
    finally:
        store.close()
    # Opening it again changes nothing: the migration ran once.
    again = ConversationStore(path)
    try:
        assert [t.quoted for t in again.get_conversation("c1").turns] == [(), quoted]
    finally:
        again.close()


# The PostgreSQL tables before turns kept their quoted sentences.
_POSTGRES_BEFORE = [
    "DROP TABLE IF EXISTS feedback, turns, conversations, seen_events CASCADE",
    "CREATE TABLE conversations (id TEXT PRIMARY KEY, source TEXT NOT NULL,"
    " external_key TEXT UNIQUE, created_at TIMESTAMPTZ NOT NULL)",
    "CREATE TABLE turns (ask_id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id),"
    " seq INTEGER NOT NULL, question TEXT NOT NULL, unit_ids TEXT[] NOT NULL, abstained BOOLEAN NOT NULL,"
    " created_at TIMESTAMPTZ NOT NULL, UNIQUE (conversation_id, seq))",
    "INSERT INTO conversations VALUES ('c1', 'api', NULL, now())",
    "INSERT INTO turns VALUES ('a1', 'c1', 1, 'Who is Zabihullah Mujahid?', ARRAY['u1', 'u2'], false, now())",
]


@pytest.mark.postgres
def test_postgres_tables_from_before_quoted_sentences_gain_the_column_keeping_every_row(
    postgres_url: str,  # noqa: F811 - the fixture
) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as db:
        for statement in _POSTGRES_BEFORE:
            db.execute(statement)
    store = PostgresStore(postgres_url)
    try:
        (turn,) = store.get_conversation("c1").turns
        assert (turn.question, turn.unit_ids, turn.quoted) == ("Who is Zabihullah Mujahid?", ("u1", "u2"), ())
        quoted = (Quoted("u3", (0, 42)),)
        store.record_ask(AskRecord("c1", "api", "What did he say?", "a2", ("u3",), False, quoted))
    finally:
        store.close()
    again = PostgresStore(postgres_url)
    try:
        assert [t.quoted for t in again.get_conversation("c1").turns] == [(), quoted]
    finally:
        again.close()


def test_over_http_the_follow_up_leads_with_the_new_sentence_and_the_turns_show_what_they_quoted(
    engine: Any, make_settings: Any
) -> None:
    with serve_app(make_settings(), engine) as url, httpx.Client(base_url=url, timeout=60) as client:
        first = client.post("/v1/ask", json={"question": FIRST}).json()
        body = {"question": FOLLOW_UP, "conversation_id": first["conversation_id"]}
        follow_up = client.post("/v1/ask", json=body).json()
        assert follow_up["answer"][0]["text"].startswith(NEW_ANSWER)
        conversation = client.get(f"/v1/conversations/{first['conversation_id']}")
    assert conversation.status_code == 200
    turns = conversation.json()["turns"]
    for turn, response in zip(turns, (first, follow_up), strict=True):
        quoted = [(q["unit_id"], engine.unit(q["unit_id"]).text[q["span"][0] : q["span"][1]]) for q in turn["quoted"]]
        assert quoted == [(s["unit_id"], s["text"]) for s in response["answer"]]


class QuotedRecorder:
    """The engine, remembering what each front door handed it as already quoted."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.quoted: list[frozenset[Quoted]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, question: str, **kwargs: Any) -> Any:
        self.quoted.append(frozenset(kwargs.get("quoted", ())))
        return self._engine.ask(question, **kwargs)


def test_the_api_slack_replay_and_the_harness_hand_a_follow_up_the_same_quoted_sentences(
    engine: Any, store: ConversationStore
) -> None:
    api = QuotedRecorder(engine)
    responses = converse(api, store, FIRST, FOLLOW_UP)
    conversation_id = responses[0].conversation_id
    # The first answer's lead: a follow-up not asking for more leads past the earlier leads.
    expected = [frozenset(), frozenset(store.get_conversation(conversation_id).turns[0].quoted[:1])]
    assert api.quoted == expected and expected[1]

    slack = QuotedRecorder(engine)
    answers = Answers(lambda: slack, lambda: store, top_k=5, cache=AnswerCache(), limiter=threading.Semaphore(1))
    replayed = [answers.recall(conversation_id, r.ask_id) for r in responses]
    assert slack.quoted == expected
    assert [r.answer[0].text for r in replayed if r] == [r.answer[0].text for r in responses]

    harness = QuotedRecorder(engine)
    asker = EngineAsker(harness, mode="hybrid", top_k=5)
    replies = [
        asker.ask(Question(f"c1-{n}", q, ("gold",), "chat-novel", "set.jsonl", n, conversation="c1"))
        for n, q in enumerate((FIRST, FOLLOW_UP), start=1)
    ]
    assert harness.quoted == expected
    assert replies[1].answer[0].startswith(NEW_ANSWER)


def test_the_lead_moves_only_to_a_new_sentence_that_scores_higher() -> None:
    first, second = passage_unit("u1"), passage_unit("u2")
    repeated = {Quoted("u1", (0, 10))}
    lead = sentence_at(0, 0.5)  # led its result without being its best supported sentence (0.6)
    offered = [(first, [lead, sentence_at(20, 0.6)]), (second, [sentence_at(0, 0.8), sentence_at(20, 0.45)])]
    moved = new_lead(offered, first, lead, repeated, 0.12, _no_words)
    assert moved is not None and moved[0] is second and [s.start for s in moved[2]] == [0, 20]
    # Nothing new scores above the repeated lead: it is the one that answers, and stays.
    weaker = [(first, [lead, sentence_at(20, 0.3)]), (second, [sentence_at(0, 0.49)])]
    assert new_lead(weaker, first, lead, repeated, 0.12, _no_words) is None
    # The repeated lead is its result's best supported sentence: that result's answer, and stays.
    best_of_its_result = [(first, [lead, sentence_at(20, 0.3)]), (second, [sentence_at(0, 0.8)])]
    assert new_lead(best_of_its_result, first, lead, repeated, 0.12, _no_words) is None
    # A new lead is never moved, and nothing moves without earlier quotes.
    assert new_lead(offered, first, sentence_at(20, 0.3), repeated, 0.12, _no_words) is None
    assert new_lead(offered, first, lead, set(), 0.12, _no_words) is None


def _no_words(sentence: ScoredSentence) -> int:
    return 0


def test_the_lead_does_not_move_to_a_new_sentence_holding_less_of_what_the_turn_asks() -> None:
    first, second = passage_unit("u1"), passage_unit("u2")
    repeated = {Quoted("u1", (0, 10))}
    lead = sentence_at(0, 0.5)
    offered = [(first, [lead, sentence_at(20, 0.6)]), (second, [sentence_at(0, 0.8), sentence_at(20, 0.45)])]
    # Only the repeated lead holds the turn's own word ("prepared" of "Who prepared it?").
    holds = {0: 1}
    assert new_lead(offered, first, lead, repeated, 0.12, lambda s: holds.get(s.start, 0) if s is lead else 0) is None
    # A new sentence holding it as well may lead.
    moved = new_lead(offered, first, lead, repeated, 0.12, lambda s: 1 if s.start == 0 else 0)
    assert moved is not None and moved[0] is second and [s.start for s in moved[2]] == [0]


def test_a_repeated_lead_gives_way_to_a_neighbour_holding_more_of_the_asked_words() -> None:
    first, neighbour = passage_unit("u1"), passage_unit("u2")
    repeated = {Quoted("u1", (0, 10))}
    lead = sentence_at(0, 0.6)
    held = {0: 1, 20: 1, 40: 2, 60: 2}.get  # by start: how many of the turn's own words a sentence holds
    offered = [(first, [lead, sentence_at(20, 0.55)])]

    def moved_to(beside: list[tuple[Unit, list[ScoredSentence]]]) -> Unit | None:
        moved = asked_lead(offered, first, lead, repeated, 0.12, lambda s: held(s.start, 0), beside)
        return None if moved is None else moved[0]

    assert moved_to([(neighbour, [sentence_at(40, 0.52)])]) is neighbour  # within the margin, holding more
    assert moved_to([(neighbour, [sentence_at(60, 0.4)])]) is None  # holding more, but too weak
    assert moved_to([(neighbour, [sentence_at(20, 0.59)])]) is None  # as well supported, holding no more
    assert moved_to([]) is None  # nothing beside: the repeated lead answers
    # A result's new sentence holding more comes first: the neighbourhood is read after the results.
    offered.append((passage_unit("u3"), [sentence_at(40, 0.5)]))
    assert moved_to([(neighbour, [sentence_at(60, 0.59)])]) is offered[1][0]


def test_a_lead_s_neighbourhood_is_the_next_passage_and_the_notes_its_passage_cites(engine: Any) -> None:
    units = engine.all_units()
    by_id = {u.id: i for i, u in enumerate(units)}
    durand = by_id["icg-asia-briefing-169:p:II.A.1"]
    near = [units[i].id for i in neighbourhood(units, durand, by_id)]
    assert near[0] == "icg-asia-briefing-169:p:II.A.2"
    assert near[1:] == ["icg-asia-briefing-169:fn:1", "icg-asia-briefing-169:fn:2"]
    # A note's neighbourhood is its passage's: the next passage and the other notes it cites.
    note = by_id["icg-asia-briefing-169:fn:1"]
    assert [units[i].id for i in neighbourhood(units, note, by_id)] == [near[0], "icg-asia-briefing-169:fn:2"]


def test_a_new_lead_holding_none_of_the_asked_words_gives_way_only_to_the_neighbourhood() -> None:
    # The lead is new (no earlier answer quoted it) and holds none of the turn's own words: the
    # history's words chose it. The last lead's neighbourhood offers a sentence holding one.
    first, other, neighbour = passage_unit("u1"), passage_unit("u2"), passage_unit("u3")
    repeated = {Quoted("u9", (0, 10))}
    lead = sentence_at(0, 0.6)
    held = {0: 0, 20: 1, 40: 1, 60: 0}.get
    offered = [(first, [lead]), (other, [sentence_at(20, 0.58)])]

    def moved_to(beside: list[tuple[Unit, list[ScoredSentence]]], lead: ScoredSentence = lead) -> Unit | None:
        moved = asked_lead(offered, first, lead, repeated, 0.12, lambda s: held(s.start, 1), beside)
        return None if moved is None else moved[0]

    assert moved_to([(neighbour, [sentence_at(40, 0.5)])]) is neighbour
    assert moved_to([]) is None  # another result holding the word is not where the turn moves on to
    assert moved_to([(neighbour, [sentence_at(40, 0.4)])]) is None  # too weak
    assert moved_to([(neighbour, [sentence_at(60, 0.59)])]) is None  # holding none of the words
    # A new lead holding one of the turn's words stays.
    assert moved_to([(neighbour, [sentence_at(40, 0.59)])], lead=sentence_at(20, 0.6)) is None


@pytest.mark.parametrize(
    ("first_question", "follow_question", "first_lead", "follow_lead"),
    [
        # Dev d2025: "Who was the spokesperson?" has no pronoun; read alone it asked of every
        # spokesperson the corpus quotes and the one the first answer named ranked eighth.
        (
            "What did the Taliban spokesperson tell a Pakistani TV channel about Afghan soil?",
            "Who was the spokesperson?",
            "Zabihullah Mujahid",
            "Zabihullah Mujahid",
        ),
        # Dev d1650-d1651: read with the first question, "Who did their envoy join?" led with a
        # new sentence of another passage holding none of its own words; the note the last
        # lead's passage cites names the envoy (docs/tuning.md, session 22).
        (
            "What did Pakistan's foreign office say when Biden announced the withdrawal?",
            "Who did their envoy join?",
            "coincides with progress in the peace process",
            "joined the special envoys of the U.S., China and Russia",
        ),
    ],
)
def test_a_follow_up_is_answered_from_what_the_last_answer_leads_to(
    engine: Any,
    store: ConversationStore,
    first_question: str,
    follow_question: str,
    first_lead: str,
    follow_lead: str,
) -> None:
    first, follow_up = converse(engine, store, first_question, follow_question)
    assert first_lead in first.answer[0].text
    assert follow_lead in follow_up.answer[0].text
    assert follow_up.results[0].unit_id == follow_up.answer[0].unit_id


def test_a_follow_up_s_lead_does_not_move_to_another_result_holding_its_words(
    engine: Any, store: ConversationStore
) -> None:
    # Dev d1556-d1557: "let" is the turn's own word and a sentence of another result holds it
    # ("… let them …"); the answer is the next sentence of the passage just quoted.
    _, follow_up = converse(
        engine,
        store,
        "What did Pakistan provide shelter to after the October 2001 U.S.-led invasion?",
        "What did that let them do?",
    )
    assert "allowed the insurgents to recruit, raise money and conduct attacks" in follow_up.answer[0].text


def test_a_lead_holding_none_of_the_turn_s_words_gives_way_to_its_unit_s_sentence_holding_most() -> None:
    unit = passage_unit("u1")
    repeated = {Quoted("u1", (0, 10))}
    lead = sentence_at(0, 0.9)  # the last answer's lead, far the best supported on the history's words
    held = {0: 0, 20: 1, 40: 3, 60: 3}.get
    sentences = [lead, sentence_at(20, 0.6), sentence_at(40, 0.3), sentence_at(60, 0.2)]
    moved = own_words_lead((unit, sentences), lead, repeated, lambda s: held(s.start, 0))
    # Whatever they score, the sentences holding the most of the turn's own words are offered.
    assert moved is not None and moved[0] is unit and [s.start for s in moved[2]] == [40, 60]
    # A lead holding one of them stays, and so does one whose unit holds none elsewhere.
    assert own_words_lead((unit, sentences), sentences[1], repeated, lambda s: held(s.start, 0)) is None
    assert own_words_lead((unit, sentences), lead, repeated, _no_words) is None
    # A sentence quoted before is not offered: the conversation has read it.
    quoted = repeated | {Quoted("u1", (40, 50)), Quoted("u1", (60, 70))}
    moved = own_words_lead((unit, sentences), lead, quoted, lambda s: held(s.start, 0))
    assert moved is not None and [s.start for s in moved[2]] == [20]


def test_a_follow_up_asking_who_else_leads_with_the_sentence_holding_its_own_words(
    engine: Any, store: ConversationStore
) -> None:
    # Dev d516-d518: the passage just quoted ranks first on the history's words, and its best
    # sentence is the custody deaths quoted twice; "detain", "several", "years" are the turn's.
    *_, follow_up = converse(
        engine,
        store,
        "Who was the former Taliban defence minister who reportedly died in Pakistani custody?",
        "Who else reportedly died in custody then?",
        "Who else did Pakistan detain for several years?",
    )
    assert follow_up.answer[0].text.startswith("Baradar, for instance, was detained for several years")


def test_a_pronoun_s_name_does_not_choose_the_sentence_naming_the_person(engine: Any, store: ConversationStore) -> None:
    # Dev d822-d823: "he" is read as Hameed, which only the passage's first sentence writes; the
    # turn's own words ("involved", "2017") are in the sentence writing "he".
    _, follow_up = converse(engine, store, "Who is Faiz Hameed?", "What was he involved in back in 2017?")
    assert follow_up.answer[0].text.startswith("In 2017, he was involved in negotiations")
