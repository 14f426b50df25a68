"""What a ranked result has to show for itself: the evidence its calibrated score is read from.

Per result: its cosine to the question (in context), the share of the question's terms it
contains, its fused score relative to the best candidate's, its lead over the next result
(a clear winner is likelier right than the first of many alike), and its rank. Per question: how
much of it the corpus has never seen. A question whose key entity or date occurs nowhere in
the corpus ("What did Asim Munir say ...", "... in 2022" when every document is from 2021)
is strong evidence that the corpus does not answer it, however close a passage about the same
country and the same people scores; so is a year no document mentions that lies outside every
span of years a document states ("What did Pakistan do in 1975?" of reports that mention 1971
and 1989 but no "1971-1989"), so is a full name with a word no unit writes ("Mullah
Yaqoob", "Bilawal Bhutto Zardari": someone the corpus never names, whatever its other words),
and so is the clock or the calendar of the moment the question is asked ("What time is it in
Kabul?": a dated document never reports on the moment it is read).
Per result again: whether it states the relation the question asks for (a year, "born",
"before Bajwa", "how many madrasas"), not only the things it names (service.relations). Per
question again: whether what it asks beyond the names the corpus knows is something the
corpus never writes about ("How do I apply for a Pakistani visa?", service.offtopic).
Everything here is read from the loaded index (its vocabulary, its documents' dates, its
units' sentences), so it holds for any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from service.answer_type import event_frame
from service.bm25 import fold_names, tokenize
from service.dates import YEAR, date_mentions, date_values, year_spans
from service.records import Document
from service.references import asks_for_source
from service.word_forms import partner_terms

FEATURES = (
    "cosine",
    "coverage",
    "relative",
    "lead",
    "reciprocal_rank",
    "unknown_share",
    "unknown_name",
    "unreported",
    "relation_unstated",
    "residual_unmatched",
)
# A question about a year no document mentions, after every document's date or outside every
# span of years the documents state, about someone named in full with a word no unit writes, or
# about the present moment, is not weighed but vetoes: nothing in the corpus can report it (service.calibration;
# docs/retrieval.md, "Abstention").
VETO = FEATURES.index("unreported")
# A word of a question, apostrophes and hyphens kept, and a dotted abbreviation one word ("U.S.",
# "U.N."), which the tokenizer reads as its letters (service.bm25 `fold_names`), not as letters
# it drops.
WORD = re.compile(r"\b[A-Z](?:\.[A-Z])+\b\.?|\b\w[\w'\u2019-]*")
# A name of two or more capitalised words ("The Washington Post", "Mullah Yaqoob"), perhaps run
# on across a name's particle ("Osama bin Laden": which short lowercase words are particles is
# read from the corpus, service.spelling's `Speller.particle`): in a question asking what the
# corpus cites, the corpus may write each word and never the name; in any question, a word of it
# no unit writes names someone the corpus never names. A lowercase word between two capitalised
# ones is matched here and the run split there unless it is a particle (`_full_names`).
_NAME_RUN = re.compile(r"(?<![\w'\u2019-])([A-Z][\w.&-]*(?:\s+(?:[a-z]+\s+)?[A-Z][\w.&-]*)+)")
NAME_GAP = 2  # words a unit may write between two words of a name ("Admiral Michael Mullen")
# A question for the asker's present moment: the clock or the calendar now ("What time is it in
# <city>?", "What is the local time in <city>?", "What day is it today?"). A dated document reports
# on its own past, never on the moment it is read, however often it names the city (docs/retrieval.md,
# "Abstention"). "What time did …?" asks about a past event and is not read so.
_ASKS_PRESENT = re.compile(
    r"\bwhat\s+(?:time|day|date)\s+is\s+it\s*(?:$|[?.!]|\s+(?:now|right\s+now|today|in|at|there)\b)"
    r"|\bwhat(?:['\u2019]s|\s+is)\s+the\s+(?:(?:local|current|exact)\s+)?time\s*(?:$|[?.!]|\s+(?:now|right\s+now|in|at|there)\b)"
    r"|\b(?:local|current|exact)\s+time\s+(?:now\s+)?(?:in|at)\b"
    r"|\bwhat(?:['\u2019]s|\s+is)\s+(?:today['\u2019]s\s+date|the\s+date\s+today)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionScope:
    """How much of a question the corpus knows, whatever the ranking."""

    unknown_share: float  # share of the question's terms that no unit contains
    unknown_name: bool  # a capitalised word inside the question that no unit contains
    unknown_year: bool  # a year no unit mentions: after every document's date, or in no stated span
    unknown_full_name: bool = False  # a name of two or more capitalised words, one of them no unit's
    asks_present: bool = False  # the clock or the calendar of the moment it is asked (_ASKS_PRESENT)

    def as_row(self) -> tuple[float, float, float]:
        """The question's columns of FEATURES: the year, the full name and the present share the veto."""
        unreported = self.unknown_year or self.unknown_full_name or self.asks_present
        return self.unknown_share, float(self.unknown_name), float(unreported)


class CorpusScope:
    """The corpus's vocabulary (stemmed, as BM25 indexes it), its latest document year and the
    spans of years its units state."""

    def __init__(
        self,
        vocabulary: set[str] | dict[str, int],
        documents: Sequence[Document],
        unit_text: Callable[[int], str],
        unit_count: int,
        holding: Callable[[str], np.ndarray] | None = None,
        particle: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self._vocabulary = vocabulary
        self._particle = particle  # a lowercase word a name runs on across (service.spelling)
        # The units holding a stemmed term (the BM25 postings); every unit when not given
        self._holding = holding or (lambda term: np.arange(unit_count))
        years = [int(d.date[:4]) for d in documents if d.date and d.date[:4].isdigit()]
        self._latest_year = max(years) if years else None
        self._unit_text, self._unit_count = unit_text, unit_count
        self._spans: list[tuple[int, int]] | None = None  # read on the first unnamed year asked about
        # Terms of a unit, tokenised on first use: only ranked heads are ever asked for.
        self._terms = lru_cache(maxsize=4096)(lambda unit: frozenset(tokenize([unit_text(unit)])[0]))
        self._dates = lru_cache(maxsize=4096)(lambda unit: tuple(date_values(unit_text(unit))))
        # A question's full names are read by question() and again, for the same question, by the
        # verdict (unwritten_sources, service.verdict): read once.
        self._full_names = lru_cache(maxsize=64)(self._read_full_names)

    def question(self, question: str) -> QuestionScope:
        """What the corpus knows of `question` read on its own."""
        terms = set(tokenize([question])[0])
        unknown = [t for t in terms if t not in self._vocabulary]
        names = {t for word in named_words(question) for t in tokenize([word])[0]}
        unnamed = [int(year) for year in YEAR.findall(question) if year not in self._vocabulary]
        return QuestionScope(
            len(unknown) / len(terms) if terms else 0.0,
            any(t not in self._vocabulary for t in names) or bool(self.unwritten_sources(question)),
            any(self._unreported(year) for year in unnamed),
            any(self._unwritten(stems) for _, stems in self._full_names(question)),
            _ASKS_PRESENT.search(question) is not None,
        )

    def _read_full_names(self, question: str) -> tuple[tuple[list[str], list[list[str]]], ...]:
        """The question's names of two or more words (_full_names), each with its words' stems."""
        return tuple((words, tokenize(words)) for words in _full_names(question, self._particle))

    def _unwritten(self, stems: list[list[str]]) -> bool:
        """Whether a word of a full name (its `stems`, per word) is one no unit writes (no stem of
        it in the vocabulary). One capitalised word alone is not read so: "Which Gulf monarchies
        …?" asks about Saudi Arabia and the UAE in a word the corpus never writes (unknown_name
        weighs it)."""
        return any(t not in self._vocabulary for s in stems for t in s)

    def unwritten_sources(self, question: str) -> list[list[str]]:
        """The sources `question` asks about that the corpus never names: in a question asking
        what the corpus cites or where a claim comes from, each name of two or more capitalised
        words (_full_names) whose words the corpus all writes but never together ("What does the
        report cite The Washington Post for?": "Washington" and "Post" are written, the outlet
        never). Read only for source questions, and of a question framed by "according to" for
        the name it is asked of alone (docs/retrieval.md, "Abstention"): "the United States" is a
        name the corpus writes "U.S.", and questions answered from it would lose their evidence."""
        if asks_for_source(question):
            names = self._full_names(question)
        else:  # "According to The Islamabad Post, …": only the name the question is framed by
            names = tuple(n for n in self._full_names(question) if _frames_the_question(n[0], question))
        unwritten = []
        for words, stems in names:
            if not all(stems) or self._unwritten(stems):
                continue  # one word, or one the corpus never writes: unknown_name reads it already
            if not self._writes_together(words, min((t for s in stems for t in s), key=self._postings_size)):
                unwritten.append(list(words))  # a copy: the read names are kept for the question
        return unwritten

    def _postings_size(self, term: str) -> int:
        return len(self._holding(term))

    def _writes_together(self, words: list[str], rarest: str) -> bool:
        """Whether a unit holding `rarest` writes `words` in order, at most NAME_GAP words apart."""
        gap = rf"(?:\W+\w+){{0,{NAME_GAP}}}?\W+"
        pattern = re.compile(r"\b" + gap.join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
        return any(pattern.search(fold_names(self._unit_text(int(unit)))) for unit in self._holding(rarest))

    def _unreported(self, year: int) -> bool:
        """Whether no document can report on `year`, a year no unit names: it comes after every
        document's date, or lies in no span of years a unit states. The documents' own year
        counts as reported (a report of June 2021 reports on 2021 without naming it)."""
        if self._latest_year is None:
            return False
        if year > self._latest_year:
            return True
        if year == self._latest_year:
            return False
        return not any(first <= year <= last for first, last in self._stated_spans())

    def _stated_spans(self) -> list[tuple[int, int]]:
        """Every span of years the units state, read once (a regular-expression pass over the
        text, about a second at 100k units) and only when a question names a year no unit does."""
        if self._spans is None:
            self._spans = [span for unit in range(self._unit_count) for span in year_spans(self._unit_text(unit))]
        return self._spans

    def coverage(self, query: str, units: Sequence[int] | np.ndarray, question: str = "") -> np.ndarray:
        """Per unit, the share of the query's terms (question and history) it contains. The
        words of a calendar date are held by a unit that writes it in any spelling ("September
        5th" by "Sept. 5": service.dates), and so is the frame of "What happened on <date>?"
        ("what happened" asks for whatever the text says of the date: service.answer_type), and a
        verb by its agent noun or the reverse ("succeeded" by "successor": service.word_forms)."""
        terms = set(tokenize([query])[0])
        dates = [(value, frozenset(tokenize([words])[0])) for value, words in date_mentions(query)]
        framed = set(tokenize([event_frame(question)])[0]) & terms
        if not terms:
            return np.zeros(len(units), dtype=np.float32)
        shares = []
        # "successor" holds what "succeeded" asks (service.word_forms): the question's terms that
        # have such partners, found once per query, not once per unit.
        partnered = {t: others for t, others in partner_terms().items() if t in terms}
        for u in units:
            own = self._terms(int(u))
            held = terms & own
            held |= {t for t, others in partnered.items() if others & own}
            written = self._dates(int(u)) if dates else ()
            for date, words in dates:
                if any(date.within(w) for w in written):
                    held |= words | framed
            shares.append(len(held) / len(terms))
        return np.array(shares, dtype=np.float32)


def feature_rows(
    scope: QuestionScope,
    cosine: np.ndarray,
    coverage: np.ndarray,
    relative: np.ndarray,
    unstated: np.ndarray | None = None,
    unmatched: float = 0.0,
) -> np.ndarray:
    """One row of FEATURES per ranked result, best first. `relative` holds one fused score
    more than there are results when the ranking goes on (the lead of the last one).
    `unstated`: per result, 1 when it does not state the relation the question asks for
    (service.relations); None, all 0. `unmatched`: the question's residual_unmatched
    (service.offtopic), the same for every result."""
    n = len(cosine)
    rank = np.arange(1, n + 1, dtype=np.float32)
    lead = relative[:n] - np.append(relative[1 : n + 1], relative[n : n + 1] if len(relative) > n else [0.0])[:n]
    question = np.tile(np.array(scope.as_row(), dtype=np.float32), (n, 1))
    per_result = np.column_stack([cosine, coverage, relative[:n], lead, 1.0 / rank]).astype(np.float32)
    relation = np.zeros((n, 1), dtype=np.float32) if unstated is None else unstated[:n, None].astype(np.float32)
    elsewhere = np.full((n, 1), unmatched, dtype=np.float32)
    if not n:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    return np.hstack([per_result, question, relation, elsewhere])


def _full_names(question: str, particle: Callable[[str], bool]) -> Iterator[list[str]]:
    """The words of each name of two or more capitalised words after the first word ("Mullah
    Yaqoob", "Human Rights Watch", "Osama bin Laden"; "The" and the particles left out: they
    name no one)."""
    question = fold_names(question)  # "the United States" is one word, "USA", as the tokenizer reads it
    first = re.match(r"\s*\S+", question)
    for run in _NAME_RUN.finditer(question, first.end() if first else 0):
        for name in _split_at_ordinary_words(WORD.findall(run.group(1)), particle):
            words = [word for word in name if word.lower() != "the" and not particle(word)]
            if len(words) >= 2:
                yield words


def _split_at_ordinary_words(words: list[str], particle: Callable[[str], bool]) -> Iterator[list[str]]:
    """`words` of a capitalised run split at each lowercase word that is no particle ("Kabul
    and Washington" are two names)."""
    name: list[str] = []
    for word in words:
        if word[:1].islower() and not particle(word):
            yield name
            name = []
        else:
            name.append(word)
    yield name


# "According to <name>, …": the question asks what a source wrote, as "What did <name> report?"
# does (service.references reads "according to whom" alone, which names no source).
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?", re.IGNORECASE)


def _frames_the_question(words: list[str], question: str) -> bool:
    """Whether the name of `words` follows "according to" in `question`: the source the question
    is asked of ("According to The Kabul Monitor, what did Pakistan agree to?"), not a name its
    topic gives."""
    return any(question[m.end() :].startswith(words[0]) for m in _ACCORDING_TO.finditer(question))


def writes_name(text: str, words: Sequence[str]) -> bool:
    """Whether `text` writes the name of `words` as a name: each word by its stems, in order, at
    most NAME_GAP words after the one before ("Naveed Siddiqui" for "Naved Siddiqui": both stem
    to `nave`). Words of the name scattered over a sentence ("… relations with Islamabad did not
    get cabinet posts") name no "Islamabad Post"."""
    written = [tokenize([word])[0] for word in WORD.findall(fold_names(text))]
    asked = [set(tokenize([word])[0]) for word in words]
    asked = [stems for stems in asked if stems]
    if not asked:
        return True
    starts = [i for i, stems in enumerate(written) if asked[0] <= set(stems)]
    return any(_runs_on(written, asked[1:], start) for start in starts)


def _runs_on(written: list[list[str]], asked: list[set[str]], at: int) -> bool:
    """Whether the rest of a name's words (`asked`, stems per word) follow word `at` of `written`
    in order, each at most NAME_GAP words after the last."""
    if not asked:
        return True
    following = range(at + 1, min(at + 2 + NAME_GAP, len(written)))
    return any(asked[0] <= set(written[i]) and _runs_on(written, asked[1:], i) for i in following)


# A word joined to a name by a hyphen is no part of it: "Pakistan-backed" names Pakistan (not
# "backed"), "anti-Iranian" names Iranians, "U.S.-Taliban" both (docs/tuning.md, session 40,
# "Names joined by a hyphen …").
_JOINED = re.compile(r"[-\u2013\u2014]")


def named_words(question: str) -> list[str]:
    """The names a question's words write after its first word: each capitalised word, and each
    capitalised part of a word joined by a hyphen or a dash, whatever the case of the word's
    start ("Pakistan" of "Pakistan-backed" and of "anti-Pakistan"); the lowercase parts left out."""
    words = WORD.findall(fold_names(question))[1:]
    return [part for word in words for part in _JOINED.split(word) if part[:1].isupper()]


# A capitalised word as a name writes it: its dots, ampersands, apostrophes and hyphens kept
# ("U.S.-led", "AT&T", "O'Neill"), and a capitalised part after a hyphen a word of its own ("Qaeda"
# of "al-Qaeda", "Pakistan" of "anti-Pakistan"), where WORD reads "al-Qaeda" as one lowercase word.
# What names an outlet (service.answer) and a speaker (service.said_about) is read so.
CAPITALISED = re.compile(r"\b[A-Z][\w.&'’-]*")


def capitalised_names(text: str, word: re.Pattern[str] = WORD, *, first: bool = False) -> list[str]:
    """The capitalised words of `text` as `word` reads them (WORD, CAPITALISED, or the caller's
    own: service.relations reads the names a year's sentence writes with its own), after its
    first word, which a sentence capitalises anyway ("Asim Munir" of "Who is Asim Munir?"); with
    `first`, from its first word on, for a phrase that is no sentence ("the Pakistan military's
    spokesperson"). The first word is WORD's, whatever `word` reads: an opening quote or space
    is no word, and the first word of "“Dawn” reported …" is "Dawn"."""
    opening = None if first else WORD.search(text)
    after = -1 if opening is None else opening.start()
    return [m.group() for m in word.finditer(text) if m.start() > after and m.group()[:1].isupper()]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def name_heads(question: str, named: Callable[[str], bool] = _capitalised) -> tuple[frozenset[str], ...]:
    """The stems of the last word of each run of names after the question's first word (`named`:
    any capitalised word, or only those the caller reads as names): a name's head, which a later
    mention keeps ("the Quadrilateral Dialogue" written "That dialogue"), where its title or first
    word is shared by others ("Mullah Omar" is not "Mullah Akhtar Mohammed Mansour"). A head of no
    term ("S" of "U.S.") is left out."""
    heads: list[frozenset[str]] = []
    last = False
    for word in WORD.findall(fold_names(question))[1:]:
        is_name = named(word)
        if is_name and last:
            heads[-1] = frozenset(tokenize([word])[0])
        elif is_name:
            heads.append(frozenset(tokenize([word])[0]))
        last = is_name
    return tuple(head for head in heads if head)
