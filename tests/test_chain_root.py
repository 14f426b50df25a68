"""The question a chain of follow-ups started from, read by the ranking when the chain has pushed
it out of the two-turn history (service.chat.chain_root, Engine.ask's `root`; docs/tuning.md,
sessions 27 and 28), and the chain ended by a follow-up naming a new titled person. The rule on
made-up turns; the reading on the session index through the front door."""

from __future__ import annotations

from typing import Any

from service import chat
from service.conversations.sqlite import ConversationStore

from .support.conversing import Earlier, converse

_KHAN = [
    Earlier("When did Imran Khan take power?"),
    Earlier("Who makes Afghan policy under him?"),
    Earlier("What do critics call this arrangement?"),
    Earlier("What is the square root of 144?", abstained=True),
]


def test_the_root_is_the_question_the_chain_started_from_once_out_of_the_window() -> None:
    assert chat.chain_root("What did he say in early June?", _KHAN, 2) == "When did Imran Khan take power?"
    assert chat.reading("What did he say in early June?", _KHAN, 2).root == "When did Imran Khan take power?"


def test_no_root_while_the_window_holds_it_or_for_a_question_standing_alone() -> None:
    assert chat.chain_root("What did he say in early June?", _KHAN[:2], 2) is None
    assert chat.chain_root("What did he say in early June?", _KHAN, 3) is None
    assert chat.chain_root("What did Imran Khan say in early June?", _KHAN, 2) is None
    assert chat.chain_root("What did he say in early June?", _KHAN, 0) is None


def test_a_turn_asking_only_of_the_last_answer_does_not_count_in_the_chain() -> None:
    earlier = [
        Earlier("What is the Haqqani network?"),
        Earlier("Who called it a veritable arm of the ISI?"),
        Earlier("What's the source?"),
        Earlier("When did its links to Pakistan begin?"),
    ]
    asked = "Which posts did its leaders get in the new government?"
    assert chat.chain_root(asked, earlier, 2) == "What is the Haqqani network?"


def test_a_chain_turn_bringing_in_its_own_antecedent_ends_the_chain() -> None:
    """A fragment with words of its own names what comes next; a "Who …?" asking for its subject
    names someone new in its answer, whom a later "he" points at; one pointing at the person
    itself ("Who makes Afghan policy under him?") keeps him."""
    fragment = [*_KHAN[:3], Earlier("And his foreign minister?")]
    assert chat.chain_root("What did he say in early June?", fragment, 2) is None
    who = [Earlier("What is the Haqqani network?"), Earlier("Who called it a veritable arm?"), Earlier("Why?")]
    assert chat.chain_root("When did he say it?", who, 2) is None
    assert chat.chain_root("When did it begin?", who, 2) == "What is the Haqqani network?"


def test_a_follow_up_read_with_its_chain_root_finds_the_person_it_named(engine: Any, store: ConversationStore) -> None:
    """Read with "Where had he been detained?" and "Why was he detained?" alone, the prison
    sentence came second, below the passage of the detention; read after the question naming
    Baradar, it leads."""
    *_, prison = converse(
        engine,
        store,
        "Who is Mullah Abdul Ghani Baradar?",
        "Where had he been detained?",
        "Why was he detained?",
        "What's a good recipe for banana bread?",
        "Where did he go after his release?",
        "How long did he spend in a Pakistani prison?",
    )
    assert not prison.abstained
    assert "who spent nearly a decade in a Pakistani prison" in prison.answer[0].text


def test_ask_and_evidence_read_the_root_alike(engine: Any) -> None:
    """The calibration is fitted on what `evidence` ranks: with a root, as `ask` ranks."""
    history = ("Who makes Afghan policy under him?", "What do critics call this arrangement?")
    root = "When did Imran Khan take power?"
    question = "What did he say in early June?"
    answer = engine.ask(question, history=history, root=root, top_k=3)
    units, _ = engine.evidence(question, history=history, root=root, depth=3)
    without, _ = engine.evidence(question, history=history, depth=3)
    # The same units: the answer may then hand its lead to a lower one of them (a follow-up's lead
    # taken by a lower result stating its own words, docs/retrieval.md), which reorders `results`.
    assert {r.hit.unit.id for r in answer.results} == {u.id for u in units}
    assert {u.id for u in units} != {u.id for u in without}


# Made-up people, titled as the corpus would title them (antecedents.titled_names).
_TITLED = frozenset({"Halvorsen", "Okafor"})
_HALVORSEN = [
    Earlier("What did President Ingrid Halvorsen promise the miners?"),
    Earlier("When did he visit the coast?"),
    Earlier("Why did he cancel the talks?"),
]


def test_a_follow_up_naming_a_new_titled_person_ends_the_chain() -> None:
    """After "What did minister Okafor say about those talks?", "he" is Okafor, as the pronoun
    resolution reads it: the older root would pull the ranking back to Halvorsen."""
    named = [*_HALVORSEN, Earlier("What did minister Okafor say about those talks?")]
    assert chat.chain_root("What did he promise next?", named, 2, _TITLED) is None
    later = [*named, Earlier("When did he resign?"), Earlier("Who replaced him?")]
    assert chat.chain_root("What did he write afterwards?", later, 2, _TITLED) is None


def test_the_question_naming_the_new_person_is_read_without_the_root() -> None:
    asked = "What did minister Okafor say about those talks?"
    assert chat.chain_root(asked, _HALVORSEN, 2, _TITLED) is None
    assert chat.reading(asked, _HALVORSEN, 2, _TITLED).root is None


def test_the_chain_holds_past_the_root_person_named_again_and_past_untitled_capitals() -> None:
    """Naming the root's person again, or a place, a month or a person the corpus never titles,
    brings in no one new."""
    again = [*_HALVORSEN[:2], Earlier("What did Halvorsen say about his talks in Pakistan in February?")]
    root = "What did President Ingrid Halvorsen promise the miners?"
    assert chat.chain_root("What did he promise next?", again, 2, _TITLED) == root
    untitled = [*_HALVORSEN[:2], Earlier("What did he tell Mr Bram Vos about those talks?")]
    assert chat.chain_root("What did he promise next?", untitled, 2, _TITLED) == root
    assert chat.chain_root("What did he promise next?", _HALVORSEN, 2, _TITLED) == root


def test_without_titled_names_a_named_follow_up_does_not_end_the_chain() -> None:
    """Who is a person is read from the corpus: with no titled names known, no name ends it."""
    named = [*_HALVORSEN, Earlier("What did minister Okafor say about those talks?")]
    assert chat.chain_root("What did he promise next?", named, 2) == _HALVORSEN[0].question


def test_the_chain_root_is_left_out_after_a_new_titled_person(engine: Any) -> None:
    """Three turns on Trump, then one naming President Biden: it and "When had he taken over
    …?" are on Biden, and read without the Trump question."""
    asked = [
        "What did President Donald Trump criticise Pakistan for in a 2017 South Asia policy address?",
        "What did he imply the U.S. might consider?",
        "When did he abruptly call off talks?",
        "What did President Biden decide about the war after those talks, in April 2021?",
    ]
    earlier = [Earlier(question) for question in asked]
    assert "Biden" in engine.titled
    assert chat.chain_root("When had he taken over the U.S. administration?", earlier, 2, engine.titled) is None
    assert chat.chain_root(asked[3], earlier[:3], 2, engine.titled) is None
    assert chat.chain_root(asked[3], earlier[:3], 2) == asked[0]


def test_a_turn_after_one_naming_a_titled_person_is_answered_without_the_old_root(
    engine: Any, store: ConversationStore
) -> None:
    """After "When did army chief Bajwa and the ISI head meet him in Kabul?", read with the
    question on Ghani that opened the conversation the envoy question abstained; read with its
    two-turn history it finds the note naming the envoy (docs/tuning.md, session 28)."""
    *_, envoy = converse(
        engine,
        store,
        "What did President Ashraf Ghani accuse Pakistan of in an interview with a German newsmagazine?",
        "What did he say was first and foremost a matter of, as the U.S. leaves?",
        "When did army chief Bajwa and the ISI head meet him in Kabul?",
        "Which of his peace envoys called on Pakistan in March to facilitate an agreement with the Taliban?",
    )
    assert not envoy.abstained
    assert "peace envoy Umer Daudzai called on Pakistan" in envoy.answer[0].text.replace("’", "'")
