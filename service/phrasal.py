"""An event asked with a phrasal verb: a verb and its particle read as one word.

Users ask about events in everyday phrasal verbs ("When did Pakistan let Baradar go?", "When
did the Taliban set up their Doha office?", "When did the Soviets pull out?") where a report
writes one verb or its noun ("released", "opened", "withdrawal"). Read word by word, the verb
and the particle say nothing of the event ("let" and "go" are near no word of "Pakistan
released Mullah Abdul Ghani Baradar"; the model reads "let go"/"released" at 0.26), and the
event check of a date or cause question (service.offtopic, `unstated_event`; service.verdict)
withdrew the right answer; while the verb's object let a lead about something else stand: "Why
did Sirajuddin Haqqani step down from the interior ministry?" (he never did) was answered with
the sentence naming him interior minister, whose "interior" and "minister" were read as the event.

`phrasal_events` reads such a verb, its particle after it or after its object ("pull out",
"pull all U.S. troops out"), and gives the words a sentence may state the same event with: the
verb itself in any of its forms, or one of the one-word verbs and nouns of `_PHRASAL`.
The list is of English, not of any document: a closed class of common verb-particle pairs with
the Latinate verbs reports write for them (docs/retrieval.md, "Abstention").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.bm25 import stem, terms_of

# (verb, particle) -> the words a report states the same event with: verbs in their forms (stemmed
# as BM25 stems them, so "released" is "release") and the nouns made of them ("withdrawal").
_PHRASAL = {
    ("let", "go"): "release free freed",
    ("let", "out"): "release free freed",
    ("set", "free"): "release free freed",
    ("lock", "up"): "arrest detain imprison jail",
    ("round", "up"): "arrest detain",
    ("pull", "out"): "withdraw withdrawal withdrew pullout leave left exit",
    ("pull", "back"): "withdraw withdrawal withdrew",
    ("back", "out"): "withdraw withdrawal withdrew",
    ("take", "over"): "seize seizure capture takeover overrun overran",
    ("step", "down"): "resign resignation quit",
    ("call", "off"): "cancel suspend",
    ("set", "up"): "establish establishment found founding form open create launch",
    ("break", "off"): "sever suspend",
    ("cut", "off"): "sever suspend",
    ("shut", "down"): "close closure",
    ("close", "down"): "close closure",
    ("kick", "out"): "expel expulsion oust remove",
    ("throw", "out"): "expel expulsion oust remove",
    ("drive", "out"): "expel expulsion oust",
    ("hand", "over"): "handover transfer extradite extradition deliver",
    ("give", "up"): "surrender abandon renounce",
    ("put", "up"): "build built construct construction erect",
    ("bring", "down"): "topple overthrow overthrew oust",
    ("carry", "out"): "conduct mount stage perpetrate",
    ("turn", "down"): "reject rejection refuse refusal decline",
    ("take", "up"): "appoint appointment assume",
    ("step", "up"): "escalate escalation intensify increase",
    ("crack", "down"): "crackdown clamp",
    ("wipe", "out"): "destroy eliminate",
    ("blow", "up"): "bomb bombing explode explosion",
    ("sign", "up"): "join enlist recruit",
    ("send", "back"): "return repatriate repatriation deport deportation",
    ("come", "back"): "return",
    ("go", "back"): "return",
    ("break", "up"): "split dissolve",
}
# Irregular forms of the verbs above; a regular one is read by its stem ("pulled", "handing").
_IRREGULAR = {
    "let": "let lets letting",
    "set": "set sets setting",
    "take": "took taken taking",
    "break": "broke broken",
    "cut": "cut cuts cutting",
    "shut": "shut shuts shutting",
    "throw": "threw thrown",
    "drive": "drove driven",
    "give": "gave given",
    "put": "put puts putting",
    "bring": "brought",
    "blow": "blew blown",
    "send": "sent",
    "come": "came",
    "go": "went gone",
    "step": "stepped stepping",
}
REACH = 4  # words a verb's object may hold between the verb and its particle ("pull all U.S. troops out")
_WORD = re.compile(r"[A-Za-z][\w.'’-]*|[,;:?!()]")


@dataclass(frozen=True)
class PhrasalEvent:
    """A phrasal verb a question asks an event with, and the stems a sentence states it with."""

    verb: str  # as a question writes its base form: "let"
    particle: str  # "go"
    stated_by: frozenset[str]  # the stems of the one-word verbs and nouns of the same event
    words: tuple[str, ...] = ()  # those words as written, for the model's reading of a sentence's words

    def written_in(self, sentence: str) -> bool:
        """Whether `sentence` writes the event: one of the words stating it (`stated_by`:
        "Pakistan released Mullah Abdul Ghani Baradar" for "let go"), or the verb itself in any
        form, its particle or not ("called off talks", "let him go"). The verb is read as any
        event word was before phrasal verbs were read, loosely: the check withdraws a lead that
        writes nothing of the event, and "bring the Taliban into the mainstream" writes "bring"
        (docs/tuning.md, session 30)."""
        return bool(self.stated_by & terms_of(sentence)) or any(
            _is_form(token.lower(), self.verb) for token in _WORD.findall(sentence)
        )


@lru_cache(maxsize=1024)
def phrasal_events(question: str) -> tuple[PhrasalEvent, ...]:
    """The phrasal verbs `question` asks with (`_PHRASAL`), in the order it writes them."""
    return tuple(
        PhrasalEvent(verb, particle, terms_of(words), tuple(words.split()))
        for (verb, particle), words in _PHRASAL.items()
        if writes_phrasal(verb, particle, question)
    )


def writes_phrasal(verb: str, particle: str, text: str) -> bool:
    """Whether `text` writes a form of `verb` with `particle` within REACH words after it, no
    punctuation between ("let Baradar go"; not "let …, go")."""
    tokens = _WORD.findall(text)
    for position, token in enumerate(tokens):
        if not _is_form(token.lower(), verb):
            continue
        for following in tokens[position + 1 : position + 2 + REACH]:
            if not following[:1].isalpha():
                break
            if following.lower() == particle:
                return True
    return False


def _is_form(word: str, verb: str) -> bool:
    """Whether `word` is a form of `verb`: one of its irregular forms, or its stem with an
    inflection ("pulled", "handing"; not "settle" of "set", nor "letter" of "let")."""
    if word == verb or word in _IRREGULAR.get(verb, "").split():
        return True
    stemmed = stem(verb)
    return any(word in (stemmed + end, stemmed.removesuffix("e") + end) for end in ("s", "es", "ed", "d", "ing"))


# "Who took over from Mansour?" asks what "Who succeeded Mansour?" asks; reports write
# "succeeded", "replaced" or "successor". Read word by word, "took over" is the seizure of a
# place (`_PHRASAL`: "When did the Taliban take over Kabul?"), and "from" its origin.
_TAKE_OVER_FROM = re.compile(r"\b(take|takes|took|taken|taking)\s+over\s+from\b", re.IGNORECASE)
_SUCCEED = {"take": "succeed", "takes": "succeeds", "took": "succeeded", "taken": "succeeded", "taking": "succeeding"}


def succession_plainly(question: str) -> str:
    """`question` with "take over from" written as "succeed", in its tense ("Who took over from
    him?" read as "Who succeeded him?"), so that every reading of a successor question, the
    lexical query's "successor" among them, reads it (docs/tuning.md, session 55)."""
    return _TAKE_OVER_FROM.sub(lambda verb: _SUCCEED[verb.group(1).lower()], question)
