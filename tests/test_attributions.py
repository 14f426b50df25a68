"""Sources named in running text (service.attributions): the reader on shapes of any news
article, its score on the hand-labelled sentences of the web article (tests/data/attributions.jsonl)
held to a floor, offsets over every corpus passage, the `attributions` of `POST /v1/ask` over
real HTTP with the session's engine, and the order of the answer to an in-text source question."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from service.attributions import Attribution, closing, passage_attributions, read_attributions
from service.citation_score import load_labels, score_labels
from service.cli import main
from service.sources_cli import gate_failures
from service.text import sentence_spans
from service.units import load_corpus
from tests.conftest import CORPUS

LABELS = Path(__file__).parent / "data" / "attributions.jsonl"
# What the reader measured when the set was made (docs/sources.md, "Sources named in the
# text"): dev kind recall 0.857 (one nominal attribution, "Pakistani protestations that …", is
# not read), every other figure 1.000. The floor sits a source below: one more miss in the
# development part (7 sources) or the held-out one (4) fails.
FLOORS = {"kind": 0.8, "author": 0.8, "outlet": 0.8}


def read(sentence: str) -> list[dict[str, object]]:
    """The attributions of one sentence: their words and the source fields given."""
    return [
        {"words": a.text, **{k: v for k, v in vars(a.source).items() if v is not None and k != "span"}}
        for a in read_attributions(sentence)
    ]


# Shapes of any news article (none from the corpus) ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Foreign Office said in a statement that the talks would resume next month.",
            {
                "words": "The Foreign Office said in a statement",
                "kind": "official statement",
                "author": "The Foreign Office",
            },
        ),
        (
            "As Anwar Iqbal wrote in Dawn, the visit changed little.",
            {"words": "Anwar Iqbal wrote in Dawn", "kind": "news article", "author": "Anwar Iqbal", "outlet": "Dawn"},
        ),
        (
            "A report by the U.N. found that 600 civilians were killed.",
            {"words": "A report by the U.N. found", "kind": "report", "outlet": "U.N."},
        ),
        (
            "Reuters reported on 5 May 2021 that the convoy had been attacked.",
            {
                "words": "Reuters reported on 5 May 2021",
                "kind": "news article",
                "outlet": "Reuters",
                "date": "2021-05-05",
            },
        ),
        (
            "The minister said in an interview with Al Jazeera that the border would reopen.",
            {
                "words": "The minister said in an interview with Al Jazeera",
                "kind": "interview",
                "author": "minister",
                "outlet": "Al Jazeera",
            },
        ),
        (
            "“We will not allow it,” Khan told the Associated Press.",
            {
                "words": "Khan told the Associated Press",
                "kind": "interview",
                "author": "Khan",
                "outlet": "Associated Press",
            },
        ),
        (
            "According to a 2019 World Bank survey, poverty fell by a third.",
            {
                "words": "According to a 2019 World Bank survey",
                "kind": "report",
                "outlet": "World Bank",
                "date": "2019",
            },
        ),
        (
            "The opposition leader tweeted that the election had been stolen.",
            {"words": "The opposition leader tweeted", "kind": "website", "author": "opposition leader"},
        ),
        (
            "Maria Lopez, a farmer in the valley, said the rains came late.",
            {
                "words": "Maria Lopez, a farmer in the valley, said",
                "kind": "other",
                "author": "Maria Lopez, a farmer in the valley",
            },
        ),
        (
            "The figures, as reported by the Financial Times, were revised twice.",
            {"words": "as reported by the Financial Times", "kind": "news article", "outlet": "Financial Times"},
        ),
    ],
)
def test_attributions_of_news_article_shapes(sentence: str, expected: dict[str, object]) -> None:
    assert read(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "That said, the deal held for a year.",  # "said" with no speaker
        "The government announced its new cabinet on Tuesday.",  # an act, not words reported
        "He was told to leave the country.",  # a passive: whoever told him is not named
        "The envoy criticized the new border fence.",  # no reported content
        "Their oft-stated goal is a settlement.",  # an adjective, not a verb
        "The spokesman’s words were “We said no and we meant it.”",  # a verb inside a quotation
    ],
)
def test_sentences_that_name_no_source(sentence: str) -> None:
    assert read(sentence) == []


def test_a_sentence_can_name_two_sources() -> None:
    sentence = (
        "The envoy told the BBC the talks would resume, even though officials have previously said that they had ended."
    )
    assert [(a["words"], a["kind"]) for a in read(sentence)] == [
        ("The envoy told the BBC", "interview"),
        ("officials have previously said", "official statement"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # Someone the writer spoke to: told an outlet, told the writer, or unnamed and described.
        ("A former senior military officer said the army would not intervene.", "interview"),
        ("Two Western diplomats warned that the talks could collapse.", "interview"),
        ("A senior security official, for example, said the border would stay shut.", "interview"),
        ("The farmer told me the water came at night.", "interview"),
        ("Omar Khan told Reuters that the dam was safe.", "interview"),
        # Not an interview: a named person's bare words (a speech? a post?), a spokesperson or an
        # office on the record, an unnamed speaker who is then named, a document, a post.
        ("Omar Khan said the dam was safe.", "other"),
        ("A Taliban spokesperson said the group would attend.", "official statement"),
        ("A ministry official's office said that the talks had ended.", "official statement"),
        ("An analyst, Ayesha Siddiqa, said the army decides.", "other"),
        ("A 2019 report said that half the canals leak.", "report"),
        ("A former minister tweeted that the election had been stolen.", "website"),
    ],
)
def test_who_counts_as_interviewed(sentence: str, kind: str) -> None:
    """The `interview` kind in running text (docs/sources.md, "Sources named in the text")."""
    assert [a["kind"] for a in read(sentence)] == [kind], read(sentence)


def test_an_unnamed_speaker_in_the_briefing_is_someone_crisis_group_interviewed() -> None:
    """The briefing's body names its interviewees as the web article would ("A retired general
    said …") and cites each in a note: every such sentence the reader calls an interview
    without an outlet is closed by notes whose hand labels (tests/data/references.jsonl, not
    the footnote parser) cite an interview, the convention the rule rests on."""
    labels = {}
    for line in (Path(__file__).parent / "data" / "references.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        labels[row["number"]] = {source["kind"] for source in row["sources"]}
    checked = 0
    for unit in load_corpus(CORPUS).units:
        if unit.kind != "passage" or unit.document_id != "icg-asia-briefing-169":
            continue
        for said in passage_attributions(unit.text, tuple(sentence_spans(unit.text))):
            notes = unit.footnotes_closing(said.sentence)
            if said.source.kind == "interview" and said.source.outlet is None and notes:
                assert any("interview" in labels[n] for n in notes), (said.text, notes)
                checked += 1
    assert checked >= 10


# The labelled set ----------------------------------------------------------------------------------


def test_the_labelled_set_is_the_corpus_sentences() -> None:
    """Every sentence of the web article, each text exactly a sentence of its passage today,
    every labelled speaker, outlet and attribution's words verbatim in it."""
    labelled = load_labels(LABELS)
    passages = {u.id: u for u in load_corpus(CORPUS).units if u.kind == "passage"}
    documents = {item.document for item in labelled}
    wanted = [(u.id, span) for u in passages.values() if u.document_id in documents for span in sentence_spans(u.text)]
    assert len(labelled) == len(wanted) and all(item.style == "in-text" for item in labelled)
    for item, (unit_id, (start, end)) in zip(sorted(labelled, key=lambda i: i.number), wanted, strict=True):
        assert passages[unit_id].text[start:end] == item.text
        for source in item.sources:
            for name in ("author", "outlet", "words"):
                assert source.get(name) is None or source[name] in item.text
    assert sum(len(item.sources) for item in labelled if item.part == "held-out") >= 4


@pytest.mark.parametrize("part", ["dev", "held-out"])
def test_the_reader_scores_above_its_floor_on_the_labelled_sentences(part: str) -> None:
    score = score_labels(load_labels(LABELS), [part])[part]
    assert score.noun == "sentences"
    assert all(score.fields[name].labelled > 0 for name in FLOORS)
    assert gate_failures(score, list(FLOORS.items())) == []  # the check `cited sources score --fail-under` runs


def test_cited_sources_score_reads_the_in_text_set() -> None:
    passing = CliRunner().invoke(main, ["sources", "score", str(LABELS), "--fail-under", "kind=0.8"])
    assert passing.exit_code == 0, passing.output
    assert "dev: 61 sentences" in passing.output and "held-out: 30 sentences" in passing.output
    failing = CliRunner().invoke(main, ["sources", "score", str(LABELS), "--part", "dev", "--fail-under", "kind=0.9"])
    assert failing.exit_code == 1 and "dev: kind recall 0.857 is below --fail-under 0.9" in failing.output


def test_attribution_spans_are_the_words_in_every_corpus_passage() -> None:
    """Over every passage of the corpus: each attribution's words are its span of the passage
    text, inside the sentence it belongs to, and `closing` gives it to that sentence only."""
    seen = 0
    for unit in load_corpus(CORPUS).units:
        if unit.kind != "passage":
            continue
        spans = tuple(sentence_spans(unit.text))
        found: tuple[Attribution, ...] = passage_attributions(unit.text, spans)
        for attribution in found:
            start, end = attribution.source.span
            assert unit.text[start:end] == attribution.text
            assert attribution.sentence in spans
            assert attribution.sentence[0] <= start < end <= attribution.sentence[1]
            assert [attribution.sentence] == [s for s in spans if attribution in closing(found, s)]
            seen += 1
    assert seen >= 20


# Where users see them ------------------------------------------------------------------------------

WEB = "fp-pakistan-taliban-2021"
MUJAHID = "Which outlet did Zabihullah Mujahid tell that Afghan soil would not be used against another country?"  # d232


def test_ask_returns_attributions_on_answer_sentences_and_passages(client: httpx.Client) -> None:
    body = client.post("/v1/ask", json={"question": MUJAHID, "top_k": 5}).json()
    lead = body["answer"][0]
    assert lead["unit_id"].startswith(f"{WEB}:p:") and lead["footnotes"] == []
    (said,) = lead["attributions"]
    assert said["text"] == "Taliban spokesperson Zabihullah Mujahid told a Pakistani TV channel"
    assert said["source"]["kind"] == "interview" and said["source"]["outlet"] == "Pakistani TV channel"
    assert said["source"]["author"] == "Taliban spokesperson Zabihullah Mujahid"
    result = next(r for r in body["results"] if r["unit_id"] == lead["unit_id"])
    assert said in result["attributions"]
    start, end = said["span"]
    assert result["text"][start:end] == said["text"]
    assert result["text"][slice(*said["sentence"])] == lead["text"]
    for other in body["results"]:
        assert "attributions" in other and (other["kind"] == "passage" or other["attributions"] == [])


def test_an_in_text_source_question_leads_with_the_claim_carrying_its_attribution(engine: Any) -> None:
    """As a footnoted claim leads with its note: the claim's sentence first, carrying the
    attribution read from it; its passage leads the results, highlighted at the claim."""
    answer = engine.ask(MUJAHID)
    claim = answer.sentences[0]
    assert "will not be used by anyone to destroy the peace of another country" in claim.text
    assert [a.source.outlet for a in claim.attributions] == ["Pakistani TV channel"]
    lead = answer.results[0]
    assert lead.hit.unit.id == claim.unit_id and lead.highlights == (claim.span,)
    assert claim.attributions[0] in lead.attributions


@pytest.mark.parametrize(
    ("sentence", "identified"),
    [
        ("They also complained that the fence was a problem.", False),  # a bare pronoun, no outlet
        ('But he also said Pakistan must decide "whether or not".', False),
        ("According to TTP data, it carried out 32 attacks in August alone.", True),  # an issuer
        ("Taliban spokesperson Suhail Shaheen told the BBC the Taliban intend to act.", True),
        ("According to a senior official, talks stalled.", True),  # who, if not by name
    ],
)
def test_an_attribution_is_identified_when_it_names_who_or_where(sentence: str, identified: bool) -> None:
    found = read_attributions(sentence)
    assert found and all(a.identified is identified for a in found), [(a.text, a.source) for a in found]


@pytest.mark.parametrize(
    ("sentence", "author", "words"),
    [
        # A list's last word closes a phrase, not an appositive naming the speaker (session 32):
        # "governments" was read as the speaker of a briefing paragraph in this shape.
        (
            "A former senior diplomat with close links to several Ruritanian, including military, governments,"
            ' said: "The army has failed".',
            "former senior diplomat",
            "A former senior diplomat with close links to several Ruritanian, including military, governments, said",
        ),
        (
            "Several Ruritanian, including military, governments said that the talks would resume.",
            "Several Ruritanian, including military, governments",
            "Several Ruritanian, including military, governments said",
        ),
        # a list closing the phrase, and an appositive, as before
        (
            "Officials from several countries, including Ruritania, said the talks would resume.",
            "Officials from several countries, including Ruritania",
            "Officials from several countries, including Ruritania, said",
        ),
        (
            "Ruritania's national security advisor, Karim Dost, said that talks would resume.",
            "Ruritania's national security advisor, Karim Dost",
            "Ruritania's national security advisor, Karim Dost, said",
        ),
    ],
)
def test_a_speaker_holding_a_list_is_the_phrase_not_the_lists_last_word(sentence: str, author: str, words: str) -> None:
    [found] = read(sentence)
    assert (found["author"], found["words"]) == (author, words)


def test_two_speakers_joined_by_and_are_each_a_speakers_length() -> None:
    # Fourteen words (fifteen with the floated "both"), two speakers of four and nine: each is
    # held to MAX_SPEAKER_WORDS, not the pair (docs/tuning.md, session 43).
    [found] = read(
        "At a 3 May hearing, the Ruritanian defense minister and the chief of the general staff of the "
        "army both warned that the rebels could attack within two years."
    )
    assert found["author"] == "Ruritanian defense minister and the chief of the general staff of the army"
    assert found["words"].endswith("both warned")


def test_a_long_clause_before_a_verb_of_saying_is_still_no_speaker() -> None:
    # Split at "and", a clause is still over the limit: nothing is read as its speaker.
    assert (
        read("Such leverage is unlikely to endure now that the rebels fully control the capital and said nothing.")
        == []
    )
