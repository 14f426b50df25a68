"""Follow-ups about a person just introduced: "he" read as the person's name holds for a sentence
writing "he" or "his" in a passage naming them, and a follow-up asking what came after the last
answer's lead reads on from it (service.answer._pronouns_read, service.repeats.next_lead;
docs/tuning.md, session 25). On the session index and through the shared front door."""

from __future__ import annotations

from typing import Any

import pytest

from service.answer_type import AnswerType, states_or_dates
from service.conversations.sqlite import ConversationStore
from service.records import Quoted
from service.repeats import asks_what_followed, next_lead, restated_lead

from .support.conversing import converse
from .support.sentences import passage_unit, sentence_at


def _lead(response: Any) -> str:
    assert not response.abstained
    return str(response.answer[0].text)


def test_he_read_as_the_name_is_held_by_the_sentence_writing_his(engine: Any, store: ConversationStore) -> None:
    """Read as "What did Hameed do in Kabul?", the follow-up led with "Hameed has mediated
    delicate political disputes before …", the one sentence of the passage holding the name,
    past the one answering it, which writes "his arrival in Kabul"."""
    _, kabul = converse(engine, store, "Who is Faiz Hameed?", "What did he do in Kabul?")
    assert "just a few days after his arrival in Kabul" in _lead(kabul)


def test_when_was_that_of_a_lead_dated_by_another_event_quotes_that_lead_again(
    engine: Any, store: ConversationStore
) -> None:
    """ "When was that?" asks the date of what the last answer led with: its unit's "In 2017, he
    was involved …" dates another event; the lead's "just a few days after his arrival in Kabul"
    answers it, and no longer leaves the answer withdrawn for stating no calendar date."""
    *_, when = converse(engine, store, "Who is Faiz Hameed?", "What did he do in Kabul?", "When was that?")
    assert "just a few days after his arrival in Kabul" in _lead(when)


def test_a_follow_up_asking_what_came_after_reads_on_from_the_last_lead(engine: Any, store: ConversationStore) -> None:
    """ "Since then" and "after he was released" ask what the report writes next, which shares
    no word with the question: the last answer's lead (quoted before) or a sentence elsewhere
    holding the question's words led instead."""
    _, since = converse(engine, store, "Who is Baitullah Mehsud?", "What has his group done since then?")
    assert _lead(since).startswith("Since then, the TTP has sent fighters")
    _, released = converse(
        engine, store, "Who is Mullah Abdul Ghani Baradar?", "Where did he go after he was released?"
    )
    assert _lead(released).startswith("Baradar was allowed to join the Taliban's political office in Doha")


@pytest.mark.parametrize(
    ("question", "lead", "asks"),
    [
        ("What happened after that?", "", True),
        ("What has his group done since then?", "", True),
        ("And then?", "", True),
        ("What did he do next?", "", True),
        ("Where did he go after he was released?", "Pakistan released Mullah Baradar.", True),
        ("Where did he go after his release?", "Pakistan released Mullah Baradar.", True),
        # The event after the pronoun is not the last lead's: it asks of another one.
        ("What happened after his death?", "Pakistan released Mullah Baradar.", False),
        # "then" alone is "at that time"; an event named in the question is its own.
        ("Who else reportedly died in custody then?", "", False),
        ("What did Pakistan do after the 2001 attacks?", "", False),
        ("What did he say about it?", "", False),
    ],
)
def test_what_asks_what_came_after_the_last_lead(question: str, lead: str, asks: bool) -> None:
    assert asks_what_followed(question, lead) is asks


def test_the_next_lead_is_the_sentence_after_the_last_lead_else_the_next_passage_s_first() -> None:
    last, after = passage_unit("u1"), passage_unit("u2")
    sentences = [sentence_at(0, 0.9), sentence_at(20, 0.2), sentence_at(40, 0.5)]
    moved = next_lead((last, sentences), (0, 10), (after, [sentence_at(0, 0.3)]), {Quoted("u1", (0, 10))})
    assert moved is not None and moved[0] is last and [s.start for s in moved[2]] == [20]
    # The last lead closes its unit: the next passage's first sentence.
    moved = next_lead((last, sentences), (40, 50), (after, [sentence_at(30, 0.1), sentence_at(0, 0.3)]), set())
    assert moved is not None and moved[0] is after and [s.start for s in moved[2]] == [0]
    # Quoted before, or nothing after: the usual choice decides.
    assert next_lead((last, sentences), (0, 10), None, {Quoted("u1", (20, 30))}) is None
    assert next_lead((last, sentences), (40, 50), None, set()) is None


def test_a_next_sentence_placed_in_no_time_gives_way_to_the_one_after_it_that_is() -> None:
    """A comment between the last lead and the next event ("It's unclear whether he did indeed
    mediate …") is passed over for the sentence placing the next event in time; only the one."""
    last = passage_unit("u1")
    sentences = [sentence_at(0, 0.9), sentence_at(20, 0.2), sentence_at(40, 0.5), sentence_at(60, 0.5)]
    dated = {40}
    placed = lambda unit, sentence: sentence.start in dated  # noqa: E731
    moved = next_lead((last, sentences), (0, 10), None, set(), placed)
    assert moved is not None and [s.start for s in moved[2]] == [40]
    # The next sentence placed in time itself, or neither of the two: the next sentence leads.
    dated = {20, 40}
    assert [s.start for s in next_lead((last, sentences), (0, 10), None, set(), placed)[2]] == [20]
    dated = {60}
    assert [s.start for s in next_lead((last, sentences), (0, 10), None, set(), placed)[2]] == [20]


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Tellingly, however, just a few days after his arrival in Kabul, the Taliban announced it.", True),
        ("The same week, his national security adviser called on all stakeholders.", True),
        ("In 2017, he was involved in negotiations.", True),  # a calendar date, as before
        ("Hameed has mediated delicate political disputes before, albeit at home.", False),
        ("Several hundred Afghans staged anti-Pakistan protests.", False),
    ],
)
def test_a_time_relative_to_another_event_answers_a_date_question(text: str, dated: bool) -> None:
    assert states_or_dates(AnswerType.DATE, text, "When was that?") is dated


def test_the_restated_lead_is_the_last_lead_when_it_states_the_value() -> None:
    last = passage_unit("u1")
    sentences = [sentence_at(0, 0.3), sentence_at(20, 0.9)]
    moved = restated_lead((last, sentences), (0, 10), lambda s: s.start == 0)
    assert moved is not None and moved[0] is last and [s.start for s in moved[2]] == [0]
    assert restated_lead((last, sentences), (0, 10), lambda s: False) is None  # the value is elsewhere
    assert restated_lead((last, sentences), (40, 50), lambda s: True) is None  # no such sentence offered
