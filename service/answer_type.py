"""The answer type a question expects, and whether a sentence states one.

A question that asks for a date ("When did…", "In what year…") or a quantity ("How many…",
"What was the turnout…") is answered only by a sentence that states a date or a quantity.
Retrieval alone cannot tell: near-topic questions the corpus does not answer ("What was
India's defence budget in 2021?") find passages about the right country and year with a
cosine as high as real answers'. When the top result states nothing of the kind asked for,
the engine abstains (service.engine). This is the answer-type check of classic question answering;
the question classes follow Li and Roth's numeric classes (count, money, percent, date,
period, distance, size) and are English only. Money is told apart from other quantities: "What
did the fence cost?" is answered by a sum ("$12 billion", "millions of rupees"), not by "83 per
cent" (docs/retrieval.md, "The answer").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from service.bm25 import terms_of
from service.dates import (
    MONTH_NAMES,
    YEAR,
    DateValue,
    date_values,
    dated_spans,
    month_number,
    month_pattern,
    strip_dates,
)
from service.phrasal import phrasal_events, writes_phrasal
from service.question_words import (
    ARTICLES,
    AUXILIARIES,
    DEMONSTRATIVES,
    FUNCTION_WORDS,
    LIGHT_VERB_TERMS,
    POSSESSIVES,
    QUESTION_WORDS,
    SAYING,
    SUBJECT_PRONOUNS,
    TIME_CLAUSE_OPENERS,
    WH_WORDS,
    alternation,
)
from service.references import asks_for_source
from service.word_forms import writes_word


class AnswerType(Enum):
    DATE = "date"
    QUANTITY = "quantity"
    PERIOD = "period"  # how long ago, how far back, how old: a quantity or a date ("since 2001")
    MONEY = "money"  # how much something cost, was paid, pledged or spent: a sum of money
    SHARE = "share"  # what percentage, proportion, share or fraction, how much of: a share of a whole
    AGE = "age"  # how old someone is or was, at what age: an age ("aged 45", "a 45-year-old", "in his sixties")
    FREQUENCY = (
        "frequency"  # how often: a frequency ("repeatedly", "weekly", "twice", "three times", dates of a series)
    )


# The question's wh-phrase: its first one, so that a later "when" ("…left when Biden took
# office") does not retype a "How many" question.
_WH_PHRASE = re.compile(
    r"\b(when|how (?:many|much|long|far|large|big|old|tall|high|often|expensive|costly)"
    r"|what (?:percentage|proportion|share|fraction|age)"
    r"|(?:what|which) (?:year|years|month|date|decade)"
    r"|who|whom|whose|where|why|what|which|how)\b",
    re.IGNORECASE,
)
# A question opening on a clause of time ("When the Taliban took Kabul, how did Pakistan
# respond?", "After A, when B, how did …?", "When Trump …, did he signal …?") asks what the
# question after the clause's comma asks: the clause's "when" asks no date. That question opens on
# a wh-word, a preposition before one ("in what state …") or an auxiliary; "when" and "where"
# there ask only before an auxiliary (", when did …"), else they open another clause (", when
# pressure from Washington prompted …"). The last such comma is taken, so that a relative "who"
# inside the clause ("After Pakistan released Baradar, who had been detained …, what …?") is passed
# (docs/retrieval.md, "The answer").
_AUXILIARY = "|".join(sorted(AUXILIARIES))
_ASKING_AFTER_COMMA = re.compile(
    r",\s+(?=(?:(?:in|on|to|for|by|with|at|from|over|about|of)\s+)?(?:who|whom|whose|what|which|why|how)\b"
    rf"|(?:when|where)\s+(?:{_AUXILIARY})\b|(?:{_AUXILIARY})\b)",
    re.IGNORECASE,
)


# A leading clause of time not closed by a comma ("When the Taliban took Kabul how did Pakistan
# respond?", "After Mansour died who took over?") ends where the question after it opens: a
# wh-word past the clause's first two words (its subject and verb at least), a preposition
# perhaps before it, "when" and "where" only before an auxiliary, as after a comma. Only a
# clause opening on its subject is read so (a name, an article, a pronoun, a possessive or a
# demonstrative after the opener): "When exactly did …", "When in 2019 did …" ask a date
# themselves. Of the question's wh-words, the first that is no relative pronoun ("how", "what",
# "why", "where", "when") opens it, so that a relative clause after it ("how many leaders who had
# lived in Quetta returned?") is not taken for the question; with none of them, the last "who",
# "whom", "whose" or "which", passing a relative one inside the clause ("When the man who led
# the Taliban died who took over?"). docs/tuning.md, session 45.
_CLAUSE_SUBJECT_WORDS = ARTICLES | SUBJECT_PRONOUNS | DEMONSTRATIVES | POSSESSIVES
_ASKING_WITHOUT_COMMA = re.compile(
    r"(?<=\s)(?:(?:in|on|to|for|by|with|at|from|over|about|of)\s+)?"
    rf"(?:(?P<asks>how|what|why)\b|(?:when|where)\s+(?:{_AUXILIARY})\b|(?P<relative>who|whom|whose|which)\b)",
    re.IGNORECASE,
)


def asking_start(question: str) -> int:
    """Where the part of `question` that asks begins: after a leading clause of time and its comma
    ("When Mansour was killed, who took over?": at "who"), or where the question after a clause
    not closed by one opens ("When Mansour was killed who took over?", `_ASKING_WITHOUT_COMMA`),
    else 0."""
    words = question.split(maxsplit=3)
    if len(words) < 2 or words[0].lower() not in TIME_CLAUSE_OPENERS:
        return 0
    if words[1].lower() in AUXILIARIES or words[1].lower() == "and":
        return 0
    asking = [match.end() for match in _ASKING_AFTER_COMMA.finditer(question)]
    if asking:
        return asking[-1]
    return _asking_without_comma(question, words)


def _asking_without_comma(question: str, words: list[str]) -> int:
    """Where the question after a leading clause of time not closed by a comma opens, when the
    clause opens on its subject (`_ASKING_WITHOUT_COMMA`); 0 otherwise."""
    if len(words) < 4 or not (words[1][:1].isupper() or words[1].lower() in _CLAUSE_SUBJECT_WORDS):
        return 0
    past_clause = len(question) - len(words[3])  # the clause's subject and verb come first
    found = list(_ASKING_WITHOUT_COMMA.finditer(question, past_clause))
    asks = [match.start() for match in found if match.group("relative") is None]
    if asks:
        return asks[0]
    return found[-1].start() if found else 0


def _asked_wh_phrase(question: str) -> re.Match[str] | None:
    """The first wh-phrase of the part of `question` that asks (`asking_start`)."""
    return _WH_PHRASE.search(question, asking_start(question))


def asked_wh_start(question: str) -> int | None:
    """Where the wh-phrase `question` asks by begins (`_asked_wh_phrase`); None without one."""
    asked = _asked_wh_phrase(question)
    return None if asked is None else asked.start()


_DATE_PHRASES = {
    "when",
    "what year",
    "which year",
    "what years",
    "which years",
    "what month",
    "which month",
    "what date",
    "which date",
    "what decade",
    "which decade",
}
_QUANTITY_PHRASES = {
    "how many",
    "how large",
    "how big",
    "how tall",
    "how high",
}
# A share of a whole is asked by these, and answered by a share ("83 per cent", "a third"), not by
# any number: "two factions of the Jamiat" is no percentage of Afghans who are Pashtun.
_SHARE_PHRASES = {"what percentage", "what proportion", "what share", "what fraction"}
_PERIOD_PHRASES = {"how long", "how far", "how old"}
# "How old is Sirajuddin Haqqani?", "How old was he when …?", "What age was Baradar when …?" ask a
# person's age, which a date does not state ("In October 2018, … Pakistan released Baradar"): an
# age is stated as one ("aged 45", "a 45-year-old", "in his sixties", "born in 1968"). "How old is
# the Durand Line?" asks a thing's age (an article before it, no "he" or "she" after), which a
# date or a period does state ("in 1947"): it stays a period.
_AGE_PHRASES = {"what age"}
_THING_HOW_OLD = re.compile(
    r"how\s+old\s+(?:is|was|are|were)\s+(?:the|a|an|this|that|these|those|its|their)\b", re.IGNORECASE
)
_PERSONAL = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
# The phrases that ask for an amount, of money when the question is about money (below); "How
# many …?" counts things, whatever they are ("How many troops did NATO pledge?").
_AMOUNT_PHRASES = {"how much", "how expensive", "how costly"}
# "What was [the] [India's] [defence] <measure>…": a measure noun heading what is asked for,
# one whose value is a number (Li and Roth's NUM classes). Not "Which country has a larger
# Shia population…", which asks for a country.
_MEASURE_QUESTION = re.compile(
    r"(?:what|which)\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[\w-]+(?:'s|’s)?\s+){0,3}?"
    r"(?:budget|population|turnout|cost|price|amount|total|size|length|area|distance|height|"
    r"rate|percentage|proportion|death toll|casualties|gdp|revenue|salary|speed|temperature|"
    r"weight|value|worth|sum)\b",
    re.IGNORECASE,
)
# Money asked in other shapes than "How much …?" and "What was the cost of …?": "What did the
# fence cost?" ("cost" a verb: not "… say about the cost of war?"), "What amount of aid did
# donors pledge?", "What sum did he stash?", "What is the house worth?": an amount, read as a
# sum of money when the question is about money (below). Not "What value does X place on …?".
_AMOUNT_QUESTION = re.compile(
    r"(?:what|which)\s+(?:(?:amount|sum)\b"
    r"|(?:did|does|do|will|would|could|might)\s+(?:(?!about\b)[\w'’.-]+\s+){1,8}?"
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bof\s)cost\b"
    r"|(?:is|was|are|were)\s+[^?]*?\bworth\s*\?)",
    re.IGNORECASE,
)
# A "How much …?" or amount question about money (Li and Roth's NUM:money): it names money, a
# price or a payment. Its answer is a sum of money ("$12 billion", "millions of rupees"), not any
# quantity: "What did fencing the border cost?" is not answered by "83 per cent of the border
# had been fenced". "How much of …?" asks for a share, whatever it is of.
_MONEY_QUESTION = re.compile(
    r"\b(?:cost|costs|costly|expensive|price[sd]?|worth|value|spen[dt]|spending|pa(?:y|id)|money|funds?|"
    r"funding|cash|sum|dollars?|rupees?|euros?|budget|salary|revenue|pledged?|donated?|aid|assistance|"
    r"financial|financing)\b",
    re.IGNORECASE,
)
_SHARE_QUESTION = re.compile(r"how\s+much\s+of\b", re.IGNORECASE)
# "How much influence/leverage/sway/support … ?" asks the extent of something no number measures:
# a hold over others, a standing with them or a stake in something (general English). The text
# states it in words ("retains influence", "cannot dictate … but can help shape", "has little
# credence"), never as a quantity, so no value is asked for. "How much money/aid/territory …?"
# does ask an amount. One modifier may stand between ("How much real influence …?").
_EXTENT_NOUNS = (
    "influence|leverage|sway|clout|control|power|pressure|say|support|backing|trust|confidence|credence|"
    "credibility|faith|sympathy|loyalty|respect|legitimacy|authority|autonomy|independence|freedom|latitude|"
    "room|access|weight|importance|responsibility|incentive|interest|popularity|goodwill|resentment|hostility"
)
# "How much of a threat/role …?" and "How much is at stake …?" ask a degree too.
_EXTENT_QUESTION = re.compile(
    rf"how\s+much\s+(?:(?:[a-z-]+\s+)?(?:{_EXTENT_NOUNS})\b|of\s+an?\s|(?:is|was|are|were)\s+at\s+stake\b)",
    re.IGNORECASE,
)
# A question's auxiliary ("is|are|…|might") in the patterns below, each of one word: the order of
# the alternatives changes nothing they match.
_AUXILIARY = alternation(sorted(AUXILIARIES))
# "How far has Imran Khan ceded decision-making …?", "How far did the talks progress?": how far
# something has gone, stated in words ("largely", "made little progress", "has yet to"), never a
# period or a date; "How far back …?" asks a period (no auxiliary right after "far"), and "How far
# is/was X from Y?" a distance (general English; docs/tuning.md, session 39).
_HOW_FAR_EXTENT = re.compile(rf"\bhow\s+far\s+(?:{_AUXILIARY})\b", re.IGNORECASE)
_DISTANCE = re.compile(r"how\s+far\s+(?:is|are|was|were)\b[^?]*\bfrom\b", re.IGNORECASE)
# The abbreviations a stated date's month may take here, each with its full stop: fewer than
# citations read (no "Mar.", "Apr.", "Jun.", "Jul.", "Sep."); widening them is a change to measure.
_STATED_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec")
_MONTH = month_pattern(_STATED_MONTH_ABBREVIATIONS)
_STATES_DATE = re.compile(rf"\b(?:1[0-9]|20)\d\d(?:s|\b)|\b{_MONTH}|\b(?:decades?|century|centuries)\b")
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|third|quarter|"
    r"decade|percent|per cent)s?"
)
# A quantity is a number with a unit or a counted noun after it ("32 attacks", "2,430km",
# "83 per cent"), or a number word. A bare number is not: in these reports it is a year,
# a day of a date ("5 June") or a report number ("N°s 311, …").
# A sum of money is a quantity, bare or not: "$500", "Rs 5,000", "€2000" (a currency's sign or
# abbreviation before the number; "$2000" is no year).
_CURRENCY = r"(?:[$€£¥]|\b(?:Rs|PKR|USD|US\$|EUR|Afs)\.?\s?)\d"
# A sum of money: a currency's sign or abbreviation before a number, or a number (in digits or
# words, with "million" or "billion") before a currency's name ("millions of rupees").
_STATES_MONEY = re.compile(
    rf"{_CURRENCY}|\b(?:\d[\d,.]*|{_NUMBER_WORD})(?:\s+(?:million|billion|thousand|trillion)s?)?\s+(?:of\s+)?"
    r"(?:US\s+)?(?:dollars?|rupees?|euros?|pounds?|afghanis?|yuan|riyals?|dirhams?)\b",
    re.IGNORECASE,
)
# A share of a whole: a number with a percent sign or "per cent", a fraction's word, "one in N".
# Not "majority" or "minority": "Pashtun-majority territories" gives no share of anything.
_STATES_SHARE = re.compile(
    r"\d[\d,.]*\s*(?:%|-?\s*per\s*cent\b|percent\b)"
    r"|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?|one\s+in\s+\w+|(?:one|two|three|four|nine)\s+out\s+of)\b",
    re.IGNORECASE,
)
# An age as reports write one: "aged 45", "a 45-year-old", "45 years old", "at the age of 45", "in
# his sixties" (or "late 60s"), "Imran Khan, 68, said", "born in 1952" (a birth year states it).
# A date or another number does not ("In October 2018 …", "32 attacks").
_AGE_NUMBER = rf"(?:\d{{1,3}}|{_NUMBER_WORD}(?:[- ]{_NUMBER_WORD})?)"
_DECADE_OF_LIFE = r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[1-9]0s|[1-9]0['’]s)"
_STATES_AGE = re.compile(
    rf"\baged\s+{_AGE_NUMBER}\b"
    rf"|\b{_AGE_NUMBER}[- ]years?[- ]old\b"
    rf"|\bat\s+(?:the\s+)?age\s+(?:of\s+)?{_AGE_NUMBER}\b"
    rf"|\bin\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ]?)?{_DECADE_OF_LIFE}"
    r"|\b[A-Z][a-z]+,\s+(?:[1-9]\d),\s"
    r"|\bborn\b[^.;]{0,40}?\b(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)
# A frequency as reports write one (general English): an adverb or adjective of frequency
# ("repeatedly emphasised", "regularly consulted", "as frequently", "the weekly South Asia Brief",
# "Islamabad's repeated pledges"), a number of times ("twice", "three times", "several times", "on
# several occasions", "once a year", "more than once"), or a unit of time after "every", "each" or
# "per" ("every week"). "How often …?" is also answered by the dates of a series (two or more
# dates: `states_frequency`); a single date is none. "Once" alone opens a clause as often as it
# counts ("Once foreign troops leave …"), and "never", "always" and "again" are written of
# anything: not read (docs/tuning.md, session 44).
_FREQUENCY_WORDS = (
    "frequent|frequently|often|regular|regularly|repeated|repeatedly|routine|routinely|constant|constantly|"
    "continual|continually|periodic|periodically|occasional|occasionally|sometimes|rarely|seldom|"
    "recurrent|recurring|hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly|twice|thrice"
)
_STATES_FREQUENCY = re.compile(
    rf"\b(?:{_FREQUENCY_WORDS})\b"
    rf"|\b(?:\d+|{_NUMBER_WORD}|several|many|numerous|multiple|few|countless|various)\s+(?:times|occasions)\b"
    r"|\b(?:every|each|per)\s+(?:other\s+)?(?:hour|day|night|week|fortnight|month|quarter|year|time)\b"
    r"|\bonce\s+(?:a|an|every|each|per)\b|\b(?:more\s+than|at\s+least)\s+once\b|\btime\s+and\s+again\b",
    re.IGNORECASE,
)


_STATES_QUANTITY = re.compile(
    rf"{_CURRENCY}[\d,.]*|\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?:%|[- ]?(?:per ?cent|[a-z]\w*))|\b{_NUMBER_WORD}\b"
)


# "How long is the Durand Line?" asks for a length: "how long" before a form of "to be" and
# a noun, with nothing in the question about time passing ("How long had it been since…",
# "How long did he lead…", "How long ago…").
_LENGTH_QUESTION = re.compile(r"how long (?:is|was|are|were) (?!it\b)", re.IGNORECASE)
_TIME_PASSING = re.compile(r"\b(?:since|ago|been|last(?:ed|s)?|take|took|until|before|after|for)\b", re.IGNORECASE)


def expected_type(question: str) -> AnswerType | None:
    """The answer type `question` asks for, or None when it asks for neither a date nor a
    quantity (who, why, what…)."""
    match = _asked_wh_phrase(question)
    if match is None:
        return None
    phrase = " ".join(match.group(1).lower().split())
    if phrase in _DATE_PHRASES:
        return AnswerType.DATE
    if phrase in _AMOUNT_PHRASES:
        return _amount_type(question)
    if phrase in _QUANTITY_PHRASES:
        return AnswerType.QUANTITY
    if phrase in _SHARE_PHRASES:
        return AnswerType.SHARE
    if phrase in _AGE_PHRASES or (phrase == "how old" and _asks_a_persons_age(question, match.start())):
        return AnswerType.AGE
    if phrase == "how often":
        return AnswerType.FREQUENCY
    if (
        phrase == "how long"
        and _LENGTH_QUESTION.match(question, match.start())
        and not _TIME_PASSING.search(question, match.end())
    ):
        return AnswerType.QUANTITY
    if phrase in _PERIOD_PHRASES and not (phrase == "how far" and asks_how_far(question)):
        return AnswerType.PERIOD
    if phrase in ("what", "which") and (
        _MEASURE_QUESTION.match(question, match.start()) or _AMOUNT_QUESTION.match(question, match.start())
    ):
        return _amount_type(question)
    return None


def _asks_a_persons_age(question: str, start: int) -> bool:
    """Whether a "How old …?" question (its wh-phrase at `start`) asks a person's age: what it
    asks of is not a thing an article or a possessive pronoun heads, or "he" or "she" follows."""
    return not _THING_HOW_OLD.match(question, start) or _PERSONAL.search(question, start) is not None


def answered_in_words(answer_type: AnswerType) -> bool:
    """Whether a passage may answer a question of `answer_type` in words, stating no value:
    "How much leverage …?" is answered by "retain considerable influence" (the verdict reads it
    as asking no value at all: `asks_extent`), so strong evidence
    (service.verdict's cosine guard) is left to answer it. A sum of money is not given in words:
    a close passage about the priced thing that states no sum ("83 per cent of the border …
    had been fenced" for "What did the fence cost?") says what it did, not what it cost. Nor is
    an age: a close passage on the asked person that dates something they did ("In October 2018,
    … Pakistan released Baradar") says when, not how old they were. Nor is a frequency save in its
    own words ("repeatedly", "weekly": `_STATES_FREQUENCY`): a close passage on the asked thing
    that dates it once ("the Quadrilateral Dialogue began in January 2016") says when, not how
    often (docs/tuning.md, session 44)."""
    return answer_type not in (AnswerType.MONEY, AnswerType.AGE, AnswerType.FREQUENCY)


def _amount_type(question: str) -> AnswerType:
    """An amount question about money asks for a sum of money; any other, for a quantity."""
    if _MONEY_QUESTION.search(question) and not _SHARE_QUESTION.search(question):
        return AnswerType.MONEY
    return AnswerType.QUANTITY


def asks_extent(question: str) -> bool:
    """Whether `question` asks an extent the text states in words, not a value: "How much
    <influence, leverage, sway, support, …>?" (`_EXTENT_QUESTION`) or "How far has X ceded …?"
    (`asks_how_far`). The verdict reads it as asking no type (service.verdict), so no lead is
    withdrawn for stating no number; the answer's sentences are chosen as before for "How much
    …?": with a quantity's type bonus, which a set-up word's hand-off and the word pieces'
    choice do not overturn (docs/tuning.md, session 39)."""
    return _EXTENT_QUESTION.search(question) is not None or asks_how_far(question)


def asks_how_far(question: str) -> bool:
    """Whether `question` asks "How far has/did/does X <verb> …?": how far something has gone,
    an extent ("has largely ceded", "made little headway"), not a period ("How far back …?") nor a
    distance ("How far is Kabul from Peshawar?")."""
    match = _HOW_FAR_EXTENT.search(question)
    return match is not None and not _DISTANCE.match(question, match.start())


# "How does the TTP fund its attacks?", "How did the Taliban recruit Pakistani Pashtuns?": a question
# asking by what means something is paid for or manned, by a verb of funding or recruiting (generic
# English). Its answer writes that verb in some form or a word the model reads alike ("recruits",
# "a major source of … recruits"); a passage on the asked group that writes none ("it carried out
# 32 attacks in August") is about something else. Other "How did X <verb>?" questions are answered
# in other words as often as not ("How did Mansour hide his wealth?": "using fake identities,
# purchased …"), so only these verbs are read (docs/tuning.md, session 27).
_MEANS_VERBS = (
    "fund|funds|finance|finances|financed|bankroll|bankrolls|pay|pays|recruit|recruits|tax|taxes|launder|launders"
)
_MEANS_QUESTION = re.compile(
    rf"\s*(?:and\s+|so\s+)?how\s+(?:does|did|do|can|could|will|would)\s+(?:[\w'’.-]+\s+){{1,4}}?(?P<verb>{_MEANS_VERBS})\b",
    re.IGNORECASE,
)


def means_verb(question: str) -> str | None:
    """The verb of a "How does X fund/recruit/… ?" question ("fund"), or None for another question."""
    match = _MEANS_QUESTION.match(question)
    return match.group("verb").lower() if match else None


# "What happened on Sept. 5?", "What took place in July 2015?": what is asked is whatever the
# text says of that date; any sentence writing the date answers in kind.
_EVENT_FRAME = re.compile(
    r"\s*what\s+(?:else\s+)?(?:happened|occurred|took\s+place|went\s+on|was\s+going\s+on)\b", re.IGNORECASE
)


def event_frame(question: str) -> str:
    """The words of a "What happened on <date>?" question's frame, or "" for another question."""
    match = _EVENT_FRAME.match(question)
    return match.group(0) if match and date_values(question) else ""


_VALUE_PATTERNS = {
    AnswerType.DATE: (_STATES_DATE,),
    AnswerType.QUANTITY: (_STATES_QUANTITY,),
    AnswerType.PERIOD: (_STATES_QUANTITY, _STATES_DATE),
    AnswerType.MONEY: (_STATES_MONEY,),
    AnswerType.SHARE: (_STATES_SHARE,),
    AnswerType.AGE: (_STATES_AGE,),
    AnswerType.FREQUENCY: (_STATES_FREQUENCY,),
}


def states(answer_type: AnswerType, text: str, question: str) -> bool:
    """Whether `text` states a value of `answer_type` other than one the question itself
    gives (the year in "…budget in 2021?" is not the budget). Calendar dates are compared by
    value, whatever their spelling (service.dates): "Sept. 5" is the question's "September 5th",
    and "6 September 2019" says more than its "September 2019". An age is read in the text as
    written: its birth year is a date."""
    if answer_type is AnswerType.AGE:
        return _has_value_beyond(_STATES_AGE, text, question)
    if answer_type is AnswerType.FREQUENCY:
        return states_frequency(text, question)
    if answer_type in (AnswerType.DATE, AnswerType.PERIOD) and _date_beyond(text, question):
        return True
    text, question = _without_dates(text), _without_dates(question, keep_parts=True)
    return any(_has_value_beyond(pattern, text, question) for pattern in _VALUE_PATTERNS[answer_type])


# A time told relative to another event: "just a few days after his arrival in Kabul", "a month
# after he was appointed", "two years earlier", "months later", "The same week, …", "later that
# year", "within weeks", or an event's noun after a word placing in time ("following Mansour's
# death", "after the Soviet withdrawal", "in the wake of the Taliban's takeover"). No calendar date,
# yet what "When was that?" asks of the sentence the last answer led with
# (service.repeats.restated_lead), and what "When did X become Y's deputy?" asks of "following
# Mansour's death, with successor … appointing …" (docs/tuning.md, session 44). The event's words
# hold no digit: a year among them is a calendar date, read as one (`states_calendar_date`).
_EVENT_NOUNS = (
    "deaths?|killings?|assassinations?|arrivals?|departures?|returns?|releases?|arrests?|detention|capture|fall|"
    "takeover|ouster|overthrow|withdrawal|pullout|drawdown|invasion|occupation|elections?|appointments?|"
    "resignation|retirement|inauguration|announcements?|victory|defeat|collapse|attacks?|bombings?|visits?|"
    "signing|launch|founding|establishment|formation|independence|surrender|ceasefire|coup|summit"
)
_EVENT_OWNER = r"(?:the|his|her|their|its|this|that|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s)"
_RELATIVE_TIME = re.compile(
    r"\b(?:(?:a\s+few|several|a\s+couple\s+of|a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before|later|earlier|into|ago)"
    r"|(?:hours|days|weeks|months|years|decades)\s+(?:after|before|later|earlier|afterwards)"
    r"|(?:shortly|soon|immediately)\s+(?:after|before|thereafter|afterwards)"
    r"|(?:later|earlier)\s+that\s+(?:day|week|month|year)|that\s+same\s+(?:day|week|month|year)"
    r"|within\s+(?:hours|days|weeks|months|a\s+(?:day|week|month|year))"
    r"|the\s+(?:same|next|following|previous|preceding)\s+(?:day|week|month|year)"
    r"|(?:after|following|before|since|until|upon|prior\s+to|ahead\s+of|in\s+the\s+(?:wake|aftermath)\s+of"
    r"|in\s+the\s+run-up\s+to|on\s+the\s+eve\s+of)\s+" + _EVENT_OWNER + r"\s+(?:[A-Za-z][\w.-]*\s+){0,3}?"
    rf"(?:{_EVENT_NOUNS}))\b",
    re.IGNORECASE,
)


def states_relative_time(text: str) -> bool:
    """Whether `text` tells a time relative to another event ("a few days after his arrival")."""
    return _RELATIVE_TIME.search(text) is not None


def states_calendar_date(text: str, question: str) -> bool:
    """`states` for a date, with the times told relative to another event set aside ("a decade
    later", "two years earlier"): such a time places what the sentence says against the other
    event and leaves its calendar date to elsewhere, often the note its marker cites
    (docs/retrieval.md, "A date left to the note")."""
    return states(AnswerType.DATE, _RELATIVE_TIME.sub(" ", text), question)


def states_or_dates(answer_type: AnswerType, text: str, question: str) -> bool:
    """`states`, a date question's answer also by a time relative to another event
    (`states_relative_time`): "When was that?" of "… just a few days after his arrival in Kabul,
    the Taliban announced …" is answered by it; and a count of occasions ("How many times …?") by
    a series of dates (`dates_a_series`), as "How often …?" is."""
    relative = answer_type is AnswerType.DATE and states_relative_time(text)
    series = answer_type is AnswerType.QUANTITY and dates_occasions_of_doer(question, text)
    return relative or series or states(answer_type, text, question)


def dates_occasions_of_doer(question: str, text: str) -> bool:
    """For a count of occasions (`counts_occasions`), whether `text` dates a series of them
    (`dates_a_series`) in clauses naming who is asked about as the doer
    (`dates_the_doer`, the sentence before not at hand): calls made to Bajwa
    count no calls he made (docs/tuning.md, session 49)."""
    if not (counts_occasions(question) and dates_a_series(text)):
        return False
    return dates_the_doer(occasion_doer(question), occasion_act(question), text, None)


def names_the_doer(asked: tuple[str, ...], doer: Sequence[str], before: Sequence[str] | None = ()) -> bool:
    """Whether a clause's opening words (`clause_doer`) name who a count of
    occasions asks about (`occasion_doer`). A name asked ("Lloyd Austin") is
    named by its last word ("Austin"), each of joined ones ("Blinken and Austin") by its own; a
    clause naming nobody ("The army chief had also visited …", "He …") names the one the
    sentence before opens with (`before`; None when that sentence is not at hand, and then it
    is taken as named). A description asked ("U.S. officials", "Pakistan's army chief") is named
    by a clause writing each of its names ("the U.S. Central Command chief"), by one writing each
    of its words ("the alliance": "the alliance's commander"), or by one naming nobody in words
    all its own ("The army chief"): "the ISI head", "India's leaders" are not "the army chief",
    "earlier Afghan leaders"."""
    if not asked:
        return True
    names = [word for word in doer if word[:1].isupper()]
    if asked[-1][:1].isupper():
        if not names and before is None:
            return True
        heads = [word for i, word in enumerate(asked) if i == len(asked) - 1 or asked[i + 1].lower() in JOINING]
        heads = [word for word in heads if word.lower() not in JOINING]
        within = names or [word for word in before or () if word[:1].isupper()]
        return all(_doer_writes(word, within) for word in heads)
    asked_names = [word for word in asked if word[:1].isupper()]
    if asked_names and names:
        return all(_doer_writes(word, names) for word in asked_names)
    if all(_doer_writes(word, doer) for word in asked):  # "the alliance": "the alliance's commander"
        return True
    return not names and all(_doer_writes(word, list(asked)) for word in doer)


def _doer_writes(word: str, words: Sequence[str]) -> bool:
    """Whether `words` write `word` (`writes_word`); a word of no stem ("U.S.") by its letters."""
    if not terms_of(word):
        return any(_letters(other) == _letters(word) for other in words)
    return writes_word(word, words)


def _letters(word: str) -> str:
    """`word`'s letters, lower-cased ("us" of "U.S."): one word's spellings, not the names
    service.name_forms reads as one owner ("U.S.", "American", "Washington"): a wider match,
    under which a clause naming Washington would name a U.S. doer, and no duplicate of this."""
    return re.sub(r"[^a-z]", "", word.lower())


def dates_the_doer(asked: tuple[str, ...], act: tuple[str, ...], text: str, before: str | None = "") -> bool:
    """Whether two of the occasions `text` dates (`series_dates`) are dated in a
    clause whose opening words name who is asked about (`names_the_doer`); `before` is the
    sentence before `text`, which a clause naming nobody points back to (None: not at hand)."""
    if not asked:
        return True
    previous = None if before is None else clause_doer(before.split(";")[0]) if before else []
    named = sum(
        len(series_dates(clause))
        for clause in text.split(";")
        if names_the_doer(asked, clause_doer(clause, act), previous)
    )
    return named >= 2


def states_frequency(text: str, question: str) -> bool:
    """Whether `text` states how often something happens (`_STATES_FREQUENCY`), beyond the words
    the question itself writes ("often" of "How often …?"), or dates a series of it
    (`dates_a_series`: "visited Kabul in 2020, 2018 and 2017")."""
    series = len(date_values(text)) >= 2 or len(set(YEAR.findall(text))) >= 2
    return _has_value_beyond(_STATES_FREQUENCY, text, question) or series


# Two years written as the ends of one stretch of time ("between 2007 and 2014", "(2013-2018)",
# "November 2020-March 2021") date one period, not two occasions: "The TTP waged a horrific
# campaign of violence in Pakistan between 2007 and 2014" counts no attacks (docs/tuning.md,
# session 48).
_SPAN_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_YEAR_SPAN = re.compile(
    rf"\b(?:between|from)\s+(?P<first>(?:{_MONTH}\s+)?{_SPAN_YEAR})\s+(?:and|to|until|till|through)\s+"
    rf"(?:{_MONTH}\s+)?{_SPAN_YEAR}\b"
    rf"|\b(?P<start>(?:{_MONTH}\s+)?{_SPAN_YEAR})\s*[-–—]\s*(?:{_MONTH}\s+)?{_SPAN_YEAR}\b",
    re.IGNORECASE,
)


def _spans_as_one(text: str) -> str:
    """`text` with each stretch of years (`_YEAR_SPAN`) written as its first end alone, of the
    same length so that offsets still hold."""
    return _YEAR_SPAN.sub(lambda m: (m.group("first") or m.group("start")).ljust(len(m.group(0))), text)


def dates_a_series(text: str) -> bool:
    """Whether `text` dates two occasions or more: two calendar dates ("on 19 February …; on 9
    March …") or two different years ("in 2020, 2018 and 2017"); a stretch of years ("between
    2007 and 2014") is one."""
    plain = _spans_as_one(text)
    return len(date_values(plain)) >= 2 or len(set(YEAR.findall(plain))) >= 2


def series_dates(text: str) -> list[tuple[int, int]]:
    """The [start, end) in `text` of each occasion it dates (`dates_a_series`): its calendar
    dates and the years written outside them, a stretch of years as one."""
    plain = _spans_as_one(text)
    spans = [span for _, span in dated_spans(plain)]
    years = [m.span() for m in YEAR.finditer(plain) if not any(a <= m.start() < b for a, b in spans)]
    return sorted(spans + years)


# "How many times …?" and "On how many occasions …?" count occasions of something: a passage
# dating each of them ("On 19 February, the U.S. Central Command chief called Bajwa …; on 9
# March, …") answers the count, as it answers "How often …?" (`dates_a_series`; docs/tuning.md,
# session 47). Read by the verdict's count and type checks and by the asked relation
# (service.relations).
_OCCASIONS = frozenset(("times", "occasions"))


def counts_occasions(question: str) -> bool:
    """Whether `question` asks "How many times …?" or "(On) how many occasions …?"."""
    if not asks_count(question):
        return False
    match = _HOW_MANY.search(question)
    words = match.group("counted").split() if match else []
    return bool(words) and words[0].lower() in _OCCASIONS


# The act a count of occasions asks of: a series of dated calls to Bajwa states how many times
# U.S. officials phoned him, not how many times they thanked him (docs/tuning.md, session 48).
# Read without a parser from the shape "How many times <auxiliary> <subject> <verb> <object>":
# the verb is the last word before the object (a name, a determiner, a preposition, the end),
# the subject's head before it when two words precede a preposition ("officials speak to") and
# the verb's complement after it ("hold talks with"), told apart by the subject's nouns: a
# plural, a possessive, or a noun of office or body (`_SUBJECT_NOUNS`).
_ACT_TOKEN = re.compile(r"[A-Za-z][\w'’.-]*|\d+|[,;:?!()]")
_ACT_ENDS = frozenset(
    "in inside within outside into across at on from by with for during among between to of about over "
    "out up off under after before since through against toward towards as than".split()
)
_DETERMINERS = ARTICLES | POSSESSIVES | DEMONSTRATIVES
JOINING = frozenset("and or nor both either".split())  # "Blinken and Austin": one subject
_SUBJECT_NOUNS = frozenset(
    "chief head director leader commander spokesperson spokesman government ministry minister president "
    "official envoy ambassador secretary agency army military office team delegation".split()
)
# Verbs whose act is their complement ("hold talks", "pay a visit", "stay neutral") or, with none
# ("been to Kabul", "go to Kabul"), no act of their own: the names and dates are read alone.
_LIGHT_ACTS = LIGHT_VERB_TERMS | terms_of("hold held pay paid keep kept stay stayed remain remained")


def occasion_act(question: str) -> tuple[str, ...]:
    """The words of the act a count of occasions (`counts_occasions`) asks of, as written and
    lower-cased: "phone" of "How many times did U.S. officials phone Bajwa …?", "talks" of "…
    hold talks with Bajwa …", "visit" of "… paid a visit to Kabul …", a phrasal verb with the
    words stating it ("reach out": "contact", "call"; service.phrasal); empty when none is read
    ("How many times had the army chief been to Kabul?")."""
    reading = _read_occasion_verb(question)
    if reading is None:
        return ()
    tokens, end, words, verb, _ = reading
    complement = words[words.index(verb) + 1 :] if verb != words[-1] else _complement(tokens, end)
    phrasal = [p.words for p in phrasal_events(question) if p.verb == verb]
    phrasal += [
        words for (v, particle), words in _PHRASAL_ACTS.items() if v == verb and writes_phrasal(v, particle, question)
    ]
    if phrasal:
        return (verb, *phrasal[0])
    if terms_of(verb) <= _LIGHT_ACTS:
        return tuple(complement)
    return (verb,)


def occasion_doer(question: str) -> tuple[str, ...]:
    """The words of who a count of occasions asks about, the subject before its verb
    (`occasion_act`), as written, without determiners: ("U.S.", "officials") of "How many times
    did the U.S. officials phone Bajwa …?", ("Blinken", "and", "Austin") of "… did Blinken and
    Austin visit …?"."""
    reading = _read_occasion_verb(question)
    if reading is None:
        return ()
    return tuple(token for token in reading[4] if token.lower() not in _DETERMINERS | FUNCTION_WORDS)


def _read_occasion_verb(question: str) -> tuple[list[str], int, list[str], str, list[str]] | None:
    """A count of occasions' question read as "<auxiliary> <subject> <verb> <object>": its
    tokens after "How many times", where the object starts, the lower-cased words of the
    subject's end and the verb, the verb, and the subject's tokens as written."""
    match = _HOW_MANY.search(question) if counts_occasions(question) else None
    if match is None:
        return None
    tokens = _ACT_TOKEN.findall(question[match.end() :])
    start = next((i + 1 for i, token in enumerate(tokens) if token.lower() in AUXILIARIES), None)
    if start is None:
        return None
    words: list[str] = []
    subject, end = False, len(tokens)
    for i in range(start, len(tokens)):
        token, lower = tokens[i], tokens[i].lower()
        named = token[:1].isupper() or any(part[:1].isupper() for part in token.split("-"))
        if not token[:1].isalpha() or lower in _ACT_ENDS or (lower in _DETERMINERS and words):
            end = i
            break
        if named:
            if subject and words:  # the object's name
                end = i
                break
            subject, words = True, []  # a name of the subject: what came before it modifies it
        elif lower not in _DETERMINERS and lower not in FUNCTION_WORDS and lower not in JOINING:
            words.append(lower)
            subject = subject or _subject_noun(lower)
    if not words:
        return None
    verb = words[-1]
    if end < len(tokens) and tokens[end].lower() in _ACT_ENDS and len(words) >= 2 and not _subject_noun(words[-2]):
        verb = words[-2]  # "hold talks with": the verb and its complement
    at = max(i for i in range(start, end) if tokens[i].lower() == verb)
    return tokens, end, words, verb, tokens[start:at]


# Phrasal verbs of contact and of keeping out, read for a count of occasions' act only: in
# service.phrasal they would read every question writing them ("Why did the U.S. reach out to
# Bajwa …?") as asking of a call, and withdraw answers about the outreach (docs/tuning.md, session 48).
_PHRASAL_ACTS = {
    ("reach", "out"): ("contact", "call", "approach"),
    ("keep", "out"): ("neutral", "neutrality", "abstain", "avoid"),
    ("stay", "out"): ("neutral", "neutrality", "abstain", "avoid"),
}


def _subject_noun(word: str) -> bool:
    """Whether `word` reads as the head of a subject: a plural ("officials", "leaders"), a
    possessive ("military's") or a noun of office or body (`_SUBJECT_NOUNS`)."""
    plural = len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return plural or word.endswith(("'s", "’s")) or word in _SUBJECT_NOUNS


def _complement(tokens: list[str], end: int) -> list[str]:
    """The noun after a light verb's determiner ("paid a visit to", "made the trip"), if any."""
    if end < len(tokens) and tokens[end].lower() in _DETERMINERS:
        following = tokens[end + 1 : end + 2]
        if following and following[0][:1].islower() and following[0].lower() not in _ACT_ENDS:
            return [following[0].lower()]
    return []


# The words a count of occasions' act may be written in beside each date (`dates_the_act`), its own
# forms among them: near-synonyms, as the counted nouns' families are (`_COUNTED_FAMILIES`).
_ACT_FAMILIES = (
    "call phone telephone ring contact",
    "talk speak discuss conversation",
)
_ACT_KIN = {term: frozenset(terms_of(family)) for family in _ACT_FAMILIES for term in terms_of(family)}
_NEAR_WORD = re.compile(r"[A-Za-z](?:[\w'’-]|\.(?=[A-Za-z]))*")  # "U.S" of "U.S.", "wars" of "wars."
ACT_REACH = 8  # words between a date and the act it dates ("On 19 February, the U.S. Central Command chief called")


def dates_the_act(
    act: tuple[str, ...], text: str, alike: Alike | None = None, asked: frozenset[str] = frozenset()
) -> bool:
    """Whether `text` writes the `act` (`occasion_act`) within ACT_REACH words of two of the
    occasions it dates (`series_dates`): by stem, by its family (`_ACT_FAMILIES`), or as the
    model reads it (`alike`, the counted noun's reading) in a word that is none of the question's
    other words (`asked`, stems): "fight" is read alike "wars", but the "Indo-Pakistani wars"
    the question asks about are what was fought, not the act. "The first … meeting took place in
    Doha in July 2018, with the talks gaining momentum after Zalmay Khalilzad's September 2018
    appointment" dates one meeting and an appointment."""
    stems = _act_stems(act)
    if not stems:
        return True
    tokens = [(m.start(), m.end(), m.group(0)) for m in _NEAR_WORD.finditer(text)]
    dated = 0
    for start, end in series_dates(text):
        before = [w for a, _, w in tokens if a < start][-ACT_REACH:]
        after = [w for a, _, w in tokens if a >= end][:ACT_REACH]
        near = before + after
        other = [word for word in near if not terms_of(word) & asked]
        if terms_of(" ".join(near)) & stems or (alike is not None and alike(list(act), other)):
            dated += 1
    return dated >= 2


# Who does the act each date dates: the words a clause opens with, up to its verb. A series of
# calls made to Bajwa counts no calls Bajwa made, and "The army chief had also visited Kabul in
# 2020, 2018 and 2017" no visits of the ISI head named beside it (docs/tuning.md, session 49).
# Read without a parser: the verb is an auxiliary, a past form ("-ed" or one of the common
# irregular ones) or a word of the act; the clause ends at a semicolon.
_IRREGULAR_PAST = frozenset(
    "met went came made took gave held told said led left sent saw began brought paid kept won fought ran "
    "became got put set sought thought bought spoke wrote flew drew".split()
)
_CLAUSE_OPENERS = frozenset("though although and but yet as if whereas while when once instance".split())
_NOT_DOERS = (
    _CLAUSE_OPENERS
    | _ACT_ENDS
    | _DETERMINERS
    | FUNCTION_WORDS
    | JOINING
    | frozenset(month.lower() for month in MONTH_NAMES)
)


def clause_doer(clause: str, act: tuple[str, ...] = ()) -> list[str]:
    """The words `clause` opens with before its verb, dates, determiners and openers left out, as
    written: ["U.S", "Central", "Command", "chief"] of "On 19 February, the U.S. Central Command
    chief called Bajwa …", ["earlier", "Afghan", "leaders"] of "Though earlier Afghan leaders had
    sought …, opting for neutrality in the 1965 and 1971 Indo-Pakistani wars …"."""
    plain = clause
    for start, end in series_dates(clause):
        plain = plain[:start] + " " * (end - start) + plain[end:]
    stems = _act_stems(act)
    doer: list[str] = []
    for word in _NEAR_WORD.findall(plain):
        lower = word.lower()
        past = word.islower() and (lower in _IRREGULAR_PAST or (lower.endswith("ed") and len(lower) > 4))
        if lower in AUXILIARIES or past or terms_of(word) & stems:
            break
        doer.append(word)
    return [word for word in doer if word.lower() not in _NOT_DOERS]


def _act_stems(act: tuple[str, ...]) -> frozenset[str]:
    """The stems an act is written in: its own and its family's (`_ACT_FAMILIES`)."""
    return frozenset().union(*(_ACT_KIN.get(term, {term}) for term in terms_of(" ".join(act))))


def _has_value_beyond(pattern: re.Pattern[str], text: str, question: str) -> bool:
    given = {_value_key(m.group(0)) for m in pattern.finditer(question)}
    return any(_value_key(m.group(0)) not in given for m in pattern.finditer(text))


def _value_key(value: str) -> str:
    """A stated value as compared: a month by its number ("Sept." is "September")."""
    month = month_number(value)
    return f"month {month}" if month is not None else value.lower()


def _date_beyond(text: str, question: str) -> bool:
    """Whether `text` writes a calendar date the question does not give, or gives less of."""
    given = date_values(question)
    return any(not any(value.within(asked) for asked in given) for value in date_values(text))


def _without_dates(text: str, *, keep_parts: bool = False) -> str:
    """`text` without its calendar dates (compared by value above); with `keep_parts`, each is
    left as its month and year, the parts a question gives that a text may state alone."""
    if not keep_parts:
        return strip_dates(text)
    return " ".join([strip_dates(text), *(_parts(value) for value in date_values(text))])


def _parts(value: DateValue) -> str:
    return " ".join([MONTH_NAMES[value.month - 1], *([str(value.year)] if value.year else [])])


# "What is the Haqqani network?", "Who is Moeed Yusuf?": a definition question, its subject a
# short name. Not "What is the source for…", "What is the future of…" or "What is the
# relationship between…": a preposition or a clause in it asks for something else.
_DEFINITION_QUESTION = re.compile(
    r"\s*(?:(?:what|who)\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?(?P<term>[^?]{2,60}?)"
    r"|what\s+(?:does|do|did)\s+(?:the\s+)?(?P<short>[^?]{2,40}?)\s+(?:stand\s+for|mean))\s*\??\s*",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"\b(?:of|for|between|in|on|to|about|with|from|by|that|which|who|what|called)\b", re.IGNORECASE
)
DEFINED_TERM_WORDS = 4  # a longer subject is a description, not a name to define
_ABBREVIATION = re.compile(r"[A-Z]{2,6}s?")  # "TTP", "ISI", "NGOs"


def defined_term(question: str) -> str | None:
    """The term a definition question asks about ("Haqqani network"), or None."""
    match = _DEFINITION_QUESTION.fullmatch(question)
    if match is None:
        return None
    term = match.group("term") or match.group("short")
    if len(term.split()) > DEFINED_TERM_WORDS or _NOT_A_NAME.search(term):
        return None
    return term


def defines(term: str, text: str) -> bool:
    """Whether `text` defines `term` the way definitions are written: in apposition ("the
    Haqqani network, the Taliban's most … faction"), as "the so-called Durand Line", with a
    copula and an article ("X is a …") or a gloss in brackets ("X (…)"). An abbreviation is
    defined where it is spelled out, the name followed by its short form in brackets
    ("Inter-Services Intelligence (ISI)", "(Tehrik-i-Taliban Pakistan, or TTP)"): reports do that
    once, where they first use it, and "the TTP is a loyal ally" elsewhere says what it does."""
    name = re.escape(term)
    spelled_out = (rf"\w\s+\({name}\)", rf"\([^()]*\w[^()]*,?\s+or\s+{name}\)")
    if _ABBREVIATION.fullmatch(term):
        return any(re.search(pattern, text) for pattern in spelled_out)
    patterns = (
        rf"\bso-called\s+{name}\b",
        rf"\b{name},\s+(?:the|an?)\s",
        rf"\b{name}\s+(?:is|was|are|were)\s+(?:the|an?)\s",
        rf"\b{name}\s+\(",
        *spelled_out,
    )
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns)


# "Who became prime minister…?" asks for a person, "Which faction…?" for a named group or
# place (Li and Roth's HUM and LOC classes, ENTY's named ones). Without a named-entity tagger,
# a name is a run of two or more capitalised words that does not open the sentence ("… new
# Prime Minister Mullah Obaidullah Akhund …"); one the question already holds in full names
# nothing new.
_NAME_QUESTION = re.compile(r"\s*(?:who|which)\b", re.IGNORECASE)
NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)?"  # one capitalised word of a name (a pattern)
NAME_RUN = re.compile(rf"(?<!^)\b{NAME_WORD}(?:\s+{NAME_WORD})+")


@dataclass(frozen=True)
class StatedPremise:
    """A question that states what it takes as given in a clause of its own before it asks:
    "Islamabad has a strong incentive to coax the Taliban into curbing the TTP; will the Taliban
    go along?". The premise is the user's own statement, so the sentence restating it is not
    what they asked (docs/retrieval.md, "The answer")."""

    premise: str
    asks: str
    embedded: bool = False  # "… if P?", "What difference did it make that P?": said inside the question
    why: bool = False  # "Why is Pakistan unlikely to oust the shura?": the whole question after "Why"
    excludes: bool = False  # "Besides P, what else …?": the user sets P aside, whatever the question asks
    before: bool = False  # "Had X always … before P?": what is asked is the time before P


# The asking clause follows a semicolon or ", so" and opens on a question word or an auxiliary,
# or holds a question word later ("act how?"); the premise before it opens on neither.
_PREMISE_BREAK = re.compile(r";\s+|,\s+so\s+(?=(?:" + "|".join(sorted(WH_WORDS)) + r")\b)", re.IGNORECASE)
_OPENERS = WH_WORDS | AUXILIARIES


def stated_premise(question: str) -> StatedPremise | None:
    """The question's premise and what it asks, split at its last semicolon (or ", so why …"),
    when the part before is a statement and the part after a question; None otherwise."""
    breaks = list(_PREMISE_BREAK.finditer(question))
    if not breaks:
        return None
    cut = breaks[-1]
    premise, asks = question[: cut.start()].strip(), question[cut.end() :].strip()
    premise_words, asked_words = re.findall(r"[\w']+", premise.lower()), re.findall(r"[\w']+", asks.lower())
    if len(premise_words) < 4 or not asked_words or premise_words[0] in _OPENERS:
        return None
    if asked_words[0] not in _OPENERS and not WH_WORDS.intersection(asked_words):
        return None
    return StatedPremise(premise, asks)


# A premise a question embeds in a subordinate clause: after a conjunction the question's asking
# part does not open on ("What would happen if P?", "How did Pakistan respond as P?"), after a
# verb of making or showing plus "that" ("What difference did it make that P?", "What suggests
# that P?"), or between the auxiliary and the closing verb of "What effect did P have?".
# "Had X always … before P?", "Was it always like this before P?": a yes/no question asking about
# the time before P embeds P, as "after P" does (docs/tuning.md, session 38, "before").
_BEFORE = re.compile(r"\bbefore\s+(?!(?:or|and)\b)", re.IGNORECASE)  # "before or after P?" compares, states nothing
# "What signs are there that P?" embeds P (docs/tuning.md, session 38).
_SIGNS_THAT = r"|(?:signs?|indications?|evidence|proof)\s+(?:is|are|was|were)\s+there\s+that"
_EMBEDDING = re.compile(
    r"\b(?:if|after|when|once|as(?!\s+(?:a|an|well|of|to|for|in|on|much|many|long|soon|far)\b)"
    r"|(?:given|now) that|(?:make|made|makes|suggests?|shows?|indicates?|means?|explains?) that"
    + _SIGNS_THAT
    + r")\s+",
    re.IGNORECASE,
)
_NOT_EMBEDDING_AS = re.compile(r"\b(?:such|so|as|same|well)\s+$", re.IGNORECASE)
_EFFECT_OF = re.compile(
    r"^what\s+(?:effect|effects|impact|difference|consequences?)\s+(?:did|does|has|have|had|will|would|could|might)"
    r"\s+(?P<premise>.+?)\s+(?:have|had|make|made)\s*\??$",
    re.IGNORECASE,
)
# "What did P do for the movement?", "What does P imply?", "What would P mean for Pakistan?": P's
# effect asked by a verb of effect, as "What effect did P have?" asks it (docs/tuning.md, session
# 53). "do" and "mean" ask an effect only with whom it fell on ("do to its ties", "mean for
# Pakistan"; "meant to keep them out" is no effect): "What did P recommend Pakistan do?" asks a
# recommendation, and "What did he propose …?" a doer's act. A verb after "to" or a
# modal ("call on outside powers to do for …", "say the Taliban must do to …") is another verb's
# complement, and a subject short of EMBEDDED_PREMISE_WORDS ("What did the Taliban do to …?") is a
# doer asked what it did, not a premise (`_embedded`).
_EFFECT_BY_VERB = re.compile(
    r"^what\s+(?:did|does|do|has|have|had|will|would|could|might|may)\s+(?!(?:he|she|they|it|we|you|i)\b)(?P<premise>.+?)"
    r"(?<!\bto)(?<!\bmust)(?<!\bcould)(?<!\bshould)(?<!\bwould)(?<!\bcan)(?<!\bwill)(?<!\bmight)"
    r"\s+(?:(?:do|done)\s+(?:for|to)\s+[^?]+?|(?:mean|meant)\s+for\s+[^?]+?|imply|implied|(?:lead|led)\s+to\s+[^?]+?"
    r"|(?:result|resulted)\s+in\s+[^?]+?)\s*\??$",
    re.IGNORECASE,
)
_WHY = re.compile(r"^why\s+(?:" + "|".join(sorted(AUXILIARIES)) + r")\s+(?P<premise>.+?)\s*\??$", re.IGNORECASE)
EMBEDDED_PREMISE_WORDS = 4  # an embedded clause this long or longer states something (not "as of now")


def embedded_premise(question: str, why: bool = False) -> StatedPremise | None:
    """The premise a question embeds in a subordinate clause and what it asks around it, or None
    when it embeds none; "Why P?" is read only when `why` is set (docs/tuning.md, session 34,
    "A premise the question embeds")."""
    question = question.strip()
    words = re.findall(r"[\w']+", question.lower())
    if words and words[0] in AUXILIARIES:
        return _before(question)
    if not words or words[0] not in WH_WORDS:
        return None
    effect = _EFFECT_OF.match(question)
    if effect is not None:
        premise = effect.group("premise")
        asks = question[: effect.start("premise")] + question[effect.end("premise") :]
        return _embedded(premise, asks)
    if why:
        reason = _WHY.match(question)
        if reason is not None:
            return _embedded(reason.group("premise"), "Why", why=True)
    for match in _EMBEDDING.finditer(question):
        if match.start() == 0 or _NOT_EMBEDDING_AS.search(question[: match.start()]):
            continue
        premise = question[match.end() :].rstrip(" ?")
        framing = match.group(0).split()[:-1]  # "make" of "make that" belongs to what is asked
        return _embedded(premise, " ".join([question[: match.start()].strip(), *framing]))
    return _effect_by_verb(question)


def _effect_by_verb(question: str) -> StatedPremise | None:
    """The premise of "What did P do for X?", "What does P imply?" (`_EFFECT_BY_VERB`), read
    only when no clause is embedded after "if", "when", "after" …: "What would violence in
    Afghanistan do to Pakistan's western border if the Taliban pushed for a military win?" keeps
    its if-clause as the premise."""
    effect = _EFFECT_BY_VERB.match(question)
    if effect is None:
        return None
    asks = question[: effect.start("premise")] + question[effect.end("premise") :]
    return _embedded(effect.group("premise"), asks)


def _before(question: str) -> StatedPremise | None:
    """The premise a yes/no question embeds after "before" ("Had Trump always looked kindly on
    Pakistan before his administration decided to hold direct talks …?"): P happened, and what is
    asked is the time before it; None for any other yes/no question."""
    match = next((m for m in _BEFORE.finditer(question) if m.start() > 0), None)
    if match is None:
        return None
    premise = _embedded(question[match.end() :].rstrip(" ?"), question[: match.start()].strip())
    return replace(premise, before=True) if premise else None


def _embedded(premise: str, asks: str, why: bool = False) -> StatedPremise | None:
    premise_words = re.findall(r"[\w']+", premise)
    if len(premise_words) < EMBEDDED_PREMISE_WORDS:
        return None
    return StatedPremise(premise.strip(" ?"), asks.strip(), embedded=True, why=why)


# A premise the question fronts: a clause opening the question, up to the comma before its asking
# part ("Besides P, what else …?", "If P, what would …?", "Once P, how did …?"), or the whole
# clause after a wh-phrase asking in what way or respect P holds ("In what way has P?", "On what
# do X disagree?"): docs/tuning.md, session 35, "A premise the question fronts".
_SETTING_ASIDE = r"besides|apart from|aside from|other than|in addition to"  # the user sets P aside
_EXCLUDING = re.compile(rf"^(?:{_SETTING_ASIDE})\b", re.IGNORECASE)
_FRONTING = _SETTING_ASIDE + r"|if|when|once|after|since|given that|now that|although|even though|though"
_ASKING_OPENS = r"(?:(?:in|on|to|for|by|with|at|from|over|about)\s+)?(?:" + "|".join(sorted(WH_WORDS)) + r")\b"
_OPENING_CLAUSE = re.compile(
    rf"^(?:{_FRONTING})\s+(?P<premise>.+?),\s+(?P<asks>{_ASKING_OPENS}.*)$", re.IGNORECASE | re.DOTALL
)
_IN_WHAT_WAY = re.compile(
    r"^(?P<asks>in\s+what\s+(?:ways?|sense|respects?)|to\s+what\s+(?:extent|degree)|on\s+what|over\s+what|how\s+far)"
    r"\s+(?:" + "|".join(sorted(AUXILIARIES)) + r")\s+(?P<premise>.+?)\s*\??$",
    re.IGNORECASE,
)


def fronted_premise(question: str) -> StatedPremise | None:
    """The premise a question fronts before it asks ("Besides meeting Pakistani officials in
    Islamabad, whom else did Baradar meet?", "If a more lethal phase … sent Afghans to Pakistan,
    what would happen …?") or asks in what way it holds ("In what way has Pakistan's relationship
    with the Taliban not been trouble-free?"), four words or more; None otherwise. Read as an
    embedded premise, with its guards; the in-what-way clause as "Why P?" is (its lead adding
    fewer than ELABORATION_TERMS words of its own: service.answer)."""
    question = question.strip()
    opening = _OPENING_CLAUSE.match(question)
    if opening is not None:
        premise = _embedded(opening.group("premise"), opening.group("asks"))
        return replace(premise, excludes=True) if premise and _EXCLUDING.match(question) else premise
    way = _IN_WHAT_WAY.match(question)
    if way is not None:
        return _embedded(way.group("premise"), way.group("asks"), why=True)
    return None


def asks_for_name(question: str) -> bool:
    """Whether the question opens with "Who" or "Which" ("Whom did … interview" asks for a
    source, and is read as one: service.references), and not with "Which" before things that
    are no names (`asks_which_things`)."""
    return _NAME_QUESTION.match(question) is not None and not asks_which_things(question)


# "Which conditions did donors attach …?", "Which assurances does Pakistan want …?": "Which"
# before a plural noun of an act or a state asks for things, and a sentence naming someone or
# something answers it no better. Such a noun is told by its English shape, a derivational
# ending (-tion, -sion, -ment, -ance, -ence, plural: "conditions", "tensions", "commitments",
# "assurances"), unless it is a body acting as one (BODY_NOUNS, and the bodies of such an ending:
# "organisations", "institutions", "nations", "publications"). A singular is left as it was:
# "Which conference …?", "Which publication …?" ask for a name. The noun is the first plural among
# the first two lowercase words after "Which" (not a question word or a preposition: "Which
# sectarian tensions …"). docs/tuning.md, session 40, "Which <things> …?".
_WHICH_WORDS = re.compile(r"\s*(?:(?i:and|so)\s+)?(?i:which)\s+(?P<words>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)")
_THING_PLURAL = re.compile(r"[a-z]{3,}(?:tion|sion|ment|ance|ence)s")
_BODIES_OF_THE_SHAPE = (
    "organisations organizations institutions nations associations federations corporations foundations "
    "publications unions"
)


def asks_which_things(question: str) -> bool:
    """Whether a "Which …?" question asks for things, not names: its noun a plural of an act or
    a state ("Which conditions …?"), not a body ("Which organisations …?")."""
    match = _WHICH_WORDS.match(question)
    if match is None:
        return False
    words = match.group("words").split()
    if words[0] in QUESTION_WORDS:
        return False
    noun = next((w for w in words if w.endswith("s") and not w.endswith("ss") and w not in QUESTION_WORDS), None)
    return noun is not None and _THING_PLURAL.fullmatch(noun) is not None and noun not in _BODIES


# "Who did Mujahid say …?", "Which country did Ghani say …?": the name after the auxiliary is
# the asked clause's subject, written by one word; a sentence writing it in full ("Taliban
# spokesperson Zabihullah Mujahid told …") names that subject again, not someone new
# (docs/tuning.md, session 39). Not after "is"/"was": "Who is Haqqani's brother?" asks of the name.
_ASKED_SUBJECT = re.compile(rf"^\s*(?i:who|whom|which(?:\s+[a-z]+)?)\s+(?:did|does|do|has|have|had)\s+({NAME_WORD})\b")
_POSSESSIVE_S = re.compile(r"['’]s$")


def _asked_subject(question: str) -> str | None:
    """The one-word name a "Who/Which … did <Name> …?" question asks about, lower-cased."""
    match = _ASKED_SUBJECT.match(question)
    return None if match is None else _POSSESSIVE_S.sub("", match.group(1)).lower()


def names_someone_new(text: str, question: str) -> bool:
    """Whether `text` holds a name (a run of capitalised words past its first word) with a
    word the question does not hold, and that is not the question's subject written in full
    (`_asked_subject`: its last word is the name the question writes)."""
    asked = set(re.findall(r"\w+", question.lower()))
    subject = _asked_subject(question)
    return any(
        any(word.lower() not in asked for word in re.findall(r"\w+", match.group(0)))
        and (subject is None or _POSSESSIVE_S.sub("", match.group(0).split()[-1]).lower() != subject)
        for match in NAME_RUN.finditer(text)
    )


# "Who prepared the report?" is answered by a body as often as by a person: "prepared by NATO
# interrogators", "The government seized these assets", "the military quickly intervened". A
# body is read by its shape, as a name is: an acronym ("NATO", "ISI", "U.S."), or a noun that
# names an institution or a group acting as one (generic English, no list of the corpus's
# bodies) after an article, a possessive or a capitalised word ("the government", "Pakistan's
# foreign ministry", "Afghan forces"). docs/retrieval.md, "The answer".
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b")
BODY_NOUNS = (
    "government governments military army ministry office agency agencies council group groups network "
    "party parties movement leadership forces authorities officials intelligence committee commission court "
    "parliament police administration alliance coalition delegation team organisation organisations "
    "organization organizations institute palace embassy establishment command faction factions brass"
)
# The nouns "Which <noun> …?" asks for a body with, not things (`asks_which_things`).
_BODIES = frozenset(BODY_NOUNS.split()) | frozenset(_BODIES_OF_THE_SHAPE.split())
_BODY = re.compile(
    rf"\b(?:the|a|an|its|their|his|her|[A-Z][\w.-]*(?:['’]s)?)\s+(?:[a-z][\w-]*\s+){{0,2}}?"
    rf"(?P<noun>{'|'.join(BODY_NOUNS.split())})\b",
    re.IGNORECASE,
)


def names_a_body(text: str, question: str) -> bool:
    """Whether `text` names a body the question does not: an acronym it does not hold, or a
    phrase headed by an institution's noun (`BODY_NOUNS`) that it does not hold."""
    asked = set(re.findall(r"\w+", question.lower()))
    if any(acronym.group(0).replace(".", "").lower() not in asked for acronym in _ACRONYM.finditer(text)):
        return True
    return any(body.group("noun").lower() not in asked for body in _BODY.finditer(text))


# "Who prepared it?", "Who seized them after his death?": a "Who" question whose next word is
# its verb asks for the one doing it (its subject); "Who did X ask …?", "Who has Pakistan accused
# …?" (an auxiliary after "Who") ask for its object, and "Who else …" for more of the same.
_SUBJECT_QUESTION = re.compile(r"\s*who\s+(?P<verb>[a-z][a-z-]*)\b", re.IGNORECASE)


def asked_agent(question: str) -> str | None:
    """The stem of the verb a "Who <verb>ed …?" question asks the doer of ("prepar" for "Who
    prepared it?"); None for any other question, for a verb that is an auxiliary, a verb of
    saying or a function word (`QUESTION_WORDS`, `SAYING`: "Who said …?" asks for a speaker,
    read by service.said_about), for a capitalised word (a name, not a verb), and for a verb
    not in a regular past ("-ed"): the stem of "took" or "ran" is no stem of "taking" or
    "runs", and "Who heads …?" asks for an office's holder, who is named by the office's title."""
    match = _SUBJECT_QUESTION.match(question)
    if match is None or match.group("verb")[0].isupper() or not match.group("verb").lower().endswith("ed"):
        return None
    verb = match.group("verb").lower()
    if verb in QUESTION_WORDS or verb in SAYING or verb in FUNCTION_WORDS:
        return None
    terms = terms_of(verb)
    return next(iter(terms)) if len(terms) == 1 else None


# Where a text places something (Li and Roth's LOC class), read by its shape, as no list of
# places is kept: a capitalised word right after a preposition that places ("in Murree", "out
# of Pakistani havens", "inside Pakistan's territory", "into Central Asia"), or after one and an
# article or possessive with up to two lowercase words ("at the army headquarters in
# Rawalpindi", "in the former FATA"; not "to curb Pakistan's Taliban", an infinitive), or a name
# compounded with "-based" ("the Taliban's Qatar-based political office"). A month is no place
# ("in May"). A place the question itself places ("… a meeting in Turkey …") is given, not
# answered; a name it writes otherwise is not ("Pakistan's military" / "inside Pakistan's
# territory"). docs/retrieval.md, "Questions that ask where".
_LOCATIVE = r"(?:in|at|from|to|into|inside|within|near|outside|across|throughout|along|towards?|out\s+of|via|around)"
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_PLACED = re.compile(
    rf"\b{_LOCATIVE}\s+(?:(?:the|a|an|its|their|his|her|this|that|these|those)\s+(?:[a-z][\w'’-]*\s+){{0,2}}?)?"
    rf"(?P<place>{_PLACE_WORD})"
    rf"|\b(?P<based>{_PLACE_WORD})-based\b"
)
_POSSESSIVE_OR_STOP = re.compile(r"(?:['’]s?|\.)$")


def asks_where(question: str) -> bool:
    """Whether the question's first wh-phrase is "where", asking for a place: not "Where does
    the figure of … come from?", which asks for a source (service.references)."""
    match = _asked_wh_phrase(question)
    return match is not None and match.group(1).lower() == "where" and not asks_for_source(question)


def places(text: str) -> set[str]:
    """The words, lowercased, that `text` places something at, by the shape above."""
    found = set()
    for match in _PLACED.finditer(text):
        word = _POSSESSIVE_OR_STOP.sub("", match.group("place") or match.group("based"))
        if word and month_number(word) is None:
            found.add(word.lower())
    return found


def names_a_place(text: str, given: Collection[str]) -> bool:
    """Whether `text` places something at a place other than the `given` ones (those the
    question itself places: `asked_places`)."""
    return not places(text) <= set(given)


def asked_places(question: str) -> frozenset[str] | None:
    """For a where-question, the places it gives itself, which an answer does not give ("… a
    meeting in Turkey …"); None for any other question. Read once per question: a sentence
    naming another place is preferred as the lead, as one stating an asked-for date is
    (service.answer)."""
    return frozenset(places(question)) if asks_where(question) else None


# "Where is Sirajuddin Haqqani now?": whom a where-question asks the place of, a name right after
# its auxiliary (English gives a person's name no article: "Where did the Taliban …" asks of a
# group, and "Where is Haqqani's brother?" of the brother).
_ASKED_WHERE_OF = re.compile(
    rf"\s*(?i:(?:and\s+|so\s+)?where\s+(?:is|was|are|were|did|does|do|has|had|have))\s+"
    rf"(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})*)"
)


def asked_where_of(question: str) -> str | None:
    """The name a where-question asks the place of ("Sirajuddin Haqqani"), or None."""
    match = _ASKED_WHERE_OF.match(question)
    if match is None or _POSSESSIVE_OR_STOP.search(match.group("name")):
        return None
    return match.group("name")


def only_possessed(name: str, text: str) -> bool:
    """Whether `text` writes `name` (by its last word, the surname reports go on with) and only
    as a possessor: "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member of
    the Taliban negotiating team in Doha" places the brother, not Sirajuddin Haqqani."""
    uses = list(re.finditer(rf"\b{re.escape(name.split()[-1])}\b(['’]s?)?", text))
    return bool(uses) and all(use.group(1) for use in uses)


# What a question asks for by a noun of its kind, which the lead sentence must hold, not only
# the question's own words (docs/retrieval.md, "A lead that holds what is asked"): "What post did
# X get …?" asks for an office written beside X ("X as interior minister"), "Which madrasa did X
# run?" for a name written with the noun ("the Akora Khattak madrasa"), and "Apart from X, who
# …?" for something besides X. A party's role ("What role does Qatar play …?") is a part it
# plays, not an office (service.relations reads it).
_OFFICE_ASKED = re.compile(
    r"\s*(?:and\s+|so\s+)?what\s+(?:(?:post|position|role|title|job|office|rank)s?\b"
    rf"|(?:is|was|are|were)\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})*)['’]s?\s+(?:[a-z][\w-]*\s+)?(?:post|position|role|title|job|office|rank)s?\b)"
    r"(?![^?]*\bplay(?:s|ed|ing)?\b)",
    re.IGNORECASE,
)
# "What role did X give Y?", "What post has X offered Y?": the office asked for is the one given,
# Y's, and X is who gave it. A sentence writing Y's office without naming X ("Y as interior
# minister") tells another post than the one X gave (`holds_given`; docs/retrieval.md, "A lead
# that holds what is asked").
_GIVEN = re.compile(
    rf"\b(?:did|does|do|has|had|have|will|would)\s+(?P<giver>{NAME_WORD}(?:\s+{NAME_WORD})*)\s+"
    rf"(?:give|offer|assign|award|grant|hand|gave|given|offered|assigned|awarded|granted|handed)\s+"
    rf"(?P<holder>{NAME_WORD}(?:\s+{NAME_WORD})*)"
)
_KIND_ASKED = re.compile(
    r"\s*(?:and\s+|so\s+)?which\s+(?:[\w-]+\s+){0,2}?(?P<noun>(?-i:[a-z][\w-]*))\s+"
    r"(?:did|does|do|is|was|are|were|has|had|have|will|would|can|could)\b",
    re.IGNORECASE,
)
# "Which three countries recognised …?", "Which Afghan agency deliberately leaked …?": the asked
# noun followed by the question's own verb in a regular past ("-ed", an adverb allowed before it)
# instead of an auxiliary; a number or an adverb is no noun ("three", "deliberately"), nor the
# object of an "of" ("Which secretary of state announced …?" asks for a secretary). A present
# ("matters") is not read: "Which cities lend their names …" would make "their" the noun. And
# "Which party's government does X lead?": a possessor and the noun it owns, the owned noun being
# the one the answer writes with the name ("Pakistan Tehreek-e-Insaf government").
# docs/retrieval.md, "A lead that holds what is asked".
_KIND_ACTING = re.compile(
    rf"\s*(?:and\s+|so\s+)?which\s+(?:(?!of\b)[\w-]+\s+){{0,2}}?(?!{_NUMBER_WORD}\b)(?P<noun>(?-i:[a-z][\w-]*)(?<!ly))\s+"
    r"(?:(?-i:[a-z]+ly)\s+)?(?-i:[a-z][\w-]*ed)\b",
    re.IGNORECASE,
)
_KIND_OWNED = re.compile(
    r"\s*(?:and\s+|so\s+)?which\s+(?:[\w-]+\s+){0,2}?(?-i:[a-z][\w-]*)['’]s\s+(?P<noun>(?-i:[a-z][\w-]*))\b",
    re.IGNORECASE,
)
_NOT_A_KIND = frozenset("one ones kind kinds sort type other else role roles part".split())
_SET_ASIDE = re.compile(
    r"\b(?:apart\s+from|other\s+than|besides|aside\s+from|except(?:\s+for)?|excluding)\s+(?P<aside>[^,?;]+)",
    re.IGNORECASE,
)
NAME_REACH = 4  # words either side of the asked name within which its office is written
KIND_REACH = 2  # words before the asked noun within which the name of its kind is written
_TOKEN = re.compile(r"[\w'’.-]*\w")


@dataclass(frozen=True)
class AskedKind:
    """What a question asks for by a noun: an office of someone (`office_of`: the words of the
    name it asks about), a named thing of a kind (`noun`), or something besides what it sets
    aside (`aside`: the words it sets aside). At most one is set."""

    office_of: frozenset[str] = frozenset()
    noun: str = ""
    aside: frozenset[str] = frozenset()
    # "What role did X give Y?": the words of X, who gave Y the office asked for (`_GIVEN`)
    given_by: frozenset[str] = frozenset()


def asked_kind(question: str) -> AskedKind | None:
    """What `question` asks for by a noun of its kind, or None when it does not (or asks for a
    date, quantity or place, which `expected_type` and `asked_places` read)."""
    aside = _SET_ASIDE.search(question)
    if aside is not None:
        words = frozenset(_tokens(_set_aside(aside)))
        return AskedKind(aside=words) if words else None
    if expected_type(question) is not None or asks_where(question):
        return None
    if office := _OFFICE_ASKED.match(question):
        # "What is Kugelman's job?": the possessor is the name, one word or more
        possessor = _possessor(office)
        given = None if possessor else _GIVEN.search(question, office.end())
        if given is not None:
            return AskedKind(office_of=frozenset(_tokens(given["holder"])), given_by=frozenset(_tokens(given["giver"])))
        runs = [possessor] if possessor else [r.group(0) for r in NAME_RUN.finditer(question)]
        names = frozenset(token for run in runs for token in _tokens(run))
        return AskedKind(office_of=names) if names else None
    kind = _KIND_ASKED.match(question) or _KIND_ACTING.match(question) or _KIND_OWNED.match(question)
    if kind is not None and kind.group("noun").lower() not in _NOT_A_KIND:
        return AskedKind(noun=kind.group("noun").lower())
    return None


def office_possessed(question: str) -> frozenset[str]:
    """The words of the name a question asks the office of as its possessor ("What is
    Kugelman's job?", "What was Mullah Akhtar Mansour's role?"), or none for any other shape:
    such a question is answered only by a sentence saying what that person is (the verdict
    "no-office", service.verdict)."""
    office = _OFFICE_ASKED.match(question)
    name = _possessor(office) if office is not None else ""
    if not name or expected_type(question) is not None:
        return frozenset()
    return frozenset(w.lower() for w in _TOKEN.findall(name))


_CAPITALISED_NAME = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")


def _possessor(office: re.Match[str]) -> str:
    """The name an office question asks of as its possessor, capitalised ("Kugelman" in "What
    is Kugelman's job?"), or "": the pattern reads any case, and "What is the source for
    Pakistan's foreign office …?" or "What was the Taliban's political office …?" name no one."""
    name = office.group("name") or ""
    return name if _CAPITALISED_NAME.fullmatch(name) else ""


def _set_aside(match: re.Match[str]) -> str:
    """The words a question sets aside: the whole phrase when a comma closes it ("Apart from the
    Quetta shura, …"), else its first name, or its first word ("which countries besides Pakistan
    recognised …", "… besides fighting?")."""
    phrase = match.group("aside")
    if match.string[match.end() :].lstrip().startswith(","):
        return phrase
    name = re.match(rf"(?:the\s+)?{NAME_WORD}(?:\s+{NAME_WORD})*", phrase)
    return name.group(0) if name else phrase.split()[0]


def _tokens(text: str) -> list[str]:
    return [t.lower().removesuffix("'s").removesuffix("’s") for t in _TOKEN.findall(text)]


def holds_given(text: str, kind: AskedKind) -> bool:
    """Whether `text` names who gave the office asked for (`AskedKind.given_by`), or the question
    names no giver."""
    return not kind.given_by or bool(kind.given_by & set(_tokens(text)))


# "one of his principal deputies" is "his principal deputy" as far as the office goes: the
# partitive's words do not put the office farther from the name (`writes_office`).
_PARTITIVE = re.compile(r"\b(?:one|two|three|some|each|any|none)\s+of\s+", re.IGNORECASE)


def writes_office(text: str, names: Collection[str], is_office: Callable[[str], bool], question: str) -> bool:
    """Whether `text` writes an office (a word `is_office` reads as one, that the question does
    not write) within NAME_REACH words of a word of the asked name: "Sirajuddin Haqqani as interior
    minister", "Pakistan's national security advisor, Moeed Yusuf", "appointing Sirajuddin Haqqani
    as one of his principal deputies" (a partitive's "one of" not counted, `_PARTITIVE`). A
    sentence naming the person among others, the office another's ("new Prime Minister …, as
    well as Sirajuddin and Khalil Haqqani"), writes none of theirs."""
    asked = set(_tokens(question))
    tokens = _tokens(_PARTITIVE.sub("", text))
    at = [i for i, token in enumerate(tokens) if token in names]
    return any(
        tokens[j] not in asked and is_office(tokens[j])
        for i in at
        for j in range(max(i - NAME_REACH, 0), min(i + NAME_REACH + 1, len(tokens)))
    )


# What a sentence says its subject is: "X is the Asia Program deputy director and senior
# associate …" up to the first break of the clause.
_OPENING_PRONOUN = re.compile(r"(?:He|She)\b")
_OPENING_SUBJECT = re.compile(rf"(?:{NAME_WORD}\s+)*{NAME_WORD}(?=\s+[a-z])")
_PREDICATE = re.compile(
    r"\s+(?:is|was|became|(?:has|had)\s+been|serve[sd]\s+as)\s+(?P<predicate>[^,;:()\u2013\u2014]+)"
)


def states_office(
    text: str, before: str, names: Collection[str], is_office: Callable[[str], bool], question: str
) -> bool:
    """Whether `text` says the asked person is or was in an office (a word `is_office` reads as
    one, that the question does not write, anywhere in the clause after the verb), the person
    its subject by name or, opening on "He" or "She", named as the subject of the sentence
    before it (`before`, the unit's text up to `text`): "Michael Kugelman is the writer of
    Foreign Policy's weekly South Asia Brief. He is the Asia Program deputy director and senior
    associate …" (docs/retrieval.md, "A lead that holds what is asked")."""
    opening = _OPENING_PRONOUN.match(text)
    if opening is not None:
        previous = re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""
        subject = _OPENING_SUBJECT.match(previous)
    else:
        subject = opening = _OPENING_SUBJECT.match(text)
    if subject is None or opening is None or not set(_tokens(subject.group(0))) & set(names):
        return False
    predicate = _PREDICATE.match(text, opening.end())
    asked = set(_tokens(question))
    return predicate is not None and any(t not in asked and is_office(t) for t in _tokens(predicate.group("predicate")))


def names_the_kind(noun: str, text: str, question: str) -> bool:
    """Whether `text` writes the asked noun, in the number asked ("Which faction …?" is not
    answered by "Afghan Islamist factions"), with a name the question does not hold: a
    capitalised word (not the sentence's first) up to KIND_REACH words before it ("the Akora
    Khattak madrasa") or right after it ("the madrasa Darul Uloom Haqqania"), or set in
    apposition to it (`_named_in_apposition`)."""
    asked = set(_tokens(question))
    words = _TOKEN.findall(text)
    for i, word in enumerate(words):
        if _tokens(word)[0] != noun:
            continue
        near = words[max(i - KIND_REACH, 1) : i] + words[i + 1 : i + 2]
        if any(w[0].isupper() and _tokens(w)[0] not in asked for w in near if w):
            return True
    return _named_in_apposition(noun, text, asked)


def _new_name(word: str, asked: set[str]) -> bool:
    """Whether a capitalised word names something the question does not: no part of a compound
    is asked ("Taliban-controlled" after "the Taliban's"; "Tehreek-e-Insaf" is new)."""
    return not any(part in asked for part in _tokens(word)[0].split("-"))


# A clause's punctuation: a name set in apposition to the asked noun is one such piece away.
_APPOSITION_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def _named_in_apposition(noun: str, text: str, asked: set[str]) -> bool:
    """Whether `text` writes the asked noun closing a piece of the sentence (between commas,
    dashes, brackets) and names something in the piece beside it: the piece after ("one of three
    countries, the others being Saudi Arabia and the United Arab Emirates"), or, when the noun's
    piece is an article's phrase, the end of the piece before ("the Haqqani network, the
    Taliban's most militarily and economically strong faction")."""
    pieces = [_TOKEN.findall(piece) for piece in _APPOSITION_BREAK.split(text)]

    def names_at(k: int) -> list[int]:  # where piece k writes a name the question lacks, not the sentence's first word
        opening = not any(pieces[:k])
        return [j for j, w in enumerate(pieces[k]) if w[0].isupper() and _new_name(w, asked) and (j or not opening)]

    for k, words in enumerate(pieces):
        if not words or _tokens(words[-1])[0] != noun:
            continue
        if k + 1 < len(pieces) and names_at(k + 1):
            return True
        if k > 0 and _tokens(words[0])[0] in ARTICLES and any(j >= len(pieces[k - 1]) - 3 for j in names_at(k - 1)):
            return True
    return False


def names_beyond(aside: Collection[str], text: str, question: str) -> bool:
    """Whether `text` names something besides what the question sets aside: a capitalised word
    (not the sentence's first) or a number that the question does not write."""
    asked = set(_tokens(question)) | set(aside)
    words = _TOKEN.findall(text)
    return any((w[0].isupper() and i > 0 or w[0].isdigit()) and _tokens(w)[0] not in asked for i, w in enumerate(words))


# "How many TTP fighters are based in Afghanistan?" counts fighters: its answer states a number of
# them ("32 attacks" counts attacks, "a three-week sit-in" weeks, "two factions" factions). The
# counted noun is the last word of the words between "How many" and the question's auxiliary or
# past-tense verb ("How many hard-liners staged …"), with the lowercase words before it
# ("paramilitary troops"): names (TTP, Afghan) say whose, not what. A count of people, of time or
# of a measure ("How many people …", "How many years …", "How many kilometres long …") is read by
# any quantity, or by the dates of a series ("How many times …": "on 19 February …; on 9 March …").
# A count may be answered by naming what it counts, a series of three or more names ("The UN,
# Turkey and Qatar were to co-host …"). docs/retrieval.md, "The answer".
_HOW_MANY = re.compile(
    r"\bhow\s+many\s+(?:more\s+|fewer\s+|other\s+)?(?P<counted>(?:[\w'’-]+\s+){1,4}?)"
    rf"(?=(?:{_AUXILIARY}|[a-z]+ed)\b)",
    re.IGNORECASE,
)
_ANY_COUNT = frozenset(
    "people persons individuals times occasions ones years months weeks days hours decades members of "
    "kilometres kilometers km miles metres meters per percent cent".split()
)
COUNT_REACH = 5  # words after a number within which the noun it counts is written ("some 2,500 to 3,500 troops")
# A number as a count reads it: in digits or words, at a sentence's start too ("Two senior Taliban
# leaders …"), glued to what it counts ("2,430km", "a four-point plan": the glued word is read as
# the first word after the number), or a count without a number ("scores of security personnel",
# "several attacks", as the asked relation read them before session 23); no year ("the 2001
# attacks" counts none) and no bare number.
_COUNT_NUMBER = re.compile(
    rf"\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?=%|[- ]?(?:per ?cent|[a-z]))|\b(?:{_NUMBER_WORD}|several|scores)\b",
    re.IGNORECASE,
)
# A share written after a number, or as its own word: "80 per cent", "83%".
A_SHARE = re.compile(r"\s*(?:per\s*cent|percent|%)", re.IGNORECASE)
# A unit of measure as a number's abbreviation writes it ("2,430km"), read as the word a question
# asks for ("How many kilometres …?"). Only abbreviations with one meaning beside a number: "m"
# is metres as often as millions ("$12m"), so it is left out.
UNIT_WORDS = {
    "km": "kilometres",
    "kms": "kilometres",
    "mi": "miles",
    "kg": "kilograms",
    "kgs": "kilograms",
    "ft": "feet",
    "sq": "square",
    "ha": "hectares",
}
# Whether the model reads one of some words alike one of some others (a counted noun and the words
# beside a number: service.offtopic.CorpusLexicon.counts_alike).
Alike = Callable[[list[str], list[str]], bool]
_NAME = r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*)*"
_NAME_SERIES = re.compile(rf"{_NAME}(?:,\s+{_NAME})+,?\s+(?:and|or)\s+{_NAME}")


def asks_count(question: str) -> bool:
    """Whether the question's first wh-phrase is "How many": a count, which is not given in words."""
    match = _asked_wh_phrase(question)
    return match is not None and " ".join(match.group(1).lower().split()) == "how many"


_KIN_OF = re.compile(r"\bhow\s+many\s+([\w'’-]+)\s+of\b", re.IGNORECASE)
# The prepositions that end a counted noun phrase ("How many bombings inside Pakistan …" counts
# bombings): read here and by service.relations, whose counted stems end at them too.
ENDS_COUNTED = frozenset("in inside within outside into across at on from by with for during among between".split())


def counted_words(question: str) -> tuple[str, ...]:
    """The words of what a "How many …?" question counts, its noun last ("paramilitary",
    "troops"); () when it counts people, time or a measure, or its shape is not read."""
    if not asks_count(question):
        return ()
    match = _HOW_MANY.search(question)
    if match is None:
        # "How many wings of the Jamiat Ulema-e-Islam ran …?": a family's noun before "of", however
        # long the name after it (`counted_kin`)
        kin_of = _KIN_OF.search(question)
        return (kin_of.group(1).lower(),) if kin_of is not None and counted_kin(kin_of.group(1)) else ()
    words = match.group("counted").split()
    # A noun of a family before "of" is what is counted, not people of any kind: "How many wings of
    # the Jamiat Ulema-e-Islam …?" counts wings (`counted_kin`; "members of", "kinds of" stay any).
    of = next((i for i, w in enumerate(words) if i and w.lower() == "of" and counted_kin(words[i - 1])), None)
    words = words[:of] if of is not None else words
    if any(w.lower() in _ANY_COUNT for w in words):
        return ()
    # The counted noun phrase ends before a preposition: "How many bombings inside Pakistan was
    # …?" counts bombings, not Pakistan (docs/tuning.md, session 46).
    words = words[: next((i for i, w in enumerate(words) if i and w.lower() in ENDS_COUNTED), len(words))]
    # ... and a participle before it closes a clause on the noun: "Afghans living in Pakistan"
    while len(words) > 1 and words[-1].islower() and words[-1].endswith(("ing", "ed")):
        words = words[:-1]
    head = words[-1].lower()
    if head in QUESTION_WORDS:
        return ()
    modifiers = [w.lower() for w in words[:-1] if w[:1].islower() and w.lower() not in QUESTION_WORDS]
    return (*modifiers, head)


def counts_asked(question: str, text: str, alike: Alike) -> bool:
    """Whether `text` answers a "How many …?" question in kind: it states a number beyond the
    question's own (`count_numbers`), and, where the counted noun is read (`counted_words`), a
    number of it (`states_count`, the model reading alike by `alike`); or it names a series of
    three or more (a count of people, time or a measure: of two or more dates). True for any
    other question."""
    if not asks_count(question):
        return True
    counted = counted_words(question)
    if _NAME_SERIES.search(strip_dates(text)) or (not counted and len(date_values(text)) >= 2):
        return True
    if dates_occasions_of_doer(question, text):  # "in 2020, 2018 and 2017": three visits
        return True
    plain, asked = _without_dates(text), _without_dates(question, keep_parts=True)
    given = {m.group(0).lower() for m in count_numbers(asked)}
    if not counted:
        return bool(count_numbers(plain, given))
    return states_count(plain, terms_of(" ".join(counted)), counted[-1], alike, given) or lists_counted(
        text, counted[-1], counted_phrase(question)
    )


def counted_span(question: str) -> tuple[int, int] | None:
    """Where, in `question`, the words of what a "How many …?" question counts stand (the span of
    `counted_phrase`'s words: "American troops", "of Pakistan's paramilitary forces"); None when
    its shape is not read. Read by service.name_forms for the country or body owning the count."""
    match = _HOW_MANY.search(question)
    return match.span("counted") if match else None


def counted_phrase(question: str) -> frozenset[str]:
    """The words, lower-cased, of what a "How many …?" question counts, names among them ("Indian",
    "diplomats"): read against a list of items (`lists_counted`)."""
    match = _HOW_MANY.search(question)
    return frozenset(w.lower() for w in match.group("counted").split()) if match else frozenset()


# A count written as the list of what it counts (general English): the items joined by "and" right
# before the counted noun, with up to two words between ("the 1965 and 1971 Indo-Pakistani wars",
# "both Afghan and Indian diplomats"), or set off right after it ("command structures – political
# and military –"). Before the noun, the items are years or names unless "both" opens the list
# ("both civilian and military governments"): "peace and security structures" counts nothing
# (docs/tuning.md, session 44).
_ITEM = r"[\w.'’-]+"
_ITEMS = rf"{_ITEM}(?:,\s+{_ITEM})*,?\s+and\s+{_ITEM}"
_LIST_BEFORE = re.compile(
    rf"(?P<both>\bboth\s+)?(?<![\w.'’-])(?P<items>{_ITEMS})\s+(?P<after>(?:[\w.'’-]+\s+){{0,2}}[\w'’-]+)"
)
_LIST_AFTER = re.compile(rf"(?P<noun>[\w'’-]+)\s*[–—:(]\s*(?P<items>{_ITEMS})\s*(?:[–—).;,]|$)")
_LISTED = re.compile(r"(?:1[89]|20)\d\d|[A-Z][\w.'’-]*")


def lists_counted(text: str, noun: str, asked_words: Collection[str] = ()) -> bool:
    """Whether `text` writes a list of two or more items as the asked `noun`'s count
    (`_LIST_BEFORE`, `_LIST_AFTER`), the noun read by its stem (service.bm25). A list one of whose
    items is among `asked_words` (the question's counted phrase, lower-cased) counts the others
    too, not the asked thing: "both Afghan and Indian diplomats" is no count of Indian diplomats
    (docs/tuning.md, session 46)."""
    asked = terms_of(noun)
    if not asked:
        return False
    for match in _LIST_BEFORE.finditer(text):
        items = re.split(r",\s+|\s+and\s+", match.group("items"))
        if not (match.group("both") or all(_LISTED.fullmatch(item.removesuffix(",")) for item in items)):
            continue
        if any(item.removesuffix(",").lower() in asked_words for item in items):
            continue
        if asked & terms_of(match.group("after")):
            return True
    return any(asked & terms_of(m.group("noun")) for m in _LIST_AFTER.finditer(text))


def count_numbers(text: str, given: Collection[str] = ()) -> list[re.Match[str]]:
    """The numbers `text` writes as counts (`_COUNT_NUMBER`), other than those `given`
    (lower-cased: the question's own) and shares ("80 per cent of refugees" counts none)."""
    return [
        m
        for m in _COUNT_NUMBER.finditer(text)
        if m.group(0).lower() not in given and not A_SHARE.match(m.group(0)) and not A_SHARE.match(text, m.end())
    ]


# "How much territory did the Haqqani network control …?": the noun of the amount asked, before
# its verb ("How much more aid …?" too). Not "How much of the border …?" (a share, whatever it is
# of) nor "How much did the fence cost?" (no noun: the verb follows "much").
_HOW_MUCH = re.compile(
    r"\bhow\s+much\s+(?:more\s+|less\s+)?(?P<amount>(?:[\w'’-]+\s+){1,4}?)"
    rf"(?=(?:{_AUXILIARY}|[a-z]+ed)\b)",
    re.IGNORECASE,
)
# The units an amount of a thing is measured in (generic English): territory in square kilometres
# or miles, a distance in kilometres, a crop in tonnes. A noun not listed may be measured in any of
# them; "How much time …?" by any quantity, as "How many years …?" is (`_ANY_COUNT`).
_AREA_UNITS = "square hectares acres"  # "square kilometres", "sq km", "square miles": not a length
_LENGTH_UNITS = "kilometres kilometers km miles metres meters feet yards"
_WEIGHT_UNITS = "tonnes tons kilograms kilos kg pounds"
_VOLUME_UNITS = "litres liters gallons barrels"
_MEASURED_IN = {
    **dict.fromkeys("territory land ground area terrain soil".split(), _AREA_UNITS),
    **dict.fromkeys("distance length border frontier road".split(), _LENGTH_UNITS),
}
_ANY_UNIT = " ".join((_AREA_UNITS, _LENGTH_UNITS, _WEIGHT_UNITS, _VOLUME_UNITS))
_ANY_AMOUNT = frozenset("time people".split()) | _ANY_COUNT


def amount_noun(question: str) -> str | None:
    """The noun a "How much <noun> …?" question asks an amount of ("territory"), or None when it
    asks none (a sum of money, a share, "How much did it cost?", an amount of time)."""
    if expected_type(question) is not AnswerType.QUANTITY:
        return None
    match = _HOW_MUCH.search(question)
    if match is None:
        return None
    words = [w.lower() for w in match.group("amount").split()]
    if words[0] in QUESTION_WORDS or words[-1] in QUESTION_WORDS or any(w in _ANY_AMOUNT for w in words):
        return None
    return words[-1]


def states_amount_asked(question: str, text: str, alike: Alike) -> bool:
    """Whether `text` states an amount of what a "How much <noun> …?" question asks
    (`amount_noun`): a number followed (`states_count`) by the noun or a unit that measures it
    ("4,000 square kilometres" of territory), or by a word the model reads alike the noun. "Two
    different Haqqani network leaders" is a count of leaders, no amount of the territory asked
    (docs/tuning.md, session 38). True for any other question."""
    noun = amount_noun(question)
    if noun is None:
        return True
    plain, asked = _without_dates(text), _without_dates(question, keep_parts=True)
    given = {m.group(0).lower() for m in count_numbers(asked)}
    measured = terms_of(" ".join((noun, _MEASURED_IN.get(noun, _ANY_UNIT))))
    return states_count(plain, measured, noun, alike, given)


def _with_unit_words(words: list[str]) -> list[str]:
    """`words` with the word each unit abbreviation among them stands for ("km", "kilometres")."""
    return words + [UNIT_WORDS[word.lower()] for word in words if word.lower() in UNIT_WORDS]


# Nouns a count is written by in another word of the same things (general English): "32 attacks"
# counts the raids or strikes asked, "five properties" the houses or homes, "two factions" the
# wings, "two Haqqani network leaders" the figures. The model reads several of these pairs no
# nearer than it reads a count of another thing near them ("raids" ~ "attacks" 0.41, "homes" ~
# "properties" 0.33, "wings" ~ "factions" 0.25, against "weapons" ~ "soldiers" 0.54, "fighters" ~
# "attacks" 0.48), so no cosine separates them (docs/tuning.md, session 46). Each family is a set
# of near-synonyms, not a hypernym and its kinds: a count of cars is no count of vehicles, and
# "members" is left out of the leaders. Read by their singular and plural forms, not their stems
# ("bombs" are no bombings).
_COUNTED_FAMILIES = (
    "attack assault raid strike bombing ambush incursion",
    "property house home residence building apartment villa",
    "faction wing",
    "leader figure",
)


def _forms(noun: str) -> tuple[str, ...]:
    """A noun's singular and its plural ("property", "properties"; "ambush", "ambushes")."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun, noun[:-1] + "ies"
    return noun, noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")


_KIN = {
    form: frozenset(f for member in family.split() for f in _forms(member))
    for family in _COUNTED_FAMILIES
    for word in family.split()
    for form in _forms(word)
}


def counted_kin(noun: str) -> frozenset[str]:
    """The words (singular and plural) a count of `noun` may be written by (`_COUNTED_FAMILIES`),
    the noun's own forms among them; empty for a noun of no family."""
    return _KIN.get(noun.lower(), frozenset())


def states_count(
    text: str, counted: frozenset[str], noun: str, alike: Alike | None, given: Collection[str] = ()
) -> bool:
    """Whether a number `text` writes as a count (`count_numbers`, none of `given`) is followed,
    within COUNT_REACH words, by a word whose stem (service.bm25) is one of `counted` (a unit's
    abbreviation read as its word too: `UNIT_WORDS`), or heads a noun phrase holding a word of
    the counted `noun`'s family (`counted_kin`: "32 attacks" counts the raids asked), or else is
    followed by a word the model reads alike the `noun` (`alike`, when given): "32 attacks" counts
    the assaults asked. The one count reading of the verdict (`counts_asked`) and of the asked
    relation (service.relations)."""
    near: list[str] = []
    kin = counted_kin(noun)
    for match in count_numbers(text, given):  # "2,430km", "four-point plan": the glued word comes first
        after = text[match.end() :].removeprefix("-")
        words = _TOKEN.findall(after)[:COUNT_REACH]
        if terms_of(" ".join(_with_unit_words(words))) & counted:
            return True
        own = _own_phrase(after)[:COUNT_REACH]
        if kin and kin.intersection(w.lower() for w in own):
            return True
        if not _of_the_other_side(noun, own):
            near.extend(own)
    return alike is not None and bool(near) and alike([noun], near)


# "Civilians" are the people who are not soldiers, police or fighters (general English). The model
# reads the words alike (civilians ~ personnel 0.64, ~ soldiers 0.65, ~ paramilitary 0.52: casualty
# counts write both), but a count of the armed is no count of civilians, nor the reverse: "How
# many civilians did the attack kill?" is not answered by "… killed three Pakistani paramilitary
# forces" (docs/tuning.md, session 39).
_UNARMED = terms_of("civilians noncombatants bystanders")
_ARMED = terms_of(
    "soldiers troops forces personnel paramilitary paramilitaries police policemen officers militants "
    "fighters combatants guards army military security commandos insurgents"
)


def _of_the_other_side(noun: str, phrase: list[str]) -> bool:
    """Whether the asked `noun` and the noun phrase a number heads (`phrase`) count the two sides
    civilians and the armed are (`_UNARMED`, `_ARMED`): no likeness the model reads joins them."""
    asked, counted = terms_of(noun), terms_of(" ".join(phrase))
    return bool((asked & _UNARMED and counted & _ARMED) or (asked & _ARMED and counted & _UNARMED))


# A count of time written in another unit, or by a unit without a number: "nearly a decade", "two
# decades", "several decades", "decades of war", "a decade later" count years; "a three-week
# sit-in" counts days as well as weeks. A unit of time is a number of any other (ten years a
# decade, seven days a week: general English), and a larger unit in the plural ("decades",
# "centuries") gives the count's order as "several" and "scores" do. Read by the asked relation
# for "How many years/months/… …?" (service.relations, `AskedRelation.elapsed`; docs/tuning.md,
# session 41).
TIME_UNITS = terms_of("hours days weeks fortnights months years decades centuries")
_TIME_UNIT = r"(?:hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
_ELAPSED = re.compile(
    rf"\b(?:{_NUMBER_WORD}|an?|several|few|\d[\d,.]*)[- ]{_TIME_UNIT}\b|\b(?:decades?|century|centuries)\b",
    re.IGNORECASE,
)


def counts_time(counted: Collection[str]) -> bool:
    """Whether the stems a "How many …?" question counts (service.relations) are units of time."""
    return bool(counted) and set(counted) <= TIME_UNITS


def states_elapsed(text: str) -> bool:
    """Whether `text` writes a count of time in any unit (`_ELAPSED`): "nearly a decade", "two
    decades", "a three-week sit-in", "20 years"."""
    return _ELAPSED.search(text) is not None


# Where the noun phrase after a number ends: a punctuation mark, a preposition, a conjunction, a
# relative pronoun or a form of "be"/"have" ("$12 billion | in civilian assistance", "three
# Pakistani paramilitary forces|."). "of" right after it stays in ("millions of rupees").
_PHRASE_END = re.compile(
    r"[,.;:()—–]|\b(?:in|for|to|and|or|but|with|on|at|by|as|from|into|onto|over|under|across|"
    r"during|since|after|before|between|than|who|which|that|is|are|was|were|has|have|had)\b",
    re.IGNORECASE,
)


def _own_phrase(after: str) -> list[str]:
    """The words of the noun phrase a number heads, from the text after it: what the number
    counts ("billion" of "$12 billion in civilian assistance"), read alike the asked noun, not a
    later word of the sentence ("civilian"; docs/tuning.md, session 38)."""
    start = re.match(r"\s*(?:of\s+)?", after)
    rest = after[start.end() if start else 0 :]
    end = _PHRASE_END.search(rest)
    return _TOKEN.findall(rest[: end.start()] if end else rest)
