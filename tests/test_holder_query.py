"""The lexical query names the one person the corpus titles with an asked office
(service.titles.holder_name_added, read in service.retrieve._rank): a passage writing only the
holder's name is found by a question naming him by office. The real engine over the repo's corpus."""

from __future__ import annotations

from typing import Any

from service.retrieve import encode, rank


def _gold_rank(engine: Any, question: str, gold: str, titles: Any) -> int | None:
    """The place (1 = first) of the first unit holding `gold` among the first 20, by BM25 alone."""
    ranked = rank(
        engine.files, encode(engine.embedder, question, (), "bm25"), None, "bm25", engine.settings, titles=titles
    )
    texts = [engine.files.units[int(u)].text.lower() for u in ranked.units[:20]]
    return next((i + 1 for i, text in enumerate(texts) if gold.lower() in text), None)


def test_an_office_asked_finds_the_passage_naming_its_one_titled_holder(engine: Any) -> None:
    # "Interview with Afghanistan President Ashraf Ghani" titles him; the passage answering writes
    # "President Ashraf Ghani accused …", which "Afghan" does not reach on the lexical side
    question, gold = "Who is the Afghan president?", "President Ashraf Ghani accused Pakistan of"
    assert _gold_rank(engine, question, gold, engine.titles) == 1
    without = _gold_rank(engine, question, gold, None)
    assert without is None or without > 3


def test_an_office_in_the_plural_or_with_a_year_ranks_as_without_the_table(engine: Any) -> None:
    for question in (
        "What do Pakistan's leaders fear the imposition of Hanafi jurisprudence in Afghanistan could encourage?",
        "Who was the Afghan president in 2021?",
        "Who is the Taliban spokesperson?",  # two people titled so
    ):
        read = encode(engine.embedder, question, (), "bm25")
        with_table = rank(engine.files, read, None, "bm25", engine.settings, titles=engine.titles)
        without = rank(engine.files, read, None, "bm25", engine.settings)
        assert with_table.units[:10].tolist() == without.units[:10].tolist()
