"""A lead restating a wh-question nearly whole that names what it speaks of only by pointing back
("Afghans have historically bristled at these Pakistani attitudes." for "What Pakistani attitudes
have Afghans historically bristled at?") gives the lead to the sentence before it, which says what
is asked; a pointing lead that adds what is asked stays first (service.lead._restates_a_pointer;
docs/tuning.md, session 47, "A restating lead that points back")."""

from __future__ import annotations

from typing import Any

import pytest

from service.sentences import asks_by_pointing, names_by_pointing, pointer_stands_for_asked

from .support.answers import answer_opening


@pytest.mark.parametrize(
    ("text", "pointing"),
    [
        ("It retains this view, often looking at Afghanistan as a fifth province.", True),
        ("They cannot dictate the shura's decisions, but they can certainly help shape them.", True),
        ("This assistance helped sustain the Taliban.", True),
        ("Afghans have historically bristled at these Pakistani attitudes.", True),
        ('"This is our stance in principle", Pakistan\'s foreign minister told parliament.', True),
        ("The dispute has marred bilateral relations.", False),
        ("And some of the very top postings went to those with close links to Pakistan.", False),
        ("A former diplomat said that the talks had stalled.", False),
    ],
)
def test_a_sentence_names_its_thing_by_pointing(text: str, pointing: bool) -> None:
    assert names_by_pointing(text) is pointing


@pytest.mark.parametrize(
    ("question", "pointing"),
    [
        ("What did this assistance do?", True),
        ("Which risks would such a fall increase?", True),
        ("Who believes that imposing Hanafi jurisprudence could encourage Islamists?", False),
        ("What view of Afghanistan does Pakistan still retain, looking at it as a province?", False),
    ],
)
def test_a_question_that_points_itself(question: str, pointing: bool) -> None:
    assert asks_by_pointing(question) is pointing


@pytest.mark.parametrize(
    ("question", "text", "stands"),
    [
        (
            "What Pakistani attitudes have Afghans historically bristled at?",
            "Afghans have historically bristled at these Pakistani attitudes.",
            True,
        ),
        (
            "Out of which sanctuaries were the command structures reconstituted?",
            "The command structures were reconstituted out of these sanctuaries.",
            True,
        ),
        (
            "Who believes that the law could encourage Islamists?",
            "They believe that the law could encourage them.",
            True,
        ),
        (
            "Who denied backing any party?",
            "Pledging support, they have also repeatedly denied backing any party.",
            True,
        ),
        ("Who said Pakistan must decide?", "But he also said Pakistan must decide.", False),  # what was said answers
        ("Who is the deputy director?", "He is the deputy director.", False),
        ("Which proxy did Pakistan back?", "Yet the pledges, such as after the withdrawal, were rhetoric.", False),
        ("What happened after the attacks?", "It carried out 32 attacks, the highest figure this year.", False),
    ],
)
def test_what_is_asked_is_what_the_sentence_points_to(question: str, text: str, stands: bool) -> None:
    assert pointer_stands_for_asked(question, text) is stands


def test_the_sentence_a_restating_pointing_lead_stands_for_leads(engine: Any) -> None:
    # §II.A.1: the lead restates the question and names the attitudes by "these" only (dev d1948:
    # answered without the gold on main).
    answer_opening(
        engine,
        "What Pakistani attitudes have Afghans historically bristled at?",
        "It retains this view",
        "Afghans have historically bristled at these Pakistani attitudes.",
    )


def test_a_pointing_lead_that_adds_what_is_asked_stays_first(engine: Any) -> None:
    # §IV.5: "They cannot dictate the shura's decisions, …" is what is asked; it restates too
    # little of the question to give way (dev d4419, a control).
    answer_opening(
        engine,
        "What can Pakistani policymakers not do with the Taliban shura's decisions?",
        "They cannot dictate the shura's decisions",
    )


def test_a_yes_no_question_keeps_its_restating_lead() -> None:
    # "Has the dispute … marred relations …?" is answered by the restating sentence itself; the
    # rule reads only wh-questions (a yes/no question opens on an auxiliary).
    from service.lead import _asks_by_wh

    assert not _asks_by_wh("Has the dispute over the Durand Line marred relations?")
    assert _asks_by_wh("Out of which sanctuaries were the command structures reconstituted?")
