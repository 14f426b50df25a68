"""The acceptance property of footnote markers kept in place (docs/retrieval.md, "Footnote
markers"), shared by the tests of every input format."""

from __future__ import annotations

from service.records import Unit
from service.text import sentence_spans


def assert_in_place(unit: Unit) -> None:
    """The acceptance property: each marker's offset ends a sentence of the passage, or the
    clause it closes inside `sentence`; `sentence` is one of the index's sentences and holds
    the offset; the number is one the passage cites; refs run in reading order."""
    spans = sentence_spans(unit.text)
    offsets = [ref.offset for ref in unit.footnote_refs]
    assert offsets == sorted(offsets), unit.id
    assert list(dict.fromkeys(ref.number for ref in unit.footnote_refs)) == list(unit.footnotes), unit.id
    for ref in unit.footnote_refs:
        start, end = ref.sentence
        assert ref.sentence in spans, (unit.id, ref)
        assert start < ref.offset <= end, (unit.id, ref)
        assert ref.number in unit.footnotes, (unit.id, ref)
        assert not unit.text[ref.offset - 1].isspace(), (unit.id, ref)
        if ref.offset < end:  # inside the sentence: the end of a word or clause, never mid-word
            assert not unit.text[ref.offset].isalnum(), (unit.id, ref, unit.text[start:end])
