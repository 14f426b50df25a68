"""Reference entries and source questions, on sentences taken from the corpus."""

from __future__ import annotations

import pytest

from service.citations import parse_sources
from service.records import Document
from service.references import (
    asks_for_source,
    asks_for_speaker,
    corpus_own_names,
    dates_given,
    is_reference,
    named_sources,
    outside_title,
    source_named,
    source_names,
)
from service.text import sentence_spans
from service.units import load_corpus
from tests.conftest import CORPUS


@pytest.mark.parametrize(
    "sentence",
    [
        'Adrian Hanni, "Why does Pakistan releasing a key Taliban leader matter?", The Diplomat, 30 October 2018.',
        "Crisis Group telephone interviews, Islamabad-based politicians, security analysts, April-May 2021.",
        "Crisis Group telephone interview, October 2020.",
        "For background on the Taliban movement, see Ahmed Rashid, Taliban: The Story of the Afghan Warlords "
        "(London, 2001).",
        "Crisis Group Report, Resetting Pakistan's Relations with Afghanistan, op. cit.",
        '"Afghanistan Study Group Final Report: A Pathway to Peace in Afghanistan," U.S. Institute of Peace, '
        "February 2021.",
        "“Foreign donors pledge $12 billion over four years for Afghanistan but with tougher conditions”, Reuters, "
        "24 November 2020.",
    ],
)
def test_references_are_recognised(sentence: str) -> None:
    assert is_reference(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # Claims, some of them ending in a year or quoting a title-like phrase.
        "In December 2020, the Pakistan military’s spokesperson said 83 per cent of the border with Afghanistan "
        "had been fenced, predicting the project’s completion by the end of 2021.",
        "Afghan leaders have long refused to recognise the 2,430km line as the international border and staked "
        "claims to contiguous Pakistani Pashtun-majority territories.",
        "In an interview, Musharraf claimed that following the September 2001 attacks, Assistant Secretary of "
        'State Richard Armitage warned Pakistan to cooperate with the U.S.-led war on terror or "be prepared to '
        'be bombed. Be prepared to go back to the stone age".',
        "Michael Kugelman is the writer of Foreign Policy’s weekly South Asia Brief.",
        "The Taliban's rivals, the Northern Alliance, dominated by Tajiks, Uzbeks and Hazaras, not surprisingly "
        "sought New Delhi's backing.",
        # A series named in a claim: no number, or no title closed by a date after it.
        "Crisis Group Asia Report N°62 warned that Pashtun alienation would feed the insurgency by 2005.",
        "Crisis Group Reports, published since 2003, warned of the insurgency in 2011.",
        "The Afghanistan Study Group Report, released in February 2021, urged a slower withdrawal in 2021.",
    ],
)
def test_claims_are_not_references(sentence: str) -> None:
    assert not is_reference(sentence)


@pytest.mark.parametrize(
    "question",
    [
        "What is the source for the claim that Armitage told Pakistan to be prepared to be bombed?",
        "Which outlet reported that Samiul Haq called Mullah Omar an angel-like human being?",
        "Which news agency reported the $12 billion donor pledge for Afghanistan?",
        "Who told Crisis Group that the military is solely responsible for Afghan policy?",
        "Whom did Crisis Group interview about the 'hybrid rule' arrangement?",
        "Which RAND study on an Afghan peace agreement does the briefing quote?",
        "Which UN report does the briefing cite for the TTP's cross-border attacks?",
        "Where does the briefing get the claim that Pakistan hosted talks in Murree?",
        "Whose testimony said Pakistan has a special responsibility given its influence over the Taliban?",
        "Which testimony warned that al-Qaeda could threaten the U.S. within two years?",
        "Which official statement says international assistance will be needed for Afghanistan's stability?",
        # Worded by what a claim rests on (docs/retrieval.md, "Source questions"):
        "Where does the briefing get the view that a Taliban attempt to seize power would be undesirable?",
        "What is the basis for the claim that Taliban negotiators consulted Pakistani officials?",
        "On what does the briefing base its statement that the Taliban agreed to rejoin the talks?",
        "What evidence does the article give for the Taliban's reliance on Pakistan?",
        "What is the evidence for the assertion that Mullah Omar died in a Pakistani hospital?",
        # An outlet of several words, in capitals, as the one that reported:
        "What did The Express Tribune report about the Taliban rejoining the peace process?",
        "What did Agence France-Presse report about the Centcom chief's talks with Bajwa?",
        # An agency as the one that reported:
        "Which agency reported that Kabul was on high alert before the withdrawal deadline?",
        "Which agency first reported the deal?",
        # A document that cites, read as it was when "What does the report" still asked:
        "What does the report cite The New York Times for?",
        "What did the report cite The Islamabad Post for?",
        # What a cited work, named by its outlet in capitals, says: its note is the answer.
        "What does the Dawn report about Khalilzad's visit say about Baradar?",
    ],
)
def test_source_questions(question: str) -> None:
    assert asks_for_source(question)


@pytest.mark.parametrize(
    "question",
    [
        "Why does Pakistan host the Taliban leadership?",
        "How long is the Durand Line?",
        "According to a UN report, how many cross-border attacks was the TTP responsible for?",
        "What did Ashraf Ghani tell Der Spiegel about how close he was to death?",
        "What did the communiqué agree on development assistance?",
        "What testimony did Khalilzad give to the Senate?",
        "Where did the Taliban get their weapons?",
        # The same words about what the text says, not where it got it:
        "Where does the Durand Line run?",
        "What is the basis of Pakistan's Afghanistan policy?",
        "What evidence did Pakistan's foreign minister disclose of Indian support for the TTP?",
        "Where did the Taliban get logistical support, according to Ghani?",
        "What did the UN report say the TTP was responsible for?",
        # What a document says, the document the subject of "what does/did" or of "what … says":
        "What does the report on the peace process say about the TTP?",
        "What did the article about Pakistan's win say about Baradar?",
        "Summarise what the article says about the TTP.",
        "Summarise what the report on the peace talks says about Quetta.",
        "What did he study at university?",
        "what did tolo news publish about the peace agreement",
        # An agency of a government, asked for as a body, not an outlet:
        "Which Afghan agency did Pakistan accuse of leaking Omar's death?",
        "What agency is the ISI?",
        "Which spy agency is Faiz Hameed in charge of?",
    ],
)
def test_other_questions_do_not_ask_for_a_source(question: str) -> None:
    assert not asks_for_source(question)


def test_outside_title_keeps_author_outlet_and_date() -> None:
    kept = outside_title(
        'Adrian Hanni, "Why does Pakistan releasing a key Taliban leader matter?", The Diplomat, 30 October 2018.'
    )
    assert "Adrian Hanni" in kept and "The Diplomat" in kept and "releasing" not in kept


def test_source_names_are_the_author_and_outlet_outside_the_title() -> None:
    entry = (
        "Kamran Yousaf, \"Afghan drawdown entails 'security challenges', warns FM\", The Express Tribune, 3 June 2021."
    )
    assert source_names(entry) == (frozenset({"kamran", "yousaf"}), frozenset({"express", "tribun"}))
    # A lead-in ("See also", "For …, see") names no one, nor does a date.
    seen = 'See also Zachary Constantino, "The India-Pakistan Rivalry", U.S. Institute of Peace, 29 January 2020.'
    assert frozenset({"see"}) not in source_names(seen)
    assert frozenset({"constantino", "zachari"}) in source_names(seen)
    assert all(not term.isdigit() and term != "januari" for name in source_names(seen) for term in name)
    # A note's topic before "see" is no name, nor is an unquoted title (a report series).
    topic = 'On the Haqqani issue, see Rahimullah Yusufzai, "The Haqqani Question", Jinnah Institute, 2018.'
    assert frozenset({"haqqani"}) not in source_names(topic)
    assert frozenset({"rahimullah", "yusufzai"}) in source_names(topic)
    assert source_names("Crisis Group Asia Briefing N°165, What Future for Afghan Peace Talks, 13 January 2021.") == ()


def test_named_sources_give_each_name_as_the_entry_writes_it_with_its_terms() -> None:
    entry = 'Umar Jamal, "With the Afghan Taliban in Islamabad", The Diplomat, 8 October 2010.'
    assert named_sources(entry) == (
        ("Umar Jamal", frozenset({"umar", "jamal"})),
        ("The Diplomat", frozenset({"diplomat"})),
    )
    assert tuple(terms for _, terms in named_sources(entry)) == source_names(entry)


def test_the_asking_words_name_kinds_and_the_capitalised_words_names() -> None:
    named = source_named("Which UN report says the Taliban and al-Qaeda remain closely aligned?")
    assert named.kinds == {"report"} and named.terms == {"un", "taliban", "qaeda"}
    assert named.source == {"un"}  # "says …" states the claim
    assert source_named("Which book does the briefing cite on Musharraf?").kinds == {"book"}
    assert source_named("Which Diplomat article is cited for the remark?").terms == {"diplomat"}
    # Asking words that name nothing of the source: the reporting verb is not a kind.
    plain = source_named("Who reported that the army released him?")
    assert not plain.kinds and not plain.terms
    assert not source_named("What is the source for the claim that the talks failed?").terms


def test_a_series_list_parses_as_its_reports_and_only_a_lead_in_makes_it_a_reference() -> None:
    # Over every note sentence of the corpus, split as the index splits them: a sentence citing
    # two or more numbered reports of one series is read as those reports, each with the
    # series' publisher (its items inherit the series). Without a lead-in
    # ("See also", "For … see") it is no reference entry: as one, it kept note 9 from leading
    # a question about the report's date (docs/tuning.md, "A series list as a reference, withdrawn").
    lists = []
    for unit in (u for u in load_corpus(CORPUS).units if u.kind == "footnote"):
        for start, end in sentence_spans(unit.text):
            sentence = unit.text[start:end]
            reports = [s for s in parse_sources(sentence) if s.kind == "report"]
            if len(reports) >= 2:
                lists.append((unit.id, sentence))
                assert len({s.outlet for s in reports}) == 1 and reports[0].outlet, (unit.id, sentence)
                led_in = sentence.startswith(("See", "For"))
                assert is_reference(sentence) is led_in, (unit.id, sentence)
    assert "icg-asia-briefing-169:fn:9" in {unit_id for unit_id, _ in lists}
    assert len(lists) >= 4  # the briefing cites its publisher's series in several notes


def test_a_named_outlet_is_read_up_to_where_the_question_turns_to_its_topic() -> None:
    # The source's names stop at "about": Taliban is the claim's.
    named = source_named("What did The Express Tribune report about the Taliban rejoining the talks?")
    assert named.source == {"express", "tribun"}
    # A kind word in capitals is an outlet's name: "The News" is a name, not only a kind.
    assert "news" in source_named("What did The News report about Pakistan's frustration?").source
    assert source_named("Which RUSI paper does the briefing cite on the Taliban's path to power?").source == {"rusi"}


def test_a_source_question_gives_its_dates_to_a_month_at_least() -> None:
    named = source_named("Which Dawn report of 15 November 2018 does the briefing cite on Baradar's release?")
    assert named.dates == frozenset({"2018-11-15"})
    assert dates_given("in November 2020, in 2019, and on 3 June 2021") == frozenset({"2020-11", "2021-06-03"})
    assert source_named("Which outlet reported the talks in Doha?").dates == frozenset()


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        # Who told an audience asks for the one who spoke (dev d2415, d3203, d2724).
        ("Who told senators on 27 April that Pakistan had been supportive of efforts to press the Taliban?", True),
        ("Who told parliament that this was Pakistan's stance in principle?", True),
        ("Who told Crisis Group that the Pakistan military failed to convince the Taliban leadership?", True),
        ("who told reporters that the border would reopen", True),
        # The work that carries the words: a source question asking for no speaker.
        ("Which newspaper reported the foreign minister telling parliament that Pakistan backs no takeover?", False),
        ("Who reported Khalilzad telling a Senate hearing that Pakistan had been supportive?", False),
        ("According to which report did the defense secretary warn Congress about al-Qaeda?", False),
        ("What source does the briefing give for Ghani saying that the U.S. plays a minor role?", False),
        ("Where does the briefing get the claim that the ambassador warned of a collision?", False),
        ("Who wrote the Foreign Policy article?", False),
    ],
)
def test_who_told_an_audience_asks_for_the_speaker(question: str, speaker: bool) -> None:
    """A speaker question is a source question (its claim and note are found as for one) whose
    answer is who spoke, not the cited work: `SourceNamed.speaker` carries it to the answer."""
    assert asks_for_source(question)
    assert asks_for_speaker(question) is speaker
    assert source_named(question).speaker is speaker


@pytest.mark.parametrize(
    "question",
    [
        "Pakistan's Deobandi madrasa networks were a major source of recruits; recruits from which community?",
        "What was the source of Islamabad's leverage over the Taliban?",
        "What source of arms does Pakistan still allow the Taliban?",
        "Which source of aid would a Taliban regime lack?",
        "What was the main source of the Taliban's funding?",
    ],
)
def test_a_source_of_a_thing_is_where_the_thing_comes_from_not_a_cited_work(question: str) -> None:
    assert not asks_for_source(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the source of the statement that 83 per cent of the border had been fenced?",
        "What is the source of the figure of more than 100 cross-border attacks?",
        "What is the source of the 83 per cent figure?",
        "What is the source of Qureshi's remark that Pakistan had been a facilitator?",
        "What is the source of this?",
        "Which sources of the briefing mention the Durand Line?",
        "What is the source for the claim that the TTP is resurging?",
    ],
)
def test_a_source_of_what_a_text_tells_is_a_cited_work(question: str) -> None:
    assert asks_for_source(question)


def test_corpus_own_names_are_the_terms_of_the_corpus_publishers_and_authors() -> None:
    documents = [
        Document("a", "a.md", "Pakistan and the Taliban", publisher="Crisis Group"),
        Document("b", "b.md", "A Strategic Victory", publisher="Foreign Policy", author="Madiha Afzal"),
        Document("c", "c.md", "Untitled"),
    ]
    assert corpus_own_names(documents) == frozenset({"crisi", "group", "foreign", "polici", "madiha", "afzal"})
    assert corpus_own_names([documents[2]]) == frozenset()
