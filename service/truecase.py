"""The capitals a question typed in lowercase would have, read from the corpus.

Users type in chat and Slack in lowercase ("who is baradar's deputy", "how do i apply for a
pakistani visa"), and several readers of a question find names by their capitals: the
off-topic reading drops the capitalised words the corpus holds (service.offtopic), the asked
relation reads "X's deputy" with X a capitalised run (service.relations), a follow-up's "he" is
the person a capitalised run names (service.antecedents), an unknown capitalised word is
evidence that the corpus does not answer (service.evidence). A question without capitals gives
none of them anything to read, and is answered where its cased twin abstains.

Truecasing gives it back its capitals, once, where the engine reads a question (service.engine),
so that every reader downstream sees what the user would have typed with a shift key:

- each word the corpus writes capitalised most of the time is written as the corpus writes it
  most often ("pakistani" → "Pakistani", "isi" → "ISI", "u.s." → "U.S.");
- a word the corpus never writes that is a name it capitalises followed by "s" is that name's
  possessive typed without its apostrophe ("omars deputy" → "Omar's deputy");
- the pronoun "i" is "I", another lone letter stays as typed ("n. 14": initials come with
  full stops), and the first letter is capitalised.

A question that asks and ends on no punctuation gets the question mark a hurried user left off
(`asked`, for any question, cased or not): the embedding model reads it.

The forms are counted once per loaded index over its units' sentences, leaving out the first
word of each sentence and of each line (capitalised whatever it is: a card's "Kind: briefing").
Body text decides: the notes' reference entries write titles in Title Case ("Building on
Afghanistan's Fleeting Ceasefire"), so a note's forms count only for a word no passage writes.
A word the corpus never writes stays as typed: a lowercase unknown name is not told from a
lowercase unknown word.

Only a question that carries no case of its own is read this way: one with a capital past its
first word (other than the pronoun "I", which phones capitalise by themselves) is read as
typed, so a cased question is read exactly as before. One typed all in capitals carries none
either, and is read lowercased first. See docs/retrieval.md, "Questions typed in lowercase".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from service.question_words import INTERROGATIVES, QUESTION_OPENERS
from service.records import Unit
from service.store import SentenceTable

# A word as counted and restored: an abbreviation with full stops ("U.S.", "e.g."), or runs of
# letters joined by hyphens ("al-Qaeda", "Tehreek-e-Taliban"; "Baradar" in "Baradar's": an
# apostrophe splits a possessive off). A compound the corpus never writes is restored part by
# part ("india-pakistan" → "India-Pakistan"); the parts are counted where they stand alone, so
# "al" in "al-Qaeda" does not decide "Al Jazeera".
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:-[^\W\d_]+)*")
_PRONOUN_I = "I"
POSSESSIVE_STEM = 3  # letters a name needs before a possessive "s" is read off it ("is" is not "I's")


@dataclass(frozen=True)
class Truecaser:
    """What the corpus writes: `forms` maps a lower-cased word to the form the corpus writes it
    in, for the words it writes capitalised (in part or in full) more often than not; `counts`
    how often it writes each word, lower-cased (what service.spelling corrects towards)."""

    forms: dict[str, str]
    counts: dict[str, int]
    # Words of `forms` the corpus also writes in lowercase and capitalises only inside a longer
    # capitalised phrase ("staff"; "Staff" in "Joint Chiefs of Staff"): ordinary words, restored
    # only beside another capital. A name ("Omar", only ever in "Mullah Omar") is not one of them.
    in_phrases: frozenset[str] = frozenset()
    # Lowercase words the corpus writes inside names more often than on their own: name
    # particles ("e" in "Lashkar-e-Jhangvi"; "bin", "van", "de" in a corpus that writes them),
    # read by service.spelling, where a name runs on across them.
    in_names: frozenset[str] = frozenset()
    # The pairs of words written side by side (lower-cased, in order, only spaces between) of
    # which one is a word `counts` holds once: what a misspelling of a word the corpus writes
    # once must be typed beside to be read as it (service.spelling: "Suhail Shaheem").
    once_beside: frozenset[tuple[str, str]] = frozenset()

    @property
    def known(self) -> Mapping[str, int]:
        """Every word the corpus writes, lower-cased."""
        return self.counts

    @classmethod
    def from_texts(cls, prose: Iterable[str], notes: Iterable[str] = ()) -> Truecaser:
        """The forms counted over the sentences of `prose` (body text), and over those of
        `notes` for the words no sentence of `prose` writes past its first word."""
        prose, notes = list(prose), list(notes)  # read twice: forms, and capitals standing alone
        body, other = count_forms(prose), count_forms(notes)
        written = {form.lower() for form in body}
        counts = body + Counter({form: n for form, n in other.items() if form.lower() not in written})
        words: Counter[str] = Counter()
        for form, count in (body + other).items():
            words[form.lower()] += count
        # A name the corpus writes only as a sentence's first word ("Naveed Siddiqui, …" opening
        # a note's citation): no count above sees it, so it is counted where it opens a name.
        # One it also writes past a first word ("See also Anwar Iqbal, …") keeps its forms from
        # there, but is counted where it opens a name too: a cited author opens most of the
        # entries that name him, and counted once he is too rare a word for a misspelling to be
        # read as him (service.spelling, MIN_COUNT; "Anwer Iqbal").
        opening = name_openers(prose + notes)
        counts += Counter({form: n for form, n in opening.items() if form.lower() not in words})
        for form, count in opening.items():
            words[form.lower()] += count
        forms = usual_capitals(counts)
        alone = capitalised_alone(prose) + capitalised_alone(notes)
        lowercase = {form for form in body + other if form == form.lower()}
        inside, outside = count_in_names(prose + notes)
        once = frozenset(word for word, count in words.items() if count == 1)
        return cls(
            forms,
            dict(words),
            frozenset(word for word in forms if not alone[word] and word in lowercase),
            frozenset(word for word, count in inside.items() if count > outside[word]),
            pairs_with(prose + notes, once),
        )

    def restore(self, question: str) -> str:
        """`question` with the corpus's capitals when it carries no case of its own, else as typed."""
        if question.isupper():  # typed in capitals: no more case than in lowercase
            question = question.lower()
        elif carries_case(question):
            return question
        words = list(WORD.finditer(question))
        forms = [self._form(word.group()) for word in words]
        alone = [
            i
            for i, word in enumerate(words)
            if word.group().lower() in self.in_phrases and not _beside_capital(question, words, forms, i)
        ]
        for i in alone:  # a word the corpus capitalises only in a phrase, asked without it
            forms[i] = words[i].group()
        pieces, end = [], 0
        for word, form in zip(words, forms, strict=True):
            pieces += [question[end : word.start()], form]
            end = word.end()
        restored = "".join(pieces) + question[end:]
        first = WORD.search(restored)
        if first is None:
            return restored
        return restored[: first.start()] + restored[first.start()].upper() + restored[first.start() + 1 :]

    def _form(self, word: str) -> str:
        lower = word.lower()
        if lower == _PRONOUN_I.lower():
            return _PRONOUN_I
        if len(lower) < 2:  # a lone letter is no name ("n. 14"; initials are "U.S.")
            return word
        form = self.forms.get(lower)
        if form is not None:
            return form
        if "-" in word and lower not in self.known:
            return "-".join(self._form(part) for part in word.split("-"))
        name = self.forms.get(lower[:-1]) if lower.endswith("s") and lower not in self.known else None
        if name is not None and len(name) >= POSSESSIVE_STEM:
            return f"{name}'s"
        return word


def name_openers(sentences: Iterable[str], written: Collection[str] = ()) -> Counter[str]:
    """The capitalised first words of `sentences` (of a sentence or a line) that the corpus
    writes nowhere else (not in `written`, lower-cased; every one when none is given) and that
    open a name more often than not, each with how often it opens one: it opens a name when the words after it, with
    only spaces between, are capitalised and no lowercase word goes on from them ("Naveed
    Siddiqui, "FO rejects …"", "Antonio Giustozzi, …": a note citing its author). An
    ordinary opener goes on in lowercase ("Despite Pakistani demands, …", "Gen Qamar
    discusses …") or is no run at all ("Meanwhile, …", "Tellingly, however"); so is a name
    that opens a sentence as its subject ("Bush threatened …"), which stays uncounted."""
    opens: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for sentence in sentences:
        for line in sentence.split("\n"):
            words = list(WORD.finditer(line))
            if not words or not words[0].group()[:1].isupper() or words[0].group().lower() in written:
                continue
            end = 0
            while joined(line, words, end, end + 1) and _capitalised(words[end + 1].group()):
                end += 1
            after = line[words[end].end() : words[end].end() + 1]
            goes_on = joined(line, words, end, end + 1) or (after != "" and after in "'\u2019")  # "Pakistan's"
            (other if end == 0 or goes_on else opens)[words[0].group()] += 1
    return Counter({form: count for form, count in opens.items() if count > other[form]})


def count_forms(sentences: Iterable[str]) -> Counter[str]:
    """How often each written form of a word occurs in `sentences`, past the first word of
    each sentence and of each line."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for line in sentence.split("\n"):
            counts.update(WORD.findall(line)[1:])
    return counts


# The lowercase words a capitalised phrase runs across ("Chiefs of Staff", "Bank for
# International Settlements"): English function words of names, not words of this corpus.
_BRIDGES = frozenset({"of", "for", "the"})
_GAP = re.compile(r"\s+")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _beside_capital(text: str, words: Sequence[re.Match[str]], forms: Sequence[str], i: int) -> bool:
    """Whether word i of `text` has a capitalised neighbour (`forms` gives each word's case):
    the next word with only spaces between, or across one bridge ("Chiefs of Staff"). A comma,
    a digit or a full stop between ends a phrase."""
    for step in (-1, 1):
        j = i + step
        if not joined(text, words, i, j):
            continue
        if forms[j].lower() in _BRIDGES and not _capitalised(forms[j]):
            if not joined(text, words, j, j + step):
                continue
            j += step
        if _capitalised(forms[j]):
            return True
    return False


def joined(text: str, words: Sequence[re.Match[str]], i: int, j: int) -> bool:
    """Whether words `i` and `j` (neighbours, either order) of `text` exist and only whitespace
    stands between them."""
    if not 0 <= j < len(words):
        return False
    first, second = (words[i], words[j]) if i < j else (words[j], words[i])
    return _GAP.fullmatch(text[first.end() : second.start()]) is not None


def capitalised_alone(sentences: Iterable[str]) -> Counter[str]:
    """How often each word (lower-cased) is written capitalised with no capitalised neighbour,
    past the first word of each sentence and of each line (capitalised by its place, so no
    neighbour). A word written capitalised only inside longer phrases ("Staff" in "Joint
    Chiefs of Staff") is part of a name, not one on its own: "chief of army staff" names no one."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for line in sentence.split("\n"):
            words = list(WORD.finditer(line))
            forms = ["", *(word.group() for word in words[1:])]  # the first: capitalised by place
            for i in range(1, len(words)):
                if _capitalised(forms[i]) and not _beside_capital(line, words, forms, i):
                    counts[forms[i].lower()] += 1
    return counts


def count_in_names(sentences: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each lowercase word is written inside a name, and how often on its own, in
    `sentences`. Inside a name: between two capitalised words with only spaces between ("van"
    in "Vincent van Gogh"), or a lowercase part of a hyphenated compound between two capitalised
    parts ("e" in "Lashkar-e-Jhangvi", which a question may type as "Lashkar e Jhangvi"). A
    word written both ways ("of" in "Secretary of State" and everywhere else) is an ordinary
    word; one written mostly inside names is a name particle (docs/retrieval.md, "Misspelt words")."""
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for sentence in sentences:
        for line in sentence.split("\n"):
            words = list(WORD.finditer(line))
            forms = [word.group() for word in words]
            for i, form in enumerate(forms):
                if "-" in form:
                    parts = form.split("-")
                    inside.update(
                        part
                        for k, part in enumerate(parts[1:-1], start=1)
                        if part.islower() and _capitalised(parts[k - 1]) and _capitalised(parts[k + 1])
                    )
                elif form.islower():
                    named = joined(line, words, i - 1, i) and joined(line, words, i, i + 1)
                    named = named and _capitalised(forms[i - 1]) and _capitalised(forms[i + 1])
                    (inside if named else outside)[form] += 1
    return inside, outside


def pairs_with(sentences: Iterable[str], words: Collection[str]) -> frozenset[tuple[str, str]]:
    """The pairs of neighbouring words of `sentences` (lower-cased, in order, only spaces
    between, a line's first word too) of which one is in `words`: kept for those words alone,
    a few per word, not every pair of the corpus."""
    pairs: set[tuple[str, str]] = set()
    for sentence in sentences:
        for line in sentence.split("\n"):
            found = list(WORD.finditer(line))
            lowered = [word.group().lower() for word in found]
            for i in range(len(found) - 1):
                if (lowered[i] in words or lowered[i + 1] in words) and joined(line, found, i, i + 1):
                    pairs.add((lowered[i], lowered[i + 1]))
    return frozenset(pairs)


def usual_capitals(counts: Counter[str]) -> dict[str, str]:
    """From the count of each written form of each word, the words written capitalised more
    often than not, each with its most frequent capitalised form."""
    lowercase: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    best: dict[str, tuple[int, str]] = {}
    for form, count in counts.items():
        word = form.lower()
        if form == word:
            lowercase[word] += count
            continue
        capitalised[word] += count
        if count > best.get(word, (0, ""))[0]:
            best[word] = (count, form)
    return {word: best[word][1] for word, count in capitalised.items() if count > lowercase[word]}


_CLOSED = re.compile(r"[?.!:;…\"'\u201d\u2019)\]]\s*$")  # ends on punctuation of its own (or a closing quote)


def asked(question: str) -> str:
    """`question` with the question mark a hurried user left off ("which rusi paper does the
    briefing cite" → "… cite?"), when it asks (an interrogative anywhere, an auxiliary first)
    and ends on no punctuation of its own; else as typed. The embedding model reads the mark:
    over dev's questions with it taken off, answers and abstentions both fell, and a source
    question naming its source by an acronym lost the note that names it (docs/tuning.md,
    "Lowercase acronyms, once-written names, -y for -i")."""
    words = [word.lower() for word in WORD.findall(question)]
    asks = bool(words) and (words[0] in QUESTION_OPENERS or not INTERROGATIVES.isdisjoint(words))
    return question.rstrip() + "?" if asks and not _CLOSED.search(question) else question


def carries_case(question: str) -> bool:
    """Whether the user wrote a capital past the question's first word (the pronoun "I" aside)."""
    words = WORD.findall(question)[1:]
    return any(word != _PRONOUN_I and word != word.lower() for word in words)


def corpus_truecaser(units: Sequence[Unit], sentences: SentenceTable) -> Truecaser:
    """The truecaser of a loaded index: its passages' sentences are the body text; its notes'
    and document cards' count for the words no passage writes."""

    spans, first = sentences.spans.tolist(), sentences.first.tolist()  # Python ints: read fast

    def texts(prose: bool) -> Iterator[str]:
        for index, unit in enumerate(units):
            if (unit.kind == "passage") == prose:
                yield from (unit.text_at((start, end)) for start, end in spans[first[index] : first[index + 1]])

    return Truecaser.from_texts(texts(prose=True), texts(prose=False))
