"""service.question_words: the English question and function words, each list written once, and
the readers that set them aside reading alike where their lists were one list by accident."""

from __future__ import annotations

import pytest

from service import question_words as words
from service.antecedents import Asked, asked_alone, counted_topic
from service.attributions import read_attributions
from service.bm25 import terms_of
from service.holders import asked_role
from service.said_about import read_said_about
from service.scope import attributions
from service.truecase import asked


@pytest.mark.parametrize(
    ("terms", "written"),
    [
        (words.QUESTION_TERMS, words.QUESTION_WORDS),
        (words.FUNCTION_TERMS, words.FUNCTION_WORDS),
        (words.ASKING_TERMS, words.WH_WORDS | words.AUXILIARIES | words.THIRD_PERSON | words.SAYING),
    ],
)
def test_a_stemmed_set_is_its_words_as_a_question_is_read(terms: frozenset[str], written: frozenset[str]) -> None:
    """A question written only in a set's words has no term outside its stemmed set, and the
    stemmed set holds nothing else: no stem of a stop word, which no question's terms hold."""
    assert terms_of(" ".join(sorted(written))) == terms


def test_the_question_terms_are_those_a_question_can_hold() -> None:
    """The verdict's set once stemmed each word alone, stop words too ("the", "is"), which no
    question's terms hold; "when" and "did" a question's terms do hold."""
    assert {"when", "did"} <= words.QUESTION_TERMS
    assert words.QUESTION_TERMS.isdisjoint(words.QUESTION_WORDS - terms_of(" ".join(sorted(words.QUESTION_WORDS))))


def test_the_readers_share_the_wh_words_and_the_auxiliaries() -> None:
    """The date question's words hold every question's asking words and the function words; the
    reported speech's and the office's frame every wh-word; the office's frame every auxiliary."""
    wh = terms_of(" ".join(sorted(words.WH_WORDS)))
    assert words.ASKING_TERMS | words.FUNCTION_TERMS <= words.DATE_ASKING_TERMS and wh <= words.SPEECH_FRAME_TERMS
    assert words.WH_WORDS | words.AUXILIARIES <= words.OFFICE_FRAME_WORDS
    assert words.AUXILIARIES <= words.QUESTION_WORDS and words.AUXILIARIES <= words.QUESTION_OPENERS


def test_a_topic_is_read_without_how_it_asks() -> None:
    """ "… say about where the shura operates" is about the shura, not about "where"."""
    said = read_said_about("What does the UN Monitoring Team say about where the Taliban shura operates from?")
    assert said is not None and "where" not in said.topic and "shura" in said.topic


def test_a_count_ends_at_any_auxiliary() -> None:
    assert counted_topic("How many refugees should Pakistan take in?") == "refugees"
    assert counted_topic("How many security personnel did the TTP kill?") == "security personnel"


def test_the_office_is_read_past_the_frame() -> None:
    role = asked_role("Who is the current prime minister of Pakistan?")
    assert role is not None and role.stems[:2] == ("prime", "minist") and not role.verb


@pytest.mark.parametrize(
    "typed", ["whats the ttp", "who leads the ttp", "shall we talk", "is the fence finished", "and whos baradar"]
)
def test_a_question_typed_without_its_mark_is_one(typed: str) -> None:
    assert asked(typed).endswith("?")


def test_a_verb_of_saying_is_written_once_with_its_forms() -> None:
    """Each reader takes a verb's forms from the one table, each form once, in the order asked."""
    assert words.inflected(("say", "warn")) == ("say", "says", "said", "warn", "warns", "warned")
    assert words.inflected(("say", *words.SAY_TELL), words.PAST) == ("said", "told")
    assert words.SAYING == {"say", "says", "said", "tell", "tells", "told"}
    with pytest.raises(KeyError):
        words.inflected(("shout",))


def test_the_readers_of_speech_extend_one_core() -> None:
    """Every verb a source is asked with is one a person may be asked with or a text's own
    (advising, concluding); what a person said is never asked with a text's own verbs."""
    assert set(words.CLAIMING_VERBS) <= set(words.SOURCE_VERBS) & set(words.SPEAKING_VERBS)
    assert set(words.SPEAKING_VERBS).isdisjoint({"recommend", "advise", "conclude"})
    assert set(words.BARE_CLAUSE_VERBS).isdisjoint(words.REPORTING_VERBS)


def test_a_document_is_asked_what_it_recommends_and_a_person_what_they_warned() -> None:
    """ "What does X recommend about Y?" asks a document (service.scope), not a speaker's words;
    "advise" asks for a whole document's advice, ranked, not its words on a topic; a past after
    "What did X …" is the question's own clause, not one asking what X said."""
    assert list(attributions("What does the report recommend about the border?")) == [("the report", "the border")]
    assert list(attributions("What does the report advise readers to look for?")) == []
    assert read_said_about("What does the group recommend Pakistan do about the border?") is None
    said = read_said_about("What did Imran Khan warn about the border?")
    assert said is not None and said.topic == {"border"}
    assert list(attributions("What had it suggested?")) == []


def test_a_plural_noun_is_no_verb_of_saying() -> None:
    """ "posts" is read as no verb: the frontier posts name no speaker; "recalls" is one."""
    assert not read_attributions("The army has built 843 frontier posts “to stop infiltration”.")
    recalled = read_attributions("The minister recalls that the talks failed.")
    assert [a.text for a in recalled] == ["The minister recalls"]


@pytest.mark.parametrize("question", ["Who said that?", "Who claims that?", "who stated this?"])
def test_who_said_that_asks_for_the_speaker(question: str) -> None:
    assert asked_alone(question) is Asked.SPEAKER
