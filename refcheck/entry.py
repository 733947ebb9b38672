"""The ``refcheck`` command's entry point: answers ``--version`` before importing anything.

The command line proper (:mod:`refcheck.cli`: typer, the pipeline, every rule) takes a few
hundred milliseconds to import; a version query, which scripts and package managers run
often, needs none of it.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from refcheck import __version__

        print(f"refcheck {__version__}")
        return
    from refcheck.cli import main as cli_main

    cli_main()
