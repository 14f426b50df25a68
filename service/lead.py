"""Which sentence of the answer's candidates leads, and the hand-offs that move the lead to
another sentence (service.answer gathers the candidates and calls these; this module never
imports it).

- the lead unit: the first result offering a sentence, or for a definition question the first
  defining its term, for a quoted phrase the first holding it (`choose_lead_unit`);
- its best sentence, weighed with its own late interaction (LATE_WEIGHT) and the question's
  rarer words, the asked month before another (`best_lead`, `of_the_asked_month`);
- a lower result's sentence taking the lead from a note, or clearly better than a passage's
  lead (`passage_over_note`, `clearer_lower_lead`: docs/tuning.md, sessions 23, 29 and 33);
- a sentence holding what is asked by its noun, or a value of the asked type, when the lead
  holds none (`typed_lead`, `valued_lead`: docs/retrieval.md, "A lead that holds what is
  asked");
- the sentences quoted with the lead and their order: the one it leans on or points back to,
  the one after a restating lead, a premise's or a set-up's hand-off to the next sentence, or
  the one after an aside in brackets (`choose_lead`, `_sets_up`, `_restates_the_premise`,
  `_past_aside`: docs/tuning.md, sessions 24, 34, 35, 36 and 38);
- the lead unit's runner-up, after a lead quoted alone or third after a restating pair
  (`runner_up_sentence`, `runner_up_after_pair`: docs/tuning.md, sessions 35 and 39).

What these read of the question and the index is service.composing's (`AskedFor`, `Sources`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from service.answer_type import (
    AskedKind,
    count_numbers,
    holds_given,
    names_a_body,
    names_beyond,
    names_someone_new,
    names_the_kind,
    states,
    states_office,
    writes_office,
)
from service.bm25 import terms_of
from service.composing import (
    ANSWER_MARGIN,
    ANSWER_SENTENCES,
    COMMON_TERM_SHARE,
    AskedFor,
    Sources,
    content_terms_of,
    defines_asked_term,
    quotes,
    rare_share,
    rarity,
    states_value,
    states_wanted,
    writes_titled_surname,
)
from service.dates import YEAR, date_values, dated_spans
from service.evidence import WORD, capitalised_names
from service.holders import asks_who_the_role_is
from service.question_words import ASKING_TERMS, FUNCTION_TERMS, QUESTION_OPENERS, SUBJECT_PRONOUNS, WH_WORDS
from service.records import Unit
from service.relations import is_post
from service.sentences import (
    ScoredSentence,
    asks_by_pointing,
    asks_for_its_noun,
    asks_what_it_points_to,
    is_question,
    late_scores,
    leans_on_previous,
    names_by_pointing,
    pointer_stands_for_asked,
    points_back,
    subject_points_back,
    subject_word,
)
from service.text import POSSESSIVE_END

RESTATES = 0.6  # a sentence holding this share of the question's terms restates it
LATE_WEIGHT = 2.5  # weight of a sentence's own MaxSim when choosing the lead among its unit's (docs/tuning.md)
# Weighed lead scores this close are a tie that the sentences' own scores break: a difference this
# small is the rounding of the word pieces' MaxSim, which another machine's arithmetic reverses
# (docs/tuning.md, session 42)
LATE_TIE = 0.005
PARTLY_RESTATES = 0.4  # a lead holding this share of the question's terms sets up the next sentence's answer
ELABORATION_TERMS = 3  # new content terms after a colon or dash that make a restating lead answer
_ELABORATION = re.compile(r":\s|\s?[—–]\s?")
_BEFORE_WORD = re.compile(r"\bbefore\b", re.IGNORECASE)  # a lead that writes "before" speaks of the time asked
POINTED_BACK = 2  # sentences before a lead opening on "For this reason", "In that scenario", … quoted after it
CLEARER_BY = 0.15  # a lower result's sentence outscoring a passage's lead by this leads (docs/tuning.md)
# A date or quantity question's lead is its unit's best-scoring sentence, unless a sentence within
# TYPED_NEAR of its score, stating a value of the asked type too, holds TYPED_RARER_BY more of the
# question's rarer words and TYPED_RARER_TIMES as much (`_named_value`; docs/tuning.md, session 58).
TYPED_NEAR = 0.1
TYPED_RARER_BY = 0.2
TYPED_RARER_TIMES = 1.5
# A lower result's sentence holding the asked noun ("Which <noun> …?") and close to the lead by score
# alone takes the lead from it only when it holds at least this share of the lead's share of the
# question's other rarer words: on dev, the five such leads that lost the answer held 0.04-0.27 of
# it, the two that found it 0.36 and 0.53 (docs/tuning.md, session 55).
NOUN_ELSEWHERE_SHARE = 0.3
# A follow-up's lead goes to a lower result's sentence only if it holds this many of the turn's own
# words that the lead lacks (docs/tuning.md, session 33)
OWN_WORDS_BEYOND_LEAD = 2
# A value a restating lead's next sentence states dates or counts the words this near it (docs/tuning.md, session 45)
VALUE_REACH = 4
# A restating lead whose next sentence supplies nothing of what is asked hands over to a sentence at
# most this many places after it (docs/tuning.md, session 46)
FURTHER_REACH = 3
# … that holds at least this many of the question's rarer words the lead lacks: one word ("two", "keep",
# "kill", "Islamabad") is as often written two places on by a sentence that answers nothing (docs/tuning.md, session 46)
FURTHER_WORDS = 2
# A lead as it is chosen: its unit, the unit's candidate sentences, the lead sentence.
_LeadChoice = tuple[Unit, list[ScoredSentence], ScoredSentence]
_ASKS_WHY = re.compile(r"\s*why\b", re.IGNORECASE)
_ASKS_WHO = re.compile(r"\s*(?:who|whom)\b", re.IGNORECASE)
# A subject opening on one of these names no one ("Several top Taliban leaders …", "The fence …").
_UNNAMED_SUBJECTS = frozenset(
    "the a an this that these those such some several many most few both all each any no".split()
)


def runner_up_sentence(
    quoted: list[tuple[ScoredSentence, Unit]],
    lead_unit: Unit,
    lead_sentences: list[ScoredSentence],
    asked: AskedFor,
    sources: Sources,
) -> list[tuple[ScoredSentence, Unit]]:
    """The lead unit's next best sentence (as `best_lead` weighs them), quoted after the lead
    (and what `choose_lead` quotes with it) when no other sentence of its unit would be among the
    answer's first ANSWER_SENTENCES of `quoted`. A long passage holds several sentences sharing the
    question's words; the one naming the topic ("The TTP waged a horrific campaign …") often
    leads, and the one answering about it, its subject a pronoun ("It will be inspired to step
    up attacks in Pakistan."), or the one a pointing lead stands on (the process "That process
    still exists, …" names), is its unit's runner-up, while the other results' sentences,
    chosen by their own scores (a name's bonus, the topic's words), filled the answer's other
    places or set its floor above it (docs/tuning.md, session 35). Not for a date, quantity or comparison question
    (another result's sentence may hold the value or the other side, and the verdict reads
    every quoted sentence for a count), a question asking who a role is (another result names
    the holder: service.holders), nor a source question (its answer is the claim and its
    notes)."""
    if _leaves_runner_up_alone(asked):
        return []
    first = _quoted_once(quoted)
    if sum(unit is lead_unit for _, unit in first[:ANSWER_SENTENCES]) > 1:
        return []
    taken = {sentence.row for sentence, _ in first[:ANSWER_SENTENCES]}
    left = [s for s in lead_sentences if s.row not in taken]
    if not left:
        return []
    return [(best_lead(left, asked, sources), lead_unit)]


def runner_up_after_pair(
    answer: list[tuple[ScoredSentence, Unit]],
    lead_unit: Unit,
    lead_sentences: list[ScoredSentence],
    asked: AskedFor,
    sources: Sources,
) -> list[tuple[ScoredSentence, Unit]]:
    """`answer`, or with the lead unit's runner-up (as `best_lead` weighs the rest) in its third
    place, when it opens on two neighbouring sentences of that unit, one restating the question
    (PARTLY_RESTATES of its terms: `choose_lead`'s restating lead and the sentence after it, or a
    premise's or a set-up's hand-off), and its third sentence, if any, is another result's that
    holds a smaller share of the question's rarer words (`rare_share`) than the runner-up. A
    paragraph may answer only two or three sentences after the one restating the question
    ("Pakistan asked for the Taliban's inclusion … as early as the 2001 Bonn conference; did
    those efforts ever pay off?": "… appeared to bear fruit a decade later"), past a next sentence
    that answers nothing, and `runner_up_sentence` quotes a runner-up only after a lead quoted
    alone. Without the rarer-words guard the runner-up pushed out other results' answering
    sentences more often than it answered (docs/tuning.md, session 39). Not for the questions
    `runner_up_sentence` leaves alone (a date, quantity, comparison or source question, or one
    asking who a role is)."""
    if _leaves_runner_up_alone(asked):
        return answer
    first = _quoted_once(answer)
    if not _restating_pair(first, lead_unit, asked, sources):
        return answer
    third = first[ANSWER_SENTENCES - 1] if len(first) >= ANSWER_SENTENCES else None
    if third is not None and third[1] is lead_unit:
        return answer
    taken = {sentence.row for sentence, _ in first[:2]}
    left = [s for s in lead_sentences if s.row not in taken]
    if not left:
        return answer
    runner = best_lead(left, asked, sources)
    if third is not None and rare_share(runner, asked, sources) <= rare_share(third[0], asked, sources):
        return answer
    at = next(i for i, (sentence, _) in enumerate(answer) if sentence.row == first[1][0].row) + 1
    return [*answer[:at], (runner, lead_unit), *answer[at:]]


def next_result_sentence(
    answer: list[tuple[ScoredSentence, Unit]],
    offered: list[tuple[Unit, list[ScoredSentence]]],
    lead_unit: Unit,
    kept: frozenset[int],
    asked: AskedFor,
) -> list[tuple[ScoredSentence, Unit]]:
    """`answer`, or with the best sentence of a result it does not quote (`other`, of the first
    such result in the ranking's order that qualifies) among its first ANSWER_SENTENCES, when the
    lead's unit fills a place after the lead with a sentence that is no hand-off of the lead
    (`kept`: the rows `choose_lead` quotes) and scores lower than `other`. The runner-up steps
    and the floor fill the places after the lead from its unit, while the result ranked 2nd or
    3rd often holds the sentence that answers, scored higher ("How is Islamabad's patronage of
    the movement changing …?": the lead unit's "However, both sides have a strong interest …",
    where the second result writes "… transitioning from chief external sponsor of the
    Taliban's conflict to chief external sponsor of their government"; docs/tuning.md, session
    52). With a place left, `other` fills it. In a full answer it comes second, before that
    sentence of the lead's unit, only when it also outscores the third sentence it pushes out:
    a third place held by a lower result's sentence or by the lead unit's runner-up
    (`runner_up_after_pair`) answered as often as `other` did, scored lower. The lead never
    moves. Not for the questions the runner-up steps leave alone (`_leaves_runner_up_alone`: a
    date, quantity, comparison or source question, or one asking who a role is)."""
    if _leaves_runner_up_alone(asked):
        return answer
    first = _quoted_once(answer)[:ANSWER_SENTENCES]
    extras = [s for s, owner in first[1:] if owner is lead_unit and s.row not in kept]
    if not extras:
        return answer
    quoted_units = {unit.id for _, unit in first}
    best = [
        (max(sentences, key=lambda s: s.score), unit)
        for unit, sentences in offered
        if sentences and unit.id not in quoted_units
    ]
    lowest = min(s.score for s in extras)
    full = len(first) >= ANSWER_SENTENCES
    # The first result in the ranking's order whose best sentence answers better.
    found = next(
        ((s, u) for s, u in best if s.score > lowest and (not full or s.score > first[2][0].score)),
        None,
    )
    if found is None:
        return answer
    other, unit = found
    if not full:
        return [*answer, (other, unit)]
    second = first[1]
    if second[1] is not lead_unit or second[0].row in kept or second[0].score >= other.score:
        return answer
    at = next(i for i, (sentence, _) in enumerate(answer) if sentence.row == second[0].row)
    return [*answer[:at], (other, unit), *answer[at:]]


def _leaves_runner_up_alone(asked: AskedFor) -> bool:
    """A date, quantity, comparison or source question, or one asking who a role is: the
    runner-up steps leave its answer as chosen."""
    typed = asked.wanted is not None or asked.compared is not None or asked.source
    return typed or asks_who_the_role_is(asked.question)


def _quoted_once(quoted: list[tuple[ScoredSentence, Unit]]) -> list[tuple[ScoredSentence, Unit]]:
    """The sentences an answer quotes, each once, in the answer's order."""
    first: list[tuple[ScoredSentence, Unit]] = []
    for sentence, unit in quoted:
        if all(sentence.row != other.row for other, _ in first):
            first.append((sentence, unit))
    return first


def _restating_pair(
    first: list[tuple[ScoredSentence, Unit]], lead_unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether the answer's first two sentences are neighbours in the lead's unit, one of them
    holding PARTLY_RESTATES of the question's terms."""
    if len(first) < 2 or first[0][1] is not lead_unit or first[1][1] is not lead_unit:
        return False
    one, other = first[0][0], first[1][0]
    restating = max(asked_share(one, asked, sources), asked_share(other, asked, sources))
    return abs(one.row - other.row) == 1 and restating >= PARTLY_RESTATES


def passage_over_note(
    offered: list[tuple[Unit, list[ScoredSentence]]], current: _LeadChoice, asked: AskedFor, sources: Sources
) -> _LeadChoice:
    """`current` (the lead's unit, its sentences, the lead), or, when it comes from a note, the
    best sentence of a passage among the answer's results that outscores it as a lead
    (`_lead_score`), holds as large a share of the question's rarer words (`rare_share`) and
    writes every name of the question the note's lead writes (`_names_held`: "Following the 1989
    Soviet withdrawal …" dates another war than "the U.S. war" asked, as `valued_lead` reads
    it). A note ranks first by what it shares with the question across all its sentences, its
    reference entries and asides among them ("The expert added: …" for "Did Pakistan back the
    Taliban?"), while the passage ranked beside it states the answer in one sentence ("Pakistan
    has backed the Taliban from their earliest days."). Only a note gives way: letting any first
    result give way to a lower one's better sentence lost more leads than it won (docs/tuning.md,
    session 29). Not for a question that chooses its unit by what it asks (a source, a
    definition, a quoted phrase)."""
    if current[0].kind != "footnote" or asked.source or asked.defined is not None or asked.quoted:
        return current
    moved = _lead_elsewhere(offered, current, asked, sources, lambda unit, _: unit.kind == "passage")
    return moved if moved is not current else _past_the_premise(offered, current, asked, sources)


def _past_the_premise(
    offered: list[tuple[Unit, list[ScoredSentence]]], current: _LeadChoice, asked: AskedFor, sources: Sources
) -> _LeadChoice:
    """`current` (a note's lead, its unit and sentences), or, for a question stating, fronting or
    embedding a premise (`AskedFor.premise`) whose note lead restates it (`_restates`), the best
    sentence of a passage among the answer's results that holds more of what the question asks
    beyond the premise (`AskedFor.asking_terms`, each weighed by its rarity) than the note's lead.
    The premise is the user's own statement, and a note naming the same event with its date,
    count or source ("After two such attacks in September 2019 in which four soldiers were
    killed, Pakistan's foreign ministry lodged a protest …") ranks above the passage stating what
    is asked ("Pakistan has accused Afghan intelligence and India of backing Pakistani militants
    …") on the premise's words alone. `passage_over_note`'s lead-score and rarer-words tests read
    the whole question, the premise's words among them, so they keep the note. Only a note gives
    way: a passage ranked first on a premise lost more leads than it gave (docs/tuning.md,
    session 41). The note keeps the lead when any sentence of its own holds as much of what is
    asked, or when the premise hand-off (`choose_lead`) gives its lead to the sentence after it.
    Not for a follow-up (its history chose the first result), a sentence leaning on the one
    before it, or a reference entry."""
    lead_unit, lead_sentences, lead = current
    if asked.premise is None or asked.follows or asked.repeated or not asked.asking_terms:
        return current
    if not _restates(sources.sentence_terms.get(lead.row, frozenset()), asked):
        return current
    if choose_lead(lead, lead_sentences, lead_unit, asked, sources)[0] is not lead:
        return current  # the premise hand-off gives the lead to the note's next sentence, which answers
    # The note's own sentences set the bar: one after the restating lead may state what is asked
    # ("Baradar also met with Taliban leaders in Pakistan." for "Besides meeting … officials …,
    # whom else did Baradar meet?").
    own = [s for s in lead_sentences if not sources.reference[s.row]]
    if not own:
        return current  # a note of reference entries alone, kept where its source is named (answer.names_its_source)
    bar = max(_rarity_held(asked.asking_terms, s, sources) for s in own)
    best = current
    for unit, sentences in offered:
        if unit is lead_unit or unit.kind != "passage":
            continue
        candidate = best_lead(sentences, asked, sources)
        if sources.reference[candidate.row] or not _stands_alone(unit.text_of(candidate)):
            continue
        held = _rarity_held(asked.asking_terms, candidate, sources)
        if held > bar:
            bar, best = held, (unit, sentences, candidate)
    return best


def _rarity_held(terms: frozenset[str], sentence: ScoredSentence, sources: Sources) -> float:
    """The sum of the rarity (-log of the share of sentences holding it) of each of `terms` the
    sentence holds; 0 when the rarity is unknown."""
    share_of = sources.term_share
    if share_of is None:
        return 0.0
    held = terms & sources.sentence_terms.get(sentence.row, frozenset())
    return sum(rarity(term, share_of) for term in held)


def clearer_lower_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]], current: _LeadChoice, asked: AskedFor, sources: Sources
) -> _LeadChoice:
    """`current` (the lead of a passage ranked first, its unit and sentences), or the best
    sentence of a lower result that answers clearly better: its own score (cosine, share of the
    question's words, the bonuses for what is asked) higher by CLEARER_BY, its `_lead_score`
    higher, as large a share of the question's rarer words (`rare_share`) and every name of the
    question the lead writes (`_names_held`).
    A passage ranks first by its whole paragraph; when another result's one sentence states the
    point that much more closely ("Pakistan has supported the Afghan peace process, largely
    because …" below "Should the Afghan peace process … fail, Islamabad's relations … would …"),
    the sentence answers. Without the margin and the rarer-words guard, letting a passage give
    way lost more leads than it won (docs/tuning.md, sessions 23 and 29). Not for a "Why …?"
    question (its reason is worded apart from the event it explains, as `best_lead` reads it),
    nor for a sentence leaning on the one before it ("It is in Pakistan's interest to do so.",
    "For this reason, …") or opening a quote ("As a study … noted:"), nor when the lead hands the
    lead to the sentence beside it (`choose_lead`: "Islamabad was one of only three countries …" sets up
    "Islamabad helped reconstitute the group after U.S. forces overthrew them …"); nor for a
    question that chooses its unit by what it asks (a source, a definition, a quoted phrase)."""
    lead_unit, lead_sentences, lead = current
    if asked.source or asked.defined is not None or asked.quoted or _ASKS_WHY.match(asked.question):
        return current
    if choose_lead(lead, lead_sentences, lead_unit, asked, sources)[0] is not lead:  # it sets up the sentence beside it
        return current
    return _lead_elsewhere(
        offered,
        current,
        asked,
        sources,
        lambda unit, candidate: candidate.score > lead.score + CLEARER_BY and _stands_alone(unit.text_of(candidate)),
    )


def _lead_elsewhere(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    current: _LeadChoice,
    asked: AskedFor,
    sources: Sources,
    eligible: Callable[[Unit, ScoredSentence], bool],
) -> _LeadChoice:
    """`current` (the lead's unit, its sentences, the lead), or the best sentence of another
    offered unit that `eligible` admits and that scores higher as a lead (`_lead_score`) and
    answers as closely (`_as_close`: as large a share of the question's rarer words and every
    name of the question the lead writes): the test `passage_over_note` and
    `clearer_lower_lead` share, each admitting its own units. A follow-up's lead gives way only
    to a sentence that also states the turn's own words beyond it (`_states_more_of_the_turn`)."""
    lead_unit, _, lead = current
    bar = _lead_score(lead, asked, sources)
    best = current
    follow_up = asked.follows or bool(asked.repeated)
    for unit, sentences in offered:
        if unit is lead_unit:
            continue
        candidate = best_lead(sentences, asked, sources)
        score = _lead_score(candidate, asked, sources)
        if (
            score > bar
            and _as_close(candidate, unit, lead, lead_unit, asked, sources)
            and eligible(unit, candidate)
            and (not follow_up or _states_more_of_the_turn(candidate, lead, asked, sources))
        ):
            bar, best = score, (unit, sentences, candidate)
    return best


def _states_more_of_the_turn(sentence: ScoredSentence, lead: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether a lower result's sentence holds OWN_WORDS_BEYOND_LEAD or more of a follow-up's own
    content terms that its lead lacks (a pronoun's borrowed name left out), and a larger share of
    its rarer words (`rare_share`). A follow-up's history finds its first result, often the
    passage the last answer quoted, and the lead is that passage's best sentence; when the turn
    asks, in words of its own, what a note or passage below states ("What did its foreign
    minister say about being guarantors?" after a former ambassador's words: the cited note's
    "Foreign Minister Qureshi said: \"We cannot be guarantors, …\""), that sentence answers. With the
    rarer share alone, "Had he been there before?" and "Who was he negotiating with in 2017?" lost
    the leads their history found to sentences of other visits and other talks; with one word
    beyond the lead, the first still did (docs/tuning.md, session 33)."""
    own = asked.content_terms - asked.borrowed
    held = sources.sentence_terms.get(sentence.row, frozenset()) & own
    led = sources.sentence_terms.get(lead.row, frozenset()) & own
    return len(held - led) >= OWN_WORDS_BEYOND_LEAD and rare_share(sentence, asked, sources) > rare_share(
        lead, asked, sources
    )


def _stands_alone(text: str) -> bool:
    """Whether a sentence says its point without the one before it, or the quote after it."""
    return not (leans_on_previous(text) or points_back(text) or text.rstrip().endswith(":"))


def _lead_score(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> float:
    """A sentence's score as `best_lead` weighs it within its unit: raised by LATE_WEIGHT times
    its own MaxSim to the question, except for a date or quantity question (its type bonus
    chooses) or when the word pieces are not at hand."""
    if asked.tokens is None or sources.pieces is None or asked.wanted is not None:
        return sentence.score
    spans, vectors = sources.pieces(sentence.unit_index)
    late = late_scores(asked.tokens, spans, vectors, [(sentence.start, sentence.end)])
    return sentence.score + LATE_WEIGHT * float(late[0])


def holds_kind(kind: AskedKind, unit: Unit, sentence: ScoredSentence, question: str) -> bool:
    """Whether a sentence of `unit` holds what the question asks for by its noun
    (answer_type.asked_kind): an office written beside the asked name, or said of them as the
    subject, by name or by the pronoun opening the sentence (`states_office`)."""
    text = unit.text_of(sentence)
    if kind.office_of:
        if not holds_given(text, kind):  # "What role did X give Y?": X's gift, not another post of Y's
            return False
        return writes_office(text, kind.office_of, is_post, question) or states_office(
            text, unit.text[: sentence.start], kind.office_of, is_post, question
        )
    if kind.noun:
        return names_the_kind(kind.noun, text, question)
    return names_beyond(kind.aside, text, question)


def typed_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    lead: ScoredSentence,
    lead_unit: Unit,
    asked: AskedFor,
    sources: Sources,
) -> tuple[ScoredSentence, Unit] | None:
    """A sentence holding what the question asks for by its noun (an office beside the asked
    name, a name with the asked noun, something besides what it sets aside), when the lead does
    not: the lead unit's best such sentence, else the first later result's that is close enough
    to be quoted at all (within ANSWER_MARGIN of the lead) or that answers as closely
    (`_as_close`). None when the lead holds it or no sentence does (docs/retrieval.md, "A lead
    that holds what is asked")."""
    kind = asked.kind  # a source question's answer is its note (service.source_answer), whatever it names
    if kind is None or asked.source or holds_kind(kind, lead_unit, lead, asked.question):
        return None
    for unit, sentences in offered:
        holding = [
            s
            for s in sentences
            if holds_kind(kind, unit, s, asked.question)
            and (
                unit is lead_unit
                or _as_close(s, unit, lead, lead_unit, asked, sources)
                or (s.score >= lead.score - ANSWER_MARGIN and _asks_beyond_the_noun(s, lead, kind, asked, sources))
            )
        ]
        if holding:
            return max(holding, key=lambda s: s.score), unit
    return None


def _asks_beyond_the_noun(
    sentence: ScoredSentence, lead: ScoredSentence, kind: AskedKind, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a lower result's sentence, close to the lead by score alone, holds at least
    NOUN_ELSEWHERE_SHARE of the lead's share of the question's rarer words other than the asked
    noun (`rare_share` without it). Writing the noun of something else is not answering: "Which Pakistani
    spy chief was in Kabul in early September?" is answered by the first result's "The director of
    Pakistan's main spy agency, Faiz Hameed, was in Kabul in early September", and a lower note's
    "the U.S. Central Command chief called Bajwa …" holds "chief" and nothing else asked
    (docs/tuning.md, session 55). A lead restating the question whose noun a lower result names
    ("Islamabad was one of only three countries to recognize …" above "… the others being Saudi
    Arabia and the United Arab Emirates …") still gives way: that sentence holds half its words."""
    noun = terms_of(kind.noun) if kind.noun else frozenset()
    bar = rare_share(lead, asked, sources, without=noun)
    return bar <= 0.0 or rare_share(sentence, asked, sources, without=noun) >= NOUN_ELSEWHERE_SHARE * bar


def _as_close(
    sentence: ScoredSentence, unit: Unit, lead: ScoredSentence, lead_unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a lower result's sentence answers the question as closely as the lead, whatever
    its score: as large a share of the question's rarer words (`rare_share`) and every name of
    the question the lead writes (`_names_held`). A lead restating the question's words scores
    well above a sentence naming what is asked ("Violence in Afghanistan would also spill over
    into Pakistan, … Taliban gains …" above "Of particular importance to Pakistan is the Haqqani
    network, the Taliban's most … strong faction" for "Which Taliban faction is closest to
    Pakistan?"); the guard is the one a lead from elsewhere passes (`_lead_elsewhere`,
    docs/tuning.md, session 30)."""
    return rare_share(sentence, asked, sources) >= rare_share(lead, asked, sources) and _names_held(
        unit, sentence, asked
    ) >= _names_held(lead_unit, lead, asked)


def valued_lead(
    offered: list[tuple[Unit, list[ScoredSentence]]],
    lead: ScoredSentence,
    lead_unit: Unit,
    asked: AskedFor,
    sources: Sources,
) -> tuple[ScoredSentence, Unit] | None:
    """A date or quantity question whose lead states no value of the asked type: the first later
    result's best sentence that does, within ANSWER_MARGIN of the lead (close enough to be
    quoted at all). Within the lead unit the type bonus already chose; across units the first
    result leads, and its best sentence may only name the thing ("His release was facilitated
    …") while the next result's gives its date ("… before his 2018 release"). A reference
    entry's date is when a work came out, not the asked event's ("Dawn, 27 October 2018"): the
    lead unit's entries do not count as stating a value, and no entry leads here
    (`_states_own_value`). The sentence must also hold as large a share of the question's terms
    and every name of it the lead writes: a dated sentence without the asked "U.S." dates
    another war (docs/retrieval.md, "A lead that holds what is asked")."""
    if asked.wanted is None or asked.source:
        return None
    lead_sentences = next(sentences for unit, sentences in offered if unit is lead_unit)
    if any(_states_own_value(asked, lead_unit, s, sources) for s in lead_sentences):
        return None  # the lead unit states one: the type bonus and the restating reading choose (`choose_lead`)
    for unit, sentences in offered:
        if unit is lead_unit:
            continue
        stating = [
            s
            for s in sentences
            if _states_own_value(asked, unit, s, sources)
            and s.score >= lead.score - ANSWER_MARGIN
            and asked_share(s, asked, sources) >= asked_share(lead, asked, sources)
            and _names_held(unit, s, asked) >= _names_held(lead_unit, lead, asked)
        ]
        if stating:
            return max(stating, key=lambda s: s.score), unit
    return None


def _states_own_value(asked: AskedFor, unit: Unit, sentence: ScoredSentence, sources: Sources) -> bool:
    """Whether a sentence states the asked value in its own words: not a reference entry, whose
    date is its work's (docs/tuning.md, session 48; a place or a name read the same way across
    results was measured there and not kept)."""
    return not sources.reference[sentence.row] and states_value(asked, unit, sentence)


def _names_held(unit: Unit, sentence: ScoredSentence, asked: AskedFor) -> frozenset[str]:
    """The question's capitalised names the sentence writes as words ("U.S." as "U" and "S"),
    a possessive read as the name ("Baradar's" as "Baradar")."""
    written = {POSSESSIVE_END.sub("", word) for word in WORD.findall(unit.text_of(sentence))}
    return frozenset(POSSESSIVE_END.sub("", name) for name in capitalised_names(asked.question)) & written


def choose_lead_unit(
    offered: list[tuple[Unit, list[ScoredSentence]]], asked: AskedFor, sources: Sources
) -> tuple[Unit, list[ScoredSentence]]:
    """The first result that offers a sentence leads, except for a definition question: then
    the first that defines its term, when the first result does not ("What is the Haqqani
    network?": a passage naming the network's leaders ranks above the one defining it); for a
    question quoting a phrase, the first whose sentence holds it ("Who said \"two faces of the
    same coin\"?": the words around a quote match other units as well as its own)."""
    if asked.quoted:
        holding = [pair for pair in offered if any(quotes(asked, pair[0], s) for s in pair[1])]
        if holding:  # a passage's own words before a cited title's
            return next((pair for pair in holding if _quotes_outside_references(asked, *pair, sources)), holding[0])
    if asked.defined is None:
        return offered[0]
    return next((pair for pair in offered if any(defines_asked_term(asked, pair[0], s) for s in pair[1])), offered[0])


def _quotes_outside_references(asked: AskedFor, unit: Unit, sentences: list[ScoredSentence], sources: Sources) -> bool:
    """Whether a sentence of the unit that is no reference entry holds a quoted phrase."""
    return any(quotes(asked, unit, s) and not sources.reference[s.row] for s in sentences)


def best_lead(sentences: list[ScoredSentence], asked: AskedFor, sources: Sources) -> ScoredSentence:
    """The lead unit's best sentence, its score raised by LATE_WEIGHT times its own MaxSim to
    the question: word-piece matches ("Prime Minister" for "prime minister") tell apart
    sentences of one unit whose pooled vectors are close. Only the choice moves: the scores
    that admit more sentences to the answer stay as they were. A date or quantity question is
    left to its type bonus: the question's own words match the sentence that names the thing
    better than the one giving its measure ("How long is the Durand Line?": docs/retrieval.md).
    A sentence holding the phrases the question quotes leads before the others: the user names
    its words. A sentence stating the month the question names leads before one dating another
    month (`of_the_asked_month`)."""
    if asked.quoted:
        unit = sources.units[sentences[0].unit_index]
        held = max(quotes(asked, unit, s) for s in sentences)
        if held:  # the most phrases held; among those, a passage's own words before a cited title's
            holding = (s for s in sentences if quotes(asked, unit, s) == held)
            return max(holding, key=lambda s: (not sources.reference[s.row], s.score))
    return of_the_asked_month(_best_by_words(sentences, asked, sources), sentences, asked, sources)


def _best_by_words(sentences: list[ScoredSentence], asked: AskedFor, sources: Sources) -> ScoredSentence:
    """`best_lead`'s choice by the sentences' scores and word pieces (its docstring)."""
    if asked.wanted is not None:
        return _named_value(max(sentences, key=lambda s: s.score), sentences, asked, sources)
    if asked.tokens is None or sources.pieces is None:
        return max(sentences, key=lambda s: s.score)
    spans, vectors = sources.pieces(sentences[0].unit_index)
    late = late_scores(asked.tokens, spans, vectors, [(s.start, s.end) for s in sentences])
    weighed = [s.score + LATE_WEIGHT * float(m) for s, m in zip(sentences, late, strict=True)]
    chosen = highest_weighed(sentences, weighed)
    best = max(sentences, key=lambda s: s.score)
    if best is chosen or _ASKS_WHY.match(asked.question):
        return chosen
    # The word pieces overturn the sentence's own score only for a sentence holding as much of
    # the question's rarer words: a neighbour sharing its common ones ("Pakistan's foreign
    # ministry said …") can match its pieces better than the one holding what it asks about
    # ("… take action against 'terrorist camps' …"). Not for a "Why …?" question: the reason
    # is worded apart from the event it explains (docs/tuning.md, session 23).
    if rare_share(best, asked, sources) > rare_share(chosen, asked, sources):
        return best
    return chosen


def _named_value(
    best: ScoredSentence, sentences: list[ScoredSentence], asked: AskedFor, sources: Sources
) -> ScoredSentence:
    """For a date or quantity question, the sentence of the lead unit that states a value of the
    asked type and holds clearly more of the question's rarer words than `best` (TYPED_RARER_BY
    more and TYPED_RARER_TIMES as much), scoring within TYPED_NEAR of it; else `best`. A
    paragraph or note often states two values of one type side by side, and the sentence sharing
    the question's common words ("In November 2020, donors pledged $12 billion in civilian
    assistance for Afghanistan, …") outscores the one naming what is asked ("The European Union
    (EU) made the largest pledge at $1.4 billion …") by the type bonus both hold and a few
    hundredths of cosine. The name asked is the rarer word. A reference entry or a sentence
    that asks leads no answer."""
    unit = sources.units[best.unit_index]
    held = rare_share(best, asked, sources)
    floor = max(held + TYPED_RARER_BY, held * TYPED_RARER_TIMES)
    naming = [
        (share, s)
        for s in sentences
        if s is not best
        and s.score >= best.score - TYPED_NEAR
        and not sources.reference[s.row]
        and not is_question(unit.text_of(s))
        and (share := rare_share(s, asked, sources)) >= floor
        and states_wanted(asked, unit, s)
    ]
    return max(naming, key=lambda pair: pair[0])[1] if naming else best


def highest_weighed(sentences: list[ScoredSentence], weighed: list[float]) -> ScoredSentence:
    """The sentence of the highest `weighed` score; of those within LATE_TIE of it, the one of
    the highest own score. Two neighbours of a note can weigh within a few thousandths of each
    other ("The army chief had also visited Kabul in 2020, 2018 and 2017." and "In November
    2020, Prime Minister Khan visited Kabul …" for "Had he been there before?"), and which one
    leads must not turn on the last digits of a machine's arithmetic (docs/tuning.md, session 42)."""
    top = max(weighed)
    tied = (s for s, w in zip(sentences, weighed, strict=True) if w >= top - LATE_TIE)
    return max(tied, key=lambda s: s.score)


def of_the_asked_month(
    chosen: ScoredSentence, sentences: list[ScoredSentence], asked: AskedFor, sources: Sources
) -> ScoredSentence:
    """The sentence stating the month and year the question names, when `chosen` dates only
    other months and another sentence of the unit states that one ("What did President Biden
    decide …, in April 2021?": "But in January 2021, when President Joe Biden took over …"
    holds more of its words than "Biden's decision, announced on 14 April 2021, …"). A date
    the question names places what it asks about; a sentence dating another month tells another
    event, however many words it shares. A reference entry's date is when a work came out, and
    is not read; the sentence taking the lead states the month with its year (docs/tuning.md,
    session 33)."""
    named = [value for value in date_values(asked.question) if value.year is not None and value.day is None]
    if len(named) != 1:
        return chosen
    month = named[0]
    chosen_dates = date_values(sources.text_of(chosen))
    # A day written without its year ("At a 16 June congressional hearing, …") may be of the
    # asked year: only a month that cannot be the asked one makes the lead another event's.
    if not chosen_dates or any(
        value.month == month.month and value.year in (None, month.year) for value in chosen_dates
    ):
        return chosen
    stating = [
        s
        for s in sentences
        if not sources.reference[s.row] and any(month.within(value) for value in date_values(sources.text_of(s)))
    ]
    return max(stating, key=lambda s: s.score) if stating else chosen


def choose_lead(
    best: ScoredSentence, sentences: list[ScoredSentence], unit: Unit, asked: AskedFor, sources: Sources
) -> list[ScoredSentence]:
    """The lead sentence; when it restates the question, the next sentence of its unit follows
    it, or leads when it states the value asked for and the restating one does not (answer
    extraction: the question echoes one sentence, the answer is often in the one after). A
    lead that restates part of a question asking for no date or quantity gives the lead to the
    next sentence when that one holds a distinctive question word the lead lacks; the premise
    and set-up hand-offs read past an aside in brackets (`_past_aside`). A lead that points back
    ("For this reason, …") is followed by the sentences before it."""
    previous = next((s for s in sentences if s.row == best.row - 1), None)
    text = unit.text_of(best)
    if previous is not None and leans_on_previous(text):
        return [previous, best]  # "It is in Pakistan's interest to do so." says what only the one before says
    if previous is not None and _dated_before(best, previous, unit, asked, sources):
        return [previous, best]
    pointed = [s for s in sentences if best.row - (POINTED_BACK if points_back(text) else 1) <= s.row < best.row]
    if (
        previous is not None
        and asks_what_it_points_to(asked.question, text, unit.text_of(previous))
        and (
            asks_for_its_noun(asked.question, text)
            or not asked.content_terms  # a bare "Why?": no words of its own to share
            or any(_shares_content(s, asked, sources) for s in pointed)
        )
    ):
        # "Which process …?" led by "That process still exists, …": the process is named before
        # it; "Why …?" of "For this reason, …": the reason may be two sentences back.
        return [*pointed, best]
    if previous is not None and _restates_a_pointer(best, previous, unit, asked, sources):
        # "Afghans have historically bristled at these Pakistani attitudes." restates "What
        # Pakistani attitudes have Afghans historically bristled at?": which ones is said before it.
        return [previous, best]
    if previous is not None and points_back(text):
        # Quoted after the lead, not before it: a question asking what the lead itself says
        # ("So what might the Taliban not want to be seen doing?") keeps it first (docs/tuning.md, session 24).
        return [best, *(s for s in sentences if best.row - POINTED_BACK <= s.row < best.row)]
    following = next((s for s in sentences if s.row == best.row + 1), None)
    if following is None:
        return [best]
    handed = _past_aside(following, sentences, unit)  # past an aside in brackets (docs/tuning.md, session 38)
    further = _answered_further_on(best, handed, sentences, unit, asked, sources)
    if further is not None:
        return [further, best]
    if _restates_the_premise(best, handed, unit, asked, sources):
        return [handed, best]
    if (
        asked.wanted is None
        and not _names_before(best, handed, asked, sources)
        and not asks_what_it_points_to(asked.question, unit.text_of(handed), text)
        and _sets_up(best, handed, asked, sources)
    ):
        return [handed, best]
    if _names_what_the_lead_does_not(best, handed, unit, asked, sources):
        return [handed, best]
    if asked_share(best, asked, sources) < RESTATES:
        if _partly_restates_without_value(best, handed, unit, asked, sources):
            return [handed, best]
        return [best, following] if _partly_restates(best, following, unit, asked, sources) else [best]
    if asked.wanted is not None and states_wanted(asked, unit, following) and not states_wanted(asked, unit, best):
        return [following, best]
    return [best, following]


def _answered_further_on(
    lead: ScoredSentence,
    following: ScoredSentence,
    sentences: list[ScoredSentence],
    unit: Unit,
    asked: AskedFor,
    sources: Sources,
) -> ScoredSentence | None:
    """The sentence of the lead's unit two or three places after a restating lead that supplies
    what is asked when the sentence after the lead does not, or None. The lead restates the
    question (RESTATES of a premise's content terms, `_restates`, or PARTLY_RESTATES of the
    question's terms when it states none); the next sentence (past an aside in brackets) holds no
    rarer word of the question that the lead lacks (`_lacked_rarer_terms`, function words left
    out), and neither does any
    sentence before the one handed the lead, which holds FURTHER_WORDS of them: "Pakistan's stakes in a stable
    Afghanistan have never been higher …" / "An unravelling Afghanistan could embolden …" /
    "Islamabad has been trying to persuade its Afghan Taliban allies to opt for …" for "With
    Pakistan's stakes … higher than ever …, what has Islamabad been urging its Taliban allies to
    choose?". A date or quantity question's sentence must state its value beside such a word
    (`_value_beside_lacked_word`), a "Who …?" question's name someone; a source or comparison
    question, a reference entry, an aside or a sentence leaning on the one before it is never
    handed the lead; not for a follow-up, read with its history. The lead is quoted second
    (docs/tuning.md, session 46)."""
    if asked.source or asked.follows or sources.term_share is None:
        return None  # a follow-up's words include what its pronoun was read as, the history's (dev d425)
    if asked.premise is not None:
        restating = _restates(sources.sentence_terms.get(lead.row, frozenset()), asked)
    else:
        restating = asked_share(lead, asked, sources) >= PARTLY_RESTATES
    if not restating:
        return None
    lacked = _lacked_rarer_terms(lead, asked, sources) - FUNCTION_TERMS  # read once for every sentence after it
    if lacked & sources.sentence_terms.get(following.row, frozenset()):
        return None
    if asked.wanted is not None and (states_value(asked, unit, lead) or states_wanted(asked, unit, following)):
        return None
    asks_who = bool(_ASKS_WHO.match(asked.question))
    if asks_who and _names_someone(lead, asked, sources):
        return None
    within = sorted((s for s in sentences if following.row < s.row <= lead.row + FURTHER_REACH), key=lambda s: s.row)
    for later in within:
        supplied = lacked & sources.sentence_terms.get(later.row, frozenset())
        if not supplied:
            continue
        if len(supplied) < FURTHER_WORDS:
            return None
        if sources.reference[later.row] or _is_aside(later, unit) or leans_on_previous(unit.text_of(later)):
            return None
        if asked.wanted is not None and not _value_beside_lacked_word(lead, later, unit, asked, sources):
            return None
        if asks_who and not _names_someone(later, asked, sources):
            return None
        return later
    return None


def _names_what_the_lead_does_not(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a "Who …?" question's lead restates it (PARTLY_RESTATES of its terms) and supplies
    no one at all (`_names_nothing`), while the sentence after it, no reference entry or aside in
    brackets, names someone the question does not: the lead repeats what is asked and the next
    sentence gives the name asked for ("Perhaps most important, several top Taliban leaders …
    did not get top posts …" / "These include new Prime Minister Mullah Obaidullah Akhund, …").
    Not for "Which …?", whose answer is as often a thing the lead describes in common words
    ("Which body of the Taliban …?": "… their rahbari shura, the body composed of …"). The lead is
    quoted second (docs/tuning.md, session 44)."""
    if not asked.name or asked.wanted is not None or asked.source or not _ASKS_WHO.match(asked.question):
        return False
    if sources.reference[following.row] or _is_aside(following, unit):
        return False
    if asked_share(lead, asked, sources) < PARTLY_RESTATES or not _names_nothing(lead, unit, asked, sources):
        return False
    return _names_someone(following, asked, sources) and _adds_a_rarer_word(lead, following, asked, sources)


def _partly_restates_without_value(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a date or quantity question's lead restates part of it (PARTLY_RESTATES of its
    terms, short of RESTATES) and states no value of the asked type, not even a time relative to
    another event (`states_value`), while the sentence after it, no reference entry or aside in
    brackets, states one (`states_wanted`): "Taliban leaders who attempted to resist Pakistani
    preferences in the past were imprisoned or disappeared." / "Baradar, for instance, was
    detained for several years before his 2018 release." for "When was the Taliban leader who
    resisted Pakistan's preferences released from detention?". A lead holding RESTATES hands
    over on the same reading (`choose_lead`); one short of it was left first with nothing after
    it (`_partly_restates`). The lead is quoted second (docs/tuning.md, session 44)."""
    if asked.wanted is None or asked.source or asked_share(lead, asked, sources) < PARTLY_RESTATES:
        return False
    if sources.reference[following.row] or _is_aside(following, unit):
        return False
    if states_value(asked, unit, lead) or not states_wanted(asked, unit, following):
        return False
    return _value_beside_lacked_word(lead, following, unit, asked, sources)


def _names_nothing(lead: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources) -> bool:
    """Whether a sentence supplies no doer the question lacks: no name or titled surname it does
    not hold (`_names_someone`), no body ("the top brass", "Afghan intelligence": `names_a_body`),
    no capitalised word past its first that the question does not write ("… and India of backing
    …"), and a subject that neither is such a word ("Baradar, for instance, …") nor points back to
    a doer named before it ("They also complained …": `subject_points_back`)."""
    text = unit.text_of(lead)
    if _names_someone(lead, asked, sources) or names_a_body(text, asked.question):
        return False
    written = {POSSESSIVE_END.sub("", word).lower() for word in WORD.findall(asked.question)}
    if any(POSSESSIVE_END.sub("", word).lower() not in written for word in capitalised_names(text)):
        return False
    subject = subject_word(text)
    if subject is None or subject_points_back(text):
        return False
    return not subject[:1].isupper() or subject.lower() in _UNNAMED_SUBJECTS | written


def _is_aside(sentence: ScoredSentence, unit: Unit) -> bool:
    """Whether `sentence` is an aside in brackets ("(Islamabad does.)"): it answers nothing, so
    no hand-off goes to it (docs/tuning.md, sessions 24 and 38)."""
    return unit.text_of(sentence).lstrip().startswith("(")


def _past_aside(following: ScoredSentence, sentences: list[ScoredSentence], unit: Unit) -> ScoredSentence:
    """The sentence a restating lead hands over to: the next one, or the one after it when the
    next is an aside in brackets ("Taliban leaders … don't recognize the Afghanistan-Pakistan
    border." / "(Islamabad does.)" / "Mujahid recently criticized a new Pakistani border fence
    …"): an aside answers nothing, and what the paragraph goes on to say comes after it
    (docs/tuning.md, session 38)."""
    if not _is_aside(following, unit):
        return following
    return next((s for s in sentences if s.row == following.row + 1), following)


def _restates_a_pointer(
    lead: ScoredSentence, previous: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether the lead restates a wh-question nearly whole while naming what it speaks of only by
    pointing back (`names_by_pointing`: "They cannot dictate the shura's decisions, …" for "Who
    cannot dictate the Taliban shura's decisions …?", '"This is our stance in principle", …' for
    "What did … tell parliament was Pakistan's stance in principle?"), so that what is asked is
    said in the sentence before, which leads. The lead holds RESTATES of the question's terms and
    adds no more content terms than it shares; the question does not point itself ("What did this
    assistance do?" asks what the lead says), asks no date, quantity, source or definition, and is
    no follow-up; the sentence before is no reference entry, aside or question
    (docs/tuning.md, session 47)."""
    if asked.source or asked.follows or asked.wanted is not None or asked.defined is not None:
        return False
    words = asked.question.split()
    if not words or words[0].lower() in QUESTION_OPENERS or not _asks_by_wh(asked.question):
        return False  # a yes/no question is answered by the restating sentence itself
    text = unit.text_of(lead)
    if not names_by_pointing(text) or points_back(text) or asks_by_pointing(asked.question):
        return False  # "For this reason, …" is read by `points_back` (docs/tuning.md, session 24)
    if not pointer_stands_for_asked(asked.question, text, unit.text_of(previous)):
        return False
    if sources.reference[previous.row] or _is_aside(previous, unit) or is_question(unit.text_of(previous)):
        return False
    if asked_share(lead, asked, sources) < RESTATES:
        return False
    held = sources.sentence_terms.get(lead.row, frozenset())
    added = held - asked.terms - ASKING_TERMS - FUNCTION_TERMS
    return len(added) <= len(held & asked.content_terms)


def _asks_by_wh(question: str) -> bool:
    """Whether a question holds a wh-word ("Out of which sanctuaries …?", "According to …, what …?")."""
    return any(word.lower().strip("?,.;:") in WH_WORDS for word in question.split())


def _shares_content(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether the sentence holds one of the question's content terms: the sentence a pointing
    lead leans on answers only when it is itself about what the question asks."""
    return bool(asked.content_terms & sources.sentence_terms.get(sentence.row, frozenset()))


def _restates_the_premise(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether the lead only restates the premise a question states before it asks ("The Taliban
    shura is unlikely to relocate …; what follows from that for Islamabad?"), so that the
    sentence after it leads: the lead holds RESTATES of the premise's content terms, none of
    what the question asks beyond the premise that the next sentence lacks, no value of an asked
    type and no name asked for, and adds no elaboration of its own after a colon or dash ("…
    achieved a key goal: a firm date for …"). The next sentence is no reference entry or aside
    in brackets. The lead is quoted second (docs/tuning.md, session 34)."""
    premise = asked.premise
    if premise is None or sources.reference[following.row] or _is_aside(following, unit):
        return False
    held = sources.sentence_terms.get(lead.row, frozenset())
    if not _restates(held, asked):
        return False
    # What a "Besides P, what else …?" question asks is what the lead's P is not (session 35).
    if not premise.excludes and asked.asking_terms & held - sources.sentence_terms.get(following.row, frozenset()):
        return False
    if asked.asking_type is not None and states(asked.asking_type, unit.text_of(lead), premise.asks):
        return False
    if asked.asking_name and _names_someone(lead, asked, sources):
        return False
    if premise.before:
        # What a lead restating P adds is said of P's time, not of the time before it, unless the
        # lead itself writes "before" ("Mansour had led the Taliban … before Mullah Omar's death").
        if _BEFORE_WORD.search(unit.text_of(lead)):
            return False
    elif premise.embedded and not _mostly_restates(held, asked, ELABORATION_TERMS if premise.why else None):
        return False
    return not _elaborates(unit.text_of(lead), asked.terms)


def _restates(held: frozenset[str], asked: AskedFor) -> bool:
    """Whether a sentence holding `held` restates the question's premise: RESTATES of its content
    terms, or half of them and nothing of its own ("The two sides do disagree." for "On what do
    the two sides, the Taliban and Islamabad, actually disagree?"): docs/tuning.md, session 35."""
    shared = len(asked.premise_terms & held)
    if shared >= RESTATES * max(len(asked.premise_terms), 1):
        return True
    added = held - asked.terms - ASKING_TERMS - FUNCTION_TERMS
    return not added and 2 * shared >= len(asked.premise_terms)


def _mostly_restates(held: frozenset[str], asked: AskedFor, at_most: int | None) -> bool:
    """Whether a lead restating a premise the question embeds ("What did Rawalpindi do when P?")
    adds no more content terms the question lacks than it shares with the premise: "Anxious to
    ensure that the talks succeeded, the military quickly intervened …, such as after P" answers
    around P. A "Why P?" lead adds fewer than `at_most` ("… as an antidote to Pashtun
    nationalism" gives the reason) (docs/tuning.md, session 34, "A premise the question embeds")."""
    added = len(held - asked.terms - ASKING_TERMS - FUNCTION_TERMS)
    return added <= len(asked.premise_terms & held) and (at_most is None or added < at_most)


def _elaborates(text: str, question_terms: frozenset[str]) -> bool:
    """Whether a sentence goes on after a colon or dash with ELABORATION_TERMS or more content
    terms the question does not hold: what a premise's "a key goal" names, said in the same sentence."""
    parts = _ELABORATION.split(text, maxsplit=1)
    return len(parts) > 1 and len(content_terms_of(parts[1]) - question_terms) >= ELABORATION_TERMS


def _names_before(lead: ScoredSentence, following: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether a "Who…"/"Which…" question's lead names someone the question does not (a run of
    capitalised words, or a surname the corpus titles, alone) and the sentence after it names no
    one: the lead answers, and sets up nothing ("In May 2021, Bajwa and the ISI head met
    President Ghani in Kabul." before "The army chief had also visited Kabul …" for "Who visited
    him in Kabul in May 2021?"). A next sentence naming someone may still be what the lead sets
    up ("Haq, who headed the Akora Khattak madrasa …"): docs/tuning.md, session 28."""
    return asked.name and _names_someone(lead, asked, sources) and not _names_someone(following, asked, sources)


def _names_someone(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether the sentence names someone the question does not: a run of capitalised words
    (NAME_BONUS) or a surname the corpus titles, alone (`writes_titled_surname`)."""
    text = sources.text_of(sentence)
    return names_someone_new(text, asked.question) or writes_titled_surname(sentence, asked, sources)


def _partly_restates(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a lead short of RESTATES still restates the question, so that the sentence after
    it is quoted second (never first: reordering a restating lead lost held-out questions in
    sessions 13, 16 and 20): it holds PARTLY_RESTATES of the question's terms, or RESTATES of its
    content terms (how it asks and its function words left out, as "how far does that let them
    …" asks). Not for a date, quantity or name question, whose other results' sentences may hold
    the value or the name the next sentence would push out, nor when the next sentence is an
    aside in brackets ("(Islamabad does.)"), which answers nothing (docs/tuning.md, session 24)."""
    if asked.wanted is not None or asked.name:
        return False
    if _is_aside(following, unit):
        return False
    return asked_share(lead, asked, sources) >= PARTLY_RESTATES or _content_share(lead, asked, sources) >= RESTATES


def _dated_before(
    lead: ScoredSentence, previous: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a lead restating a date or quantity question without its value goes on from the
    sentence stating it, its subject a pronoun for the one that sentence names ("Responding to
    questions at a … hearing on 27 April, Khalilzad said …" / "He added, however, that 'Pakistan
    has a special responsibility …'" for "When did Khalilzad say that Pakistan has a special
    responsibility …?"): the value's sentence leads, as the restating lead's next sentence does
    (choose_lead). A lead with its own subject is of another event than the date before it ("… the
    fence construction, which began in 2017, …" / "Yet Pakistani and Afghan forces have clashed
    …")."""
    opening = unit.text_of(lead).split(maxsplit=1)
    return (
        asked.wanted is not None
        and bool(opening)
        and opening[0].lower() in SUBJECT_PRONOUNS
        and asked_share(lead, asked, sources) >= RESTATES
        and states_wanted(asked, unit, previous)
        and not states_wanted(asked, unit, lead)
    )


def _sets_up(lead: ScoredSentence, following: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether `lead` restates part of the question (PARTLY_RESTATES of its terms) and the
    sentence after it, not a reference entry, holds a word of the question that `lead` lacks,
    one that asks about something (not how the question asks) and that few sentences hold
    (COMMON_TERM_SHARE): the set-up is quoted second, after what it sets up ("Khalilzad said
    Pakistan had been supportive …" / "He added, however, that 'Pakistan has a special
    responsibility …'" for "What did Khalilzad tell the committee about Pakistan's
    responsibility?"). Words every other sentence holds ("Taliban", "Pakistan") tell nothing.
    Nor does a word its unit writes before a lead whose subject points back to it
    (`subject_points_back`: "Pledging support …, they have also repeatedly denied backing any
    party …" for "What have Pakistan's military leadership and government repeatedly denied …?",
    its subject named one sentence before and again in "Yet the presence of the Taliban's top
    military and political leadership …"): the lead carries the word on as "they", "such support"
    or "the pledges". A lead naming its subject again ("Recognising …, the U.S. kept it in the
    loop …") still hands over to the sentence after it, by a word written before or not
    (docs/tuning.md, session 36, "A set-up's hand-off read by the lead's subject")."""
    if sources.reference[following.row] or asked_share(lead, asked, sources) < PARTLY_RESTATES:
        return False
    return _adds_a_rarer_word(lead, following, asked, sources)


def _adds_a_rarer_word(lead: ScoredSentence, following: ScoredSentence, asked: AskedFor, sources: Sources) -> bool:
    """Whether `following` holds a word of the question that `lead` lacks, one that asks about
    something (not how the question asks) and that few sentences hold (`_lacked_rarer_terms`)."""
    return bool(_lacked_rarer_terms(lead, asked, sources) & sources.sentence_terms.get(following.row, frozenset()))


def _lacked_rarer_terms(lead: ScoredSentence, asked: AskedFor, sources: Sources) -> frozenset[str]:
    """The question's terms that `lead` lacks, that ask about something (not how the question
    asks) and that few sentences hold (COMMON_TERM_SHARE), a word written before a lead whose
    subject points back to it counted as the lead's (`_sets_up`). None when the index gives no
    term shares."""
    share_of = sources.term_share
    if share_of is None:
        return frozenset()
    said = sources.sentence_terms.get(lead.row, frozenset())
    if subject_points_back(sources.text_of(lead)):
        said |= _written_before(lead, sources)
    return frozenset(term for term in asked.terms - ASKING_TERMS - said if share_of(term) <= COMMON_TERM_SHARE)


def _value_beside_lacked_word(
    lead: ScoredSentence, following: ScoredSentence, unit: Unit, asked: AskedFor, sources: Sources
) -> bool:
    """Whether a value `following` states (a calendar date or a year, a count) stands within
    VALUE_REACH words of a rarer word of the question that `lead` lacks (`_lacked_rarer_terms`):
    a value tells the words written beside it ("before his 2018 release" for "… released from
    detention?"). A date or a number further off is of another thing the sentence speaks of ("…
    discussed the plan with … during a 1-4 March 2021 trip" for "When did the UN, Turkey and
    Qatar co-host the meeting on the Afghan peace plan?": the trip's date, not the meeting's)
    (docs/tuning.md, session 45)."""
    lacked = _lacked_rarer_terms(lead, asked, sources)
    if not lacked:
        return False
    text = unit.text_of(following)
    spans = [span for _, span in dated_spans(text)] + [m.span() for m in YEAR.finditer(text)]
    spans += [m.span() for m in count_numbers(text)]
    words = list(WORD.finditer(text))
    for start, end in spans:
        at = [i for i, word in enumerate(words) if word.end() > start and word.start() < end]
        if not at:
            continue
        near = words[max(0, at[0] - VALUE_REACH) : at[-1] + VALUE_REACH + 1]
        if lacked & terms_of(" ".join(word.group(0) for word in near)):
            return True
    return False


def _written_before(sentence: ScoredSentence, sources: Sources) -> frozenset[str]:
    """The terms of the sentences of its unit before `sentence`: what the paragraph has named
    by the time the sentence speaks, and a subject pointing back may stand for."""
    rows = (row for row in sources.sentences.of_unit(sentence.unit_index) if row < sentence.row)
    return frozenset().union(*(sources.sentence_terms.get(row, frozenset()) for row in rows))


def asked_share(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> float:
    """The share of the question's own terms that the sentence holds."""
    return _held_share(asked.terms, sentence, sources)


def _content_share(sentence: ScoredSentence, asked: AskedFor, sources: Sources) -> float:
    """The share of the question's content terms (`AskedFor.content_terms`) that the sentence holds."""
    return _held_share(asked.content_terms, sentence, sources)


def _held_share(terms: frozenset[str], sentence: ScoredSentence, sources: Sources) -> float:
    # Not service.cards.held_share, which gives 1 for no words: a question of asking words only
    # ("Why?") has no terms, and a sentence restates nothing of it (0), where a description of a
    # document that is all generic words contradicts no card (1). Both callers meet the empty set.
    return len(terms & sources.sentence_terms.get(sentence.row, frozenset())) / max(len(terms), 1)
