"""A relation asked with a verb and stated with its agent noun.

"Who succeeded Mansour?" asks what "following Mansour's death, with successor Shaikh
Haibatullah Akhunzada" states; "Who founded the Taliban?" what "Taliban founder Mullah Mohammad
Omar" does. Snowball stems the verb and its agent noun apart ("succeed", "successor"), so the
lexical side of retrieval and the evidence's term coverage read a question's verb as its noun too
(`agent_forms`, `partner_terms`). English word forms only: nothing here
knows which document a word comes from (docs/retrieval.md, "Fusion").
"""

from __future__ import annotations

import re
from functools import cache

from service.bm25 import stem

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
