"""Whether a why-question's answer gives a reason for the asked event, read by the verdict.

"Why did Zalmay Khalilzad visit Islamabad in October 2018?" is matched best by the sentence that
writes the visit ("In October 2018, during Zalmay Khalilzad's visit to Islamabad, …, Pakistan
released Mullah Abdul Ghani Baradar …"): it restates the question's event and says nothing of why
it happened. When neither the sentence after it nor any other quoted sentence about the event
gives a reason either, the corpus names the event but not its cause, and the answer is withdrawn
(service.verdict, "unreasoned"; docs/retrieval.md, "Abstention"; docs/tuning.md, session 42).

A reason is read broadly, on purpose: a connective of cause, purpose, time or condition
("because", "as", "after", "when", "if", "lacking", "in light of" …), a verb of cause ("prompted",
"removes", "gave"), a word of motive ("keen", "concern", "wants", "interest"), a fronted clause
("To gain …,", "Anxious to …,", "Beset with …,") or a trailing participle (", enhancing …"). Session
41 found that reasons are written far more often without a causal connective than with one: here
the reading only withdraws, so reading a reason where there is none keeps an answer as it was,
while missing one loses it. Two readings narrow it where the sentence shows the event is not what
it explains:

- a cue that is one of the question's own words is the event, not its reason ("unwilling" of "Why
  did Kabul appear unwilling …?");
- a clause opened by a setting ("after", "as", "when", "following", "during", "with" …) that holds
  most of the event the sentence writes uses the event as the time or setting of another one ("As
  Hekmatyar lost ground to Afghan opponents, …, the Pakistan military shifted its support …";
  "… came to a halt after the U.S. killed …"): the sentence explains that other event, and its
  cues are that event's reasons. A trailing participle holding the event (", enhancing that
  group's ability …") is caused by the clause before it, which is its reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.bm25 import terms_of
from service.question_words import QUESTION_TERMS

# A lead holding this share of the question's event terms restates the event (as service.lead's
# RESTATES reads a restating lead).
RESTATES_EVENT = 0.6
# A quoted sentence other than the lead and the one after it speaks of the event when it holds this
# share of its terms, or points back at what was just said ("This", "They", …).
ABOUT_EVENT = 1 / 3

_ASKS_WHY = re.compile(r"\s*why\b", re.IGNORECASE)
_WHY_TERMS = frozenset({"whi"})  # "why" as service.bm25 stems it
# Words that follow "as" when it compares or names a role, not when it opens a clause of cause or time.
_NOT_CLAUSE_AS = (
    "a|an|well|part|of|to|for|much|many|far|soon|early|such|if|though|opposed|long|late|recently|little"
    "|large|big|close|high|low|good|bad|great|few|one|two"
)
# Who or what opens a clause after "as" ("as the Taliban gain ground", "as they continue …", "as
# Islamabad sponsored …"): a pronoun, a determiner or a capitalised name (matched case-sensitively
# inside the case-blind patterns below).
_CLAUSE_SUBJECT = "the|they|it|he|she|we|its|their|his|her|this|these|those|foreign|(?-i:[A-Z][\\w.]*)"
# Connectives and words that give a reason, a motive, a purpose, a cause, a time or a condition.
REASON_CUES: tuple[str, ...] = (
    r"because",
    r"since(?!\s+(?:\d|then|at|the\s+(?:\d|start|end|begin)|early|late|mid|last|its|their|taking|assuming|"
    r"January|February|March|April|May|June|July|August|September|October|November|December))",
    r"now that",
    r"given",
    r"so that",
    r"in order",
    r"so as to",
    r"hence",
    r"thus",
    r"therefore",
    r"due to",
    r"owing to",
    r"thanks to",
    r"result",
    r"reason",
    r"for fear",
    r"lest",
    r"aim",
    r"aimed",
    r"in a bid",
    r"with the (?:aim|goal|intention)",
    r"goal",
    r"in return",
    r"in exchange",
    r"as an? (?:antidote|way|means|move|response|reaction|result|condition)",
    r"believ\w*",
    r"fear\w*",
    r"means that",
    r"stem\w* from",
    r"rooted in",
    r"driven",
    r"motivated",
    r"prompt\w*",
    r"led to",
    r"lead to",
    r"caus(?:ed|es|ing)",
    r"cause of",
    r"because of",
    r"for \w+ing",
    r"lacking",
    r"amid",
    r"in light of",
    r"in view of",
    r"after",
    r"following",
    r"when",
    r"once",
    r"if",
    r"should",
    r"unless",
    r"so long as",
    r"as long as",
    r"in response",
    r"to (?:ensure|gain|avoid|prevent|secure|protect|keep|win|get|help|push|force|pressure|persuade|convince|"
    r"deny|counter|curb|make|allow|enable|achieve)",
    r"by \w+ing",
    r"(?:weakened|strengthened|emboldened|galvani[sz]ed|inspired|angered|alarmed|concerned|worried|encouraged|"
    r"pushed|forced|pressured|spurred|fuelled|fueled) by",
    r"(?<=,)\s*\w+ing",
    r"(?:^|(?<=,\s)|(?<=;\s)|(?<=—))as",
    rf"(?<!such )as (?:{_CLAUSE_SUBJECT})",
    rf"(?<!such )(?<!well )(?<!so )as(?!\s+(?:{_NOT_CLAUSE_AS})\b)",
    r"with (?:the|its|their) \w+ (?:having|being|no longer)",
    r"with \w+ (?:having|being|no longer)",
    r"no longer",
    r"worried",
    r"concern\w*",
    r"anxious",
    r"keen",
    r"wary",
    r"aware",
    r"afraid",
    r"eager",
    r"reluctant",
    r"unwilling",
    r"interest",
    r"incentive",
    r"value",
    r"benefit\w*",
    r"advantage",
    r"opportunit\w*",
    r"need\w*",
    r"want\w*",
    r"seek\w*",
    r"sought",
    r"hope\w*",
    r"objective",
    r"purpose",
    r"or else",
    r"(?<=,)\s*to\s+\w+",
    r"request\w*",
    r"(?:remov|mak|made|enabl|gave|giv|drove|driv|push|help|brought|bring|turn|kept|keep|forc|spark|trigger|fuel"
    r"|undermin|strengthen|weaken|reinforc|shap|determin|depend|tighten|deriv)\w*",
    r"in turn",
    r"so(?=\s+(?:that|as|long|the|it|they))",
    r"explain\w*",
    r"why",
    r"attribut\w*",
    r"blam\w*",
    r"credit\w*",
    r"accus\w*",
    r"criticis\w*",
    r"criticiz\w*",
)
_CUE = re.compile(r"(?:^|\b)(?:" + "|".join(REASON_CUES) + r")\b", re.IGNORECASE)
# A clause fronted by a purpose or a state of mind ("To gain vital U.S. support, …", "Anxious to
# ensure …, …", "Seeing itself as …, …", "Beset with …, …").
_FRONTED = re.compile(
    r"\s*(?:to\s+\w+|\w+ing|\w+ed|well\s+aware|aware|anxious|keen|eager|wary|afraid|fearful|unwilling|reluctant"
    r"|beset|mindful|conscious)\b[^,;:]*,",
    re.IGNORECASE,
)
# Connectives that open a clause of time or setting: holding the event, they place it beside another.
_SETTING = re.compile(
    r"(?:^|\b)(?:after|when|following|once|since|amid|during|before|until|while|with)\b"
    rf"|(?:^|(?<=,\s)|(?<=;\s)|(?<=—))as\b|(?<!such )\bas (?=(?:{_CLAUSE_SUBJECT})\b)",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(
    r",\s*(?!(?:including|according|concerning|regarding|during|following|notwithstanding|nothing|something)\b)(\w+ing)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:—–()]")
# A sentence opening on these points back at what was just quoted.
_POINTS_BACK = re.compile(
    r"\s*(?:this|that|these|those|it|its|they|their|such|he|she|his|her|the move|the decision)\b", re.IGNORECASE
)


def asks_why(question: str) -> bool:
    """Whether `question` opens on "Why"."""
    return _ASKS_WHY.match(question) is not None


def event_terms(question: str, turn: str | None = None) -> frozenset[str]:
    """The stemmed terms of the event a why-question asks about: its terms but the question's own
    words ("why", "did", "would" …). For a follow-up, `turn` is the turn as the user wrote it and
    only the words it writes itself are the event: the engine reads "Why was he detained?" with
    the name "he" stands for (service.antecedents), and that name, the history's word, is what the
    earlier answer was about, not what this turn asks the reason of (docs/tuning.md, session 43)."""
    terms = frozenset(t for t in terms_of(question) if t not in QUESTION_TERMS and t not in _WHY_TERMS)
    return terms if turn is None else terms & terms_of(turn)


def restates_event(sentence: str, event: frozenset[str]) -> bool:
    """Whether `sentence` holds RESTATES_EVENT of the event's terms."""
    return bool(event) and len(event & terms_of(sentence)) >= RESTATES_EVENT * len(event)


def _clause_at(sentence: str, start: int) -> str:
    """The clause of `sentence` from `start` to the next comma, colon, semicolon, dash or bracket."""
    end = _CLAUSE_END.search(sentence, start)
    return sentence[start : end.start() if end else len(sentence)]


def _holds_most(clause: str, held: frozenset[str]) -> bool:
    """Whether `clause` holds more than half of `held`, the event terms its sentence writes."""
    return len(terms_of(clause) & held) * 2 > len(held)


def gives_reason_for(sentence: str, event: frozenset[str]) -> bool:
    """Whether `sentence` gives a reason for the event (its terms `event`): a reason cue that is
    none of the event's own words, a fronted clause of purpose or state of mind that does not
    hold the event, or a trailing participle that does (the clause before it causes the event);
    none when a clause of time or setting holds most of the event the sentence writes (the
    event is the setting of another)."""
    held = event & terms_of(sentence)
    if held:
        for participle in _PARTICIPLE.finditer(sentence):
            if _holds_most(_clause_at(sentence, participle.start(1)), held):
                return True  # "…, enhancing that group's ability …": the clause before causes it
        for setting in _SETTING.finditer(sentence):
            if _holds_most(_clause_at(sentence, setting.start()), held):
                return False
    for cue in _CUE.finditer(sentence):
        own = terms_of(cue.group(0))
        if own and own <= event:
            continue  # the question's own word is the event, not its reason
        return True
    fronted = _FRONTED.match(sentence)
    return fronted is not None and not (held and _holds_most(fronted.group(0), held))


def unreasoned(question: str, quoted: Sequence[str], following: str | None, turn: str | None = None) -> bool:
    """Whether `question` asks why ("Why …?") and its answer gives no reason for the asked event:
    the lead (`quoted[0]`) restates the event (`restates_event`) and gives no reason for it
    (`gives_reason_for`), nor does `following`, the sentence after the lead in reading order,
    nor any other quoted sentence that speaks of the event (ABOUT_EVENT of its terms, of a
    follow-up's turn or of the question as the engine read it, or opening on a word pointing
    back). None when the question asks nothing else than why, or names no event.
    `turn`: a follow-up as the user wrote it, whose own words are the event (`event_terms`): a
    follow-up writing none ("Why?") names no event and is not read."""
    if not quoted or not asks_why(question):
        return False
    event = event_terms(question, turn)
    lead = quoted[0]
    if not restates_event(lead, event) or gives_reason_for(lead, event):
        return False
    if following is not None and gives_reason_for(following, event):
        return False
    # A follow-up's other quoted sentences are about its event also when they speak of what the
    # engine read the turn with ("Why was he detained?" read with the name "he" stands for): the
    # sentence giving the reason names the person or thing, not the turn's pronoun (docs/tuning.md,
    # session 48).
    read = event_terms(question) if turn is not None else event
    for sentence in quoted[1:]:
        if sentence == following:
            continue
        if _speaks_of(sentence, event) or _speaks_of(sentence, read) or _POINTS_BACK.match(sentence):
            if gives_reason_for(sentence, event):
                return False
    return True


def _speaks_of(sentence: str, event: frozenset[str]) -> bool:
    """Whether `sentence` holds ABOUT_EVENT of the event's terms `event`."""
    return bool(event) and len(event & terms_of(sentence)) >= ABOUT_EVENT * len(event)
