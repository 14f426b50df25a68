"""The front door every other front door goes through: one question in, one response out.

The HTTP API, `cited ask --json` and the Slack bot all call `respond`, so a conversation,
its history and the recorded turn behave the same wherever the question came from.

`reading` is the one place that turns a conversation into what a question is read with (its
`retrieval_history` and the sentences earlier answers quoted); Slack's replay of a past answer
and the evaluation harness call it too. Its rule:

- a question that refers back (service.pointing: a third-person or demonstrative pronoun, "there", "else",
  no content word of its own, "who" and one verb in the past alone ("Who agreed?"), a word of
  sequence alone ("What happened next?": repeats.asks_only_what_followed), a noun phrase
  whose noun is left out ("Which were the other two?", "Who gave the most?"), or a
  fragment after "and", "but", "what about") is a follow-up,
  read with the last `history_turns` questions that were answered;
- any other question is read alone: one that retrieves well on its own is not dragged towards
  the earlier topic, and one that does not retrieve at all abstains on its own evidence rather
  than on its history's;
- abstained turns never feed later context, so "What is the boiling point of water?" in the
  middle of a conversation does not drown the antecedent of the next real follow-up;
- a follow-up whose every earlier turn abstained has nothing to point at: when what it points
  at is not named in the question itself ("Why does Pakistan want off it?" after "What is the
  FATF grey list?" abstained) it abstains without retrieval (`Reading.orphaned`), rather than
  be answered, read alone, with whatever its other words match; a possessive or reflexive bound
  by a word of its own ("What did Pakistan's foreign ministry say about its border fence?") is
  read alone, as before (docs/retrieval.md, "Follow-ups"; docs/tuning.md, session 15); one
  made of a word of sequence alone right after a turn that abstained abstains too: it asks
  after that turn's event (`follows_abstained`);
- a follow-up is also handed the sentences the earlier answers led with (each turn records what
  its answer quoted: `record`), every sentence they quoted when it asks for more ("What else
  …?"), so that its answer leads with what they did not say (service.repeats: `shown_before`),
  and those the last answered turn quoted, lead first, where "that date" finds the date that
  answer gave (service.antecedents);
- a follow-up whose chain of follow-ups has pushed the question it started from out of those
  `history_turns` is handed that question too, for the ranking only (`chain_root`), unless the
  chain brings in an antecedent of its own or names a person the corpus titles other than the
  one that question names (docs/retrieval.md, "Follow-ups").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from service.antecedents import asked_alone, titled_surname, writes_personal_pronoun
from service.bm25 import terms_of
from service.context import UnitContext
from service.conversations import AskRecord, Store, new_id
from service.pointing import OPENERS, points_outside, read_words, refers_back
from service.question_words import (
    ASKING_TERMS,
    FUNCTION_TERMS,
    QUESTION_WORDS,
)
from service.records import Answer, Document, Filters, Mode, Quoted, Unit
from service.repeats import asks_only_what_followed
from service.schemas import AskFilters, AskRequest, AskResponse, FeedbackRequest
from service.source_profile import SourceProfile

_THE = re.compile(r"\bthe\b")
_MORE = frozenset({"else", "other", "also", "more"})  # a follow-up asking for what was not said
# "Who called it …?", "Who offered it?": a "Who …?" asking for its subject, whose answer names
# someone the question does not; "Who did he meet?" asks for the object, and "he" stays its subject.
_WHO_SUBJECT = re.compile(
    r"^who\s+(?!(?:did|does|do|will|would|can|could|has|have|had|is|was)\s+(?:he|she|they|his|her)\b)"
)


class EarlierTurn(Protocol):
    """What the history rule reads of an earlier turn (a stored `Turn`, or the harness's)."""

    @property
    def question(self) -> str: ...

    @property
    def abstained(self) -> bool: ...

    @property
    def quoted(self) -> Sequence[Quoted]: ...


class AskEngine(Protocol):
    """What the front doors use of `service.engine.Engine`."""

    @property
    def documents(self) -> Mapping[str, Document]: ...

    @property
    def version(self) -> str: ...

    @property
    def history_turns(self) -> int: ...

    @property
    def titled(self) -> frozenset[str]: ...

    def unit(self, unit_id: str) -> Unit: ...

    def context(self, unit_id: str) -> UnitContext: ...

    def all_units(self) -> list[Unit]: ...

    def source_profile(self, document_id: str) -> SourceProfile: ...

    def ask(
        self,
        question: str,
        *,
        top_k: int = 5,
        filters: Filters | None = None,
        history: Sequence[str] = (),
        quoted: Collection[Quoted] = (),
        said: Sequence[Quoted] = (),
        root: str | None = None,
        in_conversation: bool = False,
        mode: Mode = "hybrid",
        leads: Sequence[Quoted | None] = (),
    ) -> Answer: ...


def to_filters(engine: AskEngine, wire: AskFilters | None) -> Filters | None:
    """Wire filters to engine filters, refusing any document the index lacks here, before a
    conversation is read or a retrieval runs (the engine refuses it too, for its other callers)."""
    if wire is None:
        return None
    documents = tuple(wire.documents) if wire.documents is not None else None
    kinds = tuple(wire.kinds) if wire.kinds is not None else None
    filters = Filters(documents=documents, kinds=kinds)
    filters.check_documents(engine.documents)
    return filters


def retrieval_history(question: str, earlier: Sequence[EarlierTurn], turns: int) -> tuple[str, ...]:
    """The earlier questions to read `question` with, oldest first: the last `turns` answered
    (not abstained) ones when it refers back, or asks again of what the latest of them asked
    about (`asks_again`), else none (the module's rule). One that asked only
    of the answer before it ("Where?", "Who said that?": antecedents.asked_alone) is passed
    over: it has no words to rank by, and counted in the `turns` it pushed out the question that
    had, after two such turns (docs/tuning.md, session 19)."""
    if turns <= 0:
        return ()
    answered = [turn.question for turn in earlier if not turn.abstained and asked_alone(turn.question) is None]
    if not (refers_back(question) or (answered and asks_again(question, answered[-1]))):
        return ()
    return tuple(answered[-turns:])


def asks_again(question: str, last: str) -> bool:
    """Whether `question` asks again of what `last` (the latest answered question with words of
    its own) asked about, naming it by the same noun with "the" and bringing no word of its own:
    "Who was the spokesperson?" after "What did the Taliban spokesperson tell a Pakistani TV
    channel …?", "Who was the army chief?" after "What did the army chief say at …?". It has no
    pronoun, yet "the" points at the one just asked about; read alone it asks of every
    spokesperson the corpus quotes, and the one the last answer named ranked eighth
    (docs/tuning.md, session 30)."""
    own = terms_of(question) - ASKING_TERMS - FUNCTION_TERMS
    return bool(own) and _THE.search(question.lower()) is not None and own <= terms_of(last)


def chain_root(
    question: str, earlier: Sequence[EarlierTurn], turns: int, titled: Collection[str] = frozenset()
) -> str | None:
    """The question a chain of follow-ups started from, when the chain has pushed it out of the
    `turns` a follow-up is read with (retrieval_history): the latest answered question before
    them that stands alone, every answered one after it referring back and none bringing in an
    antecedent of its own (`_brings_its_own`). "When did Imran Khan take power?", "Who makes
    Afghan policy under him?", "What do critics call this arrangement?", then "What did he say
    in early June?": the first question is the only one naming him. None when `question`
    does not refer back, when the window holds the question that stands alone, when a
    question of the chain brings in its own, or when `question` or a question of the chain
    names a person the corpus titles (`titled`: antecedents.titled_names) other than the one the
    root names: "What did President Biden decide about the war after those talks?" after three
    turns on Trump, and every "he" after it, are on Biden, where "he" is read too
    (antecedents.resolve_person stops at the latest question naming someone). The ranking reads
    it beside the history, the pronoun resolution does not (service.engine.Engine.ask: `root`):
    written into "his", the root's name ranked worse than the window's words did
    (docs/tuning.md, sessions 26 to 28)."""
    if turns <= 0 or not refers_back(question):
        return None
    answered = [turn.question for turn in earlier if not turn.abstained and asked_alone(turn.question) is None]
    personal = writes_personal_pronoun(question)
    named = {titled_surname(question, titled)}  # the titled people the chain names (None: no one)
    for position, asked in enumerate(reversed(answered)):
        if not refers_back(asked):
            named.discard(None)
            if position < turns or not named <= {titled_surname(asked, titled)}:
                return None
            return asked
        if _brings_its_own(asked, personal):
            return None
        personal = personal or writes_personal_pronoun(asked)
        named.add(titled_surname(asked, titled))
    return None


def _brings_its_own(question: str, personal: bool) -> bool:
    """Whether a follow-up of a chain brings in an antecedent of its own, which a later turn
    points at rather than at the question the chain started from: a fragment with words of its
    own after "and", "what about" ("And his foreign minister?", "What about China?"), or,
    before a turn pointing at a person (`personal`), a "Who …?" asking for its subject and
    pointing at no person itself, whose answer names someone new ("Who called it a veritable arm
    of the ISI?" before "When did he say it?"; "Who makes Afghan policy under him?" keeps him)."""
    text, read = read_words(question)
    content = [word.text for word in read if word.text not in QUESTION_WORDS]
    if text.startswith(OPENERS) and content:
        return True
    return personal and _WHO_SUBJECT.match(text) is not None and not writes_personal_pronoun(question)


@dataclass(frozen=True)
class Reading:
    """What a question is read with inside its conversation (the module's rule)."""

    history: tuple[str, ...] = ()  # earlier questions, oldest first (retrieval_history)
    quoted: tuple[Quoted, ...] = ()  # sentences the earlier answers showed, each once (shown_before)
    said: tuple[Quoted, ...] = ()  # the sentences the last answered turn quoted, its lead first
    orphaned: bool = False  # it points back, and every earlier turn abstained: it abstains
    root: str | None = None  # the question its chain of follow-ups started from, out of `history` (chain_root)
    # It follows earlier turns of its conversation, read with them or not ("What is Qureshi's
    # favourite football club?" names its person and is read alone): the engine reads it for an
    # aside of private life (service.asides).
    inside: bool = False
    # Per question of `history`, the sentence its answer led with: where an earlier follow-up's
    # "he" finds the person that answer named (service.engine._read_with_history).
    leads: tuple[Quoted | None, ...] = ()


def reading(
    question: str, earlier: Sequence[EarlierTurn], turns: int, titled: Collection[str] = frozenset()
) -> Reading:
    """How to read `question` after the `earlier` turns: a follow-up with its history, the
    sentences the earlier answers of the conversation showed (shown_before), and those the last answer said
    (where "that date" points: service.antecedents); a follow-up pointing at something only
    abstained turns asked about, not at all (`orphaned`); any other question alone."""
    if follows_abstained(question, earlier, turns):  # "What happened next?" after a turn that abstained
        return Reading(orphaned=True)
    history = retrieval_history(question, earlier, turns)
    if not history:
        return Reading(orphaned=orphaned(question, earlier, turns), inside=bool(earlier))
    said = next((tuple(turn.quoted) for turn in reversed(earlier) if not turn.abstained), ())
    root = chain_root(question, earlier, turns, titled)
    return Reading(
        history, shown_before(question, earlier), said, root=root, inside=True, leads=_leads(earlier, history)
    )


def _leads(earlier: Sequence[EarlierTurn], history: Sequence[str]) -> tuple[Quoted | None, ...]:
    """Per question of `history` (the last answered turns retrieval_history keeps, in order), the
    sentence its answer led with; none when the turns kept cannot be matched to `history`."""
    answered = [turn for turn in earlier if not turn.abstained and asked_alone(turn.question) is None]
    kept = answered[len(answered) - len(history) :] if history else []
    if [turn.question for turn in kept] != list(history):
        return ()
    return tuple(turn.quoted[0] if turn.quoted else None for turn in kept)


def shown_before(question: str, earlier: Sequence[EarlierTurn]) -> tuple[Quoted, ...]:
    """The sentences a follow-up's answer leads past when a new one is as well supported
    (service.repeats), each once: the sentence each earlier answer led with, and every sentence
    they quoted when the follow-up asks for more ("What else did he say about Pakistan?"). A
    sentence an answer quoted only after its lead is what a follow-up asking of it wants:
    "Who is Zabihullah Mujahid?" quotes "But he also said Pakistan … must decide 'whether or not
    the TTP's war is legitimate …'" second, and "What did he say about the TTP?" asks for just
    that (docs/tuning.md, session 15)."""
    more = not _MORE.isdisjoint(word.text for word in read_words(question)[1])
    return tuple(dict.fromkeys(q for turn in earlier for q in (turn.quoted if more else turn.quoted[:1])))


def orphaned(question: str, earlier: Sequence[EarlierTurn], turns: int) -> bool:
    """Whether `question` points at something outside itself (points_outside) while every
    earlier turn of its conversation abstained: there is nothing it can point at, and read
    alone it would be answered with whatever its other words match. A conversation's first
    question is read alone as any question is (it may point at nothing the asker said), and so
    is every question when history is off (`turns` 0)."""
    if turns <= 0 or not earlier or any(not turn.abstained for turn in earlier):
        return False
    return points_outside(question)


def follows_abstained(question: str, earlier: Sequence[EarlierTurn], turns: int) -> bool:
    """Whether `question` asks only what came next ("What happened next?":
    repeats.asks_only_what_followed) right after a turn that abstained: what it asks after is
    the event that turn asked about, which the corpus did not tell, not the event an answered
    turn before it led with; read with that one, it would be answered with what followed another
    event (docs/retrieval.md, "Follow-ups"). A conversation's first question, or any when
    history is off, is read as before."""
    return turns > 0 and bool(earlier) and earlier[-1].abstained and asks_only_what_followed(question)


def ask_read(
    engine: AskEngine,
    question: str,
    read: Reading,
    *,
    top_k: int,
    filters: Filters | None = None,
    mode: Mode | None = None,
) -> Answer:
    """The engine's answer to `question` read as `read` says; an orphaned follow-up abstains
    without retrieval. `mode` only where the caller chooses one (the evaluation harness)."""
    if read.orphaned:
        return Answer(question, True, (), (), engine.version, abstain_reason="orphaned")
    options = {} if mode is None else {"mode": mode}
    return engine.ask(
        question,
        top_k=top_k,
        filters=filters,
        history=read.history,
        quoted=read.quoted,
        said=read.said,
        root=read.root,
        in_conversation=read.inside,
        leads=read.leads,
        **options,
    )


def ask_in_conversation(
    engine: AskEngine, question: str, earlier: Sequence[EarlierTurn], *, top_k: int, filters: Filters | None = None
) -> Answer:
    """The engine's answer to `question` read as `reading` says: what every front door calls."""
    return ask_read(
        engine, question, reading(question, earlier, engine.history_turns, engine.titled), top_k=top_k, filters=filters
    )


def respond(engine: AskEngine, store: Store, request: AskRequest, *, source: str = "api") -> AskResponse:
    """Answer `request` within its conversation and record the turn.

    A request without `conversation_id` starts a conversation; an unknown id raises
    NotFound before any retrieval runs. The conversation is created only after the engine
    answered, so a rejected question leaves nothing behind, and it is created together with
    its first turn (`Store.record_ask`): one commit, so one wait for the disk, per ask.

    The three steps are public so that a front door can run the retrieval apart from the
    store calls (the API holds a retrieval slot only while the engine works).
    """
    filters = to_filters(engine, request.filters)
    earlier = recall(store, request)
    answer = retrieve(engine, request, filters, earlier)
    return record(store, request, answer, source=source)


def recall(store: Store, request: AskRequest) -> Sequence[EarlierTurn]:
    """The earlier turns of the request's conversation (NotFound); none for a new one."""
    if request.conversation_id is None:
        return ()
    return store.get_conversation(request.conversation_id).turns


def retrieve(engine: AskEngine, request: AskRequest, filters: Filters | None, earlier: Sequence[EarlierTurn]) -> Answer:
    """The engine's answer to the request, read with what its earlier turns give it (reading)."""
    return ask_in_conversation(engine, request.question, earlier, top_k=request.top_k, filters=filters)


def record(store: Store, request: AskRequest, answer: Answer, *, source: str = "api") -> AskResponse:
    """Record the answered ask in its conversation (starting one if needed), with the sentences
    its answer quoted; the response."""
    ask_id = new_id()
    unit_ids = tuple(result.hit.unit.id for result in answer.results)
    ask = AskRecord(
        request.conversation_id, source, request.question, ask_id, unit_ids, answer.abstained, quoted_by(answer)
    )
    conversation_id = store.record_ask(ask)
    return AskResponse.from_answer(answer, conversation_id=conversation_id, ask_id=ask_id)


def quoted_by(answer: Answer) -> tuple[Quoted, ...]:
    """The sentences an answer quoted, in order, as a turn records them."""
    return tuple(Quoted(sentence.unit_id, sentence.span) for sentence in answer.sentences)


def record_feedback(store: Store, request: FeedbackRequest, *, source: str = "api") -> None:
    """Store a thumbs up or down on one result (NotFound / BadInput as the store says)."""
    store.record_feedback(request.ask_id, request.unit_id, request.helpful, request.comment, source)
