"""The one table of the speed benchmark: rows, their rendering and their CSV."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path


@dataclass
class Row:
    """One measurement beside pdftotext's on the same input, in the same run.

    ``ratio`` is always refcheck's time over pdftotext's (for a rate, pdftotext's rate over
    refcheck's), so more than 1 means slower than pdftotext whatever the unit.
    """

    section: str
    measure: str
    unit: str
    refcheck: float
    pdftotext: float | None
    floor: float | None = None
    floor_of: str = ""
    target: str = ""
    verdict: str = ""
    load: float = math.nan
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.pdftotext or not self.refcheck:
            return None
        if self.unit.endswith("/s"):
            return self.pdftotext / self.refcheck
        return self.refcheck / self.pdftotext


def verdict(met: bool) -> str:
    return "PASS" if met else "MISS"


def number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


HEADER = (
    "measure",
    "unit",
    "refcheck",
    "pdftotext",
    "ratio",
    "floor",
    "target",
    "",
    "load",
    "note",
)


def cells(row: Row) -> list[str]:
    ratio = row.ratio
    floor = f"{number(row.floor)} {row.floor_of}".strip() if row.floor is not None else "-"
    return [
        row.measure,
        row.unit,
        number(row.refcheck),
        number(row.pdftotext),
        "-" if ratio is None else f"{ratio:.2f}×",
        floor,
        row.target or "-",
        row.verdict,
        number(row.load),
        row.note,
    ]


def render(rows: Sequence[Row]) -> str:
    """Sections in order, each headed by its name, columns aligned across the whole table."""
    table = [list(HEADER), *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]

    def fmt(line: Sequence[str]) -> str:
        parts = [line[0].ljust(widths[0]), line[1].ljust(widths[1])]
        parts += [cell.rjust(width) for cell, width in zip(line[2:6], widths[2:6], strict=True)]
        parts += [line[6].ljust(widths[6]), line[7].ljust(widths[7]), line[8].rjust(widths[8])]
        parts.append(line[9])
        return "  ".join(parts).rstrip()

    rule = "-" * len(fmt(["-" * width for width in widths]))
    out = [fmt(HEADER), rule]
    section = None
    for row, line in zip(rows, table[1:], strict=True):
        if row.section != section:
            section = row.section
            out.append(f"[{section}]")
        out.append(fmt(line))
    out.append(rule)
    return "\n".join(out)


def write_csv(rows: Sequence[Row], path: Path) -> None:
    names = [f.name for f in fields(Row)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*names, "ratio"])
        for row in rows:
            writer.writerow([*astuple(row), "" if row.ratio is None else f"{row.ratio:.4f}"])
