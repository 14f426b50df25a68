"""English question words, function words and verbs of saying, each list written once.

Several readers of a question set aside the words that frame it (how it asks, not what it asks
about) before they match what is left: the answer's composer (service.answer), the dated-note
reader (service.note_answer), the off-topic reading (service.offtopic), the verdict's checks
(service.verdict), the office reader (service.holders), the reported-speech reader
(service.said_about), the follow-up rules (service.chat, service.antecedents), truecasing
(service.truecase). Their lists share most words but not all, and each difference is a reader's
own: the sets below are built from the shared pieces, and where a reader keeps a word another
does not, the set says which and why (docs/tuning.md, "The question-word lists defined once").
The verbs of saying are written once with their forms (`SPEECH_VERBS`), and each reader of speech,
in a question or in a passage (service.scope, service.summaries, service.attributions too), takes
a named set of them in the forms it reads (docs/tuning.md, "The verbs of saying defined once").

The lists are generic English, never words of a corpus document. A `…_WORDS` set holds lower-cased
words, for a reader comparing a question's words one by one; a `…_TERMS` set is derived from
words as BM25 reads them (service.bm25.terms_of: stemmed, bm25s's stop words dropped), for a
reader comparing a question's terms.
"""

from __future__ import annotations

from collections.abc import Iterable

from service.bm25 import terms_of


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _terms(*words: Iterable[str]) -> frozenset[str]:
    """The BM25 terms of all of `words`, stemmed as a question's are."""
    return terms_of(" ".join(word for group in words for word in group))


# The pieces.
WH_WORDS = _words("what who whom whose which when where why how")
MODALS = _words("can could will would should may might")
# The auxiliaries a question is built with: forms of "be", "do", "have", and the modals.
AUXILIARIES = _words("is are was were do does did has have had") | MODALS
# The conjunctions of time a question may open on before it asks ("When the Taliban took Kabul,
# how did Pakistan respond?"): the clause says when, the question after its comma what is asked
# (service.answer_type.asking_start).
TIME_CLAUSE_OPENERS = _words("when once after before while")
SUBJECT_PRONOUNS = _words("he she they it")
# Third-person pronouns: whom an answer or an earlier turn names, never what is asked of them.
THIRD_PERSON = SUBJECT_PRONOUNS | _words("his her their them him its")
DEMONSTRATIVES = _words("this that these those")
# The possessive determiners a noun phrase may open on ("its leaders", "their government").
POSSESSIVES = _words("my your his her its our their")
REFLEXIVES = _words("himself herself itself themselves")
ARTICLES = _words("the a an")
# Capitalised words that open a sentence or a clause and are never a name's first word: a
# title's name is not read from them ("the army chief. The …" names no one: service.relations), nor
# is a holder's (service.titles, which adds the prepositions and conjunctions a clause opens on).
# "My" and "Your" are not among them, as neither reader has held them.
NOT_A_NAME = _words("The A An His Her Its Their Our This That These Those Then Now Who Whom Whose Which What")
# Relational nouns that take a possessor ("Omar's deputy", "the deputy of Omar") and may name
# their holder beside them ("successor Haibatullah", "younger brother, Anas"): a relation to a
# person or a place, not an office of a body (service.relations, service.holders). Terms.
ROLE_NOUNS = _terms(
    "deputy successor predecessor population inhabitants "
    "brother sister son daughter father mother uncle nephew niece wife husband".split()
)
# Verbs of saying, each written once with its forms: base, third person, past (the past
# participle where it is the past: "claimed", "said"). Every reader of speech, in a question or
# in a passage, takes its verbs from here (`inflected`, `alternation`), each by the named set
# below its reading needs and in the forms it reads them in.
_SPEECH_VERBS = """say says said
tell tells told
write writes wrote
add adds added
argue argues argued
claim claims claimed
warn warns warned
report reports reported
suggest suggests suggested
recommend recommends recommended
advise advises advised
propose proposes proposed
urge urges urged
conclude concludes concluded
find finds found
contend contends contended
predict predicts predicted
state states stated
allege alleges alleged
promise promises promised
think thinks thought
believe believes believed
feel feels felt
mean means meant
mention mentions mentioned
describe describes described
explain explains explained
discuss discusses discussed
announce announces announced
declare declares declared
note notes noted
insist insists insisted
acknowledge acknowledges acknowledged
admit admits admitted
confirm confirms confirmed
deny denies denied
tweet tweets tweeted
post posts posted
complain complains complained
estimate estimates estimated
reveal reveals revealed
disclose discloses disclosed
assert asserts asserted
stress stresses stressed
emphasize emphasizes emphasized
emphasise emphasises emphasised
caution cautions cautioned
observe observes observed
recall recalls recalled
concede concedes conceded
maintain maintains maintained
show shows showed"""
SPEECH_VERBS: dict[str, tuple[str, str, str]] = {
    base: (base, third, past) for base, third, past in (line.split() for line in _SPEECH_VERBS.splitlines())
}
BASE, THIRD, PAST = 0, 1, 2  # a verb's forms, as `SPEECH_VERBS` holds them


def inflected(verbs: Iterable[str], *forms: int) -> tuple[str, ...]:
    """The `forms` (BASE, THIRD, PAST; all three when none is given) of each of `verbs`, in order,
    each once."""
    wanted = forms or (BASE, THIRD, PAST)
    return tuple(dict.fromkeys(SPEECH_VERBS[verb][form] for verb in verbs for form in wanted))


def alternation(words: Iterable[str]) -> str:
    """`words` as the alternatives of a regular expression ("say|says|said")."""
    return "|".join(words)


# The named sets of verbs of saying, by reading.
# Saying proper: "What did X say about Y?" asks about Y, "Who said …?" for a speaker.
SAY_TELL = ("say", "tell")
# What someone or something argues: a person ("What did X warn about Y?") or a text ("What does
# the article argue?"). The core the readings below extend.
CLAIMING_VERBS = ("write", "argue", "claim", "warn", "suggest", "predict")
# What a source says, argues or recommends: the verbs a question asks a document's or a writer's
# word with ("What does X say|argue|recommend about Y?", service.scope). Recommending and
# concluding are a text's, not asked of a person's speech (`SPEAKING_VERBS`): "What does Crisis
# Group recommend Pakistan do about …?" asks a document.
SOURCE_VERBS = ("say", *CLAIMING_VERBS, "recommend", "conclude")
# What a document covers, not only argues: "Does the briefing mention Kashmir?", "How does the
# article describe …?" (service.scope).
COVERING_VERBS = ("think", "mention", "describe", "explain", "discuss")
# What a document's whole argument comes to: "What does X advise|propose|urge|find?" asks for its
# summary (service.summaries). Not read as asking a document about a topic (service.scope): "What
# does <author> advise readers to look for?" is ranked in the whole library, and read as asked
# within the author's article it lost its answer (docs/tuning.md, "The verbs of saying defined once").
CONCLUDING_VERBS = ("advise", "propose", "urge", "find", "contend")
# What a source is asked to say about a thing whose words the corpus may never write (service.
# offtopic, `unwritten_topic`): says, argues, advises, reports. Not what it claims, warns, predicts
# or concludes: "What did the former ambassador warn about Pakistan's wish to stay away from the
# Afghan conflict?" asks of a warning a passage writes in other words, and was withdrawn when read
# so (docs/tuning.md, "The verbs of saying defined once").
TOPIC_VERBS = ("say", "write", "argue", "suggest", "recommend", "advise", "report")
# A view held, not only voiced: asked with these, no word of saying is needed beside the speaker
# ("What did Pakistan think about …?", service.said_about).
HOLDING_VERBS = ("think", "believe", "feel", "mean")
# What someone said, asked of a person (service.said_about): saying proper, what someone argues,
# and the verbs of an assertion or a pledge.
SPEAKING_VERBS = (*SAY_TELL, *CLAIMING_VERBS, "state", "allege", "promise")
# The verbs a passage reports speech with and the reported words may follow bare ("told the BBC
# the Taliban intend …"); every other verb of saying needs "that", a quotation or a colon after it
# (service.attributions).
BARE_CLAUSE_VERBS = ("say", "tell", "write", "add")
# The other verbs a passage reports speech with (service.attributions).
REPORTING_VERBS = (
    "state", "announce", "declare", "warn", "report", "claim", "note", "argue", "insist", "explain", "acknowledge",
    "admit", "confirm", "deny", "tweet", "post", "complain", "allege", "estimate", "find", "conclude", "reveal",
    "suggest", "assert", "stress", "emphasize", "emphasise", "urge", "predict", "caution", "observe", "recall",
    "concede", "maintain", "contend", "show", "disclose",
)  # fmt: skip
# Verbs of words published, not spoken (service.attributions).
PUBLISHING_VERBS = ("tweet", "post", "announce", "declare", "report", "write")
# What "it is <verb> that …" reports, an expletive "it" (service.chat); "known", "rumoured",
# "expected" are its own, no verbs of saying.
REPORTED_VERBS = ("say", "report", "believe", "claim", "think", "allege", "estimate")
# A follow-up asking only who said what the last answer quoted: "Who said that?" (service.antecedents),
# and the verbs of stating that ask the same of a passage reporting it with any word of saying: "Who
# confirmed that?", "Who denied that?", "Who acknowledged that?" (docs/tuning.md, "Who stated it").
# Not "Who wrote/published it?" (the source, its writer), nor a verb of doing ("Who led it?").
ASSERTING_VERBS = (
    "say", "state", "claim", "confirm", "deny", "acknowledge", "admit", "announce", "declare", "insist", "warn",
    "reveal", "assert", "concede", "stress", "emphasise", "emphasize", "argue", "note",
)  # fmt: skip

SAYING = frozenset(inflected(SAY_TELL))

# Question words and auxiliaries, with articles, prepositions, conjunctions and the quantity
# words of "how much", "how long": no question is about them. service.chat reads a question
# made only of these ("Why?", "When was that?") as an ellipsis of an earlier one; service.relations
# and service.answer_type skip them when reading what a question names.
QUESTION_WORDS = (
    WH_WORDS
    | AUXILIARIES
    | _words(
        """the a an of in on at to for from by with about and or but so also any some much many more most long
far old else s"""
    )
)
# The same as terms: the off-topic reading and the verdict's event check read what a question
# asks of from its other terms ("when", "did" are no thing asked of).
QUESTION_TERMS = _terms(QUESTION_WORDS)

# How a question asks, not what it asks about: wh-words, auxiliaries, pronouns, verbs of saying
# (service.answer: a sentence's share of the question's own words).
ASKING_TERMS = _terms(WH_WORDS, AUXILIARIES, THIRD_PERSON, SAYING)
SAYING_TERMS = _terms(SAYING)

# Words that tell no sentence apart by what it is about, though few sentences hold them: "What
# about the Taliban?", "Who else warned about it?", "What was going on among …" (service.answer).
FUNCTION_WORDS = _words(
    """about above after again against among around before behind below between during else
ever except from go going gone into like more most near of off once other over since such than
that then there these this those through till under until upon very while within without also
just only own same so too"""
)
FUNCTION_TERMS = _terms(FUNCTION_WORDS)

# How a follow-up asks for what came after the event the last answer led with: a word of
# sequence ("What did he do next?", "What has his group done since then?", "And then?"), or
# "after", "since", "following" before a word pointing back ("after that", "after his death",
# "after he was released": service.repeats.next_lead).
AFTERWARDS = _words("next afterwards afterward subsequently")
AFTER_WORDS = _words("after since following")
THEN_AFTER = _words("and since")  # "and then", "since then"; "then" alone may mean "at that time"
# The words of sequence a follow-up made of nothing else asks what came next with ("What happened
# later?", "What next?"); "then" and "after" only beside a verb asking for an event ("What
# happened then?", not "Where was he then?": service.repeats.asks_only_what_followed).
LATER = AFTERWARDS | _words("later")

# The verbs a question asks for an event with, whatever the event ("What happened after that?",
# "What occurred next?"): how it asks, not what it asks about (service.offtopic).
EVENT_VERBS = _words("happen happens happened happening occur occurs occurred occurring")
EVENT_VERB_TERMS = _terms(EVENT_VERBS)
# A question made only of these asks for the next event of what was said and names nothing of its
# own: its words are frame, pointers back and words of sequence (service.offtopic).
EVENT_FRAME_TERMS = _terms(EVENT_VERBS, LATER, FUNCTION_WORDS, THIRD_PERSON, DEMONSTRATIVES)

# The words that compare two things by time or by amount ("Which came first, A or B?", "Is A
# older than B?", "how many more X than Y"), in the order service.answer's patterns try them, and
# the words of a side that name no side: how a comparison asks, not what it compares.
BY_TIME = ("first", "earlier", "earliest", "later", "before", "after", "older", "younger", "newer")
BY_AMOUNT = ("more", "less", "fewer", "bigger", "larger", "smaller", "higher", "lower", "greater")
COMPARING_VERBS = _words("came come happened started began took place many much all")
COMPARING_TERMS = _terms(BY_TIME, BY_AMOUNT, COMPARING_VERBS)

# How a date question asks, and words that name no event: a note holding "said", "had" or "over"
# shares nothing with "When did X say he had …?" (service.note_answer). Its own: the date nouns
# ("What year …") and the light verbs an event is asked with ("make", "get", "give", "done").
DATE_ASKING_TERMS = (
    ASKING_TERMS | FUNCTION_TERMS | _terms(_words("ask asked make made get got give given done date year month day"))
)

# Verbs that carry no event of their own beside another word ("When did the talks come to a
# halt?": the event is the halt), not read as the event's own word (service.offtopic,
# `dates_in_own_words`).
LIGHT_VERB_TERMS = _terms(
    _words("be is was were been have has had do does did get got go went come came make made take took give gave")
)

# Words that point at what an earlier sentence or question named, never the event asked about
# (service.offtopic).
POINTER_TERMS = _terms(_words("i me my we us our you your"), THIRD_PERSON, DEMONSTRATIVES, {"there"})

# Words of a reported-speech question's frame, not of its topic ("What did X say about how the
# Taliban must come to power?", service.said_about).
SPEECH_FRAME_TERMS = _terms(WH_WORDS, {"whether"}, MODALS, _words("must being become"), SUBJECT_PRONOUNS)

# Words of a "Who is the current <office>?" question that carry no office: its question words and
# auxiliaries, forms of "be", articles, prepositions and the verbs of holding an office
# (service.holders).
OFFICE_FRAME_WORDS = (
    WH_WORDS | AUXILIARIES | _words("be been the a an of to for in at on by with and or as that serves serve served")
)

# The words that make a text a question (service.truecase): wh-words anywhere in it, also typed
# without their apostrophe ("whats", "whos"), and the auxiliaries a yes/no question opens on.
INTERROGATIVES = WH_WORDS | {"whats", "whos"}
QUESTION_OPENERS = AUXILIARIES | {"am", "shall"}
