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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from service.bm25 import terms_of, tokenize
from service.citations import DATE, SourceKind, iso_date, named_kinds
from service.dates import MONTH_TERMS, month_pattern
from service.question_words import SPEECH_VERBS, alternation
from service.records import Document

# The abbreviations a citation's closing month may take here, each with its full stop: all but
# "Jun." and "Jul." (service.citations reads all, the stop optional).
_CLOSING_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
_MONTH = month_pattern(_CLOSING_MONTH_ABBREVIATIONS)
# A citation ends with its date: "2 August 2018.", "April-May 2021.", "2019.", "(London, 2001)."
_ENDS_WITH_DATE = re.compile(rf"(?:\d{{1,2}}\s+)?(?:{_MONTH}(?:\s*[-–]\s*{_MONTH})?\s+)?(?:1[89]|20)\d\d\)?\s*[.;]?$")
_TITLE_THEN_OUTLET = re.compile(r"[\"”]\s*,\s*\S|,[\"”]\s+\S")  # a title's closing quote, ", Outlet"
_PLACE_AND_YEAR = re.compile(r"\([^()]*,\s*(?:1[89]|20)\d\d\)\s*\.?$")  # a book: "(London, 2001)."
_SEE_ALSO = re.compile(r"^(?:See\b|For\b[^.]*\bsee\b)")
_INTERVIEW = re.compile(r"\binterviews?\b", re.IGNORECASE)
_SHORT_CITATION = re.compile(r"\b(?:op\.\s*cit|ibid)\b\.?", re.IGNORECASE)
INTERVIEW_WORDS_MAX = 25  # "Crisis Group telephone interviews, <who>, <when>." is short

# What a document states, as a source question calls it: "the claim that", "the view that".
_CLAIM_NOUN = (
    r"(?:claims?|views?|ideas?|notions?|assertions?|statements?|figures?|numbers?|estimates?|assessments?|"
    r"conclusions?|arguments?|contentions?|findings?|suggestions?|observations?|impressions?|information|"
    r"quotes?|remarks?|allegations?)"
)
# The document or its writer, as the subject of "base", "give evidence": "the briefing", "Crisis Group".
_WRITER = (
    r"(?:(?:the|this|that)\s+(?:\w+\s+){0,2}?(?:briefing|report|article|author|writer|piece|paper|analysis|"
    r"study|text|document)|Crisis\s+Group|\w+'s\s+(?:article|piece|report|briefing))"
)

# What a source question asks for by its kind: "Which newspaper …?", "What report …?".
_ASKED_KIND = (
    r"(?:source|outlet|newspaper|magazine|news\s*agency|publication|paper|channel|website|report|study|book|"
    r"article|column|transcript|document|interview)s?"
)
# A document that says: the subject of "what the report says" (a clause, not a question).
_SAYS = r"(?:says?|said|states?|stated|writes?|wrote|argues?|argued|concludes?|concluded)"

# What a cited source gives, after "source of": "the claim that …", "the figure of …", "this",
# "Qureshi's remark", "the report that …". "A major source of recruits", "the source of
# Islamabad's leverage", "a source of funding" name where a thing (recruits, leverage, money)
# comes from, which the text states, not a work it cites (docs/tuning.md, session 43).
_TOLD_NOUN = (
    rf"(?:{_CLAIM_NOUN}|reports?|reporting|news|stor(?:y|ies)|accounts?|data|quotations?|words|warnings?|"
    r"calls?|comments?|letters?|testimon(?:y|ies)|disclosures?|details|account|version|citation|"
    r"allegation|quote|line|passage|sentence|paragraph|briefing|articles?|pieces?|papers?|books?|stud(?:y|ies)|"
    r"documents?|texts?|notes?|footnotes?|endnotes?|analys[ie]s)"
)
_TOLD = (
    r"(?:(?:this|that|these|those|it)\b(?!\s+\w)|"
    rf"(?:(?:the|this|that|these|those|his|her|its|their|[\w-]+(?:'s|’s))\s+)?(?:[\w.,%-]+\s+){{0,3}}?{_TOLD_NOUN}\b)"
)

# The question asks where something comes from: the source, an outlet, a report, who wrote or
# told it. Asking what a report says ("According to a UN report, how many…") is not, nor is
# asking what a document says with the document as the subject of "what does/did …" or of
# "what the … says": "What does the report on the peace talks say about the TTP?", "Summarise
# what the article says about the TTP.", "What did he study …?" (a document that cites, bases
# or gives evidence is read below: "What does the briefing cite … for?").
_SOURCE_QUESTION = re.compile(
    rf"\bsources?\s+for\b|\bsources?\s+of\s+{_TOLD}|\b(?:what|which)(?:'s|’s)?\s+(?!(?:does|do|did)\s)"
    rf"(?!the\s+(?:\w+\s+){{0,2}}?{_ASKED_KIND}\s+(?:(?:about|on|of)\s+[^?]*?)?{_SAYS}\b)"
    rf"(?:\w+\s+){{0,2}}?{_ASKED_KIND}\b(?!(?<=source)\s+of\s+(?!{_TOLD}))(?!(?<=sources)\s+of\s+(?!{_TOLD}))"
    # An agency is an outlet only as the one that reported ("Which agency reported …?"): "Which
    # Afghan agency did Pakistan accuse …?", "What agency is the ISI?" ask for a government body.
    r"|\b(?:what|which)\s+(?:\w+\s+){0,2}?agency\s+(?:first\s+)?(?:reported|reports|published|carried|quoted|ran|broke)\b"
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
    # "Where does the briefing get the claim (the view, the idea) that …?": where a claim or a
    # figure was got from, not where something was got ("Where did the Taliban get their weapons?").
    rf"|\bwhere\s+(?:does|do|did)\b[^?]*\b(?:get|take|draw|obtain)s?\b[^?]*\b{_CLAIM_NOUN}\b"
    r"|\bwhat\b[^?]*\brests?\s+on\b|\bon\s+what\s+(?:source|evidence|basis|grounds)\b"
    # What a claim rests on, in the words of its basis: "What is the basis for the claim that …?",
    # "What is the evidence for the assertion that …?" (not "What is the basis of Pakistan's
    # policy?": the thing based is a claim, a view, a figure).
    rf"|\b(?:basis|grounds?|evidence|support|justification|proof)\s+(?:for|of|behind)\s+"
    rf"(?:the|its|this|that|these|those)\s+(?:\w+\s+)?{_CLAIM_NOUN}\b"
    # The document as the one that bases, gives evidence or gets a view: "On what does the
    # briefing base …?", "What evidence does the article give for …?" (not "What evidence did
    # Qureshi disclose …?": a person's evidence is what the text reports).
    rf"|\bon\s+what\s+(?:does|do|did)\s+{_WRITER}\s+base\b|\bwhat\s+(?:does|do|did)\s+{_WRITER}\s+base\b"
    rf"|\bwhat\s+(?:evidence|support|proof|basis|grounds)\s+(?:does|do|did)\s+{_WRITER}\s+"
    r"(?:give|offer|cite|provide|present|have|adduce)\b"
    r"|\bwhat\s+(?:evidence|support|proof)\s+(?:is|was|are|were)\s+(?:given|offered|cited|provided|presented)\b"
    # An outlet or a body named in capitals as the one that reported or published: "What did
    # The Express Tribune report about …?", "What did Agence France-Presse publish …?"; "What
    # does the Dawn report about … say about …?" asks what a cited work says, its note the
    # answer (docs/tuning.md, session 38). Not "What did the UN report say …?".
    r"|(?-i:\bWhat\s+(?:did|does|has|had)\s+(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,5}(?:report|publish)(?:ed)?\b"
    r"(?!\s+(?:say|says|said|conclude[sd]?|find|finds|found|state[sd]?|show[sn]?|showed)\b))",
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


# A verb of saying in running text, lower case ("the United States" is no "states"), and the
# frame "According to X," that names a sentence's source before what it reports.
_SAYING_VERB = re.compile(rf"\b(?:{alternation(f for forms in SPEECH_VERBS.values() for f in forms)})\b")
_ACCORDING_TO = re.compile(r"^\W*According\s+to\s+[^,]+", re.IGNORECASE)


def saying_part(sentence: str) -> str:
    """The words of a note's sentence that tell who said what it reports, and where: outside its
    quotations, and before the clause a verb of saying reports ("The adviser added that the U.S.
    had …" → "The adviser added"; "According to a former foreign secretary, Pakistan had …" →
    "According to a former foreign secretary"). The reference entry after such a sentence dates
    the saying; what the reported clause tells happened earlier, on a date the entry does not
    give (docs/retrieval.md, "A date left to the note"). The whole sentence, less its quotations,
    when no verb of saying or frame is found."""
    text = outside_title(sentence)
    framed = _ACCORDING_TO.match(text)
    if framed is not None:
        return framed.group(0)
    verb = _SAYING_VERB.search(text)
    return text if verb is None else text[: verb.end()]


def outside_title(reference: str) -> str:
    """A reference entry without its quoted title: who wrote it, the outlet, the date. A
    document card, a catalog entry of the corpus's own, without its title line."""
    return _TITLE_LINE.sub(" ", _QUOTED.sub(" ", reference))


# A name outside a reference entry's title: a run of capitalised words ("Naveed Siddiqui",
# "The Express Tribune", "U.S. Institute of Peace"), lowercase joining words kept inside it.
_NAME_RUN = re.compile(r"[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|and|the|on)\s+)*[A-Z][\w.&'’-]*)*")


@lru_cache(maxsize=4096)
def source_names(reference: str) -> tuple[frozenset[str], ...]:
    """The names a reference entry gives outside its quoted title, each as its BM25 terms: its
    author's, its outlet's ("Naveed Siddiqui", "Dawn", "The Express Tribune"). Only an entry
    quoting its title has them: an unquoted title ("Crisis Group Asia Briefing N°165, What
    Future for Afghan Peace Talks under a Biden Administration?") reads as names. A lead-in up
    to "see" ("On Pakistan-U.S. tensions over the Haqqani issue, …, see") is the note's topic,
    and months and years are dates; a name of no term left (a stop word) is left out."""
    return tuple(terms for _, terms in named_sources(reference))


@lru_cache(maxsize=4096)
def named_sources(reference: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The names of `source_names`, each with its words as the entry writes them ("The
    Diplomat", "Anwar Iqbal"): what a question typed in another case writes (answer.names_its_source)."""
    if not _QUOTED.search(reference):
        return ()
    outside = outside_title(reference)
    lead_in = _LEAD_IN.search(outside)
    runs = [m.group() for m in _NAME_RUN.finditer(outside[lead_in.end() if lead_in is not None else 0 :])]
    named = (frozenset(t for t in terms if not t.isdigit()) - MONTH_TERMS for terms in tokenize(runs)) if runs else []
    return tuple((run, terms) for run, terms in zip(runs, named, strict=True) if terms)


def corpus_own_names(documents: Iterable[Document]) -> frozenset[str]:
    """The terms of the names the corpus's own documents are published and written under (their
    catalog entries' publisher and author: "Crisis Group", "Foreign Policy"): a question naming
    one names that document, not a work a note cites (service.answer.names_its_source). Read
    once per loaded index (service.engine); one document's, with its series, is
    service.source_answer.document_own_names."""
    names = sorted(name for d in documents for name in (d.publisher, d.author) if name)
    return terms_of(" ".join(names)) if names else frozenset()


_LEAD_IN = re.compile(r"^[^\"“]*?\bsee(?:\s+also)?\b", re.IGNORECASE)  # "See also", "For background …, see"


def asks_for_source(question: str) -> bool:
    """Whether `question` asks for a source: an outlet, a report, a writer, an interviewee."""
    return bool(_SOURCE_QUESTION.search(question))


# "Who told <an audience> …?" asks for the one who spoke ("Who told senators / parliament /
# reporters / Crisis Group that …?"), as "Who said …?" does; "Who reported / wrote / published
# …?", "Which newspaper reported X telling …?", "According to which report …?" ask for the work
# that carries the words (docs/retrieval.md, "Source questions").
_ASKS_SPEAKER = re.compile(r"\bwho\s+told\b", re.IGNORECASE)


def asks_for_speaker(question: str) -> bool:
    """Whether `question` asks who said its claim to someone, the speaker rather than the
    document citing it: a source question whose answer is the sentence naming the speaker,
    unless the note names the one interviewed (service.source_answer.claim_answer)."""
    return bool(_ASKS_SPEAKER.search(question))


@dataclass(frozen=True)
class SourceNamed:
    """What a source question says of the source it wants: the kinds its asking words name
    ("Which book …", "Which journal article …") and the names it gives anywhere ("Which UN
    report …", "Which Diplomat article …", "Which article by Anwar Iqbal …"), as BM25 terms of
    its capitalised words. The names include the claim's own ("… Baradar … in Doha?"): a
    source answer counts only those the claim's sentence does not hold."""

    kinds: frozenset[SourceKind] = frozenset()
    terms: frozenset[str] = frozenset()
    # The names of the source alone: the capitalised words up to where the question turns to
    # its topic ("What did The Express Tribune report about …": express, tribun), read by the
    # choice of the claim and of its notes (service.source_answer.names_in_notes).
    source: frozenset[str] = frozenset()
    # The dates it gives to a month at least, as ISO dates ("Which Dawn report of 15 November
    # 2018 …": 2018-11-15): of a note citing one outlet twice, the date tells which is meant.
    dates: frozenset[str] = frozenset()
    # It asks who said the claim to an audience ("Who told senators that …?", `asks_for_speaker`):
    # the speaker, whom the claim's sentence names, not the work its note cites.
    speaker: bool = False


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
    words = question[: asking.end()]
    kinds, rest = named_kinds(words)
    framed = _CLAIM_FRAME.search(question, asking.end())
    rest = rest + question[asking.end() : framed.start() if framed is not None else len(question)]
    names = " ".join(m.group() for m in _NAME_WORD.finditer(rest) if m.start() > 0)
    # The source's own names run from the question's start to where it first turns to its topic
    # or a claim (in "Where does the claim that Pakistan … come from?" the asking words span the
    # claim, whose names are not a source's); kind words are kept, as one spelt in capitals is a
    # name's ("The News", "TOLO News").
    turns = (_CLAIM_FRAME.search(question), _TOPIC.search(question))
    ends = [m.start() for m in turns if m is not None]
    own = question[: min(ends, default=len(question))]
    if _ASKS_WHO.search(own):  # "According to whom will Pakistan's …": the source is what is asked
        own = ""
    source = " ".join(m.group() for m in _NAME_WORD.finditer(own) if m.start() > 0)
    return SourceNamed(
        frozenset(kinds),
        terms_of(names) if names else frozenset(),
        terms_of(source) if source else frozenset(),
        dates_given(rest),
        asks_for_speaker(question),
    )


_DATE = re.compile(DATE, re.IGNORECASE)


def dates_given(text: str) -> frozenset[str]:
    """The dates `text` writes to a month at least, as ISO dates ("15 November 2018":
    2018-11-15, "November 2018": 2018-11); a year alone tells no citation from another."""
    found = (iso_date(m.group()) for m in _DATE.finditer(text))
    return frozenset(d for d in found if d is not None and len(d) >= len("2018-11") and "?" not in d)


_ASKS_WHO = re.compile(r"\bwho(?:m|se)?\b", re.IGNORECASE)

# Where the question turns from the source to its topic: "… report about …", "… cite on …",
# "Who reported that …": the names after it are the claim's, not its source's.
_TOPIC = re.compile(
    r"\b(?:about|on|regarding|concerning|over|for|that|says?|said|states?|stated|finds?|found|argues?|argued|"
    r"warns?|warned|shows?|showed|notes?|noted|claims?|claimed|reports?|reported|publish(?:es|ed)?|wrote|writes?|"
    r"quotes?|quoted)\b",
    re.IGNORECASE,
)

# "… the claim that …", "… the remark that …": what follows is the claim asked about.
_CLAIM_FRAME = re.compile(
    r"\b(?:claims?|remarks?|statements?|quotes?|assertions?|reports?|figures?|views?|warnings?|allegations?|"
    r"accounts?|comments?|ideas?|notions?|assessments?|conclusions?|arguments?|contentions?|findings?|"
    r"suggestions?|observations?|impressions?)\s+that\b",
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
