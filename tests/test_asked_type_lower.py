"""A date or quantity question whose lead unit states no value of the asked type outside its
reference entries gives the lead to a lower result's sentence that states one: an entry's date
is when a work came out, not the asked event's (service.lead.valued_lead; docs/tuning.md,
session 48). Asked of the real engine over the session index."""

from __future__ import annotations

from typing import Any

from .support.answers import lead_holds


def test_a_notes_reference_entry_dates_no_event_and_a_lower_result_stating_the_date_leads(engine: Any) -> None:
    # Note 26 ranks first; its best sentence ("His [Baradar's] release was facilitated …")
    # dates nothing, and its entries' "Dawn, 27 October 2018" is when an article came out.
    # §II.C.4's "In October 2018, …" leads (dev d3364, quoted second before).
    lead_holds(
        engine.ask("In which month of 2018 did Pakistan facilitate Baradar's release at the U.S. request?"),
        "In October 2018, during Zalmay Khalilzad's visit",
    )


def test_a_lead_unit_dating_the_event_in_its_own_words_keeps_the_lead(engine: Any) -> None:
    # Note 15 states the year in a sentence of its own ("… the Quadrilateral Dialogue began in
    # January 2016."): no lower result takes the lead (dev d4453).
    lead_holds(engine.ask("In which year did the Quadrilateral Dialogue begin?"), "began in January 2016")
