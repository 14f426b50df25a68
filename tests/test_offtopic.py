"""Questions about what the corpus never mentions, asked of places it does name
(service.offtopic), on the session's real index, model and shipped calibration: the reading is
one piece of calibrated evidence (`residual_unmatched`); with it such questions abstain, read
alone, inside a conversation, or opening like a follow-up, and the follow-up after them still
finds its antecedent; answerable questions with a word the corpus never uses are still answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service import chat
from service.bm25 import term_share, tokenize
from service.conversations.sqlite import ConversationStore
from service.evaluate.ask import AskedTurn
from service.evidence import FEATURES
from service.offtopic import (
    UNSEEN_WEIGHT,
    asked_of_library,
    asks_only_what_happened,
    corpus_cosine,
    read_topic,
    residual,
    residual_unmatched,
)
from service.question_words import QUESTION_TERMS
from service.schemas import AskRequest

UNMATCHED = FEATURES.index("residual_unmatched")


def _reading(engine: Any, question: str) -> Any:
    return read_topic(question, lambda term: term_share(engine.files.bm25, term), len(engine.all_units()))


def _unmatched(engine: Any, question: str) -> tuple[float, list[str]]:
    """The question's residual_unmatched, and the texts whose cosine to the corpus it read (the
    windows nearest to them and their units' sentences; the engine adds the question's candidates)."""
    read: list[str] = []

    def best_cosine(text: str) -> float:
        read.append(text)
        return corpus_cosine(engine.files, engine.embedder, text, np.zeros(0, dtype=np.int64))

    return residual_unmatched(_reading(engine, question), best_cosine), read


def test_the_residual_drops_only_the_capitalised_words_the_corpus_holds(engine: Any) -> None:
    def share(term: str) -> float:
        return float(term_share(engine.files.bm25, term))

    assert residual("How do I apply for a Pakistani visa?", share) == "How do I apply for a visa"
    assert residual("What was the score of the last India-Pakistan cricket match?", share) == (
        "What was the score of the last cricket match"
    )
    # A name the corpus never writes stays: it is what the question asks about.
    assert residual("How do I apply for a Ruritanian visa?", share) == "How do I apply for a Ruritanian visa"
    # The first word is capitalised as every question's is, and stays.
    assert residual("Pakistani visas: how do I get one?", share).startswith("Pakistani")


def test_words_the_corpus_never_uses_must_weigh_a_third_of_the_question(engine: Any) -> None:
    visa = _reading(engine, "How do I apply for a Pakistani visa?")
    assert visa.unseen == ("visa",) and visa.unseen_weight >= UNSEEN_WEIGHT and visa.may_be_elsewhere
    # One unusual verb among the question's rare words: not enough to doubt the question.
    larger = _reading(engine, "Which country has a larger Shia population than Pakistan?")
    assert larger.unseen == ("larger",) and not larger.may_be_elsewhere
    assert not _reading(engine, "Who founded the Taliban?").may_be_elsewhere  # every word known


def test_the_rest_is_encoded_only_when_the_unseen_words_weigh_enough(engine: Any) -> None:
    # Under the gate: 0, and no cosine is computed at all (the cost is paid by few questions).
    for question in ("Who founded the Taliban?", "Which country has a larger Shia population than Pakistan?"):
        value, read = _unmatched(engine, question)
        assert value == 0.0 and read == []
    # Over it: the whole question, then the rest, names out, is what is compared with the corpus.
    visa, read = _unmatched(engine, "How do I apply for a Pakistani visa?")
    assert read == ["How do I apply for a Pakistani visa?", "How do I apply for a visa"] and visa > 0.9
    # An answerable question over the gate whose rest the corpus does write about stays low.
    became, _ = _unmatched(engine, "Who became the Taliban's new prime minister in September?")
    assert became < 0.5 < visa


def test_every_result_of_the_question_carries_the_reading_as_evidence(engine: Any) -> None:
    _, rows = engine.evidence("What was the score of the last India-Pakistan cricket match?")
    assert len(rows) and (rows[:, UNMATCHED] == rows[0, UNMATCHED]).all() and rows[0, UNMATCHED] > 0.9
    _, known = engine.evidence("Who founded the Taliban?")
    assert (known[:, UNMATCHED] == 0).all()
    assert engine.calibration.weights[UNMATCHED] < 0  # fitted on dev: it speaks against answering


@pytest.mark.parametrize(
    "question",
    [
        "How do I apply for a Pakistani visa?",
        "What was the score of the last India-Pakistan cricket match?",
        "What souvenirs should I buy at a bazaar in Peshawar?",
        "Where can I rent a car in Islamabad?",
    ],
)
def test_a_question_about_what_the_corpus_never_mentions_abstains_though_it_names_its_places(
    engine: Any, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.abstained and answer.results == ()


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("Who became the Taliban's new prime minister in September?", "new Prime Minister Mullah Obaidullah Akhund"),
        ("What happened on Sept. 5?", "killed three Pakistani paramilitary forces"),
    ],
)
def test_an_answerable_question_with_a_word_the_corpus_never_uses_is_still_answered(
    engine: Any, question: str, gold: str
) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert gold in answer.results[0].hit.unit.text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What does the conclusion recommend Pakistan do?", "Pakistan do?"),  # a section, by its heading
        ("What did the Crisis Group recommend?", ""),  # a document, by its publisher: what it says as a whole
        ("What does Kugelman recommend?", ""),  # by its author
        (
            "What does the section on the costs of international isolation say about lithium mines?",
            "lithium mines?",
        ),
        ("According to a UN report, how many attacks did the TTP launch?", None),  # a report the briefing cites
        ("What does Pakistan recommend?", None),  # a place, no document or heading
        ("How do I apply for a Pakistani visa?", None),
    ],
)
def test_what_a_question_asks_of_a_document_or_section_it_names_is_what_the_reading_reads(
    engine: Any, question: str, asked: str | None
) -> None:
    assert asked_of_library(question, engine.names_library) == asked


def test_asking_what_a_named_source_recommends_is_no_sign_of_another_subject(engine: Any) -> None:
    # "recommend" is a word no unit holds (the corpus writes "should"); it is how the question
    # points at the library, and what is asked of the library is read instead.
    for question in ("What did the Crisis Group recommend?", "What does the conclusion recommend Pakistan do?"):
        _, rows = engine.evidence(question)
        assert rows[0, UNMATCHED] == 0.0
        assert not engine.ask(question).abstained
    # Asked of a place rather than the library, the verb is not read as pointing at the library
    # (its weight is then the whole question's to excuse: docs/retrieval.md, "The whole question
    # first", which reads "What does Pakistan recommend?" within WHOLE_NEAR of the corpus).
    assert asked_of_library("What does Pakistan recommend?", engine.names_library) is None


def test_a_named_section_asked_about_what_the_corpus_never_mentions_still_abstains(engine: Any) -> None:
    question = "What does the section on the costs of international isolation say about lithium mines?"
    _, rows = engine.evidence(question)
    assert rows[0, UNMATCHED] > 0.9  # "lithium mines", read without the section's name
    answer = engine.ask(question)
    assert answer.abstained and answer.results == ()


def test_the_calibration_reads_a_which_footnote_question_on_its_topic_as_ask_does(engine: Any) -> None:
    # `ask` ranks "Which footnote …?" on what it is about (service.note_answer); read whole, its
    # "footnote", "attached" and "sentence" were words no unit holds, and weighed as off topic.
    question = "Which footnote is attached to the sentence about the 2,430km line?"
    units, rows = engine.evidence(question)
    assert rows[0, UNMATCHED] == 0.0
    answer = engine.ask(question)
    assert not answer.abstained
    assert units[0].id in {result.hit.unit.id for result in answer.results}


def _conversation(engine: Any, tmp_path: Path, turns: tuple[str, ...]) -> list[Any]:
    store = ConversationStore(tmp_path / "cited.db")
    try:
        first = chat.respond(engine, store, AskRequest(question=turns[0]))
        later = [
            chat.respond(engine, store, AskRequest(question=question, conversation_id=first.conversation_id))
            for question in turns[1:]
        ]
        return [first, *later]
    finally:
        store.close()


def test_an_off_topic_turn_naming_the_corpus_s_places_abstains_and_the_return_finds_its_antecedent(
    engine: Any, tmp_path: Path
) -> None:
    first, off, back = _conversation(
        engine,
        tmp_path,
        (
            "What does Pakistan's military say the border fence is for?",
            "How do I apply for a Pakistani visa?",  # "visa" is the only word the corpus never uses
            "How many frontier posts are planned along it?",
        ),
    )
    assert not first.abstained and off.abstained and off.results == []
    assert not back.abstained
    assert "843 planned frontier posts" in back.results[0].text


def test_an_off_topic_turn_that_opens_like_a_follow_up_is_read_on_its_own_words(engine: Any, tmp_path: Path) -> None:
    question = "What about the square root of 144?"
    # Read with its history ("What about …" refers back), it would ride on the first turn's topic;
    # its own words still carry the evidence.
    history = ["Who became the Taliban's new prime minister in September?"]
    assert chat.retrieval_history(question, [AskedTurn(history[0], False)], engine.history_turns) == tuple(history)
    _, rows = engine.evidence(question, history=history)
    assert rows[0, UNMATCHED] > 0.9
    first, off = _conversation(engine, tmp_path, (history[0], question))
    assert not first.abstained and off.abstained


def _terms(question: str) -> list[str]:
    return [t for t in tokenize([question])[0] if t not in QUESTION_TERMS]


def test_a_question_made_only_of_an_event_verb_and_words_pointing_back_asks_what_happened() -> None:
    for question in ("What happened after that?", "What happened next?", "And what occurred then?"):
        assert asks_only_what_happened(_terms(question)), question
    # A word of its own is what it asks about ("family", "airstrikes"); words pointing back alone ask for nothing.
    for question in ("What happened to Ashraf Ghani's family?", "What happened after the airstrikes?", "After that?"):
        assert not asks_only_what_happened(_terms(question)), question


def test_what_happened_next_is_the_conversation_s_topic_only_when_read_with_it(engine: Any) -> None:
    """The corpus writes "happen" in no form: read alone, "What happened after that?" asks about
    nothing it writes; read with the turns before it, it asks what came after what was said."""
    question = "What happened after that?"
    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    assert share("happen") == 0.0  # else the rule is not under test
    assert read_topic(question, share, len(engine.all_units())).may_be_elsewhere
    assert not read_topic(question, share, len(engine.all_units()), follows=True).may_be_elsewhere
    history = ["Who is Suhail Shaheen?"]
    _, rows = engine.evidence(question, history=history)
    assert rows[0, UNMATCHED] == 0.0
    _, alone = engine.evidence(question)
    assert alone[0, UNMATCHED] > 0.5


def test_what_happened_after_an_answered_event_is_answered_and_after_an_abstained_one_abstains(
    engine: Any, tmp_path: Path
) -> None:
    first, then = _conversation(engine, tmp_path, ("Who is Suhail Shaheen?", "What happened after that?"))
    assert not first.abstained and not then.abstained
    assert "unusually detailed and effusive praise" in then.answer[0].text
    off, after = _conversation(
        engine, tmp_path, ("When did the Taliban capture Mazar-i-Sharif?", "What happened after that?")
    )
    assert off.abstained and after.abstained


def _lexicon(engine: Any) -> Any:
    from service.offtopic import CorpusLexicon

    return CorpusLexicon(engine.files.lexicon, engine.embedder.encode)


def test_an_unseen_everyday_word_close_to_a_word_the_corpus_writes_is_said_otherwise(engine: Any) -> None:
    lexicon = _lexicon(engine)
    # "job" is the corpus's "work"; "boiling", "visa", "salary" lie far from every word it writes.
    assert lexicon.paraphrased(["job", "visa", "salary", "boiling"]) == {"job"}


def test_an_unseen_word_nearer_a_word_the_corpus_never_writes_is_not_said_otherwise(engine: Any) -> None:
    lexicon = _lexicon(engine)
    # Each lies within PARAPHRASE_COSINE of a word the corpus writes ("sports", "cold", "his"),
    # and nearer still to one it writes in no form ("soccer", "snowy", "your"): another subject.
    assert lexicon.paraphrased(["football", "snow", "my"]) == set()
    # A word's own forms ("jobs", "sicknesses") are no rival: it is still the corpus's word.
    assert lexicon.paraphrased(["job", "sickness", "spokesman"]) == {"job", "sickness", "spokesman"}
    for question in ("Who won the last football World Cup?", "How should I train for my first marathon?"):
        _, rows = engine.evidence(question)
        assert rows[0, UNMATCHED] > 0.5, question


def test_the_index_holds_the_lexicon_of_its_corpus_as_the_model_reads_it(engine: Any, embedder: Any) -> None:
    from service.offtopic import lexicon_words
    from service.spelling import corpus_speller
    from service.store import StemRows
    from service.truecase import corpus_truecaser

    stored = engine.files.lexicon
    # The lists the build stored are those the loaded index gives: its truecaser's words, the
    # model's word list, its BM25 terms.
    speller = corpus_speller(corpus_truecaser(engine.all_units(), engine.files.sentences), embedder, engine.files.bm25)
    assert (stored.written, stored.unwritten) == lexicon_words(speller)
    assert len(stored.written) > 1000 and len(stored.unwritten) > 10_000
    stems = StemRows.of(stored.unwritten)
    assert stored.unwritten_stems.index == stems.index and len(stems.index) > 10_000
    assert (stored.unwritten_stems.first == stems.first).all() and (stored.unwritten_stems.rows == stems.rows).all()
    jobs = stored.unwritten_stems.of_stem("job")  # "job", "jobs": one stem, and no other word has it
    assert sorted(stored.unwritten[row] for row in jobs) == ["job", "jobs"]
    # Each row is its word as the model reads it alone: a sample of both lists, encoded now.
    for words, vectors in ((stored.written, stored.written_vectors), (stored.unwritten, stored.unwritten_vectors)):
        rows = np.linspace(0, len(words) - 1, 40).astype(int)
        fresh = embedder.encode([words[row] for row in rows])
        cosines = (np.asarray(vectors[rows]) * fresh).sum(axis=1)
        assert cosines.min() > 0.9999, [words[row] for row in rows[cosines <= 0.9999]]


def test_loading_an_engine_encodes_no_lexicon_word(built_index_dir: Path, embedder: Any) -> None:
    import threading

    from service.engine import load_engine
    from service.settings import Settings
    from tests.conftest import CORPUS
    from tests.support.recording import RecordingEmbedder

    recorder = RecordingEmbedder(embedder)
    engine = load_engine(Settings(corpus_dir=CORPUS, index_dir=built_index_dir), embedder=recorder)  # type: ignore[arg-type]
    assert recorder.pooled_texts == [] and recorder.token_texts == []
    assert all(thread.name != "corpus-lexicon" for thread in threading.enumerate())
    # A question that reads the lexicon ("job" is the corpus's "work", and no nearer to a word it
    # never writes) encodes itself and its unseen word, not the lexicon's 19,000.
    assert not engine.ask("What is Kugelman's job?").abstained
    assert 0 < len(recorder.pooled_texts) + len(recorder.token_texts) < 10, recorder.pooled_texts
    assert "job" in recorder.pooled_texts

    def reading(question: str) -> Any:
        share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
        return read_topic(question, share, len(engine.all_units()), engine.lexicon.paraphrased)

    job = reading("What is Kugelman's job?")
    assert job.unseen == () and not job.may_be_elsewhere
    salary = reading("What is Imran Khan's salary?")
    assert salary.unseen == ("salari",) and salary.may_be_elsewhere
    assert reading("How do I apply for a Pakistani visa?").unseen == ("visa",)


def test_an_answerable_question_in_everyday_words_is_answered_and_a_near_topic_one_abstains(engine: Any) -> None:
    assert not engine.ask("What is Kugelman's job?").abstained
    assert engine.ask("What is Imran Khan's salary?").abstained
    _, rows = engine.evidence("What is Kugelman's job?")
    assert rows[0, UNMATCHED] == 0.0


def test_an_everyday_question_whose_whole_the_corpus_says_is_not_read_as_another_subject(engine: Any) -> None:
    # "mad" is no word the corpus writes, nor near one read alone ("bristled", "mistrustful"), and
    # the rest ("Why are mad at") lies far from every sentence; the whole question does not.
    mad, read = _unmatched(engine, "Why are Afghans mad at Pakistan?")
    assert mad == 0.0 and read == ["Why are Afghans mad at Pakistan?"]
    assert not engine.ask("Why are Afghans mad at Pakistan?").abstained
    # Asked of what the corpus never says, the whole lies further off and the rest decides.
    for question in (
        "When was Imran Khan born?",
        "What is Imran Khan's salary?",
        "How do I apply for a Pakistani visa?",
    ):
        value, read = _unmatched(engine, question)
        assert value > 0.5 and len(read) == 2, question
        assert engine.ask(question).abstained, question


def test_a_date_question_whose_answer_dates_another_event_abstains(engine: Any) -> None:
    from service.offtopic import event_words, unstated_event

    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    lexicon = _lexicon(engine)
    assert event_words("When did the Taliban capture Jalalabad?", share) == ["capture"]
    dated = "In 1997, the Pakistani government led by Nawaz Sharif asked the Taliban regime to extradite militants."
    assert unstated_event("When did the Taliban capture Jalalabad?", dated, share, lexicon)
    # The event in another form of the same word is written: "began" is "begin".
    began = "The Quadrilateral Dialogue began in January 2016."
    assert not unstated_event("When did the Quadrilateral Dialogue begin?", began, share, lexicon)
    # Only "When did X <verb>?" is read: a named event ("the Murree meeting") and a question
    # pointing back ("When did he say that?") are left to the answer-type check.
    assert not unstated_event("When was the Murree meeting?", dated, share, lexicon)
    assert not unstated_event("When did he say that?", dated, share, lexicon)
    assert engine.ask("When did the Taliban capture Jalalabad?").abstained
    assert engine.ask("When did Qamar Javed Bajwa retire?").abstained
    assert not engine.ask("When did the Quadrilateral Dialogue begin?").abstained
    assert not engine.ask("When did the Taliban open their political office in Doha?").abstained


def test_a_passive_date_question_closing_on_a_particle_or_a_role_reads_its_event_without_the_role(
    engine: Any,
) -> None:
    from service.offtopic import asked_when, event_words, unstated_event

    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    lexicon = _lexicon(engine)
    # The participle's particle closes the passive as the participle does; the role after it is
    # who X was, not the event, and "Prime Minister Imran Khan" writes only the role.
    assert asked_when("When was Imran Khan voted out?") == "When was Imran Khan voted out?"
    assert asked_when("When was Imran Khan voted out as prime minister?") == "When was Imran Khan voted out?"
    assert event_words("When was Imran Khan voted out?", share) == ["voted", "out"]
    lead = (
        "Since taking power in a contested election in July 2018, Prime Minister Imran Khan has "
        "largely ceded decision-making on security and foreign policy to the military."
    )
    assert unstated_event("When was Imran Khan voted out as prime minister?", lead, share, lexicon)
    # A question read so already keeps its role's words; a named event is still not read.
    assert asked_when("When did Imran Khan take power as prime minister?") == (
        "When did Imran Khan take power as prime minister?"
    )
    assert not unstated_event("When did Imran Khan take power as prime minister?", lead, share, lexicon)
    assert asked_when("When was the Murree meeting as a venue?") is None
    assert engine.ask("When was Imran Khan voted out as prime minister?").abstained


def test_a_date_question_about_something_the_corpus_never_names_dates_nothing(engine: Any) -> None:
    from service.offtopic import unstated_event

    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    lexicon = _lexicon(engine)
    # "border" is written by the lead; "Chaman" by no unit: the date is of another crossing's events.
    lead = "The fence construction, which began in 2017, is aimed at preventing cross-border movement of terrorists."
    assert unstated_event("When did Pakistan reopen the Chaman border crossing?", lead, share, lexicon)
    assert not unstated_event("When did Pakistan begin the border fence construction?", lead, share, lexicon)
    # Lowercase, the word is not read as a name.
    assert not unstated_event("When did Pakistan reopen the chaman border crossing?", lead, share, lexicon)
    assert engine.ask("When did Pakistan reopen the Chaman border crossing?").abstained
    # A misspelt name the speller corrects is read as the corpus's.
    assert not engine.ask("When did Imrann Khan take power?").abstained


def test_a_date_or_cause_asked_with_a_phrasal_verb_reads_the_verb_and_its_particle_as_the_event(engine: Any) -> None:
    from service.offtopic import unstated_event

    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    lexicon = _lexicon(engine)
    released = (
        "In October 2018, during Zalmay Khalilzad's visit to Islamabad, Pakistan released Mullah Abdul Ghani "
        "Baradar, a co-founder of the Taliban."
    )
    # "let" and "go" are near no word of the lead; the phrasal verb is "released".
    assert not unstated_event("When did Pakistan let Baradar go?", released, share, lexicon)
    assert not engine.ask("When did Pakistan let Baradar go?").abstained
    # Another phrasal verb is another event, though the lead names Baradar and Pakistan.
    assert unstated_event("When did Pakistan hand Baradar over to the Americans?", released, share, lexicon)
    assert engine.ask("When did Pakistan hand Baradar over to the Americans?").abstained
    # The verb's object is not the event: a role or post the lead writes says who X was, and a
    # lead writing it but neither the phrasal verb nor a verb for it dates something else.
    minister = "The Taliban appointed Sirajuddin Haqqani as interior minister in their caretaker government in 2021."
    assert unstated_event("When did Sirajuddin Haqqani step down from the interior ministry?", minister, share, lexicon)
    assert engine.ask("Why did Sirajuddin Haqqani step down from the interior ministry?").abstained
    # The verb itself, with or without its particle, is a word of the event, as before.
    called = "Trump abruptly called off talks on 6 September 2019."
    assert not unstated_event("When did Trump call off the talks?", called, share, lexicon)


def test_a_source_asked_about_a_thing_the_corpus_never_writes_of_says_nothing_of_it(engine: Any) -> None:
    from service.offtopic import unwritten_topic

    share = lambda term: term_share(engine.files.bm25, term)  # noqa: E731
    lexicon = _lexicon(engine)
    # "water", "spending", "cricket": words no unit writes, read alike no word it writes.
    assert unwritten_topic("What does the briefing recommend about Pakistan's water dispute?", share, lexicon)
    assert unwritten_topic("What does the article say about Pakistan's military spending?", share, lexicon)
    assert unwritten_topic("What does the article advise about Pakistan's cricket diplomacy?", share, lexicon)
    # A word the corpus writes in other words is its subject ("formation" is its "formed").
    assert not unwritten_topic("What does the Crisis Group briefing say about the TTP's formation?", share, lexicon)
    # A topic that is a clause asks in its own verbs what a passage may say in others.
    assert not unwritten_topic("What did The News report about Pakistan being unhappy?", share, lexicon)
    assert not unwritten_topic("What did he say about how the generals read Washington's intentions?", share, lexicon)
    # No source asked: left to the calibration's off-topic reading.
    assert not unwritten_topic("Why did Pakistan's military spending rise?", share, lexicon)
    # Withdrawn when asked of a named document, whose topic alone is ranked within it.
    assert engine.ask("What does the Foreign Policy article say about Pakistan's military spending?").abstained
    assert not engine.ask("What does the Crisis Group briefing say about the TTP's formation?").abstained
