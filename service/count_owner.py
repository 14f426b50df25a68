"""Whose count a sentence gives: a "How many …?" question asking the count of one country, people
or body, answered with the number the corpus gives another.

"How many American troops are to leave Afghanistan …?" was led by "Some 7,000 troops in the
NATO-led coalition are also to leave in coordination with the departing U.S. forces": the
sentence writes the U.S., but the 7,000 are the coalition's. The rarely written names are read
by the verdict "unwritten-name" (service.name_forms, `rare_name_unwritten`); a common one (here
the U.S., Pakistan, Afghanistan, NATO) is written in most answers, so what is read here is the
name standing by the number: in the words just before it ("the U.S. had some 2,500 … troops"),
between it and the counted noun ("three Pakistani paramilitary forces") or in the few words after
the noun ("7,000 troops in the NATO-led coalition"). Names are read in every form but a capital
(`name_forms.names_in` without capitals: "Washington" is a place of its own), never as a place
("troops left in Afghanistan"). General English; nothing here is keyed to a document.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.answer_type import COUNT_REACH, count_numbers, counted_span, counted_words
from service.bm25 import terms_of
from service.name_forms import Named, names_in, subject_start, unpunctuated, word_at, word_spans

# How many words before a count its owner may stand ("the U.S. had some 2,500 … troops": three),
# and after the counted noun ("7,000 troops in the NATO-led coalition": four).
OWNER_BEFORE = 3
OWNER_AFTER = 4
# A name right after one of these is a place, not an owner ("troops left in Afghanistan"), or set
# apart from what is counted ("How many countries besides Pakistan …?").
_NOT_OWNER_WORDS = frozenset(
    "in at to into inside near across within via toward towards around through besides except excluding than".split()
)


def _not_a_place(text: str, words: Sequence[tuple[int, int]], named: Named) -> bool:
    """Whether `named` is written otherwise than as a place or an exception: not right after
    "in", "to", "besides", …"""
    return not (named.first > 0 and unpunctuated(text, words[named.first - 1]).lower() in _NOT_OWNER_WORDS)


def counted_owners(question: str) -> frozenset[str]:
    """The keys of the countries, peoples or bodies owning what a "How many X …?" question counts,
    where it counts a noun (`counted_words`; not "How many times …?"): those X writes, not as a
    place ("American troops", "of Pakistan's paramilitary forces", "refugees from Afghanistan",
    "Afghans"), or, when X writes none, the question's subject after its auxiliary ("How many
    troops did China send …?"). Empty when none is read."""
    span = counted_span(question)
    if span is None or not counted_words(question):
        return frozenset()
    words = word_spans(question)
    named = [n for n in names_in(question, capitals=False) if _not_a_place(question, words, n)]
    inside = {n.key for n in named if span[0] <= words[n.first][0] < span[1]}
    if inside:
        return frozenset(inside)
    subject = subject_start(question)
    return frozenset(n.key for n in named if n.first == subject and words[n.first][0] >= span[1])


def _count_windows(text: str, noun: str) -> list[tuple[int, int]]:
    """The word ranges (first, last) around each count `text` writes: from `OWNER_BEFORE` words
    before the number to `OWNER_AFTER` words after the counted `noun` when it follows within
    `COUNT_REACH` words, else to the word after the number."""
    words = word_spans(text)
    stems = terms_of(noun)
    windows = []
    for number in count_numbers(text):
        at = word_at(words, number.start())
        reach = range(at, min(len(words), at + COUNT_REACH + 1))
        found = next((k for k in reach if stems & terms_of(unpunctuated(text, words[k]))), None)
        last = found + OWNER_AFTER if found is not None else at + 1
        windows.append((max(0, at - OWNER_BEFORE), min(len(words) - 1, last)))
    return windows


def count_owner(question: str, text: str, owners: frozenset[str]) -> bool | None:
    """Whether `text` gives the count of one of `owners` (True), of another country or body
    (False), or says nothing of whose it is (None). A name standing by a number (`_count_windows`)
    decides: one of `owners` there makes the count theirs, only another makes it the other's;
    with none there, the sentence's names decide, one of `owners` anywhere, or another the
    question does not name."""
    words = word_spans(text)
    named = [n for n in names_in(text, capitals=False) if _not_a_place(text, words, n)]
    windows = _count_windows(text, counted_words(question)[-1])
    by_number = {n.key for n in named for first, last in windows if first <= n.first <= last}
    if by_number:
        return bool(by_number & owners)
    written = {n.key for n in named}
    if written & owners:
        return True
    if written - {n.key for n in names_in(question)}:
        return False
    return None


def _owners_if_lead_gives_another(question: str, quoted: Sequence[str]) -> frozenset[str]:
    """The owners a "How many …?" question counts for (`counted_owners`) when `quoted`'s first
    sentence gives another's count; empty otherwise (no owner read, nothing quoted, or the lead's
    count is theirs or nobody's)."""
    owners = counted_owners(question)
    if not owners or not quoted or count_owner(question, quoted[0], owners) is not False:
        return frozenset()
    return owners


def owner_count_at(question: str, quoted: Sequence[str]) -> int | None:
    """The index of the first of `quoted` after the first that gives the count of the one a
    "How many …?" question asks of (`counted_owners`), when the first gives another's: that
    sentence should lead ("How many NATO troops …?" led by "… the U.S. had some 2,500 to 3,500
    troops …", the coalition's 7,000 quoted second). None otherwise."""
    owners = _owners_if_lead_gives_another(question, quoted)
    if not owners:
        return None
    return next((at for at, text in enumerate(quoted) if at and count_owner(question, text, owners)), None)


def count_of_another(question: str, quoted: Sequence[str]) -> bool:
    """Whether a "How many …?" question asks the count of a country, people or body
    (`counted_owners`) and `quoted`'s first sentence, the one a user reads first, gives the
    count of another (`count_owner`), while no quoted sentence gives theirs: the number the
    answer shows is not the asked one's (the verdict "another-count")."""
    owners = _owners_if_lead_gives_another(question, quoted)
    return bool(owners) and not any(count_owner(question, text, owners) for text in quoted[1:])
