"""Sentences of running text -> the sources they name in words: one stage, read by the form of
the sentence.

A web article has no notes: it names its sources in the sentence itself. This reads each
sentence's attributions into the `Source` shape of service.citations, with the words that make
each one (docs/sources.md, "Sources named in the text"):

- a speaker and a reporting verb with what was reported: `Taliban spokesperson Suhail Shaheen
  told the BBC the Taliban intend to …`, `Moeed Yusuf recently warned that …`, `he also said
  Pakistan … must decide "…"`, `"…," Khan told Reuters.`, `as Anwar Iqbal wrote in Dawn, …`;
- `according to X`: `According to TTP data, …` (a report from its issuer), `according to Reuters`;
- `as <participle> by X`: `as reported by Reuters`, `as seen by Islamabad itself`;
- a document something is quoted or cited in: `quoted in a 2012 report prepared by NATO
  interrogators`.

The kind comes from the words: `interview` when someone told an outlet, the writer ("told
me") or spoke in an interview, or when an unnamed person described by what they are said,
told, warned or noted it ("a former senior military officer said": an anonymous source is
someone the writer spoke to; docs/sources.md); `official statement` for a statement, an
announcement, or a spokesperson's, a minister's or a named official's words; `website` for a
tweet or a post; `news article` when an outlet reported or someone wrote in one; `report` for
data, a report, a study or a survey; `other` for anyone else's words (a named person's bare
"Khan said" may be a speech, a post or an interview elsewhere: the sentence does not say).
`author` is the speaker as written (a pronoun stays a pronoun: nothing is resolved or
invented), `outlet` the outlet or issuing body as written, `date` when the attribution gives
one. A verb needs reported content after it (`that`, a quotation, a
colon, or for say/tell/write/add a clause), so "announced their new government" and "That
said, …" name no source. Nothing here knows which document a sentence comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.citations import DATE, NEWS_WORDS, REPORT_WORDS, STATEMENT_WORDS, Source, SourceKind, iso_date
from service.question_words import (
    BARE_CLAUSE_VERBS,
    PAST,
    PUBLISHING_VERBS,
    REPORTING_VERBS,
    THIRD,
    alternation,
    inflected,
)
from service.text import Span


@dataclass(frozen=True)
class Attribution:
    """A source a sentence names in its own words. `source.span` is where those words are, and
    `sentence` the sentence's span, both `[start, end)` in the text that was read (a passage's
    text for `passage_attributions`)."""

    source: Source
    sentence: Span
    text: str  # the attribution's words, verbatim: "Taliban spokesperson Suhail Shaheen told the BBC"

    @property
    def identified(self) -> bool:
        """Whether it names who or where: a speaker other than a bare pronoun, or an outlet.
        "They also complained that …" is read (the sentence reports words) but names nobody a
        reader could check, so the page and Slack do not label it (docs/sources.md)."""
        author = (self.source.author or "").strip().lower()
        return bool(self.source.outlet) or bool(author and author not in _PRONOUNS)


# Words ---------------------------------------------------------------------------------------

_PRONOUNS = frozenset("he she they it we i you one someone somebody".split())

# Reporting verbs. Say, tell, write and add take a bare clause ("told the BBC the Taliban
# intend …"); the others need "that", a quotation or a colon after them.
_BARE_VERBS = inflected(BARE_CLAUSE_VERBS)
# Of the others, the past and the third person, but for the two more often plural nouns ("the 843
# planned frontier posts", "the notes"): read as verbs, they name their clause's subject a speaker.
_OTHER_VERBS = tuple(verb for verb in inflected(REPORTING_VERBS, PAST, THIRD) if verb not in ("posts", "notes"))
_VERB = re.compile(rf"(?<=\s)(?P<verb>{alternation(_BARE_VERBS + _OTHER_VERBS)})\b")
_TELL = frozenset(inflected(("tell",)))
# Verbs of words published, not spoken: an unnamed speaker's other words (below) were spoken
# to the writer.
_PUBLISHED = frozenset(inflected(PUBLISHING_VERBS, PAST, THIRD))
# Whom someone tells that is the writer: an interview the article's own author held.
_WRITER = re.compile(r"(?:me|us|the\s+(?:author|writer)|this\s+(?:author|writer|reporter|correspondent))", re.I)
# An unnamed speaker, described by what they are: "a former senior military officer", "one
# Western diplomat", "two analysts". A name after a comma ("an analyst, Ayesha Siddiqa,") names them.
_UNNAMED = re.compile(r"(?:a|an|one|another|two|three|four|several)\s+[a-z]", re.I)
# Who speaks on the record for an office, or is the office: "a Taliban spokesperson", "a ministry".
_ON_THE_RECORD = re.compile(
    r"\b(?:spokes(?:person|man|woman|people)|ministry|government|embassy|office|department)\b", re.I
)
_PRONOUN_OBJECT = re.compile(r"(?:him|her|them|me|us|you|it)\b")
_BE = frozenset("is are was were be been being am".split())
_AUXILIARY = frozenset("has have had will would could can may might shall should did does do".split())
_LEADING = frozenset("but and yet so or as also then thus".split())
_ADVERBS = frozenset("also then later once again still even now too just first since often never likewise".split())
_EXPLETIVE = frozenset("there this that these those what which who whom all".split())
_REFLEXIVE = re.compile(r"\s+(?:itself|himself|herself|themselves)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+|^(?:The|A|An)\s+(?=[a-z])")
_PREPOSITION = frozenset("of in on at to by for with from about during after before over into against".split())
_QUOTE_OPEN = '“"‘'

# Whom an interview is given to, or a statement made to, that is no outlet.
_PUBLIC = re.compile(
    r"^(?:reporters|journalists|the\s+press|parliament|lawmakers|legislators|the\s+(?:national\s+)?assembly|"
    r"the\s+senate|congress|the\s+nation|supporters|a\s+crowd|a\s+rally)$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:spokes(?:person|man|woman|people)|ministry|minister|government|president|prime\s+minister|embassy|"
    r"officials?|advis[eo]r|ambassador|governor|secretary|foreign\s+office|department)\b",
    re.IGNORECASE,
)
# The head noun of a document or data set something is drawn from, and the kind it makes.
_DOCUMENT_KINDS: dict[str, SourceKind] = {
    **dict.fromkeys(
        "report reports study studies data figures statistics survey surveys poll polls analysis assessment "
        "estimates estimate research census paper audit".split(),
        "report",
    ),
    **dict.fromkeys("article column op-ed editorial".split(), "news article"),
    **dict.fromkeys("statement statements communique communiqué release".split(), "official statement"),
    **dict.fromkeys("interview interviews".split(), "interview"),
    **dict.fromkeys("book memoir".split(), "book"),
    **dict.fromkeys("tweet tweets post posts website".split(), "website"),
}
_DOCUMENT = "|".join(sorted(_DOCUMENT_KINDS, key=len, reverse=True))
_MEDIA: dict[str, SourceKind] = {
    "interview": "interview",
    "statement": "official statement",
    "speech": "official statement",
    "press conference": "official statement",
    "news conference": "official statement",
    "briefing": "official statement",
    "tweet": "website",
    "post": "website",
    "article": "news article",
    "column": "news article",
    "op-ed": "news article",
    "letter": "other",
    "video": "other",
}
_MEDIUM = "|".join(m.replace(" ", r"\s+") for m in sorted(_MEDIA, key=len, reverse=True))
# Adjectives before "interview" that say when or how, not where: "a recent Pakistani TV interview".
_NOT_OUTLET = re.compile(
    r"^(?:(?:recent|earlier|new|exclusive|televised|telephone|phone|rare|lengthy|brief|separate|latest|last|"
    r"video|online|joint|written|radio)\s+)+",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w.&’'-]*"
_NAME = rf"(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|for|and|&|on)\s+)?{_NAME_WORD})*"
# An issuer after "by": a name, and perhaps one common noun after it ("NATO interrogators").
_ISSUER = rf"(?:(?:the|a|an)\s+)?{_NAME_WORD}(?:\s+(?:(?:of|for|and|&)\s+)?{_NAME_WORD})*(?:\s+[a-z]+s\b)?"

# "a recent TV interview with Geo News", "his speech to parliament": the medium someone spoke in,
# the words before it, and with whom; after the verb ("…, he said in an interview") or opening
# the clause ("In an interview with Dawn, Khan said …").
_IN_MEDIUM = (
    rf"(?:a|an|the|his|her|their|its)\s+(?P<mods>(?:[\w’'.-]+\s+){{0,4}}?)"
    rf"(?P<medium>{_MEDIUM})\b(?:\s+(?:with|to|for|in)\s+(?P<with>{_NAME}))?"
)
_MEDIUM_AFTER = re.compile(rf"^\s*,?\s*(?:in|during|on)\s+{_IN_MEDIUM}")
_INTERVIEW_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<intro>(?:In|in|During|during)\s+{_IN_MEDIUM})\s*,\s*$")
_WROTE_IN = re.compile(rf"^\s+(?:in|for)\s+(?P<outlet>{_NAME})")
_WHEN = re.compile(
    rf"^\s+(?:on|in)\s+(?P<date>{DATE})\b"
    r"|^\s+(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year|weekend)\b|^\s+(?:recently|yesterday|today)\b"
)
_TOLD_OBJECT = re.compile(
    r"^\s+(?P<object>(?:[\w’'.&-]+\s+){0,5}?[\w’'.&-]+?)"
    r"(?=\s+(?:that|on|in|at|last|this|earlier|during|after|before|when|to|the|a|an|he|she|they|it|we|I)\b"
    r"|\s*[,.:;—–“”\"]|$)"
)
_ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\s+(?P<np>[^,;:—–()“”\"]+?)(?=\s*(?:[,;:—–()“”\"]|\.\s*$|$))")
_AS_BY = re.compile(
    r"\b[Aa]s\s+(?:(?:was|is|has\s+been)\s+)?(?:reported|noted|stated|seen|described|put|quoted|cited|told|"
    r"documented|revealed|estimated)\s+by\s+(?P<np>[^,;:—–()“”\"]+?)(?=\s*(?:[,;:—–()“”\"]|\.\s*$|$))"
)
_QUOTED_IN = re.compile(
    r"\b(?:quoted|cited|described|mentioned|published|reported|documented|detailed)\s+in\s+"
    rf"(?P<np>(?:a|an|the|his|her|their|its)\s+(?:[\w’'.-]+\s+){{0,3}}?(?:{_DOCUMENT})\b"
    rf"(?:\s+(?:(?:prepared|published|released|issued|written|compiled|produced)\s+)?(?:by|from|of)\s+{_ISSUER})?)"
)
_CLAUSE_BREAK = re.compile(
    r"[;:—–()“”\"]|\s-\s|\s(?:though|although|because|while|whereas|when|since|if|unless|but|after|before|so)\s"
)
_DOCUMENT_NP = re.compile(
    rf"^(?P<before>[^,]*?)\b(?P<head>{_DOCUMENT})(?:\s+(?:on|about|into|of)\s+[^,]*?)??"
    r"(?:\s+(?:(?:prepared|published|released|issued|written|compiled|produced)\s+)?(?:by|from)\s+(?P<by>.+?))?$"
)
_DETERMINER = re.compile(r"^(?:(?:the|a|an|this|that|his|her|their|its|one|new|recent|latest|(?:1[89]|20)\d\d)\s+)+")
MAX_SPEAKER_WORDS = 12


@dataclass(frozen=True)
class _Found:
    """An attribution before it becomes a Source: its fields and its words' span in the sentence."""

    start: int
    end: int
    kind: SourceKind
    author: str | None = None
    outlet: str | None = None


# Reading one sentence ----------------------------------------------------------------------


def read_attributions(sentence: str, offset: int = 0) -> tuple[Attribution, ...]:
    """The sources `sentence` names in its words, in order; spans shifted by `offset` (where
    the sentence starts in the text it came from). Overlapping readings keep the longest."""
    found = sorted(
        [*_named_by_phrase(sentence), *_speech(sentence)],
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    kept: list[_Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            if item.end - item.start > kept[-1].end - kept[-1].start:
                kept[-1] = item
            continue
        kept.append(item)
    return tuple(_attribution(sentence, item, offset) for item in kept)


def _attribution(sentence: str, found: _Found, offset: int) -> Attribution:
    words = sentence[found.start : found.end]
    date = next((iso_date(m.group(0)) for m in re.finditer(DATE, words) if iso_date(m.group(0))), None)
    span = (offset + found.start, offset + found.end)
    source = Source(found.kind, author=found.author, outlet=found.outlet, date=date, span=span)
    return Attribution(source, (offset, offset + len(sentence)), words)


def _named_by_phrase(sentence: str) -> Iterator[_Found]:
    """`According to TTP data, …`, `…, according to Reuters.`; `as reported by Reuters`, `as
    seen by Islamabad itself`; `quoted in a 2012 report prepared by NATO interrogators`: a
    phrase whose noun phrase names the source."""
    for pattern in (_ACCORDING_TO, _AS_BY, _QUOTED_IN):
        for match in pattern.finditer(sentence):
            found = _named_source(match.group("np"))
            if found is not None:
                kind, author, outlet = found
                yield _Found(match.start(), match.end("np"), kind, author, outlet)


def _named_source(np: str) -> tuple[SourceKind, str | None, str | None] | None:
    """(kind, author, outlet) of a noun phrase naming a source: a document or data set and its
    issuer (`TTP data`, `a report by the U.N.`), a news outlet, an office, or someone."""
    np = np.strip()
    if not np or len(np.split()) > MAX_SPEAKER_WORDS:
        return None
    document = _DOCUMENT_NP.match(np)
    if document is not None:
        kind = _DOCUMENT_KINDS[document.group("head").lower()]
        issuer = document.group("by") or _DETERMINER.sub("", document.group("before")).strip()
        return kind, None, _name(issuer)
    if NEWS_WORDS.search(np):
        return "news article", None, _name(np)
    if _ROLE.search(np) or STATEMENT_WORDS.search(np):
        return "official statement", _name(np), None
    return "other", _name(np), None


def _name(text: str | None) -> str | None:
    """A speaker or outlet as written, without a leading article or a trailing "itself"."""
    if not text:
        return None
    text = _REFLEXIVE.sub("", _ARTICLE.sub("", text.strip().strip(",").strip()))
    return text or None


# A speaker and a reporting verb --------------------------------------------------------------


def _speech(sentence: str) -> Iterator[_Found]:
    for match in _VERB.finditer(sentence):
        if _inside_quotation(sentence, match.start()):
            continue  # words quoted from someone are theirs, not the article's attribution
        found = _speech_at(sentence, match)
        if found is not None:
            yield found


def _inside_quotation(sentence: str, position: int) -> bool:
    before = sentence[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _speech_at(sentence: str, match: re.Match[str]) -> _Found | None:
    """The attribution made by the reporting verb at `match`, or None when it makes none."""
    verb = match.group("verb")
    speaker = _speaker(sentence, match.start())
    if speaker is None:
        return None
    start, author, led_by_as = speaker
    end = match.end()
    medium: tuple[SourceKind, str | None] | None = None
    if verb in _TELL:
        obj = _TOLD_OBJECT.match(sentence[end:])
        if obj is None:
            return None
        end += obj.end()
        if _WRITER.fullmatch(obj.group("object")):
            medium = ("interview", None)
        elif _is_outlet(obj.group("object")):
            medium = ("interview", _name(obj.group("object")))
    elif verb in ("wrote", "writes"):
        wrote_in = _WROTE_IN.match(sentence[end:])
        if wrote_in is not None:
            end += wrote_in.end()
            medium = ("news article", _name(wrote_in.group("outlet")))
    end, adjunct = _adjuncts(sentence, end)
    medium = medium or adjunct
    if not (led_by_as or _reports_content(sentence, end, verb, start)):
        return None
    intro = _INTERVIEW_BEFORE.search(sentence[:start])
    if intro is not None and medium is None:
        start = intro.start("intro")
        medium = _medium(intro)
    if medium is not None:
        return _Found(start, end, medium[0], author, medium[1])
    kind, named_author, outlet = _named_source(author) or ("other", author, None)
    if verb in ("tweeted", "tweets", "posted"):
        kind = "website"
    elif verb in ("announced", "announces", "declared", "declares") and kind == "other":
        kind = "official statement"
    elif verb in ("reported", "reports", "wrote", "writes") and kind == "other":
        kind = "news article"
    elif verb not in _PUBLISHED and _unnamed(sentence, start, author) and kind in ("other", "official statement"):
        kind = "interview"
    return _Found(start, end, kind, named_author, outlet)


def _unnamed(sentence: str, start: int, author: str) -> bool:
    """Whether the speaker at `start` is someone unnamed, described by what they are ("A former
    senior military officer", "one Western diplomat"): not a spokesperson (who speaks on the
    record for an office), an office or a document. Such words were given to the writer: an
    anonymous source's words are no public statement a reader could look up (docs/sources.md,
    "Sources named in the text")."""
    if not _UNNAMED.match(sentence, start) or "," in author or _ON_THE_RECORD.search(author):
        return False
    return not re.search(rf"\b(?:{_DOCUMENT})\b", author, re.I)  # "a 2019 report said": a document


# What someone is told that makes it an interview: a newsroom, a channel, an organisation.
_MEDIA_NOUNS = re.compile(
    r"\b(?:channel|newspaper|paper|TV|television|radio|station|network|magazine|agency|outlet|broadcaster|"
    r"website|podcast|daily|weekly|news\s*(?:paper|agency|site)?|reporter|correspondent)\b",
    re.IGNORECASE,
)
_BODIES = re.compile(r"\b(?:Council|Assembly|Parliament|Senate|Congress|Committee|Summit|Conference|Court)\b")


def _is_outlet(told: str) -> bool:
    """Whether whom someone told is an outlet or an organisation (an interview) rather than a
    person, a body or the public ("told Secretary of State Mike Pompeo", "told parliament")."""
    if _PRONOUN_OBJECT.fullmatch(told) or _PUBLIC.match(told) or _BODIES.search(told):
        return False
    return bool(
        NEWS_WORDS.search(told)
        or _MEDIA_NOUNS.search(told)
        or REPORT_WORDS.search(told)
        or re.fullmatch(r"(?:the\s+)?[A-Z]{2,6}", told)
    )


def _adjuncts(sentence: str, end: int) -> tuple[int, tuple[SourceKind, str | None] | None]:
    """Past what follows a verb and says where or when: `in a statement`, `in an interview
    with Al Jazeera`, `on 5 May 2021`, `last week`; the medium's kind and outlet, if named."""
    medium = None
    while True:
        found = _MEDIUM_AFTER.match(sentence[end:])
        if found is not None:
            medium = _medium(found)
            end += found.end()
            continue
        when = _WHEN.match(sentence[end:])
        if when is not None:
            end += when.end()
            continue
        return end, medium


def _medium(found: re.Match[str]) -> tuple[SourceKind, str | None]:
    """The kind a medium makes and its outlet: `with X`, or the words before "interview"."""
    kind = _MEDIA[" ".join(found.group("medium").lower().split())]
    outlet = found.group("with") or _NOT_OUTLET.sub("", found.group("mods") or "").strip()
    return kind, _name(outlet)


def _reports_content(sentence: str, end: int, verb: str, start: int) -> bool:
    """Whether reported content follows the verb (or a quotation ends right before its speaker)."""
    if re.search(r"[”\"’],?\s*$", sentence[:start]):
        return True  # "“…,” Khan told Reuters."
    rest = sentence[end:]
    if re.match(rf"^\s*(?:,\s*)?(?:that\b|[{_QUOTE_OPEN}]|:)", rest):
        return True
    if verb in _BARE_VERBS:
        word = re.match(r"^\s+([\w’'-]+)", rest)
        if word is not None and word.group(1).lower() not in _PREPOSITION:
            return True
    clause = re.split(r"[.;]\s", rest, maxsplit=1)[0]
    return any(q in clause for q in _QUOTE_OPEN)


def _speaker(sentence: str, verb_start: int) -> tuple[int, str, bool] | None:
    """(start, the speaker as written, led by "as") of the verb at `verb_start`: the noun phrase
    before it in its clause, an appositive kept ("Pakistan's national security advisor, Moeed
    Yusuf,"); None for no speaker, a passive ("was told") or an expletive ("That said")."""
    head = _without_trailing_adverbs(sentence[:verb_start])
    if head is None:
        return None
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)] + [m.end() for m in _VERB.finditer(head)]
    clause_start = max(breaks, default=0)
    clause = head[clause_start:]
    segments = _comma_segments(clause, clause_start)
    while len(segments) > 1 and segments[-1][1].lower() in _PARENTHETICALS:
        segments.pop()  # "A former senior security official, for example, said"
    if not segments:
        return None
    chosen = [segments[-1]]
    relative = re.match(r"(?:who|which|that)\s+", segments[-1][1])
    inset = _list_inset(segments)
    if inset is not None:
        return _listing_speaker(head, segments[inset - 1 :])
    if relative is not None:  # "…, which it insists": the speaker inside the relative clause
        chosen = [(segments[-1][0] + relative.end(), segments[-1][1][relative.end() :])]
    elif clause.rstrip().endswith(",") and len(segments) >= 2 and not _is_intro(segments[-2][1]):
        chosen = [segments[-2], segments[-1]]  # an appositive: "advisor, Moeed Yusuf,"
    start = chosen[0][0]
    return _phrase_speaker(head[start : chosen[-1][0] + len(chosen[-1][1])], start)


def _phrase_speaker(text: str, start: int) -> tuple[int, str, bool] | None:
    """(start, the speaker as written, led by "as") of the noun phrase `text` (at `start`) a
    verb of saying follows, its leading conjunctions and "as" left out; None when it opens with
    an expletive or a preposition, is a relative word alone, or is longer than a speaker's
    phrase (MAX_SPEAKER_WORDS)."""
    text, start, led_by_as = _strip_leading(text, start)
    text = _FLOATING.sub("", text)  # "X and Y both warned": "both" is no word of the speakers
    words = text.split()
    if not words or words[0].lower() in _EXPLETIVE or words[0].lower() in _PREPOSITION:
        return None
    if _speaker_length(words) > MAX_SPEAKER_WORDS or (len(words) == 1 and words[0].lower() in _RELATIVE):
        return None
    speaker = _name(text)
    return (start, speaker, led_by_as) if speaker else None


# A quantifier floated after a subject of several ("the secretary and the chairman both warned").
_FLOATING = re.compile(r"\s+(?:both|all|each)\s*$", re.IGNORECASE)
SPEAKER_PARTS = 2  # "X and Y said": two speakers, each a speaker's phrase long at most


def _speaker_length(words: Sequence[str]) -> int:
    """How long a speaker's phrase of `words` is, as MAX_SPEAKER_WORDS bounds it: the words of its
    longest speaker when it joins two with "and" ("the U.S. defense secretary and the chairman of
    the Joint Chiefs of Staff" is two phrases of four and seven words, not one of twelve); more
    than two joined count whole. A clause read as a speaker stays long either way: over the
    corpus, the three phrases a verb of saying follows that are over twelve words are this
    speaker (fourteen words, "both" included) and two clauses (fourteen and twenty-one words, of
    thirteen and twenty-one words once split at "and"): counting only content words would have
    let the fourteen-word clause in, raising the limit to fourteen both (docs/tuning.md, session 43)."""
    joins = [at for at, word in enumerate(words) if 0 < at < len(words) - 1 and word.lower() == "and"]
    if len(joins) != SPEAKER_PARTS - 1:
        return len(words)
    return max(joins[0], len(words) - joins[0] - 1)


# A list's inset inside a noun phrase: "several Pakistani, including military, governments" is one
# phrase whose last word ends the list, not an appositive naming the speaker.
_INSET = re.compile(r"(?:including|such\s+as|notably|especially|particularly|among\s+them)\b", re.IGNORECASE)
# Where a speaker's head noun phrase ends and its modifier begins ("A former senior Pakistani
# diplomat | with close links to …").
_MODIFIER_OPENS = re.compile(r"\s+(?:with|of|from|to|in|at|on|for|among|between|who|whose|which|that)\s")


def _list_inset(segments: list[tuple[int, str]]) -> int | None:
    """The position of the last comma segment that opens a list's inset ("including military")
    with a segment after it that closes the list ("governments"); None when there is none."""
    return next((n for n in range(len(segments) - 2, 0, -1) if _INSET.match(segments[n][1])), None)


def _listing_speaker(head: str, segments: list[tuple[int, str]]) -> tuple[int, str, bool] | None:
    """The speaker of a noun phrase holding a list's inset, from the segment before the inset to
    the list's end: its head noun phrase when the segment before the inset holds a modifier ("A
    former senior Pakistani diplomat" of "A former senior Pakistani diplomat with close links to
    several Pakistani, including military, governments,"), else the whole phrase ("Several
    Pakistani, including military, governments"). The list's last word is never the speaker
    (docs/sources.md, "Sources named in the text")."""
    start, first = segments[0]
    modifier = _MODIFIER_OPENS.search(first)
    return _phrase_speaker(
        first[: modifier.start()] if modifier else head[start : segments[-1][0] + len(segments[-1][1])], start
    )


_PARENTHETICALS = frozenset(
    "for example|for instance|however|in turn|too|though|meanwhile|in fact|moreover|likewise|therefore|"
    "in particular|again|also|then|in short|in response|instead".split("|")
)
_RELATIVE = frozenset("who which that whom whose".split())


def _without_trailing_adverbs(head: str) -> str | None:
    """The text before a verb without the adverbs and auxiliaries just before it ("have
    previously", "also", "recently"); None when a form of "be" is left there (a passive: "was
    told") or nothing is."""
    words = list(re.finditer(r"\S+", head))
    while words and (
        words[-1].group(0).lower() in _AUXILIARY
        or words[-1].group(0).lower() in _ADVERBS
        or re.fullmatch(r"[a-z]+ly", words[-1].group(0))
    ):
        words.pop()
    if not words or words[-1].group(0).lower() in _BE:
        return None
    return head[: words[-1].end()]


def _comma_segments(clause: str, offset: int) -> list[tuple[int, str]]:
    """The clause's comma-separated pieces with their starts, skipping empty pieces and
    relative clauses before the last piece ("Khan, who visited Kabul, said")."""
    pieces: list[tuple[int, str]] = []
    position = 0
    for piece in clause.split(","):
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            pieces.append((offset + position + lead, piece.strip()))
        position += len(piece) + 1
    return [p for n, p in enumerate(pieces) if n == len(pieces) - 1 or not re.match(r"(?:who|which|whose)\b", p[1])]


_INTRO = re.compile(
    r"^(?:In|On|At|After|Before|During|Since|Despite|Additionally|However|Meanwhile|Moreover|Furthermore|Still|"
    r"Yet|But|And|Also|Tellingly|Indeed|Later|Earlier|Last|This|Separately|Similarly|For)\b"
)


def _is_intro(segment: str) -> bool:
    """An introductory phrase or adverb before a clause, not the first half of an appositive."""
    return bool(_INTRO.match(segment)) or segment[:1].islower() or bool(re.fullmatch(r"[A-Z][a-z]+ly", segment))


def _strip_leading(text: str, start: int) -> tuple[str, int, bool]:
    """Without leading conjunctions and "as" ("But he", "As Anwar Iqbal"); whether "as" led."""
    led_by_as = False
    while True:
        word = re.match(r"([\w’']+)\s+", text)
        if word is None or word.group(1).lower() not in _LEADING:
            return text, start, led_by_as
        led_by_as = led_by_as or word.group(1).lower() == "as"
        text, start = text[word.end() :], start + word.end()


# Passages ------------------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def passage_attributions(text: str, sentences: tuple[Span, ...]) -> tuple[Attribution, ...]:
    """Every attribution of a passage's sentences (`[start, end)` spans into `text`), in order;
    read when first asked for and kept (a few hundred microseconds a passage)."""
    return tuple(a for start, end in sentences for a in read_attributions(text[start:end], start))


def closing(attributions: Sequence[Attribution], span: Span) -> tuple[Attribution, ...]:
    """The attributions of the sentence `span` (a sentence of the same passage)."""
    start, end = span
    return tuple(a for a in attributions if start <= a.source.span[0] and a.source.span[1] <= end)
