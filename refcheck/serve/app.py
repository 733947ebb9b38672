"""The ASGI application: API, page, health and metrics on one FastAPI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from refcheck import __version__
from refcheck.serve import api, page
from refcheck.serve.apidocs import add_api_docs
from refcheck.serve.auth import RateLimiter
from refcheck.serve.config import (
    ADMIN_TOKEN_FILE,
    SQLITE_FILE,
    WEBHOOK_SECRET_FILE,
    ServeConfig,
    stored_secret,
)
from refcheck.serve.metrics import ServiceMetrics
from refcheck.serve.runner import JobRunner
from refcheck.serve.service import Service
from refcheck.serve.store import JobStore
from refcheck.serve.uploads import ENVELOPE_BYTES, BodyLimit

logger = logging.getLogger("refcheck.serve")


def create_app(config: ServeConfig) -> FastAPI:
    """The app; its job runner starts and stops with it (the ASGI lifespan)."""
    store = JobStore(config.database_url, config.data_dir / SQLITE_FILE)
    admin_token = _admin_token(config)
    store.set_admin_token(admin_token)
    webhook_secret = config.webhook_secret or stored_secret(config.data_dir, WEBHOOK_SECRET_FILE)[0]
    metrics = ServiceMetrics(store)
    runner = JobRunner(config, store, metrics, webhook_secret)
    service = Service(config, store, runner, RateLimiter(config.rate_per_minute), metrics)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        resumed = store.requeue_interrupted()
        if resumed:
            logger.info("jobs resumed", extra={"jobs": resumed})
        runner.sweep_expired()  # before the first request is answered
        runner.start()
        yield
        runner.stop()
        runner.join()
        store.close()

    app = FastAPI(
        title="refcheck",
        version=__version__,
        description="Check the citations and references of academic PDFs: see docs/serve.md.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's pages load their scripts from a CDN: /docs is our own
        redoc_url=None,
    )
    app.state.service = service
    app.include_router(api.router)
    app.include_router(page.router)
    add_api_docs(app)
    _add_operations(app, service)
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes + ENVELOPE_BYTES)
    return app


def _admin_token(config: ServeConfig) -> str:
    """The admin token: configured, or kept in the data folder, made and shown once."""
    if config.admin_token:
        return config.admin_token
    token, made = stored_secret(config.data_dir, ADMIN_TOKEN_FILE)
    if made:
        print(f"refcheck serve: admin token (shown once, kept in {config.data_dir}): {token}")
    return token


def _add_operations(app: FastAPI, service: Service) -> None:
    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/metrics", tags=["operations"], response_class=Response)
    def metrics() -> Response:
        return Response(service.metrics.text(), media_type="text/plain; version=0.0.4")

    @app.middleware("http")
    async def count_and_log(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        service.metrics.requests.labels(str(response.status_code)).inc()
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
            },
        )
        return response
