"""A question about something the corpus never mentions, asked of a place or people it does.

"How do I apply for a Pakistani visa?" and "What was the score of the last India-Pakistan
cricket match?" share their names with the corpus ("Pakistani", "India", "Pakistan"), and those
names pull a passage about Pakistan up, well enough for the calibrated score to answer. What they
ask about ("visa", "cricket match") the corpus never writes, and no name is unknown for
service.evidence to notice: the words it has never seen are lowercase. Such a question is read
twice here:

1. its content words (its BM25 terms less question words and auxiliaries) weighted by their
   inverse document frequency: the words no unit uses must carry at least `UNSEEN_WEIGHT` of the
   question's weight, so a question with one unusual verb ("Who became …?") is left alone;
2. without the capitalised words the corpus knows (after the first word), "How do I apply for
   a visa": how close the rest, what is asked of those names, comes to any window or sentence
   of the corpus (the windows nearest to it, and the sentences of those units and of the
   question's own candidates: the same reach at any corpus size). The whole question is read
   first: when it lies within `WHOLE_NEAR` of the corpus, its unseen words are the corpus's
   subject in everyday words ("Why are Afghans mad at Pakistan?", 0.73 from "many Afghans are
   mistrustful of Pakistan"), though the rest alone ("Why are mad at") lies far from it.

An unseen word that is the corpus's subject in other words is not another subject: "What is
Kugelman's job?" asks what the corpus writes as "work" and "director", "Who was the TTP's first
boss?" what it writes as "leader". Such a word (within `PARAPHRASE_COSINE`, read alone by the
model, of a general word the corpus writes, and no nearer to a word the corpus writes in no form:
`CorpusLexicon`) does not count towards the unseen weight; "visa", "salary", "cricket" lie further
from every word the corpus writes, "football" nearer "soccer" than "sports" (docs/tuning.md,
"Everyday words and the off-topic reading" and "Everyday words the corpus writes, and the words
it does not").

A follow-up made only of a verb asking for an event and words pointing back or of sequence ("What
happened after that?") asks about what its conversation just said, whether or not the corpus
writes "happen": read with earlier turns, it has no unseen word (`asks_only_what_happened`).

A date question asks when something happened: "When did the Taliban capture Jalalabad?" is not
answered by a sentence that gives a date and names the Taliban but says nothing of a capture.
The answer-type check (service.answer_type) sees a date; `unstated_event` also asks that the
answer's lead write the event, one of the question's own words beyond its names or the same
word in another form ("began" for "begin", "met" for "meet", read as `CorpusLexicon` reads
paraphrases), and the engine abstains when it does not. A passive question closing on a role
("When was X voted out as prime minister?") is read without it (`asked_when`), and one whose
event is of a capitalised word no unit writes ("… reopen the Chaman border crossing?") is of
something the corpus never names: no lead dates it.

Together they are one piece of calibrated evidence, `residual_unmatched` (service.evidence): 0
when the unseen words weigh too little (the rest is then never encoded), else how far under
`RESIDUAL_NEAR` the rest's best cosine lies, squashed into 0–1. The calibration weighs it against
the ranking's own evidence, so strong evidence can still answer (docs/retrieval.md, "Off-topic
questions that name the corpus's places"). Everything is read from the loaded index (its BM25
vocabulary, its vectors), so it holds for any added report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from service.answer_type import AnswerType, expected_type
from service.bm25 import terms_of, tokenize
from service.dates import MONTH_TERMS
from service.embed import Embedder
from service.evidence import WORD, name_heads
from service.phrasal import phrasal_events, writes_phrasal
from service.question_words import (
    EVENT_FRAME_TERMS,
    FUNCTION_TERMS,
    LIGHT_VERB_TERMS,
    POINTER_TERMS,
    QUESTION_TERMS,
    TOPIC_VERBS,
    alternation,
    inflected,
)
from service.retrieve import nearest_windows
from service.scope import as_asked, attributions
from service.store import IndexFiles, StoredLexicon

if TYPE_CHECKING:
    from service.spelling import Speller

UNSEEN_WEIGHT = 1 / 3  # share of the question's IDF weight its never-used words must hold
RESIDUAL_WINDOWS = 20  # windows nearest to the rest of the question whose units' sentences are read
# Where the rest's best cosine turns from on-topic to unmatched, and how sharply (a logistic step
# a few hundredths wide): measured on dev, docs/tuning.md ("… as calibrated evidence").
RESIDUAL_NEAR = 0.32
RESIDUAL_WIDTH = 0.02
# The whole question's best cosine to the corpus at which its unseen words are read as the
# corpus's subject in everyday words ("Why are Afghans mad at Pakistan?" against "many Afghans
# are mistrustful of Pakistan", 0.73): measured on dev, docs/tuning.md ("Everyday words read
# with the whole question", session 20).
WHOLE_NEAR = 0.67
# How close (cosine, each word encoded alone) an unseen word must lie to a general word the
# corpus writes to be read as that word in other words; a plateau 0.68-0.72 measured on dev
# (docs/tuning.md, "Everyday words and the off-topic reading").
PARAPHRASE_COSINE = 0.7
# The noun a "How many …?" answer counts may be written in other words ("assaults" asked, "attacks"
# written): read alike by the model at this cosine, below the paraphrase cosine, as the counted
# word is read only beside a number the text states (service.answer_type.states_count;
# docs/retrieval.md, "The answer").
COUNTED_NOUN_COSINE = 0.5
# "When did X <verb>?", "In what year did …": the verb is the event. "When was the Murree
# meeting?" names its event as a thing, in words a text may not repeat ("contacts … in Murree").
# Its two asks ("When and where did …?") ask of the same event; so does its passive when the
# question closes on the participle ("When was X killed?", "When and where was Y arrested?"),
# or on the participle and its particle ("When was X voted out?"), unlike "When was the Murree
# meeting?".
_ASKS_WHEN_DID = re.compile(
    r"\s*(?:when|(?:in\s+)?(?:what|which)\s+(?:year|month|date|decade))(?:\s+and\s+where)?\s+"
    r"(?:(?:did|do|does)\b|(?:was|were)\s.*\s\w+(?:ed|en)(?:\s+(?:out|down|up|off|over|back|away))?\s*\?*\s*$)",
    re.IGNORECASE,
)
# A role the question closes on ("When was X voted out as prime minister?", "Why did X quit as
# special representative?") says who X was, not what happened: a lead writing the role ("Prime
# Minister Imran Khan …") and not the event is of something else. The event is read without it
# (docs/retrieval.md, "Abstention").
CLOSING_ROLE = re.compile(
    r"\s+as\s+(?:(?:a|an|the|his|her|its|their)\s+)?[^\s?,;]+(?:\s+[^\s?,;]+)*\s*\?*\s*$", re.IGNORECASE
)
# A question pointing back at what was said ("When did he say that?") asks of an event told before.
_POINTS_BACK = frozenset({"it", "that", "this", "these", "those"})
_NO_EVENT = QUESTION_TERMS | POINTER_TERMS | MONTH_TERMS


@dataclass(frozen=True)
class TopicReading:
    """How much of a question the corpus has never written, and what it asks beyond the
    names it shares with the corpus."""

    unseen: tuple[str, ...]  # content terms (stemmed) no unit holds
    unseen_weight: float  # their share of the content terms' inverse document frequency
    question: str  # as read: its residual is built only past the gate (residual_unmatched)
    share: Callable[[str], float]  # a term's share of the units, each term looked up once

    @property
    def may_be_elsewhere(self) -> bool:
        """Whether the words the corpus never uses weigh enough for the residual to decide."""
        return bool(self.unseen) and self.unseen_weight >= UNSEEN_WEIGHT


class CorpusLexicon:
    """The general words a corpus writes (`written`: lower-cased words of a general word list) and
    those it writes in no form (`unwritten`: the list's other words, whose stems are no corpus
    term), each as the model reads it alone. Both are encoded once, by the build, and stored with
    the index (service.store.lexicon: about 19,000 words for the bundled model's list), so that
    neither a load nor a question pays it; `encode` (texts to unit vectors) reads the few words
    of a question the lexicon lacks (docs/retrieval.md, "Everyday words the corpus writes
    otherwise")."""

    def __init__(self, stored: StoredLexicon, encode: Callable[[list[str]], np.ndarray]) -> None:
        self._words = stored.written
        self._row = {word: row for row, word in enumerate(self._words)}
        self._vectors = stored.written_vectors
        self._stored = stored  # the rivals: its unwritten words' vectors and stems (_rival)
        self._encode = encode

    def _vectors_of(self, words: Sequence[str]) -> np.ndarray:
        """Each word as the model reads it alone: the lexicon's row for a word it holds, the
        others encoded (a question's unseen words, a few words of a sentence)."""
        lexicon, lower = self._vectors, [w.lower() for w in words]
        new = list(dict.fromkeys(w for w in lower if w not in self._row))
        encoded = dict(zip(new, self._encode(new), strict=True)) if new else {}
        return np.stack([lexicon[self._row[w]] if w in self._row else encoded[w] for w in lower])

    def writes_alike(self, words: Sequence[str], others: Sequence[str], at: float = PARAPHRASE_COSINE) -> bool:
        """Whether one of `words` lies within `at` (PARAPHRASE_COSINE unless told) of one of
        `others` the lexicon holds, each read alone ("began" of "begin", "met" of "meet"); the
        others (names, numbers) are no form of a general word."""
        others = [w for w in others if w.lower() in self._row]
        if not words or not others:
            return False
        vectors = self._vectors_of([*words, *others])
        return bool((vectors[: len(words)] @ vectors[len(words) :].T).max() >= at)

    def counts_alike(self, counted: Sequence[str], near: Sequence[str]) -> bool:
        """Whether the model reads a counted noun alike one of the words beside a stated number,
        at COUNTED_NOUN_COSINE (service.answer_type.states_count)."""
        return self.writes_alike(counted, near, at=COUNTED_NOUN_COSINE)

    def paraphrased(self, words: Sequence[str]) -> set[str]:
        """Those of `words` within PARAPHRASE_COSINE of a word of the lexicon, and no nearer to a
        word the corpus writes in no form (other than their own forms): "job" is the corpus's
        "work" (0.78), but "football" lies nearer "soccer" (0.85) than "sports" (0.79), "snow"
        nearer "snowy" than "cold", "my" nearer "your" than "his" (docs/tuning.md, "Everyday
        words the corpus writes, and the words it does not")."""
        if not words or not self._words:
            return set()
        vectors = self._vectors_of(words)
        nearest = (vectors @ self._vectors.T).max(axis=1)
        close = [i for i, cosine in enumerate(nearest) if cosine >= PARAPHRASE_COSINE]
        return {words[i] for i in close if nearest[i] >= self._rival(words[i], vectors[i])}

    def _rival(self, word: str, vector: np.ndarray) -> float:
        """The best cosine of `word` to a word the corpus writes in no form, its own forms (its
        stems: "jobs" of "job") left out: they say nothing of what else it may mean."""
        rivals = self._stored.unwritten_vectors
        if not len(rivals):
            return -1.0
        cosines = rivals @ vector
        for stem in tokenize([word])[0]:
            cosines[self._stored.unwritten_stems.of_stem(stem)] = -1.0
        return float(cosines.max())


def lexicon_words(speller: Speller) -> tuple[list[str], list[str]]:
    """The words `CorpusLexicon` reads, as the build stores them (service.store.lexicon): the
    general words the corpus writes, and those it writes in no form (none of the first), each
    sorted."""
    written = sorted(speller.general_written())
    return written, sorted(speller.general_unwritten() - set(written))


def read_topic(
    question: str,
    share: Callable[[str], float],
    units: int,
    paraphrased: Callable[[Sequence[str]], set[str]] | None = None,
    follows: bool = False,
    written_otherwise: Callable[[str, Callable[[str], float]], bool] | None = None,
) -> TopicReading:
    """`question` read against a corpus of `units` units in which a stemmed term occurs in
    `share(term)` of them (0 for a term it never saw). `paraphrased` (CorpusLexicon) names the
    question's unseen words that are the corpus's own in other words: read only when the unseen
    words weigh enough, they are then not counted as unseen. `follows`: the question is read
    with earlier turns of its conversation, whose topic one asking only what happened next
    (`asks_only_what_happened`) is about: it has no unseen word of its own. `written_otherwise`
    (a term, `share`): whether an unseen term is another form of a word the corpus writes, by a
    table of forms rather than the model ("spokeswoman" of "spokesperson",
    service.relations.office_form_written): such a term is not unseen (the model reads
    "spokeswoman" nearer "spoke" than "spokesperson", so `paraphrased` does not find it)."""
    known = _looked_up_once(share)
    terms = [t for t in dict.fromkeys(tokenize([question])[0]) if t not in QUESTION_TERMS]
    if follows and asks_only_what_happened(terms):  # "What happened after that?": the conversation's topic
        return TopicReading((), 0.0, question, known)
    weights = {t: _idf(known(t), units) for t in terms}
    unseen = tuple(
        t for t in terms if known(t) == 0.0 and not (written_otherwise is not None and written_otherwise(t, known))
    )
    total = sum(weights.values())
    reading = TopicReading(unseen, _share_of(unseen, weights, total), question, known)
    if paraphrased is None or not reading.may_be_elsewhere:
        return reading
    said_otherwise = _paraphrased_terms(question, set(unseen), paraphrased)
    unseen = tuple(t for t in unseen if t not in said_otherwise)
    return TopicReading(unseen, _share_of(unseen, weights, total), question, known)


def asks_only_what_happened(terms: Sequence[str]) -> bool:
    """Whether a question's terms (its question words left out) are only a verb asking for an
    event, with words pointing back or of sequence ("What happened after that?", "And what
    happened next?"): read with the turns before it, it asks for what came after what was said,
    not about something the corpus never writes, though the corpus may write "happen" in no form.
    Read alone it asks about nothing, and is read as any question is (docs/retrieval.md,
    "Off-topic questions that name the corpus's places")."""
    return bool(terms) and all(t in EVENT_FRAME_TERMS for t in terms) and any(t not in FUNCTION_TERMS for t in terms)


def _share_of(terms: Sequence[str], weights: dict[str, float], total: float) -> float:
    return sum(weights[t] for t in terms) / total if total else 0.0


def _paraphrased_terms(question: str, unseen: set[str], paraphrased: Callable[[Sequence[str]], set[str]]) -> set[str]:
    """The unseen terms of `question` whose words `paraphrased` reads as the corpus's own."""
    words = {word: terms for word in WORD.findall(question) if (terms := tokenize([word])[0]) and set(terms) <= unseen}
    close = paraphrased(list(words))
    return {term for word in close for term in words[word]}


def _looked_up_once(share: Callable[[str], float]) -> Callable[[str], float]:
    """`share`, each term looked up at most once (the weights, the unseen terms and the
    residual's names read the same terms)."""
    shares: dict[str, float] = {}

    def known(term: str) -> float:
        if term not in shares:
            shares[term] = share(term)
        return shares[term]

    return known


def residual(question: str, share: Callable[[str], float]) -> str:
    """The question's words, less every capitalised word after the first whose terms the
    corpus all holds: "How do I apply for a Pakistani visa?" → "How do I apply for a visa"."""
    words = WORD.findall(question)
    return " ".join(word for position, word in enumerate(words) if not (position and written_name(word, share)))


def asked_of_library(question: str, names_library: Callable[[str], bool]) -> str | None:
    """What `question` asks of a document or a section of the library that it names as its
    source ("What does the conclusion recommend Pakistan do?" → "Pakistan do?"); "" when it asks
    for what that source says as a whole ("What did the Crisis Group recommend?"); None when it
    names none (`names_library` reads the words naming the source). The verb that asks
    ("recommend", "suggest", "conclude") is how the question points at the library, not what it
    asks about: the corpus writes "should", not "recommend"."""
    for named, topic in attributions(question):
        if names_library(named):
            return as_asked(topic, question) if topic else ""
    return None


def residual_unmatched(reading: TopicReading, best_cosine: Callable[[str], float]) -> float:
    """How unmatched what the question asks beyond the corpus's names is, in 0–1: 0 when its
    unseen words weigh too little (`best_cosine` is then never called) or when the whole question
    lies within `WHOLE_NEAR` of the corpus, else a logistic step down from 1 as
    `best_cosine(residual)`, the rest's best cosine to the corpus, passes `RESIDUAL_NEAR`."""
    if not reading.may_be_elsewhere:
        return 0.0
    if best_cosine(reading.question) >= WHOLE_NEAR:  # the whole question is said, in other words
        return 0.0
    rest = residual(reading.question, reading.share)
    return 1.0 / (1.0 + math.exp((best_cosine(rest) - RESIDUAL_NEAR) / RESIDUAL_WIDTH))


def written_name(word: str, share: Callable[[str], float]) -> bool:
    """A capitalised word whose every term the corpus holds ("Pakistani", "India-Pakistan")."""
    terms = tokenize([word])[0]
    return word[:1].isupper() and bool(terms) and all(share(t) > 0 for t in terms)


def _unnamed(word: str, share: Callable[[str], float]) -> bool:
    """A capitalised word with a term no unit holds ("Chaman" in "When did Pakistan reopen the
    Chaman border crossing?"): what happened to it is nothing the corpus can date, whatever date
    a passage on the border gives (docs/retrieval.md, "Abstention")."""
    return word[:1].isupper() and any(share(t) == 0 for t in tokenize([word])[0])


def _idf(share: float, units: int) -> float:
    """Inverse document frequency of a term held by `share` of `units` (BM25's, smoothed)."""
    return math.log((units + 1) / (share * units + 0.5))


def corpus_cosine(files: IndexFiles, embedder: Embedder, text: str, candidates: np.ndarray) -> float:
    """The best cosine of `text` to the corpus: to the windows nearest to it, and to every
    sentence of their units and of `candidates` (the question's own pool of candidates)."""
    vector = embedder.encode_query(text)
    windows = nearest_windows(files.dense, files.window_units, vector, RESIDUAL_WINDOWS, None)
    units = np.union1d(np.asarray(candidates, dtype=np.int64), np.fromiter(windows, dtype=np.int64))
    sentences = files.sentences.best_cosine(units, vector[0])
    return max(max(windows.values(), default=-1.0), float(sentences.max(initial=-1.0)))


def event_words(question: str, share: Callable[[str], float]) -> list[str]:
    """The words of `question` that say what happened ("capture" in "When did the Taliban
    capture Jalalabad?"): those of its residual (the corpus's names left out) that are no
    question word, pointer, month or number."""
    words = []
    for word in WORD.findall(residual(question, share)):
        terms = tokenize([word])[0]
        if terms and not any(t in _NO_EVENT or t.isdigit() for t in terms):
            words.append(word)
    return words


def unstated_event(question: str, lead: str, share: Callable[[str], float], lexicon: CorpusLexicon) -> bool:
    """Whether `question` asks when something was done ("When did X <verb>?") and `lead`, the
    answer's first sentence, writes none of its event words, nor any in another form: the date
    it gives is of something else. Asked with a phrasal verb ("When did Pakistan let Baradar
    go?"), the event is that verb, written by the lead in any of its forms or by a one-word verb
    for it ("released": service.phrasal); the verb's object ("the Doha talks", "the interior
    ministry") is what the event happened to, not the event."""
    if expected_type(question) is not AnswerType.DATE:
        return False
    event = asked_when(question)
    if event is None:
        return False
    if any(word.lower() in _POINTS_BACK for word in WORD.findall(event)):
        return False
    words = event_words(event, share)
    if any(_unnamed(word, share) for word in words):  # of something the corpus never names
        return True
    phrasal = phrasal_events(event)
    if phrasal:  # "let … go", "set up": the verb and its particle are the event, not its object
        if any(p.written_in(lead) for p in phrasal):
            return False
        return not lexicon.writes_alike([w for p in phrasal for w in p.words], WORD.findall(lead))
    held = terms_of(lead)
    if not words or any(set(tokenize([w])[0]) & held for w in words):
        return False
    if visit_told_by_presence(event, lead, share):  # "was in Kabul" for "visit Kabul"
        return False
    return not lexicon.writes_alike(words, WORD.findall(lead))


# A visit asked by its verb ("When did Faiz Hameed visit Kabul?", "… travel to Kabul?") and the
# place named right after it; a sentence tells it by putting someone at that place with a word of
# being or arriving there ("Faiz Hameed, was in Kabul in early September", "his arrival in Kabul",
# "a … trip to Kabul"), not by any mention of the place ("held talks in Islamabad", "at the army
# headquarters in Rawalpindi" say what was done there, which the question does not ask).
_VISITED = re.compile(
    r"\b(?:visit|visits|visited|travel|travels|travelled|traveled|tour|toured|fly|flew)\s+(?:to\s+)?"
    r"(?:the\s+)?([A-Z][\w'\u2019-]*)"
)
_PRESENCE = (
    r"\b(?:was|were|is|are|been|being|arrived|arrives|arrival|arriving|trip|trips|visit|visits|stay|stayed)"
    r"(?:\s+(?:also|already|again|still|briefly))?\s+(?:in|to)\s+"
)


def visit_told_by_presence(event: str, lead: str, share: Callable[[str], float]) -> bool:
    """Whether `event`, a "When did X visit <place>?" question read as its event, asks of a visit
    to a place the corpus names and `lead` puts someone at that place by a word of being or
    arriving there (`_PRESENCE`), writing the head of every other name the question gives (who
    visited): a visit is stated as presence as often as by its verb, and the date then stated is
    the visit's. The place must follow the word directly: "was in Kabul" for "visit Kabul", not
    "in Islamabad" after other words (docs/tuning.md, session 55)."""
    visited = _VISITED.search(event)
    if visited is None or not written_name(visited.group(1), share):
        return False
    place = visited.group(1)
    if re.search(_PRESENCE + re.escape(place) + r"\b", lead) is None:
        return False
    place_head = terms_of(place)
    held = terms_of(lead)
    others = [head for head in name_heads(event, lambda word: written_name(word, share)) if head != place_head]
    return all(head & held for head in others)


def dates_in_own_words(question: str, sentence: str, share: Callable[[str], float]) -> bool:
    """Whether `sentence` writes the event a "When did X <verb> …?" question asks of in the
    question's own words: the head of every name it gives that the corpus writes (who did it,
    and to whom), and every one of its event words by stem (a light verb left out); asked with a
    phrasal verb, the verb with its particle or one of the one-word verbs and nouns for it
    (service.phrasal) in the verb's stead. Not a word the model reads alike, nor one word of
    several (`unstated_event` reads those): a sentence read only because the first result's lead
    dates another event is chosen on its rank, not its words, and a sentence dating something
    else writes one of the asked event's words, or words alike them, as often ("a delegation of
    the Taliban's Qatar-based political office, led by Mullah Baradar" for "When did Baradar
    leave the Doha office?"; docs/tuning.md, session 40)."""
    event = asked_when(question)
    if event is None:
        return False
    held = terms_of(sentence)
    names = name_heads(event, lambda word: written_name(word, share))
    if not names or not all(name & held for name in names):
        return False
    phrasal = phrasal_events(event)
    if phrasal and not any(p.stated_by & held or writes_phrasal(p.verb, p.particle, sentence) for p in phrasal):
        return False
    said_by_phrasal = terms_of(" ".join(f"{p.verb} {p.particle}" for p in phrasal))
    words = [set(tokenize([word])[0]) - LIGHT_VERB_TERMS - said_by_phrasal for word in event_words(event, share)]
    return all(terms & held for terms in words if terms)


def asked_when(question: str) -> str | None:
    """`question` as its event is read when it asks when X did something (`_ASKS_WHEN_DID`), else
    None. A passive question read so only once the role it closes on is left out ("When was X
    voted out as prime minister?" read as "When was X voted out?") is read without the role, whose
    words are who X was, not the event (`CLOSING_ROLE`); one read so already keeps its words."""
    if _ASKS_WHEN_DID.match(question):
        return question
    bare = CLOSING_ROLE.sub("?", question)
    return bare if bare != question and _ASKS_WHEN_DID.match(bare) else None


# "What does <source> say/recommend/advise … about <topic>?": the topic a user asks a source's word
# on. A topic that is a thing ("Pakistan's water dispute with India") and holds a word no unit
# writes, said in no other words the corpus writes ("water"; "formation" is the corpus's
# "formed"), is something no source of the corpus speaks about, however near its other words lie
# (docs/retrieval.md, "Abstention"). A topic that is a clause ("how the generals read …",
# "Pakistan being unhappy with …") asks in its own verbs what a passage may say in others.
_ABOUT_TOPIC = re.compile(
    rf"\b(?:{alternation(inflected(TOPIC_VERBS))})\b[^?]*?\babout\s+(?P<topic>[^?]+?)\s*\?*\s*$",
    re.IGNORECASE,
)
_CLAUSE_TOPIC = re.compile(r"^(?:how|what|why|whether|when|where|who|which)\b|\bbeing\b", re.IGNORECASE)


def unwritten_topic(question: str, share: Callable[[str], float], lexicon: CorpusLexicon) -> bool:
    """Whether `question` asks what a source says about a thing (`_ABOUT_TOPIC`, no clause) one
    of whose lowercase words no unit writes and the model reads alike no word the corpus writes."""
    asked = _ABOUT_TOPIC.search(question)
    if asked is None or _CLAUSE_TOPIC.search(asked.group("topic")):
        return False
    unseen = [
        word
        for word in WORD.findall(asked.group("topic"))
        if word[:1].islower()
        and (terms := tokenize([word])[0])
        and not any(t in _NO_EVENT for t in terms)
        and any(share(t) == 0 for t in terms)
    ]
    return bool(unseen) and len(lexicon.paraphrased(unseen)) < len(unseen)
