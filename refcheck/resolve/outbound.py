"""The outbound request policy: which addresses a cited URL may make refcheck ask.

A URL printed in a PDF is the author's (or an attacker's) choice, so before it is fetched, and
again for every redirect it leads to, it must be http or https, pass the user's allow/deny
patterns (matched case-insensitively on the normalised URL) and name a host whose every
address is public. Loopback, private, link-local, multicast, reserved and unspecified
addresses are refused unless the user opts in (``--allow-private-urls``); integer hosts
(``http://2130706433/``, ``http://0x7f.1/``) and IPv6 forms that carry an IPv4 address
(``::ffff:127.0.0.1``) are read as the address they name. The connection itself is pinned to
an address checked here (see :mod:`refcheck.resolve.transport`), so a name that resolves to a
public address when checked and a private one when connecting (DNS rebinding) gains nothing.

The registries' base URLs are the user's own configuration and are trusted; this policy is
for what documents bring.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from urllib.parse import unquote, urlsplit, urlunsplit

from refcheck.patterns import compiled

__all__ = [
    "OutboundPolicy",
    "RefusedAddress",
    "matching_pattern",
    "normalised_url",
    "public_addresses",
]

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# NAT64's well-known prefix (RFC 6052) embeds an IPv4 address that the gateway connects to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Characters inet_aton reads as an address: "2130706433", "0x7f.1", "017700000001".
_LEGACY_IPV4 = compiled(r"^[0-9a-fx.]+$", re.IGNORECASE)
_ESCAPED_UNRESERVED = compiled(r"%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[de]|5f|7e)", re.I)
# The first kind that fits names the refusal; "private" also covers loopback, link-local and
# reserved ranges, so the narrower kinds come first.
_KINDS: tuple[tuple[str, Callable[[IpAddress], bool]], ...] = (
    ("unspecified", lambda ip: ip.is_unspecified),
    ("loopback", lambda ip: ip.is_loopback),
    ("link-local", lambda ip: ip.is_link_local),
    ("multicast", lambda ip: ip.is_multicast),
    ("reserved", lambda ip: ip.is_reserved),
    ("private", lambda ip: ip.is_private),
    ("non-public", lambda ip: not ip.is_global),
)


class RefusedAddress(OSError):
    """Raised while connecting when a host's address is not one the policy allows."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OutboundPolicy:
    """What an untrusted URL may be: its scheme, its patterns and its addresses."""

    allow_private: bool = False
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()

    def refusal(self, url: str, *, with_patterns: bool = True) -> str | None:
        """Why ``url`` must not be requested, or None. Resolves the host name (system resolver);
        raises ValueError for a URL that cannot be read. ``with_patterns=False`` for where a
        registry redirects: the user's patterns are about cited URLs."""
        refused = self.refusal_before_resolving(url, with_patterns=with_patterns)
        if refused is not None or self.allow_private:
            return refused
        host = (urlsplit(url).hostname or "").rstrip(".")  # as the connection will resolve it
        try:
            public_addresses(host, 0)
        except RefusedAddress as exc:
            return exc.reason
        except (OSError, UnicodeError):
            return None  # no address at all: the request itself reports the name failing
        return None

    def refusal_before_resolving(self, url: str, *, with_patterns: bool = True) -> str | None:
        """The checks that need no name resolution: scheme, patterns, a literal address."""
        normal = normalised_url(url)
        if urlsplit(normal).scheme not in SCHEMES:
            return "only http and https addresses are requested"
        denied = matching_pattern(normal, self.deny) if with_patterns else None
        if denied is not None:
            return f"matches the deny pattern {denied!r}"
        if with_patterns and self.allow and matching_pattern(normal, self.allow) is None:
            return "matches no allow pattern"
        literal = _literal_address(urlsplit(normal).hostname or "")
        if literal is not None and not self.allow_private:
            kind = non_public_kind(literal)
            return f"{kind} address" if kind else None
        return None


def matching_pattern(url: str, patterns: Sequence[str]) -> str | None:
    """The first fnmatch pattern matching ``url`` (already normalised), ignoring case."""
    lowered = url.lower()
    return next((p for p in patterns if fnmatchcase(lowered, p.lower())), None)


def normalised_url(url: str) -> str:
    """``url`` as patterns see it: scheme and host lower-cased, integer hosts as dotted
    addresses, default port, user name and fragment dropped, dot segments and escaped
    unreserved characters resolved. Raises ValueError for a URL that cannot be read."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    literal = _literal_address(host)
    if literal is not None:
        host = f"[{literal}]" if literal.version == 6 else str(literal)
    port = parts.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = _without_dot_segments(_unescape_unreserved(parts.path)) if netloc else parts.path
    return urlunsplit((scheme, netloc, path, _unescape_unreserved(parts.query), ""))


def public_addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, when all are public; raises RefusedAddress naming
    the first that is not, and socket.gaierror when the name does not resolve."""
    literal = _literal_address(host)
    if literal is not None:
        answers = [str(literal)]
    else:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        answers = list(dict.fromkeys(str(info[4][0]) for info in found))
    for answer in answers:
        kind = non_public_kind(ipaddress.ip_address(answer.split("%")[0]))
        if kind is not None:
            raise RefusedAddress(f"{kind} address")
    return answers


def non_public_kind(address: IpAddress) -> str | None:
    """ "loopback", "private" … for an address a cited URL may not reach; None when public."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return non_public_kind(embedded)
    return next((kind for kind, test in _KINDS if test(address)), None)


def _embedded_ipv4(address: IpAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _literal_address(host: str) -> IpAddress | None:
    """The address a host names literally, in any form a resolver accepts; None for a name."""
    bare = host.strip("[]").split("%")[0]
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if not bare or not _LEGACY_IPV4.match(bare):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(bare))
    except OSError:
        return None


def _unescape_unreserved(text: str) -> str:
    return _ESCAPED_UNRESERVED.sub(lambda match: unquote(match.group()), text)


def _without_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, as servers apply it: "/a/./b/../c" is "/a/c"."""
    kept: list[str] = []
    segments = path.split("/")
    for segment in segments[1:] if path.startswith("/") else segments:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    trailing = "/" if segments[-1] in (".", "..") else ""
    return "/" + "/".join(kept) + trailing
