"""A relation asked with a verb and stated with its agent noun.

"Who succeeded Mansour?" asks what "following Mansour's death, with successor Shaikh
Haibatullah Akhunzada" states; "Who founded the Taliban?" what "Taliban founder Mullah Mohammad
Omar" does. Snowball stems the verb and its agent noun apart ("succeed", "successor"), so the
lexical side of retrieval and the evidence's term coverage read a question's verb as its noun too
(`agent_forms`, `partner_terms`). English word forms only: nothing here
knows which document a word comes from (docs/retrieval.md, "Fusion").

It also holds how a question's word is found among a sentence's (`writes_word`, `shares_word`,
`agent_spellings`), read alike by service.said_about, service.relations and service.answer_type;
it imports none of them, so each can call it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from service.bm25 import stem, terms_of, tokenize
from service.text import POSSESSIVE_END

# An agent noun, then the verb forms that ask for it. Forms that are often another word are left
# out: "found" (of "find"), "rule" and "rules" (the noun), "ruling" ("the ruling party"); and
# "lead" in every form, which writes a cause as often as a leader ("led to", "U.S.-led") and the
# head of a government ("currently leads"): adding "leader" to "Who led it?" drew every unit on
# the Taliban's leaders above the faction the conversation asked about (docs/tuning.md, session 43).
_AGENT_NOUNS = """\
successor succeed succeeds succeeded succeeding
founder founded founds founding
ruler ruled
governor govern governs governed governing
protector protect protects protected protecting
adviser advise advises advised advising
advisor advise advises advised advising
predecessor preceded precedes precede"""
AGENT_NOUNS: dict[str, tuple[str, ...]] = {
    line.split()[0]: tuple(line.split()[1:]) for line in _AGENT_NOUNS.splitlines()
}
# Each verb form, the agent nouns it is read with. One way only: a question's noun read as its verb
# as well lost four dev questions for one ("How was Taliban leader Mansour killed?" read "led",
# "Who is the Taliban's founder?" "founded", which "one of its founding leaders" holds;
# docs/tuning.md, session 43).
_NOUNS_OF: dict[str, tuple[str, ...]] = {}
for _noun, _verbs in AGENT_NOUNS.items():
    for _verb in _verbs:
        _NOUNS_OF[_verb] = (*_NOUNS_OF.get(_verb, ()), _noun)
_VERB = re.compile(r"\b(?:" + "|".join(sorted(_NOUNS_OF, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def agent_forms(text: str) -> str:
    """`text` with the agent noun written after each verb form that asks for it ("Who succeeded
    Mansour?" adds "successor"): for the lexical side of retrieval, which matches words."""
    added: list[str] = []
    for match in _VERB.finditer(text):
        added.extend(n for n in _NOUNS_OF[match.group(0).lower()] if n not in added)
    return " ".join([text, *added]) if added else text


@cache
def partner_terms() -> dict[str, frozenset[str]]:
    """Per stem of a verb form, the stems of its agent nouns: a unit holding "successor" holds
    what "succeeded" asks (service.evidence, coverage)."""
    partners: dict[str, set[str]] = {}
    for noun, verbs in AGENT_NOUNS.items():
        for verb in verbs:
            partners.setdefault(stem(verb), set()).add(stem(noun))
    return {term: frozenset(others - {term}) for term, others in partners.items() if others - {term}}


# Words a question and a sentence share, read one way by every check that compares them
# (service.said_about, service.relations, service.answer_type).
PREFIX = 4  # letters two words must share at their beginning to be read as one ("Indian", "India")


def shares_word(words: frozenset[str], stems: frozenset[str]) -> bool:
    """A word of `words` in `stems`, or one beginning the other, PREFIX letters at least."""
    return any(same_word(w, s) for w in words for s in stems)


def same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= PREFIX and (a.startswith(b) or b.startswith(a)))


def agent_spellings(words: str) -> str:
    """`words` with each "-er" agent noun's "-or" spelling beside it: "adviser" and "advisor"
    name one office, but the stemmer reads "-er" off and leaves "-or", so they stem apart
    ("advis", "advisor"). Only this way round: "-or" is no suffix to the stemmer, so the added
    spelling stems to itself, where "governer" would stem to the verb's "govern" (and
    "government"'s). A spelling no one writes ("ministor") costs nothing."""
    return " ".join([words, *(w[:-2] + "or" for w in words.split() if w.endswith("er"))])


def bare_word(word: str) -> str:
    """A word without its possessive ("Pakistan's" -> "Pakistan")."""
    return POSSESSIVE_END.sub("", word)


@lru_cache(maxsize=8192)
def word_stem(word: str) -> str | None:
    """`word`'s one stem, None when it gives none or several."""
    terms = tokenize([word])[0]
    return terms[0] if len(terms) == 1 else None


def writes_word(word: str, words: Sequence[str]) -> bool:
    """Whether `words` (a sentence's) write `word` of a question: a name (capitalised) by a word
    sharing its beginning (`shares_word`), any other word by its stem (or its
    "-or" spelling's: `agent_spellings`) and not in another number ("ministers" for "minister")."""
    bare = bare_word(word)
    if bare[:1].isupper():
        return shares_word(terms_of(bare), terms_of(" ".join(words)))
    stems = {word_stem(spelling) for spelling in agent_spellings(bare).split()}  # "adviser", "advisor"
    plural = bare.lower().endswith("s")
    return any(
        word_stem(bare_word(other)) in stems and (plural or not bare_word(other).lower().endswith(bare.lower() + "s"))
        for other in words
    )
