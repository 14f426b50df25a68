"""The word of the corpus a misspelt question word most likely is, read from the corpus.

Users misspell names in chat ("What did the Talibn say …?", "the Haqani network", "Mullah
Barader"). A capitalised word no unit contains is calibrated evidence that the corpus does not
answer (service.evidence, `unknown_name`; service.offtopic reads unseen words as another
subject), so a question with a misspelt name abstains where its well-spelt twin is answered.

After truecasing (service.truecase), which leaves a word the corpus never writes as typed, each
word the corpus never writes is replaced by the corpus word it most likely is, when that is
close and unambiguous:

- close: one edit (a dropped, added, wrong or swapped letter: the optimal-string-alignment
  Damerau-Levenshtein distance) for a word of MIN_LENGTH to LONG_WORD - 1 letters, two for a
  longer one; never a shorter word ("Lin", "Mir": too many corpus words lie one edit away);
- of the same sound, towards a name: a letter replaced by one of another sound (SOUND_CLASSES,
  Soundex's) counts as two edits when the corpus word is a name, so a name is misspelt by ear
  or by a slip ("Barader", "Haqani", "Talibam") but a first name typed alone is not read as
  another ("Osama" is not "Obama", "Khattab" not "Khattak");
- unambiguous: the nearest corpus words, of those the corpus writes at least MIN_COUNT times,
  are one word, or one the corpus writes DOMINANCE times as often as any other at that distance;
  a word written once only one edit off, from RARE_LENGTH letters, typed beside a word the corpus
  writes beside it ("Suhail Shaheem": `Speller.nearest`);
- not part of a name the corpus does not know: a run of capitalised words holding another word
  the corpus never writes ("Kevin Durant" is not "Kevin Durand"), run on across a name's
  particles ("Osama bin Laden" is not "Obama bin Laden": `Speller.particle`);
- only a word that is no word of its own: not an inflection of a corpus word (its stem is in
  the BM25 vocabulary: "worsens", "criticise"), not a whole word of the embedding model's
  vocabulary, a general English word list of about 20,000 words and common names that ships
  with the model ("water", "wheat", "Iraq", "Ghana" are each one edit from a corpus word and
  are meant as typed), and not a word of an English dictionary with its inflections
  (`english_words`, pyspellchecker's frequency list of some 160,000 words, which leaves out
  common misspellings): the model's list lacks most inflected forms, and "derailed" was read
  as "detailed", "holed" (up) as "hold". A misspelling is seldom a word of its own.

A word typed in lowercase that stays as typed, that no list of words holds (neither the corpus
nor the general list) and that owns something ("osama's hideout") is a name, and is capitalised
for the readers that find names by their capitals, as a name across a particle is.

What stays a risk: a real name the corpus never mentions, that neither list holds, typed
alone, one edit of the same sound from a name the corpus writes (the dictionary holds "Pompey",
so it is no longer read as "Pompeo"; a rarer name may be). Read so, the question about it keeps
its other unknown words ("Pharsalus"), which the abstention evidence still reads. Measured in
docs/tuning.md ("Misspelt words", session 12); see docs/retrieval.md, "Misspelt words".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from service.bm25 import tokenize_each
from service.text import POSSESSIVE
from service.truecase import WORD, Truecaser, asked, joined

if TYPE_CHECKING:
    import bm25s

    from service.embed import Embedder

MIN_LENGTH = 4  # letters a word needs to be corrected: a shorter one has many near corpus words
LONG_WORD = 8  # letters from which two edits are allowed ("Kureishi": no; "Khalilzd": one)
MIN_COUNT = 2  # times the corpus writes a word before a misspelling is read as it
RARE_LENGTH = 6  # letters a word needs to be read, one edit off, as a name or word the corpus writes once
NAME_PAIR_LENGTH = RARE_LENGTH - 1  # letters, when the word and its neighbour are names the corpus writes side by side
DOMINANCE = 10  # times as often as any equally near word, for the nearest to be read


@dataclass(frozen=True)
class Speller:
    """Corrects a question's misspelt words towards the words `truecaser` counted in the corpus.
    `general` holds the whole words of a general word list (the embedding model's vocabulary,
    lower-cased); `stems_known` says, per word of a list, whether its stem is a term of the
    corpus's BM25 index (a list: the build asks of some 20,000 words at once, stem_in);
    `dictionary` the lower-cased words of an English dictionary with their inflections, which
    are never corrected (`english_words`) but are not read as paraphrases the way `general`'s
    are (service.offtopic)."""

    truecaser: Truecaser
    general: Collection[str]
    stems_known: Callable[[Sequence[str]], Sequence[bool]]
    dictionary: Collection[str] = frozenset()
    _targets: Targets = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts = self.truecaser.counts
        rare = [w for w, n in counts.items() if n < MIN_COUNT and (self._is_name(w) or w not in self.general)]
        object.__setattr__(self, "_targets", Targets.of(counts, rare))

    def general_written(self) -> frozenset[str]:
        """The words of the general list the corpus writes, three letters or more: what a
        question's word the corpus never writes may be a paraphrase of (service.offtopic)."""
        return frozenset(w for w in self.truecaser.known if len(w) >= 3 and w in self.general)

    def general_unwritten(self) -> frozenset[str]:
        """The words of the general list the corpus writes in no form (their stems are no BM25
        terms), three letters or more: what a question's unseen word may mean instead."""
        words = [w for w in self.general if len(w) >= 3]
        return frozenset(w for w, known in zip(words, self.stems_known(words), strict=True) if not known)

    def read(self, question: str) -> str:
        """`question` with its question word spelt (`question_word`), the question mark a
        hurried user left off and truecased (service.truecase), then with each misspelt word
        corrected."""
        return self.correct(self.truecaser.restore(asked(self.question_word(question))))

    def question_word(self, question: str) -> str:
        """`question` with its first word (or the one after a leading "and", "but", "so") read
        as the interrogative it misspells ("wich", "wat", "hw", "wen", "wher"): a word the
        corpus never writes, one edit from an interrogative (`INTERROGATIVES`), that one or,
        when two are that near, the only one it is a dropped letter of ("wher" is "where", not
        "when"). Too short for `correct` (MIN_LENGTH), and "wat" and "wen" are words of the
        general list; but a question opens on its question word, and the embedding model and
        the question's readers (`asked`, the answer type) read it there (docs/retrieval.md,
        "Misspelt words")."""
        words = list(WORD.finditer(question))[:2]
        if len(words) == 2 and words[0].group().lower() in _LEADS and joined(question, words, 0, 1):
            words = words[1:]
        if not words:
            return question
        word = words[0]
        typed = word.group()
        lower = typed.lower()
        contracted = lower.endswith("s") and lower[:-1] in INTERROGATIVES  # "whats", "wheres": no apostrophe
        if not lower.isalpha() or lower in INTERROGATIVES or contracted or not self._unknown(lower):
            return question
        near = [w for w in INTERROGATIVES if edit_distance(lower, w, 2) == 1]
        if len(near) > 1:
            near = [w for w in near if _dropped_from(lower, w)]
        if len(near) != 1:
            return question
        read = near[0].capitalize() if typed[0].isupper() else near[0]
        return question[: word.start()] + read + question[word.end() :]

    def correct(self, question: str) -> str:
        """`question` with each word the corpus never writes replaced by the corpus word it
        most likely is, where that is close and unambiguous; the rest as typed, but for a name
        typed in lowercase across a particle, which is capitalised ("osama bin laden" → "Osama
        bin Laden"): truecasing leaves words the corpus never writes as typed, and the readers
        downstream find names by their capitals (service.truecase)."""
        words = list(WORD.finditer(question))
        unknown = {i for i, word in enumerate(words) if self._unknown(word.group().lower())}
        runs = self._name_runs(question, words, unknown)
        unnamed = {i for run in runs for i in run if any(j in unknown for j in run if j != i)}
        spelt, end = [], 0
        for index, word in enumerate(words):
            spelt.append(question[end : word.start()])
            typed = word.group()
            named = index > 0 and typed[0].isupper()  # capitalised past the first word: a name
            read = self._spelt(typed, _neighbours(question, words, index), named) if index not in unnamed else typed
            if index in unnamed or (read == typed and self._unknown_owner(question, word)):
                read = typed[0].upper() + typed[1:]
            spelt.append(read)
            end = word.end()
        return "".join(spelt) + question[end:]

    def _unknown_owner(self, question: str, word: re.Match[str]) -> bool:
        """Whether `word` of `question`, typed in lowercase and left as typed, owns something
        ("osama's hideout") and is no word the corpus or the general list writes: an owner is
        a person, a group or a place, and one that no list of words holds is a name."""
        lower = word.group()
        return (
            lower.islower()
            and POSSESSIVE.match(question, word.end()) is not None
            and lower not in self.general
            and self._unknown(lower)
        )

    def _name_runs(self, question: str, words: list[re.Match[str]], unknown: set[int]) -> list[list[int]]:
        """The runs of words that make one name each: capitalised words one apart by a space, run
        on across a name's particles ("Osama bin Laden": `particle`), and the words the corpus
        never writes on both sides of a particle in a question typed in lowercase ("osama bin
        laden"). A run with a word the corpus does not know names someone it does not know
        ("Kevin Durant", "Hanif Kureishi"): that another part lies an edit from a corpus name
        ("Durand", "Qureshi") is chance, and that part is kept as typed."""
        runs: list[list[int]] = []
        for index, word in enumerate(words):
            if self.particle(word.group()) or not (word.group()[0].isupper() or index in unknown):
                continue
            one_name = bool(runs) and self._one_name(question, words, runs[-1][-1], index)
            (runs[-1].append(index) if one_name else runs.append([index]))
        return runs

    def _one_name(self, question: str, words: list[re.Match[str]], first: int, second: int) -> bool:
        """Whether words `first` and `second` of `question` are of one name: two capitalised
        words one space apart, or two words of the same case with only particles between."""
        if not all(joined(question, words, j, j + 1) for j in range(first, second)):
            return False
        capitals = [words[j].group()[0].isupper() for j in (first, second)]
        between = [words[j].group() for j in range(first + 1, second)]
        if not between:
            return all(capitals)
        # The question's first word is capitalised by its place ("What did …"): no name's part.
        return first > 0 and capitals[0] == capitals[1] and all(self.particle(word) for word in between)

    def particle(self, word: str) -> bool:
        """Whether `word` may sit inside a name: a lowercase word shorter than any the speller
        corrects that the corpus writes inside names more often than on its own ("e" in
        "Lashkar-e-Jhangvi": service.truecase.count_in_names), or never writes at all ("bin",
        "von": nothing in the corpus reads it as an ordinary word). "of" and "and" are
        ordinary words: "Kabul and Washington" are two names. The full-name veto runs a name
        on across the same particles (service.evidence)."""
        return word.islower() and len(word) < MIN_LENGTH and (word in self.truecaser.in_names or self._unknown(word))

    def _unknown(self, lower: str) -> bool:
        """Whether the corpus never writes `lower` nor a word of its stem."""
        return lower not in self.truecaser.counts and not self.stems_known([lower])[0]

    def _spelt(self, word: str, neighbours: tuple[str, str], named: bool = False) -> str:
        """`word` as the corpus word it misspells (`nearest`), in the corpus's form; `neighbours`:
        the question's words before and after it, lower-cased ("" for none); `named`: typed
        capitalised where its place does not capitalise it (`nearest`)."""
        lower = word.lower()
        if not self._correctable(lower):
            return word
        nearest = self.nearest(lower, neighbours, named)
        if nearest is None:
            return word
        form = self.truecaser.forms.get(nearest)
        if form is not None:
            return form
        return nearest[0].upper() + nearest[1:] if word[0].isupper() else nearest

    def _is_name(self, lower: str) -> bool:
        """Whether the corpus writes `lower` as a name: capitalised more often than not."""
        form = self.truecaser.forms.get(lower)
        return form is not None and form[:1].isupper()

    def _correctable(self, lower: str) -> bool:
        """Whether `lower` may be a misspelling: long enough, a single word of letters, no word
        the corpus writes, no inflection of one, no word of the general list or the dictionary."""
        return (
            len(lower) >= MIN_LENGTH
            and lower.isalpha()
            and lower not in self.general
            and lower not in self.dictionary
            and self._unknown(lower)
        )

    def nearest(self, lower: str, neighbours: tuple[str, str] = ("", ""), named: bool = False) -> str | None:
        """The corpus word `lower` most likely misspells, or None when none is close or the
        closest are more than one word of like frequency. A word the corpus writes once is read
        only from a word of RARE_LENGTH letters, one edit off, typed beside (`neighbours`: the
        question's words before and after it) a word of MIN_LENGTH letters or more that the
        corpus writes beside it ("Suhail Shaheem", "Miramshaw shura"): a once-written name
        alone is too weak a sign ("Sarabi" is not the place "Sarobi"), and another person's
        name of near-miss parts ("Sohail Mahmood") is never written so. `named`: the user
        capitalised the word past the question's first word, so of equally near words only
        the names are read ("Naved" is "Naveed", not "named")."""
        reach = 1 if len(lower) < LONG_WORD else 2
        best: list[tuple[int, str]] = []
        best_distance = reach
        for word, count in self._targets.within(lower, reach):
            bound = (
                best_distance if count >= MIN_COUNT else min(best_distance, self._rare_reach(lower, word, neighbours))
            )
            if bound == 0:
                continue
            distance = edit_distance(lower, word, bound + 1, by_sound=self._is_name(word))
            if distance > bound:
                continue
            if distance < best_distance or not best:
                best_distance, best = distance, [(count, word)]
            else:
                best.append((count, word))
        if named and any(self._is_name(word) for _, word in best):
            best = [(count, word) for count, word in best if self._is_name(word)]
        if not best:
            return None
        best.sort(reverse=True)
        if len(best) > 1 and best[0][0] < DOMINANCE * best[1][0]:
            return None
        return best[0][1]

    def _rare_reach(self, lower: str, written: str, neighbours: tuple[str, str]) -> int:
        """The edits `lower` may be off from `written`, a word the corpus writes once: one when
        `lower` is RARE_LENGTH letters or more and a neighbour of MIN_LENGTH letters or more
        stands on the same side of it as beside `written` in the corpus, else none. Both one
        letter shorter when `written` and that neighbour are names the corpus writes side by
        side: a person's other name typed as the corpus writes it ("Ron Moreu", "Anwer Iqbal")
        is a sign as strong as a longer word's, where a short common word beside ("Sarabi
        district") is not (NAME_PAIR_LENGTH)."""
        before, after = neighbours
        pairs = self.truecaser.once_beside
        named = self._is_name(written)
        beside = False
        for neighbour, pair in ((before, (before, written)), (after, (written, after))):
            if pair not in pairs:
                continue
            of_name = named and self._is_name(neighbour) and len(lower) >= NAME_PAIR_LENGTH
            if len(neighbour) >= (MIN_LENGTH - 1 if of_name else MIN_LENGTH) and (len(lower) >= RARE_LENGTH or of_name):
                beside = True
        return 1 if beside else 0


# The interrogatives a question opens on, which `Speller.question_word` reads a misspelling
# as; and the conjunctions a follow-up may open with before one ("and wat about …").
INTERROGATIVES = ("what", "which", "who", "whom", "whose", "when", "where", "why", "how")
_LEADS = frozenset({"and", "but", "so"})


def _dropped_from(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter dropped."""
    return len(typed) + 1 == len(word) and any(word[:i] + word[i + 1 :] == typed for i in range(len(word)))


def _neighbours(question: str, words: list[re.Match[str]], index: int) -> tuple[str, str]:
    """The words of `question` right before and after word `index` (only spaces between),
    lower-cased; "" where there is none."""
    return (
        words[index - 1].group().lower() if joined(question, words, index, index - 1) else "",
        words[index + 1].group().lower() if joined(question, words, index, index + 1) else "",
    )


@dataclass(frozen=True)
class Targets:
    """The corpus words a misspelling may be read as (written MIN_COUNT times or more, letters
    only), with each one's letter counts, so that the few within reach of a word are found
    without comparing it with every one: `reach` edits change at most `reach` letters' counts
    each way (a swap none), so a word whose counts differ more is out of reach."""

    words: list[str]
    counts: list[int]
    lengths: np.ndarray  # (words,)
    letters: np.ndarray  # (words, LETTERS): how often each letter occurs in each word

    @classmethod
    def of(cls, counts: Mapping[str, int], rare: Collection[str] = ()) -> Targets:
        """The words of `counts` written MIN_COUNT times or more, and those of `rare` (written
        fewer times, read only one edit off: `Speller.nearest`)."""
        rare = frozenset(rare)
        words = [w for w, n in counts.items() if (n >= MIN_COUNT or w in rare) and w.isalpha()]
        letters = np.stack([letter_counts(w) for w in words]) if words else np.zeros((0, LETTERS), np.int16)
        lengths = np.array([len(w) for w in words], dtype=np.int16)
        return cls(words, [counts[w] for w in words], lengths, letters)

    def within(self, lower: str, reach: int) -> Iterable[tuple[str, int]]:
        """The words whose length and letter counts `reach` edits of `lower` could give."""
        difference = self.letters - letter_counts(lower)
        near = (
            (np.abs(self.lengths - len(lower)) <= reach)
            & (np.clip(difference, 0, None).sum(axis=1) <= reach)
            & (np.clip(-difference, 0, None).sum(axis=1) <= reach)
        )
        return ((self.words[i], self.counts[i]) for i in np.flatnonzero(near))


LETTERS = 27  # a-z, and one count for every other letter ("é", "ü")


def letter_counts(word: str) -> np.ndarray:
    """How often each of a-z (and any other letter, together) occurs in `word`."""
    counts = np.zeros(LETTERS, dtype=np.int16)
    for letter in word:
        code = ord(letter) - ord("a")
        counts[code if 0 <= code < LETTERS - 1 else LETTERS - 1] += 1
    return counts


# Letters that sound alike, Soundex's classes (Russell and Odell's name index, used to match
# names spelt by ear): the vowels with the letters Soundex passes over, the lips' stops and
# fricatives, the throat's and the hissing consonants, the tongue's stops, and "l", "m"/"n", "r".
SOUND_CLASSES = ("aeiouyhw", "bfpv", "cgjkqsxz", "dt", "l", "mn", "r")
_SOUND = {letter: index for index, letters in enumerate(SOUND_CLASSES) for letter in letters}


def sound_class(letter: str) -> int | str:
    """The class of letters sounding like `letter` (SOUND_CLASSES); another letter its own."""
    return _SOUND.get(letter, letter)


def edit_distance(a: str, b: str, bound: int, *, by_sound: bool = False) -> int:
    """The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
    substitutions and swaps of adjacent letters), or `bound` when it is `bound` or more.
    `by_sound`: a letter replaced by one of another sound (`sound_class`) counts as two edits,
    one dropped and one added: a name misspelt keeps its sound ("Barader", "Haqani",
    "Musharaf"), and a letter of another sound makes another name ("Osama" is not "Obama",
    "Khattab" not "Khattak": docs/retrieval.md, "Misspelt words")."""
    if abs(len(a) - len(b)) >= bound:
        return bound
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = _substitution(a[i - 1], b[j - 1], by_sound)
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
        if min(row) >= bound and min(previous) >= bound:
            return bound
        before, previous = previous, row
    return min(previous[-1], bound)


def _substitution(typed: str, written: str, by_sound: bool) -> int:
    """The cost of reading letter `typed` as `written`: none, one edit, or two across sounds."""
    if typed == written:
        return 0
    return 2 if by_sound and sound_class(typed) != sound_class(written) else 1


def model_words(vocabulary: Iterable[str]) -> frozenset[str]:
    """The whole words of a word-piece vocabulary (no "##" continuation, letters only),
    lower-cased: a general word list."""
    return frozenset(piece.lower() for piece in vocabulary if piece.isalpha())


def stem_in(vocabulary: Mapping[str, int]) -> Callable[[Sequence[str]], list[bool]]:
    """Per word of a list, whether its stem (as BM25 indexes it) is a term of `vocabulary`; a
    stop word's is. The words are tokenized in batches (bm25.tokenize_each): the build's
    lexicon stage asks of some 20,000 words."""

    def known(words: Sequence[str]) -> list[bool]:
        return [all(stem in vocabulary for stem in stems) for stems in tokenize_each(words)]

    return known


@functools.cache
def english_words() -> frozenset[str]:
    """The lower-cased words of pyspellchecker's English frequency list (some 160,000 words
    with their inflections, common misspellings left out), read from the package's own data:
    nothing is downloaded. Loaded once per process (about 0.1 s)."""
    from spellchecker import SpellChecker  # deferred: only a speller needs it

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def corpus_speller(truecaser: Truecaser, embedder: Embedder, bm25: bm25s.BM25) -> Speller:
    """The speller of a loaded index: its truecaser's words, the model's vocabulary as the
    general list, its BM25 terms for inflections, the English dictionary's words kept as typed."""
    return Speller(
        truecaser, model_words(embedder.model.tokenizer.get_vocab()), stem_in(bm25.vocab_dict), english_words()
    )
