"""Whether a composed answer says what was asked: the one stage that withdraws an answer.

After the answer is composed and its results scored by the calibration (service.calibration,
which abstains below its cut), `AnswerJudge.judge` reads the answer against the question once
more and withdraws it when it does not say what was asked, for one of these reasons
(docs/retrieval.md, "Abstention"):

- "not-in-kind": a date or quantity question whose answer's lead states no date or quantity
  beyond the question's own (a time relative to another event, "a few days after his arrival",
  "following Mansour's death", "months later", is a date's answer) (service.answer_type, the
  answer-type check of classic question answering), when the ranking's best cosine is under
  `answer_type_cosine`: strong evidence is left to answer in words ("How much leverage …?"),
  save for a sum of money, an age ("How old is X?": a date is none) and a frequency ("How often
  …?": "repeatedly", "weekly", "three times", dates of a series; a single date is none), which
  are not given in words (`answered_in_words`), or a "How
  much <noun> …?" question whose lead states an amount of something else ("two … leaders" for
  territory: `states_amount_asked`); and a "How
  many …?" question whose lead states no number of what it counts ("a three-week sit-in" for
  hard-liners), nor any other quoted sentence, whatever the best cosine (`counts_asked`; a list
  of what it counts is a number of it: "the 1965 and 1971 Indo-Pakistani wars");
- "another-event": a "When did X <verb>?" question whose lead writes a date but none of the
  event's words, under the same guard: the date is of something else (service.offtopic,
  `unstated_event`; a passive closing on a role is read without it, and an event of something
  the corpus never names dates nothing, whatever the lead writes; asked with a phrasal verb,
  "When did the Taliban pull out of the Doha talks?", whatever the best cosine: the verb is the
  event, and a lead on its object, "the Doha talks, which began in September", dates the object
  (service.phrasal)); and a "Why did X <verb> …?"
  question whose lead writes none of them, read the same way whatever the best cosine: a false
  premise ("Why did X resign?") is matched by the passages on X as closely as a true one; a role
  the question closes on ("… quit as special representative?") is who X was, not the event, and
  is not read as its words; and a when or why question whose lead writes the opposite event and
  not the asked one ("opened" for "close": the model reads them alike), whatever the best cosine
  (`opposite_event`); and a "How does X fund/recruit …?" question whose lead writes the verb in
  no form nor a word read alike ("How does the TTP fund its attacks?" led by "… it carried out
  32 attacks in August alone"), whatever the best cosine (`_unwritten_means`);
- "another-office": a "When did X become <office>?" question whose lead does not write the whole
  office with X as the one who may hold it ("formerly Mullah Omar's deputy" for a deputy prime
  minister; "Prime Minister Khan" for Bajwa) (service.relations, `states_office_taken`);
- "title-only": a "When did X become <office>?" question whose lead writes the office as X's
  (it passes "another-office") while no quoted sentence writing X's office writes a taking of it
  ("became", "appointed", "elected", "took over", "since", "new <office>" …): "On 22 March, U.S.
  Defence Secretary Lloyd Austin discussed …" dates a call, not Austin's appointment
  (service.relations, `writes_office_taken`);
- "cited-title": the first result is nothing but reference entries and the lead comes from a
  result scored below the cut: what matches the question is the title of a work the corpus
  cites, not a passage that says anything about it ("What is the FATF grey list?");
- "someone-else": a where-question asking the place of a named person ("Where is Sirajuddin
  Haqqani now?") whose lead names that person only as a possessor ("Sirajuddin Haqqani's younger
  brother, Anas, … in Doha"): the place is the brother's (service.answer_type);
- "no-office": a question asking the office of a person it names as the possessor ("What is
  Anwar Iqbal's job?") none of whose quoted sentences writes an office beside the name or says
  the person is one: an author the notes cite, never titled, is matched by their entries and the
  passage citing them (service.answer_type, `office_possessed`, `states_office`);
- "former-holder": a question asking for the current holder of an office ("Who is the Taliban's
  current defence minister?") whose answer writes that office, in the first quoted sentence
  that writes it at all, only as a past holder's ("Mullah Ubaidullah Akhund, the former Taliban
  defence minister"; "then chairman"; "first supreme leader"), or places it years before the
  quoting document's publication ("Secretary of State Hillary Clinton announced … in February
  2011" in a report of 2021) while no later quoted sentence writes the office unmarked and
  undated: a first, former, late or long-past holder read as the current one is a wrong fact,
  not a weak answer (service.holders).
- "unnamed-holder": a question asking who holds an office ("Who is Pakistan's Afghan envoy?",
  "Who heads the U.S. Central Command?") whose lead, after the engine handed it to any ranked
  sentence naming the holder (`Engine._holder_named_lead`), writes the office and names no one
  holding it ("Pakistan's Afghan envoy had joined …"): the corpus writes the office, never its
  holder (service.relations, `writes_office_unnamed`).
- "another-source": a question asking what the corpus cites a named source for, or what that
  source reported ("What does the report cite The Washington Post for?"), when the corpus never
  writes the name (its words are written, never together: service.evidence,
  `CorpusScope.unwritten_sources`) and the lead misses one of its words: the lead is another
  source's entry, matched on the question's other words (a cited title's "What …", "Report")
  or on one word of the name. A lead writing every word of it, by their stems ("Naveed
  Siddiqui, …" for "What did Naved Siddiqui report …?"), may be the asked source written
  otherwise, and stands;
- "unnamed": a question asking who the one a role names is ("Who was the spokesperson?", "Who is
  the retired general who said …?") whose lead opens with the words of someone it leaves unnamed
  ("A Pakistan foreign ministry spokesperson said: …"): the corpus quotes them and never names
  them (service.holders, `leaves_the_asked_one_unnamed`). "Who said …?" is answered by such a lead,
  and so is a question asking for a speaker by no role ("Who was the one who warned …?") or whose
  asked role the reported words write ("Who are the Taliban's natural allies?");
- "unwritten-topic": a question asking what a source says about a thing ("What does the article
  say about Pakistan's military spending?") one of whose words no unit writes, nor a word the
  model reads alike, read on the whole question before a named document's topic is read out of
  it: no source of the corpus speaks of it (service.offtopic, `unwritten_topic`). A lead whose
  passage has the asked speaker say a topic written without a name in words the model reads
  alike its own, in context, speaks of it in other words, and stands (service.relations,
  `UnitRelations.speaks_of`);
- "no-successor": a question asking who succeeded or replaced a person it names ("Who replaced
  Bajwa later?", a follow-up's "him" read as the person) none of whose quoted sentences states
  that person's successor, by the role as theirs or a verb of succeeding beside their name
  (service.relations, `states_successor`): another man's successor, a "new" leader left unnamed
  or the person's own deeds, matched on the conversation's words, are no answer (only the part
  after a premise the question restates before ";" is read; and, withdrawn by the engine, a
  "him" read as no one must be succeeded by someone the conversation named:
  `Engine._states_successor_of_one_named`);
- "another-name": a question asking of a country, people or body as the owner of what it asks
  ("Who is the Indian envoy for Afghanistan?", "What did pressure from Moscow prompt …?") that
  no quoted sentence writes in any of its forms (name, demonym, abbreviation, its capital standing
  for it), while the lead writes another one the question does not name within a few words of
  the word the asked one owns ("U.S. envoy Zalmay Khalilzad …", "pressure from Washington …"): the
  answer is the other's, and the corpus does not state it of the asked one (service.name_forms,
  `another_name`).
- "unwritten-name": a question naming a country or body the corpus writes rarely (in at most
  `COMMON_TERM_SHARE` of its sentences, counted on the loaded index) that no quoted sentence
  writes in any of its forms, while the lead writes another one the question does not name, not
  as a place ("How many troops did China send to Afghanistan?" led by the U.S. troops): the
  answer states the thing of the other (service.name_forms, `rare_name_unwritten`); a source
  question is not read.
- "another-count": a "How many X …?" question whose X is owned by a country, people or body
  ("American troops", "Pakistani refugees", "troops did China send") answered with a lead whose
  number stands by another one ("Some 7,000 troops in the NATO-led coalition …" for American
  troops), while no quoted sentence gives the asked one's count: the number is the other's, however
  common the asked name (service.count_owner, `count_of_another`).

The checks are rules, not calibrated evidence: the calibration's map is fitted without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from service.answer_type import (
    AnswerType,
    answered_in_words,
    asked_where_of,
    asks_extent,
    asks_where,
    counts_asked,
    expected_type,
    means_verb,
    office_possessed,
    only_possessed,
    states_amount_asked,
    states_office,
    states_or_dates,
    writes_office,
)
from service.bm25 import stem, terms_of
from service.calibration import PENALTIES, penalty_reason
from service.composing import COMMON_TERM_SHARE
from service.count_owner import count_of_another
from service.evidence import writes_name
from service.holders import asked_role, leaves_the_asked_one_unnamed, only_former_holders
from service.name_forms import another_name, rare_name_unwritten
from service.offtopic import CLOSING_ROLE, CorpusLexicon, unstated_event, unwritten_topic
from service.phrasal import phrasal_events
from service.question_words import QUESTION_TERMS
from service.records import Answer, AnswerSentence, Result
from service.references import asks_for_source
from service.relations import (
    asks_only_the_office,
    is_post,
    office_asked,
    opens_on_the_office,
    states_office_taken,
    states_successor,
    successor_asked,
    taken_office,
    writes_office_taken,
    writes_office_unnamed,
)

Withdrawal = Literal[
    "not-in-kind",
    "another-event",
    "another-office",
    "title-only",
    "another-source",
    "cited-title",
    "someone-else",
    "former-holder",
    "unwritten-topic",
    "no-office",
    "unnamed",
    "unnamed-holder",
    "another-name",
    "unwritten-name",
    "another-count",
    "no-successor",
]
# Why an answer abstained (`Answer.abstain_reason`, the response's `abstain_reason`): a Withdrawal
# of this stage, or one of the stages before it. Under the calibrated cut, the evidence that held
# the first result there (service.calibration, `Calibration.withheld_by`): "unreported" (the veto),
# "relation-unstated", "unknown-share", "unknown-name", "residual-unmatched" (a penalty without
# which it would have scored at or above the cut), "weak-evidence" (none would lift it), and
# "alone-below-cut" (a follow-up's turn read alone, service.engine `Engine._read_alone_too`).
# Before it: "no-match" (the best cosine under the floor, service.answer), "orphaned" (a follow-up
# pointing at nothing, service.chat), "unsigned" (who wrote an unsigned article), "no-note",
# "no-document", "no-date-stated", "no-listed-claim" (the answers read from the notes, the cards,
# the dated sentences and the parsed sources); after it, "private-aside" (service.asides),
# "unsaid" (who said a lead quoting no one) and "undone" (who did what a lead naming no one tells,
# answered from elsewhere with another act). docs/retrieval.md, "Abstention".
CUT_REASONS = ("unreported", *(penalty_reason(name) for name in PENALTIES), "weak-evidence", "alone-below-cut")
UNRANKED_REASONS = ("no-match", "orphaned", "unsigned", "no-note", "no-document", "no-date-stated", "no-listed-claim")
ABSTAIN_REASONS: tuple[str, ...] = (
    *CUT_REASONS,
    *UNRANKED_REASONS,
    *get_args(Withdrawal),
    "private-aside",
    "unsaid",
    "undone",
)
# "Why did X <verb> …?" asks of an event as "When did X <verb> …?" does: its event is read the same
# way (service.offtopic.unstated_event), whatever the question asks of it.
_WHY_DID = re.compile(r"\s*why\s+(?=did\b)", re.IGNORECASE)


# Events and their opposites, as stems (service.bm25) with the irregular forms written out: "When
# did the Taliban close their Doha office?" is not answered by "In 2013, the Taliban opened a
# political office in Doha": the model reads "closed" and "opened" alike (0.70), and the passage
# shares every other word. Each pair is (one side, the other side); a side holds the event's
# words in other forms ("began" of "start"). docs/retrieval.md, "Abstention".
_OPPOSITE_EVENTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(one.split()), frozenset(other.split()))
    for one, other in (
        ("open reopen", "close closur shut"),
        ("start began begin begun launch", "end stop halt finish conclud ceas"),
        ("join rejoin", "leav quit exit"),
        ("releas freed free", "arrest detain captur imprison jail"),
        ("win won gain", "lose lost loss"),
        ("rise rose risen increas grew grow", "fall fell fallen declin decreas drop"),
        ("break broke broken sever cut", "restor resum"),
        ("accept", "reject refus"),
        ("appoint", "dismiss sack oust"),
    )
)
_EVENT_STEMS = frozenset(word for pair in _OPPOSITE_EVENTS for side in pair for word in side)


def _states_no_office(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """Whether `question` asks the office of a person it names as the possessor ("What is
    Anwar Iqbal's job?") and no quoted sentence says one of theirs: none writes an office beside
    the name (`writes_office`), nor says the person is one (`states_office`), read after the
    quoted sentence of its unit before it when it opens on "He" or "She". An author the notes
    cite, never titled, is matched by their entries and the passage citing them."""
    names = office_possessed(question)
    if not names:
        return False

    def before(sentence: AnswerSentence) -> str:
        earlier = [o for o in sentences if o.unit_id == sentence.unit_id and o.span[1] <= sentence.span[0]]
        return max(earlier, key=lambda o: o.span[1]).text if earlier else ""

    return not any(
        writes_office(s.text, names, is_post, question) or states_office(s.text, before(s), names, is_post, question)
        for s in sentences
    )


@dataclass(frozen=True)
class Verdict:
    """Whether an answer stands, and when it does not, why."""

    stands: bool
    reason: Withdrawal | None = None


STANDS = Verdict(True)


@dataclass(frozen=True)
class AnswerJudge:
    """What the verdict reads from the loaded index and the settings, fixed per loaded version."""

    all_references: np.ndarray  # (n_units,) bool: every sentence of the unit is a reference entry
    by_id: dict[str, int]  # unit id -> its index in the loaded units
    term_share: Callable[[str], float]  # the share of units holding a stemmed term
    lexicon: CorpusLexicon  # the corpus's words, for an event written in other words
    answer_type_cosine: float  # a best cosine at or above this answers in words (settings)
    cut: float  # the calibrated probability below which the engine abstains
    published: Callable[[str], int | None]  # unit id -> its document's publication year, if the catalog dates it
    # A source question's names of a source the corpus never writes (service.evidence,
    # `CorpusScope.unwritten_sources`); none when not given.
    unwritten_sources: Callable[[str], Sequence[Sequence[str]]] = lambda question: ()
    # Whether a unit (by id) has the speaker of "What did X say about Y?" say Y, Y written without
    # a name, in words read alike Y's (service.relations, `UnitRelations.speaks_of`); never when not given.
    speaks_of: Callable[[str, str], bool] = lambda question, unit_id: False
    # The share of the corpus's sentences writing a country or body (by its key, service.name_forms
    # `name_shares`); every name common (none read as rare) when not given.
    name_share: Callable[[str], float] = lambda key: 1.0

    def another_event(self, question: str) -> Callable[[str], bool]:
        """Whether a sentence's date, for `question` ("When did X <verb>?"), is of another event:
        it writes none of the asked event's words (`unstated_event`, the reading behind the
        verdict "another-event"); read before the verdict, to look for a sentence dating the
        asked one (service.note_answer.dated_note_first)."""
        return lambda sentence: unstated_event(question, sentence, self.term_share, self.lexicon)

    def _rare_name_unwritten(self, question: str, sentences: Sequence[AnswerSentence]) -> bool:
        """Whether the question names a country or body the corpus rarely writes, which no quoted
        sentence writes, while the lead writes another (service.name_forms,
        `rare_name_unwritten`). A source question is left out: a note answers it by the outlet
        and the title, which need not write the countries the question's topic names."""
        return not asks_for_source(question) and rare_name_unwritten(
            question, sentences[0].text, [s.text for s in sentences], self.name_share, COMMON_TERM_SHARE
        )

    def judge(self, question: str, answer: Answer, best_dense: float, whole: str | None = None) -> Verdict:
        """Whether `answer` (composed for `question` as the engine read it, its results scored
        by the calibration) stands; `best_dense`: the ranking's best cosine; `whole`: the question
        before a named document's topic was read out of it ("What does <document> say about
        <topic>?"), `question` when not given. An abstention stands: there is nothing to withdraw."""
        if answer.abstained:
            return STANDS
        # "How much sway …?" is composed as a quantity question (its type bonus kept: leads
        # changed otherwise) but asks an extent stated in words: nothing to withdraw for stating
        # no number (service.answer_type.asks_extent; docs/tuning.md, session 39).
        wanted = None if asks_extent(question) else expected_type(question)
        if best_dense < self.answer_type_cosine or (wanted is not None and not answered_in_words(wanted)):
            if wanted is not None and (
                not answer.sentences
                or not states_or_dates(wanted, answer.sentences[0].text, question)
                or not states_amount_asked(question, answer.sentences[0].text, self.lexicon.counts_alike)
            ):
                return Verdict(False, "not-in-kind")
            if answer.sentences and unstated_event(question, answer.sentences[0].text, self.term_share, self.lexicon):
                return Verdict(False, "another-event")
        if (
            wanted is AnswerType.DATE
            and answer.sentences
            and phrasal_events(question)
            and unstated_event(question, answer.sentences[0].text, self.term_share, self.lexicon)
        ):
            return Verdict(False, "another-event")
        if answer.sentences and not any(
            counts_asked(question, s.text, self.lexicon.counts_alike) for s in answer.sentences
        ):
            return Verdict(False, "not-in-kind")
        if answer.sentences and self._unstated_cause(question, answer.sentences[0].text):
            return Verdict(False, "another-event")
        if answer.sentences and opposite_event(
            question, answer.sentences[0].text, [s.text for s in answer.sentences[1:]]
        ):
            return Verdict(False, "another-event")
        if answer.sentences and self._unwritten_means(question, answer.sentences[0].text):
            return Verdict(False, "another-event")
        taken = taken_office(question)
        if taken is not None and answer.sentences:
            if not states_office_taken(taken, answer.sentences[0].text):
                return Verdict(False, "another-office")
            if wanted is AnswerType.DATE and not any(
                states_office_taken(taken, s.text) and writes_office_taken(taken, s.text) for s in answer.sentences
            ):
                return Verdict(False, "title-only")
        if asks_where(question) and answer.sentences:
            asked_of = asked_where_of(question)
            if asked_of is not None and only_possessed(asked_of, answer.sentences[0].text):
                return Verdict(False, "someone-else")
        if answer.sentences and _states_no_office(question, answer.sentences):
            return Verdict(False, "no-office")
        role = asked_role(question)
        if role is not None and only_former_holders(
            role, [s.text for s in answer.sentences], [self.published(s.unit_id) for s in answer.sentences]
        ):
            return Verdict(False, "former-holder")
        if answer.sentences and leaves_the_asked_one_unnamed(question, answer.sentences[0].text):
            return Verdict(False, "unnamed")
        if answer.sentences and _writes_office_unnamed(question, answer.sentences[0]):
            return Verdict(False, "unnamed-holder")
        if answer.sentences and self._another_source(question, answer.sentences[0].text):
            return Verdict(False, "another-source")
        if answer.sentences and another_name(question, answer.sentences[0].text, [s.text for s in answer.sentences]):
            return Verdict(False, "another-name")
        if answer.sentences and self._rare_name_unwritten(question, answer.sentences):
            return Verdict(False, "unwritten-name")
        if answer.sentences and count_of_another(question, [s.text for s in answer.sentences]):
            return Verdict(False, "another-count")
        if answer.sentences and _states_no_successor(question, answer.sentences):
            return Verdict(False, "no-successor")
        if (
            answer.sentences
            and unwritten_topic(whole or question, self.term_share, self.lexicon)
            and not self.speaks_of(whole or question, answer.sentences[0].unit_id)
        ):
            return Verdict(False, "unwritten-topic")
        if self._only_a_cited_title(answer.results, answer.sentences[0].unit_id if answer.sentences else None):
            return Verdict(False, "cited-title")
        return STANDS

    def _unwritten_means(self, question: str, lead: str) -> bool:
        """Whether `question` asks by what means X funds or recruits ("How does the TTP fund its
        attacks?": service.answer_type.means_verb) and `lead`, the sentence a user reads first,
        writes the verb in no form ("recruits" of "recruit") nor a word the model reads alike:
        it is on X, not on how X pays or mans anything. Read whatever the ranking's best cosine,
        as the why question's event is: a lead quoting the means second, after a sentence on
        something else, would still be read first."""
        verb = means_verb(question)
        if verb is None or terms_of(verb) & terms_of(lead):
            return False
        return not self.lexicon.writes_alike([verb], _EVENT_WORD.findall(lead))

    def _unstated_cause(self, question: str, lead: str) -> bool:
        """Whether `question` asks why X did something ("Why did X <verb> …?") and `lead` writes none
        of that event's words, nor any in another form: it gives a cause, or words around the
        question's names, of something else. Unlike a date question's event, read whatever the
        ranking's best cosine: a false premise ("Why did X resign?" of someone who never did) is
        matched as closely by the passages on X as a true one (docs/retrieval.md, "Abstention")."""
        why = _WHY_DID.match(question)
        if why is None:
            return False
        event = CLOSING_ROLE.sub("?", question[why.end() :])
        return unstated_event("When " + event, lead, self.term_share, self.lexicon)

    def _another_source(self, question: str, lead: str) -> bool:
        """Whether `question` asks about a source the corpus never names (its words written,
        never together) and `lead`, the sentence a user reads first, misses a word of it (by
        its stems): it is another source's, matched on how the question asks ("What",
        "report") or on one word of the name ("Islamabad" of "The Islamabad Post"), not on
        whom it asks about. A lead writing the name's words together (`writes_name`: by their
        stems, in order, at most two words apart) may be the asked source written otherwise
        ("Naveed Siddiqui" for "Naved Siddiqui": both stem to `nave`), and stands; one writing
        them apart ("Islamabad" and, words later, "posts") names another thing."""
        return any(not writes_name(lead, name) for name in self.unwritten_sources(question))

    def _only_a_cited_title(self, results: Sequence[Result], lead: str | None) -> bool:
        """The first result is nothing but reference entries, which do not lead the answer of a
        question that does not ask for a source, and the sentence the answer leads with (from
        unit `lead`) comes from a result scored below the cut. Abstain rather than quote the
        weak lead."""
        if lead is None or not results or not self.all_references[self.by_id[results[0].hit.unit.id]]:
            return False
        led = next((r for r in results if r.hit.unit.id == lead), None)
        return led is None or led.hit.score < self.cut


def _states_no_successor(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """Whether `question` asks who succeeded or replaced a person it names ("Who replaced Bajwa
    later?", as a follow-up's "him" is read) and none of the quoted sentences states that
    person's successor (service.relations, `states_successor`): the answer names another man's
    successor ("successor Shaikh Haibatullah Akhunzada" of Mansour), a "new" leader left
    unnamed, or the person's own deeds, all matched on the conversation's words (docs/tuning.md,
    session 53)."""
    possessor = successor_asked(question)
    return bool(possessor) and not any(states_successor(possessor, s.text) for s in sentences)


def _writes_office_unnamed(question: str, lead: AnswerSentence) -> bool:
    """Whether `question` asks who holds an office and nothing more ("Who is/was <owner>'s
    <office>?", "Who heads …?": service.relations.office_asked, `asks_only_the_office`) and
    `lead`, after the engine handed the lead to any ranked sentence naming the holder, still
    writes the office and names no one holding it ("Pakistan's Afghan envoy had joined …", "the
    U.S. Central Command chief called Bajwa"): the corpus writes the office, and no holder of it
    was found. A lead opening on "The <office>" after another sentence of its unit may point back
    at the holder that sentence names ("Bajwa and the ISI head met President Ghani in Kabul. The
    army chief had also visited …"), and stands (docs/retrieval.md, "The asked relation")."""
    asked = office_asked(question)
    if asked is None or not asks_only_the_office(question, asked) or not writes_office_unnamed(asked, lead.text):
        return False
    return not (lead.span[0] > 0 and opens_on_the_office(asked, lead.text))


# An event word is read as such only in its own forms: the stem with an inflection ("opened",
# "closing") or an irregular form the pairs write out ("began"); "several" is no form of "sever",
# "openly" none of "open", "won't" none of "won" (docs/retrieval.md, "Abstention").
_INFLECTIONS = ("", "e", "s", "es", "d", "ed", "ing", "n", "en")
_EVENT_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# The opposite event is of the asked thing when one of the question's other words stands within
# this many words of it ("the Taliban opened a political office in Doha" for "… close their Doha
# office?"); "by the end of 2021" in a note on the fence is not the end of its construction.
OPPOSITE_REACH = 4


def _event_forms(text: str) -> list[str | None]:
    """`text`'s words, each as the stem of an event word of `_OPPOSITE_EVENTS` when it is written
    in one of that stem's forms, else None (its place kept, for `OPPOSITE_REACH`)."""
    forms: list[str | None] = []
    for word in _EVENT_WORD.findall(text):
        lower = word.lower()
        stemmed = stem(lower)
        own = not lower.endswith(("'t", "’t")) and any(
            lower in (stemmed + end, stemmed.removesuffix("e") + end) for end in _INFLECTIONS
        )
        forms.append(stemmed if own and stemmed in _EVENT_STEMS else None)
    return forms


def opposite_event(question: str, lead: str, quoted: Sequence[str] = ()) -> bool:
    """Whether `question` asks when or why an event happened ("When did the Taliban close their
    Doha office?") and `lead` writes the opposite event ("… opened a political office in Doha")
    within OPPOSITE_REACH words of another word of the question, and neither `lead` nor any other
    `quoted` sentence writes the asked one in any of its forms: the premise is the reverse of
    what the corpus writes. A question writing both sides ("When was Baradar released after his
    arrest?") is not read; words are read in their own forms (`_event_forms`)."""
    if expected_type(question) is not AnswerType.DATE and _WHY_DID.match(question) is None:
        return False
    asked = {f for f in _event_forms(question) if f is not None}
    if not asked:
        return False
    held_forms = _event_forms(lead)
    held = {f for f in held_forms if f is not None}
    for text in quoted:
        held |= {f for f in _event_forms(text) if f is not None}
    words = [stem(re.sub(r"['’]s$", "", w.lower())) for w in _EVENT_WORD.findall(lead)]
    others = {t for t in terms_of(question) if t not in _EVENT_STEMS and t not in QUESTION_TERMS}
    for one, other in _OPPOSITE_EVENTS:
        for side, opposite in ((one, other), (other, one)):
            if not (asked & side) or asked & opposite or held & side:
                continue
            for i, form in enumerate(held_forms):
                if form in opposite and others & set(words[max(0, i - OPPOSITE_REACH) : i + OPPOSITE_REACH + 1]):
                    return True
    return False
