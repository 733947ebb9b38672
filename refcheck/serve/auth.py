"""Who is asking: an API token (``Authorization: Bearer …``, or the page's cookie), and how
often it may ask (a token bucket per token, refilled over a minute)."""

from __future__ import annotations

import math
import secrets
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request

from refcheck.serve.store import JobStore

COOKIE = "refcheck_token"


@dataclass(frozen=True)
class Caller:
    owner: str  # the token's digest: jobs belong to it
    admin: bool


def new_token() -> str:
    return "rc_" + secrets.token_urlsafe(32)


def presented_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE) or None


def authenticate(request: Request, store: JobStore) -> Caller:
    token = presented_token(request)
    found = store.token_owner(token) if token else None
    if found is None:
        raise HTTPException(
            401,
            "an API token is needed: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Caller(*found)


class RateLimiter:
    """At most ``per_minute`` requests a minute per token, in bursts of up to that many."""

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}  # owner: (tokens, at monotonic time)
        self._lock = threading.Lock()

    def admit(self, owner: str) -> None:
        """Raises 429 with Retry-After (whole seconds) when the token has used its share."""
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(owner, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.refill_per_second)
            if tokens < 1.0:
                self._buckets[owner] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / self.refill_per_second)
                raise HTTPException(
                    429,
                    f"too many requests for this token: at most {self.capacity:g} a minute",
                    headers={"Retry-After": str(wait)},
                )
            self._buckets[owner] = (tokens - 1.0, now)
