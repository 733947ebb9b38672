"""``refcheck serve``: the web service (upload page and REST API) for editors and journal
systems. Needs the ``serve`` extra: ``pip install 'refcheck-pdf[serve]'``."""

from __future__ import annotations

import uvicorn

from refcheck.serve.app import create_app
from refcheck.serve.config import ServeConfig
from refcheck.serve.logs import log_config

__all__ = ["ServeConfig", "create_app", "run"]


def run(config: ServeConfig, host: str, port: int) -> None:
    """Serve until interrupted."""
    uvicorn.run(create_app(config), host=host, port=port, log_config=log_config())
