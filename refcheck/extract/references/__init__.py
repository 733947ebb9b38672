"""The reference list: finding it, splitting it into entries (and, later, parsing them)."""

from refcheck.extract.references.section import (
    RawEntry,
    find_reference_entries,
    is_reference_heading,
)

__all__ = ["RawEntry", "find_reference_entries", "is_reference_heading"]
