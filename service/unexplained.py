"""Whether a why-question's answer states no cause of the asked event. Two shapes, both read on
the answer's lead (the sentence a user reads first):

- the lead writes the event only as the setting of another one ("That dialogue … came to a halt
  after the U.S. killed … Mansour …" for "Why did the U.S. kill Mansour?") or as a participle on
  a noun ("a former Taliban ambassador to Pakistan, arrested in 2002"), and no cause connective
  follows it (session 37);
- the lead writes the event as its own clause ("Qatar subsequently assumed a central role …",
  "Hillary Clinton announced the … policy … in a speech before the Asia Society …") and that
  clause states no reason of any shape: no connective ("because", "as", "since", "due to", "in
  order to", "so that", "after", "now that", …), no purpose ("to" and a verb after the event),
  no "for"/"by"/"from" of a cause, no fronted reason ("Anxious to …,", "Recognising …,"), no
  colon spelling it out (session 39).

Either way no other quoted sentence that writes the event, or points back to it, states a cause.
Such a lead matches the question's words as closely as an answer does; what it says is that,
when or around what the event happened, never why (docs/tuning.md, sessions 37 and 39,
"Why-questions the corpus cannot answer"; docs/retrieval.md, "Abstention"). Read by the verdict
(service.verdict, "no-cause").

General English only: the why shapes, the clause openers and the reason connectives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.bm25 import tokenize
from service.question_words import AUXILIARIES, MODALS

# "Why did/was/would … P?", "How come P?", "What made/caused/prompted/led/drove … P?", "For what
# reason … P?", "What explains P?": the question asks the cause of P.
_REASON_ASKED = re.compile(
    r"^\s*(?:why\s+(?:" + "|".join(sorted(AUXILIARIES)) + r")\b|how\s+come\b|"
    r"what\s+(?:made|caused|prompted|drove|led|explains)\b|for\s+what\s+reason\b)"
    r"(?P<premise>.+?)\s*\??\s*$",
    re.IGNORECASE,
)
# Words that open a clause setting another event's time or circumstance, wherever they stand in it
# ("… came to a halt after the U.S. killed …", "… when the administration signalled …"), and
# those that do so only at a clause's start ("As Hekmatyar lost ground …, the military shifted …":
# "as" inside a clause is mostly a preposition, "described Pakistan as …").
_SETTING = frozenset("after following when whenever once before until upon amid while with".split())
_SETTING_AT_START = frozenset({"as"})
# Words a backward scan for a clause opener stops at: a coordinated or complement clause begins
# there ("… disclosed that Mullah Omar had died …" writes the death as what was disclosed, a fact
# the question may ask the cause of).
_CLAUSE_BREAK = frozenset("and but or that which who whom whose because since so".split())
# Words a past participle after a comma is followed by when it modifies the noun before the comma
# ("…, arrested in 2002"), not when it is the main verb after an apposition ("…, made little
# headway").
_PREPOSITIONS = frozenset("in on at by for from during since after as with near under over into".split())
# Words before a past participle that make it a finite verb or a passive, not a modifier on a noun.
_VERB_BEFORE = AUXILIARIES | frozenset(
    "be been being am get got gets to not never also he she it they we i you who which that".split()
)
# Connectives stating a cause or purpose; a quoted sentence writing one may answer the question.
_CAUSE = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|as\s+a\s+consequence|in\s+order\s+to|so\s+that|"
    r"so\s+as\s+to|driven\s+by|prompted\s+by|in\s+response\s+to|thanks\s+to|for\s+this\s+reason|"
    r"for\s+that\s+reason|hence|therefore|aimed\s+at|in\s+a\s+bid\s+to|in\s+retaliation|given\s+that|"
    r"now\s+that|the\s+reason|why|caused\s+by|motivated\s+by|out\s+of\s+(?:fear|concern)|"
    r"(?:fearing|hoping|seeking|wanting|anxious|keen|eager|determined)\s+(?:to|that))\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|[,;:()–—]")
_PUNCTUATION = frozenset(",;:()–—")
# Irregular verbs' other forms, of general English.
_IRREGULAR = {
    "lose": "lost losing",
    "take": "took taken taking",
    "make": "made making",
    "give": "gave given giving",
    "go": "went gone going",
    "leave": "left leaving",
    "keep": "kept keeping",
    "hold": "held holding",
    "meet": "met meeting",
    "fight": "fought fighting",
    "win": "won winning",
    "send": "sent sending",
    "seek": "sought seeking",
    "bring": "brought bringing",
    "buy": "bought buying",
    "tell": "told telling",
    "say": "said saying",
    "become": "became becoming",
    "begin": "began begun beginning",
    "break": "broke broken breaking",
    "choose": "chose chosen choosing",
    "lead": "led leading",
    "run": "ran running",
    "see": "saw seen seeing",
    "speak": "spoke spoken speaking",
    "spend": "spent spending",
    "stand": "stood standing",
    "come": "came coming",
    "get": "got gotten getting",
    "find": "found finding",
    "know": "knew known knowing",
    "flee": "fled fleeing",
    "draw": "drew drawn drawing",
    "drive": "drove driven driving",
    "write": "wrote written writing",
    "rise": "rose risen rising",
    "fall": "fell fallen falling",
    "sell": "sold selling",
    "build": "built building",
    "pay": "paid paying",
    "lay": "laid laying",
    "throw": "threw thrown throwing",
    "withdraw": "withdrew withdrawn withdrawing",
    "shut": "shuts shutting",
    "put": "puts putting",
    "set": "sets setting",
    "let": "lets letting",
    "cut": "cuts cutting",
    "quit": "quits quitting",
}
_IRREGULAR_FORMS = frozenset(form for forms in _IRREGULAR.values() for form in forms.split())
# Verbs whose event is written as a noun not formed by a suffix of the verb, of general English.
_EVENT_NOUNS = {
    "die": ("death", "deaths"),
    "decide": ("decision", "decisions"),
    "choose": ("choice",),
    "lose": ("loss", "losses"),
    "fail": ("failure",),
    "succeed": ("success",),
    "grow": ("growth",),
    "resign": ("resignation",),
}
_LEMMA = {form: base for base, forms in _IRREGULAR.items() for form in forms.split()}

# Session 39: the event written as the lead's own clause is withdrawn when that clause states no
# reason (docs/tuning.md, session 39); off, only the setting reading of session 37 is read.
READS_MAIN_CLAUSE = True
# Connectives that state a reason wherever they stand in the event's clause, beyond `_CAUSE`: a
# clause opened by "as" after a comma or at the start ("…, as the Taliban gain ground"; not "such
# as", "as well as"), "since" not of a time ("since the shura still operates", not "since 2010",
# "Since then", "Since taking power"), a condition, "as a way to", "with the goal of", "means that",
# "attributed … to", a reason named.
_REASON_IN_CLAUSE = re.compile(
    r"(?:^|[,;(–—]\s*)(?:even\s+|just\s+)?as\s+(?!well\b|such\b|of\b|early\b|late\b|long\b|recently\b|\d"
    r"|appears?\b|seems?\b|expected\b|noted\b|reported\b|seen\b|said\b|usual\b)"
    r"|\bsince\s+(?!\d|then\b|at\b|early\b|late\b|last\b|taking\b|assuming\b|its\s+\d|the\s+\d|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)"
    r"|\b(?:if|unless|so\s+long\s+as|as\s+long\s+as|provided\s+that|should\s+(?:the|it|they|he|she|we)\b)"
    r"|\bas\s+a\s+(?:way|means|result|consequence)\b|\bwith\s+the\s+(?:goal|aim|intention|purpose|objective)\b"
    r"|\bmeans\s+that\b|\battribut\w*|\breasons?\b|\bon\s+(?:the\s+)?grounds\b|\bin\s+light\s+of\b"
    r"|\bin\s+return\s+for\b|\bin\s+exchange\s+for\b|\bfor\s+fear\b|\bbecause\b|\bowing\b"
    r"|(?<!such\s)(?<!well\s)(?<!early\s)(?<!long\s)(?<!soon\s)(?<!far\s)\bas\s+(?:the|they|it|he|she|its|their|foreign|(?-i:[A-Z]))"
    r"|\b(?:believe|believes|believed|fear|fears|feared|worry|worries|worried|argue|argues|argued)\s+that\b",
    re.IGNORECASE,
)
# A fronted clause's first word that sets a time or a source, not a reason.
_NOT_A_REASON_FRONT = frozenset(
    "following according during including concerning regarding notwithstanding excluding barring pending "
    "speaking meeting responding chairing reacting".split()
)
# Adverbs a fronted reason may open on ("Reportedly persuaded …", "Well aware that …").
_FRONTING_ADVERBS = frozenset("well reportedly apparently clearly partly largely fully".split())
# Adjectives of mind that front a reason ("Anxious to …", "Keen to …", "Aware that …").
_MIND_ADJECTIVES = frozenset(
    "anxious keen eager aware unaware mindful wary fearful afraid desperate determined unwilling unable "
    "conscious confident convinced sure certain angry".split()
)
# Words after the event that make it followed by its reason ("aborted after …", "death from …").
_REASON_PREPOSITIONS = frozenset("after by from over once amid".split())
# Words after "to" that are no verb: "to" is then a preposition ("to the talks", "to Pakistan").
_NOT_A_VERB_AFTER_TO = frozenset(
    "the a an its their his her our this that these those which whom what whose some any all each every "
    "both no one two three such many most more other another be".split()
)
# Words that open a fronted clause giving the main clause's cause or condition ("Once the
# administration accepted …, Pakistan was quick to respond …", "With the Taliban having appointed
# …, the faction's importance will remain strong").
_FRONTED_CAUSE_OPENERS = frozenset("once after with given because since if should unless now upon".split())
# Verbs of causing (their stems' openings): the event as their complement has its cause as their
# subject or agent.
_CAUSING_STEMS = (
    "prompt",
    "caus",
    "forc",
    "compel",
    "push",
    "persuad",
    "pressur",
    "convinc",
    "spur",
    "galvaniz",
    "galvanis",
    "inspir",
    "motivat",
    "driv",
    "drove",
    "urg",
)
# Words a verb's bare form follows.
_BEFORE_A_BARE_VERB = AUXILIARIES | frozenset({"to"})
# A later sentence opening on one of these points back to the lead's event.
_POINTING_OPENERS = frozenset("this that it these those such thus so".split())


def reason_premise(question: str) -> str | None:
    """What `question` asks the cause of ("the U.S. kill Mullah Akhtar Mohammed Mansour" of "Why
    did the U.S. kill …?"), or None when it asks no cause."""
    asked = _REASON_ASKED.match(question)
    return asked.group("premise").strip() if asked else None


def _asked_words(premise: str) -> list[str]:
    """The premise's general content words (names, capitalised, are whom the event is of, not the
    event), save those the question itself writes as a setting ("What explains the Taliban
    surviving even as they lost …?" asks of the surviving, not the losing) and those of a "that"
    complement ("Why did the palace disclose that Mullah Omar had died?" asks of the disclosing)."""
    tokens = _TOKEN.findall(premise)
    if "that" in tokens[1:]:  # "disclose that Mullah Omar had died": what was disclosed is no event asked
        tokens = tokens[: tokens.index("that", 1)]
    return [
        token
        for at, token in enumerate(tokens)
        if token[0].islower()
        and token not in _PUNCTUATION
        and tokenize([token])[0]
        and token not in AUXILIARIES
        and _as_setting(tokens, at, "") is None
    ]


def _is_inflection(word: str, base: str) -> bool:
    """Whether `word` is `base` inflected ("killed" of "kill", "signalled" of "signal", "lost" of
    "lose"), or `base` itself when it is already inflected ("arrested")."""
    word, base = word.lower(), base.lower()
    base = _LEMMA.get(base, base)  # "became" asked, "become" written
    if word in _IRREGULAR.get(base, "").split() or (word == base and base in _IRREGULAR):
        return True
    if word in _EVENT_NOUNS.get(base, ()):
        return True  # "death" of "die", "decision" of "decide"
    if word == base + "al" or word == base.removesuffix("e") + "al":
        return True  # the event as its noun: "withdrawal" of "withdraw", "arrival" of "arrive"
    if word == base:
        return base.endswith(("ed", "ing")) or base in _IRREGULAR_FORMS
    stems = {base, base.removesuffix("e"), base + base[-1:]}
    if base.endswith("y"):
        stems.add(base[:-1] + "i")
    return any(word == s + end for s in stems for end in ("s", "es", "ed", "d", "ing"))


def _occurrences(tokens: Sequence[str], asked: Sequence[str]) -> list[int]:
    """Where `tokens` write an asked word as a verb: inflected, or bare after "to" or an auxiliary
    ("had become")."""
    found = []
    for i, token in enumerate(tokens):
        for base in asked:
            after_verb = i > 0 and tokens[i - 1].lower() in _BEFORE_A_BARE_VERB
            after_preposition = i > 0 and tokens[i - 1].lower() in _PREPOSITIONS
            if token.lower() == base and base.endswith("ing") and not (after_verb or after_preposition):
                continue  # "governing circles": an -ing word on a noun, not the event's verb
            if _is_inflection(token, base) or (token.lower() == base and after_verb):
                found.append(i)
                break
    return found


def _as_setting(tokens: Sequence[str], at: int, premise: str) -> tuple[int, int] | None:
    """The span of the clause in which the word at `at` writes its event as another event's
    setting, or None when it does not: a clause that a setting word opens ("after the U.S.
    killed", "As Hekmatyar lost ground", "with X appointing"), or a past participle on a noun,
    after a comma or before an agent the question names ("…, arrested in 2002", "a report
    prepared by NATO interrogators"; an agent the question does not name, "weakened by …
    offensives", is the cause)."""
    end = next((i for i in range(at, len(tokens)) if tokens[i] in _PUNCTUATION), len(tokens))
    word = tokens[at].lower()
    before = tokens[at - 1].lower() if at > 0 else ""
    participle = word.endswith(("ed", "en")) or word in _IRREGULAR_FORMS
    following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
    if participle and before == "," and following in _PREPOSITIONS:
        return at, end
    if following == "by" and premise and not _agent_named(tokens, at + 2, premise):
        return None  # an agent the question does not name is the cause ("weakened by … offensives")
    if participle and before and before not in _VERB_BEFORE and before not in _PUNCTUATION and following == "by":
        return at, end
    for i in range(at - 1, -1, -1):
        token = tokens[i].lower()
        if token in _PUNCTUATION or token in _CLAUSE_BREAK:
            return None
        opens = i == 0 or tokens[i - 1] in _PUNCTUATION or tokens[i - 1].lower() in {"even", "just"}
        if token in _SETTING or (token in _SETTING_AT_START and opens):
            return i, end
    return None


def _agent_named(tokens: Sequence[str], start: int, premise: str) -> bool:
    """Whether the agent after "by" (its words up to the next punctuation) shares a word with the
    question's premise."""
    agent = []
    for token in tokens[start:]:
        if token in _PUNCTUATION:
            break
        agent.append(token)
    return bool(set(tokenize([" ".join(agent)])[0]) & set(tokenize([premise])[0]))


def setting_spans(question: str, lead: str) -> list[str] | None:
    """When `question` asks why and `lead` writes its event (a content word of the question as a
    verb: inflected, or bare after "to") only as another event's setting, the lead from each
    such clause's start to its end (where a cause of the event would be written: "…, made
    little headway, largely because …"); else None."""
    premise = reason_premise(question)
    if premise is None:
        return None
    tokens = _TOKEN.findall(lead)
    where = _occurrences(tokens, _asked_words(premise))
    spans = [_as_setting(tokens, at, premise) for at in where]
    if not spans or any(span is None for span in spans):
        return None
    return [" ".join(tokens[span[0] :]) for span in spans if span is not None]


def states_a_cause(text: str) -> bool:
    """Whether `text` writes a cause or purpose connective ("because", "in order to", "prompted
    by", "Anxious to …")."""
    return _CAUSE.search(text) is not None


def _clause_of(tokens: Sequence[str], at: int) -> tuple[int, int]:
    """The part of the lead, between semicolons, holding the word at `at` ("The Taliban continued
    to rely on violence to strengthen …; Kabul, too, appeared unwilling …": the second part is
    Kabul's clause, the first's purpose is not its reason)."""
    start = next((i + 1 for i in range(at - 1, -1, -1) if tokens[i] == ";"), 0)
    end = next((i for i in range(at, len(tokens)) if tokens[i] == ";"), len(tokens))
    return start, end


def _fronted_reason(tokens: Sequence[str], start: int, openers: bool = True) -> bool:
    """Whether the clause opens on a fronted reason before its first comma: a participle or an
    adjective of mind ("Anxious to ensure …,", "Recognising the … role,", "Well aware that …,",
    "Angered that …,", "Reportedly persuaded, or pressured, by Pakistan,"), not a preposition
    that ends in -ing ("Following …", "According to …", "During …")."""
    words = [t.lower() for t in tokens[start : start + 3] if t not in _PUNCTUATION]
    if not words or "," not in tokens[start:]:
        return False
    head = words[1] if words[0] in _FRONTING_ADVERBS and len(words) > 1 else words[0]
    if head in _NOT_A_REASON_FRONT:
        return False
    if head == "to":
        return True  # "To gain vital U.S. support, Pakistan …"
    if head in _FRONTED_CAUSE_OPENERS:
        # "Once the administration accepted …, Pakistan …"; not a time ("Since then", "Since 2010")
        after = words[words.index(head) + 1] if words.index(head) + 1 < len(words) else ""
        return openers and not (after in {"then", "at", "taking"} or after[:1].isdigit())
    return head in _MIND_ADJECTIVES or head.endswith(("ing", "ed"))


def _reason_after(tokens: Sequence[str], at: int, occurrences: Sequence[int]) -> bool:
    """Whether the event's own phrase (from the word at `at` to the next punctuation) goes on to a
    reason: "after" ("was aborted after the palace disclosed …"), a purpose ("travelled to Pakistan
    to consult the shura", a "to" before another word of the event's own is not one), "for" and a
    gerund ("criticised Pakistan for playing …"), "by" or "from" ("weakened by offensives", "death
    from prolonged illness"), "over", "once", "in return for"."""
    segment_end = next((i for i in range(at + 1, len(tokens)) if tokens[i] in _PUNCTUATION), len(tokens))
    clause_end = _clause_of(tokens, at)[1]
    for i in range(at + 1, clause_end):
        word = tokens[i].lower()
        following = tokens[i + 1] if i + 1 < clause_end else ""
        if i < segment_end and word in _REASON_PREPOSITIONS:
            return True
        if i < segment_end and word == "for" and following.lower().endswith("ing"):
            return True
        if word == "as" and following.lower() in {"a", "an"}:
            return True  # "… as an antidote to Pashtun nationalism", "view as a move to legitimize …"
        if (
            word == "to"
            and following[:1].islower()
            and following.lower() not in _NOT_A_VERB_AFTER_TO
            and i + 1 not in occurrences
        ):
            return True
    return False


def _caused_complement(tokens: Sequence[str], at: int) -> bool:
    """Whether the event is the complement of a verb of causing, its subject the cause: "pressure
    from Washington prompted … Musharraf formally to sever ties", "It will be inspired to step up
    attacks", "persuaded, or pressured, by Pakistan"."""
    start = max(0, at - 8)
    return any(tokens[i].lower().startswith(_CAUSING_STEMS) or tokens[i].lower() == "led" for i in range(start, at))


def _clause_states_reason(tokens: Sequence[str], at: int, occurrences: Sequence[int]) -> bool:
    """Whether the clause writing the event at `at` as its own states a reason of any shape: a
    connective anywhere in it (`_REASON_IN_CLAUSE`: "because", "…, as they continue …", "since the
    shura still operates …", "so long as", "if"), a fronted reason, a colon after the event ("a key
    goal: a firm date …"), or a reason in the event's own phrase (`_reason_after`)."""
    start, end = _clause_of(tokens, at)
    text = " ".join(tokens[start:end])
    if _CAUSE.search(text) or _REASON_IN_CLAUSE.search(text):
        return True
    if _fronted_reason(tokens, start):
        return True
    if ":" in tokens[at:end]:
        return True
    return _caused_complement(tokens, at) or _reason_after(tokens, at, occurrences)


def _writes_or_points_back(sentence: str, premise: str) -> bool:
    """Whether a later quoted sentence is about the asked event: it writes a content word of the
    premise (by its stem), or opens by pointing back ("This …", "It …", "For this reason …")."""
    first = sentence.split(maxsplit=1)[0].lower() if sentence.split() else ""
    if first in _POINTING_OPENERS:
        return True
    words = _asked_words(premise)
    if _occurrences(_TOKEN.findall(sentence), words):
        return True
    asked = {stem for word in words for stem in tokenize([word])[0]}
    return bool(asked & set(tokenize([sentence])[0]))


def cause_unstated(question: str, quoted: Sequence[str], beside: Sequence[str] = ()) -> bool:
    """Whether `question` asks why and its answer's lead (`quoted[0]`) writes the asked event
    without a cause: only as another event's setting with no cause connective after it (a cause
    elsewhere in the lead, "Anxious to ensure that the talks succeeded, the military intervened
    …, such as after Trump called off talks", is the other event's), or, when `READS_MAIN_CLAUSE`,
    as its own clause stating no reason of any shape, nor does a sentence `beside` it in its unit
    (the one before or after: "… they know many Afghans are mistrustful of Pakistan because of
    …" before "Several hundred Afghans staged anti-Pakistan protests …"); and no other quoted
    sentence about the event (`_writes_or_points_back`) states a cause. The answer then says that,
    when or around what the event happened, not why."""
    premise = reason_premise(question)
    if premise is None or not quoted:
        return False
    tokens = _TOKEN.findall(quoted[0])
    where = _occurrences(tokens, _asked_words(premise))
    if not where:
        return False
    spans = [_as_setting(tokens, at, premise) for at in where]
    own = [at for at, span in zip(where, spans, strict=True) if span is None]
    if own and (not READS_MAIN_CLAUSE or _asks_hypothetical(question)):
        return False
    if any(_clause_states_reason(tokens, at, where) for at in own):
        return False
    if own and any(states_a_cause(text) or _fronted_reason(_TOKEN.findall(text), 0, openers=False) for text in beside):
        return False
    settings = [" ".join(tokens[span[0] :]) for span in spans if span is not None]
    if any(states_a_cause(text) for text in settings):
        return False
    return not any(_later_states_cause(sentence, premise, bool(own)) for sentence in quoted[1:])


def _asks_hypothetical(question: str) -> bool:
    """Whether the why-question asks of what would, might or will be ("Why would stalled talks
    worry …?", "Why might Pakistan soon find …?"): its answer is a consequence or a condition,
    stated in no connective ("… would heighten tensions with Kabul …"), so the clause reading
    is not read of it."""
    asked = _REASON_ASKED.match(question)
    words = question[: asked.start("premise")].lower().split() if asked else []
    return any(word in MODALS for word in words)


def _later_states_cause(sentence: str, premise: str, own: bool) -> bool:
    """Whether a later quoted sentence states a cause the answer may give: a cause connective or a
    fronted reason ("Angered that the U.S. had reneged …, the Taliban refused …"); after a lead
    writing the event as its own clause, also any reason of the clause reading when the sentence
    writes the event or points back to it."""
    tokens = _TOKEN.findall(sentence)
    if _fronted_reason(tokens, 0, openers=False):
        return True
    if not _writes_or_points_back(sentence, premise):
        return False
    if states_a_cause(sentence):
        return True
    if not own:
        return False
    where = _occurrences(tokens, _asked_words(premise))
    return bool(_REASON_IN_CLAUSE.search(" ".join(tokens))) or any(_reason_after(tokens, at, where) for at in where)
