"""The answer-type check: what a question asks for, whether a sentence states it, and the
engine abstaining on a date or quantity question that its evidence does not answer."""

from __future__ import annotations

from typing import Any

import pytest

from service import answer_type
from service.answer_type import AnswerType, expected_type, states
from tests.support.answers import answer_lead_holding
from tests.support.withdrawals import stands_leading_with, withdrawn_for


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("When did the Taliban open their political office in Doha?", AnswerType.DATE),
        ("In what year did the Taliban first take Kabul?", AnswerType.DATE),
        # The first wh-phrase decides: this "when" is a conjunction.
        ("How many US troops were left when the Biden administration took office?", AnswerType.QUANTITY),
        # A share of a whole asks for a share, not for any number.
        ("What proportion of Pakistan's population is Shia?", AnswerType.SHARE),
        ("What percentage of Afghans are Pashtun?", AnswerType.SHARE),
        ("Roughly what fraction of the border was fenced?", AnswerType.SHARE),
        ("What was the voter turnout in the 2019 election?", AnswerType.QUANTITY),
        # An amount of money, in the shapes users ask for one, asks for a sum of money.
        ("How much did the border fence cost?", AnswerType.MONEY),
        ("What did fencing the border cost Pakistan?", AnswerType.MONEY),
        ("What was the price of the fence?", AnswerType.MONEY),
        ("How much money did donors pledge?", AnswerType.MONEY),
        ("What amount of aid did donors pledge?", AnswerType.MONEY),
        ("What sum did Mansour stash in bank accounts?", AnswerType.MONEY),
        ("What was the value of his properties?", AnswerType.MONEY),
        ("What is the house worth?", AnswerType.MONEY),
        ("How expensive was the withdrawal?", AnswerType.MONEY),
        # A share of something, or a count, is no sum of money; nor is an amount of something else.
        ("How much of the aid reached Kabul?", AnswerType.QUANTITY),
        ("How many troops did NATO pledge?", AnswerType.QUANTITY),
        ("How much leverage does Pakistan still have?", AnswerType.QUANTITY),
        # "cost" and "value" as nouns of another question.
        ("What did the Taliban say about the cost of war?", None),
        ("What value does Pakistan place on its ties with Kabul?", None),
        # "How long is <a thing>" asks for a length; "how long" about time passing, for a period.
        ("How long is the Durand Line?", AnswerType.QUANTITY),
        ("How long had it been since Pakistan last had a friendly government in Kabul?", AnswerType.PERIOD),
        ("How long was Baradar detained before his release?", AnswerType.PERIOD),
        ("How long did Mansour lead the Taliban?", AnswerType.PERIOD),
        # A measure noun counts only as the head of what is asked for.
        ("Which country has a larger Shia population than Pakistan?", None),
        ("Who led it?", None),
        ("What is the Haqqani network?", None),
        ("Why did Pakistan back the Taliban?", None),
        # A person's age is asked by "how old" of a name or of "he", and by "what age"; a thing's
        # age ("How old is the Durand Line?") is answered by a date and stays a period.
        ("How old is Sirajuddin Haqqani?", AnswerType.AGE),
        ("How old was Mullah Omar when he died?", AnswerType.AGE),
        ("How old was the Taliban founder when he died?", AnswerType.AGE),
        ("What age was Baradar when Pakistan released him?", AnswerType.AGE),
        ("At what age did Mansour die?", AnswerType.AGE),
        ("How old is the Durand Line?", AnswerType.PERIOD),
    ],
)
def test_expected_type_follows_the_first_wh_phrase(question: str, wanted: AnswerType | None) -> None:
    assert expected_type(question) is wanted


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        # A leading clause of time says when; the question after its comma sets what is asked.
        ("When the Taliban took Kabul, how did Pakistan respond?", None),
        ("When Mansour was killed, who took over?", None),
        ("Once the cabinet was announced, how many posts went to the Haqqanis?", AnswerType.QUANTITY),
        ("When Biden took office, in what state were the talks?", None),
        ("When Trump decided to hold direct talks, did he signal openness to power-sharing?", None),
        # Another clause after the first ("…, when pressure prompted …,") asks nothing; "when"
        # before an auxiliary does ask.
        ("After the 2001 attacks, when pressure from Washington grew, how did the movement rebuild?", None),
        ("After Biden took office, when did the talks resume?", AnswerType.DATE),
        # A relative "who" inside the clause is passed for the question after it.
        (
            "After Pakistan released Baradar, who had been detained since 2010, how many leaders remained?",
            AnswerType.QUANTITY,
        ),
        # The question itself opens on "When did …" / "When was …": a date, whatever follows a comma.
        ("When did construction of the fence begin, according to the military?", AnswerType.DATE),
        ("When was Baradar released, and who asked for it?", AnswerType.DATE),
        ("When did the Taliban take Kabul?", AnswerType.DATE),
        # No comma closes the clause: the question opens on its wh-word, the first that is no
        # relative pronoun, else the last "who" (session 45).
        ("When the Taliban took Kabul how did Pakistan respond?", None),
        ("After Mansour died who took over?", None),
        ("When the cabinet was announced how many posts went to the Haqqanis?", AnswerType.QUANTITY),
        ("When the Taliban took Kabul how many leaders who had lived in Quetta returned?", AnswerType.QUANTITY),
        ("When the man who led the Taliban died who took over?", None),
        ("When the Taliban took Kabul what year was it?", AnswerType.DATE),
        ("When the talks resumed when did the Taliban attend them?", AnswerType.DATE),
        # A clause not opening on its subject, or a question asking with its own "when": a date.
        ("When was the agreement signed by whom?", AnswerType.DATE),
        ("When exactly did the Taliban take the city that had resisted them?", AnswerType.DATE),
        ("When in 2019 did Pakistan release the man who founded the Taliban?", AnswerType.DATE),
        ("When the Taliban took Kabul?", AnswerType.DATE),
    ],
)
def test_a_leading_clause_of_time_leaves_the_type_to_the_question_after_it(
    question: str, wanted: AnswerType | None
) -> None:
    assert expected_type(question) is wanted


def test_a_leading_clause_of_time_sets_no_place_or_count() -> None:
    assert answer_type.asks_where("When the Taliban took Kabul, where did their leaders go?")
    assert not answer_type.asks_where("After the leaders reached Quetta, where the shura met, who led them?")
    assert answer_type.asks_count("Once the cabinet was announced, how many posts went to the Haqqanis?")
    assert answer_type.asking_start("When Mansour was killed, who took over?") == len("When Mansour was killed, ")
    assert answer_type.asking_start("When did Mansour die, and who took over?") == 0
    assert answer_type.asking_start("When Mansour was killed who took over?") == len("When Mansour was killed ")
    assert answer_type.asks_count("When the cabinet was announced how many posts went to the Haqqanis?")
    assert answer_type.asked_wh_start("What did the report say when it was published?") == 0
    assert answer_type.asked_wh_start("The briefing says so.") is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        # A yes/no question's "when" opening a clause of its own asks no date.
        ("Do the fighters obey orders from their chiefs abroad, even when they disagree?", None),
        ("Did the TTP feel galvanized when the Taliban won in Afghanistan?", None),
        ("Can Pakistan sway the Taliban's decisions, when it so chooses?", None),
        ("Would hundreds of thousands of Afghans flee when the war gets worse?", None),
        # Embedded after a word of saying or knowing, or asking itself: a date.
        ("Does the briefing say when construction of the border fence began?", AnswerType.DATE),
        ("Do you know when the article came out?", AnswerType.DATE),
        ("Can you tell me exactly when Mullah Omar died?", AnswerType.DATE),
        ("Is it clear when the fence will be finished?", AnswerType.DATE),
        ("Did the Taliban take Kabul, and when?", AnswerType.DATE),
        ("Did the fence get finished, and when did it start?", AnswerType.DATE),
        # Not a yes/no question: as before.
        ("When did the Taliban take Kabul?", AnswerType.DATE),
        ("When the Taliban took Kabul, did Pakistan cheer?", None),
        ("How many attacks did the TTP carry out when the Taliban won?", AnswerType.QUANTITY),
    ],
)
def test_a_yes_no_questions_when_clause_asks_no_date(question: str, wanted: AnswerType | None) -> None:
    assert expected_type(question) is wanted


def test_a_yes_no_question_embedding_when_after_a_word_of_saying_is_answered_by_the_date(engine: Any) -> None:
    # dev d5430's shape: "say when" embeds the question, which asks the date.
    answer = engine.ask("Does the report tell when the government seized Mansour's properties?")
    assert not answer.abstained
    assert "seized these assets after his 2016 death" in answer.sentences[0].text


@pytest.mark.parametrize(
    ("answer_type", "text", "stated"),
    [
        (AnswerType.QUANTITY, "it carried out 32 attacks in August alone", True),
        (AnswerType.QUANTITY, "around 1.4 million registered Afghan refugees", True),
        (AnswerType.QUANTITY, "83 per cent of the fence was complete", True),
        (AnswerType.QUANTITY, "hundreds of Afghans protested", True),
        # A sum of money is a quantity, bare or in a year's digits; only a sum of money is money.
        (AnswerType.QUANTITY, "donors pledged $12 billion in civilian assistance", True),
        (AnswerType.QUANTITY, "the visa costs $60.", True),
        (AnswerType.QUANTITY, "a fine of Rs 5,000", True),
        (AnswerType.QUANTITY, "it sold for $2000", True),
        (AnswerType.MONEY, "donors pledged $12 billion in civilian assistance", True),
        (AnswerType.MONEY, "stashed millions of rupees in bank accounts", True),
        (AnswerType.MONEY, "it cost 500 dollars", True),
        (AnswerType.MONEY, "83 per cent of the border had been fenced", False),
        (AnswerType.SHARE, "83 per cent of the border had been fenced", True),
        (AnswerType.SHARE, "Shias constitute around 20% of the population", True),
        (AnswerType.SHARE, "a third of the fighters", True),
        (AnswerType.SHARE, "madrasas run by two factions of the Jamiat", False),
        (AnswerType.SHARE, "claims to contiguous Pashtun-majority territories", False),
        (AnswerType.SHARE, "around 1.4 million registered Afghan refugees", False),
        (AnswerType.MONEY, "around 1.4 million registered Afghan refugees", False),
        (AnswerType.MONEY, "the fence, which began in 2017", False),
        # A year, the day of a date and a report number are not quantities.
        (AnswerType.QUANTITY, "the talks began in 2020", False),
        (AnswerType.QUANTITY, "The News, 5 June 2021.", False),
        (AnswerType.QUANTITY, "Crisis Group Asia Reports N°s 311, Taking Stock", False),
        (AnswerType.DATE, "the office opened in June 2013", True),
        (AnswerType.DATE, "Pakistan's links with the Taliban predate it by several decades", True),
        (AnswerType.DATE, "Pakistan retains influence with the Taliban", False),
        (AnswerType.PERIOD, "the 2,430km line", True),
        (AnswerType.PERIOD, "since the 1990s", True),
        # Made-up sentences stating an age (the corpus states none), and a date that states none.
        (AnswerType.AGE, "The commander, aged 47, was arrested in Quetta.", True),
        (AnswerType.AGE, "a 47-year-old former governor", True),
        (AnswerType.AGE, "he was 47 years old when he took office", True),
        (AnswerType.AGE, "she joined the ministry at the age of 31", True),
        (AnswerType.AGE, "the cleric, now in his late sixties, still teaches", True),
        (AnswerType.AGE, "Hameed, 52, was named in June.", True),
        (AnswerType.AGE, "he was born in 1968 in Kandahar", True),
        (AnswerType.AGE, "In October 2018, Pakistan released Mullah Abdul Ghani Baradar", False),
        (AnswerType.AGE, "staged a three-week sit-in in Islamabad", False),
        (AnswerType.AGE, "it carried out 32 attacks in August alone", False),
    ],
)
def test_states_finds_dates_and_quantities(answer_type: AnswerType, text: str, stated: bool) -> None:
    assert states(answer_type, text, "?") is stated


def test_a_value_the_question_gives_is_not_an_answer() -> None:
    assert not states(AnswerType.DATE, "as it did in 2021", "What happened to the budget in 2021?")
    assert states(AnswerType.DATE, "as it did in 2019", "What happened to the budget in 2021?")


@pytest.mark.parametrize(
    "question",
    [
        "How much US military aid did Pakistan receive in 2010?",
        "When did Pakistan conduct its first nuclear test?",
        # The second result's "four soldiers were killed" does
        # not count: only the top result's highlights do.
        "How many soldiers serve in Pakistan's army?",
        # A money question: "843 posts" is a quantity, not a sum of money.
        "How much did Pakistan spend on its border posts?",
        # A share question: the passages on Pashtun parties and lands state counts, no share.
        "What percentage of Afghans are Pashtun?",
    ],
)
def test_typed_question_without_typed_evidence_abstains(engine: Any, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained and not answer.results and not answer.sentences


def test_only_a_sum_of_money_an_age_and_a_frequency_are_not_given_in_words() -> None:
    unworded = (AnswerType.MONEY, AnswerType.AGE, AnswerType.FREQUENCY)
    assert not any(answer_type.answered_in_words(t) for t in unworded)
    assert all(answer_type.answered_in_words(t) for t in AnswerType if t not in unworded)


def test_an_age_the_question_gives_is_not_an_answer() -> None:
    question = "How old was the commander, aged 47 at his arrest, when he died?"
    assert not states(AnswerType.AGE, "The commander, aged 47, was arrested in Quetta.", question)
    assert states(AnswerType.AGE, "He died aged 63.", question)


@pytest.mark.parametrize(
    "question",
    [
        # The passages on each person date what they did ("In October 2018, … released Baradar"):
        # the corpus states no one's age.
        "How old is Sirajuddin Haqqani?",
        "What age was Baradar when Pakistan released him?",
    ],
)
def test_an_age_question_without_an_age_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["not-in-kind"]


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("How does the TTP fund its attacks?", "fund"),
        ("How did Mullah Omar finance the movement in the 1990s?", "finance"),
        ("How did the Taliban recruit Pakistani Pashtuns?", "recruit"),
        ("How did Mansour hide his wealth?", None),  # other means are answered in other words
        ("How do i ask my boss for a pay rise", None),  # "pay" a noun, far from "How do"
        ("Why does the TTP fund its attacks?", None),
    ],
)
def test_means_verb_reads_funding_and_recruiting_questions(question: str, verb: str | None) -> None:
    assert answer_type.means_verb(question) == verb


@pytest.mark.parametrize(
    "question",
    [
        # Led by "According to TTP data, it carried out 32 attacks in August alone" and by a
        # sentence on Mansour's leadership: on the group and the man, not on their money.
        "How does the TTP fund its attacks?",
        "How did Mullah Omar finance the movement in the 1990s?",
    ],
)
def test_a_means_question_led_by_a_sentence_without_the_means_is_withdrawn(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["another-event"]


def test_a_means_question_the_corpus_answers_is_answered(engine: Any) -> None:
    answer_lead_holding(
        engine, "How did the Taliban recruit Pakistani Pashtuns?", "a major source of Pakistani Pashtun recruits"
    )


@pytest.mark.parametrize(
    "question",
    [
        # The closest passage says how much of the border was fenced ("83 per cent"), and its
        # cosine is over the guard that leaves strong evidence to answer in words: a share is
        # no sum of money, and a cost is not given in words.
        "What did fencing the Afghan border cost Pakistan?",
        "How much did the border fence cost Pakistan?",
    ],
)
def test_a_money_question_answered_by_another_quantity_is_withdrawn_however_close(engine: Any, question: str) -> None:
    assert withdrawn_for(engine, question) == ["not-in-kind"]


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("How many attacks did the TTP carry out in August?", "32 attacks"),
        ("When did the Taliban open their political office in Doha?", "2013"),
        ("How much money did Mullah Akhtar Mansour stash in bank accounts?", "millions of rupees"),
        ("What amount of civilian aid did donors pledge for Afghanistan in November 2020?", "$12 billion"),
        # Strong evidence answered in words: the check stands aside.
        ("How much leverage does Pakistan still have over the Taliban?", "leverage"),
    ],
)
def test_typed_questions_the_corpus_answers_are_answered(engine: Any, question: str, gold: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    assert any(gold in sentence.text for sentence in answer.sentences)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # The top result's best-scored sentence restates the question ("Pakistan's efforts to
        # fence the contested border…"); the one with the year comes next.
        ("When did Pakistan begin fencing its border with Afghanistan?", "which began in 2017"),
        ("When was the current Afghan peace process set in motion?", "set in train in September 2020"),
    ],
)
def test_a_sentence_stating_the_asked_for_value_leads_the_answer(engine: Any, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert answer.sentences and lead in answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What is the Haqqani network?", "Haqqani network"),
        ("What was the 2001 Bonn conference?", "2001 Bonn conference"),
        ("Who is Moeed Yusuf?", "Moeed Yusuf"),
        ("What does TTP stand for?", "TTP"),
        ("What does hybrid rule mean?", "hybrid rule"),
        ("What did Khan mean by that?", None),
        # A preposition or a clause asks for something other than a definition.
        ("What is the source for Biden's call on Pakistan to do more?", None),
        ("What is the future of Pakistan-Taliban relations?", None),
        ("What is the relationship between the Afghan and Pakistani Taliban?", None),
        ("What is the Haqqani network's role in the caretaker government and its ties to the ISI?", None),
        ("Why is the Durand Line disputed?", None),
    ],
)
def test_defined_term_reads_definition_questions(question: str, term: str | None) -> None:
    assert answer_type.defined_term(question) == term


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("Of particular importance to Pakistan is the Haqqani network, the Taliban's most militant faction.", True),
        ("Seeing itself as inheriting the empire's western frontier, the so-called Durand Line, in 1947, …", True),
        ("The Haqqani network is a Taliban faction with links to Pakistan.", True),
        ("The Taliban shura (leadership council) still operates from Pakistan.", True),
        ("The Durand Line, moreover, cuts through areas that the Pashtuns have considered theirs.", False),
        ("With the Taliban having appointed two different Haqqani network leaders to their government…", False),
    ],
)
def test_defines_reads_apposition_so_called_copula_and_gloss(text: str, defined: bool) -> None:
    term = "Taliban shura" if "shura" in text else "Durand Line" if "Durand" in text else "Haqqani network"
    assert answer_type.defines(term, text) is defined


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("… called the network a veritable arm of Inter-Services Intelligence (ISI) – the military's agency.", True),
        ("They want them to curb Pakistan's Taliban (Tehrik-i-Taliban Pakistan, or TTP), a group that …", True),
        # Saying what an abbreviated group is or does elsewhere does not spell it out.
        ("… especially because the TTP is a loyal, long-standing operational partner.", False),
        ("Attacks (claimed by the TTP) rose.", False),
        ("The ttp (a misprint) is not the abbreviation.", False),
    ],
)
def test_an_abbreviation_is_defined_where_it_is_spelled_out(text: str, defined: bool) -> None:
    term = "ISI" if "ISI" in text else "TTP"
    assert answer_type.defines(term, text) is defined


def test_names_someone_new_reads_runs_of_capitalised_words() -> None:
    asks, names = answer_type.asks_for_name, answer_type.names_someone_new
    question = "Who became prime minister in the Taliban caretaker cabinet announced on Sept. 7?"
    assert asks(question) and asks("Which faction did Pakistan first back?")
    assert not asks("Whom did Crisis Group interview?") and not asks("Why did it fall?")
    assert names("These include new Prime Minister Mullah Obaidullah Akhund, who headed it.", question)
    # One capitalised word is no name; a sentence's first word is capitalised anyway; a name
    # the question holds in full is nothing new.
    assert not names("Perhaps most important, several top Taliban leaders did not get posts.", question)
    assert not names("Moeed Yusuf said so.", "Who is Moeed Yusuf?")
    assert not names("He met Moeed Yusuf there.", "Who is Moeed Yusuf?")
    assert names("He met Moeed Yusuf there.", "Who met the national security advisor?")


# Questions that ask where (docs/retrieval.md, "Questions that ask where") ---------------------


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("Hameed was in Kabul in early September", {"kabul"}),
        ("still operates out of Pakistani havens", {"pakistani"}),
        ("which it insists are inside Pakistan’s territory", {"pakistan"}),
        ("clashed over contested posts in the former FATA", {"fata"}),
        ("a delegation of the Taliban's Qatar-based political office", {"qatar"}),
        # An infinitive after "to" places nothing; neither does a month.
        ("They want them to curb Pakistan's Taliban", set()),
        ("In an interview with a German newsmagazine in May, Ghani accused Pakistan", set()),
    ],
)
def test_places_are_read_by_their_shape(text: str, placed: set[str]) -> None:
    assert answer_type.places(text) == placed


def test_a_place_the_question_places_is_given_not_answered() -> None:
    question = "Where did Khalilzad discuss the plan for a meeting in Turkey?"
    given = answer_type.asked_places(question)
    assert given is not None
    assert not answer_type.names_a_place("at a proposed April meeting in Turkey", given)
    assert answer_type.names_a_place("during a 1-4 March 2021 trip to Kabul", given)
    # A name the question writes but does not place is an answer's place.
    posts = answer_type.asked_places("Where does Pakistan's military put its posts?")
    assert posts is not None and answer_type.names_a_place("inside Pakistan's territory", posts)


@pytest.mark.parametrize(
    ("question", "where", "of"),
    [
        ("And where is Sirajuddin Haqqani now?", True, "Sirajuddin Haqqani"),
        ("Where did the Taliban gain support after the 2001 invasion?", True, None),  # a group: an article
        ("Where is Haqqani's brother?", True, None),  # asks of the brother
        ("Where does the figure of 843 planned frontier posts come from?", False, None),  # a source
        ("When and where did the talks begin?", False, None),  # the first wh-phrase decides
    ],
)
def test_where_questions_and_whom_they_ask_of(question: str, where: bool, of: str | None) -> None:
    assert answer_type.asks_where(question) is where
    assert answer_type.asked_where_of(question) == of


def test_a_name_written_only_as_a_possessor_is_not_placed() -> None:
    lead = "By 2021, Sirajuddin Haqqani's younger brother, Anas, had become a member of the team in Doha."
    assert answer_type.only_possessed("Sirajuddin Haqqani", lead)
    assert not answer_type.only_possessed("Mansour", "Taliban leader Mullah Akhtar Mansour, using fake identities")
    assert not answer_type.only_possessed("Baradar", "Pakistan released Mullah Abdul Ghani Baradar.")


def test_a_sentence_placing_something_leads_a_where_question(engine: Any) -> None:
    """The top unit's first sentence names the invasion and the shura; the one placing the
    Taliban's support ("in the Pashtun-majority south and east") is its third."""
    answer = engine.ask("Where did the Taliban gain support after the 2001 invasion?")
    assert answer.sentences and "gained support in the Pashtun-majority south" in answer.sentences[0].text


@pytest.mark.parametrize(
    ("question", "history", "reason"),
    [
        # The user trial's follow-up: the lead places his younger brother in Doha.
        ("Where is he now?", ("Who is Sirajuddin Haqqani?",), "someone-else"),
    ],
)
def test_a_where_answer_placing_something_else_is_withdrawn(
    engine: Any, question: str, history: tuple[str, ...], reason: str
) -> None:
    assert withdrawn_for(engine, question, history=history) == [reason]


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Where is the TTP's leadership based?", "Its leadership is based in Afghanistan"),
        ("Where was Faiz Hameed in early September?", "was in Kabul in early September"),
        ("Where did Mullah Akhtar Mansour buy properties?", "purchased around five properties in Karachi"),
    ],
)
def test_a_where_answer_placing_what_was_asked_stands(engine: Any, question: str, lead: str) -> None:
    stands_leading_with(engine, question, lead)


@pytest.mark.parametrize(
    ("question", "office_of", "noun", "aside"),
    [
        ("What post did Sirajuddin Haqqani get in the caretaker government?", {"sirajuddin", "haqqani"}, "", set()),
        ("What is Zalmay Khalilzad's job?", {"zalmay", "khalilzad"}, "", set()),
        # One word of a name as the possessor (session 30).
        ("What is Kugelman's job?", {"kugelman"}, "", set()),
        ("which madrasa did samiul haq run", set(), "madrasa", set()),
        ("Apart from the Quetta shura, which shuras are there?", set(), "", {"the", "quetta", "shura"}),
        ("Which countries besides Pakistan recognised the emirate?", set(), "", {"pakistan"}),
        # The question's own verb after the noun, a number or an adverb beside it (session 30).
        ("Which three countries recognised the Taliban government in the 1990s?", set(), "countries", set()),
        ("Which Afghan agency deliberately leaked the news?", set(), "agency", set()),
        # A possessor and the noun it owns: the owned noun is written with the name.
        ("Which party's government does Imran Khan lead?", set(), "government", set()),
    ],
)
def test_what_a_question_asks_for_by_a_noun(question: str, office_of: set[str], noun: str, aside: set[str]) -> None:
    kind = answer_type.asked_kind(question)
    assert kind is not None
    assert (set(kind.office_of), kind.noun, set(kind.aside)) == (office_of, noun, aside)


@pytest.mark.parametrize(
    ("question", "office_of", "given_by"),
    [
        # "What role did X give Y?": the office is Y's, X the one who gave it (dev d2496, d3271).
        (
            "What role did Haibatullah Akhunzada give Sirajuddin Haqqani?",
            {"sirajuddin", "haqqani"},
            {"haibatullah", "akhunzada"},
        ),
        ("What post has Imran Khan offered Moeed Yusuf?", {"moeed", "yusuf"}, {"imran", "khan"}),
        # No giver: the office of every name, as before.
        ("What post did Sirajuddin Haqqani get in the caretaker government?", {"sirajuddin", "haqqani"}, set()),
        ("What is Zalmay Khalilzad's job?", {"zalmay", "khalilzad"}, set()),
    ],
)
def test_an_office_given_is_the_receivers_and_names_its_giver(
    question: str, office_of: set[str], given_by: set[str]
) -> None:
    kind = answer_type.asked_kind(question)
    assert kind is not None and (set(kind.office_of), set(kind.given_by)) == (office_of, given_by)


def test_a_sentence_holds_an_office_given_only_when_it_names_the_giver() -> None:
    kind = answer_type.asked_kind("What role did Haibatullah Akhunzada give Sirajuddin Haqqani?")
    assert kind is not None
    assert answer_type.holds_given("… successor Shaikh Haibatullah Akhunzada appointing Sirajuddin Haqqani …", kind)
    assert not answer_type.holds_given("… Sirajuddin Haqqani as interior minister …", kind)
    no_giver = answer_type.asked_kind("What post did Sirajuddin Haqqani get?")
    assert no_giver is not None and answer_type.holds_given("… Sirajuddin Haqqani as interior minister …", no_giver)


@pytest.mark.parametrize(
    "question",
    [
        "What role does Qatar play in the talks?",  # a part a party plays, not an office
        "Which Haqqani did the Taliban name?",  # a name, not a kind
        "When did Khalilzad become special representative?",  # a date
        "What did the Taliban get out of the deal?",
        "Which secretary of state announced the policy?",  # "state" is the secretary's remit, not the kind
        "Which cities lend their names to the shuras?",  # a present verb is not read: "their" is no noun
    ],
)
def test_questions_asking_for_no_kind_by_a_noun(question: str) -> None:
    assert answer_type.asked_kind(question) is None


def test_a_name_set_in_apposition_to_the_asked_noun_names_the_kind() -> None:
    countries = "Which three countries recognised the Taliban government in the 1990s?"
    named = "Pakistan was one of three countries, the others being Saudi Arabia and the UAE, to recognise it."
    assert answer_type.names_the_kind("countries", named, countries)
    # The noun counted with no name beside it names none (the sentence's first word is no name).
    counted = "Islamabad was one of only three countries to recognize the Taliban government in the 1990s."
    assert not answer_type.names_the_kind("countries", counted, countries)
    faction = "Which Taliban faction is closest to Pakistan?"
    apposed = (
        "Of particular importance to Pakistan is the Haqqani network, the Taliban's most militarily strong faction."
    )
    assert answer_type.names_the_kind("faction", apposed, faction)
    # A piece beside the noun writing only the question's names, or a compound of them, names nothing.
    assert not answer_type.names_the_kind(
        "groups",
        "Pakistani Taliban splinter groups, based in Taliban-controlled territory, have rejoined.",
        "Which groups does the Taliban's ally call its own?",
    )
    assert not answer_type.names_the_kind(
        "government",
        "Under Khan's government, however, the military leadership decides.",
        "Which party's government does Imran Khan lead?",
    )


def test_an_office_is_read_beside_the_asked_name() -> None:
    names = {"sirajuddin", "haqqani"}
    question = "What post did Sirajuddin Haqqani get?"
    is_office = {"minister", "chief"}.__contains__
    assert answer_type.writes_office("… Sirajuddin Haqqani as interior minister and …", names, is_office, question)
    among = "These include new Prime Minister Mullah Akhund, who headed the council, as well as Sirajuddin and Khalil."
    assert not answer_type.writes_office(among, names, is_office, question)
    # A partitive's "one of" puts the office no farther from the name ("as one of his principal
    # deputies" is "as his principal deputy"); five plain words between are still too far.
    deputies = "… appointing Sirajuddin Haqqani as one of his principal deputies, …"
    assert answer_type.writes_office(deputies, names, {"deputies"}.__contains__, question)
    far = "… appointing Sirajuddin Haqqani as the very first of his principal deputies, …"
    assert not answer_type.writes_office(far, names, {"deputies"}.__contains__, question)


def test_an_office_is_read_of_the_subject_or_the_pronoun_standing_for_it() -> None:
    question = "What is Kugelman's job?"
    names = {"kugelman"}
    is_office = {"director", "minister"}.__contains__
    before = "Michael Kugelman is the writer of a weekly brief. "
    stated = "He is the Asia Program deputy director and senior associate for South Asia."
    assert answer_type.states_office(stated, before, names, is_office, question)
    # The pronoun stands for the subject of the sentence before: another person, or none.
    assert not answer_type.states_office(stated, "Moeed Yusuf is the writer of a brief. ", names, is_office, question)
    assert not answer_type.states_office(stated, "", names, is_office, question)
    # What the person is, with no office in it, states none; nor does an office past the clause.
    assert not answer_type.states_office(before.strip(), "", names, is_office, question)
    said = "Kugelman was in Kabul, where he met the interior minister."
    assert not answer_type.states_office(said, "", names, is_office, question)
    assert answer_type.states_office("Kugelman was deputy director at the time.", "", names, is_office, question)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What is Anwar Iqbal's job?", {"anwar", "iqbal"}),
        ("What was Mullah Akhtar Mansour's role?", {"mullah", "akhtar", "mansour"}),
        ("What post did Sirajuddin Haqqani get?", set()),  # no possessor: the office asked otherwise
        ("What role does Qatar play in the talks?", set()),
        # Lowercase words before a possessive name no one (the pattern reads any case).
        ("What is the source for Pakistan's foreign office saying that talks progressed?", set()),
        ("What was the Taliban's political office in Doha for?", set()),
    ],
)
def test_the_name_an_office_is_asked_of_as_its_possessor(question: str, names: set[str]) -> None:
    assert answer_type.office_possessed(question) == names


def test_a_name_is_read_with_the_asked_noun_in_its_number() -> None:
    question = "which madrasa did samiul haq run"
    assert answer_type.names_the_kind("madrasa", "Haq, who headed the Akora Khattak madrasa in Nowshera, …", question)
    assert not answer_type.names_the_kind(
        "madrasa", "Many studied in madrasas run by two factions of the Jamiat.", question
    )
    assert not answer_type.names_the_kind(
        "faction", "Pakistan backed various Afghan Islamist factions.", "Which faction …?"
    )


def test_a_lead_naming_the_office_asked_for(engine: Any) -> None:
    """The top unit's best sentence names Sirajuddin among the new government's members, with
    another's office; the one giving him his own office leads."""
    answer = engine.ask("What job did Sirajuddin Haqqani get in the new Taliban government?")
    assert answer.sentences and "Sirajuddin Haqqani as interior minister" in answer.sentences[0].text


def test_the_office_a_named_giver_gave_leads_over_another_post_of_the_receiver(engine: Any) -> None:
    """Dev d2496: the top unit gives Sirajuddin Haqqani another post ("as interior minister") and
    does not name Haibatullah; the sentence naming him appointing Sirajuddin "as one of his
    principal deputies" leads (`AskedKind.given_by`, the partitive not counted)."""
    answer = engine.ask("What role did Haibatullah Akhunzada give Sirajuddin Haqqani?")
    assert answer.sentences and "as one of his principal deputies" in answer.sentences[0].text
