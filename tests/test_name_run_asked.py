"""A "Who/Which" question naming a person: a neighbour writing that person in full with a title
("Prime Minister Khan", "President Ashraf Ghani") names no one new and gains no name bonus
(service.answer_type.names_someone_new, `persons_named`; docs/tuning.md, session 56)."""

from __future__ import annotations

from typing import Any

from service.answer_type import names_someone_new, persons_named

TITLED = frozenset({"Khan", "Ghani", "Mujahid", "Bajwa", "Haqqani", "Akhunzada"})


def test_the_questions_person_written_with_a_title_names_no_one_new() -> None:
    question = "Besides Khan, who had been to Kabul in 2020, 2018 and 2017?"
    sentence = "In November 2020, Prime Minister Khan visited Kabul for the first time since assuming office."
    assert not names_someone_new(sentence, question, TITLED)
    assert names_someone_new(sentence, question)  # without the corpus's titles, as before
    assert names_someone_new("In May 2021, Bajwa and the ISI head met President Ghani in Kabul.", question, TITLED)


def test_a_name_not_titled_or_the_wh_phrases_noun_is_no_asked_person() -> None:
    # "Taliban" is a group's name, not a person the corpus titles; "Which Haqqani …?" asks which one.
    assert persons_named("Which Haqqani did Akhunzada make one of his principal deputies?", TITLED) == {"akhunzada"}
    assert persons_named("Who did the Afghan Taliban meet in Doha?", TITLED) == frozenset()
    assert names_someone_new(
        "Yet …, with successor Shaikh Haibatullah Akhunzada appointing Sirajuddin Haqqani as one of his deputies, …",
        "Which Haqqani did Akhunzada make one of his principal deputies after Mansour's death?",
        TITLED,
    )


def test_the_answer_leads_before_the_questions_person_named_in_full(engine: Any) -> None:
    # "In early June, …, Prime Minister Khan, warning that …" gained the name bonus for "Prime
    # Minister" and led; the next sentence answers by an office (dev d5663: a2 on main).
    answer = engine.ask("Which aide to Imran Khan cautioned that the hasty U.S. withdrawal was a bad idea?")
    assert not answer.abstained
    assert "his national security adviser, cautioning that the" in answer.sentences[0].text
