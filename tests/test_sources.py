"""Parsed sources where users see them: `GET /v1/documents/{id}/sources` and the footnotes of
`POST /v1/ask` over real HTTP on 127.0.0.1 with the session's engine, and `cited sources`
(profile as text, JSON and chart; parse; score with gates) on the session's index."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from service.citation_score import load_labels, normalised
from service.citations import SOURCE_KINDS
from service.cli import main
from service.schemas import SourceProfileOut
from tests.conftest import CORPUS

LABELS = Path(__file__).parent / "data" / "references.jsonl"


@pytest.fixture
def cli_env(built_index_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITED_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("CITED_INDEX_DIR", str(built_index_dir))
    return built_index_dir


def cited(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def labelled_documents() -> set[str]:
    return {item.document for item in load_labels(LABELS)}


def hand_counts(document: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Kinds, outlets and interview months as counted from the hand labels of `document`."""
    sources = [s for item in load_labels(LABELS) if item.document == document for s in item.sources]
    kinds = Counter(s["kind"] for s in sources)
    outlets = Counter(s["outlet"] for s in sources if s["outlet"])
    months = Counter(s["date"][:7] for s in sources if s["kind"] == "interview" and len(s["date"] or "") >= 7)
    return kinds, outlets, months


def test_a_documents_source_profile_is_what_a_reader_counts(client: httpx.Client, engine: Any) -> None:
    for document in sorted(labelled_documents()):
        response = client.get(f"/v1/documents/{document}/sources")
        assert response.status_code == 200, response.text
        body = SourceProfileOut.model_validate(response.json())
        kinds, outlets, months = hand_counts(document)
        assert [k.kind for k in body.by_kind] == list(SOURCE_KINDS)
        assert {k.kind: k.citations for k in body.by_kind} == {kind: kinds[kind] for kind in SOURCE_KINDS}
        assert body.citations == sum(kinds.values())
        assert [(o.outlet, o.citations) for o in body.outlets[:3]] == outlets.most_common(3)
        assert {m.month: m.interviews for m in body.interviews_by_month} == dict(months)
        notes = [u for u in engine.all_units() if u.document_id == document and u.kind == "footnote"]
        assert body.footnotes == len(notes)
        assert body.index_version == engine.version


def test_a_document_without_footnotes_has_an_empty_profile(client: httpx.Client, engine: Any) -> None:
    noted = {u.document_id for u in engine.all_units() if u.kind == "footnote"}
    for document in set(engine.documents) - noted:
        body = client.get(f"/v1/documents/{document}/sources").json()
        assert (body["footnotes"], body["citations"], body["outlets"]) == (0, 0, [])


def test_an_unknown_document_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/v1/documents/no-such-report/sources")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no-such-report" in response.json()["detail"]
    assert client.get("/v1/documents/" + "x" * 201 + "/sources").status_code == 422


def test_ask_results_carry_their_footnotes_sources(client: httpx.Client) -> None:
    """Footnote results and the footnotes a passage cites come with their parsed sources;
    every outlet and title given is in the note's text, unless an op. cit. brought it from
    the earlier note it names."""
    seen = 0
    for kinds in (["footnote"], ["passage"]):
        body = client.post(
            "/v1/ask",
            json={
                "question": "Which outlet reported that Baradar was released?",
                "top_k": 10,
                "filters": {"kinds": kinds},
            },
        ).json()
        notes = [(r["text"], r["sources"]) for r in body["results"] if r["kind"] == "footnote"]
        notes += [(f["text"], f["sources"]) for r in body["results"] for f in r["footnotes"]]
        for text, sources in notes:
            for source in sources:
                assert set(source) == {
                    "kind",
                    "author",
                    "title",
                    "outlet",
                    "date",
                    "url",
                    "place",
                    "interviewee",
                    "first_cited_in",
                }
                seen += 1
                if source["first_cited_in"] is None:
                    for name in ("title", "outlet"):
                        assert source[name] is None or normalised(source[name]) in normalised(text)
    assert seen >= 5


def test_cited_sources_profile_prints_what_the_api_serves(cli_env: Path, client: httpx.Client, tmp_path: Path) -> None:
    document = sorted(labelled_documents())[0]
    result = cited("sources", "profile", document, "--json", "--chart", str(tmp_path / "profile.png"))
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    served = client.get(f"/v1/documents/{document}/sources").json()
    assert printed == {**served, "index_version": None}
    chart = (tmp_path / "profile.png").read_bytes()
    assert chart.startswith(b"\x89PNG") and len(chart) > 10_000
    text = cited("sources", "profile", document)
    assert text.exit_code == 0 and f"{served['citations']} citations" in text.stdout
    unknown = cited("sources", "profile", "no-such-report")
    assert unknown.exit_code == 1 and "no document 'no-such-report'" in unknown.output


def test_cited_sources_score_gates_and_parse() -> None:
    passing = cited("sources", "score", str(LABELS), "--fail-under", "kind=0.9", "--fail-under", "date=0.9")
    assert passing.exit_code == 0, passing.output
    assert "held-out: " in passing.stdout and "dev: " in passing.stdout
    failing = cited("sources", "score", str(LABELS), "--part", "held-out", "--fail-under", "url=0.5")
    assert failing.exit_code == 1
    assert "held-out: url precision undefined is below --fail-under 0.5" in failing.output
    assert cited("sources", "score", str(LABELS), "--fail-under", "colour=1").exit_code == 2
    parsed = cited(
        "sources", "parse", 'Michael Kugelman, "Imran Khan\'s opportunity with America", Dawn, 2 August 2018.'
    )
    assert parsed.exit_code == 0
    assert json.loads(parsed.stdout)[0] == {
        "kind": "news article",
        "author": "Michael Kugelman",
        "title": "Imran Khan's opportunity with America",
        "outlet": "Dawn",
        "date": "2018-08-02",
        "url": None,
        "place": None,
        "interviewee": None,
        "first_cited_in": None,
    }
