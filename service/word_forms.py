"""A relation asked with a verb and stated with its agent noun, or the reverse.

"Who succeeded Mansour?" asks what "following Mansour's death, with successor Shaikh
Haibatullah Akhunzada" states; "Who founded the Taliban?" what "Taliban founder Mullah Mohammad
Omar" does. Snowball stems the verb and its agent noun apart ("succeed", "successor"), so the
lexical side of retrieval and the evidence's term coverage read a question's verb as its noun too,
and a noun as its verb (`agent_forms`, `partner_terms`). English word forms only: nothing here
knows which document a word comes from (docs/retrieval.md, "Fusion").
"""

from __future__ import annotations

import re
from functools import cache

from service.bm25 import stem

# An agent noun, then the verb forms that ask for it. Forms that are often another word are left
# out: "found" (of "find"), "rule" and "rules" (the noun), "leading" ("a leading figure"),
# "ruling" ("the ruling party").
_AGENT_NOUNS = """\
successor succeed succeeds succeeded succeeding
founder founded founds founding
leader lead leads led
ruler ruled
governor govern governs governed governing
protector protect protects protected protecting
adviser advise advises advised advising
advisor advise advises advised advising
predecessor preceded precedes precede"""
AGENT_NOUNS: dict[str, tuple[str, ...]] = {
    line.split()[0]: tuple(line.split()[1:]) for line in _AGENT_NOUNS.splitlines()
}
# Each written form, the forms of the other part of speech it is read with.
_PARTNERS: dict[str, tuple[str, ...]] = {}
for _noun, _verbs in AGENT_NOUNS.items():
    for _verb in _verbs:
        _PARTNERS[_verb] = (*_PARTNERS.get(_verb, ()), _noun)
    _PARTNERS[_noun] = (*_PARTNERS.get(_noun, ()), _verbs[-1] if _verbs[-1].endswith("ed") else _verbs[0])
_FORM = re.compile(r"\b(?:" + "|".join(sorted(_PARTNERS, key=len, reverse=True)) + r")s?\b", re.IGNORECASE)


def agent_forms(text: str) -> str:
    """`text` with the agent noun written after each verb form that asks for it, and a verb form
    after each agent noun ("Who succeeded Mansour?" adds "successor"): for the lexical side of
    retrieval, which matches words."""
    added: list[str] = []
    for match in _FORM.finditer(text):
        word = match.group(0).lower()
        forms = _PARTNERS.get(word) or _PARTNERS.get(word[:-1], ())
        added.extend(f for f in forms if f not in added)
    return " ".join([text, *added]) if added else text


@cache
def partner_terms() -> dict[str, frozenset[str]]:
    """Per stem of a verb form or an agent noun, the stems of the other part of speech: a unit
    holding "successor" holds what "succeeded" asks (service.evidence, coverage)."""
    partners: dict[str, set[str]] = {}
    for noun, verbs in AGENT_NOUNS.items():
        for verb in verbs:
            partners.setdefault(stem(verb), set()).add(stem(noun))
            partners.setdefault(stem(noun), set()).add(stem(verb))
    return {term: frozenset(others - {term}) for term, others in partners.items() if others - {term}}
