"""JSON from outside (registry bodies, cache values), parsed within a size and a nesting cap.

``json.loads`` recurses once per bracket: 3,000 nested brackets (6 KB) raise ``RecursionError``,
which no caller expects, and a slightly shallower nest would still be walked recursively by the
record readers. So the nesting depth is measured first, without recursion and in linear time,
and every way the text can fail (too big, too deep, not UTF-8, not JSON) becomes one
:class:`UntrustedJsonError`, a ``ValueError`` the callers already treat as garbage.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from refcheck.patterns import compiled

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "UntrustedJsonError", "parse_untrusted_json"]

# A Crossref list of 50 works is a few hundred KB, a DataCite record with thousands of related
# identifiers a few MB; anything larger is no answer we can use.
MAX_JSON_BYTES = 8 * 1024 * 1024
# Registry records nest about 6 deep (message → items → work → issued → date-parts → part).
MAX_JSON_DEPTH = 64

_ESCAPE = compiled(rb"\\.", re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
# +1 for an opening bracket, -1 for a closing one, indexed by byte value.
_DEPTH_STEP = tuple(1 if b in b"[{" else -1 for b in range(256))


class UntrustedJsonError(ValueError):
    """The text is too big, nested too deep, or not JSON."""


def parse_untrusted_json(
    data: bytes | str, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH
) -> Any:
    """The JSON value of ``data``; raises :class:`UntrustedJsonError` instead of anything else."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise UntrustedJsonError(f"{len(raw)} bytes is over the cap of {max_bytes}")
    depth = nesting_depth(raw)
    if depth > max_depth:
        raise UntrustedJsonError(f"nested {depth} deep, over the cap of {max_depth}")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise UntrustedJsonError(str(exc)) from None


def nesting_depth(raw: bytes) -> int:
    """The deepest bracket nesting outside strings, in C-speed passes (no Python loop per byte).

    Escapes go first, so every remaining quote opens or closes a string and splitting on
    quotes leaves the text outside strings at even positions. In text that is not JSON the
    count may be off, but only after the point where the parser stops anyway.
    """
    unescaped = _ESCAPE.sub(b"", raw)
    outside = b"".join(unescaped.split(b'"')[::2])
    brackets = outside.translate(None, _NOT_BRACKET)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)
