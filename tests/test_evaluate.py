"""The harness: metrics (ranx) against hand-computed values, and real runs in-process and over
HTTP against the session's engine."""

from __future__ import annotations

import json
import math
import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.chat import quoted_by
from service.errors import BadInput, CitedError
from service.evaluate.ask import FootnoteLink, HttpAsker, Reply, Returned
from service.evaluate.questions import Claim, Listed, Question, load_questions
from service.evaluate.run import (
    Outcome,
    all_quoted,
    evaluate_engine,
    evaluate_url,
    list_scores,
    qrels_and_run,
    ranking_scores,
    run_mode,
    score_mode,
    source_hit,
    uncited_notes,
)
from service.settings import Settings
from tests.support.server import RunningServer, serve_in_thread

# Hand-computed ---------------------------------------------------------------------------


def test_ranking_scores_from_a_fixed_run_and_qrels() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1, "c": 1}, "q3": {"d": 1}}
    run = {
        "q1": {"a": 0.9, "x": 0.5},  # relevant at rank 1
        "q2": {"x": 0.9, "b": 0.8, "y": 0.7, "c": 0.6},  # relevant at ranks 2 and 4
        "q3": {"x": 1.0, "y": 0.9, "z": 0.8},  # nothing relevant
    }
    scores = ranking_scores(qrels, run, k=3)
    assert scores["hit@1"] == {"q1": 1.0, "q2": 0.0, "q3": 0.0}
    assert scores["hit@3"] == {"q1": 1.0, "q2": 1.0, "q3": 0.0}
    assert scores["recall@3"] == {"q1": 1.0, "q2": 0.5, "q3": 0.0}
    assert scores["mrr@10"] == {"q1": 1.0, "q2": 0.5, "q3": 0.0}
    idcg = 1 + 1 / math.log2(3)
    assert scores["ndcg@10"]["q2"] == pytest.approx((1 / math.log2(3) + 1 / math.log2(5)) / idcg)
    assert scores["ndcg@10"]["q1"] == 1.0


def question(qid: str, gold: list[str], kind: str) -> Question:
    return Question(qid, f"{qid}?", tuple(gold), kind, "set.jsonl", 1)


def outcome(
    qid: str,
    kind: str,
    relevant: set[str],
    returned: list[str],
    *,
    abstained: bool = False,
    latency: float = 10.0,
    answer: tuple[str, ...] = (),
) -> Outcome:
    gold = ["g"] if relevant else []
    reply = Reply(abstained, tuple(Returned(uid, f"text of {uid}") for uid in returned), answer)
    return Outcome(question(qid, gold, kind), reply, latency, frozenset(relevant))


@pytest.fixture
def fixed_outcomes() -> list[Outcome]:
    """Six questions whose metrics are computed by hand below."""
    return [
        outcome(
            "a",
            "passage",
            {"u1", "u2"},
            ["u2", "u9", "u1"],
            latency=10,  # ranks 1 and 3
            answer=("None.", "It is G."),
        ),  # the answer quotes the gold second
        outcome(
            "b",
            "footnote",
            {"u3"},
            ["u8", "u7", "u6", "u3"],
            latency=20,  # rank 4
            answer=("g first.",),
        ),  # ... and first
        outcome("c", "footnote", {"u4"}, ["u4"], abstained=True, latency=30),  # wrongly abstained
        outcome("d", "out-of-domain", set(), [], abstained=True, latency=40),  # rightly abstained
        outcome("e", "out-of-domain", set(), ["u1"], latency=50),  # should have abstained
        outcome(
            "f",
            "passage",
            {"u5"},
            ["u1", "u2", "u3", "u4", "u6", "u5"],
            latency=60,  # rank 6
            answer=("No.",),
        ),  # ... not at all
    ]


def test_metrics_of_a_fixed_run(fixed_outcomes: list[Outcome]) -> None:
    metrics = score_mode("hybrid", fixed_outcomes, k=10).metrics
    ndcg_a = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    ndcg_b, ndcg_f = 1 / math.log2(5), 1 / math.log2(7)
    expected = {
        "questions": 6,
        "answerable": 4,
        "abstained": 2 / 6,
        "hit@1": 1 / 4,
        "hit@3": 1 / 4,
        "hit@5": 2 / 4,  # a; a; a and b ("c" abstained: a miss)
        "recall@10": 3 / 4,
        "mrr@10": (1 + 1 / 4 + 0 + 1 / 6) / 4,
        "ndcg@10": (ndcg_a + ndcg_b + 0 + ndcg_f) / 4,
        "answer_hit@1": 1 / 4,
        "answer_hit@3": 2 / 4,  # b; a and b (c abstained: no answer)
        "all_quoted": None,  # no question lists what its answer must all quote
        "source_hit": None,  # no question names a claim
        "list_precision": None,  # nor a list
        "list_recall": None,
        "uncited_references": None,  # nor a source
        "abstain_precision": 1 / 2,
        "abstain_recall": 1 / 2,  # tp d, fp c, fn e
        "answerable_abstained": 1 / 4,
        "success": 3 / 6,  # a, b, d
        # Every shown result scores 0 here: 4 of the 14 results of answers (a, b, e, f) hit.
        "score_calibration_error": 4 / 14,
        "latency_p50_ms": 35.0,
        "latency_p95_ms": 57.5,
    }
    assert metrics == pytest.approx(expected)


def test_metrics_per_kind(fixed_outcomes: list[Outcome]) -> None:
    kinds = score_mode("hybrid", fixed_outcomes, k=10).kinds
    assert list(kinds) == ["passage", "footnote", "out-of-domain"]
    assert kinds["passage"]["hit@5"] == 0.5 and kinds["passage"]["mrr@10"] == pytest.approx(7 / 12)
    assert kinds["footnote"]["mrr@10"] == 0.125 and kinds["footnote"]["abstain_precision"] == 0
    ood = kinds["out-of-domain"]
    assert ood["hit@5"] is None and ood["answerable_abstained"] is None
    assert ood["abstain_recall"] == 0.5 and ood["success"] == 0.5 and ood["questions"] == 2


def test_undefined_abstention_metrics_are_none() -> None:
    metrics = score_mode("hybrid", [outcome("a", "passage", {"u1"}, ["u1"])], k=10).metrics
    assert metrics["abstain_precision"] is None and metrics["abstain_recall"] is None
    assert metrics["hit@1"] == 1.0 and metrics["success"] == 1.0


def test_only_unanswerable_questions_leave_ranking_metrics_undefined() -> None:
    metrics = score_mode("hybrid", [outcome("d", "ood", set(), [], abstained=True)], k=10).metrics
    assert metrics["mrr@10"] is None and metrics["abstain_recall"] == 1.0


def test_an_abstained_answer_retrieves_nothing_and_misses_are_explained(
    fixed_outcomes: list[Outcome],
) -> None:
    qrels, run = qrels_and_run(fixed_outcomes)
    assert set(qrels) == set(run) == {"a", "b", "c", "f"}  # gold [] questions are not ranked
    assert "u4" not in run["c"]  # its returned unit is not counted
    assert list(run["a"]) == ["u2", "u9", "u1"] and run["a"]["u2"] > run["a"]["u1"]
    reasons = {o.question.id: o.miss_reason for o in fixed_outcomes}
    assert reasons == {
        "a": None,
        "b": None,
        "c": "abstained (a gold unit was at rank 1)",
        "d": None,
        "e": "answered, but the corpus does not answer it",
        "f": "first gold unit at rank 6",
    }
    assert [o.question.id for o in score_mode("x", fixed_outcomes, 10).misses] == ["c", "e", "f"]


def test_a_gold_that_matches_nothing_is_a_miss_never_a_hit() -> None:
    lost = outcome("z", "passage", set(), ["u1"])
    lost = Outcome(question("z", ["gold nowhere"], "passage"), lost.reply, 1.0, frozenset())
    report = score_mode("hybrid", [lost], k=10)
    assert report.metrics["hit@5"] == 0.0 and report.metrics["recall@10"] == 0.0
    assert lost.miss_reason == ("no unit of the corpus contains a gold string (check the question's gold)")


# all_quoted: every side of a comparison in the answer ----------------------------------------

SIDES = ("opened in 2013", "on 7 July 2015")


@pytest.mark.parametrize(
    ("answer", "abstained", "hit"),
    [
        (("The office opened in 2013.", "The talks began on 7 July 2015."), False, True),
        (("The talks began on 7 July 2015.", "x", "The office OPENED in\n2013."), False, True),  # any order, normalised
        (("The office opened in 2013, and the talks on 7 July 2015.",), False, True),  # one sentence holding both
        (("The office opened in 2013.",), False, False),  # one side alone
        (("The office opened in 2013.", "The talks began in July."), False, False),
        (("The office opened in 2013.", "The talks began on 7 July 2015."), True, False),  # abstained
        ((), False, False),
    ],
)
def test_all_quoted_needs_every_string_in_some_answer_sentence(
    answer: tuple[str, ...], abstained: bool, hit: bool
) -> None:
    assert all_quoted(SIDES, Reply(abstained, (), answer)) is hit


def test_all_quoted_is_the_share_of_the_questions_that_list_their_sides() -> None:
    def asked(qid: str, answer: tuple[str, ...], all_of: tuple[str, ...] = ()) -> Outcome:
        posed = replace(question(qid, ["opened in 2013"], "compare"), all_of=all_of)
        return Outcome(posed, Reply(False, (Returned("u1", "opened in 2013"),), answer), 1.0, frozenset({"u1"}))

    whole = asked("a", ("It opened in 2013.", "Talks on 7 July 2015."), SIDES)
    half = asked("b", ("It opened in 2013.",), SIDES)
    plain = asked("c", ("It opened in 2013.",))
    report = score_mode("hybrid", [whole, half, plain], k=10)
    assert report.metrics["all_quoted"] == 0.5 and report.metrics["answer_hit@1"] == 1.0
    assert [o.all_quoted for o in report.outcomes] == [True, False, None]
    assert half.miss_reason is None  # half an answer is scored, not counted missed
    assert score_mode("hybrid", [plain], k=10).metrics["all_quoted"] is None


# source_hit: the right footnote attached to the right sentence ---------------------------------

CLAIM = "Baradar was allowed to join the Taliban's political office in Doha."
OTHER = "Pakistan released Baradar in October 2018."
PASSAGE = f"{OTHER} {CLAIM.replace(chr(39), chr(0x2019))} It gave the office gravitas."  # curly apostrophe
NOTED = Claim(CLAIM, "doc", (26,), "Dawn, 15 November 2018")


def link(number: int, sentence: str) -> FootnoteLink:
    """The marker `number` closing `sentence` of PASSAGE."""
    start = PASSAGE.replace(chr(0x2019), chr(39)).index(sentence)
    return FootnoteLink(number, start, start + len(sentence))


def said(*sentences: tuple[str, tuple[int, ...]], abstained: bool = False) -> Reply:
    """A reply whose answer quotes `sentences`, each with the footnotes it carries."""
    return Reply(abstained, (), tuple(t for t, _ in sentences), tuple(n for _, n in sentences))


def shown(*markers: tuple[FootnoteLink, ...]) -> Reply:
    """A reply without an answer whose results are PASSAGE with these markers, in order."""
    return Reply(False, tuple(Returned(f"u{i}", PASSAGE, footnote_refs=m) for i, m in enumerate(markers)))


TWO = Claim(CLAIM, "doc", (25, 26))
IN_TEXT = Claim(CLAIM, "doc", ())


@pytest.mark.parametrize(
    ("claim", "reply", "hit"),
    [
        (NOTED, said((CLAIM, (26,))), True),
        (NOTED, said((PASSAGE, (25, 26)), ("x", ())), True),  # a longer sentence, curly quotes, more notes
        (NOTED, said((CLAIM, (25,))), False),  # the right sentence, the wrong footnote
        (NOTED, said((CLAIM, ())), False),  # the right sentence, no footnote
        (NOTED, said((OTHER, (26,))), False),  # the right footnote, the wrong sentence
        (NOTED, said((OTHER, ()), (CLAIM, (26,))), True),  # second, after the note a source answer quotes
        (NOTED, said((OTHER, ()), (CLAIM, ())), False),  # second, without its footnote
        (NOTED, said((CLAIM, (26,)), abstained=True), False),  # an abstention shows nothing
        (NOTED, shown((link(26, CLAIM),)), True),  # the first result's marker at the claim
        (NOTED, shown((link(26, OTHER),)), False),  # ... at another sentence
        (NOTED, shown((link(25, CLAIM),)), False),  # ... another footnote at the claim
        (NOTED, shown((), (link(26, CLAIM),)), False),  # ... only in the second result
        (TWO, said((CLAIM, (26,))), False),  # every footnote is needed
        (TWO, shown((link(25, CLAIM), link(26, CLAIM))), True),
        (IN_TEXT, said((CLAIM, ())), True),  # the sentence names its own source
        (IN_TEXT, said((OTHER, ()), (CLAIM, ())), False),
        (IN_TEXT, shown((link(26, CLAIM),)), False),  # only the answer's lead shows it
    ],
)
def test_source_hit_needs_the_right_footnote_on_the_right_sentence(claim: Claim, reply: Reply, hit: bool) -> None:
    assert source_hit(claim, reply) is hit


NAMED = Claim(CLAIM, "doc", (), "TTP data")  # a claim whose sentence names its source in words


def attributed(*sentences: tuple[str, tuple[str, ...]]) -> Reply:
    """A reply whose answer quotes `sentences`, each with the words of the attributions it carries."""
    return Reply(
        False, (), tuple(t for t, _ in sentences), tuple(() for _ in sentences), tuple(w for _, w in sentences)
    )


@pytest.mark.parametrize(
    ("reply", "hit"),
    [
        (attributed((CLAIM, ("According to TTP data",))), True),  # the attribution holds the source
        (attributed((PASSAGE, ("TTP",))), True),  # ... or the source holds it
        (attributed((CLAIM, ("According to Dawn",))), False),  # another source
        (attributed((CLAIM, ("According to TTP dataset",))), False),  # whole words only
        (
            attributed(
                (CLAIM, ()),
            ),
            False,
        ),  # the right sentence, no attribution read from it
        (attributed((OTHER, ("According to TTP data",)), (CLAIM, ("According to TTP data",))), False),  # not the lead
    ],
)
def test_an_in_text_claim_needs_its_attribution_on_the_lead_sentence(reply: Reply, hit: bool) -> None:
    assert source_hit(NAMED, reply) is hit


def test_source_hit_is_reported_for_claim_questions_only_and_misses_them() -> None:
    def claimed(qid: str, reply: Reply) -> Outcome:
        asked = Question(qid, "Who reported it?", ("join the Taliban",), "claim-source", "set.jsonl", 1, claim=NOTED)
        return Outcome(asked, replace(reply, results=(Returned("u1", PASSAGE),)), 1.0, frozenset({"u1"}))

    right, wrong = claimed("s1", said((CLAIM, (26,)))), claimed("s2", said((OTHER, (26,))))
    plain = outcome("p", "passage", {"u1"}, ["u1"], answer=(CLAIM,))
    report = score_mode("hybrid", [right, wrong, plain], k=10)
    assert report.metrics["source_hit"] == 0.5 and report.kinds["claim-source"]["source_hit"] == 0.5
    assert report.kinds["passage"]["source_hit"] is None and plain.source_hit is None
    assert right.miss_reason is None and right.first_hit_rank == 1 and wrong.first_hit_rank == 1
    assert wrong.miss_reason == (
        "neither the answer's lead nor the first result attaches footnote 26 to the claim's sentence"
    )
    assert [o.question.id for o in report.misses] == ["s2"]


# uncited_references: a source answer quoting a note its claims do not cite -----------------


def quoting(*sentences: tuple[str, tuple[int, ...]], abstained: bool = False) -> Reply:
    """A reply whose answer quotes one sentence of each unit, carrying these notes."""
    units = tuple(unit for unit, _ in sentences)
    return Reply(
        abstained, (), tuple("s" for _ in units), answer_footnotes=tuple(n for _, n in sentences), answer_units=units
    )


@pytest.mark.parametrize(
    ("reply", "uncited"),
    [
        (quoting(("doc:p:1", (25,)), ("doc:fn:25", ())), []),  # the claim, then its own note
        (quoting(("doc:p:1", (25,)), ("doc:fn:26", ())), ["doc:fn:26"]),  # another note
        (quoting(("doc:p:1", ()), ("doc:fn:7", ())), ["doc:fn:7"]),  # a claim citing nothing
        (quoting(("web:p:3", ()), ("doc:fn:16", ())), ["doc:fn:16"]),  # another document's note
        (quoting(("web:p:3", (16,)), ("doc:fn:16", ())), ["doc:fn:16"]),  # the number, in another document
        (quoting(("doc:fn:26", ()), ("doc:fn:26", ())), []),  # a note leading, then its reference
        (quoting(("doc:fn:26", (40,)), ("doc:fn:40", ())), []),  # a note citing another note
    ],
)
def test_a_note_quoted_without_a_claim_citing_it_is_an_uncited_reference(reply: Reply, uncited: list[str]) -> None:
    assert uncited_notes(reply) == uncited


def test_a_list_of_notes_quotes_each_note_as_itself_not_as_an_uncited_reference() -> None:
    """ "Which footnotes cite Dawn?": each quoted sentence is a note's own, listing that note."""
    notes = quoting(("doc:fn:5", ()), ("doc:fn:14", ()), ("doc:fn:19", ()))
    assert uncited_notes(replace(notes, answer_listed=((5,), (14,), (19,)))) == []
    assert uncited_notes(replace(notes, answer_listed=((5,), (14,), (14,)))) == ["doc:fn:19"]
    assert uncited_notes(notes) == ["doc:fn:14", "doc:fn:19"]  # quoted, not listed: not justified


def test_uncited_references_are_counted_over_answered_source_questions_only() -> None:
    def asked(qid: str, question: str, reply: Reply) -> Outcome:
        return Outcome(Question(qid, question, ("x",), "source", "set.jsonl", 1), reply, 1.0, frozenset())

    false = asked("s1", "What is the source for the claim that X?", quoting(("doc:p:1", (25,)), ("doc:fn:26", ())))
    true = asked("s2", "Which outlet reported that X?", quoting(("doc:p:1", (25,)), ("doc:fn:25", ())))
    not_asked = asked("p1", "Why did X happen?", quoting(("doc:p:1", ()), ("doc:fn:7", ())))
    quiet = asked("s3", "What is the source for Y?", quoting(abstained=True))
    report = score_mode("hybrid", [false, true, not_asked, quiet], k=10)
    assert report.metrics["uncited_references"] == 0.5
    assert not_asked.uncited_reference is None and quiet.uncited_reference is None


# list_precision and list_recall: the footnotes a list answer lists --------------------------------

LISTED = Listed("doc", (3, 5, 7))


def listing(*sentences: tuple[str, tuple[int, ...]], abstained: bool = False) -> Reply:
    """A reply whose answer quotes a sentence of each unit, listing these notes."""
    units = tuple(unit for unit, _ in sentences)
    return Reply(
        abstained, (), tuple("s" for _ in units), answer_units=units, answer_listed=tuple(n for _, n in sentences)
    )


@pytest.mark.parametrize(
    ("listed", "reply", "scores"),
    [
        (LISTED, listing(("doc:p:1", (3,)), ("doc:p:2", (5, 7))), (1.0, 1.0)),
        (LISTED, listing(("doc:p:1", (3,)), ("doc:p:2", (9,))), (0.5, 1 / 3)),  # one wrong, two missing
        (LISTED, listing(("doc:p:1", (3,)), ("other:p:1", (5, 7))), (1.0, 1 / 3)),  # another document's 5 and 7
        (LISTED, listing(("doc:p:1", (3,)), abstained=True), (0.0, 0.0)),  # an abstention lists nothing
        (LISTED, listing(), (0.0, 0.0)),
        (Listed("doc", tuple(range(1, 31))), listing(*((f"doc:p:{n}", (n,)) for n in range(1, 11))), (1.0, 1.0)),
        (Listed("doc", tuple(range(1, 31))), listing(*((f"doc:p:{n}", (n,)) for n in range(1, 6))), (1.0, 0.5)),
    ],
)
def test_list_scores_count_the_listed_notes_of_the_document(
    listed: Listed, reply: Reply, scores: tuple[float, float]
) -> None:
    """Recall is out of at most LIST_CLAIMS (10): ten right notes of 30 expected is complete."""
    assert list_scores(listed, reply) == pytest.approx(scores)


def test_list_scores_count_the_listed_attributions_of_a_document_without_notes() -> None:
    """Attributions are matched by their words, normalised (case, quotes, spaces), in the
    question's document only, beside any notes."""
    listed = Listed("web", (), ("Suhail Shaheen told the BBC", "According to TTP data"))
    said = Reply(
        False,
        (),
        ("s", "s", "s"),
        answer_units=("web:p:1", "web:p:2", "other:p:1"),
        answer_listed=((), (), ()),
        answer_listed_attributions=(("suhail  shaheen told the BBC",), ("A report said",), ("According to TTP data",)),
    )
    assert list_scores(listed, said) == pytest.approx((0.5, 0.5))  # one right, one wrong; TTP's is elsewhere
    assert list_scores(listed, replace(said, abstained=True)) == (0.0, 0.0)


def test_list_scores_are_reported_for_list_questions_and_miss_the_incomplete() -> None:
    def listed_outcome(qid: str, reply: Reply, expected: Listed = LISTED, gold: tuple[str, ...] = ("s",)) -> Outcome:
        asked = Question(qid, "Which claims rest on interviews?", gold, "source-list", "set.jsonl", 1, listed=expected)
        return Outcome(asked, replace(reply, results=(Returned("doc:p:1", "s"),)), 1.0, frozenset({"doc:p:1"}))

    right = listed_outcome("l1", listing(("doc:p:1", (3, 5, 7))))
    short = listed_outcome("l2", listing(("doc:p:1", (3,))))
    empty = listed_outcome("l3", listing(abstained=True), Listed("doc", ()), ())
    plain = outcome("p", "passage", {"u1"}, ["u1"])
    report = score_mode("hybrid", [right, short, empty, plain], k=10)
    assert report.kinds["source-list"]["list_precision"] == 1.0
    assert report.kinds["source-list"]["list_recall"] == pytest.approx((1 + 1 / 3) / 2)  # the abstention has none
    assert report.metrics["list_recall"] == report.kinds["source-list"]["list_recall"]
    assert report.kinds["passage"]["list_precision"] is None and plain.list_scores is None
    assert right.miss_reason is None and empty.miss_reason is None
    assert short.miss_reason == "list precision 1.00, recall 0.33"
    assert [o.question.id for o in report.misses] == ["l2"]
    # A list's results are its claims' passages, scored 1 by construction, not a prediction:
    # they stay out of the reliability diagram, which only the plain question's result is in.
    assert sum(row.count for row in report.reliability) == 1


# Real runs ---------------------------------------------------------------------------------

QUESTIONS = Path(__file__).resolve().parent.parent / "corpus" / "questions"

# A passage question the first result answers word for word (a cited article's title would not
# do: a footnote matched only through its reference entry ranks below, docs/retrieval.md).
EXACT = (
    "Which countries besides Pakistan recognised the Taliban's Islamic Emirate?",
    "the others being saudi arabia and the united arab emirates",
)
FIRST = "Which faction did Pakistan first back among the mujahideen?"
FOLLOWUP = "Who led it?"


@pytest.fixture
def question_file(tmp_path: Path) -> Path:
    lines = [
        {"id": "p1", "question": EXACT[0], "gold": [EXACT[1]], "kind": "passage"},
        {
            "id": "o1",
            "question": "What is the boiling point of water at sea level?",
            "gold": [],
            "kind": "out-of-domain",
        },
        {
            "id": "c1a",
            "question": FIRST,
            "gold": ["first included Gulbuddin Hekmatyar"],
            "kind": "chat",
            "conversation": "c1",
        },
        {
            "id": "c1b",
            "question": FOLLOWUP,
            "kind": "chat-followup",
            "conversation": "c1",
            "gold": ["Hekmatyar's predominantly Pashtun Hizb-e Islami"],
        },
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def ids(results: Any) -> list[str]:
    return [r.unit_id if isinstance(r, Returned) else r.hit.unit.id for r in results]


def test_in_process_run_against_the_engine(engine: Any, question_file: Path) -> None:
    questions = load_questions([question_file])
    ticks: list[int] = []
    report = evaluate_engine(engine, questions, modes=("hybrid", "bm25"), k=10, on_progress=lambda: ticks.append(1))
    assert [m.mode for m in report.modes] == ["hybrid", "bm25"] and len(ticks) == 8
    assert report.files == (str(question_file),) and report.target == "in-process"
    hybrid = {o.question.id: o for o in report.modes[0].outcomes}
    assert hybrid["p1"].first_hit_rank == 1 and hybrid["o1"].reply.abstained
    expected_answer = tuple(s.text for s in engine.ask(EXACT[0], top_k=10).sentences)
    assert hybrid["p1"].reply.answer == expected_answer and expected_answer
    # Recall's denominator comes from the whole corpus: the unit holding the gold is known.
    expected = {u.id for u in engine.all_units() if EXACT[1] in u.text.lower()}
    assert hybrid["p1"].relevant == frozenset(expected) and expected
    # The follow-up was asked with its conversation's earlier question as history, and the
    # sentences the earlier answer quoted, as the conversation's and as the last answer's
    # (service.chat.reading: "Who led it?" is asked of the last answer's lead).
    quoted = quoted_by(engine.ask(FIRST, top_k=10))
    with_history = engine.ask(FOLLOWUP, top_k=10, history=(FIRST,), quoted=quoted, said=quoted)
    assert ids(hybrid["c1b"].reply.results) == ids(with_history.results)
    assert ids(with_history.results) != ids(engine.ask(FOLLOWUP, top_k=10).results)
    bm25 = {o.question.id: o for o in report.modes[1].outcomes}
    quoted = quoted_by(engine.ask(FIRST, top_k=10, mode="bm25"))
    in_bm25 = engine.ask(FOLLOWUP, top_k=10, history=(FIRST,), mode="bm25", quoted=quoted, said=quoted)
    assert ids(bm25["c1b"].reply.results) == ids(in_bm25.results)
    assert report.modes[0].metrics["abstain_recall"] == 1.0


def test_k_outside_the_api_range_is_refused(engine: Any, question_file: Path) -> None:
    with pytest.raises(BadInput, match="k must be between 1 and 20"):
        evaluate_engine(engine, load_questions([question_file]), k=21)


@pytest.fixture
def server(make_settings: Callable[..., Settings], engine: Any) -> Iterator[RunningServer]:
    """The real app on a free loopback port, serving the session's engine."""
    from service.api.app import create_app

    with serve_in_thread(create_app(make_settings(), engine=engine)) as running:
        yield running


def test_http_run_measures_what_users_get(server: RunningServer, engine: Any, question_file: Path) -> None:
    questions = load_questions([question_file])
    with httpx.Client(timeout=30) as client:
        asker = HttpAsker(client, server.url + "/", top_k=10)
        over_http = run_mode(questions, asker, mode="hybrid", k=10)
        conversation_id = asker.conversation_ids[(str(question_file), "c1")]
        turns = client.get(f"{server.url}/v1/conversations/{conversation_id}").json()["turns"]
    # Both turns of c1 went to one conversation, in file order; the others started their own.
    assert [t["question"] for t in turns] == [FIRST, FOLLOWUP]
    in_process = evaluate_engine(engine, questions, k=10).modes[0]
    for remote, local in zip(over_http.outcomes, in_process.outcomes, strict=True):
        assert ids(remote.reply.results) == ids(local.reply.results), remote.question.id
        assert remote.reply.abstained == local.reply.abstained
        assert remote.reply.answer == local.reply.answer
    assert over_http.metrics["hit@1"] == in_process.metrics["hit@1"]
    # Over HTTP only returned units (and "unit_ids") can be known relevant.
    p1 = next(o for o in over_http.outcomes if o.question.id == "p1")
    assert p1.relevant <= {r.unit_id for r in p1.reply.results} and not p1.searched_corpus


def claim_lines(path: Path) -> Path:
    """Two source-of-a-claim questions of the development set: a briefing claim closed by its
    footnote's marker (d194), and a web-article claim that names its source in the text (d212)."""
    wanted = {"d194", "d212"}
    lines = [line for line in (QUESTIONS / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    path.write_text("".join(line + "\n" for line in lines if json.loads(line)["id"] in wanted), encoding="utf-8")
    return path


def test_source_questions_score_source_hit_in_process_and_over_http(
    server: RunningServer, engine: Any, tmp_path: Path
) -> None:
    questions = load_questions([claim_lines(tmp_path / "claims.jsonl")])
    assert [q.claim is not None for q in questions] == [True, True]
    in_process = evaluate_engine(engine, questions, k=10).modes[0]
    over_http = evaluate_url(server.url, questions, k=10).modes[0]
    for report in (in_process, over_http):
        assert report.metrics["source_hit"] == 1.0 and report.kinds["claim-source"]["source_hit"] == 1.0
        briefing = report.outcomes[0]
        # The note's reference entry leads the answer and the results; the claim's sentence,
        # carrying its marker, follows in both.
        assert briefing.reply.answer_footnotes[:2] == ((), (11,)) and briefing.reply.results[1].footnote_refs
        assert not briefing.reply.results[0].footnote_refs  # the note marks no other note
    remote, local = over_http.outcomes[0].reply, in_process.outcomes[0].reply
    assert remote.answer_footnotes == local.answer_footnotes
    assert remote.results[1].footnote_refs == local.results[1].footnote_refs  # the API's, read back


def test_list_questions_score_list_precision_and_recall_in_process_and_over_http(
    server: RunningServer, engine: Any, tmp_path: Path
) -> None:
    """d216 (interviews, 27 notes: ten listed), d218 (The New York Times, two), d223 (the
    article without notes: its three interviews, named in its sentences) and d240 (books, which
    the article never cites: it abstains, and has no list scores)."""
    wanted = {"d216", "d218", "d223", "d240"}
    lines = [line for line in (QUESTIONS / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / "lists.jsonl"
    path.write_text("".join(line + "\n" for line in lines if json.loads(line)["id"] in wanted), encoding="utf-8")
    questions = load_questions([path])
    in_process = evaluate_engine(engine, questions, k=10).modes[0]
    over_http = evaluate_url(server.url, questions, k=10).modes[0]
    for report in (in_process, over_http):
        assert report.kinds["source-list"]["list_precision"] == 1.0
        assert report.kinds["source-list"]["list_recall"] == 1.0
        interviews, times, article, books = report.outcomes
        assert len(interviews.reply.answer) == 10 and times.reply.answer_listed == ((11,), (46,))
        assert article.list_scores == (1.0, 1.0) and article.reply.answer_listed == ((), (), ())
        assert len([words for words in article.reply.answer_listed_attributions if words]) == 3
        assert books.reply.abstained and books.list_scores is None and books.miss_reason is None
    for position in (0, 2):
        remote, local = over_http.outcomes[position].reply, in_process.outcomes[position].reply
        assert remote.answer_listed == local.answer_listed
        assert remote.answer_listed_attributions == local.answer_listed_attributions


def test_http_errors_are_cited_errors(question_file: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on once this closes
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(CitedError, match=rf"127.0.0.1:{port}/v1/ask: cannot ask p1"):
        evaluate_url(f"http://127.0.0.1:{port}", load_questions([question_file]), timeout=5)


def test_http_rejection_names_the_question(server: RunningServer, question_file: Path, tmp_path: Path) -> None:
    with pytest.raises(CitedError, match=r"answered 404 to p1 \(.*tiny.jsonl:1\)"):
        evaluate_url(server.url + "/nowhere", load_questions([question_file]))
