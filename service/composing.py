"""What the stages of composing an answer read, below them all (service.answer, service.lead):
the loaded index (`Sources`), the question as composing reads it (`AskedFor`, with the two sides
of a comparison: `compared`), the answer's size and margin (ANSWER_SENTENCES, ANSWER_MARGIN),
and the readings of a sentence that both the candidates' scores and the lead choice take: the
share of the question's rarer words it holds (`rare_share`), whether it states the asked
value, defines the asked term, quotes the question's phrases or writes a titled surname.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from service.answer_type import (
    AnswerType,
    AskedKind,
    StatedPremise,
    asks_for_name,
    defines,
    expected_type,
    states,
    states_or_dates,
)
from service.bm25 import terms_of, tokenize
from service.evidence import WORD
from service.question_words import ASKING_TERMS, BY_AMOUNT, BY_TIME, COMPARING_TERMS, FUNCTION_TERMS
from service.records import Document, Quoted, Unit
from service.relations import asked_role
from service.sentences import ScoredSentence
from service.store import SentenceTable
from service.text import POSSESSIVE_END, normalise

ANSWER_SENTENCES = 3
ANSWER_MARGIN = 0.12  # answer sentences score within this of the best one
RAREST_SHARE = 1e-6  # the share a term no sentence holds is read as, for its rarity weight
COMMON_TERM_SHARE = 0.1  # a term in more of the sentences than this tells no sentence apart (docs/tuning.md)

# A comparison of two things by time or by amount ("Which came first, A or B?", "Is A older
# than B?", "how many more X than Y", "Did A happen before or after B?"): the words that compare,
# and the type of value a side must state for the user to compare (docs/retrieval.md,
# "Both sides of a comparison"; the words in service.question_words).
_BY_TIME = "|".join(BY_TIME)
_BY_AMOUNT = "|".join(BY_AMOUNT)
_COMPARING = re.compile(rf"\b(?:(?P<time>{_BY_TIME})|(?P<amount>{_BY_AMOUNT}))\b", re.IGNORECASE)
_EITHER_WAY = re.compile(rf"\b(?:{_BY_TIME}|{_BY_AMOUNT}) or (?:{_BY_TIME}|{_BY_AMOUNT})\b", re.IGNORECASE)
# "Which country has a larger Shia population than Pakistan?" names one side and asks for the other;
# "Where did TTP attacks kill more than a dozen …?" compares nothing.
_ASKS_WHICH = re.compile(r"\s*(?:which|what|who|where|when|why)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Compared:
    """The two sides of a comparison (the terms of each that the other lacks) and the type of
    value that states a side (a date for "first", a number for "how many more")."""

    sides: tuple[frozenset[str], frozenset[str]]
    wanted: tuple[AnswerType, ...]


def compared(question: str) -> Compared | None:
    """The two sides a question compares, when it compares two things by time or amount: "A or
    B" after a comparing word ("Which came first, A or B?"), "A … than B" (not "Which … than B?",
    which asks for a side), "A before or after B"; None for any other question, or when a side
    holds no term of its own."""
    text = question.strip().rstrip("?").strip()
    word = _COMPARING.search(text)
    if word is None:
        return None
    either = _EITHER_WAY.search(text)
    than = re.search(r"\bthan\b", text, re.IGNORECASE)
    ors = [m for m in re.finditer(r"\bor\b", text, re.IGNORECASE)]
    if either is not None:
        left, right = text[: either.start()], text[either.end() :]
    elif than is not None and than.start() > word.start() and not _ASKS_WHICH.match(text):
        left, right = text[: than.start()], text[than.end() :]
    elif ors:
        split = ors[-1]
        head = text[: split.start()]
        left, right = head[head.rfind(",") + 1 :], text[split.end() :]
    else:
        return None
    words = ASKING_TERMS | FUNCTION_TERMS | COMPARING_TERMS
    a, b = (frozenset(tokenize([side])[0]) - words for side in (left, right))
    a, b = a - b, b - a
    if not a or not b:
        return None
    by_time = any(m.group("time") for m in _COMPARING.finditer(text))
    wanted = (AnswerType.DATE,) if by_time else (AnswerType.QUANTITY, AnswerType.MONEY, AnswerType.SHARE)
    return Compared((a, b), wanted)


@dataclass(frozen=True)
class Sources:
    """What composing an answer reads from the loaded index."""

    units: Sequence[Unit]
    documents: Mapping[str, Document]
    by_id: Mapping[str, int]  # unit id -> index into `units`
    sentences: SentenceTable
    sentence_terms: Mapping[int, frozenset[str]]  # sentence row -> its BM25 terms
    reference: np.ndarray  # (n_sentences,) bool: the sentence is a reference entry
    all_references: np.ndarray  # (n_units,) bool: every sentence of the unit is one
    # A unit's stored word pieces: (n, 2) where each starts and ends in its text, and their
    # (n, dim) vectors; None when the index has no token vectors (re-ranking off).
    pieces: Callable[[int], tuple[np.ndarray, np.ndarray]] | None = None
    # The share of all sentences holding a BM25 term (service.bm25.term_share); None: unknown,
    # and a lead is then never handed to the sentence after it for a word it lacks.
    term_share: Callable[[str], float] | None = None
    # The words the corpus writes as a person's surname right after a title ("army chief Bajwa",
    # "President Ghani": service.antecedents.titled_names): a name of one word (`_names_before`).
    titled: frozenset[str] = frozenset()
    # The terms of the names the corpus's own documents are published and written under
    # (service.references.corpus_own_names): a question naming one names no work a note cites.
    own_names: frozenset[str] = frozenset()

    def text_of(self, sentence: ScoredSentence) -> str:
        """A scored sentence's text, verbatim, from its unit."""
        return self.units[sentence.unit_index].text_of(sentence)


@dataclass(frozen=True)
class AskedFor:
    """What the question asks for, as composing the answer needs it."""

    question: str
    wanted: AnswerType | None
    source: bool
    terms: frozenset[str]  # the question's own terms (without the conversation's history)
    tokens: np.ndarray | None = None  # the question's own word-piece vectors
    defined: str | None = None  # the term a definition question asks about ("Durand Line")
    name: bool = False  # a "Who…" or "Which…" question: it asks for a name
    repeated: frozenset[Quoted] = frozenset()  # sentences the conversation's earlier answers quoted
    places: frozenset[str] | None = None  # a where-question's own places (answer_type.asked_places)
    kind: AskedKind | None = None  # an office, a named kind, or something besides (answer_type.asked_kind)
    compared: Compared | None = None  # the two sides of a comparison and the type it compares (compared)
    agent: str | None = None  # "Who prepared it?": the stem of the verb whose doer is asked (answer_type.asked_agent)
    quoted: tuple[str, ...] = ()  # the phrases the question quotes, normalised (service.text.quoted_phrases)
    borrowed: frozenset[str] = frozenset()  # the terms a follow-up's pronoun was read as (compose)
    follows: bool = False  # read with earlier turns: its lead is chosen against its history
    premise: StatedPremise | None = None  # "…; will the Taliban go along?": what it states before it asks
    # The last answer's lead when the follow-up points at a thing it names ("What did it tie the
    # money to?"): a lead an older answer quoted gives way to it as to a new one (service.repeats).
    pointed: Quoted | None = None

    @cached_property
    def role(self) -> tuple[frozenset[str], frozenset[str]]:
        """For "Who is X's brother?": X's stems and the role nouns asked (relations.asked_role)."""
        return asked_role(self.question) if self.name else (frozenset(), frozenset())

    @cached_property
    def content_terms(self) -> frozenset[str]:
        """The question's own terms less how it asks (ASKING_TERMS) and its function words
        (FUNCTION_TERMS): what it is about, read once per question rather than per sentence."""
        return self.terms - ASKING_TERMS - FUNCTION_TERMS

    @cached_property
    def premise_terms(self) -> frozenset[str]:
        """The content terms of the premise the question states before it asks (`stated_premise`)."""
        return content_terms_of(self.premise.premise) if self.premise else frozenset()

    @cached_property
    def asking_terms(self) -> frozenset[str]:
        """The content terms of what a question stating a premise asks, less the premise's own."""
        return content_terms_of(self.premise.asks) - self.premise_terms if self.premise else frozenset()

    @cached_property
    def asking_type(self) -> AnswerType | None:
        """The answer type of what a question stating a premise asks ("when…?" a date)."""
        return expected_type(self.premise.asks) if self.premise else None

    @cached_property
    def asking_name(self) -> bool:
        """Whether what a question stating a premise asks is a name ("who…?")."""
        return self.premise is not None and asks_for_name(self.premise.asks)


def content_terms_of(text: str) -> frozenset[str]:
    return terms_of(text) - ASKING_TERMS - FUNCTION_TERMS


def defines_asked_term(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> bool:
    return asked.defined is not None and defines(asked.defined, unit.text_of(sentence))


def quotes(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> int:
    """How many of the phrases the question quotes the sentence holds, word for word."""
    text = normalise(unit.text_of(sentence))
    return sum(phrase in text for phrase in asked.quoted)


def person_titles(asked: AskedFor, sources: Sources) -> frozenset[str]:
    """The surnames the corpus titles (`Sources.titled`), by which a sentence writing in full a
    person the question names is read as naming no one new (answer_type.names_someone_new); none
    for a comparison, whose two sides are the question's own names (session 56)."""
    return sources.titled if asked.compared is None else frozenset()


def writes_titled_surname(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether the sentence writes alone a surname the corpus titles elsewhere (`Sources.titled`:
    "Bajwa" of "army chief Bajwa"), one the question does not hold. A capitalised word alone is
    as often no one's name ("Soviet withdrawal", "Afghan government"): the corpus's titles tell a
    person's. A surname right after a word of the question is the asked person's ("peace envoy
    Khalilzad" for "Who did their envoy join?"), not someone new (docs/tuning.md, session 28).
    It gains TITLED_NAME_BONUS in the answer's scores (`adjusted_sentence`, session 33)."""
    if not sources.titled:
        return False
    text = sources.text_of(sentence)
    asked_words = {POSSESSIVE_END.sub("", word).lower() for word in WORD.findall(asked.question)}
    words = [POSSESSIVE_END.sub("", word) for word in WORD.findall(text)]
    return any(
        word in sources.titled
        and word.lower() not in asked_words
        and (at == 0 or words[at - 1].lower() not in asked_words)
        for at, word in enumerate(words)
    )


def rare_share(
    sentence: ScoredSentence, asked: AskedFor, sources: Sources, without: frozenset[str] = frozenset()
) -> float:
    """The share of the question's terms the sentence holds, each weighed by its rarity among
    the sentences (-log of the share holding it); 0 when the rarity is unknown. How the question
    asks (ASKING_TERMS) and its function words (FUNCTION_TERMS) are no terms of it: a quote's
    "what" or "about" held by one sentence outweighed the name the other holds ("What did he say
    about Pakistan?" after "Who is Zalmay Khalilzad?": docs/tuning.md, session 23). `without`:
    terms left out as well (the asked noun of "Which <noun> …?", service.lead)."""
    share_of = sources.term_share
    terms = asked.content_terms - without
    if share_of is None or not terms:
        return 0.0
    weights = {term: rarity(term, share_of) for term in terms}
    held = sources.sentence_terms.get(sentence.row, frozenset())
    return sum(w for term, w in weights.items() if term in held) / (sum(weights.values()) or 1.0)


def rarity(term: str, share_of: Callable[[str], float]) -> float:
    """A term's rarity among the sentences: -log of the share holding it (RAREST_SHARE when none does)."""
    return -math.log(max(share_of(term), RAREST_SHARE))


def states_wanted(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> bool:
    assert asked.wanted is not None
    return states(asked.wanted, unit.text_of(sentence), asked.question)


def states_value(asked: AskedFor, unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether the sentence states the value asked for, a date also by a time relative to another
    event ("a few days after his arrival": service.answer_type.states_or_dates)."""
    text = unit.text_of(sentence)
    return asked.wanted is not None and states_or_dates(asked.wanted, text, asked.question)
