"""Sentences scored against a question, for highlights and the answer. The sentences themselves
(spans and vectors, built with the index) are the index store's `SentenceTable`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from service.bm25 import stem
from service.question_words import ARTICLES, AUXILIARIES, DEMONSTRATIVES, SUBJECT_PRONOUNS
from service.store import SentenceTable


@dataclass(frozen=True)
class ScoredSentence:
    unit_index: int
    start: int
    end: int
    score: float
    row: int = -1  # the sentence's row in the SentenceTable
    overlap: float = 0.0  # share of the query's terms the sentence holds


def sentence_query(in_context: np.ndarray, alone: np.ndarray | None, context_share: float) -> np.ndarray:
    """The vector a question's candidate sentences are scored with: for a follow-up, the mean
    of its two readings (with its history, and alone), unit length, as its ranking weighs
    them; read only in context, the sentence restating the earlier question wins over the
    one answering "Has he mediated political disputes before?"."""
    if alone is None:
        return in_context
    mixed = context_share * in_context + (1.0 - context_share) * alone
    return (mixed / max(float(np.linalg.norm(mixed)), 1e-12)).astype(np.float32)


def score_sentences(
    table: SentenceTable,
    unit_index: int,
    query: np.ndarray,
    query_terms: set[str],
    stems_of: Mapping[int, frozenset[str]],
    lexical_weight: float,
) -> list[ScoredSentence]:
    """Each sentence of a unit scored by cosine to the question plus shared query terms."""
    rows = table.of_unit(unit_index)
    if not rows:
        return []
    sims = table.vectors[rows.start : rows.stop].astype(np.float32) @ query[0]
    scored = []
    for offset, row in enumerate(rows):
        overlap = len(query_terms & stems_of.get(row, frozenset())) / max(len(query_terms), 1)
        start, end = (int(x) for x in table.spans[row])
        score = float(sims[offset]) + lexical_weight * overlap
        scored.append(ScoredSentence(unit_index, start, end, score, row, overlap))
    return scored


def pick_highlights(sentences: list[ScoredSentence], margin: float, limit: int) -> list[ScoredSentence]:
    """The best sentence, plus others nearly as good (within `margin`), in text order."""
    if not sentences:
        return []
    best = max(s.score for s in sentences)
    chosen = sorted((s for s in sentences if s.score >= best - margin), key=lambda s: -s.score)[:limit]
    return sorted(chosen, key=lambda s: s.start)


def late_scores(
    query_tokens: np.ndarray, piece_spans: np.ndarray, piece_vectors: np.ndarray, spans: list[tuple[int, int]]
) -> np.ndarray:
    """Per sentence span, late interaction restricted to it: the mean over the question's word
    pieces of their best cosine to a word piece inside the span (ColBERT's MaxSim, on the
    vectors stored for re-ranking). 0 for a span without pieces, or a question without any."""
    scores = np.zeros(len(spans), dtype=np.float32)
    if len(query_tokens) == 0 or len(piece_spans) == 0:
        return scores
    similarities = query_tokens @ piece_vectors.astype(np.float32).T
    for position, (start, end) in enumerate(spans):
        inside = (piece_spans[:, 0] >= start) & (piece_spans[:, 1] <= end)
        if inside.any():
            scores[position] = float(similarities[:, inside].max(axis=1).mean())
    return scores


# A verb phrase standing for one said before ("It is in Pakistan's interest to do so.").
_PRO_VERB = re.compile(r"\b(?:do|does|did|doing|done)\s+so\b", re.IGNORECASE)
# A sentence opening on a connective that gives the sentence before as its cause or its setting
# ("For this reason, …", "As a result, …", "In that case, …"): what it follows from is said there.
_POINTS_BACK = re.compile(
    r"""^\W*(?:for\s+(?:this|that|these|those)\s+reasons?|(?:this|that)\s+is\s+why|as\s+a\s+(?:result|consequence)(?!\s+of\b)
    |therefore|thus(?!\s+far\b)|hence|consequently|accordingly|because\s+of\s+(?:this|that)
    |in\s+(?:this|that)\s+(?:case|scenario|event))\b""",
    re.IGNORECASE | re.VERBOSE,
)


def is_question(text: str) -> bool:
    """Whether a sentence asks rather than states ("What's new?", a summary box's inline
    heading): it ends on a question mark, closing quotes and brackets aside. It answers nothing."""
    return text.rstrip(" \t\n\"'\u201d\u2019)]").endswith("?")


def leans_on_previous(text: str) -> bool:
    """Whether a sentence's meaning is in the sentence before it: it holds a verb phrase that
    stands for one said before ("to do so"); quoted alone it says nothing. A sentence opening on
    a pronoun or a demonstrative mostly says its own meaning ("That influence has far from
    dissipated, …"): docs/tuning.md, "Leads that ask, or lean on the sentence before"."""
    return bool(_PRO_VERB.search(text))


def points_back(text: str) -> bool:
    """Whether a sentence opens on a connective pointing back to the sentence before it as its
    reason or its setting ("For this reason, the Taliban may not want to be seen doing Islamabad
    a major favor."): the reason, or the case it speaks of, is said only there."""
    return bool(_POINTS_BACK.match(text))


_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_DEMONSTRATIVES = DEMONSTRATIVES | {"such"}
_POINTING_PRONOUNS = frozenset({"it", "they"})
_COPULAS = frozenset({"is", "was", "are", "were"})
_DETERMINERS = ARTICLES | {"our", "its", "their", "his", "her", "my", "your"}


def _words(text: str) -> list[str]:
    return [_plain(word) for word in _WORD.findall(text)]


def _plain(word: str) -> str:
    """A word lower-cased, without a closing apostrophe ("Taliban's" is read by its own word)."""
    return word.lower().rstrip("'\u2019")


def _determined(subject: list[str]) -> bool:
    """Whether a subject opens on a demonstrative or "such", or on "the" before a common noun
    ("the pledges", not "the U.S."): it stands for what the sentences before it named."""
    return subject[0] in _DEMONSTRATIVES or (subject[0] == "the" and len(subject) > 1 and subject[1][:1].islower())


def _same_word(one: str, other: str) -> bool:
    """The same word, as the index stems it ("risks" / "risk", "processes" / "process")."""
    return stem(one) == stem(other)


def asks_what_it_points_to(question: str, text: str, before: str = "") -> bool:
    """Whether the question asks for the very thing a sentence names only by pointing back to the
    sentence before it, so that what it points to, said only there, answers: "Why …?" of a lead
    opening on a back-pointing connective ("For this reason, …"); "Which process …?" / "What
    leverage …?" of "That process …" / "But such leverage …" (`asks_for_its_noun`); "What gave
    Islamabad leverage …?" of that lead when `before`, the sentence before it, writes the
    question's verb and the lead does not (`_asks_its_doing_before`); "What … stance …?" of
    '"This is our stance …", the minister said' (a demonstrative subject and a copula: what the
    stance is, is said before); "Who nurtured …?" / "Which group will be inspired …?" of "It
    nurtured …" / "It will be inspired …" (the question's subject is the lead's pronoun, its
    words after the wh-phrase the lead's after the pronoun). The lead's subject is read past its
    opening words as `subject_points_back` reads it. A question of another shape asks what the
    lead itself says ("What may the Taliban not want to be seen doing?", "What did this
    assistance do?"): docs/tuning.md, session 35, "A lead that points back", and session 36, "A
    lead that points back by such, these or the and a noun"."""
    asked, subject = _words(question), _subject_words(text)
    if asked == ["why"]:  # a bare "Why?" asks the reason of what was just said (docs/tuning.md, session 38)
        return points_back(text)
    if len(asked) < 2:
        return False
    wh = asked[0]
    if wh == "why":
        return points_back(text)
    if wh not in ("what", "which", "who") or subject is None or len(subject) < 2:
        return False
    said = [_plain(word) for word in subject]
    if said[0] in _DEMONSTRATIVES and said[1] in _COPULAS and wh != "who":
        noun = next((word for word in said[2:4] if word not in _DETERMINERS), "")
        return any(_same_word(noun, word) for word in asked[1:])
    if _determined(subject) and wh != "who":
        return _asks_for_noun(asked, subject) or _asks_its_doing_before(asked, said[1], text, before)
    if said[0] in _POINTING_PRONOUNS:
        width = 2 if said[1] in AUXILIARIES else 1
        tails = [asked[1:]] if wh == "who" else [asked[1:], asked[2:]]
        return any(tail[:width] == said[1 : 1 + width] for tail in tails)
    return False


def asks_for_its_noun(question: str, text: str) -> bool:
    """Whether a "What <noun> …?" / "Which <noun> …?" question asks for the noun that a
    demonstrative, "such" or "the" determines in a sentence's subject ("What leverage …?" of "But
    such leverage is unlikely to endure …"): which one it is, the sentence never says."""
    subject = _subject_words(text)
    return subject is not None and _asks_for_noun(_words(question), subject)


def _asks_for_noun(asked: list[str], subject: list[str]) -> bool:
    """`asks_for_its_noun` on the question's words and the sentence's subject words, read once."""
    if len(subject) < 2 or len(asked) < 2 or asked[0] not in ("what", "which") or not _determined(subject):
        return False
    noun = _plain(subject[1])
    return noun not in _COPULAS and _same_word(asked[1], noun)


def _asks_its_doing_before(asked: list[str], noun: str, text: str, before: str) -> bool:
    """Whether a "What <verb> … <noun> …?" question asks what did to the noun, or made it, what
    the sentence before a lead writes: the question's verb is written there and not in the lead,
    whose pointing subject is the noun ("What gave Islamabad leverage over the Taliban?" of "But
    such leverage is unlikely to endure …" after "The Taliban's dependence on Pakistan gave
    leverage to Islamabad, …")."""
    verb = asked[1]
    if not before or verb in AUXILIARIES or not any(_same_word(noun, word) for word in asked[2:]):
        return False
    return stem(verb) in {stem(word) for word in _words(before)} - {stem(word) for word in _words(text)}


# Words a sentence may open on before its subject: a connective ("Yet", "Instead,", "That said,"),
# set aside with the comma after it; and a word opening a clause or a phrase the subject follows
# after a comma ("If …, they would …", "Notwithstanding …, the movement's …"), as does a participle
# ("Pledging support …, they have …"). Generic English, no word of a document.
_CONNECTIVES = re.compile(
    r"""^\W*(?:that\s+said|yet|but|and|so|still|however|instead|moreover|also|then|indeed|meanwhile
    |nonetheless|nevertheless|tellingly|crucially|notably|similarly|likewise|rather)\b[\s,]*""",
    re.IGNORECASE | re.VERBOSE,
)
_CLAUSE_OPENERS = frozenset(
    """if when as since although though while whereas after before once because unless until even with
    without under in on at for by from during despite notwithstanding following according given should
    amid""".split()
)
_OPENINGS = 4  # connectives and opening phrases read past, at most, before the subject


def subject_points_back(text: str) -> bool:
    """Whether the subject of a sentence's main clause points back to what the sentences before it
    name: a pronoun ("Pledging support …, they have also repeatedly denied …", "It does not
    support …"), a demonstrative or "such" ("… such support will be in doubt"), or "the" and a
    common noun ("Yet the pledges, …, were mere rhetoric", "The current Taliban leadership might
    chafe …"). A subject that names its thing again ("Trump",
    "Islamabad", "the U.S.", "A former senior Pakistani diplomat", "high-level U.S. contacts")
    points nowhere. The subject is read past opening connectives and, after the comma closing it,
    an opening clause or phrase (docs/tuning.md, session 36, "A set-up's hand-off read by the
    lead's subject")."""
    words = _subject_words(text)
    if words is None:
        return False
    return words[0] in SUBJECT_PRONOUNS or _determined(words)


# A demonstrative or "such" before a word inside a sentence ("… bristled at these Pakistani
# attitudes", "… out of these sanctuaries"): the thing is named in the sentence before. "that" and
# "those" are left out: "said that …", "those with close links" point at nothing before.
_POINTING_DETERMINER = re.compile(r"\b(?:this|these|such)\s+[a-z]", re.IGNORECASE)


def names_by_pointing(text: str) -> bool:
    """Whether a sentence names what it speaks of only by pointing back: its main clause's subject
    is a pronoun or a demonstrative ("It retains this view, …", "They cannot dictate the shura's
    decisions, …", "This assistance helped sustain the Taliban, …"), or it writes "this", "these"
    or "such" before a word ("Afghans have historically bristled at these Pakistani attitudes.").
    "the" and a common noun is not read here: "The dispute has marred bilateral relations." names
    its thing well enough to restate a question (docs/tuning.md, session 47)."""
    words = _subject_words(text)
    if words is not None and (words[0] in SUBJECT_PRONOUNS or words[0] in _DEMONSTRATIVES):
        return True
    return bool(_POINTING_DETERMINER.search(text))


# A pointer before the noun it determines, an adjective or two allowed between ("these Pakistani
# attitudes", "this view"); "such as" introduces examples and points at nothing.
_POINTED_NOUN = re.compile(
    r"\b(?:this|these|that|those|such)\s+(?!as\b)([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", re.IGNORECASE
)
# Words read past between a pronoun subject and its verb ("they have also repeatedly denied").
_BETWEEN_SUBJECT_AND_VERB = frozenset({"also", "still", "then", "now", "once", "never", "often", "too", "even"})
_SAYING_STEMS = frozenset({"say", "said", "tell", "told"})


def pointer_stands_for_asked(question: str, text: str, before: str = "") -> bool:
    """Whether what a question asks for is what a sentence names only by pointing back: a "What
    <noun> …?" / "Which <noun> …?" question's noun is the one a demonstrative or "such" determines
    anywhere in the sentence ("What Pakistani attitudes …?" of "… bristled at these Pakistani
    attitudes", "Out of which sanctuaries …?" of "… out of these sanctuaries"); a "Who <verb> …?"
    question's verb is the one whose subject is the sentence's pronoun ("Who believes that …?" of
    "They believe that …", "Who denied backing …?" of "…, they have also repeatedly denied
    backing …"; not a verb of saying, whose sentence holds what was said); or a shape
    `asks_what_it_points_to` reads (docs/tuning.md, session 47)."""
    asked = _words(question)
    at = next((n for n, word in enumerate(asked) if word in ("what", "which", "who")), None)
    if at is None or at + 1 >= len(asked):
        return False
    if asked[at] in ("what", "which"):
        # "What Pakistani attitudes …?": an adjective may come first; "What did X …?" asks no noun
        nouns = [] if asked[at + 1] in AUXILIARIES else asked[at + 1 : at + 3]
        pointed = [word.lower() for match in _POINTED_NOUN.finditer(text) for word in match.groups() if word]
        if any(_same_word(noun, word) for noun in nouns for word in pointed):
            return True
    elif at == 0 and _pronoun_verb_asked(asked[1:], text):
        return True
    return asks_what_it_points_to(question, text, before)


def _pronoun_verb_asked(asked_rest: list[str], text: str) -> bool:
    """Whether a "Who …?" question's verb (past auxiliaries and adverbs) is the verb whose subject
    is the sentence's pronoun, read the same way."""
    subject = _subject_words(text)
    if subject is None or subject[0] not in SUBJECT_PRONOUNS:
        return False
    said = _main_verb([_plain(word) for word in subject[1:]])
    wanted = _main_verb(asked_rest)
    if said is None or wanted is None or stem(said) in _SAYING_STEMS or stem(wanted) in _SAYING_STEMS:
        return False
    return _same_word(said, wanted)


def _main_verb(words: list[str]) -> str | None:
    """The first word past auxiliaries, "not" and adverbs ("have also repeatedly denied" → "denied");
    None when it is a copula or nothing is left."""
    for word in words[:5]:
        if word in AUXILIARIES or word in _BETWEEN_SUBJECT_AND_VERB or word == "not" or word.endswith("ly"):
            if word in _COPULAS:
                return None
            continue
        return word
    return None


def asks_by_pointing(question: str) -> bool:
    """Whether a question itself points with "this", "these", "those" or "such" ("What did this
    assistance do?"): it asks what the pointing sentence says, not what it points to."""
    return any(word in _ASKED_POINTERS for word in _words(question))


_ASKED_POINTERS = frozenset({"this", "these", "those", "such"})


def subject_word(text: str) -> str | None:
    """The first word of a sentence's main-clause subject as written (read as `subject_points_back`
    reads it: past opening connectives and an opening clause or phrase), None when none is found:
    a capital there that is no article, pronoun or demonstrative tells a subject named by a name
    ("Baradar, for instance, was detained …")."""
    words = _subject_words(text, keep_case=True)
    return words[0] if words else None


def _subject_words(text: str, keep_case: bool = False) -> list[str] | None:
    """The words of a sentence from its main clause's subject on, read past opening connectives
    and, after the comma closing it, an opening clause or phrase (at most `_OPENINGS` of them);
    the first lower-cased unless `keep_case`, the rest as written (a capital tells a name). None
    when no subject is found."""
    rest = text
    for _ in range(_OPENINGS):
        rest = _CONNECTIVES.sub("", rest, count=1)
        words = _WORD.findall(rest)
        if not words:
            return None
        first = words[0].lower()
        if first in _CLAUSE_OPENERS or (first.endswith("ing") and len(words) > 1 and words[1][:1].islower()):
            _, comma, after = rest.partition(",")
            if not comma:
                return None
            rest = after
            continue
        return [words[0] if keep_case else first, *words[1:]]
    return None
