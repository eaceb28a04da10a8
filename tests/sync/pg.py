"""A real PostgreSQL server for the sync tests: initdb into a temporary folder,
pg_ctl start on a free port of 127.0.0.1, stopped at the end of the session.

Run as root (CI is), the server runs as the unprivileged ``postgres`` user, since
initdb refuses root.  Clerks log in over TCP with passwords read from a password
file (PGPASSFILE), as on a council's laptops; the administrator uses the socket.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Clerks of the test team: (role, password, may read restricted items).
CLERKS = {
    "alice": ("alice-pw-1", True),
    "bob": ("bob-pw-2", False),
    "carol": ("carol-pw-3", True),
}


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout), else PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for path in reversed(candidates):
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def why_not() -> str | None:
    """None when a server can be started here; else the reason to skip."""
    if find_bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql package (.ci/run does)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return (
                "running as root and there is no unprivileged 'postgres' user to run the server as"
            )
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int = 0
    user: str | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.root / "server.log"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sockets(self) -> Path:
        return self.root / "sockets"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        kwargs = {"user": self.user} if self.user else {}
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=self.root,
            **kwargs,
        )

    def init(self) -> None:
        self.sockets.mkdir(parents=True, exist_ok=True)
        pwfile = self.root / "pw"
        pwfile.write_text("admin-pw\n")
        if self.user:
            entry = pwd.getpwnam(self.user)
            for p in (self.root, self.sockets, pwfile):
                os.chown(p, entry.pw_uid, entry.pw_gid)
        done = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--pwfile",
            str(pwfile),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        pwfile.unlink()
        self.port = free_port()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60 -c shared_buffers=64MB"
        )
        done = self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "start",
        )
        if done.returncode:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr}{log}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def admin(self, dbname: str = "postgres") -> str:
        return f"host={self.sockets} port={self.port} user=postgres dbname={dbname}"


def start_cluster() -> Cluster:
    bindir = find_bindir()
    assert bindir is not None
    root = Path(tempfile.mkdtemp(prefix="sspclerk-pg-"))
    user = "postgres" if os.geteuid() == 0 else None
    cluster = Cluster(bindir, root, user=user)
    try:
        cluster.init()
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    with contextlib.suppress(Exception):
        cluster.stop("immediate")
    # Wait for the postmaster to let go of its files before removing them.
    for _ in range(50):
        if not (cluster.data / "postmaster.pid").exists():
            break
        time.sleep(0.1)
    shutil.rmtree(cluster.root, ignore_errors=True)
