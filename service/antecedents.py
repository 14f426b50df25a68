"""Who "he" is: a follow-up's personal pronoun read as the person its history names.

A follow-up reaches the engine with the earlier questions it refers back to
(service.chat.retrieval_history). Read together with them, "What did he criticise?" after "What
did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?" matches the passage that
answered the first question best: every rare word of the earlier question ("Zabihullah", "TV
channel") is in it, and the follow-up's one word of its own ("criticise") weighs little beside
them. Reports introduce a person once by full name and then by surname alone ("Mujahid
recently criticized …"), so the pronoun is read as the surname of the person the nearest
earlier question names: "What did Mujahid criticise?". The history is still read with it, for
the topic.

Without a named-entity tagger, a person is told from an organisation or a place by how the
corpus writes them: reports give a person a title before the name ("U.S. envoy Khalilzad",
"Foreign Minister Shah Mahmood Qureshi", "Secretary of State Blinken", "national security
advisor, Moeed Yusuf") and never give one to "Committee", "Pakistan" or "the Taliban"
(`titled_names`, read from the units when the index loads; the title words are
service.said_about's role nouns). Of the capitalised runs of the latest earlier question that
points at someone, the first whose last word the corpus titles is the person, even a surname
alone ("What did Khalilzad tell a Senate Foreign Relations Committee hearing …?": Khalilzad, not
Committee); a possessor ("President Ghani's peace envoy Umer Daudzai") only when no one else is
titled. Failing that, a name as the answer-type check reads one (two or more capitalised words
not opening the question and not after "the", or "the" and an abbreviation: English gives a
person's name no article), as before. A name of one word is still not written into the
follow-up unless an earlier question wrote it in full (the history reads it), but "he" stops
at it. A question asking who someone is ("Who
called Bajwa …?") points at the person its answer names, which the question does not write:
"he" after it is left as it is, unless it asks who a named person is ("Who is Faiz Hameed?").
"his" reads as the surname's possessive ("his national security adviser": "Khan's national
security adviser"). The surname stands alone only where the corpus writes it alone after a title;
any other name is written whole, as `past_who_is` writes it ("And his uncle?" after a question on
Sirajuddin Haqqani: "Sirajuddin Haqqani's uncle", where "Haqqani's uncle" matched every Haqqani
the reports name). Only the first pronoun is replaced; the question as asked is what the
response shows (docs/retrieval.md, "Follow-ups").

"it" is read the same way when an earlier question asked what something is ("What is the
Haqqani network?"): the ranking reads "its, the Haqqani network's, leaders", the pronoun kept,
since reports write "its links to Pakistan" as often as the name (`resolve_thing`). The answer's
sentences are matched word for word on the question as asked: matched on the name, it led with
the sentences naming the network rather than the one that answers (docs/tuning.md, session 12).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from enum import Enum

from service.answer_type import (
    NAME_RUN,
    NAME_WORD,
    AnswerType,
    asked_agent,
    asked_places,
    expected_type,
    names_a_place,
    states,
)
from service.bm25 import terms_of
from service.citations import Source
from service.dates import YEAR, date_mentions
from service.question_words import (
    ASKING_TERMS,
    ASSERTING_VERBS,
    AUXILIARIES,
    FUNCTION_TERMS,
    PAST,
    QUESTION_WORDS,
    THIRD,
    alternation,
    inflected,
)
from service.said_about import reports_speech, roles_among
from service.text import POSSESSIVE_END

_PERSONAL = re.compile(r"\b(?:he|him|(his)|she|her|himself|herself)\b", re.IGNORECASE)
# "the" before a run, past abbreviations that open a name ("the U.S. Central Command chief").
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+(?:[A-Z][A-Z.]*\s+)*$")
# A capitalised run of one word or more past the question's first word ("Khalilzad", "Senate
# Foreign Relations Committee", "President Ghani's").
_CAPITALISED_RUN = re.compile(rf"(?<!^)\b{NAME_WORD}(?:\s+{NAME_WORD})*")
# "Who is Faiz Hameed?": a question asking who a named person is (any other "Who …?" asks for
# someone the question does not name).
_WHO = re.compile(r"^\s*(?:who|whom)\b", re.IGNORECASE)
# "Whom did he have close ties to?", "Who did Haq meet?", "Who was she talking to?": a "Who …?"
# question with a subject of its own asks for the person it acts on, and points at no one new;
# "he" after it is still its subject. "Who telephoned him?" asks for the subject: a new person.
_ASKS_OBJECT = re.compile(
    r"^\s*(?i:whom\b|who\s+(?:(?:did|does|do|will|would|can|could|should|has|have|had)\s+"
    r"(?:he|she|they|we|you|i|the|a|an|his|her|their|its)\b|(?:is|was|are|were)\s+(?:he|she|they)\b))"
    r"|^\s*(?i:who)\s+(?i:did|does|do|will|would|can|could|should|has|have|had)\s+[A-Z]"
)
_WHO_IS = re.compile(r"^\s*who\s+(?:is|was)\s+(?P<name>[^?]+?)\s*\?*\s*$", re.IGNORECASE)
# A word of running text or a mark of punctuation (a quotation mark or an asterisk ends a name:
# 'new chief", *Newsweek*'); a full stop ending a word ends the sentence.
_TEXT_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")
# The share of a word's capitalised occurrences the corpus titles, at least, for it to be read
# as a surname: an adjective after a title now and then ("chief Afghan peace envoy") is not one.
TITLED_SHARE = 0.1
# How many words from a name of the last answer's lead a term of the "Who …?" question it
# answers may stand for the name to be read as the answer (`answered_person`).
ANSWER_NAME_REACH = 6
_NAME_WORD = re.compile(rf"{NAME_WORD}$")
# A neuter pronoun, singular or plural, and its possessive ("its leaders": "X's leaders").
_SINGULAR = re.compile(r"\b(?:(it)|(its))\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:(they|them)|(their))\b", re.IGNORECASE)
# "What is the Haqqani network?": a question asking what a thing is names its topic whole.
_DEFINITION = re.compile(r"^\s*what\s+(?:(is|was)|(are|were))\s+(?P<topic>[^?]+?)\s*\?*\s*$", re.IGNORECASE)
# "How many registered Afghan refugees live in Pakistan?": what is counted is plural ("them").
_COUNTED = re.compile(r"^\s*how\s+many\s+(?P<rest>[^?]+)", re.IGNORECASE)
COUNTED_WORDS = 4  # at most this many words name what is counted
# "that date", "this year", "the same day": a date the conversation gave, by pointing at it.
_DATE_POINTER = re.compile(r"\b(?:that|this|the same)\s+(date|day|month|year)\b", re.IGNORECASE)
# "And when?", "On what date?", "How many?": a follow-up that asks only for a value, nothing of
# its own to rank, so it asks it of what the last answer quoted (`value_asked_alone`).
_VALUE_ALONE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:(?:on|in|at|by)\s+)?"
    r"(?:when|(?:what|which)\s+(?:date|day|year|month)|how\s+(?:many|much|long))"
    r"(?:\s+(?:then|exactly|was\s+(?:it|that|this)))?\s*\?*\s*$",
    re.IGNORECASE,
)
# "Where?", "And where was that?": a place asked alone, of what the last answer quoted.
_PLACE_ALONE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?where(?:\s+(?:then|exactly|(?:was|is)\s+(?:it|that|this)"
    r"|did\s+(?:it|that|this)\s+(?:happen|take\s+place)))?\s*\?*\s*$",
    re.IGNORECASE,
)
# "What does the note say?", "What's in the footnote?", "And the note?": the note a marker closing
# the last answer's lead sentence points at, asked by no number ("What does footnote 7 say?" names
# its own: service.note_answer).
_NOTE_ALONE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:"
    r"what\s+(?:does|did|do)\s+(?:the|that|this|its|their)\s+(?:foot)?note\s+(?:say|add|tell\s+us|state)"
    r"|what(?:'s|\u2019s|\s+is|\s+was)\s+in\s+(?:the|that|this|its|their)\s+(?:foot)?note"
    r"|(?:the|that|its|their)\s+(?:foot)?note"
    r")\s*\?*\s*$",
    re.IGNORECASE,
)
# "Who wrote it?", "Who published that?": the source of what the last answer quoted (a note's
# reference entry names its author and outlet; group 1, the writer); "Who said that?": its speaker.
# Asked by the source's kind as often: "Which report?", "What's the source for that?", "Which
# paper reported it?", "According to whom?", "Where is that from?" (docs/retrieval.md, "Follow-ups").
_SOURCE_NOUN = r"(?:source|report|article|paper|newspaper|outlet|study|book|publication|news\s*agency)s?"
_POINTED = r"(?:it|that|this)"
_SOURCE_ALONE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:"
    rf"who\s+(?:(wrote|authored)|published|reported)\s+{_POINTED}"
    rf"|(?:(?:what|which)(?:'s|’s|\s+is|\s+was)?\s+)?(?:the\s+)?{_SOURCE_NOUN}"
    rf"(?:\s+(?:for|of|behind)\s+{_POINTED}(?:\s+\w+)?|\s+(?:is|was)\s+{_POINTED}(?:\s+(?:from|in))?"
    rf"|\s+(?:reported|published|said)\s+{_POINTED})?"
    r"|according\s+to\s+(?:whom|what(?:\s+source)?)"
    rf"|where\s+(?:is|was)\s+{_POINTED}\s+from|where\s+(?:does|did)\s+{_POINTED}\s+come\s+from"
    r")\s*\?*\s*$",
    re.IGNORECASE,
)
_SPEAKER_ALONE = re.compile(
    rf"^\s*(?:(?:and|but|so)\s+)?who\s+(?:{alternation(inflected(ASSERTING_VERBS, PAST, THIRD))})"
    r"\s+(?:that|this|so)\s*\?*\s*$",
    re.IGNORECASE,
)
# "Who led it?", "And who negotiated it?": a verb and a pointer, nothing else of its own: whoever
# did it to the thing the last answer quoted, which that answer's unit most often names ("… first
# included Gulbuddin Hekmatyar's … Hizb-e Islami"), where the verb alone matches any passage
# using it. A copula or an auxiliary asks something else ("Who was it?", "Who did that?").
# English verbs whose past is not written "-ed" ("Who drew it?", "Who built it?"); "wrote" and
# "said" ask for a source or a speaker (above).
_IRREGULAR_PAST = (
    "began bought brought built chose drew drove fought forged gave held kept lost made met paid ran sent "
    "set shot sold spent struck took threw won"
).split()
# The particle of a phrasal verb, written after its pronoun object ("Who drew it up?", "Who
# called them off?", "Who passed it on?"): the verb and its particle are one act, and the turn
# still asks only whoever did it. Read without it, "Who drew it up?" was ranked on "drew" and led
# by another passage's "drew closer to New Delhi" (docs/tuning.md, session 51).
_PARTICLES = "up out off down over on in back away through forward together".split()
_PARTICLE_END = re.compile(rf"\b(?:{alternation(_PARTICLES)})\s*\?*\s*$", re.IGNORECASE)
_DOER_ALONE = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?who\s+(?!(?:is|was|are|were|did|does|do|has|had|have)\b)"
    rf"(?:[a-z]+ed|{alternation(_IRREGULAR_PAST)})\s+(?:{_POINTED}|them)(?:\s+(?:{alternation(_PARTICLES)}))?"
    r"\s*\?*\s*$",
    re.IGNORECASE,
)
# A capitalised run ending in a compound adjective ("Pakistani Pashtun-majority territories",
# "the Taliban-aligned Haqqani network") describes; it names no one.
_COMPOUND_ADJECTIVE = re.compile(r"-[a-z]+$")
# The share of the terms of a sentence quoting no one that a sentence giving its speaker must
# hold: someone saying the same thing, not anyone saying anything in the passages retrieved.
SAID_SHARE = 0.5
_POINTING = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|he|him|his|she|her)\b", re.IGNORECASE)


def titled_names(texts: Iterable[str]) -> frozenset[str]:
    """The words the corpus writes as the last word of a name right after a title (a role noun:
    service.said_about), in at least TITLED_SHARE of the places it writes them: "Khalilzad" from
    "U.S. envoy Khalilzad", "Pompeo" from "Secretary of State Mike Pompeo", "Yusuf" from
    "national security advisor, Moeed Yusuf". A name ending in a possessive ("President Ghani's
    peace envoy") is not taken from there: it owns the noun after it. After "of" the first
    capitalised word belongs to the title ("of State"); after a comma only a full name is taken
    ("ambassador, January 2021" names no one)."""
    sentences = [[m.group(0) for m in _TEXT_TOKEN.finditer(text)] for text in texts]
    roles = roles_among({w for tokens in sentences for w in tokens})
    titled: Counter[str] = Counter()
    bare = [POSSESSIVE_END.sub("", word.rstrip(".")) for tokens in sentences for word in tokens]
    written: Counter[str] = Counter(word for word in bare if _NAME_WORD.match(word))
    for tokens in sentences:
        for at, word in enumerate(tokens):
            name = _name_after(tokens, at + 1) if word in roles and not word.endswith(".") else None
            if name is not None:
                titled[name] += 1
    return frozenset(name for name, count in titled.items() if count >= TITLED_SHARE * written[name])


def _name_after(tokens: Sequence[str], at: int) -> str | None:
    """The last word of the capitalised run starting at `tokens[at]` (past "of" and the title's
    own word; after a comma, two words at least), None when there is none or it ends in a
    possessive."""
    comma = at < len(tokens) and tokens[at] == ","
    at += comma
    office = at < len(tokens) and tokens[at] == "of"
    run: list[str] = []
    for word in tokens[at + office :]:
        bare = word.rstrip(".")
        if not _NAME_WORD.match(bare):
            break
        run.append(bare)
        if POSSESSIVE_END.search(bare):
            return None
        if bare != word:  # a full stop ends the sentence, and the name
            break
    return run[-1] if len(run) > max(office, comma) else None


def named_person(question: str, titled: Collection[str] = frozenset()) -> str | None:
    """The name of the person `question` names: its first capitalised run whose
    last word the corpus titles (`titled`, titled_names), one not owning a noun first; else its
    first run of two or more capitalised words not after "the". None when it names no one, or
    when it asks who someone is and is not "Who is <name>?" (the person is then its answer)."""
    text = question.strip()
    if _WHO.match(text):
        asked = _WHO_IS.match(text)
        text = f"Who is {asked.group('name')}" if asked is not None else ""
    runs = [
        run
        for match in _CAPITALISED_RUN.finditer(text)
        if not _ARTICLE_BEFORE.search(text, 0, match.start())
        for run in _owners_apart(match.group(0))
    ]
    for possessor in (False, True):
        for run in runs:
            if (POSSESSIVE_END.search(run[-1]) is not None) == possessor and _surname(" ".join(run)) in titled:
                return " ".join(run)
    for match in NAME_RUN.finditer(text):
        if not _ARTICLE_BEFORE.search(text, 0, match.start()):
            return " ".join(_owners_apart(match.group(0))[0])
    return None


def titled_surname(question: str, titled: Collection[str]) -> str | None:
    """The surname of the person `question` names (named_person) when the corpus titles it
    (`titled`): "Biden" of "What did President Biden decide …?", "Bajwa" of "When did army chief
    Bajwa … meet him?"; None when it names no one the corpus writes after a title."""
    person = named_person(question, titled)
    name = None if person is None else _surname(person)
    return name if name in titled else None


def _surname(name: str) -> str:
    """A name's last word without its possessive ("Zalmay Khalilzad's": "Khalilzad")."""
    return POSSESSIVE_END.sub("", name.split()[-1])


def _owners_apart(run: str) -> list[list[str]]:
    """A capitalised run's words cut after each possessive: "Zalmay Khalilzad's September" is
    "Zalmay Khalilzad's" and "September"."""
    parts: list[list[str]] = [[]]
    for word in run.split():
        parts[-1].append(word)
        if POSSESSIVE_END.search(word):
            parts.append([])
    return [part for part in parts if part]


def writes_personal_pronoun(text: str) -> bool:
    """Whether `text` writes "he", "him", "his", "she" or "her" (or their reflexives)."""
    return _PERSONAL.search(text) is not None


def resolve_person(
    question: str,
    history: Sequence[str],
    titled: Collection[str] = frozenset(),
    answer: str = "",
    from_answers: Collection[str] = frozenset(),
) -> str:
    """`question` with its first personal pronoun replaced by the surname of the person the
    latest earlier question pointing at someone names ("his" by its possessive: "Khan's"), or
    by the whole name when the corpus never writes that surname alone after a title (`titled`).
    Unchanged when it has no such pronoun, when no earlier question names anyone, when the
    latest one pointing at someone asks who (its answer names the person), or when it names
    them in one word ("What did Khalilzad tell …?") that no question before it wrote in full: as
    before, a one-word name is not written in (the history reads it as asked; inserted, it
    weighs twice and pulled dev follow-ups to the passages naming him most: docs/tuning.md,
    session 14), but it is the person "he" points at, so an organisation's run or an older
    question's person is not read instead. When that "Who …?" is the latest earlier question
    and asks for its subject, the person is the one the last answer's lead (`answer`) names as
    its answer (`answered_person`): "What did he say the Taliban must do …?" after "Who
    telephoned Bajwa on 10 April …?", answered "… U.S. Secretary of State Antony Blinken
    telephoned the army chief again …", is read "What did Blinken say …" (docs/tuning.md,
    session 32); failing that, the one titled person the lead names (`lone_titled_holder`),
    one word or more: "When was he appointed?" after "Who is the U.S. special representative
    for Afghanistan reconciliation?" (session 53). A one-word name read from the last answer is
    not written in (the history reads it as asked, as above: written, "Baradar" led "Where had he
    been detained before his release?" to a sentence naming him only as a possessor, session 54),
    but a one-word name an earlier follow-up was read as from its answer (`from_answers`,
    `resolve_person_read`) is: "Who replaced him later?" two turns after "Who is Pakistan's army
    chief?" asks of Bajwa."""
    return resolve_person_read(question, history, titled, answer, from_answers)[0]


def resolve_person_read(
    question: str,
    history: Sequence[str],
    titled: Collection[str] = frozenset(),
    answer: str = "",
    from_answers: Collection[str] = frozenset(),
    earlier_turn: bool = False,
) -> tuple[str, str | None]:
    """`resolve_person`'s reading of `question`, and the name written in when it was read from
    the last answer's lead (None otherwise). `earlier_turn`: `question` is an earlier follow-up
    of the history, read for the turns after it; a one-word name read from its answer is written
    in there, where a later "him" finds it (`from_answers`), and left out of the current turn,
    whose ranking weighs it (docs/tuning.md, session 54)."""
    pronoun = _PERSONAL.search(question)
    if not history or pronoun is None:
        return question, None
    read_before = {_surname(name) for name in from_answers}
    for at in range(len(history) - 1, -1, -1):
        person = named_person(history[at], titled)
        asks_subject = person is None and _WHO.match(history[at]) is not None and not _ASKS_OBJECT.match(history[at])
        answered = asks_subject and at == len(history) - 1
        if answered:
            person = answered_person(history[at], answer, titled) or lone_titled_holder(history[at], answer, titled)
        if person is not None and (
            " " in person
            or (answered and earlier_turn)
            or _surname(person) in read_before
            or _named_in_full(_surname(person), history[:at], titled)
        ):
            surname = _surname(person)
            # A name read from the answer is written whole: no question wrote it, and a surname
            # alone matched another man of that name ("Akhund", docs/tuning.md, session 32).
            name = surname if surname in titled and not answered else POSSESSIVE_END.sub("", person)
            said = f"{name}'s" if pronoun.group(1) else name
            return f"{question[: pronoun.start()]}{said}{question[pronoun.end() :]}", name if answered else None
        if person is not None or asks_subject:
            return question, None
    return question, None


def lone_titled_holder(asked: str, answer: str, titled: Collection[str]) -> str | None:
    """The one person `answer` (the lead of the answer to `asked`) names whose last word the
    corpus titles (`titled`) and `asked` does not write, its title left out ("Pakistan's army
    chief Bajwa on 8 March": "Bajwa"); None when it names no such person or more than one. A
    question naming someone only by office ("Who is the ISI chief?") shares no word with the
    name's neighbours when the lead writes the office in other words or far from the name, so
    `answered_person` finds no one beside the question's words, yet the lead names one holder,
    whom the next turn's "he" points at (docs/tuning.md, session 53)."""
    found: dict[str, str] = {}
    for match in _CAPITALISED_RUN.finditer(answer):
        before = answer[: match.start()]
        for run in _owners_apart(match.group(0)):
            name = POSSESSIVE_END.sub("", " ".join(_untitled(run, before)))
            surname = _surname(name)
            if surname in titled and not re.search(rf"\b{re.escape(surname)}\b", asked):
                found.setdefault(surname, name)
    return next(iter(found.values())) if len(found) == 1 else None


def answered_person(asked: str, answer: str, titled: Collection[str]) -> str | None:
    """The person `answer` (the sentence an answer to `asked`, a "Who …?" asking for its
    subject, led with) names as that answer: of its names whose last word the corpus titles
    (`titled`) and that `asked` does not write, the one with the most of `asked`'s own terms
    within ANSWER_NAME_REACH words of it, at least one, the first on a tie. A note's one long
    sentence names several people ("on 9 March, Ambassador Khalilzad met the Pakistani army
    chief; … on 10 April, U.S. Secretary of State Antony Blinken telephoned the army chief
    again …"): the one beside the asked verb and date is the one asked for. None when no name
    stands beside the question's words."""
    return _name_beside(asked, answer, lambda name, run, before, after: name if _surname(name) in titled else None)


# What a name is read with from its sentence: the text before its run and the text after it.
Namer = Callable[[str, list[str], str, str], "str | None"]


def _owns(run: Sequence[str]) -> bool:
    """Whether a capitalised run ends in a possessive: it owns the noun after it."""
    return POSSESSIVE_END.search(run[-1]) is not None


def _name_beside(asked: str, answer: str, namer: Namer) -> str | None:
    """Of `answer`'s capitalised runs (past the first word, cut after a possessive, their
    title left out), the name `namer` reads from each (given the name, the run, the text before
    and after it; None to pass it) whose last word `asked` does not write, with the most of
    `asked`'s own terms within ANSWER_NAME_REACH words of it, at least one; the first on a tie."""
    own = terms_of(asked) - ASKING_TERMS - FUNCTION_TERMS
    tokens = answer.split()
    best: tuple[int, str] | None = None
    for match in _CAPITALISED_RUN.finditer(answer):
        run = _owners_apart(match.group(0))[0]
        before = answer[: match.start()]
        name = namer(" ".join(_untitled(run, before)), run, before, answer[match.start() + len(" ".join(run)) :])
        if name is None or re.search(rf"\b{re.escape(_surname(name))}\b", asked):
            continue
        start = len(before.split())
        end = start + len(match.group(0).split())
        near = " ".join(tokens[max(0, start - ANSWER_NAME_REACH) : start] + tokens[end : end + ANSWER_NAME_REACH])
        shared = len(terms_of(near) & own)
        if shared and (best is None or shared > best[0]):
            best = (shared, name)
    return None if best is None else best[1]


def _untitled(run: list[str], before: str) -> list[str]:
    """A capitalised run of a sentence without the title it opens with: the words up to its
    last role noun ("Prime Minister Mullah Obaidullah Akhund", "Defence Secretary Lloyd
    Austin"), and the word an "of" before it gives the title ("Secretary of State Antony
    Blinken"); the run as it is when that would leave nothing."""
    roles = roles_among(run)
    last = max((at for at, word in enumerate(run) if word in roles), default=-1)
    if last < 0 and before.endswith(" of "):
        last = 0
    return run[last + 1 :] or run


def past_who_is(question: str, history: Sequence[str], titled: Collection[str] = frozenset()) -> tuple[str, list[str]]:
    """`question` (its "he" resolved: resolve_person) and the earlier questions that still tell
    the ranking something. A question asking only who the person is ("Who is Zalmay
    Khalilzad?") gives nothing but the name, so it is left out once `question` writes the
    surname; read with it, "What did he say about Pakistan?" ranked first the passage that
    answered who he is, whose best sentence is the one the first answer led with, which
    service.repeats keeps (a repeated sentence still leads when it is its result's best
    supported): the first answer again (docs/tuning.md, session 15). The surname stands alone
    where the corpus writes it alone after a title (`titled`: reports name a person in full
    once, then by surname); any other name is written in whole ("Sirajuddin Haqqani's uncle":
    the corpus names several Haqqanis, never one by the surname alone)."""
    kept: list[str] = []
    for earlier in history:
        person = _who_is(earlier, titled)
        surname = None if person is None else re.search(rf"\b{re.escape(_surname(person))}\b", question)
        if person is None or surname is None:
            kept.append(earlier)
            continue
        given = person[: -len(surname.group(0))]
        if surname.group(0) not in titled and not question[: surname.start()].endswith(given):
            question = f"{question[: surname.start()]}{given}{question[surname.start() :]}"
    return question, kept


def _who_is(question: str, titled: Collection[str]) -> str | None:
    """The person a question asking only who someone is names ("Who is <name>?", the name all
    it says); None for any other question."""
    asked = _WHO_IS.match(question)
    if asked is None:
        return None
    person = named_person(question, titled)
    return person if person == asked.group("name").strip() else None


def _named_in_full(surname: str, history: Sequence[str], titled: Collection[str]) -> bool:
    """Whether an earlier question names the person of this surname in full ("Zabihullah
    Mujahid" before "What did Mujahid criticise?", itself a follow-up read so)."""
    return any(
        person is not None and " " in person and _surname(person) == surname
        for person in (named_person(earlier, titled) for earlier in history)
    )


def defined_topic(question: str) -> tuple[str, bool] | None:
    """What a question asking what something is ("What is the Haqqani network?") asks about, and
    whether it is plural ("What are …"); None for any other question, or when that topic itself
    points back ("What is the source for that?")."""
    match = _DEFINITION.match(question)
    if match is None or _POINTING.search(match.group("topic")):
        return None
    return match.group("topic"), match.group(2) is not None


def counted_topic(question: str) -> str | None:
    """What a "How many …?" question counts: its words up to the first plural-looking one ("How
    many registered Afghan refugees live …": "registered Afghan refugees"), stopping before an
    auxiliary ("How many security personnel did …"), at most COUNTED_WORDS; None otherwise."""
    match = _COUNTED.match(question)
    if match is None:
        return None
    words: list[str] = []
    for word in match.group("rest").split()[:COUNTED_WORDS]:
        if word.lower() in AUXILIARIES:
            break
        words.append(word)
        if word.endswith("s") and not word.endswith("ss"):
            break
    return " ".join(words) or None


def _topic(question: str) -> tuple[str, bool] | None:
    """The topic an earlier question gives a neuter pronoun: what it asks the nature of, or what
    it counts (plural)."""
    counted = counted_topic(question)
    return defined_topic(question) or ((counted, True) if counted else None)


def resolve_thing(question: str, history: Sequence[str]) -> str:
    """`question` with its first neuter pronoun ("it", "its"; "they", "them", "their" after a
    plural) followed by the topic of the latest earlier question that asked what something is or
    counted something (`_topic`) in the pronoun's number, passing only earlier questions that
    point with such a pronoun too: "What posts did its, the Haqqani network's, leaders get?". The
    pronoun stays: reports write "its links to Pakistan" as often as the name, and the ranking
    reads both. Unchanged when no such question comes first."""
    for earlier in reversed(history):
        topic = _topic(earlier)
        pronoun = None if topic is None else (_PLURAL if topic[1] else _SINGULAR).search(question)
        if topic is not None and pronoun is not None:
            said = topic[0] if pronoun.group(1) else f"{topic[0]}'s"
            return f"{question[: pronoun.end()]}, {said},{question[pronoun.end() :]}"
        if not (_SINGULAR.search(earlier) or _PLURAL.search(earlier)):
            return question
    return question


# "Which donor made the largest pledge …?", "Which new structure did he criticise?": a question
# asking for a thing by its kind, whose answer names the thing (not "Which is …?", "What did …?",
# "What else …?"). Its kind is its words up to the first question word ("donor", "new structure").
_BY_KIND = re.compile(
    rf"^\s*(?:which|what)\s+(?!(?:{alternation(AUXILIARIES)}|else|about|if|of)\b)(?P<kind>[a-z][^?]*)", re.IGNORECASE
)


def asks_by_kind(question: str) -> bool:
    """Whether `question` asks for one thing by its kind ("Which donor made the largest pledge
    …?"): a "Which/What <kind> …?" whose kind's words, up to the first question word, hold no
    plural-looking one ("Which countries recognised …?" asks for several, and "they" after it
    as often points at the question's own subject)."""
    match = _BY_KIND.match(question)
    if match is None:
        return False
    kind: list[str] = []
    for word in match.group("kind").split():
        if word.lower() in QUESTION_WORDS:
            break
        kind.append(word.lower())
    return bool(kind) and not any(_PLURAL_WORD.search(word) for word in kind)


_PLURAL_WORD = re.compile(r"[^sui']s$")


def answered_thing(asked: str, answer: str) -> str | None:
    """The thing `answer` (the sentence the answer to `asked`, a question asking for a thing by
    its kind, led with) names as that answer: its name, owning nothing, that `asked` does not
    write, beside the most of `asked`'s own terms ("European Union" of "The European Union (EU)
    made the largest pledge at $1.4 billion …" for "Which donor made the largest pledge …?").
    None when no such name stands beside the question's words."""
    return _name_beside(asked, answer, _thing_named)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^\s+([a-z]+)\b")


def _thing_named(name: str, run: list[str], before: str, after: str) -> str | None:
    """The thing a capitalised run of an answer's sentence names: the run when it is two words
    or more ("European Union", "Pashtun Hizb-e Islami"); one word after "the" with the noun
    after it ("the Haqqani network": "Haqqani network"). None for a run owning a noun, or one
    word without "the" (as often an adjective: "preferred Afghan partners")."""
    if _owns(run):
        return None
    if " " in name:
        return name
    noun = _NOUN_AFTER.match(after)
    return f"{name} {noun.group(1)}" if _THE_BEFORE.search(before) and noun is not None else None


def resolve_answered(question: str, history: Sequence[str], said: Sequence[str]) -> str:
    """`question` with its first "it" or "its" followed by the thing the last answer's lead
    (`said[0]`) names as the answer to the latest earlier question, when that question asked for
    one thing by its kind (`asks_by_kind`, `answered_thing`): "What would it, European Union, do
    if …?" after "Which donor made the largest pledge …?". The question names the kind, not
    the thing, so the history alone cannot tell the ranking what "it" is (docs/tuning.md,
    session 40). Unchanged otherwise, and when that question itself points by a neuter pronoun:
    its "it" is what the next one's is."""
    pronoun = _SINGULAR.search(question)
    if pronoun is None or not history or not said or not asks_by_kind(history[-1]):
        return question
    if _SINGULAR.search(history[-1]) or _PLURAL.search(history[-1]):  # "What kind of attacks has it carried
        return question  # out?" asks a kind of the thing "it" already was, and the next "it" is that thing
    thing = answered_thing(history[-1], said[0])
    if thing is None:
        return question
    written = thing if pronoun.group(1) else f"{thing}'s"
    return f"{question[: pronoun.end()]}, {written},{question[pronoun.end() :]}"


def resolve_date(question: str, history: Sequence[str], said: Sequence[str]) -> str:
    """`question` with "that date" ("this year", "the same day") followed by the date it points
    at: the first the last answer's lead (`said[0]`) gives that the latest earlier question did
    not ask about, else the first that question names. "Why was that date chosen?" after "What
    did President Biden announce on 14 April 2021?", answered "… to withdraw all U.S. troops by
    11 September …", is ranked as "Why was that date, 11 September, chosen?". A year for "that
    year" when no date is written. Unchanged when nothing points at a date or none is found."""
    pointer = _DATE_POINTER.search(question)
    if pointer is None or not history:
        return question
    asked = history[-1]
    known = {value for value, _ in date_mentions(asked)}
    lead = [words for value, words in date_mentions(said[0]) if value not in known] if said else []
    found = lead + [words for _, words in date_mentions(asked)]
    if not found and pointer.group(1).lower() == "year":
        found = [y for y in YEAR.findall(said[0]) if y not in asked] if said else []
        found += YEAR.findall(asked)
    if not found:
        return question
    said_date = found[0].rstrip(".")  # a month's spelling may take a full stop ("Sept.")
    return f"{question[: pointer.end()]}, {said_date},{question[pointer.end() :]}"


def ranking_reading(question: str, history: Sequence[str], said: Sequence[str]) -> str:
    """What the ranking reads of a follow-up beside the question itself: the thing "it" stands
    for (resolve_thing, else resolve_answered) and the date "that date" points at (resolve_date)."""
    thing = resolve_thing(question, history)
    if thing == question:  # no earlier question named what "it" is: the last answer may have
        thing = resolve_answered(question, history, said)
    return resolve_date(thing, history, said)


def value_asked_alone(question: str) -> AnswerType | None:
    """The kind of value (service.answer_type) a follow-up asks for when that value is all it
    asks ("And when?", "On which date?", "How many?"): it asks it of the thing the last answer
    quoted, whose unit is where to look first (docs/retrieval.md, "Follow-ups"). None for any
    question with words of its own ("When did the talks begin?") or asking for no value."""
    return expected_type(question) if _VALUE_ALONE.match(question) else None


def restates_lead(question: str) -> bool:
    """Whether `question` asks only for a value ("And when?") or for whoever did it ("Who led
    it?") of what the last answer led with, which that lead may give itself: the lead is quoted
    again when it does (service.repeats.restated_lead), where another follow-up leads past it."""
    return value_asked_alone(question) is not None or asked_alone(question) is Asked.DOER


class Asked(Enum):
    """What a follow-up asks of the last answer when it asks nothing else, besides a value."""

    PLACE = "place"  # "Where?", "Where was that?"
    WRITER = "writer"  # "Who wrote it?": the cited article's author
    SOURCE = "source"  # "Who published it?", "Who reported it?": its outlet or author
    SPEAKER = "speaker"  # "Who said that?"
    DOER = "doer"  # "Who led it?": whoever did it, a person or a body the last lead names
    NOTE = "note"  # "What does the note say?": the note closing the last lead sentence


def asked_alone(question: str) -> AnswerType | Asked | None:
    """What a follow-up asks of the thing the last answer quoted when that is all it asks: a
    value (`value_asked_alone`), a place, the source it was cited from, its speaker, whoever did
    it. None for any question with words of its own (docs/retrieval.md, "Follow-ups")."""
    if _NOTE_ALONE.match(question):
        return Asked.NOTE
    if _PLACE_ALONE.match(question):
        return Asked.PLACE
    if _SPEAKER_ALONE.match(question):
        return Asked.SPEAKER
    source = _SOURCE_ALONE.match(question)
    if source is not None:
        return Asked.WRITER if source.group(1) else Asked.SOURCE
    if _DOER_ALONE.match(question):
        return Asked.DOER
    return value_asked_alone(question)


def tells(
    asked: AnswerType | Asked,
    text: str,
    question: str,
    cited: Sequence[Source] = (),
    attributed: bool = False,
    asked_before: Sequence[str] = (),
) -> bool:
    """Whether `text` (a unit, or the sentence an answer led with) tells what `asked` asks: a
    value of the kind (answer_type.states); a place, by the shape the answer type reads places
    by (answer_type.places); a speaker, when someone says something in it (a word of saying:
    said_about.reports_speech; asked of the sentence the answer led with), not any name an
    answer quoting no one holds; a writer, when a source it cites (`cited`: the parsed sources
    of the note it is or cites, service.citations) names an author; a source, when it cites
    one or names one in its words (`attributed`), which the source answer quotes; whoever did
    it, when it names someone the conversation has not (`names_a_doer`; asked of the sentence
    the answer led with; `asked_before`: the earlier questions read with it). An unsigned article
    has no writer to give: "Who wrote it?" of it is not asked of it."""
    if isinstance(asked, AnswerType):
        return states(asked, text, question)
    if asked is Asked.PLACE:
        return names_a_place(text, asked_places(question) or frozenset())
    if asked is Asked.SPEAKER:  # someone named saying it, not any name the question lacks
        return reports_speech(text)
    if asked is Asked.DOER:  # a name, not a run opening with "the" ("the Afghan government")
        return names_a_doer(text, " ".join((*asked_before, question)))
    if asked is Asked.WRITER:
        return any(source.author for source in cited)
    return bool(cited) or attributed


def names_a_doer(text: str, asked: str = "") -> bool:
    """Whether `text` names whoever did it, as "Who led it?" asks: a name as the answer-type
    check reads one (answer_type.NAME_RUN: two or more capitalised words, not opening the
    text), not after "the" ("Mullah Baradar", "Gulbuddin Hekmatyar's"; not "the Afghan Taliban", nor
    "chief negotiator Baradar", one capitalised word), nor ending in a compound adjective
    ("Pakistani Pashtun-majority territories"), with a word `asked` (the conversation's questions)
    does not hold: "the so-called Durand Line" after "What is the Durand Line?" is the thing
    done, not its doer."""
    words = set(re.findall(r"\w+", asked.lower()))
    return any(
        not _ARTICLE_BEFORE.search(text, 0, match.start())
        and not _COMPOUND_ADJECTIVE.search(match.group(0))
        and any(word.lower() not in words for word in re.findall(r"\w+", match.group(0)))
        for match in NAME_RUN.finditer(text)
    )


def does_the_same(sentence: str, done: str, question: str) -> bool:
    """Whether `sentence`, quoted from outside the passage of `done` (an answer's lead sentence
    naming no one who did what it tells) and the notes that passage cites, may give whoever did
    it when `question` asks only that ("Who called them off?"): it writes the asked verb
    (answer_type.asked_agent, stemmed) and holds a term of `done` besides it, so that it is the
    same act, not the verb written of another event ("… President Trump abruptly called off
    talks …" for the Kabul protests). docs/retrieval.md, "Follow-ups"."""
    verb = asked_agent(question)
    terms = terms_of(sentence)
    return verb is not None and verb in terms and bool(terms & terms_of(done) - {verb})


# A word before a participle that makes it describe the noun after it ("a leaked draft", "the
# established norms", "its preferred option", "843 planned frontier posts"): the act is named,
# not who did it.
_DESCRIBING = frozenset("a an the its their his her our this that these those million billion".split())
# A form of "be" before a participle: the act done to something, whose doer only "by" tells.
_BE = frozenset("is are was were be been being".split())
# What may follow a participle told of its object, not done by a subject ("a second round,
# scheduled for 31 July", "the cabinet announced on Sept. 7", "had been fenced."): a
# preposition or the end of a clause.
_UNDONE_AFTER = frozenset("for on in at during to from since until after before into as with about".split())
_CLAUSE_END = frozenset(".,;:!?)\"'\u201d\u2019\u2014\u2013")
# "led", "fled", "shed": a word in "-ed" this short is no regular past of a verb.
_SHORT_PAST = 4
_WHO_VERB = re.compile(r"\s*(?:(?:and|but|so)\s+)?who\s+([a-z]+)", re.IGNORECASE)
_ACT_TOKEN = re.compile(r"[\w'\u2019.$-]*\w|[^\w\s]")


def asked_verb(question: str) -> str | None:
    """The stem of the verb a turn asking only whoever did it asks by ("negoti" for "Who
    negotiated it?"): a regular past (answer_type.asked_agent) without a particle. None for any
    other question, and for a verb with its particle ("Who set it up?", "Who carried it out?"),
    which reports tell by another verb ("the Taliban opened a political office", "the U.S.
    killed …"), and for a short word in "-ed" that is no regular past ("Who led it?": "led",
    "fled", "shed"), whose doer a report gives by a possessive ("Gulbuddin Hekmatyar's … Hizb-e
    Islami")."""
    if asked_alone(question) is not Asked.DOER or _PARTICLE_END.search(question):
        return None
    verb = _WHO_VERB.match(question)
    return asked_agent(question) if verb is not None and len(verb.group(1)) > _SHORT_PAST else None


def writes_the_act(sentence: str, verb: str) -> bool:
    """Whether `sentence` writes the act `verb` (a stem: `asked_verb`) with whoever did it: the
    verb in "-ed" or "-ing" done by a subject ("The TTP waged a horrific campaign", "prepared by
    NATO interrogators"), or its noun owned by the doer ("at Washington's request"). Not the
    participle describing a noun ("published a leaked draft", "a contested election", "843
    planned frontier posts"), nor the act done to something by no one named ("a second round,
    scheduled for 31 July", "had been fenced"), nor the noun alone ("In a televised interview",
    "Responding to questions"): a sentence naming someone beside such a word names the doer of
    another act (docs/retrieval.md, "Follow-ups")."""
    words = _ACT_TOKEN.findall(sentence)
    for i, word in enumerate(words):
        low = word.lower()
        if terms_of(low) != {verb}:
            continue
        before = words[i - 1].lower() if i else ""
        after = words[i + 1].lower() if i + 1 < len(words) else "."
        if POSSESSIVE_END.search(before) and before[-1:] in "s'\u2019":  # "Washington's request"
            return True
        if not low.endswith(("ed", "ing")) or before in _DESCRIBING or any(c.isdigit() for c in before):
            continue
        if after == "by":
            return True
        if before in _BE or after in _UNDONE_AFTER or after in _CLAUSE_END:
            continue
        return True
    return False


def says_the_same(sentence: str, said: str, question: str) -> bool:
    """Whether `sentence` gives a speaker for `said`, an answer's lead that quotes no one ("…
    Pakistan released Mullah Abdul Ghani Baradar …"), when "Who said that?" asks of it: someone
    says something in it (`tells`) and it holds SAID_SHARE of the lead's terms, so that
    it is the same thing said, not another speaker's words from the passages retrieved
    (docs/retrieval.md, "Follow-ups")."""
    terms = terms_of(said)
    shared = len(terms_of(sentence) & terms)
    return sentence != said and tells(Asked.SPEAKER, sentence, question) and shared >= SAID_SHARE * len(terms)
