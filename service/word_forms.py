"""A relation asked with a verb and stated with its agent noun, and a word's forms the stemmer
does not join.

"Who succeeded Mansour?" asks what "following Mansour's death, with successor Shaikh
Haibatullah Akhunzada" states; "Who founded the Taliban?" what "Taliban founder Mullah Mohammad
Omar" does. Snowball stems the verb and its agent noun apart ("succeed", "successor"), so the
lexical side of retrieval and the evidence's term coverage read a question's verb as its noun too
(`agent_forms`, `partner_terms`). Likewise an irregular verb's tenses ("keep", "kept"), a role's
"-man"/"-person" forms and a "-ship" noun's base (`other_forms`, `form_partners`). English word
forms only: nothing here knows which document a word comes from (docs/retrieval.md, "Fusion",
"A verb and its agent noun", "Word forms the stemmer does not join").
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


# Irregular verbs: the base, the past, the past participle, each a form Snowball stems apart
# ("keep", "kept"; "take", "took", "taken"), so a question asking "Why did Washington keep …?"
# matched nothing of "the U.S. kept it in the loop" on the lexical side (docs/retrieval.md,
# "Word forms the stemmer does not join"; docs/tuning.md, session 44). English usage only. Left out,
# as often another word or a word every question writes: "be", "have", "do", "say" (how a question
# asks), "see" ("See also" opens notes), "find"/"found" (to found), "lead"/"led" (above), "win"/"won"
# ("won't"), "leave"/"left", "lie"/"lay", "fall"/"fell", "grind"/"ground", "bind"/"bound",
# "wind"/"wound", "rise"/"rose", "bear"/"bore", "make"/"made", "get"/"got", "let", "set", "put".
_IRREGULAR_VERBS = """\
arise arose arisen
awake awoke awoken
become became
begin began begun
bend bent
bite bit bitten
bleed bled
blow blew blown
break broke broken
breed bred
bring brought
build built
buy bought
catch caught
choose chose chosen
cling clung
come came
creep crept
deal dealt
dig dug
draw drew drawn
drink drank drunk
drive drove driven
eat ate eaten
feel felt
fight fought
flee fled
fly flew flown
forbid forbade forbidden
foresee foresaw foreseen
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
give gave given
go went gone
grow grew grown
hang hung
hear heard
hide hid hidden
hold held
keep kept
know knew known
lend lent
lose lost
mean meant
meet met
mislead misled
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid
ride rode ridden
ring rang rung
run ran
seek sought
sell sold
send sent
shake shook shaken
shine shone
shoot shot
shrink shrank shrunk
sing sang sung
sink sank sunk
sit sat
slay slew slain
sleep slept
slide slid
speak spoke spoken
spend spent
spin spun
spring sprang sprung
stand stood
steal stole stolen
stick stuck
sting stung
strike struck stricken
strive strove striven
swear swore sworn
sweep swept
swim swam swum
swing swung
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
undergo underwent undergone
understand understood
undertake undertook undertaken
uphold upheld
wake woke woken
wear wore worn
weave wove woven
weep wept
withdraw withdrew withdrawn
withhold withheld
withstand withstood
write wrote written"""
_VERB_FORMS: dict[str, tuple[str, ...]] = {
    form: tuple(other for other in line.split() if other != form)
    for line in _IRREGULAR_VERBS.splitlines()
    for form in line.split()
}
# A person's role written with "-man", "-woman" or "-person" ("spokesman", "spokeswoman",
# "spokesperson"): reports choose one, a question another. The roles English writes all three ways
# (not "German", "human", a surname in "-man").
_ROLE = re.compile(
    r"^(spokes|chair|congress|business|sales|police|anchor|council|news|middle|states|crafts|camera)"
    r"(man|woman|person|men|women|persons|people)$"
)
_ROLE_SIBLINGS = {
    "man": ("woman", "person"),
    "woman": ("man", "person"),
    "person": ("man", "woman"),
    "men": ("women", "persons", "people"),
    "women": ("men", "persons", "people"),
    "persons": ("men", "women", "people"),
    "people": ("men", "women", "persons"),
}
# A state or a tie written as a noun in "-ship" ("relationship", "partnership", "ownership") and
# asked by its base ("relations", "partners", "own"), or the reverse: the noun, then the words it is
# made of. Not "leadership" and "leader": "the Taliban leadership" is their shura as often as their
# leaders, and "lead" has no agent noun above for that reason.
_SHIP_NOUNS = """\
relationship relation
partnership partner
ownership owner own
friendship friend
membership member
citizenship citizen
dictatorship dictator
sponsorship sponsor
censorship censor
guardianship guardian
stewardship steward
trusteeship trustee
kinship kin
authorship author
readership reader"""
_SHIP_BASES: dict[str, tuple[str, ...]] = {
    line.split()[0]: tuple(line.split()[1:]) for line in _SHIP_NOUNS.splitlines()
}
_WORD = re.compile(r"[A-Za-z]+(?:['’]t)?")


@cache
def _ship_of_stem() -> dict[str, str]:
    """Per stem of a base ("relat" of "relation", "relations", "related"), its "-ship" noun."""
    return {stem(base): noun for noun, bases in _SHIP_BASES.items() for base in bases}


@cache
def _verb_forms_of_stem() -> dict[str, tuple[str, ...]]:
    """Per stem of an irregular verb's base ("send" of "sends", "sending"), its other forms."""
    return {stem(line.split()[0]): tuple(line.split()[1:]) for line in _IRREGULAR_VERBS.splitlines()}


def word_variants(word: str) -> tuple[str, ...]:
    """The other forms of `word` (lowercase) that Snowball stems apart from it: an irregular
    verb's other tenses, a role's "-man"/"-woman"/"-person" siblings, a "-ship" noun's base or the
    base's "-ship" noun. A form may be no word the corpus writes: BM25 reads it as nothing."""
    if word in _VERB_FORMS:
        return _VERB_FORMS[word]
    if stem(word) in _verb_forms_of_stem():  # "sending", "takes"
        return _verb_forms_of_stem()[stem(word)]
    if word in ("can't", "can’t"):
        return ("cannot",)
    if word == "cannot":
        return ("can",)
    role = _ROLE.match(word)
    if role:
        return tuple(role.group(1) + ending for ending in _ROLE_SIBLINGS[role.group(2)])
    noun = word[:-1] if word.endswith("ships") else word
    if noun in _SHIP_BASES:
        return _SHIP_BASES[noun]
    ship = _ship_of_stem().get(stem(word))
    return (ship,) if ship else ()


def other_forms(text: str) -> str:
    """`text` with the other forms of its words (`word_variants`) written after it, those that
    stem apart from every word of it ("Why did Washington keep …?" adds "kept"): for the lexical
    side of retrieval, which matches stems."""
    words = [w.lower() for w in _WORD.findall(text)]
    held = {stem(w) for w in words}
    added: list[str] = []
    for word in words:
        for variant in word_variants(word):
            term = stem(variant)
            if term not in held:
                held.add(term)
                added.append(variant)
    return " ".join([text, *added]) if added else text


def form_partners(text: str) -> dict[str, frozenset[str]]:
    """Per stem of a word of `text` that has other forms (`word_variants`), their stems: a unit
    holding "kept" holds what "keep" asks (service.evidence, coverage)."""
    partners: dict[str, set[str]] = {}
    for word in (w.lower() for w in _WORD.findall(text)):
        term = stem(re.sub(r"['’]t$", "", word))  # "can't" is the term "can"
        others = {stem(v) for v in word_variants(word)} - {term}
        if others:
            partners.setdefault(term, set()).update(others)
    return {term: frozenset(others) for term, others in partners.items()}
