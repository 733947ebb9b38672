"""Pins how identifiers printed in journal PDFs are found, validated and normalised.

Check digits asserted here were computed independently (ISSN: weights 8..2, mod 11; ISBN-10:
weights 10..1, mod 11; ISBN-13: weights 1,3, mod 10), not copied from the implementation.
"""

from __future__ import annotations

import pytest

from refcheck.extract.identifiers import (
    Candidate,
    find_arxiv_ids,
    find_dois,
    find_issns,
    find_urls,
    is_valid_doi,
    is_valid_isbn,
    is_valid_issn,
    issn_check_digit,
    normalize_doi,
    normalize_number,
    normalize_pages,
    roman_to_int,
    strip_trailing_punctuation,
)

EN_DASH = "\u2013"
EM_DASH = "\u2014"
SICI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O"


def values(found: list[Candidate]) -> list[tuple[str, bool]]:
    return [(c.value, c.valid) for c in found]


# --- strip_trailing_punctuation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1000/xyz).", "10.1000/xyz"),
        ("10.1000/xyz.", "10.1000/xyz"),
        ("10.1000/xyz,;:", "10.1000/xyz"),
        ('10.1000/xyz"', "10.1000/xyz"),
        ("10.1000/xyz\u201d.", "10.1000/xyz"),
        ("10.1000/xyz]", "10.1000/xyz"),
        ("https://x.org/page>", "https://x.org/page"),
        ("10.1000/abc(1)", "10.1000/abc(1)"),
        ("10.1000/abc[2].", "10.1000/abc[2]"),
        ("10.1000/abc(1))", "10.1000/abc(1)"),
        (SICI, SICI),
        (SICI + ").", SICI),
        ("...", ""),
        ("", ""),
    ],
)
def test_trailing_punctuation_is_stripped_but_balanced_closers_stay(
    text: str, expected: str
) -> None:
    assert strip_trailing_punctuation(text) == expected


# --- is_valid_doi -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doi",
    [
        "10.1371/journal.pone.0201234",
        "10.17645/si.v5i2.904",
        SICI,
        "10.1000.10/123456",
        "10.123456789/x",
        "10.1000/\u00e9t\u00e9",
    ],
)
def test_well_formed_dois_are_valid(doi: str) -> None:
    assert is_valid_doi(doi) is True


@pytest.mark.parametrize(
    "doi",
    [
        "10.123/abc",
        "10.1234567890/abc",
        "10.1234abc",
        "10.1234/",
        "10,1234/abc",
        "1O.1234/abc",
        "10.1234/ab c",
        "10.1234/abc\x00",
        "10.1234/abc\n",
        "doi:10.1234/abc",
        "10.\u0661\u0662\u0663\u0664/abc",
        "",
    ],
)
def test_malformed_or_labelled_dois_are_invalid(doi: str) -> None:
    assert is_valid_doi(doi) is False


# --- normalize_doi ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doi:10.1000/ABC", "10.1000/abc"),
        ("DOI: 10.1000/ABC", "10.1000/abc"),
        ("DOI 10.17645/si.v5i2.904", "10.17645/si.v5i2.904"),
        ("https://doi.org/10.1371/journal.pone.0201234.", "10.1371/journal.pone.0201234"),
        ("http://dx.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("doi.org/10.1000/xyz", "10.1000/xyz"),
        ("https://www.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("info:doi/10.1000/xyz", "10.1000/xyz"),
        ("https://doi.org/10.1000%2FXYZ", "10.1000/xyz"),
        ("DOI: https://doi.org/10.1000/xyz", "10.1000/xyz"),
        ("(doi:10.1000/xyz).", "10.1000/xyz"),
        ("  10.1000/xyz  ", "10.1000/xyz"),
        ("doi:" + SICI, SICI.lower()),
    ],
)
def test_doi_labels_resolvers_and_punctuation_are_removed_and_case_folded(
    text: str, expected: str
) -> None:
    assert normalize_doi(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "doi:10.123/abc",
        "doi: 10.1234/",
        "not a doi",
        "",
        "https://example.org/10.1000/x",
        "10.1/..",
    ],
)
def test_normalize_doi_returns_none_when_no_valid_doi_remains(text: str) -> None:
    assert normalize_doi(text) is None


def test_percent_decoding_applies_only_to_resolver_urls() -> None:
    assert normalize_doi("10.1000/100%25") == "10.1000/100%25"


# --- find_dois --------------------------------------------------------------------------------


def test_doi_in_prose_loses_the_final_full_stop() -> None:
    assert find_dois("see doi:10.1000/xyz.") == [
        Candidate(4, 19, "doi:10.1000/xyz", "10.1000/xyz", True)
    ]


def test_resolver_url_is_reported_with_its_prefix_in_raw() -> None:
    text = "Available at https://doi.org/10.1371/journal.pone.0201234."
    assert find_dois(text) == [
        Candidate(
            13,
            57,
            "https://doi.org/10.1371/journal.pone.0201234",
            "10.1371/journal.pone.0201234",
            True,
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOI 10.17645/si.v5i2.904", [("10.17645/si.v5i2.904", True)]),
        ("Doi: 10.17645/si.v5i2.904", [("10.17645/si.v5i2.904", True)]),
        ("doi:" + SICI, [(SICI, True)]),
        ("(doi:" + SICI + ").", [(SICI, True)]),
        ("http://dx.doi.org/10.1000/XYZ", [("10.1000/XYZ", True)]),
        ("doi.org/10.1000/xyz", [("10.1000/xyz", True)]),
        ("https://doi.org/10.1000%2Fxyz", [("10.1000/xyz", True)]),
        ("info:doi/10.1000/182", [("10.1000/182", True)]),
        ("DOI: https://doi.org/10.1000/xyz", [("10.1000/xyz", True)]),
        ("DOI:\n10.1000/xyz", [("10.1000/xyz", True)]),
        ("Cited as 10.1000/xyz in the text", [("10.1000/xyz", True)]),
        ("doi:10.1000/xyz 2020", [("10.1000/xyz", True)]),
    ],
)
def test_dois_presented_by_label_resolver_or_shape_are_found(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert values(find_dois(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOI: 10.123/abc", [("10.123/abc", False)]),
        ("doi:10.1234abc", [("10.1234abc", False)]),
        ("https://doi.org/10,1234/x", [("10,1234/x", False)]),
        ("DOI: 1O.1234/abc", [("1O.1234/abc", False)]),
        ("doi: 10.1234/", [("10.1234/", False)]),
        ("DOI: 10.1234/ab c", [("10.1234/ab", True)]),
    ],
)
def test_malformed_dois_presented_as_dois_are_reported_invalid(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert values(find_dois(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the doi field is optional",
        "Every article gets a DOI.",
        "Doi T, Suzuki K (2010) Title. J Ex 3:1-9",
        "rose by 10.5 percent",
        "https://example.org/10.1234/abc",
        "https://example.org/search?id=10.1234/abc",
        "https://x.org/q?ref=doi:10.1234/abc",
        "https://onlinelibrary.wiley.com/doi/10.1002/asi.1234",
        "https://doi.org/help",
        "10.123/abc",
    ],
)
def test_text_not_presented_as_a_doi_yields_nothing(text: str) -> None:
    assert find_dois(text) == []


def test_several_dois_are_found_in_order_without_overlap() -> None:
    text = "a doi:10.1000/one, b https://doi.org/10.1000/two; c 10.1000/three."
    found = find_dois(text)
    assert [c.raw for c in found] == [
        "doi:10.1000/one",
        "https://doi.org/10.1000/two",
        "10.1000/three",
    ]
    assert [text[c.start : c.end] for c in found] == [c.raw for c in found]


def test_doi_after_a_foreign_url_is_still_found() -> None:
    text = "https://example.org/10.1234/abc and doi:10.5555/xyz"
    assert values(find_dois(text)) == [("10.5555/xyz", True)]


# --- ISSNs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first7", "expected"),
    [
        ("0028083", "6"),
        ("1476468", "7"),
        ("2183280", "3"),
        ("0317847", "1"),
        ("2049363", "0"),
        ("1050124", "X"),
        ("1234567", "9"),
    ],
)
def test_issn_check_digit_uses_mod_11_with_x_for_ten(first7: str, expected: str) -> None:
    assert issn_check_digit(first7) == expected


@pytest.mark.parametrize("first7", ["002808", "00280836", "002808a", "\u0660028083"])
def test_issn_check_digit_rejects_anything_but_seven_digits(first7: str) -> None:
    with pytest.raises(ValueError, match="seven digits"):
        issn_check_digit(first7)


@pytest.mark.parametrize(
    "issn",
    ["0028-0836", "1476-4687", "2183-2803", "0317-8471", "03178471", "1050-124X", "1050-124x"],
)
def test_issns_with_right_check_digit_are_valid(issn: str) -> None:
    assert is_valid_issn(issn) is True


@pytest.mark.parametrize(
    "issn", ["0028-0837", "2049-363X", "2049-363x", "1234-5678", "0028-083", "ISSN 0028-0836", ""]
)
def test_issns_with_wrong_check_digit_or_shape_are_invalid(issn: str) -> None:
    assert is_valid_issn(issn) is False


def test_labelled_issn_includes_its_label_in_raw() -> None:
    assert find_issns("ISSN: 0028-0836") == [Candidate(0, 15, "ISSN: 0028-0836", "0028-0836", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eISSN 1476-4687", [("1476-4687", True)]),
        ("e-ISSN: 2183-2803", [("2183-2803", True)]),
        ("E-ISSN 2183-2803", [("2183-2803", True)]),
        ("pISSN 0028-0836", [("0028-0836", True)]),
        ("p-ISSN 0028-0836", [("0028-0836", True)]),
        ("ISSN (Print) 0028-0836", [("0028-0836", True)]),
        ("ISSN (online): 1476-4687", [("1476-4687", True)]),
        ("ISSN-L 0028-0836", [("0028-0836", True)]),
        ("ISSN 00280836", [("0028-0836", True)]),
        ("ISSN 1050-124x", [("1050-124X", True)]),
        (f"ISSN 0028{EN_DASH}0836", [("0028-0836", True)]),
        ("ISSN 0028-0837", [("0028-0837", False)]),
    ],
)
def test_issn_label_variants_are_recognised_and_values_normalised(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert values(find_issns(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ISSN 0028-0836 (print), 1476-4687 (online)",
        "ISSN: 0028-0836 / 1476-4687",
        "ISSN 0028-0836 print and 1476-4687 online",
        "Print ISSN 0028-0836, Online ISSN 1476-4687.",
        "ISSN (Print): 0028-0836 ISSN (Online): 1476-4687",
    ],
)
def test_every_issn_of_a_print_and_online_statement_is_found(text: str) -> None:
    assert values(find_issns(text)) == [("0028-0836", True), ("1476-4687", True)]


def test_second_labelled_issn_keeps_its_own_qualifier_in_raw() -> None:
    found = find_issns("Print ISSN 0028-0836, Online ISSN 1476-4687.")
    assert [c.raw for c in found] == ["Print ISSN 0028-0836", "Online ISSN 1476-4687"]


def test_unlabelled_issn_in_a_statement_has_only_the_number_as_raw() -> None:
    text = "ISSN 0028-0836 (print), 1476-4687 (online)"
    assert find_issns(text)[1] == Candidate(24, 33, "1476-4687", "1476-4687", True)


@pytest.mark.parametrize(
    "text",
    [
        "Tel. 1234-5679, fax 2345-6789",
        "Received 2019-2020",
        "the ISSN is printed on the cover",
        "ISSN-like numbers such as 0028-0836 appear",
    ],
)
def test_numbers_without_an_issn_label_are_not_issns(text: str) -> None:
    assert find_issns(text) == []


def test_issn_statement_ends_at_unrelated_words() -> None:
    assert values(find_issns("ISSN 0028-0836. Phone 1234-5679")) == [("0028-0836", True)]


def test_issn_statement_ignores_longer_digit_runs() -> None:
    assert find_issns("ISSN 0028-0836-1") == []


# --- Roman numerals, volume/issue numbers and pages -------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [("VII", 7), ("ix", 9), ("XIV", 14), ("MMXXIII", 2023), ("XL", 40), ("MCMXCIV", 1994)],
)
def test_strict_roman_numerals_convert(numeral: str, expected: int) -> None:
    assert roman_to_int(numeral) == expected


@pytest.mark.parametrize("numeral", ["IIII", "VX", "", "ABC", "IC", "VV", "MMMM", "7"])
def test_non_canonical_roman_numerals_are_rejected(numeral: str) -> None:
    assert roman_to_int(numeral) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07", "7"),
        ("VII", "7"),
        ("xii", "12"),
        ("Vol. 7", "7"),
        ("Vol.7", "7"),
        ("Volume 7", "7"),
        ("No. 3", "3"),
        ("Issue 3", "3"),
        ("#3", "3"),
        ("3-4", "3-4"),
        (f"3{EN_DASH}4", "3-4"),
        ("3/4", "3-4"),
        ("No. 03 - 04", "3-4"),
        (" 12 ", "12"),
    ],
)
def test_volume_and_issue_numbers_normalise_to_plain_digits(text: str, expected: str) -> None:
    assert normalize_number(text) == expected


@pytest.mark.parametrize("text", ["Summer", "Special Issue", "Nov", "Suppl. 2", "7a", "", "Vol."])
def test_named_issues_are_left_for_text_comparison(text: str) -> None:
    assert normalize_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pp. 101-115", "101-115"),
        (f"101{EN_DASH}115", "101-115"),
        ("101 - 115", "101-115"),
        (f"pages 101{EM_DASH}115", "101-115"),
        ("101-15", "101-115"),
        ("1199-201", "1199-1201"),
        ("95-8", "95-98"),
        ("e0123456", "e0123456"),
        ("101", "101"),
        ("p. 7", "7"),
        ("pp. 101-115.", "101-115"),
        ("S12-S15", "S12-S15"),
    ],
)
def test_page_ranges_normalise_and_abbreviated_end_pages_expand(text: str, expected: str) -> None:
    assert normalize_pages(text) == expected


def test_end_page_that_cannot_be_an_abbreviation_is_kept_as_printed() -> None:
    assert normalize_pages("115-11") == "115-11"


@pytest.mark.parametrize("text", ["", "in press", "pp.", "n/a", "101 to 115"])
def test_text_without_page_information_gives_none(text: str) -> None:
    assert normalize_pages(text) is None


# --- ISBNs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-2",
        "0306406152",
        "0-8044-2957-X",
        "0-8044-2957-x",
        "978-0-306-40615-7",
        "978 0 306 40615 7",
        "9780306406157",
        "979-10-90636-07-1",
    ],
)
def test_isbns_with_right_check_digit_are_valid(isbn: str) -> None:
    assert is_valid_isbn(isbn) is True


@pytest.mark.parametrize(
    "isbn",
    [
        "0-306-40615-3",
        "978-0-306-40615-8",
        "X-306-40615-2",
        "030640615",
        "4006381333931",
        "-0306406152",
        "ISBN 0306406152",
        "",
    ],
)
def test_isbns_with_wrong_check_digit_shape_or_prefix_are_invalid(isbn: str) -> None:
    assert is_valid_isbn(isbn) is False


# --- arXiv ids --------------------------------------------------------------------------------


def test_arxiv_label_is_in_raw_but_not_in_value() -> None:
    assert find_arxiv_ids("see arXiv:2101.01234v2.") == [
        Candidate(4, 22, "arXiv:2101.01234v2", "2101.01234v2", True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arXiv:hep-th/9901001", [("hep-th/9901001", True)]),
        ("arXiv:math.GT/0309136", [("math.GT/0309136", True)]),
        ("arxiv.org/abs/2101.01234", [("2101.01234", True)]),
        ("https://arxiv.org/abs/1706.03762v5", [("1706.03762v5", True)]),
        ("https://arxiv.org/pdf/2101.01234v2.pdf", [("2101.01234v2", True)]),
        ("arXiv preprint arXiv:1706.03762 (2017)", [("1706.03762", True)]),
        ("arXiv 0704.0001", [("0704.0001", True)]),
        ("(arXiv:2101.01234 [cs.CL])", [("2101.01234", True)]),
    ],
)
def test_arxiv_ids_after_label_or_in_arxiv_urls_are_found(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert values(find_arxiv_ids(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "arXiv:2113.01234",
        "arXiv:1501.0123",
        "arXiv:1412.01234",
        "arXiv:0612.0001",
        "arXiv:hep-th/9913001",
        "arXiv:hep-th/1201001",
        "arXiv:2101.01234v0",
    ],
)
def test_arxiv_ids_with_impossible_dates_or_lengths_are_invalid(text: str) -> None:
    assert [c.valid for c in find_arxiv_ids(text)] == [False]


@pytest.mark.parametrize(
    "text", ["2101.01234", "the arXiv preprint server", "https://example.org/abs/2101.01234"]
)
def test_arxiv_like_numbers_without_label_are_not_reported(text: str) -> None:
    assert find_arxiv_ids(text) == []


# --- URLs -------------------------------------------------------------------------------------


def test_url_loses_sentence_punctuation() -> None:
    assert find_urls("See https://example.org/data.") == [
        Candidate(4, 28, "https://example.org/data", "https://example.org/data", True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(www.example.com/x)", [("www.example.com/x", True)]),
        ("<https://x.org/p?q=1>,", [("https://x.org/p?q=1", True)]),
        (
            "https://en.wikipedia.org/wiki/Foo_(bar).",
            [("https://en.wikipedia.org/wiki/Foo_(bar)", True)],
        ),
        ("http://example.org:8080/a", [("http://example.org:8080/a", True)]),
        ("http://127.0.0.1/x", [("http://127.0.0.1/x", True)]),
        ("https://doi.org/10.1000/xyz", [("https://doi.org/10.1000/xyz", True)]),
        ("a http://a.org b https://b.org", [("http://a.org", True), ("https://b.org", True)]),
        ("http://localhost/x", [("http://localhost/x", False)]),
        ("http://-x-.org/a", [("http://-x-.org/a", False)]),
    ],
)
def test_http_and_www_urls_are_found(text: str, expected: list[tuple[str, bool]]) -> None:
    assert values(find_urls(text)) == expected


@pytest.mark.parametrize(
    "text", ["no links here", "mail me at a@www.example.org", "ftp://x.org/a", "https:// x.org"]
)
def test_text_without_http_or_www_urls_yields_nothing(text: str) -> None:
    assert find_urls(text) == []


def test_legacy_publisher_resolvers_print_dois() -> None:
    # Crossref's real reference strings: "DOI= http://doi.acm.org/10.1145/1414471.1414475."
    text = "ACM, New York, 3--10. DOI= http://doi.acm.org/10.1145/1414471.1414475."
    assert [(c.value, c.valid) for c in find_dois(text)] == [("10.1145/1414471.1414475", True)]
    assert normalize_doi("http://doi.wiley.com/10.1002/abc.123") == "10.1002/abc.123"
    assert find_dois("see http://example.org/10.1145/1414471.1414475 here") == []


@pytest.mark.parametrize(
    "text",
    [
        "Nature 5, 1-9. https: //doi.org/10.1016/j.jenvman.2019.01.001",
        "Nature 5, 1-9. http: //dx.doi.org/10.1016/j.jenvman.2019.01.001.",
        "Nature 5, 1-9 (https: //doi.org/10.1016/j.jenvman.2019.01.001)",
    ],
)
def test_a_doi_link_with_a_space_after_its_scheme_is_found(text: str) -> None:
    # Issue 11: "https: //doi.org/…", a typesetter's gap or a broken line, hid 41 of 567 DOIs.
    assert [c.value for c in find_dois(text)] == ["10.1016/j.jenvman.2019.01.001"]


def test_a_url_with_a_space_after_its_scheme_is_found_without_it() -> None:
    (url,) = find_urls("ISBN 3-900051-07-0, URL http: //www.R-project.org/.")
    assert (url.raw, url.value, url.valid) == (
        "http: //www.R-project.org/",
        "http://www.R-project.org/",
        True,
    )
