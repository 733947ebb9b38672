"""The service's own settings: where it keeps its data, who may call it, and its limits.

The checks themselves are configured as for ``refcheck check`` (a :class:`~refcheck.config.Settings`
from the same settings file and environment variables); these are what only a service has.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.config import Settings

DEFAULT_MAX_UPLOAD_MB = 50
DEFAULT_MAX_FILES = 20
DEFAULT_RATE_PER_MINUTE = 60
DEFAULT_RETENTION_DAYS = 30
ADMIN_TOKEN_ENV = "REFCHECK_ADMIN_TOKEN"
WEBHOOK_SECRET_ENV = "REFCHECK_WEBHOOK_SECRET"
DATABASE_URL_ENV = "REFCHECK_DATABASE_URL"
ADMIN_TOKEN_FILE = "admin-token"
WEBHOOK_SECRET_FILE = "webhook-secret"
SQLITE_FILE = "refcheck.sqlite3"  # the job store when no database URL is given


@dataclass(frozen=True)
class ServeConfig:
    data_dir: Path
    check: Settings = field(default_factory=Settings)
    database_url: str | None = None  # sqlite:///…, postgresql://…; None: DATA_DIR/SQLITE_FILE
    admin_token: str | None = None  # None: read from DATA_DIR/admin-token, made at first start
    webhook_secret: str | None = None  # None: read from DATA_DIR/webhook-secret, made likewise
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024  # all files of one job together
    max_files: int = DEFAULT_MAX_FILES
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE  # requests per token
    retention_days: float = DEFAULT_RETENTION_DAYS  # uploads and results, after a job ends


def config_from_environment(data_dir: Path, check: Settings) -> ServeConfig:
    """The configuration with the secrets and database URL the environment gives."""
    return ServeConfig(
        data_dir=data_dir,
        check=check,
        database_url=os.environ.get(DATABASE_URL_ENV) or None,
        admin_token=os.environ.get(ADMIN_TOKEN_ENV) or None,
        webhook_secret=os.environ.get(WEBHOOK_SECRET_ENV) or None,
    )


def stored_secret(data_dir: Path, name: str) -> tuple[str, bool]:
    """The secret kept in ``data_dir/name``, made on first use (readable by the owner only);
    the flag says whether it was made now."""
    path = data_dir / name
    if path.is_file():
        return path.read_text(encoding="utf-8").strip(), False
    secret = secrets.token_urlsafe(32)
    data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secret + "\n")
    return secret, True
