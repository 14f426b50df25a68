"""Who holds an office now: a question asking for the current holder, and a sentence that names
only a former one.

"Who is the current leader of the TTP?" asks for the holder of an office today. A sentence
naming "the group's first supreme leader, Baitullah Mehsud" answers another question: the
first holder is not the current one, and quoting it as the answer states a wrong fact. The
text marks such a holder with its own words, right before the office: "first", "former",
"then", "late", "founding", "previous", "ex-" ("Admiral Michael Mullen, then chairman of the
Joint Chiefs of Staff"; "Mullah Ubaidullah Akhund, the former Taliban defence minister"), or
writes the office's verb in the past ("who headed"). A holder may also be placed in the past only
by a year: "Secretary of State Hillary Clinton announced … in February 2011", quoted from a
document published in 2021, names the secretary of state of ten years before, not the current
one. Everything here is read from the shape of generic English and the catalog's publication
dates, never from a list of names (docs/retrieval.md, "Who holds an office now").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from service.bm25 import stem
from service.dates import YEAR
from service.question_words import (
    BARE_CLAUSE_VERBS,
    OFFICE_FRAME_WORDS,
    PAST,
    REPORTING_VERBS,
    ROLE_NOUNS,
    alternation,
    inflected,
)

# A question asking for a holder: its first word asks for a person or one of a set.
_HOLDER_QUESTION = re.compile(r"\s*(?:who|whom|which)\b", re.IGNORECASE)
# The asker's present: "current", "now", "today", "at present", "the present army chief".
_NOW = re.compile(
    r"\b(?:current(?:ly)?|now|nowadays|today|presently|incumbent|these\s+days)\b"
    r"|(?:\b(?:at|the)|['’]s)\s+present\b",
    re.IGNORECASE,
)
# "Who is the Taliban's supreme leader?": an office asked in the present tense asks for its holder
# now, as "current" does; "Who was …?" may ask for any holder, a verb ("Who says …?") may be a
# speaker's, not an office's, and "Who are the TTP's leaders?" asks for a set, past members too.
# A relation to a person is not an office ("Who is Mullah Omar's deputy?" is asked of the dead
# too, and answered by "formerly Mullah Omar's deputy").
_PRESENT_OFFICE = re.compile(r"\s*who(?:['’]s|\s+is)\s", re.IGNORECASE)
# ... but only when it asks for the holder and nothing else: "Who is the admiral who called the
# Haqqani network …?" and "Who is the military ruler who cut ties … after the 2001 attacks?" ask
# for whoever did something, then, and are answered by "then chairman" or a 2001 holder. A clause
# (a relative or time word), a verb in the past or a year after the office makes it such.
_ASKS_MORE = re.compile(
    r"\b(?:who|whom|whose|that|which|when|where|while|after|before|since|during|if|because)\b"
    r"|\b[a-z]{3,}ed\b|\b(?:1[5-9]|20)\d\d\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# The asker's present, skipped like the frame; before a verb it keeps the verb the office ("Who currently heads …?").
_PRESENT = frozenset("currently current now nowadays today presently present incumbent still these days".split())
# The text's own words that make a holder a past one, read right before the office.
_FORMER = frozenset(
    "former formerly first founding founder founders late previous previously erstwhile onetime "
    "earlier past outgoing predecessor slain deposed ousted retired ex".split()
)
_FORMER_STEMS = frozenset(stem(word) for word in _FORMER)
_THEN = "then"  # "then chairman", "the then foreign minister": only right before the office
MARK_WINDOW = 4  # words before the office a marker may stand in ("the group's first supreme leader")
# A clause ends at punctuation: a marker beyond it belongs to something else.
_CLAUSE = re.compile(r"[,;:()\[\]—–\"“”]|\s-\s")
_PAST_FORMS = {"led": "lead", "ran": "run", "held": "hold"}  # irregular past of an office's verb
# A holder written with a year at least this many years before the publication year of the
# document quoting it is read as a past one: a term of office is some years long, so a holder
# named two or three years before publication may still hold it (docs/tuning.md, "Holders dated
# in the past").
STALE_YEARS = 5
# Words that make a year the start of a tenure, not a moment in the past: "since 2018", "a month
# after he was appointed", "his September 2018 appointment", "taking power in a contested
# election": the holder may still be in office (stems, read with service.bm25.stem).
_START_STEMS = frozenset(("sinc", "appoint", "elect", "sworn", "inaugur", "instal", "assum"))
# How a place writing the office reads: a current holder for all the text says, a past one by a
# marker of the text's own, or a past one only by its year.
Reading = Literal["current", "marked", "dated"]


@dataclass(frozen=True)
class AskedRole:
    """The office a current-holder question asks about, as stems ("prime minister" → "prime",
    "minist"), and whether it is asked by a verb ("Who leads …?", whose past "led" marks a
    former holder)."""

    stems: tuple[str, ...]
    verb: bool


def asked_role(question: str) -> AskedRole | None:
    """The office whose current holder `question` asks for, or None when it asks for no current
    holder. The office is the first run of lowercase words after the question's first word,
    past its frame ("is", "the") and its present ("current", "now"): "Who is the Taliban's
    current prime minister?" → prime minister; "Who is the current U.S. secretary of state?" →
    secretary; "Who leads the TTP today?" → leads, a verb. Capitalised words (names, "U.S."),
    possessives and the frame end a run."""
    now = bool(_NOW.search(question))
    if not _HOLDER_QUESTION.match(question) or not (now or _asks_only_the_holder(question)):
        return None
    run: list[str] = []
    verb = False  # "Who heads …?": a present verb right after the question word (or its present)
    framed = False  # a frame word came first ("Who is …"): the office is a noun
    for word in (match.group() for match in list(_WORD.finditer(question))[1:]):
        lowered = word.lower()
        if word[0].isupper() or lowered in OFFICE_FRAME_WORDS or lowered in _PRESENT or "'" in word or "’" in word:
            if run:
                break
            framed = framed or lowered not in _PRESENT
            continue
        if not run:
            verb = not framed and lowered.endswith("s")
        run.append(stem(lowered))
    # A role the text only ever held in the past ("founder", "founding leaders", "first supreme
    # leader") has no current holder to ask for: its marked holder answers it.
    if not run or _FORMER_STEMS & set(run) or (not now and ROLE_NOUNS & set(run)):
        return None
    return AskedRole(tuple(run), verb)


def _asks_only_the_holder(question: str) -> bool:
    """Whether `question` asks in the present tense who holds an office, and nothing more ("Who
    is the Taliban's supreme leader?", "Who's the chairman of the Joint Chiefs of Staff?")."""
    opening = _PRESENT_OFFICE.match(question)
    return opening is not None and not _ASKS_MORE.search(question, opening.end())


def only_former_holders(role: AskedRole, sentences: Sequence[str], published: Sequence[int | None] = ()) -> bool:
    """Whether the first of `sentences` (an answer's, the lead first) that writes the asked
    office writes it only as a past holder's: a marker of the text's own ("former", "first",
    "then", "late", "founding", …) among the few words before it in its clause, or, for an
    office asked by a verb, that verb in the past ("who headed"); or a year that places it
    `STALE_YEARS` or more before `published[i]`, the publication year of the document sentence
    `i` is quoted from (None or missing: not known). What a user reads first about the office
    decides: a lead naming "the group's first supreme leader" is a wrong fact even when a later
    sentence writes "its new supreme leader". A holder placed in the past only by a year is
    read less surely than one the text marks in words (the year may be of something the
    holder did long into a tenure), so a later quoted sentence writing the office with neither
    a marker nor an old year keeps the answer. A sentence writing the office with no such mark
    ("new Prime Minister Mullah Obaidullah Akhund") may name the current holder; one not
    writing it says nothing either way."""
    readings = [_mentions(role, text, published[n] if n < len(published) else None) for n, text in enumerate(sentences)]
    written = [marks for marks in readings if marks]
    if not written or "current" in written[0]:
        return False
    return all(mark == "marked" for mark in written[0]) or all("current" not in marks for marks in written[1:])


def _mentions(role: AskedRole, text: str, published: int | None = None) -> list[Reading]:
    """For each place `text` writes the asked office: whether a past holder's marker stands
    before it ("marked"), a year places it in the past ("dated"), or neither ("current")."""
    found: list[Reading] = []
    clauses = _CLAUSE.split(text)
    for n, clause in enumerate(clauses):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", clause)]  # "ex-ambassador": ex, ambassador
        size = len(role.stems)
        for start in range(len(words) - size + 1):
            if all(_same_word(asked, words[start + k]) for k, asked in enumerate(role.stems)):
                if _marked_past(role, words, start):
                    found.append("marked")
                elif published is not None and _dated_past(clauses[: n + 1], published):
                    found.append("dated")
                else:
                    found.append("current")
    return found


def _same_word(asked: str, word: str) -> bool:
    """Whether `word` is a form of the asked office word, whose stem is `asked`: one stem begins
    the other when the shorter has four letters or more ("lead" and "leader", "advis" and
    "advisor"), else they are equal."""
    other = stem(_PAST_FORMS.get(word, word))
    shorter, longer = sorted((asked, other), key=len)
    return longer.startswith(shorter) if len(shorter) >= 4 else shorter == longer


def _marked_past(role: AskedRole, words: list[str], start: int) -> bool:
    """Whether the office written at `words[start]` is a past holder's."""
    if role.verb and (words[start].endswith("ed") or words[start] in _PAST_FORMS):
        return True
    before = words[max(0, start - MARK_WINDOW) : start]
    return any(word in _FORMER for word in before) or (bool(before) and before[-1] == _THEN)


def marks_past(words: Sequence[str]) -> bool:
    """Whether `words` (lowercase, the few written right before an office) mark a past holder:
    "former", "late", "first" (`_FORMER`), or "then" ("Mullen, then chairman of …"). The corpus's
    titles are read with it (service.titles)."""
    return any(word in _FORMER or word == _THEN for word in words)


def _dated_past(clauses: Sequence[str], published: int) -> bool:
    """Whether the office written in the last of `clauses` (its sentence up to and including
    the office's clause) is placed in the past by a year: the latest year the office's clause
    or a clause before it writes is `STALE_YEARS` or more before `published`. A year opening a
    sentence dates what follows it ("In 2011, after an attack …, Admiral Mullen …"; "The 1893
    agreement between …, and Afghan ruler Emir Abdur Rahman"); years after the office's clause
    are of something else ("Prime Minister X, who first visited Kabul in 1990, said"). The year
    of a start does not count ("since July 2018"; "a month after he was appointed"), nor does
    any year when the office's clause writes the asker's present ("chairman until now")."""
    own = clauses[-1]
    if _NOW.search(own) or _starts(own):
        return False
    years = [int(year) for clause in clauses if not _starts(clause) for year in YEAR.findall(clause)]
    return bool(years) and max(years) <= published - STALE_YEARS


def _starts(clause: str) -> bool:
    """Whether `clause` writes the start of a tenure ("since", "appointed", "election")."""
    return any(stem(word.lower()) in _START_STEMS for word in re.findall(r"[A-Za-z]+", clause))


# "Who is/was the <role> …?", "Who is <owner>'s <role>?": a question asking who someone the text
# calls by a role is, by name. "Who is Zalmay Khalilzad?" names the person and asks for a role;
# "Who said …?" asks for a speaker, which an unnamed one answers ("A retired general said: …").
# "What is/was the name of the <role> …?" and "Name the <role> …" ask for the name in words.
_ASKS_NAME = r"what(?:['’]s|\s+(?:is|was|are|were))\s+the\s+names?\s+of\b|name\b"
_WHO_IS_ROLE = re.compile(
    rf"^\s*(?:who(?:['’]s\b|\s+(?:is|was|are|were)\b)|(?P<name>{_ASKS_NAME}))"
    r"\s+(?:the\b|(?:[A-Z][\w.-]*\s+){0,3}[\w.-]+['’]s?\s)",
    re.IGNORECASE,
)
# The role such a question asks of: its words after "the" or the owner, up to the relative clause,
# a preposition or the question's end ("retired general" of "Who was the retired general who
# spoke …?", "ultimate beneficiaries" of "Who are the ultimate beneficiaries of …?").
_ASKED_ROLE = re.compile(
    r"(?P<role>[^,?.!;:]*?)(?=\s+(?:who|whom|whose|that|which|of|for|in|at|on|to|with|from|by|behind|"
    r"according|now|today|then|currently)\b|\s*[,?.!;:]|\s*$)",
    re.IGNORECASE,
)
# Words that ask for a speaker by no role of their own ("Who was the one who warned …?", "Who was
# Crisis Group's source for …?"): the role the text gives an unnamed speaker answers them.
_ANY_SPEAKER = frozenset(
    "one ones person persons people individual man men woman women someone somebody source sources speaker "
    "speakers".split()
)
# Someone the text leaves unnamed, speaking or acting: an indefinite article, a few words of role
# ("A Pakistan foreign ministry spokesperson", "A former senior counter-terrorism official") ending
# on a lowercase noun, with a phrase of place or body at most ("a former Pakistani ambassador to
# Kabul", "a top Taliban official with the group’s political office"), an aside that opens in
# lowercase (", who has served in both civilian and military governments,", ", for example,": not
# ", Zabihullah Mujahid,") and an adverb at most, then the verb: one reporting their words, or any
# other in the regular past, not a passive's ("concurred:", "offered China … praise"; not "was
# aborted", "headed by chief negotiator Baradar"). It opens the sentence, after a conjunction or
# "As" at most ("Yet a senior official said …"), or its main clause, after a comma ("So long as
# this council needs Pakistani sanctuaries and support, a former senior military officer said,
# Pakistan will …"; "Yet, as a former Pakistani ambassador noted, …").
_REPORTED = alternation(inflected(BARE_CLAUSE_VERBS, PAST) + inflected(REPORTING_VERBS, PAST))
_ROLE_PLACE = r"(?:\s+(?:to|in|of|from|with|at|for)\s+(?:[\w'’.-]+\s+){0,4}?[\w'’.-]*\w)?"
_AUXILIARY_WORDS = "was|were|is|are|be|been|had|has|have"
_NOT_AUXILIARY = rf"(?!(?:{_AUXILIARY_WORDS}|being)\b)"
# Words no role is written with: a clause's ("a month after he was appointed" is no one acting).
_NOT_ROLE = (
    rf"(?!(?:{_AUXILIARY_WORDS}|he|she|they|it|we|i|you|after|before|when|while|since|until|"
    r"and|or|but|that|which|who|whom|whose|than|if|because)\b)"
)
_UNNAMED_SPEAKER = re.compile(
    r"(?:^\W*(?:(?:Yet|But|And|So|Still)\s+(?:as\s+)?|As\s+)?|,\s+(?:as\s+)?)"
    rf"(?:A|An|a|an)\s+(?:{_NOT_ROLE}[\w'’.-]+\s+){{0,5}}?{_NOT_ROLE}[a-z][\w-]*{_ROLE_PLACE}"
    rf"(?:,\s+[a-z][^,:\"“]*,)?\s+(?:{_NOT_AUXILIARY}[a-z]+\s+)?"
    rf"(?:{_REPORTED}|[a-z]{{2,}}ed)\b(?!\s+by\b)"
)


def asks_who_the_role_is(question: str) -> bool:
    """Whether `question` asks who the one the text calls by a role is ("Who was the spokesperson?",
    "Who is the retired general who said …?", "Who is Pakistan's foreign office spokesperson?"):
    a name is its answer."""
    return _WHO_IS_ROLE.match(question) is not None


def asks_for_the_name(question: str) -> bool:
    """Whether `question` asks for the name in words ("What is the name of the person who said …?",
    "Name the retired general who …"): a role the text gives answers no such question, however
    it is asked."""
    opening = _WHO_IS_ROLE.match(question)
    return opening is not None and opening.group("name") is not None


def asked_role_word(question: str) -> str | None:
    """The last word of the role `question` asks who holds, lowercased ("general" of "Who was the
    retired general who spoke …?", "allies" of "Who are the Taliban's natural allies?"), or None
    when it asks no role (asks_who_the_role_is)."""
    opening = _WHO_IS_ROLE.match(question)
    if opening is None:
        return None
    role = _ASKED_ROLE.match(question, opening.end())
    words = _WORD.findall(role.group("role")) if role else []
    return words[-1].lower() if words else None


def unnamed_speakers_words(sentence: str) -> str | None:
    """The words `sentence` reports of someone it leaves unnamed, speaking or acting, the speaker's
    own taken out ("A retired general said: …", "A former ambassador, who has served …, said,
    however: …", "So long as …, a former senior military officer said, Pakistan will …", "… a top
    Taliban official with the group’s political office offered China …"), or None when no
    unnamed speaker opens it or its main clause: it answers what was said, not who said it (docs/retrieval.md,
    "Abstention")."""
    speaker = _UNNAMED_SPEAKER.search(sentence)
    return None if speaker is None else f"{sentence[: speaker.start()]} {sentence[speaker.end() :]}"


def leaves_the_asked_one_unnamed(question: str, lead: str) -> bool:
    """Whether `lead` answers `question`, asking who the one a role names is, only with the words of
    someone it leaves unnamed ("Who was the spokesperson?": "A Pakistan foreign ministry spokesperson
    said: …"). It answers when the question asks for a speaker by no role of its own ("Who was the
    one who warned …?", "Who was Crisis Group's source for …?": the role the text gives is the
    answer) but not for the name in words ("What was the name of the person who …?":
    `asks_for_the_name`), and when the asked role is in the words reported ("Who are the Taliban's natural
    allies?": "A retired general said: “The space for the Taliban’s natural allies – Pashtun
    militants and Sunni sectarian outfits – …”": they name them)."""
    role = asked_role_word(question)
    reported = unnamed_speakers_words(lead)
    if role is None or reported is None or (role in _ANY_SPEAKER and not asks_for_the_name(question)):
        return False
    return stem(role) not in {stem(word.lower()) for word in _WORD.findall(reported)}
