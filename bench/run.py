"""Run every benchmark and print one table; write it to bench/RESULTS.md.

    python bench/run.py                 # all bench/bench_*.py
    python bench/run.py --only export   # the modules whose name contains "export" (printed only)
    python bench/run.py --list          # what would run

Each ``bench/bench_*.py`` follows the contract in bench/common.py and
bench/README.md: ``run() -> list[Row]``.  A module that fails is a row saying
so, never the end of the run.  A module that has no ``run()`` yet is run as a
script with no arguments and its output kept under "Other output", so nothing
measured is dropped while the benches move to the contract.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import Row  # noqa: E402

HEADER = ("Measurement", "Ours", "Peer", "Peer's", "Ratio", "Goal", "Note")


def discover(folder: Path, only: str | None = None) -> list[Path]:
    found = sorted(folder.glob("bench_*.py"))
    return [p for p in found if not only or only in p.stem]


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_run_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_module(path: Path, timeout: float) -> tuple[list[Row], str]:
    """Rows from a contract module, or (no rows, printed output) from an older script."""
    try:
        module = _load(path)
    except SystemExit as exc:  # argparse or sys.exit outside `if __name__ == "__main__"`
        return [Row(path.stem, None, "", None, "", note=f"failed: exited on import ({exc})")], ""
    except Exception as exc:  # a broken bench is a row, not the end of the run
        return [_failed(path, exc)], ""
    run = getattr(module, "run", None)
    if callable(run):
        try:
            rows = list(run())
        except Exception as exc:
            return [_failed(path, exc)], ""
        bad = [r for r in rows if not isinstance(r, Row)]
        if bad:
            return [
                Row(
                    path.stem,
                    None,
                    "",
                    None,
                    "",
                    note=f"run() returned {type(bad[0]).__name__}, not Row",
                )
            ], ""
        return rows, ""
    return [], _run_script(path, timeout)


def _failed(path: Path, exc: BaseException) -> Row:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return Row(path.stem, None, "", None, "", note=f"failed: {type(exc).__name__}: {exc}{at}")


def _run_script(path: Path, timeout: float) -> str:
    try:
        proc = subprocess.run(
            [sys.executable, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=str(HERE.parent),
        )
    except subprocess.TimeoutExpired:
        return f"(stopped after {timeout:.0f} s)"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return f"(exit {proc.returncode}: {last}; it has no run() for bench/run.py yet)"
    return proc.stdout.rstrip()


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f"{value:.{digits}f} {unit}".strip()


def cells(row: Row) -> tuple[str, ...]:
    if not row.peer_name:
        peer = "—"
    elif row.peer is None:
        peer = "failed" if "peer failed" in row.note else "not installed"
    else:
        peer = _figure(row.peer, row.unit)
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
    return (
        row.name,
        _figure(row.ours, row.unit),
        row.peer_name or "—",
        peer,
        ratio,
        row.goal or "—",
        row.note,
    )


def text_table(rows: list[Row]) -> str:
    table = [HEADER, *(cells(r) for r in rows)]
    widths = [min(60, max(len(r[i]) for r in table)) for i in range(len(HEADER))]
    lines = []
    for n, r in enumerate(table):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[Row], others: dict[str, str], elapsed: float) -> str:
    out = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} by `python bench/run.py` in {elapsed:.0f} s "
        "(every row's peer measured in the same run).",
        "",
        f"Machine: {machine()}.",
        "",
        "Ratio = ours / peer's (below 1: we are faster or smaller). A peer shown as "
        "*not installed* can be installed as bench/README.md says.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    out += ["| " + " | ".join(_md(c) for c in cells(r)) + " |" for r in rows]
    if others:
        out += [
            "",
            "## Other output",
            "",
            "Benches without `run()` yet, run as scripts; their own tables, as printed.",
            "",
        ]
        for name, text in others.items():
            out += [f"### {name}", "", "```", text or "(no output)", "```", ""]
    return "\n".join(out).rstrip() + "\n"


def machine() -> str:
    try:
        load = f", load average {os.getloadavg()[0]:.1f}"
    except (OSError, AttributeError):
        load = ""
    return (
        f"{platform.system()} {platform.release()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs{load}; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def write_atomically(path: Path, text: str) -> None:
    from sspclerk.files import write_atomically as write

    write(path, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the modules whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the modules and stop")
    parser.add_argument("--dir", type=Path, default=HERE, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="results file (default: <dir>/RESULTS.md)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--script-timeout", type=float, default=600)
    args = parser.parse_args(argv)
    modules = discover(args.dir, args.only)
    if args.list or not modules:
        print("\n".join(p.stem for p in modules) or f"no bench_*.py in {args.dir}")
        return 0
    start = time.perf_counter()
    rows: list[Row] = []
    others: dict[str, str] = {}
    for path in modules:
        print(f"running {path.stem} …", file=sys.stderr, flush=True)
        got, printed = run_module(path, args.script_timeout)
        rows += got
        if not got:
            others[path.stem] = printed
    elapsed = time.perf_counter() - start
    print(text_table(rows))
    for name, text in others.items():
        print(f"\n{name} (no run() yet; as printed):\n{text}")
    if args.only and not args.out:
        # A part of the table must not replace the whole of it.
        print(
            "\n--only: RESULTS.md left as it was (give --out to save these rows)", file=sys.stderr
        )
    elif not args.no_write:
        out = args.out or args.dir / "RESULTS.md"
        write_atomically(out, markdown(rows, others, elapsed))
        print(f"\nwritten to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
