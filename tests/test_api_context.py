"""`GET /v1/units/{id}/context` over real HTTP on 127.0.0.1 with the session's engine: every
unit's neighbours, section and notes against what the units' reading order says, and the
errors for unknown and malformed ids."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from service.records import Unit


def context_of(client: httpx.Client, unit_id: str) -> dict[str, Any]:
    response = client.get(f"/v1/units/{quote(unit_id, safe='')}/context")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


def expected_neighbours(units: list[Unit], unit: Unit) -> tuple[str | None, str | None]:
    """The passages just before and after `unit` by ordinal within its document: reading
    order as service.units numbers it, not the stored list the endpoint walks."""
    if unit.kind == "document":
        return None, None
    passages = sorted(
        (u for u in units if u.document_id == unit.document_id and u.kind == "passage"), key=lambda u: u.ordinal
    )
    before = [p.id for p in passages if p.ordinal < unit.ordinal]
    after = [p.id for p in passages if p.ordinal > unit.ordinal]
    return (before[-1] if before else None), (after[0] if after else None)


def test_every_unit_opens_in_its_place(client: httpx.Client, engine: Any) -> None:
    units = engine.all_units()
    by_id = {u.id: u for u in units}
    for unit in units:
        body = context_of(client, unit.id)
        assert body["unit"]["id"] == unit.id and body["unit"]["text"] == unit.text
        assert body["document"]["id"] == unit.document_id
        assert body["section"] == unit.section
        previous, following = expected_neighbours(units, unit)
        assert (body["previous"] or {}).get("id") == previous, unit.id
        assert (body["next"] or {}).get("id") == following, unit.id
        for neighbour in (body["previous"], body["next"]):
            if neighbour is not None:  # verbatim units, not summaries
                assert neighbour["text"] == by_id[neighbour["id"]].text
        notes = body["notes"]
        assert [n["number"] for n in notes] == list(unit.footnotes), unit.id
        for note in notes:
            stored = by_id[note["id"]]
            assert stored.kind == "footnote" and stored.document_id == unit.document_id
            assert note["text"] == stored.text  # the note in full
            assert unit.id in note["cited_by"]


def test_a_passage_between_two_others_with_notes(client: httpx.Client, engine: Any) -> None:
    """The case a reader meets: a cited passage in mid-document, its notes, and the
    neighbours that come back to it."""
    units = engine.all_units()
    passage = next(
        u
        for u in units
        if u.kind == "passage" and u.footnotes and all(expected_neighbours(units, u)) and u.section is not None
    )
    body = context_of(client, passage.id)
    assert body["previous"]["kind"] == body["next"]["kind"] == "passage"
    assert body["notes"] and all(n["kind"] == "footnote" for n in body["notes"])
    assert context_of(client, body["previous"]["id"])["next"]["id"] == passage.id
    assert context_of(client, body["next"]["id"])["previous"]["id"] == passage.id
    # A footnote opens after the passage that first cites it.
    note = body["notes"][0]
    assert context_of(client, note["id"])["previous"]["id"] == note["cited_by"][0]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status and problem["detail"]
    return problem


def test_unknown_and_malformed_ids(client: httpx.Client, engine: Any) -> None:
    unknown = assert_problem(client.get("/v1/units/no-such-unit/context"), 404)
    assert "no-such-unit" in unknown["detail"]
    long_unknown = "u" * 150
    problem = assert_problem(client.get(f"/v1/units/{long_unknown}/context"), 404)
    assert "u" * 65 not in problem["detail"] and "u" * 64 + "…" in problem["detail"]  # ids cut to 64
    too_long = assert_problem(client.get(f"/v1/units/{'u' * 201}/context"), 422)
    assert "u" * 65 not in too_long["detail"]
    control = assert_problem(client.get("/v1/units/abc%01def/context"), 422)
    assert "control characters" in control["detail"]
    # A real id with a control character added is not that unit.
    real = engine.all_units()[0].id
    assert_problem(client.get(f"/v1/units/{quote(real, safe='')}%00/context"), 422)
