"""The REST API (``/api``): submit, poll, fetch a report by format, delete; tokens."""

from __future__ import annotations

import json
import shutil
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from refcheck.report import FORMATS
from refcheck.serve.auth import Caller, authenticate, new_token
from refcheck.serve.outbound import OutboundRefused, check_url, download
from refcheck.serve.runner import delete_job_files, upload_dir
from refcheck.serve.service import Service
from refcheck.serve.store import Job, UploadedFile, new_job_id
from refcheck.serve.uploads import check_kind, safe_name, save_uploads


def _answers(**described: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses from ``s404="no such job"``-style keywords."""
    return {int(code[1:]): {"description": text} for code, text in described.items()}


router = APIRouter(
    prefix="/api",
    tags=["jobs"],
    responses=_answers(s401="no token, or an unknown one", s429="the token's rate limit"),
)
NO_JOB = _answers(s404="no such job, or another token's")

MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "junit": "application/xml",
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "github": "text/plain; charset=utf-8",
}
EXTENSIONS = {"json": "json", "sarif": "sarif", "junit": "xml", "markdown": "md", "html": "html"}


class JobStatus(BaseModel):
    id: str
    state: str  # queued, running, done or failed
    done: int  # files read so far
    total: int  # files in the job
    files: list[str]
    created: float
    started: float | None
    finished: float | None
    message: str | None  # why a job failed
    exit_code: int | None  # as `refcheck check` would exit: 1 when findings reach fail-on
    reports: dict[str, str]  # format: URL, once done


class UrlSubmission(BaseModel):
    url: str  # a file the caller hosts, fetched under the outbound request policy
    webhook: str | None = None


class NewToken(BaseModel):
    name: str


class TokenCreated(BaseModel):
    name: str
    token: str  # shown once; the service keeps only its digest


SUBMIT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "webhook": {"type": "string", "description": "URL POSTed when done"},
                    },
                }
            },
            "application/json": {"schema": UrlSubmission.model_json_schema()},
        },
    }
}


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


def caller(request: Request) -> Caller:
    """The token's owner, counted against its rate limit."""
    serving = service(request)
    who = authenticate(request, serving.store)
    serving.limiter.admit(who.owner)
    return who


CallerDep = Annotated[Caller, Depends(caller)]
ServiceDep = Annotated[Service, Depends(service)]


def job_status(job: Job) -> JobStatus:
    reports = (
        {fmt: f"/api/jobs/{job.id}/report?format={fmt}" for fmt in FORMATS}
        if job.state == "done"
        else {}
    )
    return JobStatus(
        id=job.id,
        state=job.state,
        done=job.done,
        total=job.total,
        files=[f.name for f in job.files],
        created=job.created,
        started=job.started,
        finished=job.finished,
        message=job.message,
        exit_code=job.exit_code,
        reports=reports,
    )


SUBMIT_REFUSALS = _answers(
    s400="a url or webhook the outbound policy refuses",
    s413="over the upload size limit or file count",
    s415="a file refcheck cannot read, told from its content",
)


@router.post("/jobs", status_code=202, openapi_extra=SUBMIT_BODY, responses=SUBMIT_REFUSALS)
async def submit_job(request: Request, who: CallerDep, serving: ServiceDep) -> JobStatus:
    """Queue a job: files as multipart fields 'files', or JSON {"url": …}."""
    job = await create_job(request, who, serving)
    return job_status(job)


async def create_job(request: Request, who: Caller, serving: Service) -> Job:
    """Save the job's files and queue it; every refusal leaves nothing behind."""
    job_id = new_job_id()
    folder = upload_dir(serving.config, job_id)
    try:
        if request.headers.get("content-type", "").startswith("application/json"):
            files, webhook = await _files_from_url(request, serving, job_id)
        else:
            files, webhook = await _files_from_form(request, serving, job_id)
        if webhook:
            await _check_outbound(webhook, serving, "webhook")
    except HTTPException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        serving.metrics.refused.labels(str(exc.status_code)).inc()
        raise
    job = serving.store.add_job(job_id, who.owner, files, webhook)
    serving.runner.wake()
    return job


async def _files_from_form(
    request: Request, serving: Service, job_id: str
) -> tuple[list[UploadedFile], str | None]:
    form = await request.form()
    uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    folder = upload_dir(serving.config, job_id)
    config = serving.config
    saved = await save_uploads(uploads, folder, config.max_files, config.max_upload_bytes)
    webhook = form.get("webhook")
    return saved, webhook if isinstance(webhook, str) and webhook.strip() else None


async def _files_from_url(
    request: Request, serving: Service, job_id: str
) -> tuple[list[UploadedFile], str | None]:
    try:
        submission = UrlSubmission.model_validate(await request.json())
    except (ValidationError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(422, 'send JSON {"url": "https://…"} or multipart files') from exc
    await _check_outbound(submission.url, serving, "url")
    folder = upload_dir(serving.config, job_id)
    folder.mkdir(parents=True, exist_ok=True)
    name = safe_name(submission.url.split("?", 1)[0]) or "download"
    target = folder / f"001-{name}"
    settings, limit = serving.config.check, serving.config.max_upload_bytes
    try:
        await run_in_threadpool(download, submission.url, target, limit, settings)
    except OutboundRefused as exc:
        raise HTTPException(400, f"url: {exc}") from exc
    check_kind(target, name)
    return [UploadedFile(name=name, stored=str(target))], submission.webhook


async def _check_outbound(url: str, serving: Service, field: str) -> None:
    try:
        await run_in_threadpool(check_url, url, serving.config.check)
    except OutboundRefused as exc:
        raise HTTPException(
            400, f"{field}: {exc}; the service requests only public http(s) addresses"
        ) from exc


def owned_job(job_id: str, who: Caller, serving: Service) -> Job:
    """The caller's job; another token's job is answered as if there were none."""
    job = serving.store.job(job_id, owner=who.owner)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return job


@router.get("/jobs")
def list_jobs(who: CallerDep, serving: ServiceDep) -> list[JobStatus]:
    """The caller's latest jobs, newest first."""
    return [job_status(job) for job in serving.store.jobs_of(who.owner)]


@router.get("/jobs/{job_id}", responses=NO_JOB)
def get_job(job_id: str, who: CallerDep, serving: ServiceDep) -> JobStatus:
    return job_status(owned_job(job_id, who, serving))


@router.get(
    "/jobs/{job_id}/report",
    responses={
        200: {"content": {media: {} for media in MEDIA_TYPES.values()}},
        **NO_JOB,
        **_answers(s409="the job is not done yet"),
    },
)
def get_report(
    job_id: str,
    who: CallerDep,
    serving: ServiceDep,
    format: Annotated[str, Query(description=", ".join(FORMATS))] = "json",
    download: Annotated[bool, Query(description="as an attachment")] = False,
) -> Response:
    if format not in FORMATS:
        raise HTTPException(422, f"format {format!r}: one of {', '.join(FORMATS)}")
    job = owned_job(job_id, who, serving)
    if job.state != "done":
        raise HTTPException(409, f"job {job_id} is {job.state}: no report yet")
    body = serving.store.result(job_id, format)
    if body is None:
        raise HTTPException(404, f"no {format} report for job {job_id}")
    headers = {"X-Content-Type-Options": "nosniff"}
    if download:
        name = f"refcheck-{job_id}.{EXTENSIONS.get(format, 'txt')}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


@router.delete("/jobs/{job_id}", status_code=204, responses=NO_JOB)
def delete_job(job_id: str, who: CallerDep, serving: ServiceDep) -> Response:
    """The job, its files and its reports are deleted."""
    owned_job(job_id, who, serving)
    serving.store.delete(job_id)
    delete_job_files(serving.config, job_id)
    return Response(status_code=204)


@router.post("/tokens", status_code=201, tags=["tokens"], responses=_answers(s403="not admin"))
def create_token(body: NewToken, who: CallerDep, serving: ServiceDep) -> TokenCreated:
    """A new API token (admin token only); its jobs are its own."""
    if not who.admin:
        raise HTTPException(403, "only the admin token may create tokens")
    token = new_token()
    serving.store.add_token(token, body.name)
    return TokenCreated(name=body.name, token=token)
