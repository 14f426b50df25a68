"""An office taken, dated (service.verdict, "title-only"): "When did X become <office>?" is not
answered by a sentence titling X with the office while dating something else X did; a sentence
writing the taking ("appointed", "since taking power", "took over") answers it (docs/tuning.md,
session 40)."""

from __future__ import annotations

from typing import Any

import pytest

from service.relations import taken_office, writes_office_taken
from tests.support.withdrawals import stands_leading_with, withdrawn_for


def test_a_title_beside_the_name_writes_no_taking_and_a_verb_of_taking_does() -> None:
    taken = taken_office("When did Jane Roe become finance minister?")
    assert taken is not None
    assert not writes_office_taken(taken, "On 3 May, Finance Minister Jane Roe met the lenders in Paris.")
    assert not writes_office_taken(taken, "Jane Roe, then finance minister, warned of a crisis in 2019.")
    assert writes_office_taken(taken, "Jane Roe was appointed finance minister in March 2019.")
    assert writes_office_taken(taken, "Since taking office in 2019, Finance Minister Jane Roe has cut spending.")
    assert writes_office_taken(taken, "The new finance minister, Jane Roe, met the lenders on 3 May.")
    # Another's taking, in a sentence not naming the one asked about, is no answer.
    assert not writes_office_taken(taken, "John Doe was appointed finance minister in 2017.")


@pytest.mark.parametrize(
    "question",
    [
        # Dated by the call the defence secretary made and by the admiral's words, not a taking.
        "When was Lloyd Austin made defence secretary?",
        "When did Admiral Michael Mullen become chairman of the Joint Chiefs of Staff?",
    ],
)
def test_a_date_of_what_a_titled_holder_did_does_not_date_the_taking(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["title-only"]


def test_a_sentence_writing_the_taking_stands(engine: Any) -> None:
    stands_leading_with(engine, "When did Imran Khan become prime minister?", "Since taking power")
