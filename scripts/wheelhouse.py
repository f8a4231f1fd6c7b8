"""Collect every wheel needed to install dossier, with no network, into one folder.

    python scripts/wheelhouse.py                 # -> dist/wheelhouse (what `make wheelhouse` runs)
    python scripts/wheelhouse.py --out DIR
    python scripts/wheelhouse.py --update-lock   # re-resolve requirements.lock (needs the index)

The folder holds dossier's own wheel and one wheel per dependency at the version
pinned in ``requirements.lock``, built for the Python running this script. Copy it
to a machine with no network and run::

    python3 -m venv ~/.local/dossier && ~/.local/dossier/bin/pip install \\
        --no-index --find-links wheelhouse dossier

Before it finishes, the script proves the folder is complete: the pip that a new
venv comes with (as on the target, not the upgraded one running this script) resolves
an install of dossier from it alone (``--no-index``, no config files), takes every
locked package (none left out with an extra it misreads), each at its locked version.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PROJECT = "dossier"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "wheelhouse")
    parser.add_argument("--lock", type=Path, default=LOCK, help="pinned versions to collect")
    parser.add_argument(
        "--update-lock",
        action="store_true",
        help="resolve the newest versions pyproject.toml allows and rewrite the lock",
    )
    args = parser.parse_args(argv)
    try:
        if args.update_lock:
            update_lock(args.lock)
            return 0
        build(args.out, args.lock)
    except BuildError as exc:
        print(f"wheelhouse: {exc}", file=sys.stderr)
        return 1
    return 0


class BuildError(Exception):
    pass


def build(out: Path, lock: Path) -> list[Path]:
    """Fill ``out`` (emptied first) with dossier's wheel and its locked dependencies."""
    started = time.monotonic()
    if not lock.is_file():
        raise BuildError(f"{lock} is missing: run with --update-lock to make it")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    # 1. dossier's own wheel. With hatchling already here, build without fetching it.
    no_isolation = ["--no-build-isolation"] if _has_module("hatchling") else []
    _pip("wheel", "--no-deps", *no_isolation, "--wheel-dir", str(out), str(ROOT))
    own = sorted(out.glob(f"{PROJECT}-*.whl"))
    if len(own) != 1:
        raise BuildError(f"expected one {PROJECT} wheel in {out}, found {len(own)}")

    # 2. Its dependencies at the locked versions; a dependency published only as an
    #    sdist is built into a wheel here, so the target machine needs no compiler.
    try:
        _pip("wheel", "--wheel-dir", str(out), "--constraint", str(lock), str(own[0]))
    except BuildError as exc:
        if "ResolutionImpossible" in str(exc) or "conflict" in str(exc).lower():
            raise BuildError(
                f"{exc}\n\n{lock.name} no longer fits pyproject.toml's dependencies: "
                "run `make lock` (or this script with --update-lock), then `make test`"
            ) from None
        raise

    # 3. Prove it: resolve an install from this folder alone, as the target's pip would.
    resolved = resolve_offline(out)
    pins = read_lock(lock)
    left_out = sorted(set(pins) - set(resolved))
    if left_out:
        raise BuildError(
            f"a new venv's pip would not install {', '.join(left_out)} from {out} "
            f"though {lock.name} pins it: depend on it directly in pyproject.toml"
        )
    wrong = {
        name: version
        for name, version in resolved.items()
        if name != PROJECT and name in pins and pins[name] != version
    }
    unpinned = sorted(name for name in resolved if name != PROJECT and name not in pins)
    if wrong:
        raise BuildError(f"resolved versions differ from {lock.name}: {wrong}")
    if unpinned:
        print(
            f"wheelhouse: note: not pinned in {lock.name}: {', '.join(unpinned)} "
            "(run --update-lock on this Python)",
            file=sys.stderr,
        )

    (out / "INSTALL.txt").write_text(INSTALL.format(python=_python_tag()), encoding="utf-8")
    wheels = sorted(out.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels)
    print(
        f"{out}: {len(wheels)} wheels, {size / 1e6:.1f} MB, "
        f"for Python {sys.version_info.major}.{sys.version_info.minor} "
        f"({time.monotonic() - started:.0f} s)"
    )
    return wheels


INSTALL = """\
dossier wheelhouse: everything needed to install dossier with no network,
for {python}. On the machine without network, from the folder holding this one:

    python3 -m venv ~/.local/share/dossier-venv
    ~/.local/share/dossier-venv/bin/pip install --no-index --find-links wheelhouse dossier
    ~/.local/share/dossier-venv/bin/dossier --version

(or `pip install --user --no-index --find-links wheelhouse dossier`).
"""


def _python_tag() -> str:
    import platform

    return (
        f"{platform.python_implementation()} {sys.version_info.major}.{sys.version_info.minor} "
        f"on {platform.system()} {platform.machine()}"
    )


def resolve_offline(wheelhouse: Path) -> dict[str, str]:
    """name -> version that the pip of a new venv (``python -m venv``: the pip bundled
    with this Python, often older than the running one) would install from ``wheelhouse``
    with no index and no config. (pip before 24 reads an extra by its exact spelling: it
    leaves out what trafilatura's ``lxml[html_clean]`` brings, as lxml 6 spells it
    ``html-clean``; :func:`build` checks that every locked package is still taken.)"""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        _run([sys.executable, "-m", "venv", str(venv)])
        report = Path(tmp) / "report.json"
        _pip(
            "install",
            "--dry-run",
            "--ignore-installed",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "--report",
            str(report),
            PROJECT,
            env=isolated_pip_env(),
            python=venv / "bin" / "python",
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    return {
        _normalise(item["metadata"]["name"]): item["metadata"]["version"]
        for item in data["install"]
    }


def update_lock(lock: Path) -> None:
    """Resolve dossier's runtime dependencies from the index and write them pinned."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        _pip("install", "--dry-run", "--ignore-installed", "--report", str(report), str(ROOT))
        data = json.loads(report.read_text(encoding="utf-8"))
    pins = sorted(
        (_normalise(item["metadata"]["name"]), item["metadata"]["version"])
        for item in data["install"]
        if _normalise(item["metadata"]["name"]) != PROJECT
    )
    impl = f"{sys.implementation.name} {sys.version_info.major}.{sys.version_info.minor}"
    lines = [
        "# dossier's runtime dependencies, pinned: what `make wheelhouse` collects.",
        f"# Resolved for {impl} by `python scripts/wheelhouse.py --update-lock`",
        "# (pyproject.toml says what is allowed; this file says what was tested).",
        *(f"{name}=={version}" for name, version in pins),
    ]
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{lock}: {len(pins)} packages pinned")


def read_lock(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_normalise(name)] = version.strip()
    return pins


def isolated_pip_env() -> dict[str, str]:
    """The environment with no pip configuration: no index, find-links or constraints."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _pip(*args: str, env: dict[str, str] | None = None, python: Path | None = None) -> str:
    """Run pip (this Python's, or ``python``'s); its output, warnings included."""
    command = [str(python or sys.executable), "-m", "pip", "--quiet", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise BuildError(f"`pip {' '.join(args)}` failed:\n{output}")
    return output


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"`{' '.join(command)}` failed:\n{output}")


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


if __name__ == "__main__":
    sys.exit(main())
