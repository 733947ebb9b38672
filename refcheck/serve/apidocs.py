"""``/docs``: the OpenAPI document as a plain page, rendered here. FastAPI's own pages load
Swagger UI or ReDoc from a CDN; this one makes no request beyond itself."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from refcheck.serve.page import page

METHODS = ("get", "post", "put", "patch", "delete")


def add_api_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs() -> HTMLResponse:
        document = app.openapi()
        sections = [
            _operation(method, path, operation)
            for path, item in document["paths"].items()
            for method, operation in item.items()
            if method in METHODS
        ]
        intro = (
            '<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>. '
            "Every <code>/api</code> request needs <code>Authorization: Bearer TOKEN</code>.</p>"
        )
        return page(f"{document['info']['title']} API", intro + "".join(sections))


def _operation(method: str, path: str, operation: dict[str, Any]) -> str:
    summary = operation.get("summary", "")
    description = operation.get("description", "")
    parameters = "".join(
        f"<li><code>{escape(p['name'])}</code> ({escape(p['in'])})"
        f"{': ' + escape(p['description']) if p.get('description') else ''}</li>"
        for p in operation.get("parameters", [])
    )
    body = operation.get("requestBody", {}).get("content", {})
    kinds = ", ".join(f"<code>{escape(kind)}</code>" for kind in body)
    answers = ", ".join(escape(str(status)) for status in operation.get("responses", {}))
    return (
        f"<h2><code>{method.upper()} {escape(path)}</code></h2>"
        f"<p>{escape(summary)}{'. ' + escape(description) if description else ''}</p>"
        + (f"<ul>{parameters}</ul>" if parameters else "")
        + (f"<p>Body: {kinds}</p>" if kinds else "")
        + f"<p>Answers: {answers}</p>"
        + _schema_note(body)
    )


def _schema_note(body: dict[str, Any]) -> str:
    schema = body.get("application/json", {}).get("schema")
    if schema is None:
        return ""
    return f"<pre>{escape(json.dumps(schema, indent=2))}</pre>"
