"""A "Who did <Name> say …?" question: a neighbour writing the asked subject's full name gains no
name bonus (service.answer_type.names_someone_new, `_asked_subject`; docs/tuning.md, session 39,
"A name's bonus for the question's own subject written in full")."""

from __future__ import annotations

from typing import Any

from service.answer_type import names_someone_new


def test_the_asked_subject_written_in_full_names_no_one_new() -> None:
    question = "Who did Mujahid say gets to decide whether the TTP's fight is above board?"
    assert not names_someone_new("Taliban spokesperson Zabihullah Mujahid told a Pakistani TV channel …", question)
    assert names_someone_new("These include new Prime Minister Mullah Obaidullah Akhund …", question)


def test_a_name_the_question_asks_about_is_still_new_elsewhere() -> None:
    # Not the subject of a "did" clause: "Who leads the Haqqani network?" is answered by a
    # sentence naming "Sirajuddin Haqqani"; "Who is Haqqani's brother?" asks of the name.
    assert names_someone_new("The network is led by Sirajuddin Haqqani.", "Who leads the Haqqani network?")
    assert names_someone_new("He met Anas Haqqani there.", "Who is Haqqani's brother?")


def test_the_answer_leads_before_the_subject_named_in_full(engine: Any) -> None:
    # "Taliban spokesperson Zabihullah Mujahid told a Pakistani TV channel …" gained the name
    # bonus for "Zabihullah" and led; the next sentence answers (dev d1980: a2 on main).
    answer = engine.ask("Who did Mujahid say gets to decide whether the TTP's fight is above board?")
    assert not answer.abstained
    assert "Pakistan, not the Taliban, must decide" in answer.sentences[0].text
