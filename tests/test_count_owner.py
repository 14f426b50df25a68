"""A count asked of one country, people or body answered with the number the corpus gives another
(service.count_owner `count_of_another`, the verdict "another-count"; docs/retrieval.md,
"Abstention")."""

from __future__ import annotations

from typing import Any

from service.count_owner import count_of_another, count_owner, counted_owners, owner_count_at
from service.verdict import ABSTAIN_REASONS
from tests.support.withdrawals import stands_leading_with

TROOPS = "When the Biden administration took over, the U.S. had some 2,500 to 3,500 troops left in Afghanistan."
COALITION = (
    "Some 7,000 troops in the NATO-led coalition are also to leave in coordination with the departing U.S. forces."
)
REFUGEES = "Pakistan has long demanded that around 1.4 million registered Afghan refugees go back to their homeland."


def test_the_owner_of_what_is_counted_is_read_in_any_form() -> None:
    assert counted_owners("How many American troops are to leave?") == {"United States"}
    assert counted_owners("How many registered refugees from Afghanistan does Pakistan want sent back?") == {
        "Afghanistan"
    }
    # The question's subject owns the count when the counted words name no one.
    assert counted_owners("How many troops did Pakistan send?") == {"Pakistan"}
    # A place, an exception, a capital and a count of times own nothing.
    assert counted_owners("How many troops in Afghanistan were killed?") == frozenset()
    assert counted_owners("How many countries besides Pakistan recognised the Emirate?") == frozenset()
    assert counted_owners("How many troops did Washington send?") == frozenset()
    assert counted_owners("How many times did U.S. officials call Bajwa?") == frozenset()


def test_the_name_standing_by_the_number_owns_it() -> None:
    us, nato = frozenset({"United States"}), frozenset({"North Atlantic Treaty Organization"})
    question = "How many American troops are to leave?"
    # The coalition's 7,000, though the sentence writes the U.S. further on.
    assert count_owner(question, COALITION, us) is False
    assert count_owner("How many NATO troops are to leave?", COALITION, nato) is True
    # "the U.S. had some 2,500 …": three words before the number; Afghanistan is a place.
    assert count_owner(question, TROOPS, us) is True
    assert count_owner("How many Pakistani troops were left?", TROOPS, frozenset({"Pakistan"})) is False
    # No name at all: nothing read.
    assert count_owner(question, "Some 7,000 troops are to leave.", us) is None


def test_another_s_count_withdraws_unless_a_quoted_sentence_gives_the_asked_one_s() -> None:
    question = "How many American troops are to leave Afghanistan with the NATO-led coalition?"
    assert count_of_another(question, [COALITION])
    assert not count_of_another(question, [COALITION, TROOPS])
    assert not count_of_another("How many registered Afghan refugees does Pakistan want sent back?", [REFUGEES])
    assert count_of_another("How many registered Pakistani refugees does Afghanistan want sent back?", [REFUGEES])
    # A count asked of no one is not read here.
    assert not count_of_another("How many troops are to leave?", [COALITION])


def test_a_quoted_sentence_giving_the_asked_one_s_count_leads() -> None:
    question = "How many NATO troops were left in Afghanistan?"
    assert owner_count_at(question, [TROOPS, COALITION]) == 1
    # The lead gives the asked one's, or nothing is quoted that does: nothing to move.
    assert owner_count_at(question, [COALITION, TROOPS]) is None
    assert owner_count_at(question, [TROOPS]) is None


def test_another_count_is_an_abstain_reason() -> None:
    assert "another-count" in ABSTAIN_REASONS


def test_the_engine_withdraws_a_count_given_to_another_country(engine: Any) -> None:
    # dev d5855: led by the NATO-led coalition's 7,000 troops.
    question = "How many American troops are to leave Afghanistan in coordination with the NATO-led coalition?"
    answer = engine.ask(question)
    assert answer.abstained and answer.abstain_reason == "another-count"
    # Asked of the country the number stands by, in another form than the passage's, it stands.
    question = "How many American troops were left in Afghanistan when the Biden administration took over?"
    stands_leading_with(engine, question, "the U.S. had some 2,500 to 3,500 troops")


def test_the_engine_leads_with_the_quoted_sentence_giving_the_asked_one_s_count(engine: Any) -> None:
    # Ranked first, the U.S. troops left when Biden took over; the coalition's 7,000 quoted second.
    question = "How many NATO troops were left in Afghanistan when Biden took over?"
    stands_leading_with(engine, question, "Some 7,000 troops in the NATO-led coalition")
