"""A throwaway PostgreSQL server on a loopback port, for the tests of the job store on it.

Uses the PostgreSQL programs installed on the machine (PATH, or Debian's
/usr/lib/postgresql/*/bin). initdb refuses to run as root: as root, the server runs as the
``postgres`` user Debian's package creates. :func:`postgres_programs` says why a test must skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "refcheck"


def postgres_programs() -> tuple[Path | None, str]:
    """The folder of initdb and pg_ctl, or None and the reason there is none to use."""
    found = shutil.which("initdb")
    candidates = [Path(found).parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    folder = next((c for c in candidates if (c / "pg_ctl").is_file()), None)
    if folder is None:
        return None, "no PostgreSQL server programs (initdb, pg_ctl) on this machine"
    if os.geteuid() == 0 and not _has_user("postgres"):
        return None, "running as root and no postgres user to run the server as"
    return folder, ""


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def running_postgres(folder: Path) -> Iterator[str]:
    """A server in a temporary folder until the block ends; yields its postgresql:// URL.

    The folder is the system's, not pytest's: pytest's are private to their owner, and as root
    the server runs as ``postgres``, which must reach its data."""
    with tempfile.TemporaryDirectory(prefix="refcheck-postgres-") as name:
        yield from _server(folder, Path(name))


def _server(folder: Path, workdir: Path) -> Iterator[str]:
    data, sockets = workdir / "data", workdir / "sockets"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        for path in (workdir, sockets):
            os.chown(path, account.pw_uid, account.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = [*prefix, str(folder / "initdb"), "-D", str(data), "-U", USER, "--auth=trust"]
    subprocess.run([*run, "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [*prefix, str(folder / "pg_ctl"), "-D", str(data), "-l", str(workdir / "log")]
    subprocess.run([*ctl, "-w", "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*ctl, "-m", "immediate", "stop"], check=False, capture_output=True)
