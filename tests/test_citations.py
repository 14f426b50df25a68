"""The footnote parser (service.citations) on real footnote shapes, op. cit. and ibid.
resolution, dates, and its score on the hand-labelled set (tests/data/references.jsonl) held
to a floor, so that a change that makes it read worse fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.citation_score import align, load_labels, normalised, score_labels
from service.citations import (
    Source,
    citation_entries,
    document_sources,
    iso_date,
    parse_sources,
    split_pieces,
)
from service.errors import BadInput
from service.source_profile import source_profile
from service.sources_cli import gate_failures
from service.units import load_corpus
from tests.conftest import CORPUS

LABELS = Path(__file__).parent / "data" / "references.jsonl"
# Above the acceptance target (0.9 on kind, outlet and date) by what the parser measured when
# the set was made (1.000, docs/sources.md) less a margin of a source or two: at 0.9, a parser
# that read every think-tank report as a news article still passed the development part.
FLOORS = {"kind": 0.95, "outlet": 0.95, "date": 0.95, "title": 0.95, "author": 0.95, "first_cited_in": 0.8}


def fields(source: Source) -> dict[str, object]:
    return {k: v for k, v in vars(source).items() if v is not None and k != "span"}


# Real shapes, one footnote each (texts from corpus/documents/icg-asia-briefing-169.txt) ----------


def test_two_interviews_and_a_series_report_in_one_footnote() -> None:
    text = (
        "Crisis Group telephone interviews, former Pakistan ambassador, January 2021; former senator from "
        "Khyber Pakhtunkhwa province, October 2020. See also Crisis Group Asia Report N°262, Resetting "
        "Pakistan's Relations with Afghanistan, 28 October 2014."
    )
    assert [fields(s) for s in parse_sources(text)] == [
        {"kind": "interview", "author": "Crisis Group", "interviewee": "former Pakistan ambassador", "date": "2021-01"},
        {
            "kind": "interview",
            "author": "Crisis Group",
            "interviewee": "former senator from Khyber Pakhtunkhwa province",
            "date": "2020-10",
        },
        {
            "kind": "report",
            "outlet": "Crisis Group",
            "title": "Resetting Pakistan's Relations with Afghanistan",
            "date": "2014-10-28",
        },
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Crisis Group interview, former senior army officer, Islamabad, October 2020.",
            {"interviewee": "former senior army officer", "place": "Islamabad", "date": "2020-10"},
        ),
        (
            "Crisis Group telephone interview, former head, National Counter Terrorism Authority, October 2020.",
            {"interviewee": "former head, National Counter Terrorism Authority", "date": "2020-10"},
        ),
        (
            "Crisis Group telephone interviews, Islamabad-based politicians, security analysts, April-May 2021.",
            {
                "interviewee": "Islamabad-based politicians, security analysts",
                "place": "Islamabad",
                "date": "2021-04/2021-05",
            },
        ),
        (
            "Crisis Group telephone interviews, senior ex-federal law enforcement officials in Lahore and "
            "Islamabad, November 2020-March 2021.",
            {
                "interviewee": "senior ex-federal law enforcement officials in Lahore and Islamabad",
                "place": "Lahore and Islamabad",
                "date": "2020-11/2021-03",
            },
        ),
        ("Crisis Group telephone interview, October 2020.", {"date": "2020-10"}),
    ],
)
def test_interviews_give_interviewee_place_and_date(text: str, expected: dict[str, str]) -> None:
    (source,) = parse_sources(text)
    assert fields(source) == {"kind": "interview", "author": "Crisis Group", **expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Ahmad Bilal Khalil, "The Tangled History of the Afghanistan-Pakistan-India Triangle", The Diplomat, '
            "16 December 2016.",
            {
                "kind": "news article",
                "author": "Ahmad Bilal Khalil",
                "title": "The Tangled History of the Afghanistan-Pakistan-India Triangle",
                "outlet": "The Diplomat",
                "date": "2016-12-16",
            },
        ),
        (  # the comma inside the closing quote
            'See also Madiha Sattar, "Pakistan in contact with Afghan Taliban, former Northern Alliance," Dawn, '
            "15 February 2013.",
            {
                "kind": "news article",
                "author": "Madiha Sattar",
                "title": "Pakistan in contact with Afghan Taliban, former Northern Alliance",
                "outlet": "Dawn",
                "date": "2013-02-15",
            },
        ),
        (  # an issuer that publishes research: a report
            'Laurel E. Miller and Jonathan S. Black, "Envisioning a Comprehensive Peace Agreement for '
            'Afghanistan", RAND, 2019.',
            {
                "kind": "report",
                "author": "Laurel E. Miller and Jonathan S. Black",
                "title": "Envisioning a Comprehensive Peace Agreement for Afghanistan",
                "outlet": "RAND",
                "date": "2019",
            },
        ),
        (  # a government's words: an official statement
            '"Remarks by President Biden on the Way Forward in Afghanistan", White House, 14 April 2021.',
            {
                "kind": "official statement",
                "title": "Remarks by President Biden on the Way Forward in Afghanistan",
                "outlet": "White House",
                "date": "2021-04-14",
            },
        ),
        (
            "For background on the Taliban movement, see Ahmed Rashid, Taliban: The Story of the Afghan "
            "Warlords (London, 2001).",
            {
                "kind": "book",
                "author": "Ahmed Rashid",
                "title": "Taliban: The Story of the Afghan Warlords",
                "date": "2001",
            },
        ),
        (  # the opening quote misplaced before the author
            "“Muhammad Anis, ‘Pakistan, Afghanistan can’t afford chaos: Bajwa’”, Dawn, 29 October 2020.",
            {
                "kind": "news article",
                "author": "Muhammad Anis",
                "title": "Pakistan, Afghanistan can’t afford chaos: Bajwa",
                "outlet": "Dawn",
                "date": "2020-10-29",
            },
        ),
    ],
)
def test_quoted_titles_and_books(text: str, expected: dict[str, str]) -> None:
    (source,) = parse_sources(text)
    assert fields(source) == expected


def test_commentary_and_quotations_name_no_source() -> None:
    """A footnote's commentary, quotations in it included, is not a citation; the citation
    after it is, and its span points at it."""
    text = (
        "In an interview, Musharraf claimed that following the September 2001 attacks, Assistant Secretary "
        'of State Richard Armitage warned Pakistan to cooperate with the U.S.-led war on terror or "be '
        'prepared to be bombed. Be prepared to go back to the stone age". "Bush threatened to bomb Pakistan, '
        'says Musharraf", The Guardian, 22 September 2006.'
    )
    (source,) = parse_sources(text)
    assert source.outlet == "The Guardian" and source.date == "2006-09-22"
    assert text[source.span[0] : source.span[1]].startswith('"Bush threatened')
    assert (
        parse_sources(
            "Mansour had led the Taliban for at least two years before Mullah Omar's death from prolonged "
            "illness. Composed of Pakistani, Afghan, Chinese and U.S. representatives, the Quadrilateral "
            "Dialogue began in January 2016."
        )
        == ()
    )


def test_a_series_list_carries_its_issuer() -> None:
    text = (
        "Crisis Group Asia Reports N°s 62, Afghanistan: The Problem of Pashtun Alienation, 5 August 2003; 207, "
        "The Insurgency in Afghanistan's Heartland, 27 June 2011; and 256, Afghanistan's Insurgency after the "
        "Transition, 12 May 2014."
    )
    assert [(s.kind, s.outlet, s.title, s.date) for s in parse_sources(text)] == [
        ("report", "Crisis Group", "Afghanistan: The Problem of Pashtun Alienation", "2003-08-05"),
        ("report", "Crisis Group", "The Insurgency in Afghanistan's Heartland", "2011-06-27"),
        ("report", "Crisis Group", "Afghanistan's Insurgency after the Transition", "2014-05-12"),
    ]


# Shapes the seed documents do not have -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Jane Doe, "Floods displace thousands", The Hindu, March 3, 2022, https://example.org/floods.',
            {
                "kind": "news article",
                "author": "Jane Doe",
                "title": "Floods displace thousands",
                "outlet": "The Hindu",
                "date": "2022-03-03",
                "url": "https://example.org/floods",
            },
        ),
        (
            '"Country profile", https://www.example.org/profile, accessed 2 May 2021.',
            {"kind": "website", "title": "Country profile", "url": "https://www.example.org/profile"},
        ),
        (
            "Barnett Rubin, The Fragmentation of Afghanistan (New Haven: Yale University Press, 2002).",
            {
                "kind": "book",
                "author": "Barnett Rubin",
                "title": "The Fragmentation of Afghanistan",
                "outlet": "Yale University Press",
                "date": "2002",
            },
        ),
        (
            "Human Rights Watch interviews with displaced families, Kandahar, Sept. 2019.",
            {
                "kind": "interview",
                "author": "Human Rights Watch",
                "interviewee": "displaced families",
                "place": "Kandahar",
                "date": "2019-09",
            },
        ),
        ("Anti-Terrorism Act, Section 11, 14 August 1997.", {"kind": "legal text", "date": "1997-08-14"}),
        (  # a newsroom's name wins over "Service"
            '"Talks resume in Doha", BBC World Service, 3 May 2021.',
            {
                "kind": "news article",
                "title": "Talks resume in Doha",
                "outlet": "BBC World Service",
                "date": "2021-05-03",
            },
        ),
        (  # US style: no comma after a title ending in "?"
            '"Is the war over?" Dawn, May 4, 2021.',
            {"kind": "news article", "title": "Is the war over?", "outlet": "Dawn", "date": "2021-05-04"},
        ),
    ],
)
def test_other_styles(text: str, expected: dict[str, str]) -> None:
    (source,) = parse_sources(text)
    assert fields(source) == expected


# op. cit. and ibid. -----------------------------------------------------------------------------


def test_op_cit_resolves_to_the_footnote_that_cited_it_in_full() -> None:
    notes = document_sources(
        [
            (
                26,
                'See also Anwar Iqbal, "Mullah Baradar\'s release fulfils Afghan demand, says U.S.," Dawn, '
                "27 October 2018.",
            ),
            (
                50,
                "See Crisis Group Asia Reports N°s 279, Pakistan's Jihadist Landscape: Southern Punjab, 30 May "
                "2016; 164, The Militant Jihadi Challenge, 13 March 2009.",
            ),
            (
                54,
                '"Twenty-seventh report of the Analytical Support and Sanctions Monitoring Team submitted '
                'pursuant to resolution 2368 (2017)", UN Security Council, 3 February 2021.',
            ),
            (
                76,
                'See also "Twelfth report of the Analytical Support and Sanctions Monitoring Team submitted '
                'pursuant to resolution 2557 (2020)", UN Security Council, 1 June 2021.',
            ),
            (
                90,
                'Iqbal, "Mullah Baradar\'s release fulfils Afghan demand, says U.S.", op. cit.; Crisis Group Asia '
                "Reports, The Militant Jihadist Challenge, op. cit.; N°242, Countering Militancy in PATA, 15 "
                'January 2013. "Twelfth report of the Analytical Support and Sanctions Monitoring Team", op. cit.',
            ),
        ]
    )
    iqbal, jihadist, pata, twelfth = notes[90]
    assert (iqbal.first_cited_in, iqbal.author, iqbal.outlet, iqbal.date) == (26, "Anwar Iqbal", "Dawn", "2018-10-27")
    # "Jihadist" for "Jihadi": a close short title still finds its report
    assert (jihadist.first_cited_in, jihadist.title, jihadist.date) == (
        50,
        "The Militant Jihadi Challenge",
        "2009-03-13",
    )
    # the series goes on after the op. cit.
    assert (pata.first_cited_in, pata.outlet, pata.date) == (None, "Crisis Group", "2013-01-15")
    # the "Twelfth" report, not the "Twenty-seventh" whose title is alike
    assert (twelfth.first_cited_in, twelfth.date) == (76, "2021-06-01")


def test_ibid_is_the_source_just_before() -> None:
    notes = document_sources(
        [
            (1, 'Sarah Khan, "Border trade resumes", Dawn, 4 May 2021.'),
            (2, "Ibid."),
            (3, 'Crisis Group telephone interview, January 2021. "Talks stall", Reuters, 5 May 2021; ibid.'),
        ]
    )
    assert (notes[2][0].first_cited_in, notes[2][0].title) == (1, "Border trade resumes")
    assert [(s.first_cited_in, s.title) for s in notes[3]] == [(None, None), (None, "Talks stall"), (3, "Talks stall")]


def test_an_op_cit_with_nothing_before_it_is_other() -> None:
    (source,) = parse_sources("Crisis Group Report, Resetting Pakistan's Relations with Afghanistan, op. cit.")
    assert (source.kind, source.title, source.first_cited_in) == (
        "other",
        "Resetting Pakistan's Relations with Afghanistan",
        None,
    )


# Dates and splitting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("16 December 2016", "2016-12-16"),
        ("January 2002", "2002-01"),
        ("2018", "2018"),
        ("April-May 2021", "2021-04/2021-05"),
        ("November 2020-March 2021", "2020-11/2021-03"),
        ("1-4 March 2021", "2021-03-01/2021-03-04"),
        ("Sept. 7, 2021", "2021-09-07"),
        ("2021-06-30", "2021-06-30"),
        ("the stone age", None),
    ],
)
def test_iso_dates(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_split_keeps_abbreviations_and_quoted_titles_whole() -> None:
    text = (
        'See also "U.S. seeks Pakistan\'s help. For peace", Dawn, 4 December 2018; Crisis Group Special Report '
        "N°3, Counter-terrorism Pitfalls: What the U.S. Fight Should Avoid, 22 March 2017. Next."
    )
    assert [p.text for p in split_pieces(text)] == [
        'See also "U.S. seeks Pakistan\'s help. For peace", Dawn, 4 December 2018',
        "Crisis Group Special Report N°3, Counter-terrorism Pitfalls: What the U.S. Fight Should Avoid, 22 March 2017.",
        "Next.",
    ]
    quoted = 'He said: "go home." "Border trade resumes", Dawn, 4 May 2021.'
    assert [p.text for p in split_pieces(quoted)] == [
        'He said: "go home."',
        '"Border trade resumes", Dawn, 4 May 2021.',
    ]
    asked = '"Is the war over?" Dawn, 4 May 2021.'
    assert [p.text for p in split_pieces(asked)] == [asked]


def _entries(text: str) -> list[str]:
    return [text[a:b] for a, b in citation_entries(text)]


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        # Citations joined by ";", each naming its source: one entry each, the lead-in kept.
        (
            'See "Title one", Dawn, 17 November 2020; and "Title two", Reuters, 15 September 2013.',
            ['See "Title one", Dawn, 17 November 2020', 'and "Title two", Reuters, 15 September 2013.'],
        ),
        (
            'Iqbal, "Short title", op. cit.; Baqir Syed, "U.S. assured", Dawn, 5 December 2018',
            ['Iqbal, "Short title", op. cit.', 'Baqir Syed, "U.S. assured", Dawn, 5 December 2018'],
        ),
        (
            "Human Rights Watch interviews, refugees, Peshawar, May 2019; Crisis Group interview, diplomat, "
            "Kabul, June 2019.",
            [
                "Human Rights Watch interviews, refugees, Peshawar, May 2019",
                "Crisis Group interview, diplomat, Kabul, June 2019.",
            ],
        ),
        (
            'Ahmed Rashid, Descent into Chaos (London, 2008); "Title two", Reuters, 3 May 2019.',
            ["Ahmed Rashid, Descent into Chaos (London, 2008)", '"Title two", Reuters, 3 May 2019.'],
        ),
        # A ";" inside one citation: an author list, a volume and number, an unquoted title, a
        # quoted title.
        (
            'Smith, John; Jones, Mary, "Title one", Dawn, 8 June 2018; "Title two", Reuters, 3 May 2019.',
            ['Smith, John; Jones, Mary, "Title one", Dawn, 8 June 2018', '"Title two", Reuters, 3 May 2019.'],
        ),
        (
            'Ali Khan, "A study", Journal of Asian Affairs, Vol. 3; No. 2, 2019.',
            ['Ali Khan, "A study", Journal of Asian Affairs, Vol. 3; No. 2, 2019.'],
        ),
        (
            "Ahmed Rashid, Pakistan; A Hard Country (London, 2011).",
            ["Ahmed Rashid, Pakistan; A Hard Country (London, 2011)."],
        ),
        ('"Talks; a new start", Dawn, 8 June 2018.', ['"Talks; a new start", Dawn, 8 June 2018.']),
        # A piece going on from the one before inherits who interviewed, or the series: one entry.
        (
            "Crisis Group telephone interviews, former ambassador, January 2021; Islamabad analyst, April 2021.",
            ["Crisis Group telephone interviews, former ambassador, January 2021; Islamabad analyst, April 2021."],
        ),
        (
            "Crisis Group Asia Reports N°s 62, Title One, 5 August 2003; 207, Title Two, 27 June 2011; and 256, "
            "Title Three, 12 May 2014.",
            [
                "Crisis Group Asia Reports N°s 62, Title One, 5 August 2003; 207, Title Two, 27 June 2011; and 256, "
                "Title Three, 12 May 2014."
            ],
        ),
        # Commentary: neither side of its ";" reads as a citation.
        (
            "On 19 February, the chief called Bajwa; on 9 March, Khalilzad met him, 2021.",
            ["On 19 February, the chief called Bajwa; on 9 March, Khalilzad met him, 2021."],
        ),
    ],
)
def test_citation_entries_cut_at_a_semicolon_between_whole_citations_only(text: str, entries: list[str]) -> None:
    assert _entries(text) == entries


def test_every_reference_sentence_of_the_corpus_splits_into_citations() -> None:
    # Over every footnote of the corpus, read as the parser reads it: the entries of a note are
    # in order, do not overlap, and each one a note sentence is cut into names a source of its own.
    split = 0
    for unit in (u for u in load_corpus(CORPUS).units if u.kind == "footnote"):
        spans = citation_entries(unit.text)
        assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False)), unit.id
        if len(spans) > 1:
            split += 1
            for a, b in spans:
                assert parse_sources(unit.text[a:b]), (unit.id, unit.text[a:b])
    assert split >= 3  # the corpus joins citations with ";" in several notes


# The profile ------------------------------------------------------------------------------------------


def test_profile_counts_kinds_outlets_and_interview_months() -> None:
    notes = list(
        document_sources(
            [
                (1, "Crisis Group telephone interviews, analyst, October 2020; diplomat, January 2021."),
                (2, '"A", Dawn, 1 May 2021. "B", DAWN, 2 May 2021; "C", Reuters, 3 May 2021.'),
                (3, "Crisis Group interview, 2019."),
                (4, "Mansour had led the Taliban."),
            ]
        ).values()
    )
    profile = source_profile("doc", notes)
    assert (profile.footnotes, profile.citing_footnotes, profile.citations) == (4, 3, 6)
    assert dict(profile.by_kind)["interview"] == 3 and dict(profile.by_kind)["news article"] == 3
    assert profile.outlets == (("Dawn", 2), ("Reuters", 1))
    assert profile.interviews_by_month == (("2020-10", 1), ("2021-01", 1))
    assert profile.undated_interviews == 1


# The labelled set ----------------------------------------------------------------------------------


def test_the_labelled_set_is_the_corpus_footnotes() -> None:
    """At least 60 footnotes, 20 of them held out, each text exactly a footnote unit's text
    today (a parser change that alters the text shows here, not as a silent score drop)."""
    labelled = load_labels(LABELS)
    assert len(labelled) >= 60
    assert sum(1 for item in labelled if item.part == "held-out") >= 20
    units = {(u.document_id, u.number): u.text for u in load_corpus(CORPUS).units if u.kind == "footnote"}
    for item in labelled:
        assert units[(item.document, item.number)] == item.text


@pytest.mark.parametrize("part", ["dev", "held-out"])
def test_the_parser_scores_above_its_floor_on_the_labelled_set(part: str) -> None:
    score = score_labels(load_labels(LABELS), [part])[part]
    assert all(score.fields[name].labelled > 0 for name in FLOORS)
    assert gate_failures(score, list(FLOORS.items())) == []  # the check `cited sources score --fail-under` runs


def test_the_score_pairs_sources_in_order_and_counts_misses() -> None:
    labels = [{"kind": "news article", "outlet": "Dawn", "date": "2021-05-01", "title": "A"}]
    rows = [
        {"kind": "interview", "date": "2020-10"},
        {"kind": "news article", "outlet": "DAWN.", "date": "2021-05-01", "title": "“a”"},
    ]
    assert align(rows, labels) == [(1, 0)]
    assert normalised("“Pakistan’s  way”.") == "pakistan's way"


def test_a_bad_label_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"document": "d", "number": 1, "part": "train", "text": "x", "sources": []}) + "\n")
    with pytest.raises(BadInput, match="labels.jsonl:1: part must be one of dev, held-out"):
        load_labels(path)
