"""Questions that name a section: "What does the conclusion recommend?", "According to the
overview, …", "What costs of international isolation does the briefing describe?".

Each passage's headings are indexed with its text (service.units.lexical_text), so a heading's
words already count on the lexical side; but a heading's word is one word of a long unit
there, and "conclusion" weighs no more than "recommend". A question that holds every word of a
heading's title names that section, and the passages under that heading get a fixed share on
the lexical side (docs/retrieval.md, "Section headings"). The headings are read from the loaded
units, never from a list: any document's sections count the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from service.bm25 import tokenize
from service.parse import heading_title
from service.records import SECTION_SEPARATOR, Unit

# A heading names its section only when one of its words is this rare among the sentences
# (`term_share` reads the sentence index, which holds no headings): a heading of common words
# only ("Pakistan and the Taliban") would otherwise match most questions.
RARE_SHARE = 0.05


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

    def named(self, question: str) -> np.ndarray:
        """Per unit, whether `question` holds every term of one of its headings' titles."""
        named = np.zeros(self._count, dtype=bool)
        if not self._headings:
            return named
        asked = set(tokenize([question])[0])
        for terms, indices in self._headings:
            if terms <= asked:
                named[indices] = True
        return named
