"""The asked relation (service.relations): what a passage must state beyond naming what the
question names, read on made-up sentences and on the real engine over the session index."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from service.bm25 import terms_of, tokenize
from service.engine import Engine
from service.evidence import FEATURES
from service.records import Answer, AnswerSentence, Document, Hit, Result, Unit
from service.relations import (
    OFFICE_FORMS,
    AskedRelation,
    UnitRelations,
    asked_after_premise,
    asks_only_the_office,
    holder_asked,
    names_holder,
    office_of_verb,
    office_words_added,
    opens_on_the_office,
    read_relation,
    sentence_stems,
    states_office_taken,
    states_relation,
    taken_office,
    titles_someone_as,
    writes_office_unnamed,
)
from service.said_about import (
    TOPIC_WORD_ALIKE,
    read_said_about,
    read_said_in_conversation,
    says_about,
    speaker_titles,
    topic_word_spans,
)
from service.titles import TitleTable

from .support.answers import answer_lead_holding, lead_holds

UNSTATED = FEATURES.index("relation_unstated")


def _states(question: str, *sentences: str, held: str = "", year: int | None = None) -> bool:
    return states_relation(read_relation(question), list(sentences), frozenset(held.split()), year)


def test_questions_asking_for_no_relation_check_nothing() -> None:
    for question in (
        "Why does Pakistan back the Taliban?",
        "What did the Taliban spokesman say after the takeover?",  # "after" a time frame, not a name
        "What happened before the Doha talks?",
    ):
        assert not read_relation(question).asked
        assert _states(question, "Nothing relevant here.")


def test_a_year_is_stated_by_the_year_a_date_in_it_a_span_holding_it_or_the_documents_year() -> None:
    question = "What did the minister say in 2015?"
    assert not _states(question, "The minister said the talks would fail.", "He spoke in 2019.")
    assert _states(question, "In 2015, the minister spoke.", "He said the talks would fail.")
    assert _states(question, "On 7 July 2015 the minister spoke.")
    assert _states(question, "The minister (2013-2018) said the talks would fail.")
    assert _states(question, "The minister said the talks would fail.", year=2015)


def test_a_relational_word_must_stand_beside_the_name_it_relates() -> None:
    question = "What is the population of Lahore?"
    assert not _states(question, "The country's population is 220 million.", "Trade passes through Ports.")
    assert not _states(question, "Lahore is a large city.", "Nothing.", "Nothing.", "The population grew.")
    assert _states(question, "Lahore, with a population of 11 million, is large.")
    assert _states(question, "Lahore is large.", "Its inhabitants number 11 million.")  # a neighbour, another form
    born = "When was Amina Khan born?"
    assert not _states(born, "Amina Khan led the party.")
    assert _states(born, "Amina Khan was born in a village.")


def test_a_demonym_and_a_name_are_one_name_the_window_writes_as_one() -> None:
    # "Pakistan … the Taliban" names the country and the Taliban, not the Pakistani Taliban (dev
    # d4113, session 45); the group's own name with the place after it does.
    question = "Does Pakistan supply weapons to the Pakistani Taliban?"
    assert read_relation(question).joined == (("pakistani", "taliban"),)
    assert not _states(question, "Pakistan no longer provides weapons directly to the Taliban.")
    assert not _states(question, "Pakistan sells weapons to Kabul.", "The Taliban. Pakistan arms the Taliban.")
    assert _states(question, "Pakistan accused India of giving weapons to Pakistani Taliban commanders.")
    assert _states(question, "Pakistan armed the Tehreek-e-Taliban Pakistan once, with weapons.")
    # The name alone is no demonym's: "the Taliban" is stated by any "Taliban".
    assert _states("Does Pakistan supply weapons to the Taliban?", "Pakistan gives weapons to the Taliban.")
    # A demonym's place the question does not name apart: read by a word of the name, as any name
    # ("the Afghan Taliban" is written "the Taliban" as often).
    afghan = "Does Pakistan supply weapons to the Afghan Taliban?"
    assert read_relation(afghan).joined == ()
    assert _states(afghan, "Pakistan no longer provides weapons directly to the Taliban.")
    assert read_relation("When was the Pakistani Taliban founded?").joined == ()


def test_an_office_asked_of_a_named_country_needs_the_office_beside_that_name() -> None:
    question = "Who is the prime minister of India?"
    far = (
        "The Taliban named Mullah Akhund their new Prime Minister.",
        "It was a long year.",
        "Talks went on.",
        "India watched.",
    )
    assert not _states(question, *far)  # the office and the country in no window of three sentences
    assert not _states(question, "Pakistan's prime minister, Imran Khan, spoke.")
    assert _states(question, "India's prime minister, Narendra Modi, spoke.")
    assert _states(question, "Indian Prime Minister Modi met the envoy.")  # "Indian" names India
    assert _states("Who is Iran's ambassador to Pakistan?", "Iran's envoy in Islamabad said Pakistan agreed.")
    assert not read_relation("What did the foreign minister say about India?").asked  # asks for no holder
    assert read_relation("Who became the Taliban's prime minister in September?").arguments == (frozenset({"taliban"}),)


def test_an_office_s_owner_is_read_in_any_form_of_its_country_and_a_place_in_its_own_words() -> None:
    """Rule N (docs/tuning.md, session 50): "U.S.", "Washington" and "the American" own one
    envoy, through the forms the verdict "another-name" reads (service.name_forms.keys_in)."""
    envoy = "An earlier effort by U.S. envoy Karim Dost to convince the government had failed."
    for question in ("Who is the American envoy?", "Who is Washington's envoy?", "Who is the US envoy?"):
        assert _states(question, envoy), question
    for question in ("Who is the Indian envoy?", "Who is Moscow's envoy?"):
        assert not _states(question, envoy), question
    ruler = "Pressure from Washington prompted Pakistan's military ruler President Karim Dost to act."
    assert _states("Which Islamabad president acted under pressure?", ruler)
    assert not _states("Which American president acted under pressure?", ruler)  # Washington owns the pressure
    assert _states("Who is Kabul's chief peace envoy?", "Ghani met chief Afghan peace envoy Karim Dost.")
    # The office's owner, not a place: a U.S. envoy met in Islamabad is no Pakistani envoy.
    met = "U.S. envoy Karim Dost, also in Islamabad, met the Taliban delegation."
    assert _states("Which American envoy met the Taliban delegation in Islamabad?", met)
    assert not _states("Which Pakistani envoy met the Taliban delegation in Islamabad?", met)
    assert not _states("Which Pakistani envoy met the Taliban delegation in Washington?", met)  # a place by its words
    # A holder of no word ("U.S." has no stem) is read as none, as before: any owner's office answers.
    assert not read_relation("Who was the U.S. president in September 2019?").holder


def test_a_country_the_question_names_is_written_by_any_of_its_forms_but_its_capital() -> None:
    """docs/tuning.md, session 57: a name of a country beside the asked relation ("American") is
    written by the country in another form ("U.S."), as "Chinese" is by "China"; a capital is a
    place of its own, asked or written, and another country's form writes no name."""
    called = "On 28 April, U.S. Defence Secretary Karim Dost called Pakistan's army chief again."
    question = "Which American official called Pakistan's army chief on 28 April?"
    assert _states(question, called)
    assert _states("Which U.S. official called Pakistan's army chief on 28 April?", called)
    assert not _states("Which Chinese official called Pakistan's army chief on 28 April?", called)
    assert not _states(question, called.replace("U.S.", "Washington's"))  # a capital is no American
    assert not _states(question, called.replace("U.S.", "Chinese"))
    founded = "In 2018, Ruritania freed Karim Dost, who had founded the group with help from China."
    assert _states("Who founded the group the Chinese helped?", founded)
    assert not _states("Who founded the group the British helped?", founded)
    # A capital asked keeps its own words: "Beijing" is not written by "China".
    assert not _states("Who founded the group Beijing helped?", founded)


def test_the_engine_answers_a_relation_asked_of_a_country_the_passage_writes_otherwise(engine: Any) -> None:
    """dev d5540: "Which American defence secretary called Islamabad's army chief …?" was withdrawn
    as `relation-unstated`, the passage writing "U.S."; India's army chief (d5857) still abstains."""
    question = (
        "Which American defence secretary called Islamabad's army chief yet another time at the end of April 2021?"
    )
    units, rows = engine.evidence(question, depth=5)
    found = [i for i, u in enumerate(units) if "Austin called him up still another time" in u.text]
    assert found and rows[found[0], UNSTATED] == 0.0
    assert engine.evidence(question.replace("American", "Chinese"), depth=5)[1][found[0], UNSTATED] == 1.0
    assert engine.ask("Which American official telephoned India's army chief on 10 April 2021?").abstained


def test_an_office_is_read_in_either_spelling_of_its_agent_noun() -> None:
    """ "adviser" stems to "advis", "advisor" to itself: both name the one office, asked or stated."""
    adviser = read_relation("Who is Pakistan's national security adviser?")
    advisor = read_relation("Who is Pakistan's national security advisor?")
    assert adviser.offices and adviser.offices == advisor.offices and adviser.holder == advisor.holder
    stated = "Pakistan's national security adviser, Moeed Yusuf, spoke."
    assert _states("Who is Pakistan's national security advisor?", stated)
    assert not read_relation("Who governs Pakistan?").offices  # "governor" lends no "-er" spelling to "govern"


def test_an_office_asked_of_a_holder_written_beside_it_needs_that_holder_to_own_it() -> None:
    question = "Who is Ruritania's interior minister?"
    elsewhere = (
        "The group has long had a presence in Ruritania's tribal areas.",
        "With the movement having appointed Karim Dost as interior minister, its importance will grow.",
    )
    assert _states("Who is the interior minister?", *elsewhere)  # no holder: the office and no owner
    assert not _states(question, *elsewhere)  # Ruritania named, and the office nobody's in particular
    assert not _states(question, "The Taliban interior minister Karim Dost spoke in Ruritania.")  # another's
    assert not _states(question, "Freedonia's interior minister visited Ruritania.")
    for stated in (
        "Ruritania's interior minister, Karim Dost, spoke.",
        "The Ruritanian interior minister met the envoy.",  # a demonym the name begins
        "Karim Dost, the interior minister of Ruritania, spoke.",
        "Interior Minister Karim Dost spoke in Ruritania.",  # a title no other name owns
    ):
        assert _states(question, stated), stated
    for form in ("Who is the Ruritanian interior minister?", "Who is the interior minister of Ruritania?"):
        assert read_relation(form).holder, form
        assert not _states(form, *elsewhere), form
    # The office's own words: a prime minister is no foreign minister, whoever owns the office.
    foreign = "Who is Ruritania's foreign minister?"
    assert not _states(foreign, "Ruritania's new Prime Minister Karim Dost spoke.")
    assert _states(foreign, "Ruritania's foreign ministry said so.")
    assert _states("Who is Ruritania's current foreign minister?", "Foreign Minister Karim Dost toured Ruritania.")


def test_an_office_is_stated_by_another_noun_of_it_with_its_own_words_after_it() -> None:
    """ "director" and "emissary" name a chief and an envoy; the office's own words may follow it in
    the "of" phrase naming what it heads ("the director of Ruritania's main spy agency")."""
    spy = "Which Ruritanian spy chief was in the capital?"
    assert _states(spy, "The director of Ruritania's main spy agency, Karim Dost, was in the capital.")
    assert _states("Who heads Ruritania's spy agency?", "The director of Ruritania's main spy agency spoke.")
    assert not _states(spy, "The director of Freedonia's main spy agency, Karim Dost, was in the capital.")
    assert not _states(spy, "The director of Ruritania's main trade agency, Karim Dost, was in the capital.")
    assert not _states(spy, "Ruritania's director, Karim Dost, was in the capital.")  # no spy agency
    assert _states("Which Ruritanian army chief met the envoy?", "Ruritania's chief of army staff met the envoy.")
    envoy = "Which Ruritanian envoy signed the 1893 agreement?"
    assert _states(envoy, "The 1893 agreement between Karim Dost, an emissary of the Ruritanian government, held.")
    assert not _states(envoy, "The 1893 agreement between Karim Dost, an emissary of the Freedonian government, held.")
    assert not _states(envoy, "The 1901 agreement between Karim Dost, an emissary of the Ruritanian government, held.")


def test_a_possessive_owns_an_office_across_a_capitalised_word_of_its_remit() -> None:
    # "Ruritania's Freedonian envoy" is Ruritania's envoy for Freedonia: the possessive owns the
    # office, the demonym after it is no owner (docs/retrieval.md, "The asked relation").
    passage = "Meeting the rebels on 1 May, Ruritania's Freedonian envoy had joined the special envoys of Elbonia."
    assert _states("Which countries were in the troika with Ruritania's envoy?", passage)
    assert _states("Who did Ruritania's envoy meet on 1 May?", passage)
    assert not _states("Who did Freedonia's envoy meet on 1 May?", passage)  # the remit, not the owner
    assert not _states("Who did Patagonia's envoy meet on 1 May?", passage)
    assert _states("Who is Ruritania's foreign minister?", "Ruritania's Foreign Minister Karim Dost spoke.")
    assert not _states("Who is Freedonia's foreign minister?", "Ruritania's Foreign Minister Karim Dost met Freedonia.")
    # Asked the same way, the possessive is the holder the question reads.
    assert read_relation("Who is Ruritania's Freedonian envoy?").holder == terms_of("Ruritania")


def test_an_office_given_with_as_is_its_givers_when_the_same_sentence_names_them() -> None:
    question = "Who is the Ruritanian minister for refugees?"
    given = "With Ruritania having appointed Karim Dost (Ali's uncle) as minister for refugees, it grew."
    assert _states(question, given)
    assert _states("Who is Ruritania's interior minister?", "Ruritania named Karim Dost as interior minister.")
    # Named in the window but not in the sentence that gives the office: the giver is not read.
    elsewhere = ("Ruritania has long had a presence there.", "The movement named Karim Dost as minister for refugees.")
    assert not _states(question, *elsewhere)


def test_the_holder_written_before_an_office_owns_it_whatever_follows_it() -> None:
    question = "Who was the chairman of the Joint Chiefs of Staff in 2011?"
    assert read_relation(question).holder
    assert _states(question, "In 2011, Admiral Karim Dost, then chairman of the Joint Chiefs of Staff, spoke.")
    assert not _states(question, "In 2011, the Joint Staff of Freedonia's chiefs of police met.")


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is Ruritania's army chief?", "Elbonia's envoy met Ruritania's army chief Karim Dost on 8 March."),
        ("Who is the Ruritanian army chief?", "Ruritanian army chief Karim Dost said so."),  # a demonym owns it
        ("Who is Ruritania's chief negotiator?", "Ruritania's chief negotiator Karim Dost travelled."),  # a post word
        ("Who is Ruritania's security adviser?", "Ruritania's security advisor, Karim Dost, warned."),  # set off
        ("Who is the Ruritanian minister for refugees?", "Ruritania appointed Karim Dost as minister for refugees."),
    ],
)
def test_a_sentence_naming_the_holder_writes_a_name_as_the_owned_offices_title(question: str, sentence: str) -> None:
    assert names_holder(read_relation(question), sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is Ruritania's army chief?", "On 9 March, the envoy met the Ruritanian army chief."),  # no name
        ("Who is Ruritania's army chief?", "The Ruritanian army chief called Karim Dost."),  # a verb, not a title
        ("Who is Ruritania's army chief?", "Elbonia's army chief Karim Dost visited Ruritania."),  # another's
        ("Who is Ruritania's foreign minister?", "Foreign Minister Karim Dost spoke of Ruritanian troops."),  # no owner
        ("Who is Ruritania's foreign minister?", "Ruritania's Prime Minister Karim Dost spoke."),  # another office
        ("Who is Ruritania's chief negotiator?", "A delegation headed by chief negotiator Karim Dost met Ruritania."),
    ],
)
def test_a_sentence_not_naming_the_owned_offices_holder_names_none(question: str, sentence: str) -> None:
    assert not names_holder(read_relation(question), sentence)


def _office(question: str) -> AskedRelation:
    asked = holder_asked(question, read_relation(question))
    assert asked is not None, question
    return asked


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is Ruritania's army chief?", "On 9 March, the envoy met the Ruritanian army chief."),
        ("Who is Ruritania's Elbonian envoy?", "On 1 May, Ruritania's Elbonian envoy had joined the talks."),  # a month
        ("Who is the Zenda Command chief?", "On 19 February, the Zenda Command chief called Karim Dost."),  # a verb
        ("Who heads the Zenda Command?", "The Zenda Command chief called Karim Dost."),
        ("Who is the ISI chief?", "In May 2021, Karim Dost and the ISI head met the envoy in Zenda."),
        ("Who is Ruritania's foreign minister?", '"This is our stance", Ruritania\'s foreign minister said.'),
    ],
)
def test_a_sentence_writing_the_asked_office_bare_names_no_holder(question: str, sentence: str) -> None:
    assert writes_office_unnamed(_office(question), sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who is Ruritania's army chief?", "The envoy discussed it with Ruritania's army chief Karim Dost."),
        ("Who is Ruritania's security adviser?", "Ruritania's security advisor, Karim Dost, warned."),
        ("Who was Ruritania's defence minister?", "Karim Dost, the former Ruritanian defence minister, died."),
        ("Who led the Ruritanian government in 1997?", "In 1997, the Ruritanian government led by Karim Dost asked."),
        ("Who is Ruritania's army chief?", "Elbonia's army chief Ivan Petrov visited."),  # another's office
        ("Who is Ruritania's army chief?", "The army headquarters are in Zenda."),  # no office
        ("Who was the chairman of the Joint Chiefs of Staff in 2011?", "Then the Joint Chiefs of Staff met."),  # a name
    ],
)
def test_a_sentence_naming_the_holder_or_not_writing_the_asked_office_is_not_read_as_unnamed(
    question: str, sentence: str
) -> None:
    assert not writes_office_unnamed(_office(question), sentence)


def test_a_capitalised_title_no_name_owns_may_be_the_asked_holders_but_a_lowercase_one_is_not() -> None:
    asked = _office("Who is Ruritania's foreign minister?")
    assert titles_someone_as(asked, "Foreign Minister Karim Dost said he had told the envoy.")
    assert not names_holder(asked, "Foreign Minister Karim Dost said he had told the envoy.")
    assert not titles_someone_as(asked, "Elbonia's Foreign Minister Ivan Petrov said so.")  # another's
    envoy = _office("Who is Ruritania's Elbonian envoy?")
    assert not titles_someone_as(envoy, "Visits by top Zendan officials, including peace envoy Karim Dost, helped.")


@pytest.mark.parametrize(
    ("question", "only"),
    [
        ("Who is the current Zenda Command chief?", True),
        ("Who heads the Zenda Command?", True),  # read as "Who is the Zenda Command chief?"
        ("Who was the chairman of the Joint Chiefs of Staff in 2011?", True),  # its remit, a time
        ("Who is Ruritania's army chief now?", True),
        ("Who was the army chief Karim Dost telephoned?", False),  # an event asked too
        ("Who was the Ruritanian army chief who met the envoy?", False),
    ],
)
def test_a_question_asking_only_who_holds_an_office_writes_at_most_its_remit_and_a_time_after_it(
    question: str, only: bool
) -> None:
    assert asks_only_the_office(question, _office(question)) is only


def test_a_sentence_opening_on_the_definite_office_may_point_back_at_a_named_holder() -> None:
    asked = _office("Who was the army chief in 2017?")
    assert opens_on_the_office(asked, "The army chief had also visited Zenda in 2020, 2018 and 2017.")
    assert not opens_on_the_office(asked, "In May, Karim Dost and the envoy met the army chief in Zenda.")


def _holder_led(question: str, lead: int, *units: tuple[str, ...]) -> tuple[str, ...]:
    """The quoted sentences after the engine's holder step (`Engine._holder_named_lead`), over
    made-up units ranked in order, the answer quoting the first sentence of unit `lead` only."""
    texts = [" ".join(sentences) for sentences in units]
    made = [Unit(f"doc:p:{i}", "passage", "doc", None, text, i, ((0, len(text)),)) for i, text in enumerate(texts)]
    spans = []
    for sentences in units:
        starts = [sum(len(x) + 1 for x in sentences[:k]) for k in range(len(sentences))]
        spans.append([(start, start + len(x)) for start, x in zip(starts, sentences, strict=True)])
    engine = SimpleNamespace(
        _relations=_unit_relations(*units),
        _by_id={unit.id: i for i, unit in enumerate(made)},
        _units=made,
        files=SimpleNamespace(sentences=SimpleNamespace(spans_of=lambda unit: spans[unit])),
    )
    engine._holder_candidates = lambda *args: Engine._holder_candidates(engine, *args)  # type: ignore[attr-defined]
    engine._holder_led_from_results = lambda *args: Engine._holder_led_from_results(engine, *args)  # type: ignore[attr-defined]
    document = Document("doc", "doc.txt", "Doc")
    results = tuple(Result(i + 1, Hit(unit, 0.5), document, (), unit.id) for i, unit in enumerate(made))
    quoted = AnswerSentence.quoting(made[lead], spans[lead][0])
    answer = Answer(question, False, (quoted,), results)
    return tuple(s.text for s in Engine._holder_named_lead(engine, question, (), answer).sentences)  # type: ignore[arg-type]


def test_a_lead_writing_the_asked_office_bare_gives_the_lead_to_a_sentence_naming_its_holder() -> None:
    bare = ("On 9 March, the envoy met the Ruritanian army chief.", "The talks went on.")
    named = ("Ruritania's army headquarters are in Zenda.", "There, Ruritania's army chief Karim Dost met the envoy.")
    # The holder named in a later sentence of a unit among the first three leads; the old lead follows.
    assert _holder_led("Who is Ruritania's army chief?", 0, bare, named) == (named[1], bare[0])
    # Another owner's holder, or none, leaves the answer as it is (the verdict then withdraws it).
    other = ("Elbonia's army chief Ivan Petrov visited Zenda.",)
    assert _holder_led("Who is Ruritania's army chief?", 0, bare, other) == (bare[0],)
    # A lead naming the holder stands.
    assert _holder_led("Who is Ruritania's army chief?", 0, named[1:], bare) == (named[1],)
    # A lead writing no office and naming no holder gives way to a result's sentence naming him
    # (session 58: the holder move put that result first; a lower one's sentence was chosen).
    assert _holder_led("Who is Ruritania's army chief?", 1, bare, named) == (named[1], named[0])
    # A capitalised title no name owns leads when no owned one is ranked.
    title = ("Army Chief Karim Dost said Ruritania would wait.",)
    assert _holder_led("Who is Ruritania's army chief?", 0, bare, title) == (title[0], bare[0])


def _unit_relations(*units: tuple[str, ...]) -> UnitRelations:
    """Relations over made-up units of one or more sentences, with no card and no year."""
    return UnitRelations(lambda unit: list(units[unit]), lambda unit: "", lambda unit: None)


def test_a_who_is_office_question_moves_the_unit_naming_the_holder_first() -> None:
    relations = _unit_relations(
        ("On 9 March, the envoy met the Ruritanian army chief.",),
        ("Ruritania's army headquarters are in Zenda.",),
        ("The envoy discussed it with Ruritania's army chief Karim Dost on 8 March.",),
        ("Elbonia's army chief Ivan Petrov visited Ruritania.",),
    )
    units = np.arange(4)
    assert relations.said_first("Who is Ruritania's army chief?", units) == 2
    assert relations.said_first("Who is the army chief now?", units) == 2  # no owner asked: the office's words
    # Read HOLDER_HEAD (7) deep: a fourth result naming the holder moves; past the seventh, or
    # when the first names a holder, nothing moves (docs/tuning.md, session 58).
    assert relations.said_first("Who is Ruritania's army chief?", units[[0, 1, 3, 2]]) == 3
    assert relations.said_first("Who is Ruritania's army chief?", units[[0, 1, 3, 1, 1, 1, 1, 2]]) == 0
    assert relations.said_first("Who is Ruritania's army chief?", units[[2, 0]]) == 0
    # Only "Who is/was …?" asks for the holder; another ask about the office keeps its order.
    assert relations.said_first("Which city did Ruritania's army chief visit?", units) == 0
    # A holder named for another owner does not move, nor one whose unit misses the asked year.
    assert relations.said_first("Who is Freedonia's army chief?", units) == 0
    assert relations.said_first("Who was Ruritania's army chief in 2019?", units) == 0  # the year unstated


def test_a_quantity_of_a_named_thing_needs_a_number_written_with_it() -> None:
    question = "What is the population of Ruritania?"
    share = "Though 80 per cent of Ruritania's population follows the Hanafi school, the movement is Deobandi."
    assert not _states(question, share)  # a share of it, not a count
    assert not _states(question, "Ruritania's population grew in 2019.")  # a year, not a count
    assert _states(question, "Shias are 20 per cent of Ruritania's population of 22 million.")
    assert _states(question, "Ruritania has 22 million inhabitants.")
    assert _states("What share of Ruritania's population is Hanafi?", share)  # asks for the share
    assert not read_relation("Which country has a larger Shia population than Ruritania?").quantity


def test_the_number_of_things_asks_for_a_count_as_how_many_does() -> None:
    question = "What is the number of registered refugees in Ruritania?"
    assert read_relation(question).counted == read_relation("How many registered refugees are in Ruritania?").counted
    assert not _states(question, "Refugees in Ruritania are registered by two agencies.")
    assert _states(question, "Ruritania hosts around 1.4 million registered refugees.")
    assert not read_relation("Why did a number of refugees leave Ruritania?").counted  # some, not how many


def test_a_yes_no_question_relating_two_named_parties_needs_both_beside_the_relation() -> None:
    question = "Is the Ruritanian government recognised by Freedonia?"
    far = ("Freedonia praised Ruritania's rulers.", "Trade grew.", "Talks went on.", "Recognition came from abroad.")
    assert not _states(question, *far)  # the relation in no window of three sentences with both names
    assert _states(question, "Freedonia was one of three countries to recognise Ruritania's government.")
    assert _states("Does Freedonia fund Ruritania?", "Ruritania relies on financial aid from Freedonia.")
    assert not read_relation("Does Freedonia fund the rebels?").relations  # one party named: no relation
    assert not read_relation("Why did Freedonia fund Ruritania?").relations  # no yes/no question


def test_before_a_name_asks_for_a_predecessor_only_in_a_question_asking_for_a_name() -> None:
    question = "Who was the ISI chief before Faiz Hameed?"
    assert read_relation(question).relations
    assert not _states(question, "ISI chief Faiz Hameed met the delegation.")
    assert _states(question, "Faiz Hameed's predecessor as ISI chief was Asim Munir.")
    assert not read_relation("What did Pakistan do before Biden took office?").relations
    assert not read_relation("Who led the movement before September 2001?").relations  # a time frame


def test_how_many_asks_for_a_number_written_before_the_counted_thing() -> None:
    question = "How many schools are registered in the province?"
    assert not _states(question, "Students attend schools run by two factions.")
    assert _states(question, "The province has some 3,000 registered religious schools.")
    assert _states("How many more traders does the city want?", "It wants thousands of traders.")


def test_a_possessive_relation_is_not_stated_by_another_possessor_or_with_the_roles_reversed() -> None:
    asked = "Who is Karim Dost's deputy?"
    reversed_roles = "Karim Dost, a founder of the movement and formerly Nadia Sayed's deputy, was freed."
    assert not _states(asked, reversed_roles)  # Dost is Sayed's deputy: the word and the name are there
    assert _states("Who was Nadia Sayed's deputy?", reversed_roles)
    assert _states("Who was the deputy of Nadia Sayed?", reversed_roles)
    assert _states(asked, "Karim Dost met the province's deputy governor.")  # no name owns it: roles unread
    assert not _states(asked, "Karim Dost met Lahore's deputy mayor.")
    assert _states(asked, "Karim Dost appointed Omar Rafi as one of his deputies.")  # a pronoun: roles unread
    successor = "The council met after Rafi's death, with successor Amina Noor presiding."
    assert not _states("Who was Amina Noor's successor?", successor)  # Noor holds the role
    assert not _states("Who succeeded Amina Noor?", successor)
    assert _states("Who was Rafi's successor?", successor)
    kin = "Bilal Haider (Tariq's uncle) was named minister."
    assert not _states("Who is Bilal Haider's uncle?", kin)
    assert _states("Who is Tariq Haider's uncle?", kin)
    assert not _states(
        "What is Lahore's population?", "Lahore voted.", "Shias are 20 per cent of Pakistan's population."
    )


def test_a_role_is_stated_by_its_converse_held_by_the_named_person() -> None:
    # docs/tuning.md, session 36: X's predecessor is the one whose successor X is
    successor = "The council met after Rafi's death, with successor Amina Noor presiding."
    assert _states("Who was Amina Noor's predecessor?", successor)
    assert not _states("Who was Rafi's predecessor?", successor)  # Rafi holds no "successor"
    kin = "Bilal Haider (Tariq's uncle) was named minister."
    assert _states("Who is Bilal Haider's nephew?", kin)
    assert not _states("Who is Omar Rafi's nephew?", kin)
    # The owner is the one asked about: Tariq's uncle, not his nephew, though the uncle shares
    # his family name; a holder named in full beats an owner sharing only the family name.
    assert not _states("Who is Tariq Haider's nephew?", kin)
    assert not _states("Who is Tariq Haider's nephew?", "Bilal Haider (Tariq Haider's uncle) was named minister.")
    assert _states("Who is Bilal Haider's nephew?", "Bilal Haider (Tariq Haider's uncle) was named minister.")
    sibling = "By 2021, Karim Dost's younger brother, Nabil, had joined the team."
    assert _states("Who is Nabil's brother?", sibling)
    assert _states("Who is Karim Dost's brother?", sibling)
    assert not _states("Who is Omar Rafi's brother?", sibling)


def test_how_many_in_a_place_needs_a_word_of_the_place_beside_the_count() -> None:
    question = "How many Afghan refugees live in Iran?"
    pakistan = "Pakistan has asked 1.4 million registered Afghan refugees to go home."
    assert not _states(question, pakistan)
    assert _states(question, "Iran hosts some 780,000 Afghan refugees.")
    assert _states(question, "Some 780,000 Afghan refugees are registered.", "Most of them live in Iranian cities.")
    assert _states("How many Afghan refugees live in Pakistan?", pakistan)
    assert _states("How many attacks did the group carry out in August?", "It carried out 32 attacks in August alone.")


def test_a_counted_noun_is_stated_by_a_word_the_model_reads_alike_beside_a_number() -> None:
    """ "How many onslaughts …?" is stated by "32 attacks" where the model reads the two alike, and
    not by the word without a number, nor by a number beside a word it reads otherwise. (Since
    session 46 "assaults" is of the attacks' family, stated without the model:
    tests/test_counted_noun_family.py.)"""
    asked = read_relation("How many onslaughts did the group launch in August?")
    assert asked.counted_noun == "onslaughts"
    stated = ["It carried out 32 attacks in August alone."]

    def alike(words: list[str], near: list[str]) -> bool:
        return words == ["onslaughts"] and "attacks" in near

    assert not states_relation(asked, stated, frozenset(), None)
    assert states_relation(asked, stated, frozenset(), None, alike=alike)
    assert not states_relation(asked, ["Attacks rose in August."], frozenset(), None, alike=alike)
    assert not states_relation(asked, ["It opened 32 offices in August."], frozenset(), None, alike=alike)


def test_the_engine_reads_a_counted_noun_asked_in_other_words(engine: Any) -> None:
    """dev d1043: the TTP's "32 attacks in August" answers the assaults asked; a count of what the
    corpus never counts (dev d1081) still abstains."""
    question = "How many assaults did the TTP launch in August?"
    units, rows = engine.evidence(question, depth=10)
    found = [i for i, u in enumerate(units) if "32 attacks in August" in u.text]
    assert found and rows[found[0], UNSTATED] == 0.0
    answer = engine.ask(question)
    assert not answer.abstained and "32 attacks" in answer.sentences[0].text
    assert engine.ask("How many ministers sit in the Taliban's caretaker cabinet?").abstained


def test_the_engine_marks_results_that_do_not_state_the_asked_relation(engine: Any) -> None:
    asked = "Who was Pakistan's foreign minister before Shah Mahmood Qureshi?"
    units, rows = engine.evidence(asked, depth=5)
    assert units and rows[:, UNSTATED].tolist() == [1.0] * len(units)
    control = "In which city is Pakistan's army headquarters?"
    units, rows = engine.evidence(control, depth=10)
    gold = [i for i, u in enumerate(units) if "army headquarters in Rawalpindi" in u.text]
    assert gold and rows[gold[0], UNSTATED] == 0.0
    _, plain = engine.evidence("Why does Pakistan back the Taliban?", depth=5)
    assert np.all(plain[:, UNSTATED] == 0.0)


@pytest.mark.parametrize(
    ("asked", "control", "gold"),
    [
        ("Who is Abdul Ghani Baradar's deputy?", "Who was Mullah Omar's deputy?", "formerly Mullah Omar's deputy"),
        ("Who is Khalil Haqqani's uncle?", "Who is Sirajuddin Haqqani's uncle?", "(Sirajuddin’s uncle)"),
        (
            "How many Afghan refugees live in Iran?",
            "How many registered Afghan refugees live in Pakistan?",
            "1.4 million registered Afghan refugees",
        ),
        (  # "Pakistan's Afghan envoy": Pakistan's, not the Afghans' (dev d1900, session 28)
            "Who is India's special envoy?",
            "Which countries were in the extended troika with Pakistan's envoy?",
            "Pakistan's Afghan envoy had joined the special envoys",
        ),
    ],
)
def test_the_engine_reads_the_roles_and_the_place_of_the_asked_relation(
    engine: Any, asked: str, control: str, gold: str
) -> None:
    """The unit stating the relation with the roles reversed, or for another place, is marked for
    the question it does not answer, and not for the one it answers."""
    for question, marked in ((asked, 1.0), (control, 0.0)):
        units, rows = engine.evidence(question, depth=10)
        found = [i for i, u in enumerate(units) if gold in u.text]
        assert found, question
        assert rows[found[0], UNSTATED] == marked, question


@pytest.mark.parametrize(
    "question",
    [
        "When was Imran Khan born?",
        "What did Zabihullah Mujahid say in 2016?",
        "Where is Crisis Group headquartered?",
        "Who is the prime minister of India?",  # the Taliban's prime minister is named, India's is not
        "Who is Pakistan's interior minister?",  # the Taliban's interior minister, in a paragraph on Pakistan
        "What is the population of Afghanistan?",  # "80 per cent of Afghanistan's population"
        "Is the Taliban government recognised by China?",  # three countries recognised it, China not among them
    ],
)
def test_a_near_topic_question_whose_relation_no_passage_states_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained


def test_a_question_whose_relation_a_passage_states_is_answered(engine: Any) -> None:
    answer = engine.ask("In which city is Pakistan's army headquarters?")
    assert not answer.abstained
    assert any("Rawalpindi" in r.hit.unit.text for r in answer.results[:3])


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("What is the population of Pakistan?", "Pakistan’s population of 220 million"),
        ("Who was the Taliban's defence minister?", "the former Taliban defence minister"),
        ("What is the number of registered Afghan refugees in Pakistan?", "1.4 million registered Afghan refugees"),
        ("Did Pakistan recognize the Taliban government in the 1990s?", "three countries to recognize the Taliban"),
    ],
)
def test_a_holder_a_quantity_or_a_relation_the_corpus_states_is_answered(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert gold in answer.results[0].hit.unit.text


def test_an_office_the_corpus_names_the_holder_of_is_answered(engine: Any) -> None:
    answer = engine.ask(
        "Who became the Taliban's new prime minister in September?"
    )  # dev d340: "September" is no owner
    assert not answer.abstained
    lead_holds(answer, "Prime Minister Mullah Obaidullah Akhund")


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("Who is Pakistan's army chief?", "Pakistan's army chief Bajwa"),  # dev d1390: gold second before
        ("Who is the Taliban's spokesperson at present?", "Taliban spokesperson Suhail Shaheen"),  # d1405: abstained
        ("Who is the army chief?", "army chief Qamar Javed Bajwa"),  # d884: no owner asked
        # An office asked with a verb (office_of_verb).
        ("Who heads the ISI?", "ISI chief"),  # dev d883: "the ISI head met President Ghani" led before
        ("Who commands the Pakistani army?", "army chief Bajwa"),  # dev d2581: gold second before
    ],
)
def test_the_engine_answers_who_holds_an_office_from_the_passage_naming_the_holder(
    engine: Any, question: str, holder: str
) -> None:
    answer_lead_holding(engine, question, holder)


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("Who heads Ruritania's spy agency?", "Who is Ruritania's spy agency chief?"),
        ("Who commands the Elbonian army?", "Who is the Elbonian army chief?"),
        ("Who led the Zembla government in 1997?", "Who was the Zembla government chief in 1997?"),
        ("Who chaired the Ruritanian council in Vulgaria?", "Who was the Ruritanian council chief in Vulgaria?"),
    ],
)
def test_an_office_asked_with_a_verb_is_read_as_the_office(question: str, read: str) -> None:
    assert office_of_verb(question) == read


@pytest.mark.parametrize(
    "question",
    [
        "Who led it?",  # a follow-up's pronoun: read with its conversation
        "Who led the delegation that visited Zembla?",  # a clause, not an organisation
        "Who chaired the army of Elbonia?",  # "of" after a lowercase word: a remit, not read (session 47)
        "Who first led the Elbonian army?",
        "Who is the Elbonian army chief?",
        "Who met the Elbonian army chief?",
    ],
)
def test_other_questions_ask_no_office_with_a_verb(question: str) -> None:
    assert office_of_verb(question) is None


def test_an_office_asked_with_a_verb_is_stated_by_any_noun_or_verb_of_heading_of_its_organisation() -> None:
    assert _states("Who commands the Elbonian army?", "Elbonian army chief Anna Petrova met the envoy.")
    assert _states("Who led the Zembla government in 1997?", "In 1997, the Zembla government led by Ivo Kral fell.")
    assert _states("Who heads Zembla's Vigil agency?", "Vigil chief Ivo Kral met the envoy.")  # every name owns it
    assert _states("Who headed the Ruritanian council?", "Ivo Kral, who headed the Ruritanian council, met the envoy.")
    assert _states("Who heads the Ruritanian interior ministry?", "Ruritanian interior minister Ivo Kral spoke.")
    # Another organisation's head states nothing of this one's.
    assert not _states("Who commands India's army?", "Pakistan's army chief Bajwa met the envoy.")
    assert not _states("Who heads Iran's intelligence service?", "Admiral Mullen, chairman of the Joint Chiefs.")
    assert not _states("Who led the Zembla government in 1997?", "In 1997, the Zembla parliament met.")


@pytest.mark.parametrize(
    "question",
    [
        "Who commands India's army?",  # dev d2595: Pakistan's army chief answered before
        "Who runs China's foreign ministry?",  # dev d2599
        "Who chairs the UN Security Council?",  # dev d2598: a letter to its president answered before
    ],
)
def test_an_office_asked_with_a_verb_the_corpus_names_no_holder_of_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained


@pytest.mark.parametrize(
    "question",
    [
        "Who is Pakistan's Afghan envoy?",  # dev d2382: "Pakistan's Afghan envoy had joined …" answered before
        "Who is the current U.S. Central Command chief?",  # dev d1407: "the … chief called Bajwa" before
        "Who heads the U.S. Central Command?",  # dev d2593
    ],
)
def test_an_answer_writing_the_asked_office_and_naming_no_holder_of_it_abstains(engine: Any, question: str) -> None:
    assert engine.ask(question).abstained


def _says(question: str, *sentences: str, held: str = "", rare: str = "") -> bool:
    """Whether made-up sentences have the question's speaker say something about its topic;
    `rare`: topic words weighed as rare (the rest as common as "Pakistan")."""
    said = read_said_about(question)
    assert said is not None, question
    weight = {t: (3.0 if t in tokenize([rare])[0] else 0.5) for t in said.topic}
    titles = speaker_titles(said, " ".join(sentences))
    return says_about(said, sentences, sentence_stems(sentences), frozenset(held.split()), titles, weight)


def test_a_title_with_a_word_of_saying_or_of_is_read_as_the_speakers_title() -> None:
    # "State" is a title's word here, not the verb asked with; and Pompeo is no one's secretary.
    said = read_said_about("What did Secretary of State Mike Pompeo say about Pakistan?")
    assert said is not None
    assert {"mike", "pompeo"} <= said.speaker and said.topic == frozenset({"pakistan"})
    assert said.owner == frozenset()
    iran = read_said_about("What did the foreign minister of Iran say about the Taliban?")
    assert iran is not None and iran.owner == frozenset({"iran"})


def test_what_someone_said_about_something_is_read_from_the_question() -> None:
    said = read_said_about("What did Zalmay Khalilzad say about India?")
    assert said is not None and said.speaker == {"zalmay", "khalilzad"} and said.topic == {"india"}
    assert read_said_about("What was Mike Pompeo's view of the TTP?") is not None
    view = read_said_about("How did Ashraf Ghani describe Pakistan's support for the Taliban?")
    assert view is not None and "support" in view.topic
    assert read_relation("What did Imran Khan say about the border fence?").asked
    for question in (
        "What did he say about Kashmir?",  # no name: the speaker is an earlier turn's
        "What did the Taliban spokesman say about it after the takeover?",  # the topic points back
        "What does the section on tensions with Kabul say about the fence?",  # a text, not a speaker
        "What did Musharraf claim Armitage warned Pakistan about after 9/11?",  # a time, no topic
        "Why does Pakistan back the Taliban?",
    ):
        assert read_said_about(question) is None, question


def test_the_outlet_a_question_closes_on_is_not_part_of_the_topic() -> None:
    # dev d2436: ", according to Reuters" was read as what the officials warned about.
    for question in (
        "What did Amina Rahim warn about the border fence, according to Reuters?",
        "What did Amina Rahim say about the border fence, as The Daily Star reported?",
        "What did Amina Rahim say about the border fence as reported by Dawn?",
    ):
        said = read_said_about(question)
        assert said is not None and said.topic == {"border", "fenc"}, question


def test_the_one_told_is_read_as_the_addressee_not_as_a_topic_after_of() -> None:
    # dev d1967: "tell the American secretary of state in January" read "state in January" as the topic.
    told = read_said_about("What did Amina Rahim tell the American secretary of state in January?")
    assert told is not None and told.topic == {"american", "secretari", "state"}
    about = read_said_about("What did Amina Rahim tell the secretary of state about the border fence?")
    assert about is not None and about.topic == {"border", "fenc"}  # "about" marks the topic, not "of"
    assert _says(
        "What did Amina Rahim tell the secretary of state?", "Amina Rahim told the Secretary of State: trade is slow."
    )
    assert not _says(
        "What did Amina Rahim tell the Indian external affairs minister?",
        "Foreign Minister Amina Rahim told the Secretary of State: trade is slow.",
        rare="indian external affairs",
    )


def test_a_follow_up_after_what_someone_told_someone_asks_no_topic_of_theirs() -> None:
    # dev c695 (d2261): "What about China?" after "What did X tell the BBC?" is not what X told about China.
    assert read_said_in_conversation("What about China?", ["What did Amina Rahim tell the BBC?"]) is None


def test_the_speaker_a_word_of_saying_and_the_topic_must_share_a_window() -> None:
    question = "What did Amina Rahim say about the border fence?"
    said = "Amina Rahim said the new border fence was illegal."
    assert _says(question, said, rare="fence")
    assert not _says(question, "Amina Rahim said the talks would fail.", rare="fence")  # another topic
    assert not _says(question, "Officials said the border fence was illegal.", rare="fence")  # another speaker
    assert not _says(question, "Amina Rahim visited the border fence.", rare="fence")  # no word of saying
    far = ("Amina Rahim spoke first.", "Trade was slow.", "Talks went on.", "The border fence was built.")
    assert not _says(question, *far, rare="fence")
    assert _says(question, "Amina Rahim spoke first.", "She said the border fence was illegal.", rare="fence")
    # The topic's rare word is what must be there: "border" alone is not the fence.
    assert not _says(question, "Amina Rahim said the border was calm.", rare="fence")


def test_a_title_beside_the_name_names_the_speaker_elsewhere_unless_it_names_someone_else() -> None:
    question = "What did Amina Rahim say about the border fence?"
    named = "Foreign Minister Amina Rahim met the envoy."
    assert _says(question, named, "Trade was slow.", "Talks went on.", "The foreign minister said the fence was legal.")
    other = "Foreign Minister Omar Zaki said the fence was legal."
    assert not _says(question, named, "Trade was slow.", "Talks went on.", other)
    assert _says("What does Rahim say about the fence?", "The fence is illegal.", held="amina rahim")  # the author


def test_the_engine_marks_what_the_speaker_never_said_about_the_topic(engine: Any) -> None:
    units, rows = engine.evidence("What did Zalmay Khalilzad say about India?", depth=10)
    assert units and rows[0, UNSTATED] == 1.0
    units, rows = engine.evidence("What did Suhail Shaheen say about Kashmir?", depth=10)
    gold = [i for i, u in enumerate(units) if "raise its voice" in u.text]
    assert gold and rows[gold[0], UNSTATED] == 0.0


def test_what_a_speaker_never_said_about_a_topic_abstains_and_what_they_said_is_answered(engine: Any) -> None:
    assert engine.ask("What did Zalmay Khalilzad say about India?").abstained  # dev d600
    answer = engine.ask("What did Zabihullah Mujahid say about the border fence?")  # dev d612
    assert not answer.abstained
    assert any("criticized a new Pakistani border fence" in r.hit.unit.text for r in answer.results[:1])


def test_a_follow_up_takes_the_half_it_leaves_out_from_the_question_before() -> None:
    earlier = ["What did Amina Rahim say about the border fence?"]
    topic = read_said_in_conversation("And what did Omar Zaki say about it?", earlier)
    assert topic is not None and topic.speaker == {"omar", "zaki"} and topic.topic == {"border", "fenc"}
    speaker = read_said_in_conversation("And about the refugees?", earlier)
    assert speaker is not None and speaker.speaker == {"amina", "rahim"} and speaker.topic == {"refuge"}
    assert read_said_in_conversation("What about the refugees?", earlier) == speaker
    opener = read_said_in_conversation("And what did Rahim say about trade?", ())  # an opener, read alone
    assert opener is not None and opener.topic == {"trade"}
    for question, history in (
        ("And what did Omar Zaki say about it?", ["Who is Amina Rahim?"]),  # no topic to point back to
        ("And about the refugees?", ["What does the section on trade say about the fence?"]),  # a text
        (
            "And about the refugees?",
            ["What did Amina Rahim say about the fence?", "Who is Omar Zaki?"],
        ),  # not the latest
        ("And what did Omar Zaki say about it?", []),
    ):
        assert read_said_in_conversation(question, history) is None, question


def test_a_follow_up_asking_what_someone_said_about_the_earlier_topic_is_read_with_it(engine: Any) -> None:
    # dev c227 (d775): the fence's walls, which the corpus never has Imran Khan speak about.
    earlier = "What did a senior Pashtun politician warn about walls on the border?"
    assert not engine.ask(earlier).abstained
    assert engine.ask("And what did Imran Khan say about it?", history=[earlier]).abstained
    # dev c228 (d777): an opener and a pronoun, the speaker's own words on the topic answer.
    first = "What did army chief Qamar Javed Bajwa say at the corps commanders' meeting in Rawalpindi?"
    answer = engine.ask("And what did he say about the path to regional stability?", history=[first])
    assert not answer.abstained
    assert "passes through Afghanistan" in answer.results[0].hit.unit.text


def test_a_pronoun_in_the_question_before_is_read_as_the_person_it_names(engine: Any) -> None:
    # Asked as a user: "Who is Zalmay Khalilzad?", "What did he say about Pakistan?", "And about
    # India?". The last takes its speaker from the question before, whose "he" is Khalilzad;
    # asked alone, "What did Zalmay Khalilzad say about India?" abstains (dev d600).
    history = ("Who is Zalmay Khalilzad?", "What did he say about Pakistan?")
    assert engine.ask("And about India?", history=history).abstained
    assert engine.ask("What did Zalmay Khalilzad say about India?").abstained


def test_a_speaker_who_is_someone_of_a_name_needs_that_name_in_the_window() -> None:
    question = "What did Freedonia's foreign minister say about the border fence?"
    assert _says(question, "Freedonia's foreign minister said the border fence was illegal.", rare="fence")
    assert not _says(question, "Prime Minister Zaki said the border fence was illegal.", rare="fence")  # another's
    of = "What did the foreign minister of Freedonia say about the fence?"
    assert _says(of, "The Freedonian foreign minister said the fence was illegal.", rare="fence")
    assert not _says(of, "Sylvania's foreign minister said the fence was illegal.", rare="fence")


def test_a_partys_role_is_stated_only_by_a_window_naming_that_party() -> None:
    question = "What does the report say about Freedonia's role in Ruritania?"
    assert read_relation(question).asked
    assert not _states(question, "While there are concerns about Sylvania's role, trade grew.")
    assert _states(question, "Freedonia assumed a central part in assisting the talks.")
    assert _states("What role does Freedonia play in the talks?", "Freedonia hosted the talks.")
    assert not _states("What role does Freedonia play in the talks?", "Sylvania hosted the talks.")
    assert not read_relation("What role will his country's armed forces play?").asked  # no name: not read


def test_the_engine_abstains_on_a_partys_role_the_corpus_never_gives_and_answers_one_it_does(engine: Any) -> None:
    assert engine.ask("What does the Crisis Group briefing say about Turkey's role in Afghanistan?").abstained  # d1173
    answer = engine.ask("What role did Qatar play in the U.S.-Taliban negotiations?")  # dev d1180
    assert not answer.abstained
    lead_holds(answer, "Qatar subsequently assumed a central role")


def test_a_name_that_only_owns_something_or_is_spoken_to_does_not_speak() -> None:
    question = "What did Amina Rahim say about the border fence?"
    owner = "Governments, namely Amina Rahim's and Omar Zaki's, said the border fence was illegal."
    assert not _says(question, owner, rare="fence")  # the governments speak
    assert not _says(
        question, "Omar Zaki said he had told Foreign Minister Amina Rahim: the fence is illegal.", rare="fence"
    )
    assert not _says(
        question, "After the fence announcement, Amina Rahim reportedly travelled to the border.", rare="fence"
    )
    assert _says(question, "In Amina Rahim's words, the border fence is illegal.", rare="fence")  # she owns speech
    assert _says(question, "According to Amina Rahim, the border fence is illegal.", rare="fence")
    assert _says(question, "The border fence is illegal, said Amina Rahim.", rare="fence")
    assert _says(
        question, "Amina Rahim spoke to reporters.", "She added that the border fence was illegal.", rare="fence"
    )
    # Named in one sentence, another's words in the next: no speech of hers.
    assert not _says(question, "Amina Rahim visited the border.", "Officials said the fence was illegal.", rare="fence")


def test_a_speaker_the_corpus_names_but_never_quotes_abstains_and_one_it_quotes_leads(engine: Any) -> None:
    # dev d1265 (a user trial): the corpus names Karzai's government, never his words.
    assert engine.ask("What did Hamid Karzai say about the Taliban takeover?").abstained
    # dev d984: the note naming Khalilzad in a cited headline ranks above his own words.
    answer = engine.ask("What did he say about Pakistan?", history=["Who is Zalmay Khalilzad?"])
    assert not answer.abstained
    assert "supportive of our efforts" in answer.results[0].hit.unit.text
    # dev d1271: a group that owns the report quoted ("the … Study Group's February 2021 report").
    answer = answer_lead_holding(
        engine,
        "What did the Afghanistan Study Group say about the Taliban's international support?",
        "diversify their international support",
    )


@pytest.mark.parametrize(
    ("question", "holder", "office", "owner"),
    [
        ("When did Mullah Baradar become deputy prime minister?", "mullah baradar", "deputy prime minister", ""),
        ("Did Imran Khan become prime minister in 2018?", "imran khan", "prime minister", ""),
        (
            "When was Khalilzad appointed US special representative for Afghanistan?",
            "khalilzad",
            "special representative",
            "us",
        ),
        ("When did Haibatullah become Mansour's deputy?", "haibatullah", "deputy", "mansour"),
        (
            "When did Sirajuddin Haqqani become the Taliban's supreme leader?",
            "sirajuddin haqqani",
            "supreme leader",
            "taliban",
        ),
    ],
)
def test_a_question_asking_when_someone_took_an_office_reads_the_office(
    question: str, holder: str, office: str, owner: str
) -> None:
    taken = taken_office(question)
    assert taken is not None
    assert taken.holder == terms_of(holder) and taken.owner == terms_of(owner)
    assert taken.office == tuple(tokenize([office])[0])


@pytest.mark.parametrize(
    "question",
    [
        "When did the Taliban become a government?",  # no office noun ends it
        "When did the Taliban capture Kabul?",
        "Who is Pakistan's interior minister?",
    ],
)
def test_other_questions_ask_of_no_office_taken(question: str) -> None:
    assert taken_office(question) is None


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # A part of the office, of another relation: Omar's deputy is no deputy prime minister.
        (
            "When did Mullah Baradar become deputy prime minister?",
            "Pakistan released Mullah Abdul Ghani Baradar, formerly Mullah Omar's deputy, in 2018.",
        ),
        # The office given to another, by "as" or as a title.
        (
            "When did Khalil Haqqani become interior minister?",
            "They appointed Sirajuddin Haqqani as interior minister and Khalil Haqqani as minister for refugees.",
        ),
        ("When did Bajwa become prime minister?", "In 2019 army chief Bajwa met Prime Minister Khan."),
        # The one asked about owns the office, and does not hold it.
        ("When did Baradar become deputy?", "In 2019 Baradar's deputy went to Doha."),
        # The office written, the one said to take it not named.
        ("When did Qureshi become interior minister?", "The interior minister spoke in 2020."),
    ],
)
def test_a_sentence_not_giving_the_office_to_the_one_asked_about_does_not_state_it(
    question: str, sentence: str
) -> None:
    taken = taken_office(question)
    assert taken is not None and not states_office_taken(taken, sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "When did Zalmay Khalilzad become special representative for Afghanistan reconciliation?",
            "In October 2018, during Zalmay Khalilzad's visit, a month after he was appointed U.S. special "
            "representative for Afghanistan reconciliation, Pakistan released Baradar.",
        ),
        ("When did Imran Khan become prime minister?", "Imran Khan was elected prime minister in July 2018."),
        ("When did Haibatullah become Mansour's deputy?", "Haibatullah was made Mansour's deputy in 2015."),
    ],
)
def test_a_sentence_giving_the_whole_office_to_the_one_asked_about_states_it(question: str, sentence: str) -> None:
    taken = taken_office(question)
    assert taken is not None and states_office_taken(taken, sentence)


def test_the_topic_must_be_in_what_the_speaker_says_not_in_a_neighbour() -> None:
    question = "What did Amina Rahim say about the border fence?"
    before, after = "The border fence was built in May.", "The border fence is illegal, officials said."
    assert not _says(question, before, "Amina Rahim said the talks would fail.", rare="fence")
    assert not _says(question, "Amina Rahim said the talks would fail.", after, rare="fence")
    # A quotation she opens and closes in the next sentence is hers; a pronoun carries her too.
    assert _says(question, 'Amina Rahim said: "The talks will fail.', 'The border fence is illegal."', rare="fence")
    assert not _says(
        question, 'Amina Rahim said: "The talks will fail."', 'The border fence is "illegal".', rare="fence"
    )
    assert _says(
        question, "Amina Rahim said the talks would fail.", "She added that the fence was illegal.", rare="fence"
    )
    # Her document's author speaks throughout it: the window is hers.
    assert _says("What does Rahim say about the fence?", "Talks failed.", "The fence is illegal.", held="amina rahim")


def test_a_title_names_the_speaker_only_with_its_words_together() -> None:
    question = "What did Omar Zaki say about the border fence?"
    named = "Taliban spokesperson Omar Zaki met the envoy."
    apart = "Taliban fighters left, says a TTP spokesperson, and the border fence was illegal."
    assert not _says(question, named, "Trade was slow.", "Talks went on.", apart, rare="fence")
    together = "The Taliban spokesperson said the border fence was illegal."
    assert _says(question, named, "Trade was slow.", "Talks went on.", together, rare="fence")


def test_a_title_names_the_speaker_in_either_spelling_of_its_agent_noun() -> None:
    # dev d2114: "national security advisor, Moeed Yusuf" in one unit, "his national security
    # adviser, cautioning that the … withdrawal …" in the one quoting him; the stemmer parts them.
    question = "What did Amina Rahim say about the border fence?"
    for named, speaking in (
        (
            "The national security advisor, Amina Rahim, met the envoy.",
            "The national security adviser said the border fence was illegal.",
        ),
        (
            "The national security adviser, Amina Rahim, met the envoy.",
            "The national security advisor said the border fence was illegal.",
        ),
    ):
        assert _says(question, named, "Trade was slow.", "Talks went on.", speaking, rare="fence"), speaking
    # Another title of the same noun is still another's: "trade adviser" names no security advisor.
    other = "The trade adviser said the border fence was illegal."
    named = "The national security advisor, Amina Rahim, met the envoy."
    assert not _says(question, named, "Trade was slow.", "Talks went on.", other, rare="fence")


def test_a_speaker_quoted_beside_the_topic_but_not_on_it_abstains(engine: Any) -> None:
    # dev d771: Shaheen's words are on Kashmir; the TTP is in a cited headline of another note.
    assert engine.ask(
        "What did he say about the TTP?", history=["What did Taliban spokesperson Suhail Shaheen tell the BBC?"]
    ).abstained
    # dev d1300: the headline after Blinken's words names the Taliban's desire for money.
    assert engine.ask("What did Antony Blinken say about the Taliban's desire for money?").abstained
    # dev d1309: what Ghani said, in other words than the question's.
    answer_lead_holding(engine, "What did Ghani say about bringing Pakistan along?", "getting Pakistan on board")


def test_a_topic_without_a_name_is_said_in_words_read_alike_in_context() -> None:
    """docs/tuning.md, "What someone said, asked in other words" (session 34): a topic written
    without a name may be said in other words; its words count as held when the model reads
    them alike the speaker's (the caller's `alike`), a named topic's only by their spelling."""
    question = "What did Amina Rahim say about being patient with every obstacle?"
    said = read_said_about(question)
    assert said is not None and not said.named
    spans = topic_word_spans(said, question)
    assert {"patient", "obstacle"} <= {question[start:end] for _, start, end in spans}
    sentences = ("Amina Rahim said: patience can overcome all challenges.",)
    weight = {t: 1.0 for t in said.topic}
    titles = speaker_titles(said, sentences[0])
    stems = sentence_stems(sentences)
    assert not says_about(said, sentences, stems, frozenset(), titles, weight)
    near = {t: TOPIC_WORD_ALIKE + 0.05 for t in said.topic}
    assert says_about(said, sentences, stems, frozenset(), titles, weight, alike=lambda words: near)
    far = {t: TOPIC_WORD_ALIKE - 0.05 for t in said.topic}
    assert not says_about(said, sentences, stems, frozenset(), titles, weight, alike=lambda words: far)
    # A topic naming something is read by its spelling: "Kashmir" read alike "India" is not India.
    kashmir = "What did Amina Rahim say about Kashmir?"
    named = read_said_about(kashmir)
    assert named is not None and named.named and topic_word_spans(named, kashmir) == []
    india = ("Amina Rahim said India was meddling.",)
    assert not says_about(
        named,
        india,
        sentence_stems(india),
        frozenset(),
        speaker_titles(named, india[0]),
        {"kashmir": 1.0},
        alike=lambda words: {"kashmir": 0.9},
    )


def test_what_someone_said_in_other_words_is_answered_and_near_topics_still_abstain(engine: Any) -> None:
    # dev d2998: "the danger of ignoring the new regime" for Yusuf's "failing to engage with the
    # Taliban regime could worsen global terrorism risks"; "ignoring" is written by no unit, and
    # the verdict's unwritten-topic stands down for the lead that says it in other words.
    answer_lead_holding(
        engine,
        "What did Moeed Yusuf say about the danger of ignoring the new regime?",
        "failing to engage with the Taliban regime",
    )
    # dev d3007: the author's words beside Mujahid's quotation are not his.
    assert engine.ask("What did Mujahid say about the insurgents needing a refuge if the fighting resumes?").abstained
    # dev d3006: Ghani speaks in the passage, of other things.
    assert engine.ask("What did Ghani say about the insurgents' political vision?").abstained


def test_an_office_asked_with_a_relative_clause_is_named_by_the_words_before_the_clause() -> None:
    """The clause after "who" tells what the holder did: its words and the offices it names are
    not the asked office's own ("Pakistani foreign minister", not "foreign minister who stressed
    … foreign ministers"; docs/tuning.md, session 32)."""
    question = (
        "Who was the Ruritanian foreign minister who stressed reducing violence at a meeting with the Freedonian"
        " and Sylvanian foreign ministers?"
    )
    asked = read_relation(question)
    assert asked.holder == terms_of("Ruritanian") and asked.kind == terms_of("foreign")
    with_whom = read_relation("Who was the Ruritanian president with whom the envoy discussed the plan?")
    assert with_whom.offices == read_relation("Who was the Ruritanian president?").offices


def test_offices_in_the_plural_owned_by_a_list_are_each_names_own() -> None:
    """Offices in the plural a list owns ("Ruritanian, Freedonian and Sylvanian foreign ministers")
    write the foreign minister of each name of the list."""
    sentence = "Speaking at a meeting of Ruritanian, Freedonian and Sylvanian foreign ministers, Karim Dost said so."
    for owner in ("Ruritanian", "Freedonian", "Sylvanian"):
        assert _states(f"Who was the {owner} foreign minister?", sentence), owner
    assert not _states("Who was the Ostrovian foreign minister?", sentence)
    # one owner of an office in the singular owns it alone
    assert not _states("Who was the Ruritanian foreign minister?", "Ruritanian and Freedonian foreign minister Dost")


def test_the_foreign_minister_asked_with_a_clause_naming_other_ministers_is_answered(engine: Any) -> None:
    """Dev d2719: the relative clause's "Afghan and Chinese foreign ministers" made the office's
    own words the clause's, and note 82's list of ministers was read as no one's; it abstained."""
    answer_lead_holding(
        engine,
        "Who was the Pakistani foreign minister who stressed reducing violence at a meeting with the Afghan and"
        " Chinese foreign ministers on 3 June?",
        "Qureshi said Pakistan had",
    )


def test_the_speakers_occasion_a_question_closes_on_is_not_part_of_the_topic() -> None:
    # dev d3588: "in his 2017 address" was read as what Trump spoke about, and a passage telling the
    # address, where he spoke of another country, held enough of the topic's weight.
    said = read_said_about("What did Amina Rahim say about Elbonia in her 2017 address?")
    assert said is not None and said.topic == {"elbonia"}
    question = "What did Amina Rahim say about Elbonia in her 2017 policy address?"
    assert not _says(question, "In her 2017 policy address, Amina Rahim criticised Ruritania.", rare="address")
    assert _says(question, "In her 2017 policy address, Amina Rahim criticised Elbonia.")


def test_a_heading_question_reads_deeper_for_the_unit_naming_the_holder() -> None:
    bare = ("On 9 March, the envoy met the Ruritanian army chief.",)
    relations = _unit_relations(
        bare,
        ("Ruritania's army headquarters are in Zenda.",),
        ("The Ruritanian army patrols the border.",),
        ("The Ruritanian army guards Zenda.",),
        ("The envoy discussed it with Ruritania's army chief Karim Dost on 8 March.",),
        bare,
    )
    units = np.arange(6)
    # "Who heads …?" and "Who is the commander of …?" read the first HOLDER_HEAD units:
    # the fifth, naming the holder, moves first (docs/tuning.md, session 48).
    assert relations.said_first("Who heads the Ruritanian army?", units) == 4
    assert relations.said_first("Who is the commander of the Ruritanian army?", units) == 4
    # Since session 58 every holder question reads HOLDER_HEAD (7) units, "Who is Ruritania's
    # army chief?" too; the eighth is past it.
    assert relations.said_first("Who is Ruritania's army chief?", units) == 4
    assert relations.said_first("Who heads the Ruritanian army?", units[[0, 1, 2, 3, 5, 5, 5, 4]]) == 0


def test_relation_words_of_a_restated_premise_are_not_asked_its_names_are() -> None:
    question = "Karim Dost was made a principal deputy; what had his younger brother become by 2019?"
    assert asked_after_premise(question) == "what had his younger brother become by 2019?"
    brother = "By 2019, Karim Dost's younger brother, Ali, had become a member of the negotiating team."
    assert _states(question, brother)  # the deputy is the user's given, not asked
    # The premise's names are still read: another man's brother states nothing of Dost's.
    assert not _states(question, "By 2019, Ivan Petrov's younger brother had become a member of the team.")
    # The asked part's relation is still asked: nothing here states Dost's son.
    assert not _states("Karim Dost became interior minister; which ministry did his son get?", brother)
    # The asked part's role keeps its own possessor, not the premise's.
    owned = "Ali Dost, formerly Ivan Petrov's deputy, was released in 2018."
    assert not _states("Ali Dost was once Ivan Petrov's deputy; who was Ali Dost's own deputy?", owned)
    assert asked_after_premise("Who was Ali Dost's deputy?") == "Who was Ali Dost's deputy?"


def test_brothers_owned_by_a_group_are_stated_by_the_words_for_fellows() -> None:
    question = "How did the Ruritanian rebels help their Elbonian brothers?"
    assert _states(question, "Ruritanian rebels fought alongside their Elbonian counterparts.")
    assert _states(question, "Ruritanian rebels sheltered with their Elbonian brethren.")
    # "fellow" is written of a group's own members, not of fellows elsewhere.
    assert not _states(question, "Ruritanian rebels and their fellow militants crossed into Elbonia.")
    # One man's brothers are kin: "his" owns them, and counterparts state nothing of them.
    assert not _states(
        "How did Karim Dost of Ruritania help his brothers?", "Karim Dost met his Ruritanian counterparts."
    )


def test_a_unit_writing_the_owned_role_moves_first_without_every_word_of_the_question() -> None:
    relations = _unit_relations(
        ("The government appointed Karim Dost as interior minister.",),
        ("It appointed Karim Dost and Ali Dost (Karim's uncle) as minister for refugees.",),
    )
    units = np.arange(2)
    assert relations.said_first("Which post did Ali Dost's nephew get?", units) == 1
    assert relations.said_first("Which post did Ivan Petrov's nephew get?", units) == 0  # another's relative
    fellows = _unit_relations(
        ("Ruritanian rebels and their fellow militants crossed into Elbonia.",),
        ("Since 2001, Ruritanian rebels have provided recruits to their Elbonian counterparts.",),
    )
    assert fellows.said_first("What did the Ruritanian rebels do for their Elbonian brothers?", units) == 1
    # A successor stated by a loose form ("new", "took") is not tied to its possessor: nothing moves.
    loose = _unit_relations(
        ("Ali Dost served as Ruritania's envoy until 2019.",),
        ("After Ali Dost left, a new envoy took over in Zenda.",),
    )
    assert loose.said_first("Who succeeded Ali Dost as Ruritania's envoy?", units) == 0


def test_an_office_asked_by_another_form_of_it_is_the_office() -> None:
    """ "spokesman", "spokeswoman" and "emissary" ask what "spokesperson" and "envoy" state: the
    office's owner must be the question's, and the lexical side reads the office's own word
    (docs/tuning.md, session 51)."""
    for question in ("Who is the Ruritanian spokesman?", "Who is the Ruritanian spokeswoman?"):
        assert read_relation(question).asked
        assert _states(question, "Ruritanian spokesperson Karim Dost told the radio it would not happen.")
        assert not _states(question, "Freedonian spokesperson Karim Dost told the radio it would not happen.")
        assert not _states(question, "The new Ruritanian prime minister, Karim Dost, said it would not happen.")
    assert _states("Who is the Ruritanian emissary to Freedonia?", "Ruritanian envoy Karim Dost met them in Freedonia.")
    assert not _states(
        "Who is the Elbonian emissary to Freedonia?", "Ruritanian envoy Karim Dost met them in Freedonia."
    )
    assert office_words_added("Who is the Ruritanian spokesman?").split()[-1] == "spokesperson"
    assert office_words_added("Who is the Ruritanian emissary?").split()[-2:] == ["ambassador", "envoy"]
    assert office_words_added("Who is the Ruritanian spokesperson?") == "Who is the Ruritanian spokesperson?"


def test_an_office_doing_what_a_which_question_asks_of_is_held_by_whoever_the_corpus_titles_so() -> None:
    """ "Which … did the Ruritanian spokesman criticise?" asks for what was criticised: a unit
    naming the one the corpus titles Ruritanian spokesperson states the office (service.titles),
    one naming someone else does not (docs/tuning.md, session 51)."""
    corpus = ("Ruritanian spokesperson Karim Dost told the radio it would not happen.",)
    units = {
        0: ["Dost recently criticized a new Freedonian border fence."],
        1: ["Zarin recently criticized a new Freedonian border fence."],
    }
    table = TitleTable(corpus, OFFICE_FORMS.values())
    relations = UnitRelations(
        lambda unit: units[unit], lambda unit: "", lambda unit: None, holders=table.speaker_holders
    )
    question = "Which new Freedonian structure did the Ruritanian spokesman criticise?"
    assert relations.unstated(question, [0, 1]).tolist() == [0.0, 1.0]
    assert relations.unstated("Which new Freedonian structure did the Elbonian spokesman criticise?", [0]).tolist() == [
        1.0
    ]


def test_an_unowned_title_of_someone_else_does_not_state_an_office_the_corpus_titles_someone_with() -> None:
    """ "Who is the Ruritanian president?" when the corpus titles "Ruritania's President Karim Dost":
    "President Smith … to support Ruritania" titles someone else with the bare office and states
    nothing, while "President Dost" and "intelligence chief Ivan Petrov" (for Ruritania's
    intelligence chief, titled with another owner's name) state it; with no one titled so, the bare
    title in a window naming the owner still does, as before (docs/tuning.md, session 52)."""
    corpus = (
        "An interview with Ruritania's President Karim Dost appeared in May.",
        "Ruritania's intelligence chief Ivan Petrov met them.",
    )
    table = TitleTable(corpus, OFFICE_FORMS.values())
    units = {
        0: ["President Smith called on regional countries to do more to support Ruritania."],
        1: ["In May, the envoy met President Dost in the capital of Ruritania."],
        2: ["On 3 May, Zenda intelligence chief Ivan Petrov visited the border."],
        3: ["Foreign Minister Paolo Vance called for more aid to Ruritania."],
    }
    relations = UnitRelations(
        lambda unit: units[unit], lambda unit: "", lambda unit: None, holders=table.speaker_holders
    )
    without = UnitRelations(lambda unit: units[unit], lambda unit: "", lambda unit: None)
    question = "Who is the Ruritanian president?"
    assert relations.unstated(question, [0, 1]).tolist() == [1.0, 0.0]
    assert read_relation(question).office_text == "Who is the Ruritanian president"
    assert without.unstated(question, [0, 1]).tolist() == [0.0, 0.0]
    assert relations.unstated("Who is Ruritania's intelligence chief?", [2]).tolist() == [0.0]
    # An office the corpus titles no one with: the bare title beside the owner's name, as before.
    assert relations.unstated("Who is the Ruritanian foreign minister?", [3]).tolist() == [0.0]


def test_an_office_asked_as_the_doer_is_stated_by_his_name_with_the_questions_other_names_in_one_sentence() -> None:
    """ "Which Ruritanian spokesperson criticised …?" asks, by its subject, who did it: a sentence
    naming the one the corpus titles Ruritanian spokesperson states it, with every other name of the
    question in the same sentence, by a word of it or another form of its country ("U.S." for
    "American"); one naming someone else, an office the corpus titles no one with, or a name only
    in the next sentence does not. An office asked as the object of another's act ("Which
    Ruritanian spokesperson did the envoy meet?") is not read as the doer (docs/tuning.md,
    session 54)."""
    corpus = ("Ruritanian spokesperson Karim Dost told the radio it would not happen.",)
    units = {
        0: ["Dost recently criticized a new Freedonian border fence."],
        1: ["Zarin recently criticized a new Freedonian border fence."],
        2: ["Dost recently criticized a new border fence.", "Freedonia built it last year."],
        3: ["Dost recently criticized a new border fence built with U.S. money."],
        4: ["The envoy met Dost in Zenda."],
    }
    table = TitleTable(corpus, OFFICE_FORMS.values())
    relations = UnitRelations(
        lambda unit: units[unit], lambda unit: "", lambda unit: None, holders=table.speaker_holders
    )
    question = "Which Ruritanian spokesperson criticised the new Freedonian border fence?"
    assert relations.unstated(question, [0, 1, 2]).tolist() == [0.0, 1.0, 1.0]
    assert relations.unstated(
        "Which Elbonian spokesperson criticised the new Freedonian border fence?", [0]
    ).tolist() == [1.0]
    assert relations.unstated(
        "Which Ruritanian spokesperson criticised a fence built with American money?", [3]
    ).tolist() == [0.0]
    # A capital is a place of its own: "U.S." does not write "in Washington".
    assert relations.unstated(
        "Which Ruritanian spokesperson criticised a fence built in Washington?", [3]
    ).tolist() == [1.0]
    # The holder as the object: the office's own reading, which a bare name does not state.
    assert relations.unstated("Which Ruritanian spokesperson did the envoy meet in Zenda?", [4]).tolist() == [1.0]


def test_a_lower_unit_titling_whoever_the_corpus_titles_with_the_office_moves_first() -> None:
    """ "Who is the president of Ruritania?": a unit writing "President Dost" moves first from the
    fifth when the corpus titles Dost "Ruritania's President Karim Dost" somewhere; "President
    Petrov" (titled with no Ruritanian office anywhere) does not, nor does a question asking
    another country's president (docs/tuning.md, session 58)."""
    corpus = ("In May, Ruritania's President Karim Dost gave an interview.",)
    units = {
        0: ["President Petrov urged regional countries to support Ruritania."],
        1: ["Ruritania's borders are long."],
        2: ["Ruritania held talks in Zenda."],
        3: ["The talks in Ruritania resumed."],
        4: ["In May, the army chief met President Dost in Ruritania."],
        5: ["In May, the army chief met President Petrov in Ruritania."],
    }
    table = TitleTable(corpus, OFFICE_FORMS.values())
    relations = UnitRelations(
        lambda unit: units[unit], lambda unit: "", lambda unit: None, holders=table.speaker_holders
    )
    asked = holder_asked("Who is the president of Ruritania?", read_relation("Who is the president of Ruritania?"))
    assert asked is not None
    assert relations.names_or_titles_holder(asked, units[4][0])
    assert not relations.names_or_titles_holder(asked, units[5][0])
    assert not relations.names_or_titles_holder(asked, units[0][0])
    assert relations.said_first("Who is the president of Ruritania?", np.arange(5)) == 4
    assert relations.said_first("Who is the president of Ruritania?", np.array([0, 1, 2, 3, 5])) == 0
    assert relations.said_first("Who is the president of Elbonia?", np.arange(5)) == 0
