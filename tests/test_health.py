"""Document health: missing pages from page numbers and labels, and the note it leaves."""

from __future__ import annotations

from typing import Any

from refcheck.health import PageGap, assess, page_gaps, step_down_notes
from refcheck.link import link_citations
from refcheck.model import Document, DocumentResult, PageNumber, PaperMetadata, Report
from refcheck.pdf import Line, Page, printed_numbers
from refcheck.pipeline import apply_rules
from refcheck.report.json_report import to_dict
from refcheck.rules import select_rules
from tests.rules.examples import NUMBERED_REFS, cite, num

HEIGHT = 800.0


def _line(text: str, page: int, top: float, role: str = "body") -> Line:
    return Line(text, page, 50, 50 + 6 * len(text), top, top + 10, 10, (), role=role)


def _page(number: int, *margin: Line) -> Page:
    body = (_line("Running text of the article, long enough to be a body line.", number, 400),)
    return Page(number, 600, HEIGHT, 1, (*body, *margin))


def _numbers(pages: list[Page]) -> list[tuple[int, int, int | None]]:
    return [(p.page, p.number, p.total) for p in printed_numbers(pages)]


def test_bmc_layout_page_x_of_y_in_header_reads_the_jump_from_1_to_9() -> None:
    pages = [_page(1, _line("Journal of Things 2010, 4:1", 1, 30, "header"))]
    pages += [
        _page(n, _line(f"Page {n + 7} of 11", n, 30, "header"), _line("Journal 2010, 4:1", n, 40))
        for n in (2, 3, 4)
    ]
    numbers = _numbers(pages)
    assert numbers == [(2, 9, 11), (3, 10, 11), (4, 11, 11)]
    document = Document(
        "a.pdf",
        4,
        PaperMetadata(),
        page_numbers=tuple(PageNumber(p, None, n, t) for p, n, t in numbers),
    )
    (gap,) = page_gaps(document.page_numbers, document.pages)
    assert gap.describe() == "printed pages jump from 1 to 9" and gap.missing == 7


def test_journal_layout_number_at_the_edge_of_running_heads_and_a_masthead_number() -> None:
    # "Art. 24" and "Volume 5" are printed once or unchanged: never confirmed as page numbers.
    pages = [_page(1, _line("Volume 5, No. 3, Art. 24", 1, 20))]
    pages += [_page(2, _line("Short Title of the Paper 44", 2, 20, "header"))]
    pages += [_page(3, _line("45 Journal of Studies", 3, 770, "footer"))]
    pages += [_page(4, _line("Volume 5", 4, 20), _line("46", 4, 770, "footer"))]
    assert _numbers(pages) == [(2, 44, None), (3, 45, None), (4, 46, None)]


def test_a_rotated_table_scattering_digits_over_the_margins_gives_no_number() -> None:
    digits = [_line(d, 2, 760 + i, "footer") for i, d in enumerate("1243")]
    pages = [_page(1, _line("1", 1, 770)), _page(2, *digits), _page(3, _line("3", 3, 770))]
    # Pages 1 and 3 confirm each other across the table page, which gets no number.
    assert _numbers(pages) == [(1, 1, None), (3, 3, None)]


def test_page_labels_jump_but_a_cover_page_labelled_1_is_no_gap() -> None:
    cover = [PageNumber(1, "1"), *(PageNumber(p, str(93 + p)) for p in range(2, 8))]
    assert page_gaps(cover, 7) == ()
    torn = [PageNumber(p, str(p)) for p in (1, 2, 3)] + [PageNumber(p, str(p + 5)) for p in (4, 5)]
    assert page_gaps(torn, 5) == (PageGap("page labels", 3, 9),)


def test_a_misread_run_against_the_numbering_is_left_out() -> None:
    numbers = [PageNumber(p, None, p) for p in (2, 3, 4)]
    numbers += [PageNumber(5, None, 3), PageNumber(6, None, 4)]  # a table's digits
    numbers += [PageNumber(p, None, p) for p in (7, 8, 9)]
    assert page_gaps(numbers, 9) == ()


def test_the_end_of_an_article_missing_is_incomplete_too() -> None:
    numbers = [PageNumber(p, None, p, 12) for p in (1, 2, 3)]
    (gap,) = page_gaps(numbers, 3)
    assert gap.describe() == "printed pages end at 3 of 12"


def test_incomplete_pdf_is_said_in_the_report_and_cit_findings_are_info() -> None:
    document = Document(
        "torn.pdf",
        4,
        PaperMetadata(),
        references=NUMBERED_REFS,
        citations=tuple(cite(n, f"[{n}]", num(n)) for n in (1, 2, 3)),
        page_numbers=tuple(PageNumber(p, None, p + 7, 11) for p in (2, 3, 4)),
    )
    linked = DocumentResult("torn.pdf", document, linking=link_citations(document))
    result = apply_rules(linked, select_rules(["CIT"]))
    report = to_dict_of(result)
    (note,) = report["skipped"]
    assert note["check"] == "CIT001, CIT002"
    assert "printed pages jump from 1 to 9" in note["reason"]
    uncited = [f for f in report["findings"] if f["code"] == "CIT002"]
    assert len(uncited) == 2 and {f["severity"] for f in uncited} == {"info"}
    assert "printed pages jump" in uncited[0]["evidence"]["info_because"]


def to_dict_of(result: DocumentResult) -> dict[str, Any]:
    document: dict[str, Any] = to_dict(Report((result,)))["documents"][0]
    return document


def test_a_healthy_document_has_no_note() -> None:
    document = Document(
        "ok.pdf",
        5,
        PaperMetadata(),
        references=NUMBERED_REFS,
        citations=tuple(cite(n, f"[{n}]", num(n)) for n in range(1, 6)),
    )
    health = assess(document, link_citations(document))
    assert health.incomplete is None
    assert step_down_notes(health, {"CIT001", "CIT002", "REF002"}) == ()


def _cited(*numbers: int) -> dict[str, Any]:
    document = Document(
        "cut.pdf",
        5,
        PaperMetadata(),
        references=NUMBERED_REFS,
        citations=tuple(cite(i, f"[{n}]", num(n)) for i, n in enumerate(numbers, 1)),
    )
    linked = DocumentResult("cut.pdf", document, linking=link_citations(document))
    return to_dict_of(apply_rules(linked, select_rules(["CIT001"])))


def test_numbers_cited_past_a_list_read_in_part_make_cit001_info() -> None:
    """A list whose last column was lost: [6] to [9] are cited, 5 entries were read."""
    report = _cited(1, 2, 3, 4, 5, 6, 7, 9)
    unmatched = [f for f in report["findings"] if f["code"] == "CIT001"]
    assert len(unmatched) == 3 and {f["severity"] for f in unmatched} == {"info"}
    assert (
        "numbers past the list's last entry (6, 7, 9)" in unmatched[0]["evidence"]["info_because"]
    )
    (note,) = report["skipped"]
    assert note["check"] == "CIT001"


def test_one_number_cited_past_the_list_is_still_an_error() -> None:
    report = _cited(1, 2, 3, 4, 5, 6)
    (unmatched,) = [f for f in report["findings"] if f["code"] == "CIT001"]
    assert unmatched["severity"] == "error"
    assert report["skipped"] == []
