"""service.antecedents: a follow-up's "he" read as the person an earlier question names."""

from __future__ import annotations

from typing import Any

import pytest

from service.antecedents import (
    Asked,
    asked_alone,
    asked_verb,
    counted_topic,
    defined_topic,
    does_the_same,
    named_person,
    past_who_is,
    resolve_date,
    resolve_person,
    resolve_thing,
    restates_lead,
    says_the_same,
    tells,
    titled_names,
    writes_the_act,
)

MUJAHID = "What did Taliban spokesman Zabihullah Mujahid tell a Pakistani TV channel?"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        (MUJAHID, "Zabihullah Mujahid"),
        ("What did Admiral Michael Mullen call the Haqqani network?", "Admiral Michael Mullen"),
        ("Who is Moeed Yusuf?", "Moeed Yusuf"),
        # One capitalised word is a country or a movement as often as a person.
        ("What did Ghani accuse Pakistan of?", None),
        # A name after "the" is a country, an alliance or an outlet, not a person.
        ("What did the United States say about Mullah Baradar?", "Mullah Baradar"),
        ("Why did the Northern Alliance seek India's backing?", None),
        # The first word of a question is capitalised whatever it is.
        ("Zabihullah spoke when?", None),
    ],
)
def test_a_person_is_a_run_of_capitalised_words_inside_the_question(question: str, person: str | None) -> None:
    assert named_person(question) == person


@pytest.fixture(scope="module")
def titled(engine: Any) -> frozenset[str]:
    """The names the corpus writes after a title, read from the built index's units."""
    return titled_names(unit.text for unit in engine.all_units())


def test_the_corpus_titles_people_and_not_organisations_places_or_months(titled: frozenset[str]) -> None:
    # "U.S. envoy Khalilzad", "Secretary of State Blinken", "national security advisor, Moeed Yusuf"
    assert {"Khalilzad", "Blinken", "Yusuf", "Qureshi", "Pompeo"} <= titled
    # "a Senate Foreign Relations Committee hearing", "chief Afghan peace envoy", "ambassador,
    # January 2021", "Pakistan's foreign minister", "*Newsweek*" after "new chief"
    assert not {"Committee", "Afghan", "January", "Pakistan", "Newsweek", "Taliban", "State"} & titled


@pytest.mark.parametrize(
    ("question", "person"),
    [
        # The titled surname, not the organisation's run after it.
        ("What did Khalilzad tell a Senate Foreign Relations Committee hearing on 27 April?", "Khalilzad"),
        # A possessor owns the noun after it: the envoy is the one asked about.
        ("What did President Ghani's peace envoy Umer Daudzai call on Pakistan to do?", "Umer Daudzai"),
        # ... unless no one else is titled; the run stops at the possessive.
        ("What did the Congressional Research Service say about Zalmay Khalilzad's appointment?", "Zalmay Khalilzad's"),
        # "Who …?" asks for someone the question does not name; "Who is X?" names X.
        ("Whom did Pakistan release in October 2018 during Khalilzad's visit?", None),
        ("Who is Faiz Hameed?", "Faiz Hameed"),
        # "the" before an abbreviation before the run: an institution.
        ("What did the U.S. Central Command chief do on 19 February?", None),
    ],
)
def test_a_person_is_the_run_the_corpus_titles(question: str, person: str | None, titled: frozenset[str]) -> None:
    assert named_person(question, titled) == person


def test_he_stops_at_a_one_word_name_and_writes_it_in_only_when_named_in_full(titled: frozenset[str]) -> None:
    committee = "What did Khalilzad tell a Senate Foreign Relations Committee hearing on 27 April?"
    # Not "Committee", and not the person an older question names: the history names Khalilzad.
    question = "What did he add about Pakistan's influence?"
    assert resolve_person(question, [committee], titled) == question
    assert resolve_person(question, [MUJAHID, committee], titled) == question
    # A one-word name an earlier question wrote in full is written in ("Mujahid" was read so).
    history = [MUJAHID, "What did Mujahid criticise?"]
    assert resolve_person("What else did he say?", history, titled) == "What else did Mujahid say?"
    # After "Who …?", "he" is the person its answer names.
    assert resolve_person("When did he call him up again?", ["Who telephoned Bajwa?"], titled) == (
        "When did he call him up again?"
    )
    # "his" reads as the surname's possessive.
    assert resolve_person("What did his adviser say?", ["What did Prime Minister Imran Khan warn?"], titled) == (
        "What did Khan's adviser say?"
    )


def test_he_passes_a_who_question_asking_for_someone_else_than_its_subject() -> None:
    """ "Whom did Haq have close ties to?" asks for the person Haq acts on: "he" after it is
    still Haq. "Who telephoned Bajwa?" asks for a new person, whom its answer names."""
    named = ["Who was Samiul Haq?", "Whom did Haq have close ties to?"]
    titled = frozenset({"Haq"})  # as if the corpus wrote "cleric Haq"
    assert resolve_person("What did he tell Reuters?", named, titled) == "What did Haq tell Reuters?"
    for asks_object in ("Who did he meet in Kabul?", "Who was he negotiating with?", "who did the army back"):
        assert resolve_person("Why did he go?", [named[0], asks_object], titled) == "Why did Haq go?"
    assert resolve_person("Why did he go?", [named[0], "Who telephoned him?"], titled) == "Why did he go?"


def test_he_is_the_surname_of_the_latest_person_named_through_turns_naming_no_one(titled: frozenset[str]) -> None:
    history = ["Who is Moeed Yusuf?", MUJAHID, "What did he criticise?"]
    assert resolve_person("What else did he say about Pakistan?", history, titled) == (
        "What else did Mujahid say about Pakistan?"
    )
    assert resolve_person("What did he criticise?", history[:2], titled) == "What did Mujahid criticise?"
    assert resolve_person("What did he warn about?", history[:1], titled) == "What did Yusuf warn about?"


def test_a_surname_the_corpus_never_titles_is_written_with_the_whole_name(titled: frozenset[str]) -> None:
    # The reports name several Haqqanis and never one by "Haqqani" after a title: "his uncle"
    # read as "Haqqani's uncle" matched them all. A titled surname still stands alone.
    assert "Haqqani" not in titled
    history = ["Which post did the Taliban give Sirajuddin Haqqani in their caretaker government?"]
    assert resolve_person("And his uncle?", history, titled) == "And Sirajuddin Haqqani's uncle?"
    assert resolve_person("What did he say?", history, titled) == "What did Sirajuddin Haqqani say?"
    # With no titled names at all, every name is written whole.
    assert resolve_person("What did he warn about?", ["Who is Moeed Yusuf?"]) == "What did Moeed Yusuf warn about?"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("What did he say?", []),  # a first question: nobody to point at
        ("What did he say?", ["What did a former foreign secretary propose?"]),  # nobody named
        ("How much of it had been completed?", [MUJAHID]),  # no personal pronoun
        ("Where is the headquarters?", [MUJAHID]),  # "he" inside a word is no pronoun
    ],
)
def test_without_a_pronoun_or_a_named_person_the_question_is_read_as_asked(question: str, history: list[str]) -> None:
    assert resolve_person(question, history) == question


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What is the Haqqani network?", ("the Haqqani network", False)),
        ("What were the Quadrilateral talks?", ("the Quadrilateral talks", True)),
        ("What is the source for that?", None),  # a topic pointing back is no antecedent
        ("Who is Moeed Yusuf?", None),  # a person: "he" (resolve_person)
        ("What did Pakistan do in response?", None),
    ],
)
def test_a_question_asking_what_something_is_names_its_topic(question: str, topic: tuple[str, bool] | None) -> None:
    assert defined_topic(question) == topic


def test_it_is_read_beside_the_topic_of_the_latest_question_asking_what_something_is() -> None:
    network = "What is the Haqqani network?"
    assert resolve_thing("What posts did its leaders get?", [network]) == (
        "What posts did its, the Haqqani network's, leaders get?"
    )
    # Through a follow-up pointing with "its" too, the same topic.
    assert resolve_thing("How far back do its ties go?", [network, "What posts did its leaders get?"]) == (
        "How far back do its, the Haqqani network's, ties go?"
    )
    # A plural topic takes "they", not "it".
    assert resolve_thing("Who led them?", ["What are the mujahideen?"]) == "Who led them, the mujahideen,?"
    assert resolve_thing("Who led it?", ["What are the mujahideen?"]) == "Who led it?"


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Who led it?", []),
        ("Who led it?", ["Which faction did Pakistan first back?"]),  # no question asking what it is
        ("How far back do its ties go?", ["What is the Haqqani network?", "Who is Moeed Yusuf?"]),  # a new topic since
        ("What else?", ["What is the Durand Line?"]),  # no neuter pronoun
    ],
)
def test_without_a_topic_asked_about_it_is_read_as_asked(question: str, history: list[str]) -> None:
    assert resolve_thing(question, history) == question


BIDEN = "What did President Biden announce on 14 April 2021?"
WITHDRAWAL = "Biden's decision, announced on 14 April 2021, to withdraw all U.S. troops by 11 September."


@pytest.mark.parametrize(
    ("question", "history", "said", "read"),
    [
        # The answer's date, not the one the question asked about.
        ("Why was that date chosen?", [BIDEN], [WITHDRAWAL], "Why was that date, 11 September, chosen?"),
        # No new date in the answer: the one the question named.
        (
            "Who else spoke that day?",
            [BIDEN],
            ["Biden spoke on 14 April 2021."],
            "Who else spoke that day, 14 April 2021,?",
        ),
        # A year for "that year" when no date is written.
        ("What else happened that year?", ["What did Trump say in 2017?"], [], "What else happened that year, 2017,?"),
        # Nothing points at a date, or there is none to point at.
        ("Why was it chosen?", [BIDEN], [WITHDRAWAL], "Why was it chosen?"),
        (
            "Why was that date chosen?",
            ["What did Biden announce?"],
            ["He announced a withdrawal."],
            "Why was that date chosen?",
        ),
    ],
)
def test_that_date_is_read_beside_the_date_the_last_answer_gave(
    question: str, history: list[str], said: list[str], read: str
) -> None:
    assert resolve_date(question, history, said) == read


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many registered Afghan refugees live in Pakistan?", "registered Afghan refugees"),
        ("How many security personnel did its attacks kill?", "security personnel"),  # before "did"
        ("How much did it cost?", None),
        ("What is the Haqqani network?", None),
    ],
)
def test_a_how_many_question_counts_its_first_words_up_to_a_plural(question: str, counted: str | None) -> None:
    assert counted_topic(question) == counted


def test_them_is_read_beside_what_the_earlier_question_counted_and_it_passes_it() -> None:
    refugees = "How many registered Afghan refugees live in Pakistan?"
    assert resolve_thing("What does Pakistan want them to do?", [refugees]) == (
        "What does Pakistan want them, registered Afghan refugees, to do?"
    )
    # A plural topic is not what "its" points at: the walk goes on to the question asking what.
    history = ["What is the Tehreek-e-Taliban Pakistan?", "How many attacks did it carry out in August?"]
    assert resolve_thing("Where is its leadership based?", history) == (
        "Where is its, the Tehreek-e-Taliban Pakistan's, leadership based?"
    )


def test_a_question_asking_who_the_person_is_leaves_the_history_once_the_surname_is_written() -> None:
    # The corpus titles "Khalilzad" alone: the surname stands; it never titles "Haqqani" alone,
    # so the name is written in whole. A question naming someone else, or no one, stays.
    titled = frozenset({"Khalilzad"})
    assert past_who_is("What did Khalilzad say about Pakistan?", ["Who is Zalmay Khalilzad?"], titled) == (
        "What did Khalilzad say about Pakistan?",
        [],
    )
    assert past_who_is("Who is Haqqani's uncle?", ["Who is Sirajuddin Haqqani?"], titled) == (
        "Who is Sirajuddin Haqqani's uncle?",
        [],
    )
    history = ["Who is Zalmay Khalilzad?", "What is the Durand Line?"]
    assert past_who_is("What did he say about it?", history, titled) == ("What did he say about it?", history)
    assert past_who_is("What did Khalilzad say?", ["Who telephoned Bajwa?"], titled) == (
        "What did Khalilzad say?",
        ["Who telephoned Bajwa?"],
    )


BARADAR = (
    "In October 2018, during Zalmay Khalilzad's visit to Islamabad, a month after he was appointed U.S. special "
    "representative for Afghanistan reconciliation, Pakistan released Mullah Abdul Ghani Baradar, a co-founder of "
    "the Taliban and formerly Mullah Omar's deputy."
)


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        (BARADAR, False),  # names several people, but no one says anything
        ('A retired general said: "The space for the Taliban\'s natural allies is already expanding".', True),
        ("Reacting to Biden's withdrawal announcement, Pakistan's foreign office emphasised that …", True),
        ("President Ashraf Ghani accused Pakistan of providing the Taliban with logistical support.", True),
    ],
)
def test_who_said_that_needs_a_word_of_saying_not_a_name(sentence: str, speaks: bool) -> None:
    assert tells(Asked.SPEAKER, sentence, "Who said that?") is speaks


def test_a_speaker_for_a_sentence_quoting_no_one_says_the_same() -> None:
    politician = 'An opposition politician said: "The military leadership was under the impression …".'
    spokesperson = (
        "A spokesperson said Pakistan released Mullah Abdul Ghani Baradar, a co-founder of the Taliban and formerly "
        "Mullah Omar's deputy, during Zalmay Khalilzad's visit to Islamabad in October 2018."
    )
    assert not says_the_same(BARADAR, BARADAR, "Who said that?")
    assert not says_the_same(politician, BARADAR, "Who said that?")
    assert says_the_same(spokesperson, BARADAR, "Who said that?")


def test_the_same_act_elsewhere_writes_the_asked_verb_and_another_word_of_the_lead() -> None:
    """Of a lead naming no one, a sentence from elsewhere may give whoever did it only when it
    writes the asked verb of the same thing: "called off talks" is another act than the protests,
    and a sentence writing the verb and nothing else of the lead is no more."""
    protests = "Several hundred Afghans staged anti-Pakistan protests in Kabul on Sept. 7."
    talks = "The military intervened, such as after President Trump abruptly called off talks on 6 September 2019."
    fence = "According to the Pakistani military, the fence construction, which began in 2017, is aimed at it."
    criticised = "Mujahid recently criticized a new Pakistani border fence."
    assert not does_the_same(talks, protests, "Who called them off?")
    assert does_the_same(criticised, fence, "Who criticised it?")
    assert not does_the_same(criticised, "Several hundred Afghans criticized it.", "Who criticised it?")
    assert not does_the_same(criticised, fence, "Who built it?")


def test_a_doer_turn_s_act_is_written_with_its_doer_not_as_a_participle_or_a_noun() -> None:
    """ "Who negotiated it?" asks by a regular verb; a sentence gives whoever did it only when it
    writes that act done by someone ("The TTP waged …", "prepared by NATO interrogators", "at
    Washington's request"), not the participle describing a noun ("a leaked draft", "843 planned
    frontier posts"), the act done to something by no one named ("scheduled for 31 July") or the
    noun alone ("In a televised interview")."""
    assert asked_verb("Who negotiated it?") == "negoti"
    assert asked_verb("Who set it up?") is None  # a particle: told by another verb
    assert asked_verb("Who led it?") is None  # "led" is no regular past
    assert asked_verb("What did he negotiate?") is None
    assert not writes_the_act(
        'TOLO News published a leaked draft of the proposed "Afghanistan Peace Agreement".', "leak"
    )
    assert not writes_the_act("Since taking power in a contested election in July 2018, Khan ceded it.", "contest")
    assert not writes_the_act("So are the 843 planned frontier posts, which it insists are inside.", "plan")
    assert not writes_the_act("A second round, scheduled for 31 July, was aborted.", "schedul")
    assert not writes_the_act("In a televised interview on 18 April, Secretary of State Blinken said it.", "interview")
    assert writes_the_act("The TTP waged a horrific campaign of violence in Pakistan.", "wage")
    assert writes_the_act("Detainees quoted in a 2012 report prepared by NATO interrogators show it.", "prepar")
    assert writes_the_act("The Taliban opened an office in Doha, reportedly at Washington's request.", "request")
    assert writes_the_act("In November 2020, donors pledged $12 billion in civilian assistance.", "pledg")


BLINKEN_CALL = (
    "On 9 March, Ambassador Khalilzad met the Pakistani army chief; on 10 April, U.S. Secretary of State Antony "
    "Blinken telephoned the army chief again, seeking help to bring the Taliban back to the talks."
)


def test_he_after_a_who_question_asking_its_subject_is_the_person_its_answer_names_beside_its_words() -> None:
    """ "Who telephoned Bajwa on 10 April …?" is answered by a sentence naming two people; "he"
    after it is the one written beside the question's own words ("telephoned", "10 April"),
    written whole, without the title (docs/tuning.md, session 32)."""
    titled = frozenset({"Khalilzad", "Bajwa"})  # as the corpus titles them ("army chief Bajwa")
    asked = "Who telephoned Bajwa on 10 April seeking help to bring the Taliban back to the talks?"
    question = "What did he say the Taliban must do to gain power?"
    assert resolve_person(question, [asked], titled | {"Blinken"}, BLINKEN_CALL) == (
        "What did Antony Blinken say the Taliban must do to gain power?"
    )
    # Without the answer, or when it names no one beside the question's words, "he" is left as asked.
    assert resolve_person(question, [asked], titled | {"Blinken"}) == question
    assert resolve_person(question, [asked], titled, "The talks stalled in April.") == question
    # Only the latest question: an older "Who …?" gave its person to the turns after it.
    assert resolve_person(question, [asked, "And when?"], titled | {"Blinken"}, BLINKEN_CALL) == question


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Who led it?", Asked.DOER),
        ("And who negotiated it?", Asked.DOER),
        ("Who headed them?", Asked.DOER),
        ("Who wrote it?", Asked.WRITER),  # its writer, as before
        ("Who said that?", Asked.SPEAKER),
        ("Who was it?", None),  # a copula: who someone is
        ("Who did that?", None),
        ("Who led the talks?", None),  # words of its own to rank
    ],
)
def test_who_and_a_verb_in_the_past_pointing_back_asks_whoever_did_it(question: str, asked: Asked | None) -> None:
    assert asked_alone(question) is asked
    assert restates_lead(question) is (asked is Asked.DOER)


def test_whoever_did_it_is_told_by_a_lead_sentence_naming_someone() -> None:
    hekmatyar = (
        "Pakistan's preferred Afghan partners first included Gulbuddin Hekmatyar's predominantly Pashtun Hizb-e Islami."
    )
    assert tells(Asked.DOER, hekmatyar, "Who led it?")
    # "the" before a run makes it a body or a country, not someone.
    assert not tells(
        Asked.DOER, "According to the Pakistani military, the fence construction began in 2017.", "Who led it?"
    )
