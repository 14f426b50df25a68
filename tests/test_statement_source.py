"""A source follow-up ("What's the source?") of a report's own statement, one that cites no note
and names no source in its words: its document is its source, and the statement is quoted again
(`Engine._last_lead`, `note_answer.quoted_source_answer`; docs/trials.md, session 26)."""

from __future__ import annotations

from typing import Any

from service.conversations.sqlite import ConversationStore

from .support.conversing import converse


def test_the_source_of_a_statement_citing_nothing_is_its_document(engine: Any, store: ConversationStore) -> None:
    """The article's own statement cites no note and names no source: "What's the source for
    that?" quotes it again, by construction, its result citing the article, where a ranking of
    "source" gave the fence passage."""
    _, criticised, source = converse(
        engine,
        store,
        "When did Pakistan begin building the border fence?",
        "Who criticised it?",
        "What's the source for that?",
    )
    assert "Mujahid recently criticized" in criticised.answer[0].text
    assert [sentence.text for sentence in source.answer] == [criticised.answer[0].text]
    assert source.results[0].unit_id == criticised.answer[0].unit_id and source.results[0].score == 1
    assert source.results[0].document.id == "fp-pakistan-taliban-2021"


def test_a_source_named_in_another_sentence_is_not_the_source_asked(engine: Any, store: ConversationStore) -> None:
    """The passage names the BBC as the source of Shaheen's words; the praise of China two
    sentences on has none. Asked of Shaheen's words, the BBC is given; of the praise, the
    praise itself (its document), not the briefing's "What's new?" a ranking of "What's" found."""
    _, source = converse(engine, store, "What did Suhail Shaheen tell the BBC?", "What's the source?")
    assert "told the BBC" in source.answer[0].text
    *_, praise, unsourced = converse(
        engine, store, "What did Suhail Shaheen tell the BBC?", "What about China?", "What's the source?"
    )
    assert "effusive praise" in praise.answer[0].text
    assert [sentence.text for sentence in unsourced.answer] == [praise.answer[0].text]


def test_a_statement_whose_passage_cites_a_note_is_answered_from_the_notes(
    engine: Any, store: ConversationStore
) -> None:
    """A sentence citing a note is answered with the note's entry, as before: only a statement
    citing nothing is its own source."""
    _, source = converse(
        engine, store, "Who called the Haqqani network a veritable arm of the ISI?", "What's the source?"
    )
    assert "Mullen: Pakistan's spy agency supported U.S. embassy attack" in source.answer[0].text
