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
  repeated sentence follows it (composing keeps it second);
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
- `lead_first`: the result the answer leads with comes first.

A repeated sentence is never dropped. It still leads when it is its result's best supported
sentence (the fused order ranked that result first, and this is what it answers with) or when no
new sentence scores higher: then it is the one that answers (docs/retrieval.md, "Follow-ups").
A question asking for a source ("What is the source for that?") asks about what was quoted, and
is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from itertools import chain

from service.records import Quoted, Result, Unit
from service.sentences import ScoredSentence

Offered = tuple[Unit, list[ScoredSentence]]  # a result's unit and its candidate sentences


def is_repeat(repeated: Collection[Quoted], unit: Unit, sentence: ScoredSentence) -> bool:
    """Whether an earlier answer of the conversation quoted this sentence."""
    return Quoted(unit.id, (sentence.start, sentence.end)) in repeated


def new_lead(
    offered: Sequence[Offered],
    unit: Unit,
    lead: ScoredSentence,
    repeated: Collection[Quoted],
    margin: float,
    asked_words: Callable[[ScoredSentence], int],
) -> tuple[Unit, list[ScoredSentence], list[ScoredSentence]] | None:
    """Where a follow-up's lead comes from when the lead chosen as usual (`lead`, of `unit`) was
    quoted before and is not the best supported sentence of its own result: the first result (in
    their order) offering a new sentence that scores above `lead` and within `margin` of the best
    new one, and holds as many of the turn's own distinctive words (`asked_words`) as `lead`
    does, with all its sentences and its new ones to choose the lead from. None keeps the lead:
    it is new, it is what its result answers best, or no new sentence scores above it while
    holding what the turn asks ("Who prepared it?" of a report the last answer quoted "prepared
    by NATO interrogators": a new sentence naming someone else does not answer it)."""
    if not is_repeat(repeated, unit, lead):
        return None
    own = next(sentences for u, sentences in offered if u is unit)
    if lead.score >= max(s.score for s in own):  # its result's best supported: that result's answer
        return None
    held = asked_words(lead)
    new = [
        [s for s in sentences if not is_repeat(repeated, u, s) and asked_words(s) >= held] for u, sentences in offered
    ]
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


def lead_first(results: Sequence[Result], unit_id: str) -> tuple[Result, ...]:
    """The results with the one the answer leads with first, the others in their order, ranks
    renumbered: a follow-up's first result is what it adds, not what was shown before."""
    lead = [r for r in results if r.hit.unit.id == unit_id]
    ordered = lead + [r for r in results if r.hit.unit.id != unit_id]
    return tuple(replace(r, rank=rank) for rank, r in enumerate(ordered, start=1))
