"""What someone said about something: the speaker and the topic a passage must hold together.

"What did Zalmay Khalilzad say about India?" names someone the corpus quotes and something it
discusses, but the corpus never has the one speak about the other. Every passage quoting
Khalilzad, and every passage about India, scores as high as a real answer would; what none of
them holds is the speaker, a word of saying and the topic in one place. This reads the question
("What did X say|tell|warn … about Y?", "How did X describe|view Y?", "What was X's view of
Y?") and checks a unit's sentences for:

- the speaker, speaking in one sentence (`speaking_at`): a word of X (its names and the
  words naming it) with a word of saying after it, "according to X", speech X owns, or X named
  in the sentence before and a pronoun carrying it; not a name that only owns something else
  ("Hamid Karzai's government"), nor the one spoken to ("told Mike Pompeo"); a title the ranked
  passages write right before X's name ("Foreign Minister Shah Mahmood Qureshi" lets
  "Pakistan's foreign minister told parliament" speak for Qureshi), its words together, where it
  names no one else, or X as the author its document's card names (an author speaks throughout their document); a
  speaker who is someone of a name ("China's foreign minister") with a word of that name too
  ("Prime Minister Khan" is another's minister);
- a word of saying or a quotation: a reporting or verdict verb, "according to", a quotation
  mark; none when the question asks for a view ("How did X see Y?", "X's view of Y");
- the topic, in what the speaker says (`says_about`): the sentence where X speaks, and the next
  one when a quotation it opens runs on, holds TOPIC_SHARE of Y's weight (each word weighed by
  how few units hold it, matched as names are: "Indian" for "India") or is TOPIC_COSINE close to
  Y by meaning (the index's sentence vectors). A topic only in a neighbour (a cited headline,
  the author's framing) is not what X said; an author speaks throughout their document, and the
  window is read as theirs. A topic written without a name ("vouching for the insurgents'
  conduct") may be what X said in other words ("We cannot be guarantors"): each of its words
  also counts as held when the model reads it, in the question, within TOPIC_WORD_ALIKE of a
  word of what X says, in its sentence (`topic_word_spans`; docs/tuning.md, "What someone said,
  asked in other words"). The occasion a question closes on ("in his 2017 address") is no part
  of Y.

Loose on each count on purpose: a marked answer costs more than a near-topic question answered
(docs/tuning.md, "What someone said about something, a window reading"). English only; nothing
here names a document, a person or a topic.

In a conversation (`read_said_in_conversation`) a follow-up is read as the ranking reads it: "he"
already the person an earlier question names (service.antecedents), an opener ("And what did X
say about Y?") left out, and the half it leaves out taken from the question before when that one
asked what someone said about something: the topic for "about it", the speaker for "And about
Y?" (docs/tuning.md, "What someone said, in a conversation").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from service.bm25 import terms_of, tokenize, tokenize_each
from service.dates import month_pattern
from service.evidence import CAPITALISED, capitalised_names
from service.name_forms import names_in
from service.question_words import (
    BASE,
    HOLDING_VERBS,
    PAST,
    SAY_TELL,
    SPEAKING_VERBS,
    SPEECH_FRAME_TERMS,
    alternation,
    inflected,
)
from service.text import POSSESSIVE_END
from service.word_forms import PREFIX, agent_spellings, same_word, shares_word

# The verbs a question asks what someone said with, and those that take the topic as object; in
# lowercase only: a capitalised one is a title's word ("Secretary of State Mike Pompeo", "Call").
_SAY_VERBS = alternation(inflected((*SPEAKING_VERBS, *HOLDING_VERBS), BASE, PAST))
_DESCRIBE_VERBS = "describe|view|see|characteri[sz]e|portray|assess|call"
# A view may be held without being voiced ("How did Pakistan see Afghanistan?"): asked with
# these, or as "X's view of Y", no word of saying is needed beside the speaker.
_VIEW_VERBS = re.compile(rf"{alternation(inflected(HOLDING_VERBS, BASE, PAST))}|view|see|assess", re.IGNORECASE)


def _asked_pattern(about: str) -> re.Pattern[str]:
    """ "What did X say … <about> Y?" or "How did X describe Y?", the topic after one of `about`."""
    return re.compile(
        rf"^\s*(?:what|how)\s+(?:did|does|do|has|have|had)\s+(?P<speaker>.+?)\s+"
        rf"(?:(?P<say>(?-i:{_SAY_VERBS}))\b(?P<rest>.*?)\b(?:{about})\s+(?P<topic>.+?)"
        rf"|(?P<describe>(?-i:{_DESCRIBE_VERBS}))\s+(?P<object>.+?))\s*[?.!]*\s*$",
        re.IGNORECASE,
    )


# "about", "regarding" and "concerning" mark the topic wherever they stand; "of" and "on" only
# when none of them does, since they also join the words of a name ("tell the secretary of state
# about the Taliban": the topic is the Taliban, not "state about the Taliban").
_ASKED_ABOUT = _asked_pattern("about|regarding|concerning")
_ASKED = _asked_pattern("about|of|on|regarding|concerning")
# "What did X tell Y?" with no "about": Y is the one spoken to, not a topic ("tell the American
# secretary of state in January"). A passage answering it has X speak to Y, so Y's words stand in
# the topic's place, read in the sentence where X speaks as a topic is.
_TOLD = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had)\s+(?P<speaker>.+?)\s+(?-i:tell)\s+(?P<addressee>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_VIEW = re.compile(
    r"^\s*what\s+(?:was|is|were|are)\s+(?P<speaker>.+?)['’]s?\s+"
    r"(?:view|views|opinion|position|stance|assessment|verdict|take|reaction|response)\s+"
    r"(?:of|on|about|regarding|to|towards?)\s+(?P<topic>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# A speaker that is a text, not a person: what a document or a section says is read elsewhere
# (service.scope, service.headings).
_TEXT_SPEAKER = re.compile(
    r"\b(?:section|report|briefing|article|document|paper|piece|chapter|heading|part|footnote|note|book|"
    r"study|brief|text|passage|library|corpus|source)s?\b|[‘“\"]|(?:^|\s)'",
    re.IGNORECASE,
)
# A topic that points back ("about it", "about that") asks about an earlier turn's topic.
_POINTS_BACK = re.compile(r"^(?:it|that|this|them|those|these|him|her|he|she|they)\b", re.IGNORECASE)
# An opener before a question that follows on ("And what did X say about Y?").
_OPENER = re.compile(r"^\s*(?:and|but|so|also)\s+", re.IGNORECASE)
# A follow-up that keeps the speaker and asks about another topic: "And about the fence?",
# "What about India?", "And on the border clashes?".
_ABOUT_ONLY = re.compile(
    r"^\s*(?:(?:and|but|so|also)\s+)?(?:(?:what|how)\s+)?(?:about|on|regarding|concerning)\s+(?P<topic>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# Where a topic ends and a time frame begins ("about the Taliban after the takeover", "in January").
_MONTH = month_pattern()
_TIME_FRAME = re.compile(
    rf"(?:^|\s)(?:after|before|during|since|until|when|in\s+(?:\d{{4}}|[A-Z][a-z]+\s+\d{{4}}|(?-i:{_MONTH})))\b"
)
# Where a topic ends and the speaker's own occasion begins ("about India in his 2017 address",
# "in her Asia Society speech"): where it was said, not what about. Its words ("address",
# "South Asia policy") are in any passage telling the occasion, whatever the speaker said there.
_OCCASION = re.compile(r"\s(?:in|at|during|on|through)\s+(?:his|her|their|its)\s", re.IGNORECASE)
# The outlet a question closes on ("…, according to Reuters?", "…, as Dawn reported?"): where it
# was said, read by the source readers (service.verdict), not what was said about.
_SOURCE_TAIL = re.compile(
    r"\s*,?\s*(?:according\s+to\s+.+|as\s+reported\s+by\s+.+|as\s+.+?\s+(?:reported|reports|wrote|writes|noted))$",
    re.IGNORECASE,
)
# Words of saying a passage reports speech with: reporting and verdict verbs, "according to",
# quotation marks. Stems as BM25 stems them, matched by their beginning.
_SAYING = re.compile(
    r"\b(?:sa(?:y|ys|id)|t(?:ell|ells|old)|add(?:ed|s)?|wr(?:ote|ites?)|stat(?:ed?|es|ement)|announc|declar|warn|"
    r"report(?!edly)|claim|not(?:ed|es)|argu|insist|explain|acknowledg|admit|confirm|den(?:ied|ies|y)|tweet|post|"
    r"complain|alleg(?!edly)|estimat|conclud|reveal|suggest|assert|stress|emphasi|urg|predict|caution|observ|recall|"
    r"conced|maintain|contend|accus|critici|condemn|prais|call(?:ed|s|ing)?\s+(?:on|for|it|the|him|her|them)|"
    r"describ|disclos|assur|underscor|reiterat|pledg|promis|interview|remark|speech|according\s+to|concur|reject|"
    r"demand|ask|express|point(?:ed|s)?\s+out|welcom|vow|threat|respond|repl(?:y|ied|ies)|mention|highlight|"
    r"dismiss|blam|label|brand|call(?:ed|s)?\s+\w+\s+(?:a|an|the)\b)\w*"
    r"|[“”\"]",
    re.IGNORECASE,
)
# Nouns a passage names someone by beside their name ("Foreign Minister Shah Mahmood Qureshi",
# "army chief Qamar Javed Bajwa", "Pakistan's national security advisor, Moeed Yusuf").
_ROLE_NOUNS = frozenset(
    tokenize(
        [
            "minister ministry president prime adviser advisor spokesperson spokesman spokeswoman chief envoy "
            "ambassador secretary general admiral governor commander director representative official leader "
            "chairman king"
        ]
    )[0]
)
TOPIC_SHARE = 0.4  # share of the topic's weight (its words' IDF) what the speaker says must hold
# Or this close to the topic by meaning: 0.5 read on a window of three sentences (session 13),
# 0.6 on the speaker's own sentence (docs/tuning.md, "What the speaker says is about the topic").
TOPIC_COSINE = 0.6
# Or, for a topic written without a name, TOPIC_SHARE of its weight held with each of its words
# also read alike a word of what the speaker says, both read in context (the model's word pieces
# in its last layer, a word's pieces averaged): "patient" / "patience", "barriers" / "walls",
# "danger" / "risks" lie at 0.47-0.66 in dev's answerable questions, and no share of a control's
# topic reaches TOPIC_SHARE at this bar (docs/tuning.md, "What someone said, asked in other
# words"). A name is read by its spelling only: "Kashmir" read alike "India" is not India.
TOPIC_WORD_ALIKE = 0.4
_TITLE_WORDS = 4  # words before a name read as its title ("Secretary of State Mike Pompeo")
# The name a noun is someone of, as a question writes it: "<Name>'s <noun>" with up to three
# lowercase words between ("China's foreign minister", "the Pakistan military's spokesperson",
# "Pakistan's interior minister"), "the <noun> of (the) <Name>" ending the phrase ("the foreign
# minister of Iran", "the president of Russia?"). The said-about speaker (`_owner`) and the
# holder of an asked office (service.relations) are read with it.
NAME_RUN = r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*"
_FUNCTION_WORDS = (
    f"and|or|of|for|to|the|a|an|in|on|at|with|by|from|as|who|which|that|had|has|was|is|"
    f"{alternation(inflected(SAY_TELL, PAST))}"
)
MODIFIER = rf"(?!(?:{_FUNCTION_WORDS})\b)[a-z][\w-]*\s+"  # a lowercase word that is no function word
OWNER_BEFORE = re.compile(rf"({NAME_RUN})['’]s\s+(?:{MODIFIER}){{0,3}}$")
# The same with one lowercase word owning it after the name: "the Pakistan military's spokesperson".
_OWNER_THROUGH = re.compile(rf"({NAME_RUN})(?:\s+[a-z][\w-]*)?['’]s\s+(?:{MODIFIER}){{0,3}}$")
_OWNER_AFTER = re.compile(rf"\s+of\s+(?:the\s+)?({NAME_RUN}(?:\s+of\s+{NAME_RUN})*)\s*[?.!]*\s*$")


def named_owner(text: str, start: int, end: int, through: bool = False) -> str | None:
    """The name owning the noun at text[start:end] as a question writes it (above): the
    possessive before it, or "of <Name>" ending the text after it; None when neither. `through`:
    also a name whose possessive is on a word after it ("the Pakistan military's spokesperson"),
    as a speaker is read; an office's holder is not (service.relations, "Who is the Pakistani
    military's spokesperson?" asks for no holder there)."""
    before = _OWNER_THROUGH if through else OWNER_BEFORE
    owner = before.search(text, 0, start) or _OWNER_AFTER.match(text, end)
    return owner.group(1) if owner is not None else None


@dataclass(frozen=True)
class SaidAbout:
    """The speaker and the topic of "What did X say about Y?"."""

    speaker: frozenset[str]  # X's stems: its capitalised words and role nouns
    topic: frozenset[str]  # Y's stems
    topic_text: str  # Y as written, for the reading by meaning
    spoken: bool = True  # asked what X said ("say", "describe"), not what X thought ("view", "think")
    # The name X is someone of ("China's foreign minister", "the spokesman of the Taliban"): its stems
    owner: frozenset[str] = frozenset()
    named: bool = True  # Y writes a name (a capitalised word): its words are read by their spelling only
    # Y's names that a demonym makes one ("the Pakistani Taliban"): per name, its two words' stems
    joined: tuple[tuple[str, str], ...] = ()
    # X as written ("the American envoy"): an office it names is looked up among the corpus's
    # titles (service.titles), whose holder then speaks for it
    speaker_text: str = ""


@dataclass(frozen=True)
class _Asked:
    """The words of "What did X say about Y?" as written, before they are read."""

    speaker: str
    topic: str
    spoken: bool
    addressed: bool = False  # "What did X tell Y?": the topic's place holds the one spoken to


def _asked(question: str) -> _Asked | None:
    """The speaker's and the topic's words of `question`, or None when it asks no such thing."""
    question = _OPENER.sub("", question, count=1)  # "And what did X say about Y?"
    asked = _ASKED_ABOUT.match(question)
    told = _TOLD.match(question) if asked is None else None
    if told is not None:
        return _Asked(told.group("speaker"), told.group("addressee"), True, addressed=True)
    asked = asked or _ASKED.match(question)
    if asked is not None:
        spoken = _VIEW_VERBS.fullmatch(asked.group("say") or asked.group("describe")) is None
        return _Asked(asked.group("speaker"), asked.group("topic") or asked.group("object"), spoken)
    view = _VIEW.match(question)
    return None if view is None else _Asked(view.group("speaker"), view.group("topic"), False)


@lru_cache(maxsize=1024)
def read_said_about(question: str) -> SaidAbout | None:
    """The speaker and topic `question` asks about, or None when it asks no such thing."""
    asked = _asked(question)
    return None if asked is None else _read(asked.speaker, asked.topic, asked.spoken)


def _read(speaker: str, topic: str, spoken: bool) -> SaidAbout | None:
    """The speaker and the topic read from their words: None when the speaker names no one
    (no capitalised word), is a text, or when the topic points back or is only a time frame."""
    names = " ".join(capitalised_names(speaker, CAPITALISED, first=True))
    topic = _SOURCE_TAIL.sub("", topic)  # "about Y, according to Reuters": who reported it, not what
    topic = _TIME_FRAME.split(topic, maxsplit=1)[0]  # "about Y after 9/11": when, not what
    topic = _OCCASION.split(topic, maxsplit=1)[0]  # "about Y in his speech": where, not what
    if not names or _TEXT_SPEAKER.search(speaker) or _POINTS_BACK.match(topic):
        return None
    speaker_stems = terms_of(speaker)  # its names and the words naming it: "the UN monitoring team"
    topic_stems = terms_of(topic) - SPEECH_FRAME_TERMS
    if not speaker_stems or not topic_stems:
        return None
    named = CAPITALISED.search(topic) is not None
    return SaidAbout(
        speaker_stems, topic_stems, topic.strip(), spoken, _owner(speaker), named, demonym_names(topic), speaker.strip()
    )


# A demonym before a name makes one name of the two: "the Pakistani Taliban" (the TTP) is not the
# Taliban, nor anything of Pakistan's, so a passage holding "Pakistan" and "Taliban" apart does not
# write it. A demonym is read by its English shape: a capitalised word ending in -i, -an, -ian,
# -ese or -ish whose place name is at least PREFIX letters ("Pakistani", "Afghan", "Indian",
# "Chinese", "British"; not "Imran"), right before a capitalised word in lowercase letters (not
# "TV" of "a Pakistani TV channel"), and opening the run of capitalised words it is in ("The
# Guardian Armitage" is a title and a name), not coordinated with another before it ("the
# Pakistani and Afghan Taliban" names two groups). docs/tuning.md, session 40, "A demonym and a name, one name".
_DEMONYM_ENDINGS = ("i", "an", "ian", "ese", "ish")
_DEMONYM_NAME = re.compile(rf"\b([A-Z][a-z]+?(?:{'|'.join(_DEMONYM_ENDINGS)}))\s+([A-Z][a-z]+)\b")
_INSIDE_A_NAME = re.compile(r"\b[A-Z][\w'’.-]*\s+$")
_COORDINATED = re.compile(r"(?:\b(?:and|or)|,)\s+$")


def demonym_names(topic: str) -> tuple[tuple[str, str], ...]:
    """The names of `topic` a demonym makes (`_DEMONYM_NAME`), each as its two words' stems."""
    pairs = []
    for match in _DEMONYM_NAME.finditer(topic):
        if _INSIDE_A_NAME.search(topic, 0, match.start()):
            continue  # "The Guardian Armitage": a word inside a run of capitalised words is its name's
        if _COORDINATED.search(topic, 0, match.start()):
            continue  # "the Pakistani and Afghan Taliban": two groups, either of which a passage may write
        demonym, name = terms_of(match.group(1)), terms_of(match.group(2))
        if len(match.group(1)) - _demonym_ending(match.group(1)) >= PREFIX and demonym and name:
            pairs.append((min(demonym), min(name)))
    return tuple(pairs)


def _demonym_ending(word: str) -> int:
    """The length of the longest demonym ending `word` has."""
    return max((len(end) for end in _DEMONYM_ENDINGS if word.endswith(end)), default=0)


def writes_joined(said: SaidAbout, text: str) -> bool:
    """Whether `text` writes each name of the topic a demonym makes (`SaidAbout.joined`) as one
    (`writes_names_joined`)."""
    return writes_names_joined(said.joined, text)


def writes_names_joined(joined: Sequence[tuple[str, str]], text: str, either_order: bool = False) -> bool:
    """Whether `text` writes each of the names a demonym makes (`demonym_names`) as one, the
    demonym right before the name ("the Pakistani Taliban", "Pakistan's Taliban"): written apart
    ("Pakistan … the Taliban"), or the name alone, they name something else. `either_order`:
    the place after the name also joins them ("Tehreek-e-Taliban Pakistan", the group's own name;
    "Sunni Hanafi" for "Hanafi Sunni"), where no stop or comma comes between."""
    if not joined:
        return True
    if either_order:
        tokens = _JOINING_TOKEN.findall(text)
        words = [terms_of(word) if word[0].isalnum() else frozenset() for word in tokens]
    else:
        words = [terms_of(word) for word in _TOPIC_WORD.findall(text)]
    pairs = list(zip(words, words[1:], strict=False))
    if either_order:
        pairs += [(second, first) for first, second in pairs]
    return all(
        any(
            shares_word(frozenset({demonym}), first) and shares_word(frozenset({name}), second)
            for first, second in pairs
        )
        for demonym, name in joined
    )


# A word, or a mark that parts two words ("the Taliban. Pakistan …" writes no "Taliban Pakistan").
_JOINING_TOKEN = re.compile(r"[\w'’-]+|[^\w\s'’-]")


def _owner(speaker: str) -> frozenset[str]:
    """The stems of the capitalised words of the name a speaker is someone of (`named_owner`, its
    noun the first word after a possessive or the one before "of"): "China's foreign minister", "the
    Pakistan military's spokesperson", "the foreign minister of Iran"; empty for a speaker named
    by their own name ("Hamid Karzai"). A passage quoting another country's minister names a
    minister too; only the owner tells them apart."""
    speaker = speaker.strip()
    noun = _HEAD_NOUN.search(speaker)
    owner = named_owner(speaker, noun.start(), noun.end(), through=True) if noun is not None else None
    return terms_of(" ".join(capitalised_names(owner or "", CAPITALISED, first=True)))


# The noun of a speaker someone of a name: the first lowercase word after a possessive ("China's
# foreign minister"), or the lowercase one before "of <Name>" ("the foreign minister of Iran"). A
# capitalised one is a title with the person's name after it: "Secretary of State Mike Pompeo" is
# Pompeo, no one's secretary ("State Mike Pompeo" is no owner).
_HEAD_NOUN = re.compile(r"(?<=['’]s\s)[a-z][\w-]*|\b[a-z][\w-]*(?=\s+of\s+(?:the\s+)?[A-Z])")


def read_said_in_conversation(question: str, history: Sequence[str]) -> SaidAbout | None:
    """What a follow-up asks someone said about something, its missing half read from the
    question before it when that one asked what someone said about something: "And what did
    Imran Khan say about it?" after "What did X say about the border fence?" asks about the
    fence; "And about the border fence?" (or "What about …?") after "What did Qureshi say about
    India?" asks what Qureshi said. A pronoun speaker is read as service.antecedents reads it,
    before this. Only the latest earlier question is read: "it" points at the nearest topic."""
    said = read_said_about(question)
    if said is not None or not history:
        return said
    before = _asked(history[-1])
    if before is None or before.addressed or read_said_about(history[-1]) is None:
        return None  # "What about China?" after "What did X tell the BBC?" asks no topic of X's
    asked = _asked(question)
    if asked is not None and _POINTS_BACK.match(asked.topic):
        return _read(asked.speaker, before.topic, asked.spoken)
    fragment = _ABOUT_ONLY.match(question)
    return None if fragment is None else _read(before.speaker, fragment.group("topic"), before.spoken)


_WORDS = re.compile(r"[\w'’.-]+|[,;:()“”\"—–]")


def speaker_titles(said: SaidAbout, text: str) -> frozenset[frozenset[str]]:
    """The titles `text` gives the speaker beside their name ("Foreign Minister Shah Mahmood
    Qureshi": {foreign, minister}; "national security advisor, Moeed Yusuf": {security,
    advisor}; "army chief Qamar Javed Bajwa": {army, chief}): a role noun and the word before
    it, which the passage may name the speaker by elsewhere ("Pakistan's foreign minister told
    parliament")."""
    tokens = _WORDS.findall(text)
    titles: set[frozenset[str]] = set()
    for position, token in enumerate(tokens):
        if not (token[:1].isupper() and shares_word(terms_of(token), said.speaker)):
            continue
        start = position
        while start > 0 and tokens[start - 1][:1].isupper() and not is_role(tokens[start - 1]):
            start -= 1  # the rest of the name: "Shah Mahmood Qureshi"
        end = start
        if end > 0 and tokens[end - 1] == ",":
            end -= 1  # an appositive: "advisor, Moeed Yusuf"
        if end == 0 or not is_role(tokens[end - 1]):
            continue
        words = tokens[max(0, end - 2) : end]
        if len(words) == 2 and not _modifies(words[0]):
            words = words[1:]
        titles.add(terms_of(agent_spellings(" ".join(words))))  # "advisor" names an "adviser" too
    return frozenset(titles)


_PUNCTUATION = frozenset(',;:()“”"—–')
_DETERMINERS = frozenset("the a an his her their its our this that".split())


def _modifies(word: str) -> bool:
    """Whether the word before a role noun belongs to the title ("foreign" minister), not a
    possessor, a determiner or punctuation ("Pakistan's", "his", ",")."""
    return not (word in _PUNCTUATION or POSSESSIVE_END.search(word) or word.lower() in _DETERMINERS)


def is_role(word: str) -> bool:
    """Whether `word` is a role noun ("minister", "spokesperson"): a title before a name."""
    return _role_terms(terms_of(word))


def roles_among(words: Collection[str]) -> frozenset[str]:
    """Those of `words` that are role nouns (is_role), their terms read in batches
    (bm25.tokenize_each): thousands of words at a load."""
    ordered = list(words)
    return frozenset(w for w, terms in zip(ordered, tokenize_each(ordered), strict=True) if _role_terms(set(terms)))


def _role_terms(terms: Set[str]) -> bool:
    """Whether a word's BM25 terms are those of a role noun (is_role): some, and all of them."""
    return bool(terms) and terms <= _ROLE_NOUNS


def names_speaker(said: SaidAbout, window: str, stems: frozenset[str], titles: frozenset[frozenset[str]]) -> bool:
    """Whether a window holds a word of the speaker, or one of its titles that names no one
    else ("President Biden" does not name Ghani, whom the passage calls "President Ghani"). A
    speaker who is someone of a name ("China's foreign minister") needs that name in the window:
    "Prime Minister Khan" is a minister, not China's."""
    if shares_word(said.speaker, stems):
        return True
    held = [t for t in titles if all(any(same_word(w, s) for s in stems) for w in t)]
    if not held:
        return False
    tokens = _WORDS.findall(window)
    for position, token in enumerate(tokens):
        if not is_role(token) or not any(_titled(t, token, tokens[position - 1] if position else "") for t in held):
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if not (following[:1].isupper() and following not in _PUNCTUATION):
            return True  # the title alone: "Pakistan's foreign minister told parliament"
    return False


def _titled(title: frozenset[str], role: str, before: str) -> bool:
    """Whether a role noun, with the word `before` it, writes the title: its noun, and the word
    the title has before its noun right before it ("foreign minister", not "TTP spokesperson"
    for a "Taliban spokesperson")."""
    terms = terms_of(agent_spellings(role))
    rest = title - terms
    return bool(terms & title) and (not rest or shares_word(rest, terms_of(before)))


def speaking_at(said: SaidAbout, sentences: Sequence[str], titles: frozenset[frozenset[str]]) -> list[bool]:
    """Per sentence, whether the speaker says something in it (whatever about): the sentence
    names the speaker as one who speaks (`speaking_text`), or by its title, and holds a word of
    saying (none for a view), or it carries the speaker named in the sentence before by a pronoun
    ("Khalilzad said … He added, however, that …"). Naming the speaker in one sentence and
    someone else's words in its neighbour is no speech of theirs (docs/retrieval.md, "The asked
    relation")."""
    speaking = [speaking_text(sentence) for sentence in sentences]
    named = [names_speaker(said, text, terms_of(text), titles) for text in speaking]
    spoken: list[bool] = []
    for j, sentence in enumerate(sentences):
        says = named[j] and (not said.spoken or _says_as_named(said, speaking[j]))
        carried = j > 0 and named[j - 1] and _PRONOUN.search(sentence) is not None
        spoken.append(says or (carried and _SAYING.search(sentence) is not None))
    return spoken


# What a speaker's name follows when the words of saying come first: "according to (the) X",
# "…, said X", "says U.S.", "quoted by X" (not any "by": "a delegation led by X").
_SAID_BY = re.compile(
    r"(?:[Aa]ccording\s+to|[Ss]a(?:id|ys)|(?:quoted|cited|stated|said)\s+by)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'’-]*\s+)*$"
)


def _says_as_named(said: SaidAbout, text: str) -> bool:
    """Whether a sentence (its `speaking_text`) that names the speaker has them say something: a
    word of saying after the speaker's first word ("Khalilzad said …"), speech they own ("in
    Khan's words", "Ghani's remarks"), or one before it only as "according to X", "said X". A
    word of saying ahead of the name is another's ("Following the U.S. withdrawal announcement,
    the negotiator travelled …"). Named only by a title, the whole sentence is read."""
    first = next((w.start() for w in _WORDS.finditer(text) if shares_word(terms_of(w.group()), said.speaker)), None)
    if first is None:
        return _SAYING.search(text) is not None
    return bool(_SAYING.search(text, first) or _SAID_BY.search(text[:first]) or _owns_speech(text[first:]))


def _owns_speech(text: str) -> bool:
    """Whether the name `text` opens with owns speech: "Khan's words", "Ghani's recent remarks"."""
    owner = _OWNER_RUN.match(text)
    following = text[owner.end() :].split()[:SPEECH_REACH] if owner else []
    return bool(terms_of(" ".join(following)) & _SPEECH_NOUNS)


# A name run that ends in a possessive ("Hamid Karzai's", "Zalmay Khalilzad's"): the name owns
# something, and speaks only when what it owns, within SPEECH_REACH words, is speech ("Ghani's
# remarks", "the Afghanistan Study Group's February 2021 report") or someone who speaks for it
# ("Pakistan's foreign ministry", "the Taliban's spokesman": a role noun).
_OWNER_RUN = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*['’]s?(?![\w'’])")
# A name run right after a verb that takes the one spoken to as its object ("Qureshi said he had
# told Secretary of State Mike Pompeo: …", "Armitage warned Pakistan to cooperate"): the addressee.
_ADDRESSEE_RUN = re.compile(
    r"\b(?:t(?:ell|ells|elling|old)|warn(?:s|ed|ing)?|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|assur(?:e|es|ed|ing)|"
    r"inform(?:s|ed|ing)?|brief(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on)\s+((?:[A-Z][\w.-]*\s+(?:of\s+)?)*[A-Z][\w.-]*)"
)
_SPEECH_NOUNS = frozenset(
    tokenize(
        [
            "words statement statements remarks remark speech interview report comments comment claim claims "
            "testimony letter message tweet warning account announcement view views assessment verdict"
        ]
    )[0]
)
SPEECH_REACH = 3  # words after a possessive within which the speech or the speaker it owns is written
# A pronoun that may carry a speaker named in the sentence before ("He added …", "They complained …").
_PRONOUN = re.compile(r"\b(?:he|she|they|his|her)\b", re.IGNORECASE)


def speaking_text(sentence: str) -> str:
    """The sentence without the names it writes only as owners of something that does not speak:
    "successive Afghan governments, namely Hamid Karzai's and Ashraf Ghani's, attributed …" has
    the governments speak, not Karzai; "Khalilzad's visit put off" has no one speak. A name that
    owns speech or a speaker ("in Khan's words", "Pakistan's foreign ministry said") stays. Nor
    does the one spoken to speak: "… said he had told Secretary of State Mike Pompeo"."""
    spans = [(a.start(1), a.end(1)) for a in _ADDRESSEE_RUN.finditer(sentence)]
    for owner in _OWNER_RUN.finditer(sentence):
        following = sentence[owner.end() :].split()[:SPEECH_REACH]
        if not (terms_of(" ".join(following)) & _SPEECH_NOUNS or any(is_role(word) for word in following)):
            spans.append(owner.span())
    kept: list[str] = []
    last = 0
    for start, end in sorted(spans):
        kept.append(sentence[last : max(last, start)])
        last = max(last, end)
    kept.append(sentence[last:])
    return " ".join(kept)


def reports_speech(sentence: str) -> bool:
    """Whether `sentence` has someone say something: a word of saying (or a quotation mark) in
    its `speaking_text`, the names it writes only as owners of what does not speak left out.
    "Who said that?" asks it of the sentence an answer led with (service.antecedents)."""
    return _SAYING.search(speaking_text(sentence)) is not None


def topic_share(
    said: SaidAbout, stems: frozenset[str], weight: dict[str, float], alike: Mapping[str, float] | None = None
) -> float:
    """The share of the topic's weight whose words a window holds: written there, or, with
    `alike` (per topic stem, its cosine in context to the window's nearest word), read alike at
    TOPIC_WORD_ALIKE."""
    near = alike or {}
    total = sum(weight[t] for t in said.topic)
    held = sum(
        weight[t] for t in said.topic if any(same_word(t, s) for s in stems) or near.get(t, 0.0) >= TOPIC_WORD_ALIKE
    )
    return held / total if total > 0 else 0.0


_TOPIC_WORD = re.compile(r"[\w'’-]+")


def topic_word_spans(said: SaidAbout, text: str) -> list[tuple[str, int, int]]:
    """Where `text` (the question, or the topic alone) writes each word of a topic written
    without a name: (its stem, start, end), for its reading in context; none for a topic naming
    someone or something (read by its spelling only) or one `text` does not write."""
    at = text.find(said.topic_text)
    if said.named or at < 0:
        return []
    spans = []
    for word in _TOPIC_WORD.finditer(said.topic_text):
        stems = terms_of(word.group()) & said.topic
        if stems:
            spans.append((min(stems), at + word.start(), at + word.end()))
    return spans


def says_about(
    said: SaidAbout,
    sentences: Sequence[str],
    stems: Sequence[frozenset[str]],
    held: frozenset[str],
    titles: frozenset[frozenset[str]],
    weight: dict[str, float],
    cosines: np.ndarray | None = None,
    alike: Callable[[slice], Mapping[str, float]] | None = None,
) -> bool:
    """Whether a unit has the speaker say something about the topic: a sentence where the
    speaker speaks (`speaking_at`) whose own words hold TOPIC_SHARE of the topic's weight, or are
    TOPIC_COSINE close to it by meaning (`cosines`, per sentence, when the caller has the
    vectors), or, for a topic written without a name, hold that share with its words read alike
    theirs in context (`alike`: per topic stem, its best cosine to a word of the given
    sentences); its words are the sentence's and, when a quotation it opens runs on, the next
    sentence's (`said_span`). A topic in a neighbour is someone else's words, not the speaker's
    (docs/tuning.md, "What the speaker says is about the topic"). A speaker who wrote the unit's
    document (`held`: the stems of its card) speaks throughout, and a window of a sentence and
    its neighbours is read as theirs. A speaker who is someone of a name needs that name in the
    window."""
    authored = shares_word(said.speaker, held)
    spoken = [True] * len(sentences) if authored else speaking_at(said, sentences, titles)
    for i, speaks in enumerate(spoken):
        around = slice(max(0, i - 1), i + 2)
        if not speaks or (said.owner and not shares_word(said.owner, held.union(*stems[around]))):
            continue
        words = around if authored else said_span(sentences, i)
        # A topic naming a demonym's name is what the speaker says only where they write it as
        # one: "the Taliban" is no word of "the Pakistani Taliban", however close the model
        # reads the two (docs/tuning.md, session 40).
        if said.joined and not writes_joined(said, " ".join(sentences[words])):
            continue
        own = (held if authored else frozenset()).union(*stems[words])
        rest = _place_written(said, " ".join(sentences[words]))  # "the neighbouring country" named "Pakistan"
        if topic_share(rest, own, weight) >= TOPIC_SHARE:
            return True
        if cosines is not None and max(cosines[words], default=-1.0) >= TOPIC_COSINE:
            return True
        if alike is not None and not said.named and topic_share(rest, own, weight, alike(words)) >= TOPIC_SHARE:
            return True
    return False


# A country a topic written without a name names by a noun of place: "the neighbouring country",
# "his country", "the neighbouring state" (English words, no country's name).
_PLACE_NOUN = re.compile(
    r"\b(?:neighbou?ring|neighbou?r|his|her|their|its)\s+(?:own\s+)?(?:country|nation|state|homeland)\b",
    re.IGNORECASE,
)


def places_said(said: SaidAbout, text: str) -> frozenset[str]:
    """The stems of the topic's noun of place ("the neighbouring country": neighbour, country),
    when what the speaker says (`text`) names a country or a capital in any of its forms
    (service.name_forms): Mujahid saying Pakistan "is like a second home" speaks of feeling at
    home in the neighbouring country. A group ("the insurgents") is not read so: a noun of
    place is written only by a place (docs/tuning.md, session 50)."""
    if said.named:
        return frozenset()
    place = _PLACE_NOUN.search(said.topic_text)
    if place is None or not names_in(text):
        return frozenset()
    return terms_of(place.group()) & said.topic


def _place_written(said: SaidAbout, text: str) -> SaidAbout:
    """`said` with the topic's noun of place left out when `text` writes it (`places_said`): the
    rest of the topic must still be said, at the same share, so a country named anywhere in
    the speaker's words does not make the place noun's words carry a topic the speaker never
    spoke of ("the neighbouring country's border fence" from a sentence naming only Pakistan)."""
    place = places_said(said, text)
    rest = said.topic - place
    return replace(said, topic=rest) if place and rest else said


def said_span(sentences: Sequence[str], i: int) -> slice:
    """The sentences holding what is said in sentence `i`: it, and the next one when a quotation
    it opens is not closed in it ('… that "Pakistan has a special responsibility …. It …"')."""
    return slice(i, i + 2 if _opens_quotation(sentences[i]) else i + 1)


def _opens_quotation(sentence: str) -> bool:
    """Whether `sentence` leaves a quotation open: more opening than closing curly double quotes,
    or an odd number of straight ones."""
    return sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1
