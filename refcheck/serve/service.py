"""What the routes share: the configuration, the database, the job runner, limits, metrics."""

from __future__ import annotations

from dataclasses import dataclass

from refcheck.serve.auth import RateLimiter
from refcheck.serve.config import ServeConfig
from refcheck.serve.metrics import ServiceMetrics
from refcheck.serve.runner import JobRunner
from refcheck.serve.store import JobStore


@dataclass(frozen=True)
class Service:
    config: ServeConfig
    store: JobStore
    runner: JobRunner
    limiter: RateLimiter
    metrics: ServiceMetrics
