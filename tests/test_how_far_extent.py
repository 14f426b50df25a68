"""'How far has X ceded …?' asks how far something has gone, an extent stated in words, not a
period: no type is expected, so a lead is neither withdrawn for stating no date or number nor
chosen for stating one (service.answer_type.asks_how_far; docs/tuning.md, session 39)."""

from __future__ import annotations

import pytest

from service.answer_type import AnswerType, asks_extent, asks_how_far, expected_type


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How far has Imran Khan handed security and foreign policy over to the generals?", None),
        ("How far did the Quadrilateral Dialogue advance a negotiated settlement?", None),
        ("How far do the Taliban now control Afghanistan?", None),
        ("How far are Pakistan's ties to the Taliban closer than India's?", None),
        # A period and a distance are still asked as before.
        ("How far back do the Haqqani network's links to Pakistan go?", AnswerType.PERIOD),
        ("How far is it from London to Paris by train?", AnswerType.PERIOD),
        ("How far is Kabul from Peshawar?", AnswerType.PERIOD),
    ],
)
def test_how_far_something_has_gone_is_told_from_a_period(question: str, expected: AnswerType | None) -> None:
    assert expected_type(question) is expected
    assert asks_how_far(question) is (expected is None)
    assert asks_extent(question) is (expected is None)
