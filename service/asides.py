"""An aside asked inside a conversation: someone's private life or tastes, which a report on
policy never states.

"Who is Sirajuddin Haqqani's brother?" then "What is his favourite colour?": the follow-up is
read as "What is Sirajuddin Haqqani's favourite colour?", the name pulls his passage up, and
"favourite" stems as the corpus's "favorites", so neither the calibrated score nor the off-topic
reading (service.offtopic) sees that nothing is said of what is asked. Such a turn asks one of a
few kinds of thing a person has or does in private (`PRIVATE_KINDS`: what they like, sport,
music, colours, food, schooling, birthdays and height, pets, marriage, where they lie buried,
what they own or drive, where they live, what they post online), and a sentence answers it only
when it writes a word of that kind, and names the one asked about where the question names
someone: "Despite Pakistani protestations that they have 'no favorites' …" writes a liking, but
of no one "What is Mujahid's favourite colour?" asks about. A report that does tell such things
(a profile, a sports page) writes the words, and its answers stand.

Read only on a turn asked after earlier turns of a conversation (the engine's `aside` check):
there, the conversation's names lend the turn their passage's evidence; a question asked alone
is read by the calibration and the off-topic reading as before (docs/retrieval.md, "Abstention";
docs/tuning.md, session 41).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from service.bm25 import stem, terms_of
from service.evidence import WORD


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class PrivateKind:
    """A kind of private thing: the words a question asks it with, and those a sentence
    answering it writes (the asking words and their kin: "students" answers "study")."""

    name: str
    asked: frozenset[str]  # lower-cased words of a question
    stated: frozenset[str]  # lower-cased words of a sentence, compared by stem unless `exact`
    exact: bool = False  # compared as words: "likely" is no "like"


# A liking asked by its noun ("What is his favourite colour?", "What are his hobbies?"), or by
# a verb of liking after "do"-support (`_LIKING_VERB`: "What kind of music did he like?", "Does
# he enjoy playing football?"); "prefer" is left out: the corpus writes it of policy, and a
# question asking a preference in other words is a paraphrase, not a taste (docs/tuning.md,
# session 37).
LIKING = PrivateKind(
    "liking",
    _words("favourite favourites favorite favorites hobby hobbies pastime pastimes"),
    _words(
        "like likes liked liking love loves loved enjoy enjoys enjoyed prefer prefers preferred preference "
        "preferences favourite favourites favorite favorites favour favours favoured favor favors favored "
        "fond hobby hobbies pastime pastimes adore adores adored"
    ),
    exact=True,
)
_SPORT = (
    "sport sports football footballer soccer cricket cricketer cricketers hockey tennis golf rugby baseball basketball"
    " olympics"
)
_SCHOOLING = "university universities college colleges degree degrees graduate graduated study studied"


def _kind(name: str, asked: str, kin: str = "") -> PrivateKind:
    """A kind asked with `asked` and stated with those words or their kin (`kin`)."""
    return PrivateKind(name, _words(asked), _words(f"{asked} {kin}"))


PRIVATE_KINDS: tuple[PrivateKind, ...] = (
    LIKING,
    _kind("sport", _SPORT, "athlete athletes"),
    _kind("music", "music musician song songs singer"),
    _kind("colour", "colour colours color colors"),
    _kind("food", "food foods dish dishes recipe recipes cuisine meal meals eat eats ate"),
    _kind("schooling", _SCHOOLING, "student students madrasa madrasas seminary seminaries school schools alumni"),
    _kind("body", "birthday birthdays tall height", "born birth"),
    _kind("pets", "pet pets dog dogs cat cats"),
    _kind("marriage", "married marry wife wives husband wedding girlfriend boyfriend", "marriage"),
    _kind("online", "tweet tweets tweeted twitter instagram facebook"),
    # Where someone lies buried ("Where is he buried?"): a report tells of a death, seldom of a grave
    _kind("burial", "buried burial tomb", "bury grave cemetery"),
)
# What someone owns or drives, asked after "do"-support ("Does he own a Tesla?"); "own" as an
# adjective ("its own") asks nothing of the kind.
OWNING = PrivateKind("owning", frozenset(), _words("own owns owned owner drive drives drove car cars"))
# Where someone lives, asked by its verb after "do"-support ("Where does he live now?", "Where
# does he reside?"), not "How many refugees live in Pakistan?", which asks a count of a place
# (docs/tuning.md, session 54).
HOME = PrivateKind("home", frozenset(), _words("live lives lived living reside resides resided residence home house"))
_HOME_VERBS = _words("live reside")
_LIKING_VERBS = _words("like love enjoy adore")
_OWNING_VERBS = _words("own drive")
_DO = _words("do does did")
# A verb of liking read after "do"-support within this many words ("Does he enjoy …", "What kind
# of music did he like"), not past a comma, a form of "be" or a modal: "What did he say Pakistan
# is like?" asks a comparison, "would like" a wish.
_DO_REACH = 6
_POSSESSIVES = _words("my your his her its our their")
_ONE_PERSON = _words("he him his she her hers")
# "like that/this/so" saying how (`_says_how`): the words after "like", those that may follow them
# within the clause's end, and the subject pronouns a liking's "like" follows.
_HOW_WORDS = _words("that this so")
_CLAUSE_OPENERS = _words("after before during when while in at on again then now back anymore")
_SUBJECT_PRONOUNS = _words("i you he she it we they")
_BREAKS = _words("be is are was were been being am can could will would should may might must")


def _tokens(question: str) -> list[str]:
    """The question's words, lower-cased, with a comma kept as a word of its own."""
    return [t.lower() for t in re.findall(r"\w[\w'\u2019-]*|,", question)]


def _after_do(tokens: Sequence[str], verbs: frozenset[str]) -> bool:
    """Whether one of `verbs` follows "do"/"does"/"did" within `_DO_REACH` words, with no
    comma, form of "be" or modal between, and is no word saying how (`_says_how`)."""
    for start, token in enumerate(tokens):
        if token not in _DO:
            continue
        before = token
        for offset, word in enumerate(tokens[start + 1 : start + 1 + _DO_REACH]):
            at = start + 1 + offset
            # "did their own detainees": an adjective; "did it step in like that": a manner
            if word in verbs and not _possessive(before) and not _says_how(tokens, at):
                return True
            if word == "," or word in _BREAKS:
                break
            before = word
    return False


def _says_how(tokens: Sequence[str], at: int) -> bool:
    """Whether the "like" at `tokens[at]` says how something was done, not what someone likes:
    "like that", "like this" or "like so" closing the question or its clause ("Why did it step in
    like that?", "Why do they feel like this, after the war?"), after a word that is not the
    subject pronoun the "do" reaches ("Does he like that?" still asks a liking). A liking's
    object is a thing ("Does he like that team?"), never the clause's end (docs/tuning.md,
    session 55)."""
    if tokens[at] != "like" or at + 1 >= len(tokens) or tokens[at + 1] not in _HOW_WORDS:
        return False
    closes = at + 2 >= len(tokens) or tokens[at + 2] == "," or tokens[at + 2] in _CLAUSE_OPENERS
    return closes and tokens[at - 1] not in _SUBJECT_PRONOUNS


def _possessive(word: str) -> bool:
    return word in _POSSESSIVES or word.endswith(("'s", "\u2019s"))


def private_kinds(question: str) -> tuple[PrivateKind, ...]:
    """The kinds of private thing `question` asks about, in `PRIVATE_KINDS` order (owning, then
    home, last)."""
    tokens = _tokens(question)
    words = set(tokens)
    kinds = [kind for kind in PRIVATE_KINDS if kind.asked & words]
    if LIKING not in kinds and _after_do(tokens, _LIKING_VERBS):
        kinds.insert(0, LIKING)
    if _after_do(tokens, _OWNING_VERBS):
        kinds.append(OWNING)
    if _after_do(tokens, _HOME_VERBS):
        kinds.append(HOME)
    return tuple(kinds)


def _writes(kind: PrivateKind, sentence: str) -> bool:
    words = {w.lower() for w in WORD.findall(sentence)}
    if kind.exact:
        return not kind.stated.isdisjoint(words)
    return not {stem(w) for w in kind.stated}.isdisjoint(stem(w) for w in words)


def states_private(kind: PrivateKind, sentence: str, names: Iterable[AbstractSet[str]], passage: str = "") -> bool:
    """Whether `sentence` writes a word of `kind` and, when `names` (the stems of each name's
    head the question gives) is not empty, its passage (`passage`, else the sentence) writes one
    of those names: "He is … Twitter: @…" is said of the one its passage names."""
    heads = list(names)
    named = terms_of(passage or sentence)
    return _writes(kind, sentence) and (not heads or any(head & named for head in heads))


def unstated_aside(question: str, quoted: Sequence[tuple[str, str]], names: Iterable[AbstractSet[str]]) -> bool:
    """Whether `question` asks a private thing (`private_kinds`) that no one of `quoted`, the
    answer's sentences each with its passage's text, states of one it names (`states_private`),
    every kind asked in the same sentence: "What was his favourite sport?" is not answered by
    "sports celebrities" beside "no favorites" in another sentence. Asked of one person by a
    pronoun no name was read for ("What sports did he play as a young man?" after a "Which
    <office> …?" answer), a sentence states it only of one person, by a pronoun of its own: "…
    and sports celebrities in Pakistan" tells no one's sport."""
    heads = list(names)
    kinds = private_kinds(question)
    one_unnamed = not heads and _asks_of_one_person(question)
    return bool(kinds) and not any(
        all(states_private(k, s, heads, passage) for k in kinds) and (not one_unnamed or _of_one_person(s))
        for s, passage in quoted
    )


def _asks_of_one_person(question: str) -> bool:
    """Whether `question` asks of one person by a pronoun ("he", "his", "her")."""
    return not _ONE_PERSON.isdisjoint(_tokens(question))


def _of_one_person(sentence: str) -> bool:
    """Whether `sentence` speaks of one person by a pronoun of its own."""
    return not _ONE_PERSON.isdisjoint(_tokens(sentence))
