"""Issue 12 item 3: registry bodies and cache values are untrusted bytes.

A nested, huge or broken body is a lookup status, and a cache value that is not what we wrote
is a miss that is asked again; neither ends the run. Bodies come from the fake registry over
loopback HTTP.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from refcheck.cli import app
from refcheck.model import LookupStatus
from refcheck.resolve import resolve_documents
from refcheck.resolve.body import (
    MAX_JSON_BYTES,
    UntrustedJsonError,
    nesting_depth,
    parse_untrusted_json,
)
from refcheck.resolve.cache import FOUND_TTL, Cache, CacheWarning, cache_file
from tests.registry.server import FakeRegistry
from tests.resolve_helpers import crossref_work, document, reference, settings_for

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "ssoar_55386.pdf"
NESTED_6KB = b"[" * 3000 + b"]" * 3000
HUGE = b'{"message": {"items": [' + b'"x",' * (MAX_JSON_BYTES // 4) + b'"x"]}}'


def test_nesting_is_measured_outside_strings_and_escapes() -> None:
    assert nesting_depth(b'{"a": [1, {"b": "[[[\\"[[{"}]}') == 3
    assert nesting_depth(b'"\\\\"[[]]') == 2
    assert nesting_depth(b"") == 0
    assert parse_untrusted_json('{"a": "[\\"]"}') == {"a": '["]'}


@pytest.mark.parametrize(
    "text",
    [NESTED_6KB, b'{"a":' * 100 + b"1" + b"}" * 100, b"\xff\xfe\x00garbage", b"1" * 5000, HUGE],
    ids=["nested-3000", "nested-100", "not-utf", "int-too-long", "huge"],
)
def test_untrusted_json_fails_as_one_value_error(text: bytes) -> None:
    with pytest.raises(UntrustedJsonError):
        parse_untrusted_json(text)


@pytest.mark.parametrize("body", [NESTED_6KB, HUGE], ids=["nested", "huge"])
@pytest.mark.parametrize("service", ["crossref", "doi"])
def test_a_nested_or_huge_registry_reply_is_unreachable_not_a_crash(
    registry: FakeRegistry, service: str, body: bytes
) -> None:
    registry.faults(service).body = body
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/test.1"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.UNREACHABLE


def test_a_nested_datacite_record_leaves_the_record_unread(registry: FakeRegistry) -> None:
    registry.set_agency("10.5555/dc.1", "DataCite")
    registry.faults("datacite").body = NESTED_6KB
    [resolutions] = resolve_documents(
        [document(reference(1, doi="10.5555/dc.1"))], settings_for(registry, None)
    )
    lookup = resolutions.references[0].doi
    # doi.org said the DOI exists; only its record could not be read.
    assert lookup is not None and lookup.record is None
    assert "no metadata record could be read" in lookup.detail


def _flip_one_byte(value: bytes) -> bytes:
    middle = value.index(b'"title"')  # the quote: one bit more and it is a letter
    return value[:middle] + bytes([value[middle] ^ 0x40]) + value[middle + 1 :]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "flipped-byte": _flip_one_byte,
    "not-json": lambda value: b"\x00\x01 not json at all",
    "nested": lambda value: NESTED_6KB,
    "not-utf8": lambda value: value.replace(b"Measured", b"Meas\xff\xfeed"),
    "empty": lambda value: b"",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_entry_is_dropped_and_asked_again(
    registry: FakeRegistry, tmp_path: Path, damage: str
) -> None:
    registry.add_crossref_work(crossref_work(1))
    docs = [document(reference(1, doi="10.5555/test.1"))]
    settings = settings_for(registry, tmp_path)
    resolve_documents(docs, settings)
    asked = len(registry.requests_to("crossref"))
    with sqlite3.connect(cache_file(tmp_path)) as connection:
        [(key, value)] = connection.execute(
            "SELECT key, CAST(value AS BLOB) FROM entries WHERE namespace = 'doi'"
        ).fetchall()
        connection.execute(
            "UPDATE entries SET value = CAST(? AS TEXT) WHERE key = ?",
            (DAMAGE[damage](value), key),
        )
    with pytest.warns(CacheWarning, match="unreadable entry"):
        [resolutions] = resolve_documents(docs, settings)
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.status is LookupStatus.RESOLVED
    assert len(registry.requests_to("crossref")) == asked + 1  # asked again, then cached again
    resolve_documents(docs, settings)
    assert len(registry.requests_to("crossref")) == asked + 1


def test_an_unreadable_entry_is_a_miss_said_once(tmp_path: Path) -> None:
    with Cache.open(tmp_path) as cache:
        for key in ("a", "b", "c"):
            cache.put("doi", key, {"status": "resolved"}, FOUND_TTL)
        with sqlite3.connect(cache_file(tmp_path)) as connection:
            connection.execute("UPDATE entries SET value = '{\"status\": '")
        with pytest.warns(CacheWarning) as warned:
            assert [cache.get("doi", key) for key in ("a", "b", "c")] == [None, None, None]
        assert len(warned) == 1
        assert cache.info().entries == {}
        assert cache.enabled


TAMPERED: dict[str, Callable[[dict[str, Any]], None]] = {
    "title-a-number": lambda entry: entry["record"].update(title=5),
    "author-family-a-list": lambda entry: entry["record"].update(authors=[{"family": ["x"]}]),
    "agency-a-list": lambda entry: entry.update(agency=["crossref"]),
    "update-type-null": lambda entry: entry["record"].update(updates=[{"type": None}]),
}


@pytest.mark.parametrize("tamper", TAMPERED)
def test_a_cache_entry_of_the_wrong_types_is_asked_again(
    registry: FakeRegistry, tmp_path: Path, tamper: str
) -> None:
    registry.add_crossref_work(crossref_work(1))
    docs = [document(reference(1, doi="10.5555/test.1"))]
    settings = settings_for(registry, tmp_path)
    resolve_documents(docs, settings)
    asked = len(registry.requests_to("crossref"))
    with sqlite3.connect(cache_file(tmp_path)) as connection:
        [(key, value)] = connection.execute(
            "SELECT key, value FROM entries WHERE namespace = 'doi'"
        ).fetchall()
        entry = json.loads(value)
        TAMPERED[tamper](entry)
        connection.execute("UPDATE entries SET value = ? WHERE key = ?", (json.dumps(entry), key))
    [resolutions] = resolve_documents(docs, settings)
    lookup = resolutions.references[0].doi
    assert lookup is not None and lookup.record is not None
    assert isinstance(lookup.record.title, str) and lookup.agency == "crossref"
    assert len(registry.requests_to("crossref")) == asked + 1


def test_a_nested_reply_from_every_registry_still_gives_the_whole_report(
    registry: FakeRegistry,
) -> None:
    for service in ("crossref", "doi", "datacite", "web"):
        registry.faults(service).body = NESTED_6KB
    result = CliRunner().invoke(
        app,
        [
            "check",
            "--format=json",
            f"--crossref-url={registry.crossref_url}",
            f"--datacite-url={registry.datacite_url}",
            f"--doi-url={registry.doi_url}",
            "--no-cache",
            "--no-urls",
            "--fail-on=never",
            str(FIXTURE),
        ],
    )
    assert result.exit_code == 0, result.output
    [checked] = json.loads(result.stdout)["documents"]
    assert checked["status"] == "ok" and checked["references"]
    assert registry.requests_to("crossref")
