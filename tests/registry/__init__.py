"""A fake Crossref, doi.org, DataCite and web over real loopback HTTP, for tests and benchmarks."""

from tests.registry.server import FakeRegistry, Faults, LoggedRequest, PoolLimits

__all__ = ["FakeRegistry", "Faults", "LoggedRequest", "PoolLimits"]
