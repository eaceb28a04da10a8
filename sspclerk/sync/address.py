"""Where the team server is, and how to say so without ever showing a password.

An address is anything libpq reads: ``postgresql://alice@db.council.local/clerks``,
``host=db port=5432 dbname=clerks user=alice`` or ``service=clerks`` (the service
file).  Passwords belong in libpq's password file (``~/.pgpass``; on Windows
``%APPDATA%\\postgresql\\pgpass.conf``): they are never printed, never kept in the
store, and :func:`label` is the only form of an address that messages use.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from psycopg import conninfo

from sspclerk.files import OutputError, reason, write_atomically

from .errors import SyncError

ENV = "SSPCLERK_SERVER"

#: Added unless the address says otherwise: fail fast when the server is away, and
#: notice a cut connection within seconds instead of hanging on a dead socket.
DEFAULTS = {
    "connect_timeout": "5",
    "application_name": "sspclerk",
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
    "tcp_user_timeout": "20000",
}

_SECRET_KEYS = ("password",)


@dataclass(frozen=True)
class ServerAddress:
    """A parsed address: ``params`` for libpq, ``label`` for people."""

    params: dict[str, str]

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        text = (text or "").strip()
        if not text:
            raise SyncError(
                f"no server given: use --server URL, set {ENV}, or the window's settings"
            )
        try:
            params = conninfo.conninfo_to_dict(text)
        except Exception:
            # libpq's message would repeat the address, password and all.
            raise SyncError(
                f"{mask(text)} is not a server address (postgresql://USER@HOST/DATABASE)"
            ) from None
        return cls({k: str(v) for k, v in params.items() if v is not None})

    @property
    def label(self) -> str:
        return label(self.params)

    @property
    def user(self) -> str:
        return self.params.get("user") or os.environ.get("PGUSER") or _login_name()

    def connect_info(self) -> str:
        """The string psycopg connects with (password included, if one was given)."""
        return conninfo.make_conninfo(**{**DEFAULTS, **self.params})

    def without_password(self) -> str:
        """What may be kept (in the store's settings): the address, never the secret."""
        return conninfo.make_conninfo(
            **{k: v for k, v in self.params.items() if k not in _SECRET_KEYS}
        )


def label(params: dict[str, str]) -> str:
    """``postgresql://alice@db:5432/clerks`` or ``service clerks``: no password, ever."""
    if params.get("service") and not params.get("host"):
        return f"service {params['service']}"
    host = params.get("host") or params.get("hostaddr") or "localhost"
    if host.startswith("/"):
        host = "localhost"
    port = f":{params['port']}" if params.get("port") else ""
    user = f"{params['user']}@" if params.get("user") else ""
    db = params.get("dbname", "")
    return f"postgresql://{user}{host}{port}/{db}"


def mask(text: str) -> str:
    """Any text with a password in an address or ``password=`` blanked out."""
    import re

    text = re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    return re.sub(r"(password\s*=\s*)('[^']*'|\S+)", r"\1***", text, flags=re.IGNORECASE)


def resolve(given: str | None, stored: str = "") -> ServerAddress | None:
    """The address to use: ``--server``, else $SSPCLERK_SERVER, else the store's setting."""
    for text in (given, os.environ.get(ENV), stored):
        if text and text.strip():
            return ServerAddress.parse(text)
    return None


def password_file() -> Path:
    """libpq's password file: $PGPASSFILE, else its per-user default."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def save_password(address: ServerAddress, password: str) -> Path:
    """Keep the password where libpq looks for it (mode 600), replacing an old line.

    The file is written whole through the one atomic writer, so a failure
    (OutputError, one line) leaves the old one; other lines are kept as they were.
    """

    def esc(value: str) -> str:
        return value.replace("\\", "\\\\").replace(":", "\\:")

    p = address.params
    host = p.get("host") or "localhost"
    key = ":".join(
        esc(x) for x in (host, p.get("port") or "5432", p.get("dbname") or "*", address.user)
    )
    path = password_file()
    lines = []
    if path.exists():
        lines = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith(key + ":")
        ]
    lines.append(f"{key}:{esc(password)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(reason(exc, path)) from None
    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"), mode=0o600)
    return path


def _login_name() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:
        return ""
