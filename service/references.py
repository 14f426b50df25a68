"""Reference entries and questions about sources.

A reference entry is a sentence that cites rather than states: `Author, "Title", Outlet, date.`,
`Crisis Group telephone interview, October 2020.`, `Ahmed Rashid, Title (London, 2001).`,
`See also Crisis Group Asia Reports N°s 62, Title, 5 August 2003; 207, Title, 27 June 2011.`,
`Crisis Group Report, Title, op. cit.` A cited article's title can echo a question word for word
("Why does Pakistan releasing a key Taliban leader matter?"), so a reference entry often ranks
well; it is evidence of where a claim comes from, not an answer, and leads the answer only when
the question asks for a source ("What is the source for …?", "Which outlet reported …?").

Both tests read the form of the text (English citation conventions), never which document it
is from: they hold for any footnoted report or article added to the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.bm25 import terms_of
from service.citations import SourceKind, named_kinds

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
# A citation ends with its date: "2 August 2018.", "April-May 2021.", "2019.", "(London, 2001)."
_ENDS_WITH_DATE = re.compile(rf"(?:\d{{1,2}}\s+)?(?:{_MONTH}(?:\s*[-–]\s*{_MONTH})?\s+)?(?:1[89]|20)\d\d\)?\s*[.;]?$")
_TITLE_THEN_OUTLET = re.compile(r"[\"”]\s*,\s*\S|,[\"”]\s+\S")  # a title's closing quote, ", Outlet"
_PLACE_AND_YEAR = re.compile(r"\([^()]*,\s*(?:1[89]|20)\d\d\)\s*\.?$")  # a book: "(London, 2001)."
_SEE_ALSO = re.compile(r"^(?:See\b|For\b[^.]*\bsee\b)")
_INTERVIEW = re.compile(r"\binterviews?\b", re.IGNORECASE)
_SHORT_CITATION = re.compile(r"\b(?:op\.\s*cit|ibid)\b\.?", re.IGNORECASE)
INTERVIEW_WORDS_MAX = 25  # "Crisis Group telephone interviews, <who>, <when>." is short

# The question asks where something comes from: the source, an outlet, a report, who wrote or
# told it. Asking what a report says ("According to a UN report, how many…") is not.
_SOURCE_QUESTION = re.compile(
    r"\bsources?\s+(?:for|of)\b|\b(?:what|which)\s+(?:\w+\s+){0,2}?(?:source|outlet|newspaper|magazine|"
    r"news\s*agency|agency|publication|paper|channel|website|report|study|book|article|column|transcript|"
    r"document|interview)s?\b"
    r"|\bwho\s+(?:wrote|reported|told|published)\b|\bwhom\s+did\b[^?]*\binterview"
    # A hearing's testimony and a government's statement are sources as an article is: "Which
    # testimony …?", "Whose statement …?". Not after "what": "What did the communiqué agree?",
    # "What testimony did Khalilzad give?" ask what was said.
    r"|\bwhich\s+(?:\w+\s+){0,2}?(?:testimon(?:y|ie)|statement|communiqu[eé])s?\b"
    r"|\bwhose\s+(?:\w+\s+)?(?:column|article|book|report|study|testimony|statement|interview)\b"
    r"|\bcite[sd]?\b|\baccording\s+to\s+whom\b"
    r"|\bwhere\s+(?:was|were|did)\b[^?]*\b(?:published|reported)\b"
    # Where a claim comes from, what it rests on: "Where does the figure of … come from?"
    r"|\bwhere\s+(?:does|do|did)\b[^?]*\bcomes?\s+from\b|\bwhat\s+(?:supports|backs)\b"
    # "Where does the briefing get the claim that …?": where a claim or figure was got from,
    # not where something was got ("Where did the Taliban get their weapons?").
    r"|\bwhere\s+(?:does|do|did)\b[^?]*\bget\b[^?]*\b(?:claim|figure|number|quote|statement|information)s?\b"
    r"|\bwhat\b[^?]*\brests?\s+on\b|\bon\s+what\s+(?:source|evidence|basis|grounds)\b",
    re.IGNORECASE,
)


def is_reference(sentence: str) -> bool:
    """Whether `sentence` is a bibliographic reference (or an interview note) rather than a claim."""
    text = sentence.strip()
    if _SHORT_CITATION.search(text):
        return True
    if not _ENDS_WITH_DATE.search(text):
        return False
    return bool(
        _TITLE_THEN_OUTLET.search(text)
        or _PLACE_AND_YEAR.search(text)
        or _SEE_ALSO.match(text)
        or (_INTERVIEW.search(text) and len(text.split()) <= INTERVIEW_WORDS_MAX)
    )


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_TITLE_LINE = re.compile(r"^Title: .*$", re.MULTILINE)  # a document card's title (service.cards)


def outside_title(reference: str) -> str:
    """A reference entry without its quoted title: who wrote it, the outlet, the date. A
    document card, a catalog entry of the corpus's own, without its title line."""
    return _TITLE_LINE.sub(" ", _QUOTED.sub(" ", reference))


def asks_for_source(question: str) -> bool:
    """Whether `question` asks for a source: an outlet, a report, a writer, an interviewee."""
    return bool(_SOURCE_QUESTION.search(question))


@dataclass(frozen=True)
class SourceNamed:
    """What a source question says of the source it wants: the kinds its asking words name
    ("Which book …", "Which journal article …") and the names it gives anywhere ("Which UN
    report …", "Which Diplomat article …", "Which article by Anwar Iqbal …"), as BM25 terms of
    its capitalised words. The names include the claim's own ("… Baradar … in Doha?"): a
    source answer counts only those the claim's sentence does not hold."""

    kinds: frozenset[SourceKind] = frozenset()
    terms: frozenset[str] = frozenset()


NOTHING_NAMED = SourceNamed()  # a question asking for no source
_NAME_WORD = re.compile(r"\b[A-Z][\w.&'’-]*")  # a capitalised word: a name's, or the question's first


def source_named(question: str) -> SourceNamed:
    """What `question` says of the source it asks for: the kinds `service.citations.named_kinds`
    reads in its asking words (up to the end of `_SOURCE_QUESTION`'s match; "Who reported …"
    names no kind), and its capitalised words but the first ("Which") and the kind words, up to
    where it states its claim ("… for the claim that Samiul Haq had close ties …": those are the
    claim's names, `_CLAIM_FRAME`, not its source's). A note citing several sources quotes the
    one they fit (service.source_answer.cited_entry; docs/retrieval.md, "Which entry of a note")."""
    asking = _SOURCE_QUESTION.search(question)
    if asking is None:
        return NOTHING_NAMED
    kinds, rest = named_kinds(question[: asking.end()])
    framed = _CLAIM_FRAME.search(question, asking.end())
    rest = rest + question[asking.end() : framed.start() if framed is not None else len(question)]
    names = " ".join(m.group() for m in _NAME_WORD.finditer(rest) if m.start() > 0)
    return SourceNamed(frozenset(kinds), terms_of(names) if names else frozenset())


# "… the claim that …", "… the remark that …": what follows is the claim asked about.
_CLAIM_FRAME = re.compile(
    r"\b(?:claims?|remarks?|statements?|quotes?|assertions?|reports?|figures?|views?|warnings?|allegations?|"
    r"accounts?|comments?)\s+that\b",
    re.IGNORECASE,
)


def claim_asked(question: str) -> str:
    """What a source question says of its claim, without the words that ask for the source:
    the rest after "… the claim that", else after the asking words ("What is the source for",
    "Who reported"), else the whole question. "What is the source for the claim that Pakistan
    hosted the Murree talks?" asks about "Pakistan hosted the Murree talks": a note's sentence
    "Musharraf claimed …" matches "claim", not the claim (docs/retrieval.md, "Source questions")."""
    framed = _CLAIM_FRAME.search(question) or _SOURCE_QUESTION.search(question)
    rest = question[framed.end() :] if framed is not None else question
    return rest if rest.strip(" ?.!") else question
