"""Questions that name a section: "What does the conclusion recommend?", "According to the
overview, …", "What costs of international isolation does the briefing describe?".

Each passage's headings are indexed with its text (service.units.lexical_text), so a heading's
words already count on the lexical side; but a heading's word is one word of a long unit
there, and "conclusion" weighs no more than "recommend". A question that holds every word of a
heading's title names that section, and the passages under that heading get a fixed share on
the lexical side (docs/retrieval.md, "Section headings"). The headings are read from the loaded
units, never from a list: any document's sections count the same way.

Once the section is found, the words that name it have done their work: "What does the section on
tensions with Kabul say about fencing the border?" asks about fencing, and a sentence about
"bilateral relations" echoes "tensions with Kabul" better than the one about the fence.
`SectionHeadings.read` finds once which headings a text names and where it names them as
sections (`SectionNames`); the engine reads a question so once, and the scope, the ranking, the
answer (its sentences chosen on the rest) and the off-topic check share what it found
(docs/retrieval.md, "Section headings").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from service.bm25 import terms_of, tokenize
from service.parse import heading_title
from service.records import SECTION_SEPARATOR, Unit
from service.text import Span

# A heading names its section only when one of its words is this rare among the sentences
# (`term_share` reads the sentence index, which holds no headings): a heading of common words
# only ("Pakistan and the Taliban") would otherwise match most questions.
RARE_SHARE = 0.05
_WORD = re.compile(r"(?u)\b\w\w+\b")  # a word as the BM25 tokenizer reads it (bm25s's token pattern)
# Words that call a piece of a document a section ("the section on …", "the backdrop part"):
# English words, not this corpus's.
_SECTION_NOUNS = frozenset(tokenize(["section subsection part chapter"])[0])
# A quoted stretch: 'The Costs of …', "…", ‘…’; an apostrophe inside a word closes nothing.
_QUOTED = re.compile(r"""(?:^|(?<=[\s(]))['‘"“](.+?)['’"”](?=[\s,.;:!?)]|$)""")

Word = tuple[Span, str]  # a content word's span in the question and its stem
Heading = tuple[frozenset[str], np.ndarray]  # a title's terms and the passages under it


@dataclass(frozen=True, eq=False)
class SectionNames:
    """What one text names of the loaded headings (`SectionHeadings.read`), read once."""

    text: str
    headings: tuple[Heading, ...]  # every term of whose title the text holds
    mentions: tuple[tuple[Span, np.ndarray], ...]  # those it names as sections: where, and their passages

    @property
    def spans(self) -> tuple[Span, ...]:
        """Where the text names its headings as sections: for each heading it names, the
        longest run of its words whose terms are that title's (stop words between them belong to
        the run: "the costs of international isolation"), when the run reads as a section's
        name (`SectionHeadings._names_a_section`). A title word asked about again elsewhere in the
        text ("In 'Tensions with Kabul', what did Kabul …") is outside the run and stays."""
        return tuple(sorted({span for span, _ in self.mentions}))

    @property
    def about(self) -> str:
        """The text without the words that only name a section it names: what it asks about."""
        return without(self.text, self.spans)

    @property
    def sections(self) -> np.ndarray:
        """The passages under the headings the text names as sections (`spans`), sorted."""
        named = [indices for _, indices in self.mentions]
        return np.unique(np.concatenate(named)) if named else np.zeros(0, dtype=np.int64)

    def named_by(self, words: str) -> bool:
        """Whether `words`, whole words of the text, hold every term of one of its headings'
        titles: a heading the text does not name cannot be, so `words` are read only when it
        names one."""
        if not self.headings:
            return False
        held = terms_of(words)
        return any(terms <= held for terms, _ in self.headings)


class SectionHeadings:
    """The headings of the loaded passages, each as its title's terms (stemmed, as BM25 reads
    them) with the passages under it."""

    def __init__(self, units: Sequence[Unit], term_share: Callable[[str], float]) -> None:
        by_section: dict[str, list[int]] = defaultdict(list)  # a corpus has few distinct paths
        for index, unit in enumerate(units):
            if unit.kind == "passage" and unit.section:
                by_section[unit.section].append(index)
        under: dict[frozenset[str], list[int]] = defaultdict(list)
        for section, indices in by_section.items():
            for heading in section.split(SECTION_SEPARATOR):
                terms = frozenset(tokenize([heading_title(heading)])[0])
                if terms and min(term_share(t) for t in terms) <= RARE_SHARE:
                    under[terms].extend(indices)
        self._headings = [(terms, np.array(indices, dtype=np.int64)) for terms, indices in under.items()]
        self._count = len(units)
        self._term_share = term_share

    def read(self, text: str) -> SectionNames:
        """The headings `text` names, and where it names them as sections."""
        named = self._named_headings(text)
        return SectionNames(text, tuple(named), tuple(self._mentioned(text, named)))

    def units(self, names: SectionNames) -> np.ndarray:
        """Per unit, whether it is under one of the headings `names` holds the titles of."""
        under = np.zeros(self._count, dtype=bool)
        for _, indices in names.headings:
            under[indices] = True
        return under

    def named(self, text: str) -> np.ndarray:
        """Per unit, whether `text` holds every term of one of its headings' titles."""
        return self.units(self.read(text))

    def _mentioned(self, question: str, named: Sequence[Heading]) -> list[tuple[Span, np.ndarray]]:
        """Each of the `named` headings `question` names as a section: the span naming it, and
        its passages."""
        if not named:
            return []
        words = [(match.start(), match.end()) for match in _WORD.finditer(question)]
        stems = tokenize([question[start:end] for start, end in words])
        content = [(span, stem[0]) for span, stem in zip(words, stems, strict=True) if stem]
        quoted = [match.span(1) for match in _QUOTED.finditer(question)]
        found: list[tuple[Span, np.ndarray]] = []
        for terms, indices in named:
            run = _longest_run(content, terms)
            if run is not None and self._names_a_section(content, run, quoted):
                found.append(((content[run[0]][0][0], content[run[1]][0][1]), indices))
        spans = [span for span, _ in found]
        if all(any(left <= start and end <= right for left, right in spans) for (start, end), _ in content):
            return []  # the name is all the question says ("'Tensions with Kabul'?"): it is what it asks about
        return found

    def _names_a_section(self, content: list[Word], run: tuple[int, int], quoted: list[Span]) -> bool:
        """Whether the run of `content` words (first, last) names a section rather than asks
        about its topic ("How did Pakistan try to bring the Taliban in from the cold?"): it is
        quoted ("In 'Tensions with Kabul', …"), a word calling it a section stands just before
        it ("the section on tensions with Kabul", "the part about …") or after it ("the backdrop
        section"), or no sentence of the text uses any of its words ("the overview"): only the
        heading can mean them. "What costs of international isolation …?" asks about them."""
        first, last = run
        start, end = content[first][0][0], content[last][0][1]
        if any(left <= start and end <= right for left, right in quoted):
            return True
        beside = [content[i][1] for i in (first - 2, first - 1, last + 1) if 0 <= i < len(content)]
        if any(stem in _SECTION_NOUNS for stem in beside):
            return True
        return all(self._term_share(stem) == 0.0 for _, stem in content[first : last + 1])

    def _named_headings(self, question: str) -> list[Heading]:
        """The headings every term of whose title `question` holds, with their passages."""
        if not self._headings:
            return []
        asked = set(tokenize([question])[0])
        return [(terms, indices) for terms, indices in self._headings if terms <= asked]


def _longest_run(content: list[Word], terms: frozenset[str]) -> tuple[int, int] | None:
    """The first and last position of the longest run of consecutive `content` words (stop
    words left out) whose stems are all in `terms`; the first of equally long runs."""
    best: tuple[int, int] | None = None
    best_length = run_length = 0
    for position, (_, stem) in enumerate(content):
        run_length = run_length + 1 if stem in terms else 0
        if run_length > best_length:
            best_length, best = run_length, (position - run_length + 1, position)
    return best


def pieces_about(
    names: SectionNames, pieces: np.ndarray, encode: Callable[[str], tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """The word-piece vectors to choose the answer's sentences with: `pieces`, those of the
    text `names` was read from, or, when it names a section, those of what it asks about, read
    anew by the model (`encode`: a text's vector and its pieces'). Leaving out only the name's own
    pieces is not enough: the model reads each word in the light of the others, and the rest
    still carry the heading's sense (docs/tuning.md, session 13)."""
    about = names.about
    if about == names.text:
        return pieces
    return encode(" ".join(about.split()))[1]


def without(text: str, spans: Sequence[Span]) -> str:
    """`text` with each span blanked out (same length: the other words keep their offsets)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
