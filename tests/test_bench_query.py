"""benchmarks/query.py times every kind of question in the sets, the ones answered without the
ranking as well (they have no encode or search timing)."""

from __future__ import annotations

from typing import Any

from tests.support.benchmarks import load_benchmark


def test_the_query_benchmark_times_ranked_and_unranked_questions(engine: Any) -> None:
    query = load_benchmark("query")
    ranked = "Why does Pakistan host the Taliban leadership?"
    unranked = "What does footnote 7 say?"  # read from the notes: its answer is timed alone
    assert set(engine.ask(unranked).timings) == {"answer"}
    samples = query.time_questions(engine, [ranked, unranked], repeat=2)
    assert len(samples["total"]) == len(samples["answer"]) == 4
    assert len(samples["encode"]) == len(samples["search"]) == 2
    assert all(seconds > 0 for values in samples.values() for seconds in values)
