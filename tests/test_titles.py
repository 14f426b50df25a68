"""The corpus's titles (service.titles) and what a speaker named by an office says: the holder
the whole corpus titles with that office and owner speaks for it (service.relations,
`UnitRelations`), and a topic's noun of place is written by a country the speaker names
(service.said_about.places_said). Made-up sentences only."""

from __future__ import annotations

from service.relations import OFFICE_FORMS, UnitRelations
from service.said_about import places_said, read_said_about
from service.titles import TitleTable, asked_office, holder_name_added, read_titles

_CORPUS = (
    "On 3 May, U.S. envoy Jorge Hallam met the delegation in Doha.",
    "Elbonian army chief Ruprecht Kolb toured the border posts.",
    "Mullah Dost Hakimi, the former Freedonia Front spokesman, was arrested.",
    "Freedonia Front spokesman Ali Zarin and Freedonia Front spokesman Omar Zarin denied it.",
    "Foreign Minister Paolo Vance said nothing.",
)


def _table() -> TitleTable:
    return TitleTable(_CORPUS, OFFICE_FORMS.values())


def test_a_title_with_an_owner_names_its_holder_and_a_past_or_unowned_one_does_not() -> None:
    (hallam,) = read_titles(_CORPUS[0])
    assert hallam.name == frozenset({"jorg", "hallam"}) and hallam.office.owner_keys == {"United States"}
    assert read_titles(_CORPUS[2]) == []  # "the former … spokesman"
    assert read_titles(_CORPUS[4]) == []  # no one's in particular


def test_an_asked_office_is_held_by_whoever_the_corpus_titles_with_its_owner_in_any_form() -> None:
    table = _table()
    for speaker in ("the American envoy", "Washington's envoy", "the US peace envoy"):
        office = asked_office(speaker)
        assert office is not None and table.holders(office) == [frozenset({"jorg", "hallam"})]
    assert table.speaker_holders("the Chinese envoy") == []  # another owner
    assert table.speaker_holders("Elbonia's intelligence chief") == []  # the army chief's own words differ
    assert table.speaker_holders("the former U.S. envoy") == []
    # Two people sharing a family name: each is named by the word only he has.
    assert table.speaker_holders("the Freedonia Front's spokesperson") == [frozenset({"ali"}), frozenset({"omar"})]


def test_the_holder_the_corpus_titles_elsewhere_speaks_for_the_office() -> None:
    units = {
        0: ["Asked about the talks, Hallam said the Elbonian side had been patient.", "He added nothing."],
        1: ["The Elbonian side was patient, an analyst said."],
    }
    relations = UnitRelations(
        lambda unit: list(units[unit]),
        lambda unit: "",
        lambda unit: None,
        holders=_table().speaker_holders,
    )
    question = "What did the American envoy say about the Elbonian side's patience?"
    assert relations.unstated(question, [0, 1]).tolist() == [0.0, 1.0]
    assert relations.unstated("What did the Chinese envoy say about the Elbonian side's patience?", [0]).tolist() == [
        1.0
    ]
    without = UnitRelations(lambda unit: list(units[unit]), lambda unit: "", lambda unit: None)
    assert without.unstated(question, [0]).tolist() == [1.0]


def test_a_noun_of_place_is_written_by_a_country_the_speaker_names() -> None:
    said = read_said_about("What did Zarin say about feeling at home in the neighbouring country?")
    assert said is not None
    assert places_said(said, 'Zarin said Pakistan "is like a second home".') == frozenset({"neighbor", "countri"})
    assert places_said(said, 'Zarin said the village "is like a second home".') == frozenset()
    group = read_said_about("What did Zarin say about the insurgents' political vision?")
    assert group is not None and places_said(group, "Zarin said Pakistan has a vision.") == frozenset()


_HELD = (
    "On 3 May, U.S. envoy Jorge Hallam met the delegation in Doha.",
    "U.S. envoy Hallam flew home.",
    "Elbonian army chief Ruprecht Kolb toured the border posts.",
    "Freedonia Front spokesman Ali Zarin and Freedonia Front spokesman Omar Zarin denied it.",
)


def test_the_one_person_titled_with_an_asked_office_is_named_by_his_shortest_title() -> None:
    table = TitleTable(_HELD, OFFICE_FORMS.values())
    assert table.sole_holder("What did the American envoy say about the talks?") == ("Hallam",)
    assert table.sole_holder("When did Elbonia's army chief tour the border?") == ("Ruprecht", "Kolb")
    assert table.sole_holder("Where did the Elbonian army chief's convoy stop?") == ("Ruprecht", "Kolb")


def test_no_holder_is_named_for_several_people_a_plural_a_remit_or_an_own_word_unasked() -> None:
    table = TitleTable(_HELD, OFFICE_FORMS.values())
    assert table.sole_holder("What did the Freedonia Front's spokesman say?") == ()  # two people
    assert table.sole_holder("What did the American envoys say about the talks?") == ()  # several
    assert table.sole_holder("What did Elbonia's American envoy say?") == ()  # Elbonia's envoy for America
    assert table.sole_holder("Whom did its American envoy meet?") == ()
    # The title writes "army"; a chief asked without it may be another (the spy agency's director)
    assert table.sole_holder("What did the director of Elbonia's spy agency say?") == ()
    assert table.sole_holder("What did the former U.S. envoy say?") == ()
    assert table.sole_holder("What did the Chinese envoy say?") == ()


def test_the_lexical_query_gets_the_holders_name_unless_the_question_has_a_year_or_the_name() -> None:
    table = TitleTable(_HELD, OFFICE_FORMS.values())
    question = "What did the American envoy say about the talks?"
    assert holder_name_added("the lexical text", question, table) == "the lexical text Hallam"
    assert holder_name_added(question, "What did the American envoy say in 2019?", table) == question
    assert holder_name_added(question, "What did U.S. envoy Hallam say?", table) == question
    assert holder_name_added(question, "What did the Freedonia Front spokesman say?", table) == question
