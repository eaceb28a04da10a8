"""bench/run.py: one table from every bench module, whatever state each is in.

No timing is asserted: these modules return fixed figures so the table itself
(ratio, "not installed", failures, older scripts) can be checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CONTRACT = """
from bench.common import Row

def run():
    return [
        Row("Export a 60-item meeting to PDF", 1.5, "soffice --headless", 3.0, "s", "≤ 2 s"),
        Row("Pack of 400 pages", 2.0, "pdfunite", None, "s", note="pdfunite not installed"),
        Row("Search p95", 8.0, "raw FTS5", None, "ms", note="peer failed: no table"),
    ]
"""
BROKEN = "def run():\n    raise RuntimeError('the sample PDF is missing')\n"
SCRIPT = "print('older bench | its own table')\n"
NEEDS_ARGS = (
    "import sys\nif __name__ == '__main__':\n    sys.exit('usage: bench_needs_args.py STORE')\n"
)
EXITS = "import sys\nsys.exit('usage: bench_exits.py STORE')\n"


def test_run_collects_rows_failures_and_older_scripts(tmp_path: Path) -> None:
    (tmp_path / "bench_contract.py").write_text(CONTRACT)
    (tmp_path / "bench_broken.py").write_text(BROKEN)
    (tmp_path / "bench_script.py").write_text(SCRIPT)
    (tmp_path / "bench_needs_args.py").write_text(NEEDS_ARGS)
    (tmp_path / "bench_exits.py").write_text(EXITS)
    (tmp_path / "helper.py").write_text("raise SystemExit('not a bench: never imported')")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stderr
    results = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    table = [line for line in results.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| Measurement | Ours | Peer | Peer's | Ratio | Goal | Note")
    pdf = next(line for line in table if "60-item" in line)
    assert "1.50 s" in pdf and "3.00 s" in pdf and "0.50×" in pdf and "≤ 2 s" in pdf
    pack = next(line for line in table if "400 pages" in line)
    assert "not installed" in pack and "—" in pack
    assert "failed" in next(line for line in table if "Search p95" in line)
    broken = next(line for line in table if "bench_broken" in line)
    assert "RuntimeError: the sample PDF is missing" in broken
    assert "older bench \\| its own table" not in results  # kept verbatim, in a code block
    assert "### bench_script" in results and "older bench | its own table" in results
    assert "usage: bench_needs_args.py STORE" in results
    assert "exited on import (usage: bench_exits.py STORE)" in results
    assert "helper" not in results
    assert "Machine:" in results and "CPUs" in results
    # The printed table holds the same rows as the file.
    assert "60-item" in proc.stdout and "not installed" in proc.stdout


def test_list_shows_the_modules_and_runs_nothing(tmp_path: Path) -> None:
    (tmp_path / "bench_a.py").write_text("raise SystemExit('must not be imported by --list')")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--dir", str(tmp_path), "--list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and proc.stdout.split() == ["bench_a"]
    assert not (tmp_path / "RESULTS.md").exists()


def test_only_part_of_the_benches_leaves_the_results_file_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "bench_contract.py").write_text(CONTRACT)
    (tmp_path / "bench_script.py").write_text(SCRIPT)
    (tmp_path / "RESULTS.md").write_text("the whole table\n", encoding="utf-8")
    run = [
        sys.executable,
        str(ROOT / "bench" / "run.py"),
        "--dir",
        str(tmp_path),
        "--only",
        "contract",
    ]
    proc = subprocess.run(run, capture_output=True, text=True, timeout=60, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr
    assert "60-item" in proc.stdout  # measured and printed
    assert (tmp_path / "RESULTS.md").read_text(encoding="utf-8") == "the whole table\n"
    proc = subprocess.run(
        [*run, "--out", str(tmp_path / "part.md")], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "60-item" in (tmp_path / "part.md").read_text(encoding="utf-8")
