"""Build the desktop bundle from scratch and print its build time and size, by part.

    python bench/bundle_size.py

Numbers for the README's "Desktop bundle" table; never asserted in tests. Builds in a
temporary folder with an empty PyInstaller cache (nothing is left in the checkout or in
~/.cache), so the time is what a clean CI machine takes: a minute or two.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def part_of(relative: Path) -> str:
    """Group a bundled file under a name a reader recognises."""
    parts = relative.parts
    if parts[0] != "_internal" or len(parts) == 1:
        return "launcher"
    top = parts[1]
    if top == "PySide6":
        if "plugins" in parts:
            return "Qt plugins"
        if "lib" in parts or relative.suffix in {".dll", ".dylib"} or ".so." in relative.name:
            return "Qt libraries"
        return "PySide6 modules"
    if top.startswith(("libpython", "python3", "base_library")):
        return "Python"
    if top in {"resources"}:
        return "resources/"
    if "." in top and not top.endswith(".dist-info"):
        return "other shared libraries"
    return "Python packages"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--distpath",
                f"{tmp}/dist",
                "--workpath",
                f"{tmp}/build",
                "--noconfirm",
                "--log-level",
                "WARN",
                str(ROOT / "build_installer.spec"),
            ],
            check=True,
            cwd=tmp,
            # An empty PyInstaller cache: the time a clean CI machine takes.
            env={**os.environ, "PYINSTALLER_CONFIG_DIR": f"{tmp}/pyinstaller-cache"},
        )
        seconds = time.perf_counter() - started
        bundle = Path(tmp, "dist", "sspclerk")
        sizes: dict[str, int] = defaultdict(int)
        for path in bundle.rglob("*"):
            if path.is_file() and not path.is_symlink():
                sizes[part_of(path.relative_to(bundle))] += path.stat().st_size
        total = sum(sizes.values())

    print(f"\nfresh build: {seconds:.0f} s   bundle: {total / 1e6:.0f} MB")
    print(f"{'part':<24}{'MB':>8}{'share':>8}")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"{name:<24}{size / 1e6:>8.1f}{size / total:>8.0%}")


if __name__ == "__main__":
    main()
