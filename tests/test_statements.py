"""Masthead strings as real journals print them, and what is read from each."""

from __future__ import annotations

import pytest

from refcheck.extract.statements import masthead_date, publication_date, volume_issue_pages


def fields(text: str) -> dict[str, str]:
    return {f.field: f.normalized for f in volume_issue_pages(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Social Inclusion, 2017, Volume 5, Issue 2, Pages 241–249",
            {"volume": "5", "issue": "2", "pages": "241-249"},
        ),
        ("January 2007, Volume 18, Issue 3.", {"volume": "18", "issue": "3"}),
        (
            "Vol. 1 Issue 9, November – 2017, Pages: 80-104",
            {"volume": "1", "issue": "9", "pages": "80-104"},
        ),
        (
            "JOURNAL OF APPLIED EXAMPLES, VOLUME VII, ISSUE 2, SUMMER 2023",
            {"volume": "7", "issue": "2"},
        ),
        ("J Test Stud (2021) 12(3):45–60", {"volume": "12", "issue": "3", "pages": "45-60"}),
        ("PLoS ONE 13(6): e0197919", {"volume": "13", "issue": "6", "pages": "e0197919"}),
        (
            "International Psychogeriatrics (2014), 26:1, 147–154",
            {"volume": "26", "issue": "1", "pages": "147-154"},
        ),
        (
            "Clinical Science (2014) 126, 305–313 (Printed in Great Britain)",
            {"volume": "126", "pages": "305-313"},
        ),
        ("Volume 16, No. 3, Art. 24", {"volume": "16", "issue": "3"}),
    ],
)
def test_masthead_numbers(text: str, expected: dict[str, str]) -> None:
    assert fields(text) == expected


def test_a_time_or_ratio_is_not_a_volume_and_issue() -> None:
    assert fields("the meeting started at 4:1 ratio") == {}


def test_a_year_before_a_colon_is_not_a_volume() -> None:
    assert fields("Annual Report 2014:1") == {}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Submitted: 3 February 2017 | Accepted: 20 April 2017 | Published: 29 June 2017",
            "29 June 2017",
        ),
        ("Published: June 13, 2018", "June 13, 2018"),
        ("Published online: Summer 2023", "Summer 2023"),
    ],
)
def test_publication_date_after_the_published_label(text: str, date: str) -> None:
    found = publication_date(text)
    assert found is not None and found.value == date


def test_received_date_alone_is_not_a_publication_date() -> None:
    assert publication_date("Received: 3 February 2017") is None


def test_volume_and_article_number_after_a_year() -> None:
    assert fields("BMC Health Services Research 2014, 14:1") == {"volume": "14"}


def test_volume_and_electronic_locator() -> None:
    assert fields("PeerJ Comput. Sci. 3:e118; DOI 10.7717/peerj-cs.118") == {
        "volume": "3",
        "pages": "e118",
    }


def test_volume_and_issue_written_into_a_doi() -> None:
    from refcheck.extract.statements import doi_numbers

    assert [(f.field, f.normalized) for f in doi_numbers("10.17645/si.v5i2.904")] == [
        ("volume", "5"),
        ("issue", "2"),
    ]
    assert [(f.field, f.normalized) for f in doi_numbers("10.17174/dcr.v1.11")] == [("volume", "1")]


def test_acl_version_and_doi_years_are_not_numbers() -> None:
    from refcheck.extract.statements import doi_numbers

    assert doi_numbers("10.18653/v1/N18-3011") == []
    assert doi_numbers("10.5555/jts.2021.0045") == []


def test_a_year_after_volume_and_issue_is_not_pages() -> None:
    # The PDF Info subject of a journal: "Journal, vol(issue), year. doi:…".
    assert fields("Journal of Citation Studies, 14(2), 2021. doi:10.5555/jcs.2021.0300") == {
        "volume": "14",
        "issue": "2",
    }
    assert fields("Acta Example 12(3), 1995-2003") == {
        "volume": "12",
        "issue": "3",
        "pages": "1995-2003",
    }


def test_arxiv_side_stamp_dates_the_paper() -> None:
    from refcheck.extract.metadata import extract_metadata
    from refcheck.pdf import Line, Page, PdfText

    body = (Line("A title of the paper", 1, 60, 300, 60, 80, 18, ()),)
    page = Page(1, 600, 800, 1, body, rotated_text=("arXiv:2503.05372v1 [hep-ph] 7 Mar 2025",))
    metadata = extract_metadata(PdfText("stamped.pdf", (page,), ()))
    stamped = [s for s in metadata.statements if s.source == "arxiv-stamp"]
    assert [(s.field, s.value, s.page) for s in stamped] == [("date", "7 Mar 2025", 1)]
    assert metadata.year == "2025"


def test_a_proceedings_imprint_dates_the_paper() -> None:
    from refcheck.extract.metadata import extract_metadata
    from refcheck.pdf import Line, Page, PdfText

    texts = [
        "Extracting Relations from the Web",
        "Proceedings of the 45th Annual Meeting of the Association of Computational Linguistics, "
        "pages 696–703,",
        "Prague, Czech Republic, June 2007. c 2007 Association for Computational Linguistics",
    ]
    lines = tuple(
        Line(text, 1, 60, 500, 60 + 20 * row, 70 + 20 * row, 10, ())
        for row, text in enumerate(texts)
    )
    metadata = extract_metadata(PdfText("acl.pdf", (Page(1, 600, 800, 1, lines),), ()))
    assert metadata.date == "June 2007"
    assert metadata.year == "2007"
    ranged = masthead_date("New Orleans, Louisiana, June 1 - 6, 2018. c 2017 Association")
    assert ranged is not None and ranged.value == "June 1 - 6, 2018"
