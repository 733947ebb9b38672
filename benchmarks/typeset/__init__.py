"""A corpus typeset with the real tools (TeX Live, pandoc, LibreOffice), with planted defects.

See ``benchmarks/README.md`` (section ``eval_precision.py``) and ``generate.py``.
"""
