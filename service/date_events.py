"""Questions that ask what happened on a date: "What happened on Sept. 7?", "What took place in
October 2018?", "What occurred on 29 February 2020?".

Such a question names nothing but its date. Ranking has little to read in it, and a cited work
published on that day, or an interview held in that month, matches it as well as the event does;
the calibrated score of its best unit is low whether or not the library tells of the date, so
the question abstained or led with a reference entry. It is answered from the text instead
(`read_date_event`, `date_event_answer`): every sentence of a passage or a note that states the
date asked, the passages' first (the report's own account), then the notes', each in reading
order. A date inside a note's citation (service.citations: a publication date, the month of an
interview) is where a claim comes from, not something that happened, and is not read; nor is a
reference entry's. A sentence writing a day without its year ("On 14 April, …") is dated to the
year its unit last wrote before it, else to its document's year. When no sentence states the
date, the answer abstains: the library does not say what happened then. docs/retrieval.md,
"What happened on a date".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from service.answer import highlight_quoted, shown_result
from service.citations import Source
from service.composing import ANSWER_SENTENCES, Sources
from service.dates import YEAR, DateValue, date_mentions, dated_spans
from service.records import Answer, AnswerSentence, Hit, Unit

EVENT_SCORE = 1.0  # a sentence stating the date asked tells what happened then, by construction (docs/api.md)

# "What happened on …?", "What else took place in …?", "What events occurred during …?": the
# asking words, then the date and nothing else (a place or a person beside the date is ranked).
_ASKED = re.compile(
    r"^\s*what\s+(?:else\s+)?(?:events?\s+|things?\s+)?"
    r"(?:happened|took\s+place|occurred|went\s+on|was\s+going\s+on|were\s+the\s+events)\s+"
    r"(?:on|in|during|around)\s+(?:the\s+)?(?P<date>.+?)[\s?!.]*$",
    re.IGNORECASE,
)


def read_date_event(question: str) -> DateValue | None:
    """The date `question` asks what happened on, when it asks only that; else None."""
    match = _ASKED.match(question)
    if match is None:
        return None
    asked = match.group("date").strip()
    mentions = date_mentions(asked)
    if len(mentions) != 1 or mentions[0][1] != asked.rstrip("."):
        return None
    return mentions[0][0]


def date_event_answer(
    question: str,
    asked: DateValue,
    sources: Sources,
    cited: Callable[[str], Sequence[Source]],
    admits: Callable[[Unit], bool],
    top_k: int,
) -> Answer:
    """The units with a sentence stating `asked` as the results (passages first, then notes, in
    reading order) and the first such sentence of each of the first units as the answer; an
    abstention when no admitted unit states it. `cited`: the sources a note's text names, with
    their spans (service.source_profile.Citations.of)."""
    found: list[tuple[int, list[tuple[int, int]]]] = []
    for index, unit in enumerate(sources.units):
        if unit.kind not in ("passage", "footnote") or not admits(unit):
            continue
        spans = _stating(index, unit, asked, sources, cited(unit.id))
        if spans:
            found.append((index, spans))
    if not found:
        return Answer(question, True, (), (), abstain_reason="no-date-stated")
    found.sort(key=lambda item: sources.units[item[0]].kind != "passage")  # stable: reading order kept
    shown = found[:top_k]
    results = [
        shown_result(rank, Hit(sources.units[index], EVENT_SCORE), tuple(spans), sources)
        for rank, (index, spans) in enumerate(shown, start=1)
    ]
    answer = [AnswerSentence.quoting(sources.units[index], span) for index, (span, *_) in shown[:ANSWER_SENTENCES]]
    return Answer(question, False, tuple(answer), highlight_quoted(results, answer))


def _stating(
    index: int, unit: Unit, asked: DateValue, sources: Sources, citations: Sequence[Source]
) -> list[tuple[int, int]]:
    """The spans of `unit`'s sentences that state `asked` outside a citation, in reading order."""
    stating = []
    for row in sources.sentences.of_unit(index):
        if sources.reference[row]:
            continue
        start, end = (int(x) for x in sources.sentences.spans[row])
        for value, (a, _) in dated_spans(unit.text_at((start, end))):
            at = start + a
            if not _same_day(asked, value) or any(c.span[0] <= at < c.span[1] for c in citations):
                continue  # another date, or a publication date or an interview's month
            if asked.year is None or (value.year or _year_of(unit, at, sources)) == asked.year:
                stating.append((start, end))
                break
    return stating


def _same_day(asked: DateValue, stated: DateValue) -> bool:
    """Whether a sentence's date `stated` is the month asked, and the day when one is asked (the
    year, when asked, is compared by the caller: a date written without one is dated only then)."""
    return stated.month == asked.month and (asked.day is None or stated.day == asked.day)


def _year_of(unit: Unit, at: int, sources: Sources) -> int | None:
    """The year a date without one at `at` in `unit` falls in: the last year its text writes
    before it, else its document's year (None when neither is known)."""
    years = YEAR.findall(unit.text[:at])
    if years:
        return int(years[-1])
    date = sources.documents[unit.document_id].date
    return int(date[:4]) if date else None
