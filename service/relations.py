"""Whether a passage states the relation a question asks for, not only the things it names.

Near-topic questions that the corpus does not answer name people and places it does name, and
ask for a relation it never states between them: "Who was Pakistan's army chief before Qamar
Javed Bajwa?", "What did Hamid Karzai say in 2015?", "When was Imran Khan born?", "Where is
Crisis Group headquartered?", "How many madrasas are registered in Pakistan?". A passage about
the same people scores as high as a real answer on every similarity; what it lacks is the words
that would state the relation. A question's relation is read here from a few closed classes of
English question (docs/retrieval.md, "The asked relation"):

- a year it names ("in 2015"): the passage must state it, write a date in it, or state a span
  of years holding it; a document's own year counts as stated (a report of 2021 reports on
  2021 without naming it);
- a relational word from RELATION_FORMS ("born", "headquartered", "population", "deputy",
  "successor", "replaced", "founded"), and "before"/"after" a name in a question asking for a
  name ("Who was … before Bajwa?"): the passage must hold one of the word's forms, with a word
  of every name the question gives beside it ("the population of Karachi" is not stated by
  "Pakistan's population of 220 million");
- "How many <things> …", "the number of <things> …": the passage must write a number before
  one of the things' words ("1.4 million registered Afghan refugees", "32 attacks"), or before a
  word the model reads alike the counted noun of a "How many" question ("32 attacks" for
  "assaults", at service.offtopic.COUNTED_NOUN_COSINE), or before a word of the counted noun's
  family ("32 attacks" for "raids": service.answer_type.counted_kin), or write the list of the
  things ("command structures – political and military –"), in a window writing any month the
  question names ("in August"), not only mention the things, read as
  the verdict reads a count (service.answer_type.states_count: no year, no share); with
  "in/into/to/reached PLACE", a word of PLACE beside it (refugees counted in Pakistan are not
  counted in Iran);
- an office in a "Who …"/"Which …" question ("Who is India's prime minister?"): a form of the
  office with a word of every name the question gives; with its holder written beside it
  ("Pakistan's interior minister", "the Pakistani army chief", "the president of Afghanistan"),
  the office owned by that holder in the passage, or the title of someone it names that no other
  name owns (one the whole corpus titles with the office and its owner, when it titles anyone
  so: service.titles), and written with the office's own words ("foreign" minister, not "Prime
  Minister");
  asked "Who is/was …?", a unit among the first three that names the holder after the office
  with its owner beside it ("Pakistan's army chief Bajwa") moves above a first that names none
  ("the Pakistani army chief"); asked with a verb ("Who heads the ISI?", `office_of_verb`), read
  as "Who is the ISI chief?" with the office written by any noun or verb of heading;
- "What is the population of X?" (not a share of it): a number written with the word ("a
  population of 220 million"), not "80 per cent of X's population";
- "Is X recognised by Y?", "Does Y fund|arm X?" (PARTY_FORMS): the relation's forms with a word of
  both names in one window;
- "X's deputy", "the deputy of X", "Who succeeded X?" (ROLE_NOUNS: deputy, successor,
  predecessor, population, kin): a role noun the passage gives another owner ("Omar's deputy")
  or whose holder it names as X ("successor X") states another relation, and its converse held
  by X ("successor X" for X's predecessor, CONVERSE_ROLES) states it;
- "What did X say about Y?", "How did X describe Y?", "What was X's view of Y?": a window must
  have X (or a title the passages give X) say something in one of its sentences, and hold Y
  (service.said_about; a Y written without a name, in X's words or words read alike in
  context); a second result that does moves above a first that does not
  (`UnitRelations.said_first`), as it does for any other relation here when one of its
  sentences writes every word of the question;
- a kin noun in the plural owned by a group ("their Afghan brothers") is stated by the words for
  fellows too ("their Afghan counterparts", `fellowship_forms`); relation words of a premise the
  question restates before ";" ("X was made a principal deputy; what had his younger brother
  …?") are not asked, its names are (`asked_after_premise`);
- "X's role", "the role of X", "What role does X play …?": a window must name X ("India's role"
  does not state Iran's), in whatever words it gives X's part.

An office someone is said to have taken ("When did X become deputy prime minister?") is read
here too (`taken_office`), but checked on the answer's lead by the verdict (service.verdict,
"another-office"): the lead must write the whole office with X as the one who may hold it.

Each is checked in a window of one sentence with its neighbours, the unit's sentences as
the index splits them. A question outside these classes asks for no relation and nothing
is checked. English only; nothing here is keyed to a document: the forms are English words
and the years, dates and spans are read from the passage itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial

import numpy as np

from service.answer_type import (
    A_SHARE,
    ENDS_COUNTED,
    TIME_UNITS,
    Alike,
    asks_for_name,
    counted_kin,
    counted_phrase,
    counted_words,
    counts_occasions,
    counts_time,
    dates_a_series,
    dates_the_act,
    dates_the_doer,
    lists_counted,
    occasion_act,
    occasion_doer,
    stated_premise,
    states_count,
    states_elapsed,
)
from service.antecedents import writes_personal_pronoun
from service.bm25 import terms_of, tokenize
from service.citations import MONTH
from service.dates import MONTH_TERMS, YEAR, date_values, month_number, month_pattern, year_spans
from service.evidence import capitalised_names, name_heads
from service.name_forms import country_keys, is_capital, keys_in
from service.question_words import LIGHT_VERB_TERMS, NOT_A_NAME, QUESTION_TERMS, QUESTION_WORDS
from service.said_about import (
    MODIFIER,
    NAME_RUN,
    OWNER_BEFORE,
    SaidAbout,
    demonym_names,
    named_owner,
    read_said_in_conversation,
    says_about,
    speaker_titles,
    writes_names_joined,
)
from service.titles import asked_office
from service.word_forms import agent_spellings, bare_word, shares_word, word_stem, writes_word

# A relational word a question asks with -> the words a passage states that relation with.
# Stemmed as BM25 stems them, so "headquartered" and "headquarters" are one.
_FORMS = {
    "before": "before predecessor preceded previous previously former formerly earlier prior until",
    "after": "after succeeded successor replaced replacement following subsequently later new",
    # Not "new" nor "took": "its new supreme leader", "the Taliban announced their new interim
    # government", "Biden took over the U.S. administration" name no one's successor, and "Who
    # replaced him later?" was answered with them (docs/tuning.md, session 53).
    "succeeded": "succeeded successor replaced replacement",
    "successor": "succeeded successor replaced replacement",
    "replaced": "succeeded successor replaced replacement",
    "predecessor": "before predecessor preceded previous previously former formerly earlier",
    "deputy": "deputy",
    "born": "born birth",
    "birth": "born birth",
    "headquartered": "headquarters headquartered based",
    "population": "population inhabitants residents",
    "inhabitants": "population inhabitants residents",
    "founded": "founded founder established formed",
    # Kinship: stated only by the word itself ("Sirajuddin's uncle").
    **{kin: kin for kin in "brother sister son daughter father mother uncle nephew niece wife husband".split()},
}


RELATION_FORMS = {next(iter(terms_of(word))): terms_of(forms) for word, forms in _FORMS.items()}
# Offices a "Who …"/"Which …" question asks the holder of ("Who is India's prime minister?",
# "Who is the president of Russia?"): the passage must hold the office's word beside a word of
# every name the question gives (its country, party or group). A passage about another
# country's prime minister names the office but not the owner: near-topic questions of this
# shape were answered with whoever holds the office in the corpus (docs/retrieval.md, "The
# asked relation").
_OFFICES = {
    "minister": "minister ministry",
    "president": "president presidency presidential",
    # "emissary" and "director" name the same posts in other words ("an emissary of the British
    # Indian government", "the director of Pakistan's main spy agency"; docs/tuning.md, session 45)
    "ambassador": "ambassador envoy emissary",
    "envoy": "envoy ambassador representative emissary",
    "chief": "chief head commander director",
    # "Who is the TTP's head?", "Who is the ISI head?": the head of a body is written by any noun of
    # heading ("Taliban leader Mansour", "then chairman of the Joint Chiefs of Staff"); "Who is the
    # head of <body>?" is read as "Who heads <body>?" (`_HEAD_OF`; docs/tuning.md, session 46)
    "head": "head chief commander director leader chairman",
    "adviser": "adviser",
    "spokesperson": "spokesperson spokesman spokeswoman spokesmen spokeswomen",
    "governor": "governor",
    "king": "king monarch",
}
# The other forms a question may ask an office by, each read as the office it names: "Who is the
# Taliban spokesman?" asks what "Taliban spokesperson Zabihullah Mujahid" states. A form naming
# two offices asks what both share ("emissary": ambassador and envoy, not "representative").
# Left out, as words that name more than a post: "representative" ("representatives of the
# Afghan government"), "commander" (stemmed "command": "Central Command", "command structures"),
# "director", "leader", "chairman" (read through "the <noun> of X", `_HEAD_OF`), "ministry",
# "presidency", "presidential" (docs/tuning.md, session 51).
_ASKED_FORMS = "spokesman spokeswoman spokesmen spokeswomen emissary monarch"


def _own_forms(word: str) -> frozenset[str]:
    """The stems of the forms a passage may state the office `word` (a key of `_OFFICES`) with."""
    return terms_of(agent_spellings(_OFFICES[word]))


# Per stem of an office's other form (`_ASKED_FORMS`), the offices listing it among their forms,
# whose own words a passage writes: "spokesman" is written "spokesperson", "emissary"
# "ambassador" or "envoy".
_OFFICES_LISTING = {
    form: [word for word in _OFFICES if form in _own_forms(word)]
    for form in terms_of(_ASKED_FORMS) - terms_of(agent_spellings(" ".join(_OFFICES)))
}


def _office_forms() -> dict[str, frozenset[str]]:
    """Per stem an office is asked by, the stems of the forms a passage may state it with: each
    office by its own word (`_OFFICES`), and each of `_ASKED_FORMS` by the forms the offices
    listing it share (`_OFFICES_LISTING`)."""
    own = {stem: _own_forms(word) for word in _OFFICES for stem in terms_of(agent_spellings(word))}
    asked = {form: frozenset.intersection(*map(_own_forms, words)) for form, words in _OFFICES_LISTING.items()}
    return own | asked


OFFICE_FORMS = _office_forms()


def office_form_written(term: str, share: Callable[[str], float]) -> bool:
    """Whether `term` (a stem) is another form of an office (`_ASKED_FORMS`: "spokeswoman") whose
    own forms the corpus writes (`share`: a stem's share of the units): the question then asks
    what the corpus states by the office's word ("spokesperson"), not something it never writes
    (service.offtopic.read_topic; docs/tuning.md, session 58)."""
    return term in _OFFICES_LISTING and any(share(stem) > 0 for stem in OFFICE_FORMS[term])


def office_words_added(text: str) -> str:
    """`text` with the own word of each office it asks by another form of it ("Who is the Taliban
    spokesman?" adds "spokesperson"): for the lexical side of retrieval, which matches words and
    stems the two apart (docs/tuning.md, session 51)."""
    added = [" ".join(_OFFICES_LISTING[t]) for t in dict.fromkeys(tokenize([text])[0]) if t in _OFFICES_LISTING]
    return " ".join([text, *added]) if added else text


# The words a post can be named by when a question asks for someone's post ("What post did X
# get?"): the offices above and a few titles more, which a lead may name beside the person
# (service.answer; docs/retrieval.md, "A lead that holds what is asked").
POST_WORDS = frozenset().union(*OFFICE_FORMS.values()) | terms_of(
    "deputy leader representative secretary commander head director chairman emir general negotiator emissary "
    "founder co-founder spokesman officer"
)


def is_post(word: str) -> bool:
    """Whether `word` names a post (`POST_WORDS`), in any of its forms."""
    return bool(terms_of(word) & POST_WORDS)


# Relational nouns that take a possessor ("Omar's deputy", "the deputy of Omar") and may name
# their holder beside them ("successor Haibatullah", "younger brother, Anas"): in "X's deputy"
# X is the possessor, and a passage that names someone else as possessor, or X as the holder,
# states another relation with the same word (docs/retrieval.md, "The asked relation").
ROLE_NOUNS = terms_of(
    "deputy successor predecessor population inhabitants "
    "brother sister son daughter father mother uncle nephew niece wife husband"
)
# The role nouns that state a role the other way round: X's predecessor is the one whose
# successor X is ("following Mansour's death, with successor Haibatullah" states Haibatullah's
# predecessor), X's nephew the one X is the uncle of ("Khalil Haqqani (Sirajuddin's uncle)"), and
# X's brother one X is the brother of (a sibling of one gender taken as the same: precision
# first). English kinship, no corpus's names (docs/tuning.md, session 36).
_CONVERSE_NOUNS = {
    "predecessor": "successor",
    "successor": "predecessor",
    "brother": "brother",
    "sister": "sister",
    "son": "father mother",
    "daughter": "father mother",
    "father": "son daughter",
    "mother": "son daughter",
    "uncle": "nephew niece",
    "nephew": "uncle",
    "niece": "uncle",
    "wife": "husband",
    "husband": "wife",
}
CONVERSE_ROLES = {next(iter(terms_of(noun))): terms_of(others) for noun, others in _CONVERSE_NOUNS.items()}
_POSSESSOR_BEFORE = re.compile(rf"({NAME_RUN})['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}$")
_POSSESSOR_AFTER = re.compile(rf"\s+(?:of|to)\s+(?:the\s+)?({NAME_RUN})")
_HOLDER_AFTER = re.compile(rf",?\s+({NAME_RUN})")
# A name the role noun stands in apposition to, before it: "Khalil Haqqani (Sirajuddin's uncle)",
# "Baradar, Omar's deputy".
_HOLDER_BEFORE_ROLE = re.compile(rf"({NAME_RUN})\s*[(,]\s*$")
# "Who succeeded X?" / "Who replaced X?" ask for X's successor.
_SUCCEEDED = re.compile(rf"\b(?:succeeded|replaced)\s+(?:the\s+)?({NAME_RUN})")
_WORD = re.compile(r"[\w'’-]+")
# "before"/"after" ask for a relation only before a name, in a question asking for a name
# ("Who was army chief before Bajwa?"); "after the takeover" and "before September 2001" are
# time frames, not relations.
_TIME_RELATION = re.compile(rf"\b(before|after)\s+(?=[A-Z])(?!{month_pattern()}\b)")
_TIME_WORDS = terms_of("before after")
# "How many <things> are/did/live in …", "the number of <things> in …" (not "a number of", some):
# the words up to the verb or preposition that ends them (the prepositions that end a counted
# phrase, `ENDS_COUNTED` in service/answer_type.py, and "of", "to": "members of …", "fled to …"),
# verbs and objects among them ("Afghans protested against Pakistan"): the stems one of which a
# count's window writes. The counted noun phrase itself, which a list is read against, is
# service.answer_type's reading (`counted_phrase`).
_ENDS_COUNTED_STEMS = "|".join(sorted(ENDS_COUNTED | {"of", "to"}))
_HOW_MANY = re.compile(
    r"\b(?:how\s+many|(?<!\ba\s)number\s+of)\s+((?:[\w'’-]+\s+){0,4}?)"
    rf"(?:are|were|is|was|did|do|does|have|has|had|will|would|can|could|{_ENDS_COUNTED_STEMS})\b",
    re.IGNORECASE,
)
_NOT_COUNTED = terms_of("more other different")
# "How many X … in/into/to/reached PLACE": the count must be stated near a word of PLACE.
_COUNT_PLACE = re.compile(
    rf"\b(?:in|into|to|inside|within|reached|reach|entered|enter)\s+(?:the\s+)?"
    rf"(?!{month_pattern()}\b)({NAME_RUN})"
)
# A number beside a quantity's word ("a population of 220 million"), read with years and shares
# that `_counts` then leaves out (a count of a counted thing: service.answer_type.states_count).
_QUANTITY_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"dozens?|hundreds?|thousands?|millions?|billions?|several|scores)\b",
    re.IGNORECASE,
)
_CAPITALISED_RUN = re.compile(r"(?<![\w'’-])([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)")
# The holder of an office a question writes beside it: "Pakistan's interior minister" (a
# possessive, up to three lowercase words before the office), "the interior minister of
# Pakistan" ("of" a name ending the question; these two read by service.said_about.named_owner,
# as a said-about speaker's owner is), "the Pakistani interior minister" (a name up to
# two lowercase words before it; no function word between: "Islamabad with the minister"). Such
# a holder is stated only where a passage writes it beside the office in the same ways, or where
# the office is the title of someone it names ("Foreign Minister Shah Mahmood Qureshi") and no
# other name owns it: a paragraph about Pakistan that makes Sirajuddin Haqqani the Taliban's
# interior minister names both and states neither's (docs/retrieval.md, "The asked relation").
_HOLDER_BEFORE = re.compile(rf"({NAME_RUN})\s+(?:{MODIFIER}){{0,2}}$")
# A possessive owner with a capitalised word of the office's remit between it and the office:
# "Pakistan's Afghan envoy" is Pakistan's envoy for Afghanistan, and "Pakistan's Foreign Minister"
# Pakistan's. The possessive owns the office; the demonym after it is no owner, so it neither
# states nor stands in for its country's office (docs/retrieval.md, "The asked relation").
_OWNER_ACROSS = re.compile(rf"({NAME_RUN})['’]s\s+(?:[A-Z][\w'’.-]*\s+){{1,2}}(?:{MODIFIER}){{0,2}}$")
_LAST_MODIFIER = MODIFIER.removesuffix(r"\s+")  # the same word, ending a phrase
# An owner written through lowercase words naming one of its bodies: "the Taliban government's
# interior minister", "the Pakistani military's spokesperson" ask for the Taliban's and Pakistan's
# office, which passages write with the name alone ("Taliban interior minister", "Pakistan's
# foreign minister"), seldom with the body's words (docs/tuning.md, session 49). Group 2 holds the
# body's words: one naming a post is no body ("the Afghan president's envoy" is the president's,
# whom the question does not name).
_OWNER_THROUGH_BODY = re.compile(rf"({NAME_RUN})\s+((?:{MODIFIER})?{_LAST_MODIFIER})['’]s\s+(?:{MODIFIER}){{0,3}}$")
_OWN_WORDS = re.compile(r"(?<![\w'’.-])((?:[a-z][\w-]*\s+){0,3})$")
_TENURE = terms_of("current new former present acting incumbent interim then now")
OWN_REACH = 3  # words before an office within which its own words are written ("national security adviser")
# Characters read before a noun for the name owning it or the name it titles: a possessive and
# a few modifiers ("Pakistan's former interior minister") fit with room to spare.
LOOK_BACK = 120
_OWNER_OF = re.compile(rf"\s+of\s+(?:the\s+)?({NAME_RUN})")
# A named party's role: "Turkey's role in Afghanistan", "the role of Qatar", "What role does Saudi
# Arabia play …?". A passage on another party's role ("India's role") writes the role, not the
# party; the party must be named in the window, which may state its part in other words ("Qatar
# … assisting U.S.-Taliban negotiations"). docs/retrieval.md, "The asked relation".
_PARTY_ROLE = re.compile(
    rf"({NAME_RUN})['’]s\s+(?:{MODIFIER}){{0,2}}roles?\b"
    rf"|\broles?\s+of\s+(?:the\s+)?({NAME_RUN})"
    rf"|\broles?\s+(?:does|did|do|has|have|had|will|would|could|can|should|might|may)\s+(?:the\s+)?({NAME_RUN})"
    r"\s+(?:play|played|playing|have|had|take|taken|took)\b"
)
# An office written as the title of a person: the office, at most one lowercase word ("chief
# negotiator Baradar"), then a capitalised word that begins no sentence or clause.
_TITLE_OF_NAME = re.compile(rf"\s+(?:{MODIFIER})?[A-Z][\w'’.-]*")
# Or a name set off after it by a comma, closed by a comma or a dash: "the group's first supreme
# leader, Baitullah Mehsud—fought …" (docs/tuning.md, session 46).
# The name is not the holder's own: "former head, National Counter Terrorism Authority," names the
# body, not its head.
_APPOSED_NAME = re.compile(rf",\s+({NAME_RUN})\s*[,—–]")
# An office written after the name of its holder with "as" ("appointed Sirajuddin Haqqani as interior
# minister", "Khalil Haqqani (Sirajuddin's uncle) as minister for refugees"): a title too, but the
# one who gives it is named in the same sentence ("With the Taliban having appointed …"), not only
# in its window (docs/retrieval.md, "The asked relation"). The office may be one of several:
# "appointing Sirajuddin Haqqani as one of his principal deputies" gives the deputies' office to
# Sirajuddin, not to the one appointing him (`_held_by_another`; docs/tuning.md, session 44).
_TITLE_AS = re.compile(
    rf"({NAME_RUN})(?:\s*\([^)]*\))?\s+as\s+(?:one\s+of\s+(?:the|his|her|their|its)\s+)?(?:{MODIFIER}){{0,3}}$"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“‘(])")
# A name written after an office as its title: right after it ("army chief Qamar Javed Bajwa"),
# after one lowercase word that names a post too ("chief negotiator Mawlawi Abdul Hakim"; not
# "chief called Bajwa"), or set off by commas ("national security advisor, Moeed Yusuf,"); no
# determiner opening a sentence or clause ("the army chief. The …" names no one).
_TITLED_NAME = re.compile(
    rf"\s+(?:([a-z][\w-]*)\s+)?(?=[A-Z])(?!(?:{'|'.join(NOT_A_NAME)})\b){NAME_RUN}|,\s+{NAME_RUN},"
)
# Yes/no questions about a relation between two named parties ("Is the Taliban government
# recognised by China?", "Does Russia fund the Taliban?"): the relation's word -> the words a
# passage states it with. Read only in a question opening with an auxiliary verb that names two
# parties or more; stated, as a relational word is, by a window holding a form with a word of
# every name (docs/retrieval.md, "The asked relation").
_PARTY_RELATIONS = {
    "recognise": "recognise recognize recognition",
    "recognize": "recognise recognize recognition",
    "recognition": "recognise recognize recognition",
    "fund": "fund finance financial financing money",
    "finance": "fund finance financial financing money",
    "arm": "arms weapons weaponry",
    "weapons": "arms weapons weaponry",
}
PARTY_FORMS = {next(iter(terms_of(word))): terms_of(forms) for word, forms in _PARTY_RELATIONS.items()}
_YES_NO = re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b", re.IGNORECASE)
# A quantity of a named thing ("What is the population of Afghanistan?") is stated only by a number
# written with the quantity's word: after it ("a population of 220 million", "inhabitants number
# 11 million") or right before it ("11 million inhabitants"), and not a share of it ("80 per cent
# of Afghanistan's population" gives no count). A question asking for a share asks for no count.
QUANTITY_NOUNS = terms_of("population inhabitants residents")
_ASKS_SHARE = re.compile(
    r"\b(?:share|proportion|percentage|per\s*cent|fraction|part|majority|minority|much\s+of)\b", re.IGNORECASE
)
_ASKS_QUANTITY = re.compile(r"^\s*(?:what|how)\b", re.IGNORECASE)
QUANTITY_REACH = 4  # words after the quantity's word within which its number is written


# "When did X become <office>?", "When was X appointed <office>?", "Did X become …?": X is said to
# have taken an office, written after the verb in lowercase words, with its owner before them when
# the question gives one ("the Taliban's supreme leader", "US special representative") and up to a
# preposition or the question's end ("special representative for Afghanistan reconciliation").
# docs/retrieval.md, "An office someone became".
_TAKES_OFFICE = re.compile(
    rf"({NAME_RUN})\s+(?:become|became|appointed|named|made|elected)\s+(?:as\s+)?(?:the\s+|an?\s+)?"
    rf"(?:({NAME_RUN})(?:['’]s)?\s+)?((?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*)"
    r"(?=\s*(?:[?.!,]|$)|\s+(?:of|for|in|on|at|to|after|before|by|when|under|since)\b)"
)


# The nouns an office taken ends with: the offices a "Who" question asks the holder of, the role
# nouns, and a few more titles ("supreme leader", "special representative", "army commander").
_OFFICE_NOUNS = (
    frozenset(OFFICE_FORMS)
    | ROLE_NOUNS
    | terms_of("leader representative secretary commander head director chairman emir general negotiator")
)


@dataclass(frozen=True)
class TakenOffice:
    """An office a question says someone took: the one said to take it, the office's own words
    (as stems, in order) and the owner the question gives it (stems; empty when none)."""

    holder: frozenset[str]
    office: tuple[str, ...]
    owner: frozenset[str]


def taken_office(question: str) -> TakenOffice | None:
    """The office `question` asks when or whether someone took ("When did X become deputy prime
    minister?"), or None when it asks of no office taken."""
    first = re.match(r"\s*\S+", question)  # the question's own word ("Did", "When") names no one
    match = _TAKES_OFFICE.search(question, first.end() if first else 0)
    if match is None:
        return None
    stems = [word_stem(word) for word in match.group(3).split()]
    holder = _name_terms(match.group(1))
    if not holder or not stems or any(stem is None for stem in stems) or stems[-1] not in _OFFICE_NOUNS:
        return None
    owner = _name_terms(match.group(2)) if match.group(2) else frozenset()
    return TakenOffice(holder, tuple(s for s in stems if s is not None), owner)


def states_office_taken(taken: TakenOffice, sentence: str) -> bool:
    """Whether `sentence` writes the whole office, its words in a row, as an office the one said
    to take it may hold: it names that one, and the office is not given to another ("Prime
    Minister Khan", "Sirajuddin Haqqani as interior minister"), nor owned by the one asked about
    ("Baradar's deputy"), nor by another owner than the question gives it. A part of the office
    belonging to another relation ("formerly Mullah Omar's deputy" for a deputy prime minister)
    is not the office (docs/retrieval.md, "An office someone became")."""
    if not shares_word(taken.holder, terms_of(sentence)):
        return False
    words = list(_WORD.finditer(sentence))
    stems = [word_stem(word.group()) for word in words]
    size = len(taken.office)
    for first in range(len(words) - size + 1):
        if tuple(stems[first : first + size]) != taken.office:
            continue
        if not _held_by_another(taken, sentence, words[first].start(), words[first + size - 1].end()):
            return True
    return False


# Words writing an office being taken, not only held: "became", "appointed", "named", "elected",
# "sworn in", "took over", "taking power", "assuming office", "successor", "since" (a tenure's
# start). A sentence that only titles someone with the office ("On 14 November 2020, Foreign
# Minister Qureshi … disclosed …", "In 2011, …, Admiral Michael Mullen, then chairman of …,
# called …") dates what they did while holding it, not their taking it (docs/tuning.md,
# session 40). English words only.
_TAKING = re.compile(
    r"\b(?:becom\w*|became|appoint\w*|nam(?:ed|ing)|elect\w*|sworn|assum\w*|inaugurat\w*|install\w*"
    r"|promot\w*|succe(?:ed\w*|ssor\w*|ssion)|replac\w*|cho(?:se|sen|osing)|select\w*|nominat\w*"
    r"|elevat\w*|made|tenure|since|accession|ascen\w*|designat\w*|newly"
    r"|(?:take[ns]?|taking|took)\s+(?:over|office|power|charge|up|the\s+helm)|(?:rose|risen|rising)\s+to)\b",
    re.IGNORECASE,
)


def writes_office_taken(taken: TakenOffice, sentence: str) -> bool:
    """Whether `sentence` names the one said to take the office and writes a taking: a word of
    `_TAKING`, or the office's first word right after "new" ("new Prime Minister X"). "When did
    X become <office>?" is not answered by a sentence dating something X did under the title."""
    if not shares_word(taken.holder, terms_of(sentence)):
        return False
    if _TAKING.search(sentence):
        return True
    words = list(_WORD.finditer(sentence))
    return any(
        word_stem(word.group()) == taken.office[0] and index > 0 and words[index - 1].group().lower() == "new"
        for index, word in enumerate(words)
    )


def _held_by_another(taken: TakenOffice, text: str, start: int, end: int) -> bool:
    """Whether the office written at text[start:end] is another's: titled with another name
    after it ("Minister Khan"), given to another with "as" ("Sirajuddin Haqqani as interior
    minister", "… as one of his principal deputies"), or owned by a name that is the one asked
    about or not the owner asked."""
    before = text[max(0, start - LOOK_BACK) : start]
    for match in (_HOLDER_AFTER.match(text, end), _TITLE_AS.search(before)):
        if match is not None and not _same_person(_name_terms(match.group(1)), taken.holder):
            return True
    owner = _possessor(text, start, end)
    if owner is None:
        return False
    owned_by = _name_terms(owner.group(1))
    return _same_person(owned_by, taken.holder) or bool(taken.owner) and not shares_word(owned_by, taken.owner)


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name holds every word of the other ("Baradar", "Mullah Abdul Ghani Baradar"): two
    people sharing a family name ("Khalil Haqqani", "Sirajuddin Haqqani") are two."""
    return bool(a and b) and (a <= b or b <= a)


@dataclass(frozen=True)
class AskedRelation:
    """What a passage must state to answer the question, beyond naming what it names."""

    years: frozenset[int] = frozenset()
    relations: tuple[frozenset[str], ...] = ()  # per relational word, the stems that state it
    arguments: tuple[frozenset[str], ...] = ()  # per name, its stems: one must stand by the relation
    # Per name (as `arguments`), the keys of the country or body it is a form of, a capital's none
    # (service.name_forms: "American" is the United States): a window writing the country in another
    # form but its capital writes the name ("U.S. forces" for "the departing American forces";
    # `_writes_arguments`, docs/tuning.md, session 57)
    argument_keys: tuple[frozenset[str], ...] = ()
    counted: frozenset[str] = frozenset()  # "How many X": X's stems, one written after a number
    place: frozenset[str] = frozenset()  # "How many X in PLACE": PLACE's stems, one in the count's window
    possessor: frozenset[str] = frozenset()  # "X's deputy": X's stems (the role's possessor)
    roles: frozenset[str] = frozenset()  # the role nouns whose possessor and holder are read
    said: SaidAbout | None = None  # "What did X say about Y?": X and Y (service.said_about)
    holder: frozenset[str] = frozenset()  # "Pakistan's interior minister": the holder's stems
    kind: frozenset[str] = frozenset()  # and the office's own words ("interior"), written before it
    offices: frozenset[str] = frozenset()  # the stems of the forms of the offices it holds
    quantity: frozenset[str] = frozenset()  # "the population of X": the nouns a number must be written with
    party: frozenset[str] = frozenset()  # "X's role", "What role does X play": X's stems, named in the window
    counted_noun: str = ""  # "How many assaults …": the counted noun as written, read by meaning too
    elapsed: frozenset[str] = frozenset()  # "How many years did X spend in prison?": the event's stems
    elapsed_heads: tuple[frozenset[str], ...] = ()  # and the head of each name, written in the window
    # The names a demonym makes of the question's ("the Pakistani Taliban") whose place it names apart
    # too ("Pakistan"): per name, its two words' stems, written as one in the window
    # (service.said_about.writes_names_joined)
    joined: tuple[tuple[str, str], ...] = ()
    # "How many raids did the TTP carry out in August?": the months a count is asked in, one written
    # in the window (a count of August is none of July's; docs/tuning.md, session 46)
    months: frozenset[int] = frozenset()
    # "How many Indian diplomats …": the counted phrase's words, lower-cased, none an item of a list
    # read as the count (service.answer_type.counted_phrase and lists_counted, as the verdict reads it)
    counted_phrase: frozenset[str] = frozenset()
    # "How many times did U.S. officials contact Bajwa …?": a count of occasions, stated too by a
    # sentence dating a series of them (service.answer_type.dates_a_series) in a window writing a
    # word of each of the question's names (`series_names`): "On 19 February, … called Bajwa …; on
    # 9 March, …" (docs/tuning.md, session 47)
    series: bool = False
    series_names: tuple[frozenset[str], ...] = ()
    # Its act ("phone" of "… phone Bajwa …"; service.answer_type.occasion_act), which the series
    # must date: dated calls to Bajwa are no count of how many times he was thanked (session 48)
    series_act: tuple[str, ...] = ()
    series_asked: frozenset[str] = frozenset()  # the question's other stems, never read as the act
    # Who does the act (service.answer_type.occasion_doer: "U.S. officials"), whom the dated clauses
    # must name as its doer: calls made to Bajwa count no calls Bajwa made (session 49)
    series_doer: tuple[str, ...] = ()
    # "Who is the Afghan president?": the question up to its office as service.titles reads an
    # office and its owner (`asked_office`), whose holders the whole corpus's titles name
    # (`UnitRelations._titled`); the whole question when no cut reads one, empty when the question
    # asks no office's holder (`_titled_office`)
    office_text: str = ""

    @property
    def asked(self) -> bool:
        return bool(self.years or self.relations or self.counted or self.said or self.party)


# An office asked with a verb: "Who heads the ISI?", "Who commands the Pakistani army?", "Who led the
# Taliban in 2016?". It asks what "Who is the ISI chief?" asks, and is read as that question (its
# organisation the office's holder, its lowercase words the office's own words), with the office
# written by any noun or verb of heading: "ISI chief Faiz Hameed", "Taliban leader Mansour", "the
# Pakistani government led by Nawaz Sharif". Only a short organisation (four words at most, no
# function word) and a time or place after it are read: "Who led the delegation that visited …"
# names no organisation the verb's object could be (docs/retrieval.md, "The asked relation").
_NOT_IN_NAME = (  # no function word, and no pronoun: "Who led it?" is a follow-up's, read with its conversation
    r"(?!(?:and|or|of|for|to|the|a|an|in|on|at|with|by|from|as|who|whom|which|that|when|after|before"
    r"|it|its|they|them|their|he|him|his|she|her|this|these|those)\b)"
)
# A proper name may hold "of" between two capitalised words ("the Joint Chiefs of Staff", "the U.S.
# Institute of Peace"): "of" there joins the name, where after a lowercase word it names an owner or
# a remit the verb's reading does not take ("the army of Pakistan"; docs/tuning.md, session 47).
_CAPITALISED = r"(?-i:[A-Z])[\w'’.-]*"
_NAME_WITH_OF = rf"{_CAPITALISED}\s+of\s+(?:the\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}"
_ORGANISATION = (
    rf"(?P<body>(?:the\s+)?(?:{_NOT_IN_NAME}[\w'’.-]+\s+){{0,3}}(?:{_NAME_WITH_OF}|{_NOT_IN_NAME}[\w'’.-]+))"
    r"(?P<when>\s+(?:in|on|since|until|during)\s+[^?]*)?\s*\?*\s*$"
)
_HEADS = re.compile(
    r"^\s*who\s+(?:(heads|commands|runs|leads|chairs)|headed|commanded|ran|led|chaired)\s+" + _ORGANISATION,
    re.IGNORECASE,
)
# "Who is/was the head of <organisation>?" asks what "Who heads <organisation>?" asks, and is read as
# it is (the same organisation and time after it): "the head of Iran's main spy agency" is Iran's
# spy agency chief, not whoever heads a spy agency (docs/tuning.md, session 46). Any noun of heading
# asks the same ("the director of Iran's main spy agency", "the leader of the Jamiat-e Islami", "the
# commander of the Afghan army"; docs/tuning.md, session 47).
HEADING_NOUNS = ("head", "chief", "director", "leader", "commander", "chairman", "chairwoman", "chairperson", "chair")
_HEAD_OF = re.compile(
    rf"^\s*who\s+(?:(is|are)|was|were)\s+the\s+(?:{'|'.join(HEADING_NOUNS)})\s+of\s+" + _ORGANISATION,
    re.IGNORECASE,
)
# The nouns of heading and "led": a sentence writing one of them states who heads a body.
HEAD_FORMS = terms_of(" ".join((*HEADING_NOUNS, "led")))
# A verb of heading as a passage writes it with its organisation after it ("who headed the Taliban's
# leadership council"): the organisation owns the office, as a possessive before a noun does.
_HEAD_VERBS = frozenset("heads headed leads led commands commanded chairs chaired".split())
_HEADED_OBJECT = re.compile(rf"\s+(?:the\s+)?({NAME_RUN})")


def _heading_asked(question: str) -> re.Match[str] | None:
    """ "Who heads/led/commands … <organisation>?" or "Who is/was the head of <organisation>?"
    (`_HEADS`, `_HEAD_OF`): the organisation (`body`), a time after it (`when`), and group 1 set
    when it asks in the present."""
    return _HEADS.match(question) or _HEAD_OF.match(question)


def office_of_verb(question: str) -> str | None:
    """For "Who heads/led/commands … <organisation>?" (or "Who is/was the head of …?"), the
    question asking the same by the office's noun ("Who is/was <organisation> chief?"); None for
    any other question."""
    match = _heading_asked(question)
    if match is None:
        return None
    tense = "is" if match.group(1) else "was"
    return f"Who {tense} {match.group('body')} chief{match.group('when') or ''}?"


@lru_cache(maxsize=1024)
def read_relation(question: str, history: tuple[str, ...] = ()) -> AskedRelation:
    """The relation `question` asks for (empty when it asks for none of the classes above);
    `history`, the earlier questions a follow-up is read with, gives what someone said about
    something the half a follow-up leaves out (service.said_about)."""
    heads = _heading_asked(question) if asks_for_name(question) else None
    by_verb = office_of_verb(question)
    if heads is not None and by_verb is not None:  # "Who heads the ISI?" read as "Who is the ISI chief?"
        return _headed_by_any_form(read_relation(by_verb, history), heads.group("body"))
    years = frozenset(int(y) for y in YEAR.findall(question))
    terms = set(tokenize([question])[0])
    asked_part = asked_after_premise(question)
    fellows = fellowship_forms(asked_part)
    # A role noun is stated by its converse too ("successor Haibatullah": Haibatullah's predecessor),
    # and "their brothers" by the words for fellows (`fellowship_forms`)
    relations = [
        RELATION_FORMS[t] | CONVERSE_ROLES.get(t, frozenset()) | fellows.get(t, frozenset())
        for t in sorted(set(tokenize([asked_part])[0]) - _TIME_WORDS)
        if t in RELATION_FORMS
    ]
    holder: frozenset[str] = frozenset()
    kind: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    possessor, roles = asked_role(asked_part)
    if asks_for_name(question):
        office_part = _office_part(question)
        relations += [RELATION_FORMS[next(iter(terms_of(m.group(1))))] for m in _TIME_RELATION.finditer(question)]
        holder, kind, offices = _asked_holder(office_part)
        # "Who succeeded Mansour at the head of the Taliban?": the office is the one the possessor
        # left, which the sentence stating his successor need not write, so neither it nor its
        # owner is asked of the answer; the office is still read as one (docs/tuning.md, session 55)
        if "successor" in roles:
            holder, kind = frozenset(), frozenset()
        else:
            relations += [OFFICE_FORMS[t] for t in sorted(_office_stems(office_part))]
    office_text = _titled_office(question, offices) if holder else ""
    names = _name_stems(question, frozenset())
    if _YES_NO.match(question) and len(names) >= 2:
        relations += [PARTY_FORMS[t] for t in sorted(terms) if t in PARTY_FORMS]
    asks_count = bool(terms & QUANTITY_NOUNS) and _ASKS_QUANTITY.match(question) is not None
    quantity = QUANTITY_NOUNS if asks_count and not _ASKS_SHARE.search(question) else frozenset()
    counted: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()
    how_many = _HOW_MANY.search(question)
    if how_many is not None:
        counted = terms_of(how_many.group(1)) - _NOT_COUNTED
        in_place = _COUNT_PLACE.search(question, how_many.start(1))
        place = terms_of(in_place.group(1)) if in_place else frozenset()
    named = _names_and_forms(question, counted) if relations else ()
    arguments = tuple(name for name, _ in named)
    said = read_said_in_conversation(question, history)
    party = _asked_party(question)
    return AskedRelation(
        years,
        tuple(relations),
        arguments,
        tuple(keys for _, keys in named),
        counted,
        place,
        possessor,
        roles,
        said,
        holder,
        kind,
        offices,
        quantity,
        party,
        counted_noun=next(iter(counted_words(question)[-1:]), "") if counted else "",
        elapsed=_elapsed_event(question, counted),
        elapsed_heads=_elapsed_heads(question) if counts_time(counted) else (),
        joined=_place_named_apart(demonym_names(question), (*arguments, party)) if arguments or party else (),
        months=_months(question) if counted else frozenset(),
        counted_phrase=counted_phrase(question) if counted else frozenset(),
        series=bool(counted) and counts_occasions(question),
        series_names=tuple(_name_stems(question, counted)) if counted and counts_occasions(question) else (),
        series_act=occasion_act(question) if counted else (),
        series_asked=terms_of(question) - terms_of(" ".join(occasion_act(question))) if counted else frozenset(),
        series_doer=occasion_doer(question) if counted else (),
        office_text=office_text,
    )


def _titled_office(question: str, offices: frozenset[str]) -> str:
    """`question` up to the first word of its asked `offices` that service.titles reads as an
    owned office (`asked_office`: "Who is the Afghan president"), the part the corpus's titles
    of that office are looked up by; the whole question when no cut reads one, as service.titles
    reads a speaker (its last role noun: "Who was the Afghan president with whom the U.S. envoy
    …" asks of the president, not of the envoy)."""
    for word in _WORD.finditer(question):
        if word_stem(word.group()) in offices and asked_office(question[: word.end()]) is not None:
            return question[: word.end()]
    return question


# A month as a question or a passage writes it: its full name or an abbreviation, the stop optional
# (service.citations.MONTH, the pattern a citation's date is read with).
_MONTH = re.compile(rf"\b{MONTH}(?![\w'’-])")


def _months(text: str) -> frozenset[int]:
    """The months `text` names ("August", "Sept."), by number."""
    return frozenset(n for m in _MONTH.finditer(text) if (n := month_number(m.group())) is not None)


def asked_after_premise(question: str) -> str:
    """The part of `question` that asks, after a premise it restates before ";"
    (service.answer_type.stated_premise): in "Sirajuddin Haqqani was made a principal deputy; what
    had his younger brother become by 2021?" the deputy is the user's given, and a passage on the
    brother need not state it. The premise's names are still read (`_name_stems` reads the whole
    question); its relation words and role nouns are not (docs/tuning.md, session 50). The whole
    question when it states no premise."""
    premise = stated_premise(question)
    return premise.asks if premise is not None else question


# Words a passage writes fellows with (English, no corpus's names): "their Afghan brethren", "their
# Afghan counterparts". "Fellow" is left out: "their fellow militants" is written of any group's
# own members, not of kin in another country (docs/tuning.md, session 50).
_FELLOWSHIP = "brethren counterparts comrades kinsmen"
FELLOWSHIP_WORDS = terms_of(_FELLOWSHIP)
# A plural kin noun owned by "their" or by a plural possessive ("the insurgents'"), up to two words
# between ("their Afghan brothers", "their Pakistani militant brothers"): fellows, as often as kin.
_OWNED_BY_A_GROUP = r"(?:\btheir|[a-z]s['’])\s+(?:[\w-]+\s+){0,2}?"
_FELLOW_KIN = re.compile(rf"{_OWNED_BY_A_GROUP}(brothers|sisters)\b", re.IGNORECASE)
_FELLOWS_WRITTEN = re.compile(rf"{_OWNED_BY_A_GROUP}(?:{'|'.join(_FELLOWSHIP.split())})\b", re.IGNORECASE)


def fellowship_forms(question: str) -> dict[str, frozenset[str]]:
    """Per kin noun `question` writes in the plural owned by a group ("their Afghan brothers"),
    the words for fellows (`FELLOWSHIP_WORDS`), which state it as the noun itself does: a passage
    writes "their Afghan counterparts" where a user writes "their Afghan brothers". Empty when
    it writes none."""
    return {stem: FELLOWSHIP_WORDS for m in _FELLOW_KIN.finditer(question) for stem in terms_of(m.group(1))}


def writes_fellows(sentence: str) -> bool:
    """Whether `sentence` writes a word for fellows owned by a group ("their Afghan brethren")."""
    return _FELLOWS_WRITTEN.search(sentence) is not None


def _place_named_apart(
    joined: tuple[tuple[str, str], ...], names: Sequence[frozenset[str]]
) -> tuple[tuple[str, str], ...]:
    """The names a demonym makes (`joined`, service.said_about.demonym_names) whose place the
    question names apart as well, as another name: "Does Pakistan supply weapons to the Pakistani
    Taliban?". There a window naming the place and the name apart ("Pakistan no longer provides
    weapons directly to the Taliban") reads one word for two names, so the demonym's name must be
    written as one. Alone, a demonym's name is read as any other name, by a word of it: "the
    Afghan Taliban" is written "the Taliban" as often (docs/tuning.md, session 45)."""
    return tuple(
        (demonym, name)
        for demonym, name in joined
        if any(shares_word(frozenset({demonym}), other) and name not in other for other in names)
    )


def _elapsed_heads(question: str) -> tuple[frozenset[str], ...]:
    """The heads of the names a count of time asks of (`name_heads` in service.evidence), a month
    left out: "Mullah Omar" is written by "Omar", not by the "Mullah" of another man's name."""
    heads = (head - MONTH_TERMS for head in name_heads(question))
    return tuple(head for head in heads if head)


def _elapsed_event(question: str, counted: frozenset[str]) -> frozenset[str]:
    """For a count of time ("How many years did X spend in a Pakistani prison?"), the stems of
    the event it is counted for ("spend", "prison"): the question's words other than its names,
    how it asks, a light verb and the unit; empty for any other question, or when none is left.
    A count of time written in another unit ("nearly a decade") states it only in a sentence
    writing one of them: a decade is written of anything, and a passage naming X with another
    span of X's ("Baradar, who spent nearly a decade in a Pakistani prison") does not state how
    long X served as a deputy (docs/tuning.md, session 41)."""
    if not counts_time(counted):
        return frozenset()
    named = frozenset().union(*_name_stems(question, frozenset()))
    own = terms_of(question) - named - QUESTION_TERMS - LIGHT_VERB_TERMS - TIME_UNITS
    return frozenset(t for t in own if not t.isdigit())


def _office_part(question: str) -> str:
    """`question` up to the clause after the first office it names: "Who was the Pakistani foreign
    minister who stressed … at a meeting with the Afghan and Chinese foreign ministers?" asks of a
    Pakistani foreign minister, and the clause's words and offices tell what he did, not what his
    office is called (docs/tuning.md, session 32)."""
    first = next(_office_words(question), None)
    if first is None:
        return question
    opener = next((w for w in _WORD.finditer(question, first.end()) if w.group().lower() in _CLAUSE_OPENERS), None)
    return question if opener is None else question[: opener.start()]


# An owner's "'s" and the space after it, the split of `_headed_by_any_form`: not service.text's
# POSSESSIVE ("'s" before any word's end), which would also split at an organisation's last word
# ("the Taliban's": nothing left of its own words) and before a comma or a dot.
_POSSESSIVE = re.compile(r"['’]s\s+")


def _headed_by_any_form(asked: AskedRelation, organisation: str) -> AskedRelation:
    """`asked` (an office question with "chief") with the office written by any form of heading
    (`HEAD_FORMS`): the verb's question is answered by "Taliban leader Mansour" and "the
    government led by Nawaz Sharif" as much as by "ISI chief Faiz Hameed". Every name of the
    `organisation` owns the office ("Pakistan's ISI": "ISI chief" too), and its lowercase words
    are not required before it: the organisation the verb's object names is seldom the office's
    own word ("led the Afghan peace effort": "chief Afghan peace envoy Abdullah Abdullah"). An
    organisation named by an office's form ("the interior ministry") is headed by that office
    too ("interior minister"), written with the organisation's other lowercase words: the head
    of "the Taliban's foreign ministry" is a foreign minister, not the Taliban's Prime Minister
    nor whoever headed its leadership council (docs/tuning.md, session 46)."""
    named_by = [forms for forms in OFFICE_FORMS.values() if forms & terms_of(organisation)]
    heads = HEAD_FORMS.union(*named_by)
    chief = OFFICE_FORMS[next(iter(terms_of("chief")))]
    relations = tuple(heads if forms == chief else forms for forms in asked.relations)
    if not asked.holder:
        return replace(asked, relations=relations)
    holder = asked.holder | _name_terms(" ".join(_CAPITALISED_RUN.findall(organisation)))
    # The words after the owner's possessive: "government" of "the Taliban government's interior
    # ministry" names the owner's body, no word of its office (`_OWNER_THROUGH_BODY`)
    own_part = _POSSESSIVE.split(organisation)[-1]
    lowercase = terms_of(" ".join(w for w in _WORD.findall(own_part) if w.islower()))
    own = lowercase - frozenset().union(*named_by) - _TENURE if named_by else frozenset()
    return replace(asked, relations=relations, holder=holder, kind=own, offices=heads)


def _asked_party(question: str) -> frozenset[str]:
    """The stems of the party whose role `question` asks about (`_PARTY_ROLE`); empty otherwise."""
    match = _PARTY_ROLE.search(question)
    if match is None:
        return frozenset()
    return _name_terms(next(group for group in match.groups() if group))


def _asked_holder(question: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """For "X's <office>", "the <office> of X" and "the X <office>": X's stems, the stems of the
    office's own words (the lowercase words before it and between its office words: "interior"
    minister, "national security" adviser, "chief peace envoy"; not "current" or "new"), and the
    stems of the forms of every office the question names; empty when no office has a holder."""
    offices = [(word, OFFICE_FORMS[stem]) for word in _office_words(question) if (stem := word_stem(word.group()))]
    if not offices:
        return frozenset(), frozenset(), frozenset()
    forms = frozenset().union(*(f for _, f in offices))
    first, last = offices[0][0], offices[-1][0]
    before = question[max(0, first.start() - LOOK_BACK) : first.start()]
    across = _OWNER_ACROSS.search(before)  # "Pakistan's Afghan envoy": Pakistan's, not the Afghans'
    near = _HOLDER_BEFORE.search(before) if across is None else across  # "the Pakistani interior minister"
    # A holder of no word ("the U.S. president": "U.S." has no stem) is read as none, as before
    # session 50: its marks alone are in no window's words, so a title no name owns ("President
    # Trump") would never be its office, nor "the U.S. president" name one (docs/tuning.md, session 50).
    for name in (
        named_owner(question, first.start(), last.end()),
        near.group(1) if near else None,
        _owner_through_body(before),
    ):
        holder = owner_terms(name) if name is not None and _name_terms(name) else frozenset()
        if holder:
            own_words = _OWN_WORDS.search(before)
            own = (own_words.group(1) if own_words else "") + question[first.end() : last.start()]
            return holder, terms_of(own) - forms - _TENURE, forms
    return frozenset(), frozenset(), frozenset()


def _owner_through_body(before: str) -> str | None:
    """The name owning an office through its body's lowercase words right before it
    (`_OWNER_THROUGH_BODY`: "the Taliban government's"), None when none does or a word of the
    body names a post."""
    through = _OWNER_THROUGH_BODY.search(before)
    if through is None or any(is_post(word) for word in through.group(2).split()):
        return None
    return through.group(1)


def _unowned_office(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """For an office a question names with its own words and no holder ("the army chief"): the
    stems of those words, written before it, and of the office's forms; empty when it writes
    none ("the chief of army staff": the words after it may name its remit or its owner)."""
    who = _WHO_IS.match(question)
    start = who.end() if who else 0  # "Who is" is no word of the office
    office = next(_office_words(question, start), None)
    if office is None:
        return frozenset(), frozenset()
    forms = OFFICE_FORMS[word_stem(office.group()) or ""]
    own_words = _OWN_WORDS.search(question[start : office.start()])
    kind = terms_of(own_words.group(1) if own_words else "") - forms - _TENURE
    return kind, forms if kind else frozenset()


def asked_role(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """For "X's <role noun>", "the <role noun> of X" and "Who succeeded X?": X's stems and the
    stems of the nouns the passage may state that role with; empty otherwise."""
    for word in _WORD.finditer(question):
        noun = word_stem(word.group())
        if noun not in ROLE_NOUNS:
            continue
        owner = _possessor(question, word.start(), word.end())
        if owner is not None:
            return terms_of(owner.group(1)), RELATION_FORMS.get(noun, frozenset({noun})) & ROLE_NOUNS
    succeeded = _SUCCEEDED.search(question)
    if succeeded is not None:
        return terms_of(succeeded.group(1)), RELATION_FORMS["successor"] & ROLE_NOUNS
    return frozenset(), frozenset()


def successor_asked(question: str) -> frozenset[str]:
    """The name stems of the person `question` asks the successor of ("Who succeeded Mansour?",
    "Who replaced Bajwa later?", "Mansour's successor"; `asked_role`), empty for any other question.
    Only the part that asks is read (`asked_after_premise`), as the relation check reads it: in
    "Mansour's successor made Sirajuddin Haqqani a principal deputy; which job did Sirajuddin's
    uncle get …?" the successor is the user's given, and the uncle's job is asked (docs/tuning.md,
    session 54)."""
    possessor, roles = asked_role(asked_after_premise(question))
    return possessor if "successor" in roles else frozenset()


# "Who succeeded him?", "Who later replaced her?", "Who was his successor?": who succeeded someone
# written as a pronoun (read as no one when it is still written so); not "Whom did his successor
# appoint …?", which asks something else of the successor.
_PRONOUN_SUCCEEDED = re.compile(
    r"^\s*who\s+(?:(?:\w+\s+){0,2}?(?:succeeded|replaced)\s+(?:him|her|them)\b"
    r"|(?:is|was|became|were)\s+(?:his|her|their)\s+(?:successor|replacement)s?\b)",
    re.IGNORECASE,
)


def successor_of_pronoun_asked(question: str) -> bool:
    """Whether `question` asks who succeeded or replaced someone it writes only as a pronoun
    ("Who replaced him later?", "Who was his successor?"), in the part that asks
    (`asked_after_premise`): read of no one, no name tells whose successor an answer must state
    (docs/tuning.md, session 54)."""
    return _PRONOUN_SUCCEEDED.search(asked_after_premise(question)) is not None


def states_successor(possessor: frozenset[str], sentence: str) -> bool:
    """Whether `sentence` states who succeeded the person of `possessor`'s stems: it writes the
    role as theirs (`writes_role_of`: "following Mansour's death, with successor Shaikh
    Haibatullah Akhunzada" for Mansour), or a verb of succeeding ("succeeded", "replaced",
    "replacement") with a word of their name as its object: within SUCCEEDED_REACH words after
    it ("replaced Bajwa", "a replacement for Bajwa"), or before it in the passive ("Bajwa was
    replaced"). "its new supreme leader", "Anxious to ensure that the talks succeeded, … after
    President Trump …" or another man's successor do not (docs/tuning.md, session 53)."""
    verbs = RELATION_FORMS["successor"] - ROLE_NOUNS
    words = _WORD.findall(sentence)
    for at, word in enumerate(words):
        if word_stem(word) not in verbs:
            continue
        after = terms_of(" ".join(words[at + 1 : at + 1 + SUCCEEDED_REACH]))
        passive = at > 1 and words[at - 1].lower() in _PASSIVE_AUXILIARIES
        before = terms_of(" ".join(words[max(0, at - 1 - SUCCEEDED_REACH) : at - 1])) if passive else frozenset()
        if shares_word(possessor, after) or shares_word(possessor, before):
            return True
    return writes_role_of(possessor, RELATION_FORMS["successor"] & ROLE_NOUNS, sentence)


# How many words after a verb of succeeding its object may stand ("replaced the army chief, Bajwa").
SUCCEEDED_REACH = 4
_PASSIVE_AUXILIARIES = frozenset("was were is are been be being".split())


def writes_role_of(possessor: frozenset[str], roles: frozenset[str], sentence: str) -> bool:
    """Whether `sentence` writes one of `roles` as the possessor's: the noun owned by a word of
    the possessor's name ("Sirajuddin Haqqani's younger brother, Anas" for Sirajuddin Haqqani's
    brother), or owned by no one and naming no holder that is the possessor, with the possessor
    named before it in the sentence (`_named_before`: "following Mansour's death, with successor
    Haibatullah" for Mansour's successor); or a converse noun (CONVERSE_ROLES) held by the
    possessor ("successor Haibatullah" for Haibatullah's predecessor). The relative such a
    sentence names may be one word ("Anas"), which no run of capitalised words tells from any
    other word (docs/tuning.md, session 36)."""
    if not possessor or not roles:
        return False
    # Owned by no one: the possessor named before it in the sentence.
    return _writes_role(possessor, roles, sentence, lambda word: _named_before(possessor, sentence[: word.start()]))


def _named_before(possessor: frozenset[str], before: str) -> bool:
    """Whether `before`, the part of a sentence before a role noun owned by no one, names the
    possessor by a run of capitalised words (`_same_name`: "Mansour's" for Mullah Akhtar
    Mansour). Such a noun points back at someone already named ("following Mansour's death, with
    successor Shaikh Haibatullah Akhunzada"), not at a person named after it ("… appointing
    Sirajuddin Haqqani") or at a namesake ("Sirajuddin Haqqani" is not Anas or Khalil Haqqani;
    docs/tuning.md, session 55)."""
    return any(_same_name(terms_of(run.group(1)), possessor) for run in _CAPITALISED_RUN.finditer(before))


def _writes_role(
    possessor: frozenset[str], roles: frozenset[str], text: str, unowned: Callable[[re.Match[str]], bool]
) -> bool:
    """Whether `text` writes one of `roles` as the possessor's: a converse noun held by the
    possessor (CONVERSE_ROLES), a role noun the possessor owns, or one owned by no one whose
    holder is not the possessor and that `unowned` accepts ("Omar's deputy" does not state
    "Baradar's deputy", nor "successor Haibatullah" "Haibatullah's successor")."""
    converse = _converse(roles)
    for word in _WORD.finditer(text):
        stem = word_stem(word.group())
        if stem in converse and _held_by(possessor, text, word):
            return True  # "successor Haibatullah" states Haibatullah's predecessor
        if stem not in roles:
            continue
        owner = _possessor(text, word.start(), word.end())
        if owner is not None:
            if _same_name(terms_of(owner.group(1)), possessor):
                return True
            continue
        holder = _HOLDER_AFTER.match(text, word.end())
        if holder is not None and _same_name(terms_of(holder.group(1)), possessor):
            continue
        if unowned(word):
            return True
    return False


def _converse(roles: frozenset[str]) -> frozenset[str]:
    """The role nouns stating `roles` the other way round (CONVERSE_ROLES)."""
    return frozenset().union(*(CONVERSE_ROLES.get(role, frozenset()) for role in roles))


def _held_by(possessor: frozenset[str], text: str, word: re.Match[str]) -> bool:
    """Whether the role noun at `word` is held by the possessor: the possessor's name written
    right after it ("successor Haibatullah", "younger brother, Anas") or in apposition before it
    and its owner ("Khalil Haqqani (Sirajuddin's uncle)"), and named more fully there than by the
    noun's owner: "Khalil Haqqani (Sirajuddin's uncle)" names Sirajuddin Haqqani as the owner of
    an uncle, not as anyone's uncle, though the holder shares his family name."""
    start = word.start()
    owner = _possessor(text, start, word.end())
    owned = terms_of(owner.group(1)) & possessor if owner is not None else frozenset()
    after = _HOLDER_AFTER.match(text, word.end())
    if after is not None and _holds_more(terms_of(after.group(1)), owned, possessor):
        return True
    before_owner = _POSSESSOR_BEFORE.search(text[max(0, start - LOOK_BACK) : start])
    if before_owner is not None:
        start = max(0, start - LOOK_BACK) + before_owner.start()
    before = _HOLDER_BEFORE_ROLE.search(text[max(0, start - LOOK_BACK) : start])
    return before is not None and _holds_more(terms_of(before.group(1)), owned, possessor)


def _holds_more(holder: frozenset[str], owned: frozenset[str], possessor: frozenset[str]) -> bool:
    """Whether the holder's name shares more of the possessor's words than the owner's does
    (`owned`: the owner's words that are the possessor's)."""
    return len(holder & possessor) > len(owned)


def _possessor(text: str, start: int, end: int) -> re.Match[str] | None:
    """The name owning the noun at text[start:end]: "Omar's (former) deputy", "deputy of Omar"."""
    before = _POSSESSOR_BEFORE.search(text[max(0, start - LOOK_BACK) : start])
    return before or _POSSESSOR_AFTER.match(text, end)


# An auxiliary or "to" before "head" makes it the verb: "Which madrasa did Samiul Haq head?",
# "Who was named to head the ISI?".
_HEAD_AS_VERB = re.compile(r"\b(?:do|does|did|will|would|can|could|should|may|might|to)\b", re.IGNORECASE)


def _office_words(question: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The words of `question` (from `start`) naming an office it asks the holder of
    (`OFFICE_FORMS`): not a verb of heading, whose stem is the noun's ("Who headed the delegation
    that …?" asks who led it, read by `_HEADS` when its object is an organisation, not for the
    title "head"; "did Haq head"; docs/tuning.md, session 46)."""
    for word in _WORD.finditer(question, start):
        text = word.group()
        if word_stem(text) not in OFFICE_FORMS or text.lower() in _HEAD_VERBS:
            continue
        if text.lower() == "head" and _HEAD_AS_VERB.search(question, 0, word.start()):
            continue
        if _names_no_office(question, word):
            continue
        yield word


# A capitalised plural of an office after another capitalised word is a body's name ("the Joint Chiefs
# of Staff"); an office written as a title before a possessive name is the owner's title ("Prime
# Minister Khan's national security adviser" asks for an adviser, Khan's).
_NAME_BEFORE = re.compile(rf"{_CAPITALISED}\s+$")
_TITLED_POSSESSOR = re.compile(r"\s+(?:(?-i:[A-Z])[\w.-]*\s+){0,3}(?-i:[A-Z])[\w.-]*['’]s\b")


def _names_no_office(question: str, word: re.Match[str]) -> bool:
    """Whether the office word at `word` is a word of a body's name or the title of the one owning
    the asked office, not the asked office (docs/tuning.md, session 47)."""
    text = word.group()
    if not text[:1].isupper():
        return False
    if text.lower().endswith("s") and _NAME_BEFORE.search(question, 0, word.start()):
        return True
    return _TITLED_POSSESSOR.match(question, word.end()) is not None


# An auxiliary before the office: "Which … did the Taliban spokesman criticise?" names the office's
# holder as the doer of the verb, and asks for something else (`_acting_office`).
_AUXILIARY = re.compile(r"\b(?:do|does|did|will|would|can|could|should|may|might)\s+", re.IGNORECASE)
# "Which/What <owner> <office> <verb> …?": the office opens the question as its subject ("Which
# Taliban spokesperson criticised …?"). Only an owner and the office's own words stand between:
# "Which of their leaders …" asks a member of a group, not the holder of an office.
_WHICH_SUBJECT = re.compile(r"^\s*(?:which|what)\s+(?!of\b)(?:[\w'’.-]+\s+){0,4}$", re.IGNORECASE)
# An auxiliary or a possessive right after the office: "Which Taliban leader did the U.S. kill …?"
# asks the holder as the object of someone else's act; "Which Afghan president's government …?"
# asks of something he owns.
_NOT_ITS_ACT = re.compile(r"(?:['’]s\b|\s*,?\s*(?:do|does|did|will|would|can|could|should|may|might)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class ActingOffice:
    """The office a question names as the one who did what it asks of: its text, from the
    auxiliary or the question word to the office's word ("the Taliban spokesman", "Which ISI
    chief"), read by service.titles for its holders; and the stems of that office's forms."""

    text: str
    forms: frozenset[str]


def _acting_office(question: str) -> ActingOffice | None:
    """The office a "Who/Which" question names as the doer of its verb: after an auxiliary
    ("Which new structure did the Taliban spokesman criticise?") or as the subject of a question
    opening on it ("Which Taliban spokesperson criticised Pakistan's new border fence?"); None when
    it names none so, or asks the holder as the object of another's act ("Which Taliban leader did
    the U.S. kill …?"; docs/tuning.md, sessions 51 and 54)."""
    first = next(_office_words(question), None)
    if first is None:
        return None
    forms = OFFICE_FORMS[word_stem(first.group()) or ""]
    auxiliary = _AUXILIARY.search(question, 0, first.start())
    if auxiliary is not None:
        return ActingOffice(question[auxiliary.end() : first.end()], forms)
    if _WHICH_SUBJECT.match(question[: first.start()]) is None or _NOT_ITS_ACT.match(question, first.end()):
        return None
    return ActingOffice(question[: first.end()], forms)


def _office_stems(question: str) -> frozenset[str]:
    """The stems of the offices `question` asks the holder of (`_office_words`)."""
    return frozenset(stem for w in _office_words(question) if (stem := word_stem(w.group())))


def _name_stems(question: str, counted: frozenset[str]) -> list[frozenset[str]]:
    """The stems of each run of capitalised words after the question's first word."""
    return [name for _, name in _name_runs(question, counted)]


def _name_runs(question: str, counted: frozenset[str]) -> Iterator[tuple[str, frozenset[str]]]:
    """Each run of capitalised words after the question's first word, as written and as stems,
    but a month ("in September" is a time, not a name) and a run all of whose stems are in
    `counted`."""
    first = re.match(r"\s*\S+", question)
    start = first.end() if first else 0
    for match in _CAPITALISED_RUN.finditer(question, start):
        name = terms_of(match.group(1)) - MONTH_TERMS
        if name and not name <= counted:
            yield match.group(1), name


def _names_and_forms(question: str, skipped: frozenset[str]) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The names of `question` but a run all of whose stems are in `skipped` (`_name_runs`: the
    office's owner, or the counted noun), each with the keys of the country or body it is a
    form of (service.name_forms: "American" is the United States, as "U.S." is); empty for a
    name no form reads, and for a capital, a place of its own: "… met Pakistan's army chief in
    Washington" is not stated by "U.S. …" (docs/tuning.md, session 54)."""
    runs = _name_runs(question, skipped)
    return tuple((name, frozenset() if is_capital(run) else keys_in(run)) for run, name in runs)


def states_relation(
    asked: AskedRelation,
    sentences: Sequence[str],
    held: frozenset[str],
    year: int | None,
    stems: Sequence[frozenset[str]] | None = None,
    alike: Alike | None = None,
    titled: Sequence[frozenset[str]] = (),
) -> bool:
    """Whether one window of `sentences` (a sentence with its neighbours) states `asked`.
    `held`: stems the unit holds wherever it is (its document's title, author, publisher);
    `year`: its document's year, stated by every unit of it; `stems`: each sentence's stems,
    when the caller keeps them (read here otherwise); `alike`: whether the model reads a word
    alike one of some others, for a counted noun the window writes in other words; `titled`:
    the names (stems) of everyone the whole corpus titles with the asked office and its owner
    (service.titles; `_states_holder`)."""
    if not asked.asked:
        return True
    if stems is None:
        stems = sentence_stems(sentences)
    for i in range(len(sentences)):
        around = slice(max(0, i - 1), i + 2)
        window_stems = held.union(*stems[around])
        if _window_states(asked, " ".join(sentences[around]), window_stems, year, alike, titled):
            return True
    return False


def sentence_stems(sentences: Sequence[str]) -> list[frozenset[str]]:
    """Each sentence's BM25 stems."""
    return [frozenset(terms) for terms in tokenize(list(sentences))] if sentences else []


def _window_states(
    asked: AskedRelation,
    window: str,
    stems: frozenset[str],
    year: int | None,
    alike: Alike | None = None,
    titled: Sequence[frozenset[str]] = (),
) -> bool:
    """Word checks first, on the window's stems; the text is read for dates, spans and numbers
    only when they pass."""
    if any(not (forms & stems) for forms in asked.relations):
        return False
    # A word of the place or name, or one it begins or that begins it, four letters or more
    # (service.word_forms.shares_word): "Iranian" or "Afghan" for the place, "Indian" for India.
    if _unowned_arguments(asked) and not _writes_arguments(asked, window, stems):
        return False
    # A demonym's name whose place the question names apart is one name: "Pakistan … the Taliban"
    # does not write "the Pakistani Taliban"; the group's own name, the place after it, does
    # ("Tehreek-e-Taliban Pakistan")
    # (service.said_about.demonym_names; docs/tuning.md, session 45).
    if asked.joined and not writes_names_joined(asked.joined, window, either_order=True):
        return False
    # The counted noun read by meaning: by the model, or by its family (`counted_kin`: "attacks" for "raids")
    by_meaning = bool(asked.counted_noun) and (alike is not None or bool(counted_kin(asked.counted_noun)))
    if asked.counted and not (asked.counted & stems) and not by_meaning and not asked.elapsed and not asked.series:
        return False
    if asked.place and not shares_word(asked.place, stems):
        return False
    if asked.months and not asked.months & _months(window):
        return False
    if any(not _states_year(y, window, stems, year) for y in asked.years):
        return False
    if asked.roles and not _states_role(asked, window, stems):
        return False
    if asked.holder and not _states_holder(asked, window, stems, titled):
        return False
    if asked.quantity and not _states_quantity(asked.quantity, window):
        return False
    if asked.party and not shares_word(asked.party, stems):
        return False
    # A number of the counted thing, as the verdict's count rule reads it ("32 attacks" for "assaults"),
    # or the list of what it counts ("command structures – political and military –"; session 46)
    if not asked.counted or (
        (asked.counted & stems or by_meaning)
        and (
            states_count(window, asked.counted, asked.counted_noun, alike if by_meaning else None)
            or (bool(asked.counted_noun) and lists_counted(window, asked.counted_noun, asked.counted_phrase))
        )
    ):
        return True
    if asked.series and _dates_occasions(asked, window, stems, alike):
        return True
    return bool(asked.elapsed) and _states_elapsed(asked, window)


def _writes_arguments(asked: AskedRelation, window: str, stems: frozenset[str]) -> bool:
    """Whether the window writes every name of `_unowned_arguments`: by a word of it, or one it
    begins or that begins it (`shares_word`), or, for a name of a country or body but its capital,
    by that country in any other form than its capital (`AskedRelation.argument_keys`,
    service.name_forms.country_keys): "the departing U.S. forces" writes "American", as "Chinese" is China; a capital
    names a place of its own, asked or written ("Washington" is no "American", nor "Islamabad"
    "Pakistan": docs/tuning.md, sessions 50 and 57)."""
    keys = dict(zip(asked.arguments, asked.argument_keys, strict=False))
    written = cache(partial(country_keys, window))  # read once per window, and only if needed
    return all(_writes_name(name, keys.get(name, frozenset()), stems, written) for name in _unowned_arguments(asked))


def _writes_name(
    name: frozenset[str], keys: frozenset[str], words: frozenset[str], written: Callable[[], frozenset[str]]
) -> bool:
    """Whether a text whose stems are `words` writes a name of the question (its stems `name`): by
    a word of it, or one it begins or that begins it (`shares_word`: "Pakistani" for
    "Pakistan"), or by another form of the country or body it names (`keys`, service.name_forms:
    "U.S." for "American"). `written` reads the keys the text writes, only when its words do not
    write the name."""
    return shares_word(name, words) or bool(keys and keys & written())


def _unowned_arguments(asked: AskedRelation) -> tuple[frozenset[str], ...]:
    """The question's names but the office's holder: `_states_holder` reads the holder, as the
    owner of the office in any of its forms (`owner_terms`: "U.S. envoy" for "the American
    envoy") or by its words in the window. Every other name, a place among them ("in Islamabad",
    "to Washington"), must be written by its own words (docs/tuning.md, session 50)."""
    if not asked.holder:
        return asked.arguments
    return tuple(name for name in asked.arguments if not name <= asked.holder)


def _dates_occasions(asked: AskedRelation, window: str, stems: frozenset[str], alike: Alike | None) -> bool:
    """Whether a sentence of the window dates a series of occasions (two dates or two years) of
    the asked act (service.answer_type.dates_the_act) and the window writes a word of every name
    of the question: the contacts "On 19 February, … called Bajwa …; on 9 March, …" state how
    many times U.S. officials contacted Bajwa, not Qureshi, nor how many times they thanked him;
    and the sentence's dated clauses name who is asked about as the doer, the sentence before
    read for a clause naming nobody (service.answer_type.dates_the_doer): none of those calls is
    one Bajwa made (docs/tuning.md, session 49)."""
    if not all(shares_word(name, stems) for name in asked.series_names):
        return False
    sentences = _SERIES_SENTENCE_END.split(window)
    return any(
        dates_a_series(sentence)
        and dates_the_act(asked.series_act, sentence, alike, asked.series_asked)
        and dates_the_doer(asked.series_doer, asked.series_act, sentence, sentences[i - 1] if i else "")
        for i, sentence in enumerate(sentences)
    )


# A sentence's end, as `_SENTENCE_END` reads it, but not after initials ("the U.S. Central Command
# chief called Bajwa …; on 9 March, …" is one sentence): a series' dates and the acts beside them
# are read in one sentence (`_dates_occasions`). Not service.text.sentence_spans: pysbd keeps a
# quotation's sentences in one ("said: \"We fulfilled our promise. The Taliban came to the
# table. …\"") and ends one after "U.S." before a capital ("relations with the U.S. In 2011, …"),
# where this split does the other; on the corpus's units the two differ in about one in fourteen.
_SERIES_SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.[A-Z])[.!?][\"”’)]*\s+(?=[A-Z\"“‘(])")


def _states_elapsed(asked: AskedRelation, window: str) -> bool:
    """Whether a sentence of the window writes a count of time in any unit and a word of the
    event it is asked for (`AskedRelation.elapsed`), with a word of every name the question gives
    in the window: "For nearly two decades, Pakistan provided safe havens to Taliban leaders"
    states how many years Pakistan gave them safe havens."""
    if not all(shares_word(head, terms_of(window)) for head in asked.elapsed_heads):
        return False
    return any(
        states_elapsed(sentence) and asked.elapsed & terms_of(sentence) for sentence in _SENTENCE_END.split(window)
    )


def _states_role(asked: AskedRelation, window: str, stems: frozenset[str]) -> bool:
    """Whether the window states the role of the question's possessor: by a form that is no
    role noun ("formerly", "preceded": roles unread), or by a role noun whose possessor is no
    other name and whose holder is not the possessor ("Omar's deputy" does not state
    "Baradar's deputy", nor "successor Haibatullah" "Haibatullah's successor")."""
    forms = frozenset().union(*(r for r in asked.relations if r & asked.roles))
    if (forms - ROLE_NOUNS) & stems:
        return True
    return _writes_role(asked.possessor, asked.roles, window, lambda word: True)


def _states_holder(
    asked: AskedRelation, window: str, stems: frozenset[str], titled: Sequence[frozenset[str]] = ()
) -> bool:
    """Whether the window writes an office of the question's holder: the office owned by the
    holder ("Pakistan's foreign minister", "the Pakistani army chief", "the president of
    Pakistan"), or the title of someone it names ("Foreign Minister Shah Mahmood Qureshi") that no
    other name owns, in a window naming the holder. When the whole corpus titles someone with
    the asked office and owner (`titled`: "Afghanistan President Ashraf Ghani"), the office
    titling one of them states it whatever owner the window gives it ("ISI chief Faiz Hameed"
    for Pakistan's ISI chief), and a title no name owns naming anyone else does not: "President
    Biden … to support Afghanistan" names no Afghan president (docs/retrieval.md, "The asked
    relation")."""
    for word in _WORD.finditer(window):
        if word_stem(word.group()) not in asked.offices:
            continue
        if not _writes_own_words(asked, window, word):
            continue  # another office of the same word: "Prime Minister" for a foreign minister
        if titled and _titles_one_of(window, word.end(), titled):
            return True
        owner = _office_owner(window, word.start(), word.end(), asked.holder) or _headed(window, word)
        if owner:
            if shares_word(owner, asked.holder):
                return True
            continue  # another's office: "the Taliban defence minister", "Iran's envoy"
        apposed = _APPOSED_NAME.match(window, word.end())
        titled_name = _TITLE_OF_NAME.match(window, word.end()) or (
            apposed and not shares_word(_name_terms(apposed.group(1)), asked.holder)
        )
        if titled_name and not titled and shares_word(asked.holder, stems):
            return True
        if _TITLE_AS.search(window[max(0, word.start() - LOOK_BACK) : word.start()]) and shares_word(
            asked.holder, terms_of(_sentence_at(window, word.start()))
        ):
            return True
    return False


def _titles_one_of(text: str, end: int, names: Sequence[frozenset[str]]) -> bool:
    """Whether the office ending at `end` titles one of `names` (stems): the name written after it
    as its title (`_TITLED_NAME`) or set off after it by commas (`_APPOSED_NAME`) shares a word
    with one of them."""
    for match in (_TITLED_NAME.match(text, end), _APPOSED_NAME.match(text, end)):
        if match is not None and any(name & terms_of(match.group(0)) for name in names):
            return True
    return False


# An office's own words written after it, in the "of" phrase naming what it heads: "the director of
# Pakistan's main spy agency" is a spy chief, "the commander of U.S. forces" a forces chief, "the
# chief of army staff" an army chief. The lowercase words of the phrase, after its owner's name and
# before any other preposition or clause (docs/retrieval.md, "The asked relation").
_OF_OWN_WORDS = re.compile(
    rf"\s+of\s+(?:the\s+)?(?:{NAME_RUN}['’]s\s+|{NAME_RUN}\s+)?((?:{MODIFIER}){{0,3}}{_LAST_MODIFIER})"
)


def _own_words_after(text: str, end: int) -> frozenset[str]:
    """The stems of the lowercase words of the "of" phrase right after an office ending at
    `end` (`_OF_OWN_WORDS`); empty when none follows."""
    phrase = _OF_OWN_WORDS.match(text, end)
    return terms_of(phrase.group(1)) if phrase else frozenset()


def _writes_own_words(asked: AskedRelation, text: str, word: re.Match[str]) -> bool:
    """Whether the office at `word` is written with the asked office's own words (`asked.kind`):
    within OWN_REACH words before it, or in the "of" phrase after it (`_own_words_after`: "the
    director of Pakistan's main spy agency" is a spy chief)."""
    before = terms_of(" ".join(text[: word.start()].split()[-OWN_REACH:]))
    return asked.kind <= before or asked.kind <= before | _own_words_after(text, word.end())


# A name set off by commas after the "of" phrase an office's remit is written in: "The director of
# Pakistan's main spy agency, Faiz Hameed, was in Kabul" names its holder as "army chief Bajwa" does.
# Both commas: "the commander of U.S. forces in Afghanistan, Khalilzad subsequently discussed …" sets
# off no one (docs/tuning.md, session 46).
_SET_OFF_NAME = re.compile(rf",\s+{NAME_RUN},")


def _named_after_its_remit(text: str, end: int) -> bool:
    """Whether the office ending at `end` has its remit in an "of" phrase (`_OF_OWN_WORDS`) and
    a name set off by commas right after it (`_SET_OFF_NAME`)."""
    phrase = _OF_OWN_WORDS.match(text, end)
    return phrase is not None and _SET_OFF_NAME.match(text, phrase.end()) is not None


def names_holder(asked: AskedRelation, sentence: str) -> bool:
    """Whether `sentence` names who holds the question's office: the office, written with its
    own words ("army" chief), owned by the question's holder beside it ("Pakistan's army chief",
    "Taliban spokesperson", "the Taliban's chief negotiator") with a name as its title after it
    (`_TITLED_NAME`), or given to a name with "as" by the holder the sentence names ("With the
    Taliban having appointed X as interior minister"). A question naming no holder ("Who is the
    army chief?") takes any owner or none. A title no name owns ("Foreign Minister
    Qureshi") is left out: the sentence's other names say nothing of whose office it is, and
    "Indian intelligence" beside it would make Qureshi India's (docs/retrieval.md, "The asked
    relation")."""
    for word in _WORD.finditer(sentence):
        if word_stem(word.group()) not in asked.offices:
            continue
        if not _writes_own_words(asked, sentence, word):
            continue
        owner = _office_owner(sentence, word.start(), word.end(), asked.holder)
        if owner and asked.holder and not shares_word(owner, asked.holder):
            continue  # another's office: "Elbonia's army chief"
        owned = bool(owner) or not asked.holder
        titled = _TITLED_NAME.match(sentence, word.end())
        if owned and titled is not None and (titled.group(1) is None or is_post(titled.group(1))):
            return True
        if owned and _named_after_its_remit(sentence, word.end()):
            return True
        # Given with "as" by the holder the same sentence names ("Ruritania appointed X as …").
        given = _TITLE_AS.search(sentence[max(0, word.start() - LOOK_BACK) : word.start()])
        if given is not None and (owned or shares_word(asked.holder, terms_of(sentence))):
            return True
    return False


def _headed(text: str, word: re.Match[str]) -> frozenset[str]:
    """The stems of the name a verb of heading writes as its object ("who headed the Taliban's
    leadership council", "led Pakistan's army"); empty for any other word."""
    if word.group().lower() not in _HEAD_VERBS:
        return frozenset()
    object_ = _HEADED_OBJECT.match(text, word.end())
    return _name_terms(object_.group(1)) if object_ else frozenset()


def _sentence_at(text: str, position: int) -> str:
    """The sentence of `text` holding `position` (a full stop, "!" or "?" and a capital end one)."""
    starts = [end.end() for end in _SENTENCE_END.finditer(text, 0, position)]
    end = _SENTENCE_END.search(text, position)
    return text[starts[-1] if starts else 0 : end.start() + 1 if end else len(text)]


def _office_owner(text: str, start: int, end: int, holder: frozenset[str]) -> frozenset[str]:
    """The stems of the name owning the office at text[start:end] ("Pakistan's (foreign)
    minister", "minister of Pakistan", "Taliban (defence) minister"); empty when none does. A
    capitalised office ("Foreign Minister") is a title: the capitalised words before it are
    its own, not an owner, unless they name the holder ("Pakistani Foreign Minister"); after a
    possessive ("Pakistan's Afghan envoy", "Pakistan's Foreign Minister") the possessive owns it
    (`_OWNER_ACROSS`)."""
    before = text[max(0, start - LOOK_BACK) : start]
    owners = [
        owner_terms(match.group(1))
        for match in (OWNER_BEFORE.search(before), _OWNER_OF.match(text, end))
        if match is not None
    ]
    across = _OWNER_ACROSS.search(before)  # "Pakistan's Afghan envoy": the possessive owns it
    if across is not None:
        owners.append(owner_terms(across.group(1)))
    match = _HOLDER_BEFORE.search(before) if across is None else None
    if match is not None:
        named = owner_terms(match.group(1))
        if not text[start].isupper() or shares_word(named, holder):
            owners.append(named)
        if text[start:end].endswith("s"):  # "Pakistani, Afghan and Chinese foreign ministers": each owns one
            owners.extend(_listed_owners(before[: match.start(1)]))
    # The holder written beside the office in any of these ways owns it, whatever else does:
    # "chairman of the Joint Chiefs of Staff" is the Joint Chiefs', though "of Staff" follows.
    owners = [owner for owner in owners if owner]
    held = [owner for owner in owners if shares_word(owner, holder)]
    return (held or owners or [frozenset()])[0]


# The names listed before the last owner of offices in the plural: "Pakistani, Afghan and" of
# "Pakistani, Afghan and Chinese foreign ministers".
_LISTED_BEFORE = re.compile(rf"((?:{NAME_RUN},\s+)*{NAME_RUN}),?\s+(?:and|or)\s+$")


def _listed_owners(before: str) -> list[frozenset[str]]:
    """The stems of each name `before` lists ahead of an office's last owner: every one of them
    holds an office of its own ("a trilateral meeting of Pakistani, Afghan and Chinese foreign
    ministers" writes the Pakistani foreign minister)."""
    listed = _LISTED_BEFORE.search(before)
    if listed is None:
        return []
    return [terms for name in listed.group(1).split(",") if (terms := _name_terms(name.strip()))]


def _name_terms(run: str) -> frozenset[str]:
    """The stems of a capitalised run without the determiner or question word opening it
    ("The", "Which Afghan")."""
    return terms_of(" ".join(w for w in run.split() if w not in NOT_A_NAME))


def owner_terms(run: str) -> frozenset[str]:
    """The stems of a capitalised run naming an office's owner or holder (`_name_terms`), with a
    mark for each country or body it writes in any form (service.name_forms.keys_in, the reading
    the verdict "another-name" makes): "U.S." (no stem at all), "Washington" and "the American"
    own one envoy, "Islamabad" and "Pakistan" one president. The mark ("<United States>") can
    share no word with a stem, nor begin another mark ("<Niger>", "<Nigeria>"). Read for owners
    only: a place the question names ("travel to Washington") stays its own words."""
    return _name_terms(run) | _country_marks(run)


def _country_marks(run: str) -> frozenset[str]:
    """A mark for each country or body `run` writes in any form (`owner_terms`)."""
    return frozenset(f"<{key}>" for key in keys_in(run))


def _states_quantity(nouns: frozenset[str], window: str) -> bool:
    """Whether a number stands with a quantity's word: within QUANTITY_REACH words after it ("a
    population of 220 million") or right before it ("11 million inhabitants"), and is no share
    ("80 per cent of Afghanistan's population") and no year."""
    for word in _WORD.finditer(window):
        if word_stem(word.group()) not in nouns:
            continue
        after = " ".join(window[word.end() :].split()[:QUANTITY_REACH])
        before = " ".join(window[: word.start()].split()[-2:])
        if any(_counts(text, number) for text in (after, before) for number in _QUANTITY_NUMBER.finditer(text)):
            return True
    return False


def _counts(text: str, number: re.Match[str]) -> bool:
    """Whether a number written in `text` is a count: no share ("80 per cent") and no year."""
    return not (A_SHARE.match(text, number.end()) or YEAR.fullmatch(number.group()))


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """A shared word, and no given name of each the other lacks (one name's words all the
    other's): "Mullah Omar" is "Omar" and "Mansour's" is Mullah Akhtar Mansour, while
    "Sirajuddin Haqqani" is not Khalil Haqqani, nor "Mullah Omar" Mullah Baradar, though each
    pair shares a word (docs/tuning.md, session 55)."""
    return bool(a & b) and (a <= b or b <= a)


def _states_year(asked: int, window: str, stems: frozenset[str], year: int | None) -> bool:
    if asked == year or str(asked) in stems or any(v.year == asked for v in date_values(window)):
        return True
    return any(first <= asked <= last for first, last in year_spans(window))


# Ranked units read for one that states the asked relation (the speaker speaking), when the first does not.
SAID_HEAD = 2
# Ranked units read for one writing an asked role as its possessor's (`_owned_role_lower`): the
# noun tied to its possessor states more than the other relations' words do, so it is looked for deeper.
ROLE_HEAD = 5
# Ranked units read for one stating an asked year the first does not, and how far below the
# first's fused score (relative to the best) it may score (`UnitRelations.year_stated_lower`).
YEAR_HEAD = 5
YEAR_MARGIN = 0.3
# Ranked units read for one naming the asked office's holder, when the first names none
# (`UnitRelations.said_first`; docs/tuning.md, "Who holds an office, named after its title").
HOLDER_HEAD = 3
# The same for a heading question ("Who heads the ISI?", "Who is the director of the ISI?",
# `office_of_verb`): read as "Who is the ISI chief?", its own words ("director", "heads") are in
# no sentence naming the holder, so passages writing the body rank above the one naming its chief
# (docs/tuning.md, "Who heads an office: the holder move read deeper").
HEADING_HOLDER_HEAD = 5
# "Who is/was …?": a question asking for whoever holds what it names, and for nothing done.
_WHO_IS = re.compile(r"^\s*who(?:['’]s\b|\s+(?:is|was|are|were)\b)", re.IGNORECASE)


def _question_names(question: str) -> list[str]:
    """The capitalised words of `question` after its first word, possessives bare, question
    words and years left out: the names a sentence stating its year must write too.

    Its words are _WORD's, not evidence.WORD's (`capitalised_names` reads both): _WORD keeps a
    leading quote or hyphen on a word, so a title quoted in single quotes ("In 'Tensions with
    Kabul', …") and the half after a hyphen ("U.S.-Taliban") name nothing here, where WORD reads
    "Tensions" and "Taliban" as names. The two readings differ on 25 of the 3,023 dev questions
    (2026-12-05): one word pattern for both could move which sentence dates the asked year."""
    names = (bare_word(w) for w in capitalised_names(question, _WORD))
    return [w for w in names if w.lower() not in QUESTION_WORDS]


def _names_or_points_back(names: Sequence[str], heads: Sequence[frozenset[str]], sentence: str, before: str) -> bool:
    """Whether `sentence` writes every one of `names`; or, when it writes a personal pronoun ("he",
    "his", "she", "her"), whether it and the sentence right before it (`before`, of the same unit)
    write the last word of each name (`heads`): a report names a person once, often by the surname
    alone, and dates what he did in the next sentence ("Hameed has mediated delicate political
    disputes before, albeit at home. In 2017, he was involved in negotiations …" for "… Faiz Hameed
    … in 2017?"). A sentence writing no such pronoun ("The army chief had also visited Kabul in
    2020, 2018 and 2017" after one naming Ghani) dates nothing of the name before it, and a name
    neither sentence writes ("… in Kabul in 2017?") is not pointed back to (docs/tuning.md,
    session 49)."""
    words = _WORD.findall(sentence)
    if all(writes_word(name, words) for name in names):
        return True
    if not before or not heads or not writes_personal_pronoun(sentence):
        return False
    written = terms_of(sentence) | terms_of(before)
    return all(head & written for head in heads)


def holder_asked(question: str, asked: AskedRelation, history: Sequence[str] = ()) -> AskedRelation | None:
    """For "Who is/was <holder>'s <office>?" (or "Who heads …?", read as "Who is … chief?"),
    `asked` (the question's relation) with the office's holder, own words and forms as a
    sentence naming its holder writes them; None for any other question, or an office named
    with no holder and no own words ("Who is the chief of army staff?")."""
    by_verb = office_of_verb(question)  # "Who heads the ISI?": "Who is the ISI chief?"
    if _WHO_IS.match(by_verb or question) is None:
        return None
    if by_verb and asked.holder:  # the title beside the name writes the office's own words ("army chief")
        # less an office's form the organisation is named by: "the interior ministry" is headed by
        # an "interior minister", who is not written "interior ministry minister"
        asked = replace(asked, kind=read_relation(by_verb, tuple(history)).kind - asked.offices)
    if not asked.holder:  # "Who is the army chief?": the office by its own words, whoever owns it
        kind, offices = _unowned_office(by_verb or question)
        if not kind:
            return None
        asked = replace(asked, kind=kind, offices=HEAD_FORMS if by_verb else offices)
    return asked if asked.offices else None


def office_asked(question: str, history: Sequence[str] = ()) -> AskedRelation | None:
    """The office whose holder `question` asks for, its relation read first (`read_relation`),
    then as `holder_asked` reads it; None for any other question."""
    asked = read_relation(question, tuple(history))
    return holder_asked(question, asked, history) if asked.asked else None


# A name set off before the office it holds: "Admiral Michael Mullen, then chairman of …",
# "Mullah Ubaidullah Akhund, the former Taliban defence minister": the office names its holder. A
# month is no name ("on 1 May, Pakistan's Afghan envoy"), nor is a possessive an office's word.
_NAMED_BEFORE = re.compile(
    rf"(?<![\w'’.-])(?!{month_pattern()}\b)({NAME_RUN}),\s+(?:(?:the|a|an|then)\s+)?"
    rf"(?:[A-Z][\w.-]*\s+|{MODIFIER}){{0,4}}$"
)


def _office_mentions(asked: AskedRelation, sentence: str) -> Iterator[tuple[re.Match[str], frozenset[str]]]:
    """Each place `sentence` writes the office `asked` reads, with its own words before it, and
    the stems of the name owning it there (empty when none does); a word of the holder's own name
    is none ("Central Command": "command" is a form of "commander")."""
    for word in _WORD.finditer(sentence):
        stem_ = word_stem(word.group())
        if stem_ not in asked.offices or (word.group()[:1].isupper() and stem_ in asked.holder):
            continue
        if not _writes_own_words(asked, sentence, word):
            continue
        yield word, _office_owner(sentence, word.start(), word.end(), asked.holder)


def _titles_someone(sentence: str, word: re.Match[str]) -> bool:
    """Whether the office at `word` names someone holding it: a name as its title after it, after
    at most one lowercase word of a post ("chief negotiator Baradar"; "chief called Bajwa" names
    none), a name set off before it ("Mullen, then chairman"), or a name given it with "as"."""
    titled = _TITLED_NAME.match(sentence, word.end())
    if titled is not None and (titled.group(1) is None or is_post(titled.group(1))):
        return True
    if _named_after_its_remit(sentence, word.end()):
        return True
    if titled is not None and titled.group(1) == "by" and word.group() in _HEAD_VERBS:
        return True  # "the Pakistani government led by Nawaz Sharif"
    before = sentence[max(0, word.start() - LOOK_BACK) : word.start()]
    return bool(_NAMED_BEFORE.search(before) or _TITLE_AS.search(before))


def writes_office_unnamed(asked: AskedRelation, sentence: str) -> bool:
    """Whether `sentence` writes the office `asked` reads (its own words before it, owned by the
    question's holder when the question names one) and names no one holding it there, nor
    anywhere else it writes the office: "Pakistan's Afghan envoy had joined …", "the U.S.
    Central Command chief called Bajwa" and "Bajwa and the ISI head met …" write an office and
    answer no "Who is …?" (docs/retrieval.md, "The asked relation")."""
    bare = False
    for word, owner in _office_mentions(asked, sentence):
        if owner and asked.holder and not shares_word(owner, asked.holder):
            continue  # another's office: "Iran's envoy"
        if _titles_someone(sentence, word):
            return False
        # A capitalised office is a title or a proper name's word ("the Joint Chiefs of Staff"); an
        # office is written bare in lowercase ("the ISI head", "Pakistan's foreign minister").
        bare = bare or (word.group().islower() and (not asked.holder or bool(owner)))
    return bare


# What may follow the office in a question asking only who holds it: its remit or owner ("of the
# Joint Chiefs of Staff", "for refugees", "to Pakistan") and a time ("in May 2021", "now").
_ONLY_THE_OFFICE = re.compile(
    r"(?:\s+(?:of|for|to)\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)?"
    r"(?:\s+(?:in|on|since|during|until)\s+[^?]*|\s+(?:now|today|currently|presently|at\s+present|these\s+days))?"
    r"\s*\?*\s*$",
    re.IGNORECASE,
)


_CLAUSE_OPENERS = frozenset("who whom whose which that when where".split())


def asks_only_the_office(question: str, asked: AskedRelation) -> bool:
    """Whether `question` asks who holds the office `asked` reads and nothing more: after its last
    office word, at most the office's remit or owner and a time ("Who is the current U.S.
    Central Command chief?", "Who was the chairman of the Joint Chiefs of Staff in 2011?"; an
    office asked with a verb read as its noun). "Who was the army chief Blinken telephoned?"
    asks of an event too, which a lead may tell with the holder's name beside it ("telephoned
    the army chief", "a conversation with Bajwa")."""
    text = office_of_verb(question) or question
    words = [
        w
        for w in _WORD.finditer(text)
        if (stem_ := word_stem(w.group())) in asked.offices and not (w.group()[:1].isupper() and stem_ in asked.holder)
    ]
    if not words:
        return False
    between = _WORD.findall(
        text, words[0].end(), words[-1].start()
    )  # "chief peace envoy"; not "chief who met the envoy"
    if len(between) > OWN_REACH or any(w.lower() in _CLAUSE_OPENERS for w in between):
        return False
    return _ONLY_THE_OFFICE.match(text, words[-1].end()) is not None


# A sentence opening on the office with a definite article ("The army chief had also visited Kabul
# …") may point back at someone the sentence before names ("Bajwa and the ISI head met …").
_OPENS_ON_THE = re.compile(r"\s*[\"“‘(]?the\s+(?:[\w'’.-]+\s+){0,3}$", re.IGNORECASE)


def opens_on_the_office(asked: AskedRelation, sentence: str) -> bool:
    """Whether `sentence` opens on the office `asked` reads, after "The" and at most three words."""
    return any(_OPENS_ON_THE.fullmatch(sentence[: word.start()]) for word, _ in _office_mentions(asked, sentence))


def titles_someone_as(asked: AskedRelation, sentence: str) -> bool:
    """Whether `sentence` writes the office `asked` reads as a capitalised title of someone it
    names, owned by no other name than the question's holder ("Foreign Minister Shah Mahmood
    Qureshi"): a title no name owns, which may be the asked holder's. A lowercase office no name
    owns is not read so: "peace envoy Khalilzad" among "top U.S. officials" is no one's
    Pakistan's envoy, and "chief Afghan peace envoy Abdullah Abdullah" no one's command chief."""
    return any(
        word.group()[:1].isupper() and _titles_someone(sentence, word)
        for word, owner in _office_mentions(asked, sentence)
        if not owner or not asked.holder or shares_word(owner, asked.holder)
    )


# Per topic stem, its best cosine in context to a word of a unit's sentences (service.said_about,
# TOPIC_WORD_ALIKE): the question's text, its said-about reading, the unit, the sentences' slice.
TopicAlike = Callable[[str, SaidAbout, int, slice], Mapping[str, float]]


class UnitRelations:
    """Per ranked unit, whether it states a question's relation: read from the loaded index (a
    unit's sentences as the index splits them, its document's card and year, the share of units
    holding a word, and its sentences' vectors), so it holds for any corpus."""

    def __init__(
        self,
        sentences: Callable[[int], list[str]],
        card: Callable[[int], str],
        year: Callable[[int], int | None],
        term_share: Callable[[str], float] | None = None,
        cosines: Callable[[int, str], np.ndarray] | None = None,
        alike: Alike | None = None,
        topic_alike: TopicAlike | None = None,
        holders: Callable[[str], Sequence[frozenset[str]]] | None = None,
    ) -> None:
        self._year = year
        self._card = lru_cache(maxsize=4096)(lambda unit: terms_of(card(unit)))
        # A unit's sentences and their stems, read on first use: only ranked heads are asked for.
        self._sentences = lru_cache(maxsize=4096)(lambda unit: (texts := sentences(unit), sentence_stems(texts)))
        self._term_share = term_share
        self._cosines = cosines  # per sentence of a unit, its cosine to a text (the topic)
        self._alike = alike  # a counted noun read by meaning (service.answer_type.states_count)
        self._topic_alike = topic_alike  # a topic's words read alike the speaker's, in context
        self._holders = holders  # who the corpus titles with an office a speaker is named by (service.titles)
        # The same for an asked office (`AskedRelation.office_text`), read once per question, not per unit
        self._office_holders = lru_cache(maxsize=256)(self._titled)

    def unstated(self, question: str, units: Sequence[int] | np.ndarray, history: Sequence[str] = ()) -> np.ndarray:
        """Per unit, 1.0 when the question (read with `history`, the earlier questions of a
        follow-up) asks for a relation the unit does not state."""
        asked = read_relation(question, tuple(history))
        if not asked.asked:
            return np.zeros(len(units), dtype=np.float32)
        said = self._said_reader(asked.said, [int(u) for u in units], question) if asked.said else None
        doer = self._done_by_holder(question, asked)

        def stated(unit: int) -> bool:
            held = self._states(asked, unit) or (doer is not None and doer(unit))
            return held and (said is None or said(unit))

        return np.array([0.0 if stated(int(u)) else 1.0 for u in units], dtype=np.float32)

    def _done_by_holder(self, question: str, asked: AskedRelation) -> Callable[[int], bool] | None:
        """For "Which/Who … did <owner> <office> <verb>?" ("Which new structure did the Taliban
        spokesman criticise?") and "Which <owner> <office> <verb> …?" ("Which Taliban spokesperson
        criticised …?"), whose office is the doer, not what is asked (`_acting_office`): per holder
        the whole corpus titles with that office and owner (service.titles: "Mujahid", titled
        "Taliban spokesperson Zabihullah Mujahid" elsewhere), the relation asked of his name, the
        office and its owner dropped. A unit states it when it states that and one of its sentences
        writes a word of the holder's name and of every other name of the question
        (`_names_all_in_a_sentence`): "Which Taliban spokesperson told Indian TV …?" is not stated
        by "Mujahid said Pakistan …" with India in the next sentence. Not for "Who is/was …?"
        (`holder_asked`). None for any other question, or when the corpus titles no one so
        (docs/tuning.md, sessions 51, 52 and 54)."""
        # The owner is read by the titles (service.titles), not `asked.holder`: "U.S." has no stem,
        # so "Which U.S. envoy …?" reads no holder there, yet its titles name one
        acting = _acting_office(question) if not _WHO_IS.match(question) else None
        names = self._titled(acting.text) if acting is not None else ()
        if acting is None or not names:
            return None
        # The question's other names are read in the sentence naming the holder, in any of their
        # forms ("U.S." for "American"; `_names_all_in_a_sentence`), not by their words in a window
        owner = terms_of(acting.text)
        readings = [
            (
                name,
                replace(
                    asked,
                    relations=tuple(f for f in asked.relations if f not in (asked.offices, acting.forms)),
                    arguments=(name,),
                    holder=frozenset(),
                    kind=frozenset(),
                    offices=frozenset(),
                    office_text="",
                ),
            )
            for name in names
        ]
        written = _names_and_forms(question, owner)

        def states(unit: int) -> bool:
            return any(self._names_all_in_a_sentence(unit, n, written) and self._states(r, unit) for n, r in readings)

        return states

    def _names_all_in_a_sentence(
        self, unit: int, holder: frozenset[str], names: Sequence[tuple[frozenset[str], frozenset[str]]]
    ) -> bool:
        """Whether one sentence of `unit` writes a word of `holder` (a name's stems) and every one
        of `names` (`_names_and_forms`): by a word of it, or one it begins or that begins it
        (`shares_word`: "Pakistani" for "Pakistan"), or by another form of the country or body it
        names ("U.S." for "American"; service.name_forms)."""
        texts, stems = self._sentences(unit)
        return any(
            holder & words and all(_writes_name(name, keys, words, partial(keys_in, text)) for name, keys in names)
            for text, words in zip(texts, stems, strict=True)
        )

    def said_first(self, question: str, units: Sequence[int] | np.ndarray, history: Sequence[str] = ()) -> int:
        """For "What did X say about Y?" (read with `history`), the position among the first
        SAID_HEAD `units` of the first that has X say something about Y, when the first does not
        (0 otherwise): a passage naming X only as the owner of something, or in a cited
        headline, ranks above the one quoting X. For any other asked relation, the same when the
        stating unit writes every word of the question in one sentence (`_states_in_one_sentence`):
        a paragraph naming the office or the year's people ranks above the one stating who held
        it; a looser statement (the office in one sentence, its owner in the next) is as often
        made for a false question as for a true one (docs/retrieval.md, "The asked relation").
        Before both, for "Who is/was <holder>'s <office>?", the first of HOLDER_HEAD units naming
        the holder when the first names none (`_holder_named_first`). A role or kin noun asked
        with its possessor ("Sirajuddin's nephew", "their Afghan brothers") moves the stating unit
        without the one-sentence condition when one of its sentences writes the role as the
        possessor's (`_writes_owned_role`; docs/tuning.md, session 50)."""
        head = [int(u) for u in units[:SAID_HEAD]]
        asked = read_relation(question, tuple(history))
        if not asked.asked or not head:
            return 0
        named = self._holder_named_first(question, asked, units, history)
        if named:
            return named
        unstated = self.unstated(question, head, history)
        if unstated[0] == 0.0:
            return 0
        stating = next((i for i, mark in enumerate(unstated) if mark == 0.0), 0)
        if asked.said is not None or self._states_in_one_sentence(question, head[stating]):
            return stating
        if self._writes_owned_role(question, asked, head[stating]):
            return stating
        return self._owned_role_lower(question, asked, units, history) if asked.roles else 0

    def _owned_role_lower(
        self, question: str, asked: AskedRelation, units: Sequence[int] | np.ndarray, history: Sequence[str]
    ) -> int:
        """For a role or kin noun asked with its possessor, the position among the first
        ROLE_HEAD `units` of the first that states the relation and writes the role as the
        possessor's (`_writes_owned_role`), when none of the first SAID_HEAD does (`said_first`
        has read those); 0 when none does. A fuller name than the stating sentence writes ("Who
        succeeded Mullah Akhtar Mansour?" for "following Mansour's death, with successor …") ranks
        the passages that write the whole name (his killing, his properties) above it
        (docs/tuning.md, session 55)."""
        deeper = [int(u) for u in units[SAID_HEAD:ROLE_HEAD]]
        marks = self.unstated(question, deeper, history)
        return next(
            (
                SAID_HEAD + at
                for at, unit in enumerate(deeper)
                if marks[at] == 0.0 and self._writes_owned_role(question, asked, unit)
            ),
            0,
        )

    def year_stated_lower(
        self, question: str, units: Sequence[int] | np.ndarray, scores: np.ndarray, history: Sequence[str] = ()
    ) -> int:
        """For a question asking of a year ("Why was Baradar arrested in 2010?") whose first
        result does not state it, the position among the first YEAR_HEAD `units` of the first
        that states the asked relation, scores within YEAR_MARGIN of the first (`scores`: the
        fused scores, relative to the best) and writes the asked year in a sentence that also
        writes every name of the question; 0 otherwise. A passage telling the event in the
        question's words without its year ("… Baradar, who spent nearly a decade in a Pakistani
        prison") ranks above the one dating it ("… detained in Karachi since 2010, when he had
        reportedly reached out to …"), and the first result's mark abstains (docs/tuning.md,
        session 37)."""
        asked = read_relation(question, tuple(history))
        head = [int(u) for u in units[:YEAR_HEAD]]
        # A count asked beside the year ("How many prisoners were freed under the February 2020
        # deal?") asks a number, not the dated event: a sentence dating it does not answer.
        if not asked.years or asked.counted or asked.quantity or len(head) < 2:
            return 0
        unstated = self.unstated(question, head, history)
        if unstated[0] == 0.0:
            return 0
        names, heads = _question_names(question), name_heads(question)
        return next(
            (
                i
                for i in range(1, len(head))
                if unstated[i] == 0.0
                and float(scores[0] - scores[i]) <= YEAR_MARGIN
                and self._dates_with_names(asked.years, names, head[i], heads)
            ),
            0,
        )

    def _dates_with_names(
        self, years: frozenset[int], names: list[str], unit: int, heads: tuple[frozenset[str], ...] = ()
    ) -> bool:
        """Whether one sentence of `unit` writes every one of `years` and every one of `names`, or
        writes "he"/"his"/"she"/"her" after a sentence naming the person (`_names_or_points_back`;
        `heads`: the stems of the last word of each of the question's names)."""
        texts, stems = self._sentences(unit)
        return any(
            all(_states_year(y, text, words, None) for y in years)
            and _names_or_points_back(names, heads, text, texts[i - 1] if i else "")
            for i, (text, words) in enumerate(zip(texts, stems, strict=True))
        )

    def _holder_named_first(
        self, question: str, asked: AskedRelation, units: Sequence[int] | np.ndarray, history: Sequence[str]
    ) -> int:
        """For "Who is/was <holder>'s <office>?", the position among the first HOLDER_HEAD `units`
        of the first that states the relation and names the office's holder (`names_holder`),
        when the first names none: a passage writing "the Pakistani army chief" or "Pakistan's
        foreign minister told parliament" states the office but answers no "Who", and ranks
        above the one writing "Pakistan's army chief Bajwa" (docs/retrieval.md, "The asked
        relation"). 0 otherwise."""
        asked_office = holder_asked(question, asked, history)
        if asked_office is None:
            return 0
        depth = HEADING_HOLDER_HEAD if office_of_verb(question) else HOLDER_HEAD
        head = [int(u) for u in units[:depth]]
        if len(head) < 2 or self._names_holder(asked_office, head[0]):
            return 0
        unstated = self.unstated(question, head, history)
        return next(
            (i for i in range(1, len(head)) if unstated[i] == 0.0 and self._names_holder(asked_office, head[i])),
            0,
        )

    def states(self, question: str, unit: int, history: Sequence[str] = ()) -> bool:
        """Whether `unit` states the relation `question` asks for (its year, its owner)."""
        return bool(self.unstated(question, [unit], history)[0] == 0.0)

    def speaks_of(self, question: str, unit: int) -> bool:
        """For "What did X say about Y?" with Y written without a name, whether `unit` has X say
        Y, in Y's words or in words read alike them in context (service.said_about,
        TOPIC_WORD_ALIKE): a word of Y that no unit writes is then said there in other words, and
        the topic is not one no source speaks of (service.verdict, "unwritten-topic")."""
        asked = read_relation(question)
        return asked.said is not None and not asked.said.named and self.states(question, unit)

    def _names_holder(self, asked: AskedRelation, unit: int) -> bool:
        texts, _ = self._sentences(unit)
        return any(names_holder(asked, text) for text in texts)

    def _writes_owned_role(self, question: str, asked: AskedRelation, unit: int) -> bool:
        """For a relation asked by a role or kin noun with a possessor ("Sirajuddin's nephew",
        "Mansour's successor"; "their Afghan brothers" read as fellows), whether one sentence of
        `unit` writes the role as the possessor's (`writes_role_of`: "Khalil Haqqani
        (Sirajuddin's uncle)") or writes fellows owned by a group (`writes_fellows`). Such a
        unit moves first without writing every word of the question: the role is tied to its
        possessor by the noun itself, not by a loose form ("new", "took" for a successor) or an
        office in one sentence and its owner in the next (docs/tuning.md, session 50)."""
        texts, _ = self._sentences(unit)
        if asked.roles:
            return any(writes_role_of(asked.possessor, asked.roles, text) for text in texts)
        if fellowship_forms(asked_after_premise(question)):
            return any(writes_fellows(text) for text in texts)
        return False

    def _states_in_one_sentence(self, question: str, unit: int) -> bool:
        """Whether one sentence of `unit` writes every word of `question` (but its question words),
        a name by a word it begins or that begins it ("Pakistani"), any other word in the
        question's own number: "Pakistan's foreign minister told parliament" for "Who is
        Pakistan's foreign minister?", but not "Chinese foreign ministers" for "the Chinese
        foreign minister" (a meeting of several), nor an office in one sentence and its owner in
        the next (docs/tuning.md, "Answerable questions that abstain")."""
        wanted = [w for w in _WORD.findall(question) if bare_word(w).lower() not in QUESTION_WORDS]
        texts, _ = self._sentences(unit)
        return bool(wanted) and any(all(writes_word(w, _WORD.findall(text)) for w in wanted) for text in texts)

    def _states(self, asked: AskedRelation, unit: int) -> bool:
        texts, stems = self._sentences(unit)
        titled = self._office_holders(asked.office_text)
        return states_relation(asked, texts, self._card(unit), self._year(unit), stems, self._alike, titled)

    def _said_reader(self, said: SaidAbout, units: list[int], question: str = "") -> Callable[[int], bool]:
        """Whether a unit has the speaker say something about the topic; the speaker's titles
        are read from all the ranked units (a title beside the name in one, the title alone
        in another), the topic's words weighted by how few units hold them and, for a topic
        written without a name, read in `question`'s context against the speaker's words."""
        titles = frozenset().union(*(speaker_titles(said, " ".join(self._sentences(u)[0])) for u in units))
        weight = {t: _rarity(self._term_share(t) if self._term_share else 0.0) for t in said.topic}
        topic_alike = self._topic_alike
        held = self._spoken_by_holder(said, units)

        def says(unit: int) -> bool:
            texts, stems = self._sentences(unit)
            cosines = self._cosines(unit, said.topic_text) if self._cosines is not None else None
            alike = None
            if topic_alike is not None and not said.named:
                alike = lambda sentences: topic_alike(question, said, unit, sentences)  # noqa: E731
            if says_about(said, texts, stems, self._card(unit), titles, weight, cosines, alike):
                return True
            if held is None:
                return False
            return says_about(held[0], texts, stems, self._card(unit), held[1], weight, cosines, alike)

        return says

    def _titled(self, office: str | None) -> Sequence[frozenset[str]]:
        """Who the whole corpus titles with the office `office` names and its owner (service.titles);
        none without the table or an office."""
        return self._holders(office) if self._holders is not None and office else ()

    def _spoken_by_holder(
        self, said: SaidAbout, units: list[int]
    ) -> tuple[SaidAbout, frozenset[frozenset[str]]] | None:
        """For a speaker named by an office and its owner ("the American envoy", "Islamabad's army
        chief"), the same question asked of the office's holders, as the whole corpus titles them
        with that office and owner ("U.S. envoy Khalilzad"; service.titles), with the titles the
        ranked units give them; None when the corpus titles no one so. The owner is read in the
        title, so the holder's name speaks for it without it ("Khalilzad said …", or "He added …"
        after it; docs/retrieval.md, "The asked relation")."""
        names = self._titled(said.speaker_text)
        if not names:
            return None
        held = replace(said, speaker=frozenset().union(*names), owner=frozenset())
        titles = frozenset().union(*(speaker_titles(held, " ".join(self._sentences(u)[0])) for u in units))
        return held, titles


def _rarity(share: float) -> float:
    """A word's weight in a topic: -log of the share of units holding it (a word no unit holds
    weighs as one held by one in a thousand)."""
    return float(-np.log(max(share, 1e-3)))
