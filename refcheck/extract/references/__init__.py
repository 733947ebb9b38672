"""The reference list: finding it, splitting it into entries (and, later, parsing them)."""

from refcheck.extract.references.bounds import is_reference_heading
from refcheck.extract.references.section import RawEntry, find_reference_entries

__all__ = ["RawEntry", "find_reference_entries", "is_reference_heading"]
