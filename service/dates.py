"""Calendar dates as reports write them, read into one form so that different spellings of one
date match: "Sept. 5", "5 September", "September 5th" and "Sep 5, 2021" all name day 5 of
month 9. Retrieval reads a question's dates in every spelling (`lexical_forms`: the text may
write "Sept." where the question says "September"), and the answer-type check compares dates
by value (`date_values`), not by their letters (docs/retrieval.md, "Dates in other forms").
English month names only; a month is read only beside a day or a year, and "May" and "March"
(English words too) only capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.bm25 import terms_of

_MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sept", "sep"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTH_NAMES = tuple(spellings[0].capitalize() for spellings in _MONTHS)
# Every abbreviation of a month the readers of dates accept, in month order ("Sept" before
# "Sep"). Each reader names the ones it takes (`month_pattern`); not every reader takes all.
MONTH_ABBREVIATIONS = tuple(spelling.capitalize() for spellings in _MONTHS for spelling in spellings[1:])
# The month names as the lexical side reads them (service.bm25): "in September" is a time, and a
# month two texts share names nothing else they share (an outlet, a person).
MONTH_TERMS = terms_of(" ".join(MONTH_NAMES))
_MONTH_NUMBER = {spelling: n for n, spellings in enumerate(_MONTHS, start=1) for spelling in spellings}
# Spellings that are also English words are months only capitalised ("May 2016", not "may").
_WORDS_TOO = ("may", "march", "mar")
# Longest spelling first, so that "Sept." is not read as "Sep" and a "t."
_MONTH = (
    r"(?P<{0}>"
    + "|".join(
        rf"(?-i:{s.capitalize()})" if s in _WORDS_TOO else s for s in sorted(_MONTH_NUMBER, key=len, reverse=True)
    )
    + r")\.?"
)
_DAY = r"(?P<{0}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>1[89]\d\d|2[01]\d\d)"
# "5 September [2021]", "September 5[th][, 2021]", "September 2021": day and month in either
# order, a year optional after them; a month alone with neither is not read as a date.
_DATE = re.compile(
    rf"\b(?:{_DAY.format('day1')}\s+(?:of\s+)?{_MONTH.format('month1')}(?:,?\s+{_YEAR.format('year1')})?"
    rf"|{_MONTH.format('month2')}\s+{_DAY.format('day2')}\b(?:,?\s+{_YEAR.format('year2')})?"
    rf"|{_MONTH.format('month3')},?\s+{_YEAR.format('year3')})(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateValue:
    """A date as far as the text gives it: a day and a month, a month and a year, or all three."""

    month: int
    day: int | None = None
    year: int | None = None

    def within(self, other: DateValue) -> bool:
        """Whether this date says no more than `other` and nothing different ("September" is
        within "5 September 2021"; "6 September" is not within "5 September")."""
        return (
            self.month == other.month
            and (self.day is None or self.day == other.day)
            and (self.year is None or self.year == other.year)
        )


def date_values(text: str) -> list[DateValue]:
    """The calendar dates `text` writes, in order, whatever their spelling."""
    return [value for value, _ in date_mentions(text)]


def date_mentions(text: str) -> list[tuple[DateValue, str]]:
    """The calendar dates `text` writes, in order, each with its words as written."""
    return [(value, text[start:end]) for value, (start, end) in dated_spans(text)]


def dated_spans(text: str) -> list[tuple[DateValue, tuple[int, int]]]:
    """The calendar dates `text` writes, in order, each with its [start, end) in `text`."""
    mentions = []
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        month = next(groups[f"month{i}"] for i in (1, 2, 3) if groups[f"month{i}"])
        day = next((groups[f"day{i}"] for i in (1, 2) if groups[f"day{i}"]), None)
        year = next((groups[f"year{i}"] for i in (1, 2, 3) if groups[f"year{i}"]), None)
        value = DateValue(_MONTH_NUMBER[month.lower()], int(day) if day else None, int(year) if year else None)
        mentions.append((value, match.span()))
    return mentions


def month_pattern(abbreviations: Sequence[str] = (), full_stop: str = r"\.") -> str:
    """A regular expression, one non-capturing group, for a month as a reader of dates accepts
    it: any full name ("September"), or one of `abbreviations` (from `MONTH_ABBREVIATIONS`)
    followed by `full_stop` (the default requires the stop; `full_stop=r"\\.?"` lets it out).
    Full names come first, so that "June" is read whole rather than as "Jun". Capitalised as
    written: a reader that takes other cases compiles it with re.IGNORECASE."""
    unknown = [a for a in abbreviations if a not in MONTH_ABBREVIATIONS]
    if unknown:
        raise ValueError(f"not a month abbreviation: {unknown}")
    return "(?:" + "|".join([*MONTH_NAMES, *(f"{a}{full_stop}" for a in abbreviations)]) + ")"


def month_number(word: str) -> int | None:
    """The month a word spells ("Sept." -> 9), or None."""
    return _MONTH_NUMBER.get(word.lower().rstrip("."))


def strip_dates(text: str) -> str:
    """`text` with the calendar dates it writes taken out."""
    return _DATE.sub(" ", text)


def lexical_forms(text: str) -> str:
    """`text` with every date it writes also spelt the other ways reports write it: the month's
    full name and abbreviations beside it, the day without an ordinal suffix ("September 7th"
    adds "Sept Sep 7"). For the lexical side of retrieval, which matches words: the text of a
    unit may write "Sept. 7" where the question says "September 7th"."""
    forms: list[str] = []
    for match in _DATE.finditer(text):
        value = date_values(match.group(0))[0]
        spellings = _MONTHS[value.month - 1]
        forms.extend(s for s in spellings if not re.search(rf"\b{s}\b", match.group(0), re.I))
        if value.day is not None:
            forms.append(str(value.day))
    return " ".join([text, *forms]) if forms else text


# A year as reports write one, and a span of them: "2007-2014", "2007–14", "from 2007 to 2014",
# "between 2007 and 2014", "1996 until 2001". A year inside a span is reported on without
# being named (service.evidence, service.relations).
YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_SPAN = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\s*(?:-|–|—|to|and|until|till|through)\s*(1[89]\d\d|2[01]\d\d|\d\d)\b")


def year_spans(text: str) -> list[tuple[int, int]]:
    """The spans of years `text` states, first and last year ("2007–14" -> (2007, 2014))."""
    spans = []
    for first, last in _SPAN.findall(text):
        start = int(first)
        end = int(first[:2] + last) if len(last) == 2 else int(last)
        if start < end:
            spans.append((start, end))
    return spans


# A day a question names as the time of something else, not of what it asks ("What happened
# after 7 July 2015?"): what answers is dated otherwise.
_RELATIVE_TO_DAY = re.compile(
    r"\b(?:after|before|since|until|till|by|following|from|ahead\s+of|prior\s+to)\s*$", re.IGNORECASE
)


def asked_day(question: str, premise: str | None = None) -> DateValue | None:
    """The one day `question` names as the time of what it asks ("Whom did he discuss it with on
    8 March?"), with or without its year; None when it names none, more than one, names it as
    the time something came before or after ("after 14 April", "by 11 September"), or names it
    only in the premise it states before it asks (`premise`), which dates the user's own
    statement, not what is asked (docs/retrieval.md, "Follow-ups")."""
    named = [(value, start) for value, (start, _) in dated_spans(question) if value.day is not None]
    if len(named) != 1:
        return None
    value, start = named[0]
    if _RELATIVE_TO_DAY.search(question[:start]):
        return None
    return None if premise is not None and states_day(premise, value) else value


def states_day(text: str, day: DateValue) -> bool:
    """Whether `text` dates something to `day`: the same day of the same month, its year the
    asked one or not written on either side ("On 10 May, …" for "on 10 May 2021")."""
    return any(
        value.month == day.month
        and value.day == day.day
        and (value.year is None or day.year is None or value.year == day.year)
        for value in date_values(text)
    )


def leaves_out_the_day(question: str, texts: Sequence[str], premise: str | None = None) -> bool:
    """Whether `question` names a day as the time of what it asks (`asked_day`) and none of
    `texts` (an answer's sentences) dates anything to it: what they tell happened on another
    day, or on none the corpus gives."""
    day = asked_day(question, premise)
    return day is not None and not any(states_day(text, day) for text in texts)
