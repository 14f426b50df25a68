"""A word asked in a form the corpus never writes, while it writes another form of the word, is
no word the corpus never writes: `CorpusScope.question`'s unknown share reads an irregular verb's
other forms and a comparative's adjective (service.evidence; docs/tuning.md, session 43)."""

from __future__ import annotations

from service.bm25 import tokenize
from service.evidence import CorpusScope
from service.records import Document

UNITS = [
    "Pakistani militants fleeing from military operations have long sheltered in Afghanistan, let in by the army.",
    "Biden decided to withdraw all U.S. troops; the large question is who will pay, where and when.",
]


def scope() -> CorpusScope:
    vocabulary = {term for unit in UNITS for term in tokenize([unit])[0]}
    return CorpusScope(vocabulary, [Document("d", "d.txt", "D", date="2021-06-30")], lambda unit: UNITS[unit], 2)


def test_an_irregular_form_of_a_written_verb_is_no_unknown_word() -> None:
    read = scope()
    written = read.question("Where have militants fleeing military operations sheltered?").unknown_share
    assert written == 0.0
    assert read.question("Where have militants who fled military operations sheltered?").unknown_share == written
    assert read.question("When will all U.S. troops be withdrawn?").unknown_share == 0.0
    assert read.question("Who paid the troops?").unknown_share == 0.0


def test_a_comparative_of_a_written_adjective_is_no_unknown_word_and_a_doubled_consonant_is_not_undone() -> None:
    read = scope()
    assert read.question("Who will pay the larger troops?").unknown_share == 0.0
    assert read.question("Who will pay the largest troops?").unknown_share == 0.0
    # "letter" is not read as a comparative of "let": a word the corpus never writes stays one
    assert read.question("Who will pay the letter?").unknown_share > 0.0


def test_a_word_no_form_of_which_is_written_is_still_unknown() -> None:
    read = scope()
    assert read.question("Who will sing the song?").unknown_share > 0.0
    assert read.question("Who won the troops?").unknown_share > 0.0  # no form of "win" is written
