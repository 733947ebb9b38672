"""The reference list: finding it, splitting it into entries (and, later, parsing them)."""

from refcheck.extract.references.bounds import is_reference_heading
from refcheck.extract.references.section import (
    RawEntry,
    ReferenceLists,
    find_reference_entries,
    find_reference_lists,
)

__all__ = [
    "RawEntry",
    "ReferenceLists",
    "find_reference_entries",
    "find_reference_lists",
    "is_reference_heading",
]
