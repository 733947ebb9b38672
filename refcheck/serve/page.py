"""The upload page for editors: plain HTML forms, no script at all, one inline style sheet
allowed by a nonce; the job page reloads itself (a meta refresh) until the job ends."""

from __future__ import annotations

import secrets
from html import escape

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from refcheck.report import FORMATS
from refcheck.serve.api import caller, create_job, owned_job, service
from refcheck.serve.auth import COOKIE, authenticate
from refcheck.serve.store import Job

router = APIRouter(include_in_schema=False)
REFRESH_SECONDS = 2
ACCEPT = ".pdf,.bib,.xml,.docx,.tex,.bbl,.aux"
STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
.drop { display: block; text-align: center; }
.drop input { display: block; box-sizing: border-box; width: 100%; margin-top: .5rem;
  border: 2px dashed #888; border-radius: 8px; padding: 2.5rem 1rem; }
pre { background: #f4f4f4; padding: .5rem; overflow-x: auto; }
button { font: inherit; padding: .4rem 1.2rem; margin-top: 1rem; }
table { border-collapse: collapse; } td, th { padding: .2rem .8rem .2rem 0; text-align: left; }
.error { color: #a00; }
"""


def page(title: str, body: str, refresh: bool = False) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{meta}'
        f"<title>{escape(title)} · refcheck</title>"
        f'<style nonce="{nonce}">{STYLE}</style></head>'
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    policy = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": policy})


def _login(message: str = "") -> HTMLResponse:
    error = f'<p class="error">{escape(message)}</p>' if message else ""
    return page(
        "Sign in",
        f'{error}<form method="post" action="/login">'
        '<label>API token <input type="password" name="token" required></label> '
        '<button type="submit">Sign in</button></form>',
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    serving = service(request)
    try:
        who = authenticate(request, serving.store)
    except HTTPException:
        return _login()
    rows = "".join(
        f'<tr><td><a href="/jobs/{job.id}">{escape(", ".join(f.name for f in job.files))}</a>'
        f"</td><td>{job.state}</td></tr>"
        for job in serving.store.jobs_of(who.owner, limit=20)
    )
    jobs = f"<h2>Your jobs</h2><table>{rows}</table>" if rows else ""
    form = (
        '<form method="post" action="/jobs" enctype="multipart/form-data">'
        # The file input itself is the drop zone: browsers take files dropped on it, no script.
        '<label class="drop">Drop PDFs on the box, or choose them (also .bib, JATS .xml, .docx)'
        f'<input type="file" name="files" multiple required accept="{ACCEPT}"></label>'
        '<button type="submit">Check</button></form>'
    )
    return page("Check references", form + jobs)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    token = form.get("token")
    if not isinstance(token, str) or service(request).store.token_owner(token) is None:
        return _login("That token is not known to this service.")
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


@router.post("/jobs")
async def submit_from_page(request: Request) -> Response:
    job = await create_job(request, caller(request), service(request))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request) -> Response:
    job = owned_job(job_id, caller(request), service(request))
    names = "".join(f"<li>{escape(f.name)}</li>" for f in job.files)
    body = f'<p>State: <strong id="state">{job.state}</strong> · {_progress(job)}</p>'
    body += f"<ul>{names}</ul>"
    if job.state == "failed":
        body += f'<p class="error">{escape(job.message or "")}</p>'
    if job.state == "done":
        report = f"/api/jobs/{job.id}/report"
        links = " · ".join(
            f'<a href="{report}?format={fmt}&amp;download=true" download>{fmt}</a>'
            for fmt in FORMATS
        )
        body += (
            f'<p><a id="report" href="{report}?format=html">Open the report</a></p>'
            f'<p>Download: <span id="downloads">{links}</span></p>'
        )
    body += '<p><a href="/">Check more files</a></p>'
    return page("Job", body, refresh=job.state in ("queued", "running"))


def _progress(job: Job) -> str:
    return f'<span id="progress">{job.done} of {job.total} files read</span>'
