"""Footnote text -> the sources it names: one stage, read by the form of the text.

A footnote names zero or more sources, separated by sentences or ";":

- an interview: `Crisis Group telephone interviews, former ambassador, Islamabad, January 2021`
  (who interviewed, the kind of interviewee, the place, the date);
- a quoted title: `Author, "Title", Outlet, 8 June 2018` (a news article, a report or an
  official statement, told apart by the outlet's and the title's words, `_kind_of`);
- a series report: `Crisis Group Asia Reports N°s 62, Title, 5 August 2003; 207, Title, …`;
- a book: `Ahmed Rashid, Title (London, 2001)`;
- a short reference: `Iqbal, "Short title", op. cit.` or `Ibid.`, resolved to the earlier
  source it points at (same document, earlier footnote or earlier in the same one);
- anything else that ends like a citation (`…, DATE`) is `other`, with its date.

Sentences of commentary in a footnote ("Pakistan held Afghan hardliners … responsible") name
no source and give none. Nothing here knows which document a footnote comes from: the rules are
English citation conventions (Chicago-like notes, the style of think-tank reports and news
footnotes). The measured precision and recall per field, and what is not read, are in
docs/sources.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from service.dates import MONTH_ABBREVIATIONS, month_number, month_pattern

SourceKind = Literal[
    "interview", "news article", "report", "book", "official statement", "legal text", "website", "other"
]
SOURCE_KINDS: tuple[SourceKind, ...] = (
    "interview",
    "news article",
    "report",
    "book",
    "official statement",
    "legal text",
    "website",
    "other",
)


@dataclass(frozen=True)
class Source:
    """One source a footnote names. Text fields are verbatim from the footnote (or, for a short
    reference, from the footnote it resolves to); `date` is ISO 8601: `2018-06-08`, `2021-01`,
    `2018`, or an interval `2021-04/2021-05`."""

    kind: SourceKind
    author: str | None = None
    title: str | None = None
    outlet: str | None = None  # newspaper, publisher, issuing body
    date: str | None = None
    url: str | None = None
    place: str | None = None  # interviews: where, or where the interviewees are based
    interviewee: str | None = None  # interviews: the kind of person, as the note puts it
    first_cited_in: int | None = None  # op. cit. / ibid.: the footnote number first citing it
    span: tuple[int, int] = (0, 0)  # the citation's [start, end) in the footnote text


# Dates -----------------------------------------------------------------------------------

MONTH = month_pattern(MONTH_ABBREVIATIONS, full_stop=r"\.?")  # every abbreviation, the stop optional
_YEAR = r"(?:1[5-9]|20)\d\d"
_DASH = r"\s*[-–—/]\s*"
# Longest forms first: "November 2020-March 2021" before "November 2020".
DATE = (
    rf"(?:{MONTH}\s+{_YEAR}{_DASH}{MONTH}\s+{_YEAR}"
    rf"|\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s+{MONTH}(?:{_DASH}\d{{1,2}}\s+{MONTH})?\s+{_YEAR}"
    rf"|{MONTH}\s+\d{{1,2}}(?:{_DASH}\d{{1,2}})?,\s+{_YEAR}"
    rf"|{MONTH}(?:{_DASH}{MONTH})?\s+{_YEAR}"
    rf"|{_YEAR}-[01]\d(?:-[0-3]\d)?"
    rf"|{_YEAR}(?:{_DASH}{_YEAR})?)"
)
_DATE_PART = re.compile(rf"(?:(\d{{1,2}})(?:\s+|$))?({MONTH})?\s*(?:(\d{{1,2}}),\s+)?({_YEAR})?", re.IGNORECASE)
_ISO = re.compile(rf"^{_YEAR}-[01]\d(?:-[0-3]\d)?$")


def name_key(name: str) -> str:
    """The form in which two spellings of one name (an outlet, an issuer, a document's title)
    compare equal: they may differ only in case and spacing ("The  News" is "the news")."""
    return " ".join(name.casefold().split())


def iso_date(text: str) -> str | None:
    """`16 December 2016` -> `2016-12-16`; `April-May 2021` -> `2021-04/2021-05`; None when
    `text` is not a date of a form in DATE."""
    text = text.strip().rstrip(".")
    if _ISO.match(text):
        return text
    if not re.fullmatch(DATE, text, re.IGNORECASE):
        return None
    halves = re.split(r"\s*[-–—/]\s*(?=[A-Za-z]|\d{4}$|\d{1,2}\s+[A-Za-z])", text, maxsplit=1)
    dates = [_one_date(h) for h in halves]
    if len(dates) == 2 and dates[0] is not None and dates[1] is not None:
        start, end = _fill_from(dates[0], dates[1]), dates[1]
        return _iso(start) if start == end else f"{_iso(start)}/{_iso(end)}"
    return _iso(dates[0]) if dates[0] is not None else None


def _one_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of one end of a date, any part possibly missing."""
    match = _DATE_PART.fullmatch(text.strip())
    if match is None:
        return None
    day, month, us_day, year = match.groups()
    day_number = int(day or us_day) if (day or us_day) else None
    return (int(year) if year else None, month_number(month[:3]) if month else None, day_number)


def _fill_from(
    start: tuple[int | None, int | None, int | None], end: tuple[int | None, int | None, int | None]
) -> tuple[int | None, int | None, int | None]:
    """The start of a range takes what it leaves out from the end: "April-May 2021"."""
    year, month, day = start
    return (year or end[0], month or (end[1] if day else None), day)


def _iso(date: tuple[int | None, int | None, int | None]) -> str:
    year, month, day = date
    parts = [f"{year:04d}" if year else "????"]
    if month:
        parts.append(f"{month:02d}")
        if day:
            parts.append(f"{day:02d}")
    return "-".join(parts)


# Splitting a footnote into citation pieces ------------------------------------------------

# Words after which a period does not end a sentence (titles, numbering, Latin, months).
_ABBREVIATIONS = frozenset(
    "no nos n° n°s vol pp p ed eds gen lt col maj capt mr mrs ms dr prof st jr sr vs etc e.g i.e "
    "inc co ltd corp dept govt op fig art sec ch".split()
) | {month.lower() for month in MONTH_ABBREVIATIONS}
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"


@dataclass(frozen=True)
class Piece:
    """A stretch of footnote text that may be one citation: a sentence, or one ";" item of it."""

    text: str
    start: int
    sentence: int  # which sentence of the footnote it belongs to


_BOUNDARY_CHARS = re.compile(r"[“”\";.?!]")


def split_pieces(text: str) -> list[Piece]:
    """The footnote cut at sentence ends and at ";", never inside a double-quoted title."""
    pieces: list[Piece] = []
    depth = 0
    start = 0
    sentence = 0
    for found in _BOUNDARY_CHARS.finditer(text):
        i, char = found.start(), found.group()
        cut = None
        if char in _OPEN_QUOTES or (char == '"' and depth == 0):
            depth += 1
        elif char in _CLOSE_QUOTES or char == '"':
            depth = max(depth - 1, 0)
            cut = i + 1 if depth == 0 and _quotation_ends_sentence(text, i) else None
        elif depth == 0 and char == ";":
            pieces.append(Piece(text[start:i], start, sentence))
            start = i + 1
        elif depth == 0 and _ends_sentence(text, i):
            cut = i + 1
        if cut is not None:
            pieces.append(Piece(text[start:cut], start, sentence))
            start = cut
            sentence += 1
    pieces.append(Piece(text[start:], start, sentence))
    return [_trimmed(p) for p in pieces if p.text.strip()]


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the period (or ? !) at `i` ends a sentence: space and a capital, digit or quote
    follow, and the word before is no abbreviation or initial."""
    after = text[i + 1 :]
    closing = len(after) - len(after.lstrip("”\"'’)"))
    rest = after[closing:]
    if rest and not rest[0].isspace():
        return False
    following = rest.lstrip()
    if following and not (following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'"):
        return False
    if text[i] != ".":
        return True
    before = text[max(0, i - 40) : i].rsplit(None, 1)
    token = before[-1].lower().lstrip("(\"“‘'") if before else ""
    if token in _ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):  # an initial, "U.S", "U.N"
        return bool(following) and following[0] in '"“'
    return True


def _quotation_ends_sentence(text: str, i: int) -> bool:
    """Whether the closing quote at `i` ends a sentence that ends inside it: `…be bombed." "Bush
    threatened…"`. After "?" or "!" only when another quotation follows: `"Is it over?" Dawn,
    …` is one citation."""
    mark = text[i - 1] if i > 0 else ""
    if mark not in (".", "?", "!") or not text[i + 1 : i + 2].isspace():
        return False
    following = text[i + 1 :].lstrip()
    if not following:
        return False
    return _ends_sentence(text, i - 1) if mark == "." else following[0] in '"“'


def _trimmed(piece: Piece) -> Piece:
    lead = len(piece.text) - len(piece.text.lstrip())
    return Piece(piece.text.strip(), piece.start + lead, piece.sentence)


# The shapes --------------------------------------------------------------------------------

# "See also", "and", "For background on X, see": what leads into a citation, not part of it.
_PREFIX = re.compile(
    r"^(?:(?:and|or)\s+)?(?:(?:[Ss]ee(?:\s+also)?|[Aa]lso\s+see|[Cc]f\.|[Qq]uoted\s+in|[Cc]ited\s+in)[:,]?\s+"
    r"|[^\"“;]{0,200}?,\s+see(?:\s+also)?\s+)?(?:(?:and|or)\s+)?"
)
_END = r"\s*[.,]?\s*$"
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|(?:al|el|bin|ibn|de|van|von|der|da|du|le|la)-?)"
_NAMES = re.compile(
    rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}(?:(?:,|\s+and|\s+&)\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})*$"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;)]")
_QUOTED = re.compile(
    rf"^(?:(?P<author>[^\"“”]{{1,160}}?),\s*)?[\"“](?P<title>.+)(?:[\"”]\s*,|,\s*[\"”]|(?<=[?!])[\"”])\s*(?P<rest>.*?){_END}"
)
_OP_CIT = re.compile(r",?\s*(?:op\.\s*cit|loc\.\s*cit)\.?(?:,\s*(?:p|pp)\.\s*[\d–-]+)?\s*\.?$", re.IGNORECASE)
_IBID = re.compile(r"^(?:ibid|ibidem|id)\.?(?:,.*)?$", re.IGNORECASE)
_SERIES_WORDS = (
    r"(?:Asia|Africa|Middle\s+East|North\s+Africa|Europe|Latin\s+America|Caribbean|Global|Special|Annual|"
    r"Policy|Research|Working|Occasional|Background|Country|Technical|Issue|Discussion|Briefing)"
)
_SERIES = re.compile(
    rf"^(?P<org>(?:[A-Z][\w&'’.-]*\s+){{1,6}}?)(?:{_SERIES_WORDS}\s+)*"
    r"(?P<type>Reports?|Briefings?|Briefs?|Papers?|Notes?|Bulletins?|Studies|Study)"
    r"(?:\s+N[°o]\.?\s*s?\s*(?P<number>\d+))?\s*,\s*(?P<rest>.+)$"
)
_SERIES_ITEM = re.compile(r"^(?:N[°o]\.?\s*s?\s*)?\d+\s*,\s*(?P<rest>.+)$")
_BOOK = re.compile(
    r"^(?:(?P<author>[^\"“”(]{1,160}?),\s+)?(?P<title>[^\"“”()]+?)\s*"
    rf"\((?:(?P<where>[^()]+?),\s*)?(?P<year>{_YEAR})\)\s*[.,]?\s*(?:p+\.\s*[\d–-]+\.?)?$"
)
_INTERVIEW = re.compile(
    r"^(?:(?P<org>(?:[A-Z][\w&'’.-]*\s+){1,6}?)|(?i:(?:the\s+)?author'?s\s+))?"
    r"(?i:(?:telephone|phone|email|e-mail|online|video|remote|in-person|personal|whatsapp|skype|zoom)\s+)?"
    r"(?i:interviews?|conversations?|correspondence)(?:\s+(?:with|by)\s+(?P<with>[^,]+))?(?P<rest>(?:\s*,.*)?)$"
)
_LEGAL = re.compile(
    r"\b(?:Act|Ordinance|Constitution|Amendment|Statute|Treaty|Convention|Code|Bill)\b(?:\s+(?:of\s+)?\d{4})?"
    r"|\bResolution\s+\d+|\bArticle\s+\d+|\bv\.\s+[A-Z]"
)
_CITATION_TAIL = re.compile(rf",\s*(?P<date>{DATE}){_END}")

# What an issuer's or a title's words say about the kind of a quoted-title source.
STATEMENT_WORDS = re.compile(
    r"\b(?:White\s+House|Department\s+of|Ministry|Foreign\s+Office|Prime\s+Minister'?s?\s+Office|Embassy|"
    r"Government\s+of|Presidency|Inter-Services\s+Public\s+Relations|ISPR|Press\s+Information)\b"
    r"|^(?:Remarks|Statement|Joint\s+Statement|Press\s+(?:release|statement|briefing)|Communiqu[ée]|"
    r"Readout|Transcript\s+of\s+the\s+press)\b|\bCommuniqu[ée]\b",
    re.IGNORECASE,
)
REPORT_WORDS = re.compile(
    r"\b(?:Institute|Institution|Centre|Center|Council|Service|Network|Group|Foundation|University|"
    r"Commission|Programme|Program|Bank|Fund|Watch|Amnesty|Nations|Organi[sz]ation|Office\s+for|Mission|"
    r"Assistance|Observatory|Project|Initiative|Academy|Forum|Secretariat)\b"
    r"|\b(?:RAND|RUSI|CNRS|SIPRI|IISS|CSIS|CFR|USIP|UNAMA|UNHCR|UNDP|OCHA|OECD|IMF|ICG|HRW|SIGAR|CRS|GAO|ACLED)\b",
)
# A newsroom's name wins over the words above: "BBC World Service", "UN News".
NEWS_WORDS = re.compile(
    r"\b(?:News|Times|Post|Tribune|Herald|Journal|Gazette|Telegraph|Guardian|Monitor|Daily|Radio|Television|TV|"
    r"Agence|Associated\s+Press|Reuters|BBC|CNN|Al\s+Jazeera|Dawn)\b"
)
_REPORT_TITLE = re.compile(r"\b(?:report|working\s+paper|policy\s+brief|study|literature\s+review)\b", re.IGNORECASE)


def _kind_of(outlet: str | None, title: str | None) -> SourceKind:
    """A quoted-title source's kind from its issuer's and its title's words."""
    issuer = outlet or ""
    if STATEMENT_WORDS.search(issuer) or (title and STATEMENT_WORDS.match(title)):
        return "official statement"
    if NEWS_WORDS.search(issuer):
        return "news article"
    if REPORT_WORDS.search(issuer) or (title and _REPORT_TITLE.search(title) and not issuer):
        return "report"
    if issuer and _URL.fullmatch(issuer.strip()):
        return "website"
    return "news article"


def _clean(text: str | None) -> str | None:
    """Stripped of spaces, trailing commas and periods; None when nothing is left."""
    if text is None:
        return None
    text = text.strip().rstrip(",;:").strip()
    return text or None


def _names(text: str | None) -> str | None:
    """`text` when it reads as one or more personal names, else None (it is commentary)."""
    text = _clean(text)
    return text if text and len(text) <= 120 and _NAMES.match(text) else None


@dataclass(frozen=True)
class _Short:
    """A short reference waiting to be resolved: `Author, "Short title", op. cit.` or `Ibid.`"""

    author: str | None
    title: str | None
    issuer: str | None
    ibid: bool
    span: tuple[int, int]


_Parsed = Source | _Short


class _Reader:
    """Reads the pieces of one footnote in order, carrying what a continuation inherits: the
    interviewer of `…interviews, X, date; Y, date` and the series of `Reports N°s 1, …; 2, …`."""

    def __init__(self) -> None:
        self.last: Source | None = None
        self.last_sentence = -1

    def read(self, piece: Piece) -> _Parsed | None:
        body, offset = _without_prefix(piece)
        span = (piece.start + offset, piece.start + len(piece.text))
        carried = self.last if self.last is not None and self.last_sentence == piece.sentence else None
        parsed = _read_body(body, span, carried)
        if isinstance(parsed, Source):
            self.last = parsed
        elif isinstance(parsed, _Short):  # "Reports, X, op. cit.; N°242, …" goes on in the series
            self.last = Source("report", outlet=parsed.issuer, span=span) if parsed.issuer else None
        self.last_sentence = piece.sentence
        return parsed


def _without_prefix(piece: Piece) -> tuple[str, int]:
    match = _PREFIX.match(piece.text)
    offset = match.end() if match else 0
    return piece.text[offset:], offset


def _read_body(body: str, span: tuple[int, int], carried: Source | None) -> _Parsed | None:
    """The first shape that reads the whole of `body`, or None."""
    if _IBID.match(body):
        return _Short(None, None, None, True, span)
    if _OP_CIT.search(body):
        return _short_reference(_OP_CIT.sub("", body), span)
    for reader in (_interview, _quoted, _series, _book):
        source = reader(body, span)
        if source is not None:
            return source
    if carried is not None:
        source = _continuation(body, span, carried)
        if source is not None:
            return source
    return _other(body, span)


def _interview(body: str, span: tuple[int, int]) -> Source | None:
    match = _INTERVIEW.match(body.rstrip(". "))
    if match is None:
        return None
    org = _clean(match.group("org"))
    if org is not None and _looks_like_commentary(org):
        return None
    rest = [_clean(p) for p in _top_level_commas(match.group("rest"))]
    elements = [p for p in rest if p]
    date = None
    if elements and iso_date(elements[-1]):
        date = iso_date(elements.pop())
    elif elements and not match.group("with"):
        return None  # "… interview, he said" is commentary
    return _interview_source(org, match.group("with"), elements, date, span)


def _looks_like_commentary(words: str) -> bool:
    """An interviewer is a name ("Crisis Group", "Human Rights Watch"), not a clause."""
    return bool(re.search(r"\b(?:In|An|A|The|an?|in|on|during|said|told)\b", words)) or len(words.split()) > 6


_ORG_WORDS = re.compile(
    r"\b(?:Authority|Ministry|Council|Agency|Office|Department|Institute|Commission|Party|Group|Army|Police|"
    r"Committee|Association|University|Bank|Front|Movement|League|Taliban|Government|Forces?)\b"
)
_BASED = re.compile(r"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)-based\b")
_IN_PLACE = re.compile(
    r"\s(?:in|at)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+and\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)$"
)


def _interview_source(
    org: str | None, with_whom: str | None, elements: list[str], date: str | None, span: tuple[int, int]
) -> Source:
    """Interviewer, the kind of interviewee, the place and the date of an interview citation."""
    place = None
    if len(elements) >= (1 if with_whom else 2) and _is_place(elements[-1]):
        place = elements.pop()
    interviewee = _clean(with_whom) or (", ".join(elements) if elements else None)
    if place is None and interviewee:
        based = _BASED.search(interviewee) or _IN_PLACE.search(interviewee)
        place = based.group(1) if based else None
    return Source("interview", author=org, date=date, place=place, interviewee=interviewee, span=span)


def _is_place(element: str) -> bool:
    """A short run of capitalised words naming no organisation: "Islamabad", "Kabul"."""
    words = element.split()
    return 1 <= len(words) <= 3 and all(w[0].isupper() for w in words) and not _ORG_WORDS.search(element)


def _top_level_commas(text: str) -> list[str]:
    """`text` split at commas outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _quoted(body: str, span: tuple[int, int]) -> Source | None:
    """`Author, "Title", Outlet, Date[, URL]` (author, outlet, date, URL each optional but an
    outlet or a date must be there)."""
    match = _QUOTED.match(body)
    if match is None:
        return None
    url = _URL.search(match.group("rest"))
    rest = _URL.sub("", match.group("rest")) if url else match.group("rest")
    rest = re.sub(r"(?:,\s*)?(?:accessed|retrieved|last\s+visited)\b[^,]*$", "", rest, flags=re.IGNORECASE)
    outlet, date = _outlet_and_date(rest)
    if date is None and url is None:
        return None  # a quotation inside commentary: nothing dates or locates it
    if outlet is not None and (len(outlet.split()) > 10 or not outlet[0].isupper() or re.search('["“”]', outlet)):
        return None  # commentary after a quotation, not an issuer
    author = _names(match.group("author"))
    if match.group("author") and author is None:
        return None  # "X said, \"…\"": a quotation inside commentary
    author, title = _misplaced_quote(author, _clean(match.group("title")))
    kind: SourceKind = _kind_of(outlet, title) if (outlet or not url) else "website"
    return Source(
        kind, author=author, title=title, outlet=outlet, date=date, url=url.group(0) if url else None, span=span
    )


def _misplaced_quote(author: str | None, title: str | None) -> tuple[str | None, str | None]:
    """`“Muhammad Anis, ‘Title’”`: the opening quote put before the author, the title in
    single quotes inside."""
    inner = re.match(r"^(?P<author>[^,‘']+),\s*[‘'](?P<title>.+)[’']$", title or "")
    if author is None and inner and _names(inner.group("author")):
        return inner.group("author"), inner.group("title")
    return author, title


def _outlet_and_date(rest: str) -> tuple[str | None, str | None]:
    """`Dawn, 8 June 2018` -> ("Dawn", "2018-06-08"); either may be missing."""
    rest = rest.strip().rstrip(".,; ")
    tail = re.search(rf"(?:^|,\s*)(?P<date>{DATE})$", rest)
    if tail is None:
        return _clean(rest), None
    return _clean(rest[: tail.start()]), iso_date(tail.group("date"))


def _series(body: str, span: tuple[int, int]) -> Source | None:
    """`Org [Region] Report[s] [N°s] 62, Title, date` (the first of a series list)."""
    match = _SERIES.match(body)
    if match is None or _looks_like_commentary(match.group("org").strip()):
        return None
    return _titled_item(match.group("rest"), match.group("org").strip(), span)


def _titled_item(rest: str, issuer: str | None, span: tuple[int, int]) -> Source | None:
    """`Title, date` of a report in a series."""
    tail = _CITATION_TAIL.search(rest)
    if tail is None:
        return None
    title = _clean(rest[: tail.start()])
    return Source("report", title=title, outlet=issuer, date=iso_date(tail.group("date")), span=span)


def _continuation(body: str, span: tuple[int, int], carried: Source) -> Source | None:
    """A ";" item continuing the previous one: `207, Title, date` after a series report, or
    `former senator, October 2020` after an interview."""
    if carried.kind == "report" and carried.outlet:
        match = _SERIES_ITEM.match(body)
        if match:
            return _titled_item(match.group("rest"), carried.outlet, span)
    if carried.kind == "interview" and not re.search(r"[\"“”]", body):
        elements = [p for p in (_clean(e) for e in _top_level_commas(body.rstrip(". "))) if p]
        if len(elements) >= 2 and iso_date(elements[-1]) and len(body.split()) <= 20:
            date = iso_date(elements.pop())
            return _interview_source(carried.author, None, elements, date, span)
    return None


def _book(body: str, span: tuple[int, int]) -> Source | None:
    """`Author, Title (Place[: Publisher], Year)`."""
    match = _BOOK.match(body)
    if match is None:
        return None
    author = _names(match.group("author"))
    if match.group("author") and author is None:
        return None
    where = match.group("where") or ""
    publisher = where.split(":", 1)[1] if ":" in where else None
    if publisher is None and re.search(r"\b(?:Press|Publishers?|Books|Publishing|House|Verlag)\b", where):
        publisher = where
    return Source(
        "book",
        author=author,
        title=_clean(match.group("title")),
        outlet=_clean(publisher),
        date=match.group("year"),
        span=span,
    )


def _other(body: str, span: tuple[int, int]) -> Source | None:
    """Something that ends like a citation (`…, Name, DATE`) but has no shape above; or a
    bare URL; or a law."""
    url = _URL.search(body)
    if url and len(body.split()) <= 12:
        return Source("website", url=url.group(0), span=span)
    tail = _CITATION_TAIL.search(body)
    if tail is None:
        return None
    head = body[: tail.start()]
    elements = _top_level_commas(head)
    if len(elements) < 2 or len(body.split()) > 30 or not elements[0][:1].isupper():
        return None
    kind: SourceKind = "legal text" if _LEGAL.search(head) else "other"
    return Source(kind, date=iso_date(tail.group("date")), span=span)


def _short_reference(body: str, span: tuple[int, int]) -> _Short:
    """`Iqbal, "Short title"`, `Crisis Group Report, Short title` or `"Short title"` before
    its op. cit."""
    quoted = re.match(r"^(?:(?P<author>[^\"“”]+?),\s*)?[\"“](?P<title>.+)[\"”]\s*$", body.strip())
    if quoted:
        return _Short(_names(quoted.group("author")), _clean(quoted.group("title")), None, False, span)
    series = _SERIES.match(body.strip() + ",")
    if series:
        return _Short(None, _clean(series.group("rest")), series.group("org").strip(), False, span)
    parts = [p for p in (_clean(e) for e in _top_level_commas(body)) if p]
    if len(parts) == 1:
        only = parts[0]
        return _Short(only, None, None, False, span) if _names(only) else _Short(None, only, None, False, span)
    author = _names(parts[0])
    return _Short(author, _clean(", ".join(parts[1:] if author else parts)), None, False, span)


# Footnotes and documents -------------------------------------------------------------------


def parse_footnote(text: str) -> list[Source | _Short]:
    """The sources one footnote names, in order; short references still unresolved."""
    reader = _Reader()
    parsed = (reader.read(piece) for piece in split_pieces(text))
    return [p for p in parsed if p is not None]


def citation_entries(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the citations one sentence of a note joins with ";", in order:
    `A, "T1", Dawn, 8 June 2018; "T2", Reuters, 3 October 2018.` is two entries. A ";" parts two
    entries only when the text before it (since the last cut) reads as a whole citation and the
    piece after it reads as one on its own, in a shape that names its source (an interview, a
    quoted title with its outlet or date, a series report, a book, an op. cit.); a piece that
    goes on from the one before (`…interviews, X, date; Y, date`, `Reports N°s 62, …; 207, …`)
    stays with it, as it inherits who interviewed or which series. So a ";" inside one citation
    (between an author list's names, "Vol. 3; No. 2", in an unquoted title) never cuts it, nor
    does one in commentary: neither side of it reads as a citation. Text without such a ";" is
    one entry, the whole of it (docs/retrieval.md, "Which entry of a note")."""
    pieces = split_pieces(text)
    if not pieces:
        return [(0, len(text))]
    entries: list[list[int]] = []
    previous = pieces[0]
    for piece in pieces:
        if entries and not _starts_entry(text, entries[-1], previous, piece):
            entries[-1][1] = piece.start + len(piece.text)
        else:
            entries.append([piece.start, piece.start + len(piece.text)])
        previous = piece
    return [(start, end) for start, end in entries]


def entry_spans(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The citations (`citation_entries`) of the sentence at `span` of a note's `text`, as spans
    of that text: a source answer quotes the entry asked for (service.source_answer.note_entries)
    and a list of notes the entries naming the asked source (service.source_list), each read
    where it stands in the note (docs/retrieval.md, "Which entry of a note")."""
    start, end = span
    return [(start + a, start + b) for a, b in citation_entries(text[start:end])]


def _starts_entry(text: str, entry: list[int], previous: Piece, piece: Piece) -> bool:
    """Whether `piece` starts a citation of its own after the `entry` so far, whose last piece
    is `previous` (`citation_entries`): after a ";", the piece names a source alone, and the
    entry or that last piece reads as a whole citation ("Smith, John; Jones, Mary, "Title",
    Dawn, 2021": the names before the first ";" are no citation, the rest is one). A piece that
    goes on from the one before names no source alone: who interviewed, which series, is in
    the piece it continues."""
    if ";" not in text[entry[1] : piece.start]:
        return False  # only a ";" parts entries: the sentence around them is one already
    whole = Piece(text[entry[0] : entry[1]], entry[0], piece.sentence)
    return _names_a_source(piece) and (_names_a_source(whole) or _names_a_source(previous))


def _names_a_source(piece: Piece) -> bool:
    """Whether `piece`, after a lead-in ("See also", "and"), reads whole as a citation in a
    shape that names its source (not `other`, which any "…, Name, DATE" clause of commentary
    can match, nor a continuation, which names it in the piece before)."""
    body, _ = _without_prefix(piece)
    if _IBID.match(body) or _OP_CIT.search(body):
        return True
    return any(reader(body, (0, len(body))) is not None for reader in (_interview, _quoted, _series, _book))


def parse_sources(text: str) -> tuple[Source, ...]:
    """The sources of one footnote read alone: a short reference that this footnote cannot
    resolve becomes `other` with what it gives."""
    return document_sources([(0, text)])[0]


def document_sources(footnotes: Iterable[tuple[int, str]]) -> dict[int, tuple[Source, ...]]:
    """Every footnote's sources, `(number, text)` in reading order, op. cit. and ibid.
    resolved to the earlier source they point at (the most recent one that matches)."""
    earlier: list[tuple[int, Source]] = []
    result: dict[int, tuple[Source, ...]] = {}
    for number, text in footnotes:
        sources: list[Source] = []
        for item in parse_footnote(text):
            source = item if isinstance(item, Source) else _resolve(item, earlier)
            sources.append(source)
            earlier.append((number, source))
        result[number] = tuple(sources)
    return result


def _resolve(short: _Short, earlier: Sequence[tuple[int, Source]]) -> Source:
    """The earlier source a short reference points at, with the short one's span; `other`
    carrying the short title when nothing earlier matches."""
    found = _previous(earlier) if short.ibid else _best_match(short, earlier)
    if found is None:
        return Source("other", author=short.author, title=short.title, outlet=short.issuer, span=short.span)
    number, source = found
    first = source.first_cited_in if source.first_cited_in is not None else number
    return replace(source, first_cited_in=first, span=short.span)


def _previous(earlier: Sequence[tuple[int, Source]]) -> tuple[int, Source] | None:
    return earlier[-1] if earlier else None


def _best_match(short: _Short, earlier: Sequence[tuple[int, Source]]) -> tuple[int, Source] | None:
    """The latest earlier source whose title starts with the short title (word for word, else
    closely: "Jihadist" for "Jihadi") and whose author has the short author's surname."""
    best: tuple[float, int] | None = None
    for position, (_, source) in enumerate(earlier):
        if source.first_cited_in is not None:
            continue  # resolve to the full citation, not to another short one
        score = _match_score(short, source)
        if score > 0 and (best is None or score >= best[0]):
            best = (score, position)
    return earlier[best[1]] if best is not None else None


_MIN_TITLE_LIKENESS = 0.85


def _match_score(short: _Short, source: Source) -> float:
    if short.author and not (source.author and _surname_in(short.author, source.author)):
        return 0.0
    if not short.title:
        return 1.0 if short.author else 0.0
    if not source.title:
        return 0.0
    want, have = _words(short.title), _words(source.title)[: len(_words(short.title))]
    if have == want:
        return 2.0
    # A close title shares most of its words: a set test before the character-level one,
    # which costs far more and is needed for a few candidates only.
    if len(set(want) & set(have)) < _MIN_TITLE_LIKENESS * len(set(want)) - 1:
        return 0.0
    likeness = SequenceMatcher(None, " ".join(want), " ".join(have)).ratio()
    return likeness if likeness >= _MIN_TITLE_LIKENESS else 0.0


def _surname_in(short_author: str, author: str) -> bool:
    return short_author.split()[-1].lower() in author.lower()


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower().replace("’", "'")))


# A kind's words in the part of a question that names the source (service.source_list's lists,
# service.source_answer's choice of a note's entry), tried in this order, each match taken out
# of the text before the next kind is tried: "press releases" are statements, not the press;
# "news reports" are news, not reports.
KIND_WORDS: tuple[tuple[SourceKind, str], ...] = (
    (
        "official statement",
        r"\b(?:official|government(?:al)?|governments?'|officials'?|ministerial)\s+(?:statements?|sources?|"
        r"remarks|communiqu[eé]s?|accounts?)|\bpress\s+releases?|\bstatements?|\bspeech(?:es)?|\bremarks"
        r"|\bcommuniqu[eé]s?|\bgovernments?",
    ),
    (
        "news article",
        r"\bnews\s+agenc(?:y|ies)|\b(?:news|press|media|newspaper|magazine|wire)\s+(?:reports?|articles?|stories|"
        r"accounts?|coverage|reporting)|\bnewspapers?|\bnews|\bpress|\bmedia|\barticles?|\breporting"
        r"|\bjournalis(?:m|ts?)|\bmagazines?",
    ),
    ("interview", r"\binterview(?:s|ed|ees?)?"),
    (
        "report",
        r"\b(?:think[-\s]tank|research)\s+(?:reports?|papers?|studies)|\breports?|\bstud(?:y|ies)|\bthink[-\s]tanks?",
    ),
    ("book", r"\bbooks?|\bmonographs?"),
    ("legal text", r"\blegal\s+texts?|\blaws?|\blegislation|\bstatutes?|\bresolutions?|\bconstitutions?"),
    ("website", r"\bwebsites?|\bweb\s*pages?|\bblogs?"),
)
_KIND_PATTERNS = tuple((kind, re.compile(rf"(?:{words})\b", re.I)) for kind, words in KIND_WORDS)


def named_kinds(text: str) -> tuple[tuple[SourceKind, ...], str]:
    """The source kinds `text` names by their words, in KIND_WORDS order, and the rest."""
    kinds: list[SourceKind] = []
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            kinds.append(kind)
            text = pattern.sub(" ", text)
    return tuple(kinds), text
