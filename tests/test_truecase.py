"""Truecasing a question typed without capitals (service.truecase): the forms read from the
corpus, and a lowercase question answered as its cased twin is."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from service.truecase import Truecaser, asked, carries_case, corpus_truecaser, count_forms

PROSE = [
    "Pakistan hosted talks in Murree with the Taliban.",
    "The talks were hosted by Pakistan; the ISI and the U.S. watched.",
    "Officials said the group would report to Pakistan.",
]
NOTES = ["Crisis Group Report, Resetting Pakistan's Relations, op. cit.", "The Group report."]


def test_the_corpus_form_of_a_word_written_capitalised_most_of_the_time_is_restored() -> None:
    truecaser = Truecaser.from_texts(PROSE, NOTES)
    restored = truecaser.restore("did pakistan and the isi host talks in murree with the u.s.?")
    assert restored == "Did Pakistan and the ISI host talks in Murree with the U.S.?"


def test_a_sentence_s_first_word_is_no_evidence_and_body_text_outvotes_the_notes() -> None:
    truecaser = Truecaser.from_texts(PROSE, NOTES)
    assert "the" not in truecaser.forms and "officials" not in truecaser.forms  # only sentence-initial
    assert "report" not in truecaser.forms  # lowercase in prose, whatever the notes' titles say
    assert "group" not in truecaser.forms  # lowercase in prose, though the notes capitalise it twice
    assert truecaser.forms["resetting"] == "Resetting"  # a word only the notes write


def test_a_compound_is_one_word_and_restored_part_by_part_when_the_corpus_lacks_it() -> None:
    truecaser = Truecaser.from_texts(["The al-Qaeda cell met Al Jazeera and Indian and Pakistani envoys."])
    assert truecaser.restore("did al-qaeda meet al jazeera") == "Did al-Qaeda meet Al Jazeera"
    assert truecaser.restore("an indian-pakistani deal") == "An Indian-Pakistani deal"


def test_a_possessive_typed_without_its_apostrophe_is_read_as_one() -> None:
    truecaser = Truecaser.from_texts(PROSE)
    assert truecaser.restore("who is pakistans ally") == "Who is Pakistan's ally"
    assert truecaser.restore("what is this") == "What is this"  # a word the corpus writes is left alone


def test_a_word_capitalised_only_inside_longer_names_is_restored_only_beside_a_capital() -> None:
    truecaser = Truecaser.from_texts(
        [
            "The chairman of the Joint Chiefs of Staff warned.",
            "He spoke to Staff Sergeant Smith, 22 March.",
            "Embassy staff left, and Mullah Omar hid.",
        ]
    )
    assert truecaser.in_phrases == {"staff"}  # written lowercase too; "Omar" is never lowercase
    assert truecaser.restore("who is the chief of army staff") == "Who is the chief of army staff"
    assert truecaser.restore("who are the joint chiefs of staff") == "Who are the Joint Chiefs of Staff"
    assert truecaser.restore("what did omar say") == "What did Omar say"  # a name, though only in "Mullah Omar"


def test_words_written_inside_names_more_than_on_their_own_are_counted_as_in_names() -> None:
    truecaser = Truecaser.from_texts(
        [
            "Militants of the Lashkar-e-Jhangvi met a painter, Vincent van Gogh, in Kabul.",
            "The Secretary of State went to Kabul and Doha, and spoke of peace in the region.",
        ]
    )
    assert truecaser.in_names == {"e", "van"}  # "of", "in" and "and" stand on their own more often


def test_a_question_with_capitals_of_its_own_is_read_as_typed() -> None:
    truecaser = Truecaser.from_texts(PROSE)
    assert carries_case("did Pakistan host talks") and not carries_case("How do I host talks in pakistan")
    assert truecaser.restore("did Pakistan host talks in murree") == "did Pakistan host talks in murree"
    assert truecaser.restore("How do I host talks in murree?") == "How do I host talks in Murree?"


def test_a_question_in_capitals_is_read_lowercased_and_lone_letters_stay() -> None:
    truecaser = Truecaser.from_texts(PROSE)
    assert truecaser.restore("DID PAKISTAN HOST TALKS?") == "Did Pakistan host talks?"
    assert truecaser.restore("what does n. 14 say, and what do i say") == "What does n. 14 say, and what do I say"
    assert truecaser.restore("?") == "?"


def test_every_word_the_corpus_writes_only_capitalised_is_restored_and_only_lowercase_is_not(engine: Any) -> None:
    """Read against the built index's own sentences: a word its passages write only capitalised
    (never at a sentence's start) comes back in that form, unless it is an ordinary word of the
    notes capitalised only inside names; one they write only lowercase stays."""
    files = engine.files
    truecaser = corpus_truecaser(files.units, files.sentences)
    passages = [
        files.units[int(u)].text[int(a) : int(b)]
        for u, (a, b) in zip(files.sentences.unit_of, files.sentences.spans, strict=True)
        if files.units[int(u)].kind == "passage"
    ]
    forms: dict[str, Counter[str]] = {}
    for form, count in count_forms(passages).items():
        forms.setdefault(form.lower(), Counter())[form] += count
    capitalised = [next(iter(c)) for w, c in forms.items() if len(c) == 1 and len(w) > 1 and next(iter(c)) != w]
    lowercase = [w for w, c in forms.items() if set(c) == {w} and len(w) > 1]
    assert len(capitalised) > 50 and len(lowercase) > 200
    for form in capitalised:
        # A word the notes also write lowercase and capitalise only in longer names ("the
        # president"; "President Biden") is restored beside a capital only.
        alone = form if form.lower() not in truecaser.in_phrases else form.lower()
        assert truecaser.restore(f"about {form.lower()}") == f"About {alone}", form
    for word in lowercase:
        assert truecaser.restore(f"about {word}") == f"About {word}", word


@pytest.mark.parametrize(
    "question",
    [
        "How do I apply for a Pakistani visa?",  # off topic, about a place the corpus names
        "Who is Baradar's deputy?",  # a relation the corpus never states
        "What is the boiling point of water in Kabul?",
    ],
)
def test_a_lowercase_off_topic_question_abstains_as_its_cased_twin_does(engine: Any, question: str) -> None:
    cased, lowercase = engine.ask(question), engine.ask(question.lower())
    assert cased.abstained and lowercase.abstained
    sloppy = question.lower().rstrip("?").replace("'", "")
    assert engine.ask(sloppy).abstained


def test_a_lowercase_question_is_answered_as_its_cased_twin(engine: Any) -> None:
    question = "Who was Mullah Omar's deputy?"
    cased, lowercase = engine.ask(question), engine.ask(question.lower())
    assert not cased.abstained and not lowercase.abstained
    assert [r.hit.unit.id for r in lowercase.results] == [r.hit.unit.id for r in cased.results]
    assert [r.hit.score for r in lowercase.results] == pytest.approx([r.hit.score for r in cased.results])
    assert lowercase.question == question.lower()  # the response shows it as asked
    sloppy = engine.ask("who was mullah omars deputy")  # no apostrophe, no question mark
    assert not sloppy.abstained and sloppy.results[0].hit.unit.id == cased.results[0].hit.unit.id


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("which rusi paper does the briefing cite", "which rusi paper does the briefing cite?"),
        ("whats the study cited in the briefing ", "whats the study cited in the briefing?"),
        ("according to the briefing, who met Baradar", "according to the briefing, who met Baradar?"),
        ("did Pakistan back the Taliban", "did Pakistan back the Taliban?"),
        ("And when", "And when?"),
    ]
    + [(kept, kept) for kept in ("Who met Baradar?", "Quote fn. 13 of the briefing.", "summarise the article", "")]
    + [(kept, kept) for kept in ("who said 'no'", "And the European Union")],
)
def test_a_question_left_without_its_question_mark_gets_it(typed: str, read: str) -> None:
    assert asked(typed) == read


def test_a_name_the_corpus_writes_only_as_a_sentence_s_first_word_is_counted_where_it_opens_a_name() -> None:
    prose = [
        "The talks ended.",
        'Naveed Siddiqui, "Qureshi welcomes Taliban team", Dawn.',
        "Despite Pakistani demands, the talks ended.",
        "Gen Qamar discusses peace with Pakistan.",
        "Meanwhile, Pakistan waited.",
        "Despite Pakistan's protests, the talks ended.",
        "Bush threatened Pakistan.",
    ]
    truecaser = Truecaser.from_texts(prose)
    assert truecaser.forms["naveed"] == "Naveed" and truecaser.counts["naveed"] == 1
    assert truecaser.restore("what did naveed siddiqui write") == "What did Naveed Siddiqui write"
    for opener in ["despite", "gen", "meanwhile", "bush"]:  # goes on in lowercase, or opens no run
        assert opener not in truecaser.forms and opener not in truecaser.counts, opener
    typed = "why did they talk despite pakistani demands"
    assert truecaser.restore(typed) == "Why did they talk despite Pakistani demands"


def test_a_name_also_written_past_a_first_word_is_counted_where_it_opens_a_name_too() -> None:
    # A cited author opens most of the entries that name him and is written past a first word
    # once ("See also Anwar Iqbal"): counted once, a misspelling could not be read as him.
    prose = [
        'Anwar Iqbal, "Pakistan wants U.S. to get it off the FATF grey list", Dawn.',
        'Anwar Iqbal, "U.S. to revive duty-free zones", Dawn.',
        'See also Anwar Iqbal, "PM tells UN India is planning misadventure", Dawn.',
        "Bush threatened Pakistan, and Bush waited.",
    ]
    truecaser = Truecaser.from_texts(prose)
    assert truecaser.counts["anwar"] == 3 and truecaser.forms["anwar"] == "Anwar"
    assert truecaser.counts["bush"] == 1  # a sentence's subject opens no name: counted where written past it
    without = Truecaser.from_texts(prose[2:])
    assert without.counts["anwar"] == 1


def test_the_corpus_s_note_authors_are_restored_and_its_sentence_openers_are_not(engine: Any) -> None:
    """The notes' authors the corpus writes only at a sentence's start ("Naveed Siddiqui, …")
    are names; the ordinary words it opens sentences with stay lowercase."""
    read = engine.speller.read
    assert read("what did naveed siddiqui write about qureshi") == "What did Naveed Siddiqui write about Qureshi?"
    assert read("what did naeem sahoutara report") == "What did Naeem Sahoutara report?"
    for word in ["despite", "meanwhile", "additionally", "according", "tellingly", "gen", "hoping"]:
        assert read(f"what about {word} it") == f"What about {word} it?", word
