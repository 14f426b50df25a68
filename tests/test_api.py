"""Every endpoint over real HTTP on 127.0.0.1, with the session's real engine and a real
SQLite file: asks and follow-ups, documents, units, feedback, conversations, probes,
metrics, the page, and a restart on the same database."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from service.conversations.sqlite import ConversationStore
from service.schemas import AskResponse
from service.settings import Settings
from tests.support.server import serve_app

QUESTION = "Why does Pakistan host the Taliban leadership?"
OFF_TOPIC = "What is the boiling point of liquid nitrogen in a pressure cooker?"


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def client(settings: Settings, engine: Any) -> Iterator[httpx.Client]:
    with serve_app(settings, engine) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def ask(client: httpx.Client, question: str = QUESTION, **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/ask", json={"question": question, **fields})
    assert response.status_code == 200, response.text
    return response.json()


def test_ask_returns_ranked_cited_results(client: httpx.Client) -> None:
    response = client.post("/v1/ask", json={"question": QUESTION, "top_k": 4})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])
    body = AskResponse.model_validate(response.json())
    assert body.question == QUESTION and not body.abstained
    assert 1 <= len(body.results) <= 4
    assert [r.rank for r in body.results] == list(range(1, len(body.results) + 1))
    scores = [r.score for r in body.results]
    assert scores == sorted(scores, reverse=True)
    for result in body.results:
        assert result.citation and result.document.title in result.citation
        assert all(0 <= a < b <= len(result.text) for a, b in result.highlights)
    texts = {r.unit_id: r.text for r in body.results}
    assert body.answer, "a question the corpus answers gets answer sentences"
    for sentence in body.answer:
        assert sentence.text in texts[sentence.unit_id]  # copied verbatim from a result


def test_off_topic_question_abstains(client: httpx.Client) -> None:
    body = ask(client, OFF_TOPIC)
    assert body["abstained"] is True
    assert body["answer"] == []


def test_follow_up_stays_in_the_conversation(client: httpx.Client) -> None:
    first = ask(client)
    second = ask(client, "Who leads it?", conversation_id=first["conversation_id"])
    assert second["conversation_id"] == first["conversation_id"]
    assert second["ask_id"] != first["ask_id"]
    conversation = client.get(f"/v1/conversations/{first['conversation_id']}").json()
    assert conversation["source"] == "api"
    assert [t["question"] for t in conversation["turns"]] == [QUESTION, "Who leads it?"]
    assert conversation["turns"][0]["unit_ids"] == [r["unit_id"] for r in first["results"]]
    assert ask(client)["conversation_id"] != first["conversation_id"]


def test_a_follow_up_over_http_reads_he_as_the_person_named_earlier(client: httpx.Client) -> None:
    first = ask(client, "Who is Suhail Shaheen?")
    follow_up = ask(client, "What did he tell the BBC?", conversation_id=first["conversation_id"])
    assert follow_up["question"] == "What did he tell the BBC?"  # shown as asked
    assert not follow_up["abstained"]
    assert "raise its voice" in follow_up["results"][0]["text"]


def test_unknown_ids_are_404_problems(client: httpx.Client) -> None:
    for response in (
        client.post("/v1/ask", json={"question": QUESTION, "conversation_id": "no-such-one"}),
        client.get("/v1/conversations/no-such-one"),
        client.get("/v1/units/no-such-unit"),
        client.post("/v1/feedback", json={"ask_id": "nope", "unit_id": "u", "helpful": True}),
        client.get("/no/such/route"),
    ):
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 404 and problem["title"] and problem["detail"]
        assert problem["request_id"] == response.headers["x-request-id"]


def test_filters(client: httpx.Client, engine: Any) -> None:
    document = next(iter(engine.documents))
    body = ask(client, filters={"documents": [document], "kinds": ["footnote"]}, top_k=10)
    assert body["results"]
    assert {r["document"]["id"] for r in body["results"]} == {document}
    assert {r["kind"] for r in body["results"]} == {"footnote"}
    assert all(r["footnote_number"] is not None for r in body["results"])
    response = client.post("/v1/ask", json={"question": QUESTION, "filters": {"documents": ["no-such-report"]}})
    assert response.status_code == 422
    assert "no-such-report" in response.json()["detail"]


def test_documents_and_units(client: httpx.Client, engine: Any) -> None:
    listing = client.get("/v1/documents").json()
    assert [d["id"] for d in listing["documents"]] == list(engine.documents)
    assert listing["index_version"] == engine.version
    result = ask(client)["results"][0]
    unit = client.get(f"/v1/units/{result['unit_id']}").json()
    assert unit["id"] == result["unit_id"]
    assert unit["text"] == result["text"]
    assert unit["kind"] == result["kind"]


def test_results_and_answer_sentences_carry_their_footnote_markers(client: httpx.Client, engine: Any) -> None:
    """Each passage result lists its markers in place, as the index stores them and as
    `/v1/units/{id}` gives them; each answer sentence names the notes whose markers close the
    sentence of its result's text it is (the Durand Line sentence closes a note)."""
    body = ask(client, "How long is the Durand Line?")
    results = {r["unit_id"]: r for r in body["results"]}
    for result in body["results"]:
        unit = engine.unit(result["unit_id"])
        want = [{"number": r.number, "offset": r.offset, "sentence": list(r.sentence)} for r in unit.footnote_refs]
        assert result["footnote_refs"] == want
        assert client.get(f"/v1/units/{unit.id}").json()["footnote_refs"] == want
        assert {r["number"] for r in want} <= {f["number"] for f in result["footnotes"]}
    carried = []
    for sentence in body["answer"]:
        result = results[sentence["unit_id"]]
        start = result["text"].index(sentence["text"])
        span = [start, start + len(sentence["text"])]
        assert sentence["footnotes"] == [r["number"] for r in result["footnote_refs"] if r["sentence"] == span]
        carried += sentence["footnotes"]
    assert carried, "the lead sentence closes a footnote"


def test_feedback_is_stored_and_checked(client: httpx.Client, settings: Settings) -> None:
    body = ask(client)
    unit_id = body["results"][1]["unit_id"]
    payload = {"ask_id": body["ask_id"], "unit_id": unit_id, "helpful": False, "comment": "off"}
    response = client.post("/v1/feedback", json=payload)
    assert response.status_code == 200
    assert response.json() == {"ask_id": body["ask_id"], "unit_id": unit_id, "helpful": False, "recorded": True}
    store = ConversationStore(settings.database_path)
    try:
        assert store.feedback(body["ask_id"]) == [(unit_id, False, "off", "api")]
    finally:
        store.close()
    wrong_unit = client.post("/v1/feedback", json={**payload, "unit_id": "not-a-result"})
    assert wrong_unit.status_code == 422
    assert client.post("/v1/feedback", json={**payload, "helpful": "yes"}).status_code == 422


def test_restart_keeps_conversations_and_feedback(settings: Settings, engine: Any) -> None:
    with serve_app(settings, engine) as url:
        first = httpx.post(f"{url}/v1/ask", json={"question": QUESTION}, timeout=30).json()
        unit_id = first["results"][0]["unit_id"]
        feedback = {"ask_id": first["ask_id"], "unit_id": unit_id, "helpful": True}
        assert httpx.post(f"{url}/v1/feedback", json=feedback).status_code == 200
    with serve_app(settings, engine) as url:
        conversation = httpx.get(f"{url}/v1/conversations/{first['conversation_id']}").json()
        assert [t["ask_id"] for t in conversation["turns"]] == [first["ask_id"]]
        follow_up = httpx.post(
            f"{url}/v1/ask",
            timeout=30,
            json={"question": "And who leads it?", "conversation_id": first["conversation_id"]},
        )
        assert follow_up.status_code == 200
    store = ConversationStore(settings.database_path)
    try:
        assert store.feedback(first["ask_id"]) == [(unit_id, True, None, "api")]
        turns = store.get_conversation(first["conversation_id"]).turns
        assert [turn.question for turn in turns] == [QUESTION, "And who leads it?"]
    finally:
        store.close()


def test_probes_metrics_and_docs(client: httpx.Client, engine: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    head = client.head("/healthz")
    assert head.status_code == 200 and head.content == b""
    ready = client.get("/readyz").json()
    assert ready == {"status": "ready", "index_version": engine.version, "units": len(engine.all_units())}
    ask(client)
    ask(client, OFF_TOPIC)
    metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert 'cited_http_requests_total{method="POST",route="/v1/ask",status="200"} 2.0' in text
    assert 'cited_http_request_duration_seconds_count{method="POST",route="/v1/ask"} 2.0' in text
    assert "cited_abstentions_total 1.0" in text
    assert f"cited_index_units {float(len(engine.all_units()))}" in text
    schema = client.get("/openapi.json").json()
    assert {
        "/v1/ask",
        "/v1/documents",
        "/v1/units/{unit_id}",
        "/v1/units/{unit_id}/context",
        "/v1/feedback",
        "/v1/conversations/{conversation_id}",
        "/healthz",
        "/readyz",
    } <= set(schema["paths"])
    assert "Problem" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_request_id_is_echoed_when_safe(client: httpx.Client) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id <script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["x-request-id"])


def test_chat_page_and_its_files_are_served_without_external_references(
    client: httpx.Client,
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path, media_type in (("/static/app.js", "javascript"), ("/static/app.css", "text/css")):
        response = client.get(path)
        assert response.status_code == 200
        assert media_type in response.headers["content-type"]
    for text in (page.text, client.get("/static/app.js").text, client.get("/static/app.css").text):
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.IGNORECASE), (
            "the page fetches nothing from elsewhere"
        )
    script = client.get("/static/app.js").text
    assert not re.search(r"\.(inner|outer)HTML\b|insertAdjacentHTML|document\.write", script)
    assert client.get("/static/missing.js").status_code == 404


def test_a_missing_index_is_not_ready_and_says_how_to_build(make_settings: Callable[..., Settings]) -> None:
    broken = make_settings(index_dir=make_settings().database_path.parent / "no-index")
    with serve_app(broken) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
        ready = _poll_until(lambda: httpx.get(f"{url}/readyz"), lambda r: "still loading" not in r.text)
        assert ready.status_code == 503
        assert ready.headers["content-type"] == "application/problem+json"
        assert "cited build" in ready.json()["detail"]
        refused = httpx.post(f"{url}/v1/ask", json={"question": QUESTION})
        assert refused.status_code == 503 and "cited build" in refused.json()["detail"]
        assert "retry-after" not in refused.headers  # a missing index does not come back alone


@pytest.mark.slow
def test_not_ready_while_the_index_loads_then_ready(
    make_settings: Callable[..., Settings], embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real index, loaded in the background: held mid-load, /healthz is 200 while
    /readyz and /v1/ask are 503 "still loading" with a Retry-After; once it is loaded, 200."""
    from service.api import app as app_module
    from service.engine import load_engine

    loading, release = threading.Event(), threading.Event()

    def held_load(settings: Settings, serving: Any) -> Any:
        loading.set()
        assert release.wait(60), "never released"
        return load_engine(settings, embedder=embedder)  # the session's model: no second load

    monkeypatch.setattr(app_module, "reload_engine", held_load)
    with serve_app(make_settings()) as url:
        assert loading.wait(60)
        assert httpx.get(f"{url}/healthz").status_code == 200
        for waiting in (httpx.get(f"{url}/readyz"), httpx.post(f"{url}/v1/ask", json={"question": QUESTION})):
            assert waiting.status_code == 503, waiting.text
            assert "still loading" in waiting.json()["detail"] and "retry-after" in waiting.headers
        release.set()
        ready = _poll_until(lambda: httpx.get(f"{url}/readyz"), lambda r: r.status_code != 503)
        assert ready.status_code == 200 and ready.json()["units"] > 0
        assert httpx.post(f"{url}/v1/ask", json={"question": QUESTION}, timeout=30).status_code == 200


def _poll_until(
    call: Callable[[], httpx.Response],
    done: Callable[[httpx.Response], bool],
    timeout: float = 60,
) -> httpx.Response:
    deadline = time.monotonic() + timeout
    response = call()
    while not done(response) and time.monotonic() < deadline:
        time.sleep(0.1)
        response = call()
    return response
