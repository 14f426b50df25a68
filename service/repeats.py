"""A follow-up's answer leads with what the conversation has not quoted yet.

Read with its history, a follow-up ("What did he criticise?") finds the passage the earlier
answer quoted first, and that passage's lead is often the sentence quoted before: it holds the
earlier question's words and the name "he" stands for. Each turn records the sentences its
answer quoted (service.conversations, `Turn.quoted`); service.chat hands a follow-up those the
earlier answers led with (all of them when it asks for more: `shown_before`), and composing the
answer (service.answer) calls the hooks here:

- `new_lead`: when the lead chosen as usual was quoted before, is not the best supported
  sentence of its own result (it led on the question's own word pieces, which a sentence about
  the person asked after matches by the name alone) and a new sentence holding as many of the
  follow-up's own distinctive words scores higher, the lead
  moves to the first result, in their order, offering a new sentence within `margin` of the best
  new one and above the repeated lead, and is chosen among that result's new sentences; the
  repeated sentence follows it (composing keeps it second). The last answer's lead, when the
  follow-up points at a thing it names by "it", "its" or a demonstrative (`points_at_a_thing`:
  "What did it tie the money to?" after "… (EU) made the largest pledge … but tied it to …"),
  counts as new for a lead an older answer quoted, here and in the hooks below: the history's
  words lift the first turn's lead, the turn asks of the last;
- `asked_lead`: when the repeated lead is its result's best supported sentence (the history's
  words, read with the turn, lift the sentence the last answer led with), or a new lead holds
  none of the follow-up's own distinctive words (the history's words chose another passage:
  "Who did their envoy join?" after the foreign office's reaction), a new sentence within
  `margin` of it that holds more of the follow-up's own distinctive words ("What did a U.S.
  analyst call it?" after an answer on Trump's speech: "A U.S. analyst commented …" in the
  next passage) leads instead, from the first result (in their order) offering one, else from
  the last lead's neighbourhood (the passage after it, the notes its passage cites:
  service.context.neighbourhood), which the follow-up's own ranking may leave out of its top
  three, scored as the results are;
- `own_words_lead`: when the lead chosen after those two holds none of the follow-up's own
  distinctive words (the name its pronoun was read as not counted), whatever it scores, the new
  sentences of its own unit holding the most of them lead ("Who else did Pakistan detain for
  several years?": "Baradar, for instance, was detained for several years …", not the custody
  deaths quoted before; "What was he involved in back in 2017?": "In 2017, he was involved …",
  not the sentence naming him): the history's words found the passage, the turn's own choose
  its sentence;
- `cited_note_lead`: when none of those moved the lead, a new sentence of a note the last lead's
  passage cites (or of the note the last answer led with) holding some of the turn's own
  distinctive words, as many as the lead while scoring above it or more within `margin` of it,
  leads ("Who led their delegation to Islamabad in December 2020?": the note closing the last
  lead sentence, not another note's October visit);
- `next_lead`: a follow-up asking what came after the last answer's lead ("What happened after
  that?", "What has his group done since then?", "Where did he go after he was released?":
  `asks_what_followed`; "What happened later?", "And what happened then?", made of a word of
  sequence alone: `asks_only_what_followed`) is led by the sentence after that lead in its
  unit, else by the first of the passage after it, when no answer quoted it yet: a report
  tells what followed in the sentence it writes next, which shares few words with the question (its words are the
  history's event, which the last lead holds);
- `dated_lead`: a follow-up naming a day, led by a sentence quoted before that dates only other
  days or months, is led by a new sentence stating that day, of the lead's unit first: the
  history's words lift the last answer's lead, the day tells which later event is asked about;
- `restated_lead`: a follow-up asking only for a value of the last answer's lead ("When was
  that?") is led by that lead again when it states the value, if only relative to another event;
- `lead_first`: the result the answer leads with comes first.

A repeated sentence is never dropped. It still leads when it is its result's best supported
sentence (the fused order ranked that result first, and this is what it answers with) or when no
new sentence scores higher: then it is the one that answers (docs/retrieval.md, "Follow-ups").
A question asking for a source ("What is the source for that?") asks about what was quoted, and
is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from itertools import chain

from service.bm25 import terms_of
from service.question_words import (
    AFTER_WORDS,
    AFTERWARDS,
    ASKING_TERMS,
    DEMONSTRATIVES,
    EVENT_VERBS,
    FUNCTION_TERMS,
    FUNCTION_WORDS,
    LATER,
    QUESTION_WORDS,
    THIRD_PERSON,
    WH_WORDS,
)
from service.records import Quoted, Result, Unit
from service.sentences import ScoredSentence

Offered = tuple[Unit, list[ScoredSentence]]  # a result's unit and its candidate sentences
_WORD = re.compile(r"[a-z]+")
# What "after", "since" or "following" points back at the last answer's event with ("after
# that", "since then"); a pronoun does with the event's words ("after he was released").
_THAT = frozenset({"that", "this", "then"})
EVENT_WORDS = 3  # words after the pronoun read as the event ("was released", "his release")
# A follow-up asking what came next with nothing of its own: how it asks (question words, a verb
# asking for an event, "come"), words of sequence and function words ("What happened later?",
# "What came next?", "What happened after that?"). "What" alone of the question words: "Which
# came later?" compares, "Where was that then?" asks of that time. No pronoun: "What did he do
# then?" has an antecedent of its own to read, and "Where was he then?" asks of that time.
_EVENT_ASKING = EVENT_VERBS | frozenset({"come", "comes", "came"})
_BARE_SEQUENCE = (
    (QUESTION_WORDS - WH_WORDS) | {"what"} | FUNCTION_WORDS | DEMONSTRATIVES | _EVENT_ASKING | LATER | AFTER_WORDS
)


def is_repeat(repeated: Collection[Quoted], unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether an earlier answer of the conversation quoted this sentence."""
    return Quoted(unit.id, (sentence.start, sentence.end)) in repeated


# "it", "its" and the demonstratives point at a thing or an event, which the last answer's lead
# names where a follow-up asks of it ("Why do many Afghans object to it?" after "Mujahid recently
# criticized a new Pakistani border fence, which many in Afghanistan view as a move to legitimize
# a frontier they reject"); "he", "she" and "they" point at someone the next sentences go on about.
_POINTING_AT_A_THING = frozenset({"it", "its"}) | DEMONSTRATIVES


def points_at_a_thing(question: str) -> bool:
    """Whether `question` points back by "it", "its", "this", "that", "these" or "those": at a
    thing or an event the last answer's lead names, whose sentence may hold what it asks."""
    return not _POINTING_AT_A_THING.isdisjoint(_WORD.findall(question.lower()))


def new_lead(
    offered: Sequence[Offered],
    unit: Unit,
    lead: ScoredSentence,
    repeated: Collection[Quoted],
    margin: float,
    asked_words: Callable[[ScoredSentence], int],
    pointed: Quoted | None = None,
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up's lead comes from when the lead chosen as usual (`lead`, of `unit`) was
    quoted before and is not the best supported sentence of its own result: the first result (in
    their order) offering a new sentence that scores above `lead` and within `margin` of the best
    new one, and holds as many of the turn's own distinctive words (`asked_words`) as `lead`
    does, with all its sentences and its new ones to choose the lead from. None keeps the lead:
    it is new, it is what its result answers best, or no new sentence scores above it while
    holding what the turn asks ("Who prepared it?" of a report the last answer quoted "prepared
    by NATO interrogators": a new sentence naming someone else does not answer it).

    `pointed`, the last answer's lead when the follow-up points at a thing it names
    (`points_at_a_thing`), is among the new sentences an older lead gives way to: "What did it tie
    the money to?", asked after "Who gave the most?" was answered "The European Union (EU) made
    the largest pledge … but tied it to …", asks of that sentence, not of the first turn's lead
    the history's words lift. As the lead itself it gives way as any repeated lead does ("Whom
    did he discuss it with on 8 March?": the next sentence)."""
    if not is_repeat(repeated, unit, lead):
        return None
    own = next(sentences for u, sentences in offered if u is unit)
    if lead.score >= max(s.score for s in own):  # its result's best supported: that result's answer
        return None
    held = asked_words(lead)
    passed = frozenset(repeated) - {pointed} | {Quoted(unit.id, (lead.start, lead.end))}
    new = [[s for s in sentences if not is_repeat(passed, u, s) and asked_words(s) >= held] for u, sentences in offered]
    scores = [s.score for sentences in new for s in sentences]
    if not scores or max(scores) <= lead.score:
        return None
    floor = max(max(scores) - margin, lead.score)
    for (u, sentences), fresh in zip(offered, new, strict=True):
        if any(s.score >= floor for s in fresh):
            return u, sentences, fresh
    return None  # not reached: the best new sentence is above the floor


def asked_lead(
    offered: Sequence[Offered],
    unit: Unit,
    lead: ScoredSentence,
    repeated: Collection[Quoted],
    margin: float,
    asked_words: Callable[[ScoredSentence], int],
    beside: Iterable[Offered] = (),
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up's lead comes from when the lead chosen as usual (`lead`, of `unit`) was
    quoted before and `new_lead` keeps it, or is new but holds none of the question's own
    distinctive words (`asked_words`: judged on the turn's words, not its history's; the
    history's words chose it): the first result (in their order) offering a new sentence that
    scores within `margin` of it and holds more of those words, with all its sentences and
    those new ones to choose the lead from; after the results, the same of `beside` (the last
    lead's neighbourhood: the passage after it and the notes its passage cites,
    service.context.neighbourhood), scored as they are, and read only when reached here (it
    may be scored as it is read). None keeps the lead: it is new and holds
    some of what the turn asks, or no new sentence as well supported holds more of it."""
    held = asked_words(lead)
    repeat = is_repeat(repeated, unit, lead)
    if held and not repeat:  # a new lead holding what the turn itself asks
        return None
    # A new lead the history's words chose gives way only to the last lead's neighbourhood: any
    # other result holding one of the turn's words is no likelier to be what it moves on to.
    for u, sentences in chain(offered, beside) if repeat else beside:
        fresh = [
            s
            for s in sentences
            if not is_repeat(repeated, u, s) and s.score >= lead.score - margin and asked_words(s) > held
        ]
        if fresh:
            return u, sentences, fresh
    return None


def own_words_lead(
    led: Offered, lead: ScoredSentence, repeated: Collection[Quoted], own_words: Callable[[ScoredSentence], int]
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up's lead comes from when the lead chosen as usual (`lead`, of the unit of
    `led` with its candidate sentences) holds none of the turn's own distinctive words
    (`own_words`: not the name its pronoun was read as), whatever it scores: the new sentences of
    that unit holding the most of them ("Who else did Pakistan detain for several years?" after
    two leaders who died in custody: "Baradar, for instance, was detained for several years …";
    "What was he involved in back in 2017?": "In 2017, he was involved in …", not the sentence
    naming him). The history found the passage; its sentence scoring best on the history's words
    is what the last answer said or the person's name. None keeps the lead: it holds some of the
    turn's words, or no other sentence of its unit does."""
    unit, sentences = led
    if own_words(lead):
        return None
    counted = [(own_words(s), s) for s in sentences if s is not lead and not is_repeat(repeated, unit, s)]
    most = max((n for n, _ in counted), default=0)
    if not most:
        return None
    return unit, sentences, [s for n, s in counted if n == most]


def cited_note_lead(
    notes: Iterable[Offered],
    lead: ScoredSentence,
    repeated: Collection[Quoted],
    margin: float,
    asked_words: Callable[[ScoredSentence], int],
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up's lead comes from when a note the last lead's passage cites (`notes`:
    the footnotes of its neighbourhood, service.context.neighbourhood, scored as the results
    are) adds what the turn asks: the note offering the best new sentence that holds some of the
    turn's own distinctive words (`asked_words`) and either as many as `lead` while scoring
    above it, or more while scoring within `margin` of it. A report leaves the detail of what a
    sentence tells (who said it, when, by how much, the article quoted) to the note closing it,
    and a note's one sentence on it is diluted in the ranking by the note's other sources ("Who
    led their delegation to Islamabad in December 2020?" after an answer on Taliban negotiators
    consulting Pakistani officials: the note closing that sentence, not another note's October
    visit). None keeps the lead (docs/retrieval.md, "Follow-ups")."""
    held = asked_words(lead)
    best: tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None = None
    bar = lead.score
    for unit, sentences in notes:
        fresh = [
            s
            for s in sentences
            if s is not lead
            and not is_repeat(repeated, unit, s)
            and (words := asked_words(s))
            and ((words >= held and s.score > lead.score) or (words > held and s.score >= lead.score - margin))
        ]
        top = max((s.score for s in fresh), default=None)
        if top is not None and (best is None or top > bar):
            best, bar = (unit, sentences, fresh), top
    return best


def asks_only_what_followed(question: str) -> bool:
    """Whether `question` is made of a word of sequence and nothing else of its own: "What
    happened next?", "What happened later?", "What happened subsequently?", "What next?", or
    "then", "after", "since" beside a verb asking for an event ("And what happened then?", "What
    happened after that?"). It points back at the last answered turn and asks what came after
    that turn's lead (service.chat reads it with its conversation; `next_lead`), where "then"
    with words of its own may mean "at that time" ("Who else died in custody then?")."""
    words = _WORD.findall(question.lower())
    if not words or any(word not in _BARE_SEQUENCE for word in words):
        return False
    if not LATER.isdisjoint(words):
        return True
    return not _EVENT_ASKING.isdisjoint(words) and not (AFTER_WORDS | {"then"}).isdisjoint(words)


def asks_what_followed(question: str, lead: str) -> bool:
    """Whether a follow-up asks what came after the event the last answer led with (`lead`, that
    sentence's text): a word of sequence ("next", "afterwards"), "and then", "after", "since" or
    "following" before "that", "this" or "then", or before a pronoun and the event `lead` states
    ("after he was released", "after his release": the event's words held by `lead`; "after his
    death" of a lead on someone's tenure asks of another event). "then" alone may mean "at that
    time" ("Who else died in custody then?"), and "after the 2001 attacks" names its own event."""
    words = _WORD.findall(question.lower())
    if not AFTERWARDS.isdisjoint(words) or asks_only_what_followed(question):
        return True
    for at, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        if (first, second) == ("and", "then") or (first in AFTER_WORDS and second in _THAT):
            return True
        if first in AFTER_WORDS and second in THIRD_PERSON:
            event = terms_of(" ".join(words[at + 2 : at + 2 + EVENT_WORDS])) - ASKING_TERMS - FUNCTION_TERMS
            if event & terms_of(lead):
                return True
    return False


def dated_lead(
    offered: Sequence[Offered],
    unit: Unit,
    lead: ScoredSentence,
    repeated: Collection[Quoted],
    margin: float,
    dates: Callable[[Unit, ScoredSentence], bool],
    states: Callable[[Unit, ScoredSentence], bool],
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up naming a day ("Whom did he discuss it with on 8 March?") leads from when
    the lead chosen as usual (`lead`, of `unit`) was quoted before and dates only other days or
    months (`dates` true, `states` false): the new sentences of its own unit stating that day,
    else those of the first other result offering one within `margin` of the lead. The history's
    words lift the sentence the last answer led with ("… discussed the plan with President Ghani
    … during a 1-4 March 2021 trip to Kabul."); the day the turn names tells which of the events
    its unit goes on to is asked about ("… subsequently discussed it with Pakistan's army chief
    Bajwa on 8 March."). A day no new sentence states leaves the lead, and the verdict, as they
    were (docs/retrieval.md, "Follow-ups")."""
    if not is_repeat(repeated, unit, lead) or not dates(unit, lead) or states(unit, lead):
        return None
    ordered = [(u, sentences) for u, sentences in offered if u is unit] + [
        (u, sentences) for u, sentences in offered if u is not unit
    ]
    for u, sentences in ordered:
        fresh = [
            s
            for s in sentences
            if not is_repeat(repeated, u, s) and states(u, s) and (u is unit or s.score >= lead.score - margin)
        ]
        if fresh:
            return u, sentences, fresh
    return None


def next_lead(
    last: Offered,
    span: tuple[int, int],
    after: Offered | None,
    repeated: Collection[Quoted],
    placed: Callable[[Unit, ScoredSentence], bool] = lambda unit, sentence: True,
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up asking what came after the last answer's lead (`asks_what_followed`)
    is led from: the first candidate sentence after that lead (`span`) in its unit (`last`, with
    its candidate sentences), else the first of the passage after it (`after`), with all that
    unit's sentences and it alone to choose the lead from. When that sentence is `placed` in no
    time (a date, a year or a time relative to another event) and the one after it in its unit
    is, that one leads: a report tells the next event with its time, and a sentence between
    placed in none comments on the last ("It's unclear whether he did indeed mediate this
    disagreement." before "Tellingly, however, just a few days after his arrival in Kabul, the
    Taliban announced …"). None when the sentence chosen was quoted before (the usual choice
    decides) or there is none."""
    unit, sentences = last
    later = [s for s in sentences if s.start >= span[1]]
    if not later and after is not None:
        (unit, sentences), later = after, after[1]
    if not later:
        return None
    first, *rest = sorted(later, key=lambda s: s.start)
    if rest and not placed(unit, first) and placed(unit, rest[0]):
        first = rest[0]
    return None if is_repeat(repeated, unit, first) else (unit, sentences, [first])


def restated_lead(
    last: Offered, span: tuple[int, int], states: Callable[[ScoredSentence], bool]
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up asking only for a value of the last answer's lead ("When was that?") or
    whoever did it ("Who led it?") is led from: that lead (`span`, of `last`), quoted again, when
    it `states` what is asked (a name; a date, or a time relative to another event: "… just a
    few days after his arrival in Kabul, the Taliban announced …"), rather than another sentence
    of its unit, whose value is another event's ("In 2017, he was involved …"). None when it
    states none: the value is elsewhere."""
    unit, sentences = last
    lead = next((s for s in sentences if (s.start, s.end) == span), None)
    return (unit, sentences, [lead]) if lead is not None and states(lead) else None


def lead_first(results: Sequence[Result], unit_id: str) -> tuple[Result, ...]:
    """The results with the one the answer leads with first, the others in their order, ranks
    renumbered: a follow-up's first result is what it adds, not what was shown before."""
    lead = [r for r in results if r.hit.unit.id == unit_id]
    ordered = lead + [r for r in results if r.hit.unit.id != unit_id]
    return tuple(replace(r, rank=rank) for rank, r in enumerate(ordered, start=1))
