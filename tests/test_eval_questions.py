"""Question sets: gold matching under normalisation, and loading with file:line errors."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from service.errors import BadInput
from service.evaluate.questions import Claim, Listed, contains_gold, load_questions, normalise
from service.units import load_corpus


def write_lines(path: Path, *lines: dict[str, Any] | str) -> Path:
    """A JSON Lines file; strings are written as they are (to write broken lines)."""
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def q(qid: str, **fields: Any) -> dict[str, Any]:
    return {"id": qid, "question": f"question {qid}?", "gold": ["x"], "kind": "passage", **fields}


# Normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        ("Pakistan’s leverage", "Pakistan's leverage"),  # curly vs straight apostrophe
        ("the so-called “peace dividend”", 'so-called "peace dividend"'),  # curly vs straight
        ("a « peace deal » now", 'a "peace deal" now'),  # guillemets with their spaces
        ("it said 'no' twice", 'it said "no" twice'),  # single vs double
        ("in February 2020.¹² Then", "in February 2020. Then"),  # footnote markers
        ("since 2001,⁷⁵ Pakistan", "since 2001, Pakistan"),  # marker between comma and space
        ("students (*talibs*) in madrasas", "students (talibs) in madrasas"),  # markdown
        ("many\n  Afghans\u00a0are\tmistrustful", "many Afghans are mistrustful"),  # spaces
        ("THE TALIBAN LEADERSHIP", "the Taliban leadership"),  # case
    ],
)
def test_gold_matches_despite_quotes_markers_whitespace_and_case(text: str, gold: str) -> None:
    assert contains_gold(text, [gold])


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        ("Asia Briefing N°169", "N°16 9"),  # spaces are not invented
        ("in 1990 and 1996", "in 1990 and 1995"),  # ordinary digits are kept
        ("the Taliban", "the Taliban leadership"),  # the gold must be contained whole
        ("Pakistan’s leverage", "Pakistani leverage"),
    ],
)
def test_gold_does_not_match_other_text(text: str, gold: str) -> None:
    assert not contains_gold(text, [gold])


def test_any_gold_of_several_is_enough() -> None:
    assert contains_gold("the Haqqani network", ["absent phrase", "haqqani NETWORK"])
    assert not contains_gold("the Haqqani network", [])


def test_normalise_is_idempotent_and_exact() -> None:
    raw = "  “Taliban’s” \u00a0RETURN¹²³ to *Kabul*  "
    assert normalise(raw) == "talibans return to kabul"
    assert normalise(normalise(raw)) == normalise(raw)


# Loading ------------------------------------------------------------------------------------


def test_loads_questions_in_file_order_across_files(tmp_path: Path) -> None:
    first = write_lines(tmp_path / "a.jsonl", q("a1"), "", q("a2", gold=[]))
    second = write_lines(
        tmp_path / "b.jsonl",
        q("b1", kind="chat", conversation="c1"),
        q("b2", kind="chat-followup", conversation="c1", unit_ids=["u:1"]),
    )
    questions = load_questions([first, second])
    assert [x.id for x in questions] == ["a1", "a2", "b1", "b2"]
    assert [x.line for x in questions] == [1, 3, 1, 2]  # the blank line is skipped, not renumbered
    assert not questions[1].answerable and questions[0].answerable
    assert questions[2].conversation_key == questions[3].conversation_key == (str(second), "c1")
    assert questions[3].unit_ids == ("u:1",)
    assert questions[0].conversation_key is None


def test_a_conversation_may_start_with_any_kind(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "q.jsonl", q("c1a", kind="chat-followup", conversation="c1"))
    assert load_questions([path])[0].kind == "chat-followup"


def test_same_conversation_value_in_two_files_is_two_conversations(tmp_path: Path) -> None:
    a = write_lines(tmp_path / "a.jsonl", q("a1", conversation="c1"))
    b = write_lines(tmp_path / "b.jsonl", q("b1", conversation="c1"))
    first, second = load_questions([a, b])
    assert first.conversation_key != second.conversation_key


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "q1", "question": "x?", ', "invalid JSON"),
        ('["q1", "x?"]', "a line must be a JSON object, not list"),
        (json.dumps({"id": "q1", "question": "x?", "kind": "passage"}), "gold: Field required"),
        (json.dumps({"id": "q1", "gold": [], "kind": "passage"}), "question: Field required"),
        (json.dumps(q("q1", gold="one string")), "gold: Input should be a valid list"),
        (json.dumps(q("q1", gold=[""])), "gold.0: String should have at least 1 character"),
        (json.dumps(q("q1", gold=["“ ”"])), "gold.0 is empty once quotes and markers are removed"),
        (json.dumps(q("q1", question="   ")), "question: String should have at least 1"),
        (json.dumps(q("q1", kind="")), "kind: String should have at least 1 character"),
        (json.dumps(q("q1", id=17)), "id: Input should be a valid string"),
        (json.dumps(q("q1", conversaton="c1")), "conversaton: Extra inputs are not permitted"),
        (json.dumps(q("q1", claim="A claim.", document="d")), '"claim" needs "document" and "footnotes"'),
        (json.dumps(q("q1", footnotes=[3])), '"footnotes" and "source" describe a "claim", which is missing'),
        (json.dumps(q("q1", claim="A claim.", document="d", footnotes=[0])), "footnotes.0: Input should be"),
        (json.dumps(q("q1", listed=[3])), '"listed" needs "document"'),
        (json.dumps(q("q1", listed=[], document="d")), '"listed" is [] exactly when "gold" is []'),
        (json.dumps(q("q1", document="d")), '"document" describes a "claim" or a "listed"'),
        (json.dumps(q("q1", document="d", attributed=["X said"])), '"attributed" belongs to a list question'),
        (
            json.dumps(q("q1", gold=[], document="d", listed=[], attributed=["X said"])),
            '"listed" is [] exactly when "gold" is []',
        ),
        (
            json.dumps(q("q1", claim="A claim.", document="d", footnotes=[3], listed=[3])),
            '"claim" and "listed" are two kinds of question',
        ),
        (json.dumps(q("q1", all_of=[])), '"all_of" lists what an answer must quote'),
        (json.dumps(q("q1", gold=[], all_of=["a side"])), '"all_of" lists what an answer must quote'),
        (json.dumps(q("q1", all_of="a side")), "all_of: Input should be a valid list"),
        (json.dumps(q("q1", all_of=["a side", "¹²"])), "all_of.1 is empty once quotes and markers"),
    ],
)
def test_bad_lines_name_file_line_and_reason(tmp_path: Path, line: str, reason: str) -> None:
    path = write_lines(tmp_path / "bad.jsonl", q("ok"), line)
    with pytest.raises(BadInput) as caught:
        load_questions([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:2: ")
    assert reason in message


def test_a_claim_question_carries_its_sentence_document_footnotes_and_source(tmp_path: Path) -> None:
    line = q("s1", kind="claim-source", claim=" A claim. ", document="d", footnotes=[7, 9], source="Dawn")
    path = write_lines(tmp_path / "q.jsonl", line, q("s2", claim="Told.", document="d", footnotes=[]), q("p1"))
    first, second, plain = load_questions([path])
    assert first.claim == Claim("A claim.", "d", (7, 9), "Dawn")
    assert second.claim == Claim("Told.", "d", (), None) and plain.claim is None


# The project's claims -----------------------------------------------------------------------------

QUESTIONS = Path(__file__).resolve().parent.parent / "corpus" / "questions"


def test_every_claim_is_one_sentence_of_the_corpus_closed_by_its_footnotes() -> None:
    """The source-of-a-claim questions' truth, checked against the parsed corpus: the claim is a
    sentence of exactly one passage of its document, the markers that close that sentence
    include its footnotes (none when the text names the source), and the source is what the
    footnote, or the sentence, says."""
    corpus = load_corpus(QUESTIONS.parent)
    by_id = {unit.id: unit for unit in corpus.units}
    dev, test = (load_questions([QUESTIONS / name]) for name in ("dev.jsonl", "test.jsonl"))
    claimed = [question for question in (*dev, *test) if question.claim is not None]
    assert len(claimed) >= 40 and sum(question.claim is not None for question in test) >= 20
    assert {question.claim.document for question in claimed if question.claim} == {d.id for d in corpus.documents}
    for question in claimed:
        claim = question.claim
        assert claim is not None
        sentence = normalise(claim.sentence)
        (unit,) = [u for u in corpus.units if sentence in normalise(u.text)]
        assert (unit.kind, unit.document_id) == ("passage", claim.document), question.id
        closing = {r.number for r in unit.footnote_refs if sentence in normalise(unit.text[slice(*r.sentence)])}
        assert set(claim.footnotes) == closing, question.id
        named = [by_id[f"{claim.document}:fn:{n}"].text for n in claim.footnotes] or [claim.sentence]
        assert claim.source and any(normalise(claim.source) in normalise(text) for text in named), question.id
        assert contains_gold(unit.text, question.gold[:1]), question.id


def test_duplicate_ids_are_errors_even_across_files(tmp_path: Path) -> None:
    a = write_lines(tmp_path / "a.jsonl", q("q1"), q("q2"))
    b = write_lines(tmp_path / "b.jsonl", q("q3"), q("q2"))
    with pytest.raises(BadInput, match=rf"^{b}:2: duplicate id 'q2' \(first at {a}:2\)$"):
        load_questions([a, b])


def test_empty_and_unreadable_files_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(BadInput, match="no questions in"):
        load_questions([empty])
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "caf\xe9"}\n')
    with pytest.raises(BadInput, match=f"^{latin}: cannot read the question set"):
        load_questions([latin])


def test_a_list_question_carries_its_document_and_listed_notes(tmp_path: Path) -> None:
    line = q("l1", kind="source-list", document="d", listed=[3, 5])
    nothing = q("l2", kind="source-list", gold=[], document="d", listed=[])
    first, second = load_questions([write_lines(tmp_path / "q.jsonl", line, nothing)])
    assert first.listed == Listed("d", (3, 5)) and first.claim is None
    assert second.listed == Listed("d", ()) and not second.answerable


def test_a_list_question_over_a_document_without_notes_carries_its_attributions(tmp_path: Path) -> None:
    line = q("l1", kind="source-list", document="web", listed=[], attributed=["Khan told Reuters"])
    (first,) = load_questions([write_lines(tmp_path / "q.jsonl", line)])
    assert first.listed == Listed("web", (), ("Khan told Reuters",)) and first.listed.expected


def test_a_comparison_carries_every_string_its_answer_must_quote(tmp_path: Path) -> None:
    both = q("c1", kind="compare", gold=["in 2013", "in 2015"], all_of=["in 2013", "in 2015"])
    path = write_lines(tmp_path / "q.jsonl", both, q("p1"))
    first, plain = load_questions([path])
    assert first.all_of == ("in 2013", "in 2015") and plain.all_of == ()


# The sets' README -----------------------------------------------------------------------------


def _held(name: str, field: str) -> Counter[str]:
    """How many questions of the set `name` carry each value of `field` (absent ones skipped)."""
    text = (QUESTIONS / f"{name}.jsonl").read_text(encoding="utf-8")
    lines = (json.loads(line) for line in text.splitlines() if line)
    return Counter(line[field] for line in lines if line.get(field))


def _conversation_ranges(conversations: Iterable[str]) -> list[str]:
    """`c01`–`c07`, `c16` …: the ids in runs of consecutive numbers, as the README writes them."""
    numbers = sorted(int(c[1:]) for c in conversations)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [f"`c{a:02d}`–`c{b:02d}`" if a != b else f"`c{a:02d}`" for a, b in runs]


def test_the_sets_readme_names_each_file_once_with_the_conversations_it_holds() -> None:
    # Merged branches each add conversation ids; a row per branch once piled up in this table.
    readme = (QUESTIONS / "README.md").read_text(encoding="utf-8")
    for name in ("dev", "test"):
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{name}.jsonl` |")]
        assert len(rows) == 1, f"{name}.jsonl has {len(rows)} rows in the README's table"
        written = re.findall(r"`c\d+`(?:–`c\d+`)?", rows[0].split("conversations", 1)[1])
        assert written == _conversation_ranges(_held(name, "conversation")), name


def test_the_sets_readme_counts_each_kind_as_the_files_hold_it() -> None:
    readme = (QUESTIONS / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| kind | dev | test | total |") :].split("\n\n", 1)[0].splitlines()[2:]
    written = {row.split("|")[1].split()[0]: [int(c.strip(" *")) for c in row.split("|")[2:5]] for row in table}
    dev, test = _held("dev", "kind"), _held("test", "kind")
    total = written.pop("**all")
    assert total == [dev.total(), test.total(), dev.total() + test.total()]
    assert written == {k: [dev[k], test[k], dev[k] + test[k]] for k in dev | test}
