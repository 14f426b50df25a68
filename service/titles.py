"""Who the corpus titles with an office and its owner: "U.S. envoy Zalmay Khalilzad", "Pakistan's
army chief Bajwa", "Taliban spokesperson Zabihullah Mujahid".

A question may name a speaker by an office and its owner ("What did the American envoy say about
…?"), while the passage quoting the holder names him only by name ("Khalilzad said …"), and the
title is written in another passage. The ranked passages alone do not tell that the two are one
person; the whole corpus does. `TitleTable` is read once per loaded index from every unit's
sentences: per title, the holder's name, the office's role noun (service.said_about.is_role), the
office's own lowercase words ("army", "peace", "national security") and its owner, a possessive
or a name right before the office ("Pakistan's", "U.S.", "Taliban"), or "of <Name>" after it.
Owners are compared as service.name_forms reads them: "American", "U.S.", "US" and "Washington"
are one owner; an owner no form names ("Taliban") by its words. A title marked as a past one
("former", "then", "late": service.holders.marks_past) names no holder, nor does one without an
owner ("Foreign Minister Qureshi" is no one's in particular). Retrieval's lexical query also
names the one person the table titles with an office a question asks by (`holder_name_added`).
English only; nothing here names a document, a person or an office of the corpus
(docs/retrieval.md, "The asked relation" and "An office's holder by name").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from service.bm25 import terms_of
from service.dates import YEAR
from service.holders import marks_past
from service.name_forms import keys_in, names_in
from service.question_words import NOT_A_NAME
from service.said_about import is_role, roles_among
from service.text import POSSESSIVE_END
from service.word_forms import agent_spellings, shares_word

# A word or a mark: a name's words carry their dots ("U.S.") and possessives ("Pakistan's").
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")
_CAPITAL = re.compile(r"[A-Z]")
# Words that open a sentence or a clause, never a holder's name ("the army chief. The …"): the
# determiners service.relations reads no title's name from, and the prepositions and conjunctions
# a clause opens on.
_NOT_A_NAME = NOT_A_NAME | frozenset("In On At After Before During Since When While As And But Or".split())
# The lowercase words that are no office's own word before its role noun (`office_at`): articles,
# third persons' possessives, conjunctions and short prepositions. Kept here, not built from
# service.question_words: its FUNCTION_WORDS mean words that tell no sentence apart and hold none
# of "the", "and", "of", "to", "in", "on", "at", "with", "by" but do hold "other", "own", "over",
# and its POSSESSIVES hold "my", "your" and "our", which this list never held.
_FUNCTION = frozenset("the a an and or of for to in on at with by from as his her its their".split())
_POSSESSIVE_PRONOUNS = frozenset("its his her their our my your".split())
MODIFIERS = 3  # lowercase words of an office's own before its role noun ("national security" adviser)


@dataclass(frozen=True)
class Office:
    """An office as a title or a question writes it: its role noun's stems (with its other
    forms: "spokesman" is a "spokesperson"), its own lowercase words, and its owner, as the
    keys of service.name_forms when a form of a country or body names it, else as stems."""

    roles: frozenset[str]
    modifiers: frozenset[str]
    owner_keys: frozenset[str]
    owner_stems: frozenset[str]
    # A possessive stands before the capitalised words read as the owner: in "Pakistan's Afghan
    # envoy" the possessive owns the office and "Afghan" is its remit, so the owner read is not
    # the one written. Not compared: the same office either way.
    across: bool = field(default=False, compare=False)

    @property
    def owned(self) -> bool:
        return bool(self.owner_keys or self.owner_stems)


def _role_forms(word: str) -> frozenset[str]:
    """The stems of a role noun and its other spellings ("adviser"/"advisor")."""
    return terms_of(agent_spellings(word.lower()))


def _is_name_word(token: str) -> bool:
    return bool(_CAPITAL.match(token)) and POSSESSIVE_END.sub("", token) not in _NOT_A_NAME


def _owner(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """An owner's keys (service.name_forms) and, when no form names it, its stems."""
    keys = keys_in(text)
    return keys, frozenset() if keys else terms_of(text)


def office_at(tokens: Sequence[str], at: int) -> Office | None:
    """The office whose role noun is `tokens[at]`: its own words and owner read before it (up to
    MODIFIERS lowercase words, then a possessive run of capitalised words or a run of them; a
    capitalised title's capitalised words before it are its own unless a name form reads them),
    or "of <Name>" after it. None when a word before it marks a past holder ("former", "then")."""
    role = tokens[at]
    start = at
    modifiers: list[str] = []
    while start > 0 and len(modifiers) < MODIFIERS:
        word = tokens[start - 1]
        if word.islower() and word not in _FUNCTION and word.isalpha():
            modifiers.append(word)
        elif role[:1].isupper() and _is_name_word(word) and not POSSESSIVE_END.search(word) and not names_in(word):
            modifiers.append(word.lower())  # "Foreign" of "Foreign Minister", "Defence" of "U.S. Defence Secretary"
        else:
            break
        start -= 1
    run_end = start
    across = False
    # "U.S.", "Taliban", "President Ghani's"; a possessive before the run owns no more of it
    while start > 0 and _is_name_word(tokens[start - 1]):
        if start < run_end and POSSESSIVE_END.search(tokens[start - 1]):
            across = True
            break
        start -= 1
    # "its Afghan envoy": the pronoun's referent owns the office, "Afghan" is its remit
    across = across or (start < run_end and start > 0 and tokens[start - 1].lower() in _POSSESSIVE_PRONOUNS)
    owner_text = " ".join(POSSESSIVE_END.sub("", t) for t in tokens[start:run_end])
    if not owner_text and at + 2 < len(tokens) and tokens[at + 1] == "of":
        owner_text = " ".join(_run(tokens[at + 2 + (tokens[at + 2] == "the") :]))
    if marks_past([w.lower() for w in tokens[max(0, start - 2) : start]] + modifiers[::-1]):
        return None
    keys, stems = _owner(owner_text) if owner_text else (frozenset(), frozenset())
    return Office(_role_forms(role), terms_of(" ".join(modifiers)), keys, stems, across)


def _run(tokens: Sequence[str]) -> list[str]:
    """The capitalised run `tokens` open with (a name), without a possessive's ending."""
    run = []
    for token in tokens:
        if not _is_name_word(token):
            break
        run.append(POSSESSIVE_END.sub("", token))
        if POSSESSIVE_END.search(token):
            break
    return run


def holder_at(tokens: Sequence[str], at: int) -> frozenset[str]:
    """The stems of the name the role noun at `tokens[at]` titles (`holder_words`)."""
    return terms_of(" ".join(holder_words(tokens, at)))


def holder_words(tokens: Sequence[str], at: int) -> list[str]:
    """The words of the name the role noun at `tokens[at]` titles, as written: the capitalised run
    right after it ("envoy Zalmay Khalilzad"), or set off by a comma, two words at least
    ("advisor, Moeed Yusuf"); none when there is none, or when the run ends in a possessive
    ("President Ghani's envoy")."""
    start = at + 1 + (at + 1 < len(tokens) and tokens[at + 1] == ",")
    run = _run(tokens[start:])
    if len(run) < start - at or POSSESSIVE_END.search(tokens[start + len(run) - 1]):
        return []
    return run


@dataclass(frozen=True)
class Title:
    """One title the corpus gives someone: the holder's name (stems) and the office; `written`, the
    name's words as the title writes them ("Zalmay", "Khalilzad")."""

    name: frozenset[str]
    office: Office
    written: tuple[str, ...] = field(default=(), compare=False)


def read_titles(sentence: str) -> list[Title]:
    """The titles `sentence` writes with an owner and a holder's name (`office_at`, `holder_at`)."""
    return _titles_in(_TOKEN.findall(sentence), is_role)


def _titles_in(tokens: Sequence[str], role: Callable[[str], bool]) -> list[Title]:
    """`read_titles` over a sentence's tokens, `role` telling a role noun (service.said_about)."""
    titles = []
    for at, token in enumerate(tokens):
        if not role(token):
            continue
        words = holder_words(tokens, at)
        if not words:
            continue
        office = office_at(tokens, at)
        if office is not None and office.owned:
            titles.append(Title(terms_of(" ".join(words)), office, tuple(words)))
    return titles


def asked_office(speaker: str) -> Office | None:
    """The office a question names a speaker by ("the American envoy", "Islamabad's army chief",
    "the Taliban's spokesman"): its last role noun, with its own words and owner; None when the
    speaker has no role noun or no owner, or is written as a past holder."""
    tokens = _TOKEN.findall(speaker)
    at = _last_role(tokens)
    if at is None:
        return None
    office = office_at(tokens, at)
    return office if office is not None and office.owned else None


def _last_role(tokens: Sequence[str]) -> int | None:
    """The place of the last role noun among `tokens` (service.said_about.is_role), None if none."""
    return next((i for i in range(len(tokens) - 1, -1, -1) if is_role(tokens[i])), None)


def _same_owner(a: Office, b: Office) -> bool:
    """Whether two offices have one owner: a shared name-form key, or, when neither owner is a
    form of a country or body, a shared word."""
    if a.owner_keys or b.owner_keys:
        return bool(a.owner_keys & b.owner_keys)
    return shares_word(a.owner_stems, b.owner_stems)


def same_office(asked: Office, title: Office, forms: Sequence[frozenset[str]]) -> bool:
    """Whether a title writes the asked office: the same owner, the same role noun or two of one
    set of `forms` (the stems naming one post: "envoy", "ambassador"; "spokesman",
    "spokesperson"), and own words that do not differ ("army chief" is not "ISI chief"; either
    may write none)."""
    same_role = bool(asked.roles & title.roles) or any(asked.roles & f and title.roles & f for f in forms)
    if not same_role or not _same_owner(asked, title):
        return False
    return not (asked.modifiers and title.modifiers) or bool(asked.modifiers & title.modifiers)


class TitleTable:
    """The titles of the whole corpus (`read_titles` over every sentence), read once per loaded
    index; `holders` names who holds an asked office."""

    def __init__(self, sentences: Iterable[str], forms: Iterable[frozenset[str]]) -> None:
        tokenized = [_TOKEN.findall(sentence) for sentence in sentences]
        # Role nouns read once per distinct word, in one batch (service.said_about.roles_among):
        # a word at a time, the corpus's every token went through the tokenizer on each load.
        roles = roles_among({token for tokens in tokenized for token in tokens})
        self._titles = [title for tokens in tokenized for title in _titles_in(tokens, roles.__contains__)]
        self._forms = tuple(forms)
        # A word shared by two people's names (a family name: "Khalil Haqqani", "Sirajuddin
        # Haqqani") names neither alone: two names of which neither holds the other are two people.
        names = {title.name for title in self._titles}
        self._shared = frozenset(
            word
            for name in names
            for word in name
            if any(word in other and not _one_person(name, other) for other in names)
        )

    def speaker_holders(self, speaker: str) -> list[frozenset[str]]:
        """The holders of the office a question names a speaker by (`asked_office`), none when
        it names none."""
        office = asked_office(speaker)
        return self.holders(office) if office is not None else []

    def holders(self, asked: Office) -> list[frozenset[str]]:
        """The names (stems) of everyone the corpus titles with the asked office, each without a
        word another person's name shares when another word is left."""
        found = []
        for title in self._titles:
            if same_office(asked, title.office, self._forms):
                own = title.name - self._shared
                name = own or title.name
                if name not in found:
                    found.append(name)
        return found

    def sole_holder(self, question: str) -> tuple[str, ...]:
        """The name, as a title writes it, of the one person the corpus titles with the office
        `question` names someone by (its last role noun, as `asked_office` reads it): "Khalilzad"
        for "the American envoy" when every title of that office and owner names him ("U.S. envoy
        Zalmay Khalilzad", "U.S. envoy Khalilzad"; the shortest such name, less a word another
        person's name shares). None when:
        - the question names no owned office, or its owner is read across a remit (`Office.across`);
        - the office is in the plural ("Pakistan's leaders"): several people, not a holder;
        - the corpus titles two people or more with the office: the words do not tell which is
          meant, and one picked would rank a passage about another holder first;
        - a title writes an own word of the office the question does not ("army" chief for "the
          director of Pakistan's spy agency", "defence" secretary for "the secretary of state"):
          `same_office` lets either side write none, which tells no office apart from another of
          the same owner and role noun."""
        tokens = _TOKEN.findall(question)
        at = _last_role(tokens)
        # English plurals of the role nouns end in "s" (service.said_about's role nouns do not)
        if at is None or POSSESSIVE_END.sub("", tokens[at]).lower().endswith("s"):
            return ()
        office = office_at(tokens, at)
        if office is None or not office.owned or office.across:
            return ()
        titles = [title for title in self._titles if same_office(office, title.office, self._forms)]
        if not titles or any(not title.office.modifiers <= office.modifiers for title in titles):
            return ()
        names = [title.name - self._shared or title.name for title in titles]
        if not all(_one_person(a, b) for a in names for b in names):
            return ()
        least = min(range(len(names)), key=lambda i: len(names[i]))
        return tuple(word for word in titles[least].written if terms_of(word) <= names[least])


def holder_name_added(text: str, question: str, table: TitleTable) -> str:
    """`text` (the lexical side's reading of `question`) with the name of the one person the
    corpus titles with the office `question` names someone by (`TitleTable.sole_holder`): "What
    did the American envoy say about …?" is answered by a passage writing only "Khalilzad said
    …", which the office's words do not reach (docs/retrieval.md, "An office's holder by
    name"). Nothing is added when the question writes a year, whose holder may be another than
    the one the corpus titles (its titles carry no time), or already writes a word of the name."""
    if YEAR.search(question):
        return text
    name = " ".join(table.sole_holder(question))
    if not name or terms_of(name) & terms_of(question):
        return text
    return f"{text} {name}"


def _one_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name holds every word of the other ("Khalilzad", "Zalmay Khalilzad")."""
    return a <= b or b <= a
