"""The real, installed `dossier` in a real terminal: tmux, keys by send-keys, screen by capture-pane.

Uses a private tmux server (its own -L socket), our own tmp corpus and the tmp XDG dirs
of tests/conftest.py. `.ci/run` installs tmux when missing; elsewhere the test skips and
says why. Set DOSSIER_E2E_COMMAND (e.g. "python -m tui.cli") to try an uninstalled tree.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tui_corpus import ARTICLES, write_corpus


def dossier_command() -> list[str] | None:
    override = os.environ.get("DOSSIER_E2E_COMMAND")
    if override:
        return shlex.split(override)
    found = shutil.which("dossier") or (
        str(Path(sys.executable).with_name("dossier"))
        if Path(sys.executable).with_name("dossier").exists()
        else None
    )
    return [found] if found else None


class Tmux:
    def __init__(self) -> None:
        self.socket = f"dossier-e2e-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """The screen once any of ``texts`` shows on it."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"none of {texts!r} appeared; the screen was:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def dossier_or_skip() -> list[str]:
    """The dossier command to drive, or the test skips saying what is missing."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it); cannot drive a real terminal")
    command = dossier_command()
    if command is None:
        pytest.skip("the dossier command is not installed here (make test installs it)")
    return command


def command_line(command: list[str], folder: Path, **extra: str) -> str:
    """A shell line that runs ``command`` on ``folder`` with this test's XDG folders, PATH
    and HOME, a UTF-8 xterm, and ``extra`` variables."""
    env = {
        name: os.environ[name]
        for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "PATH", "HOME")
        if name in os.environ
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra)
    return " ".join(
        ["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items())]
        + [shlex.quote(c) for c in command]
        + ["--corpus", shlex.quote(str(folder))]
    )


def test_dossier_in_tmux_type_open_read(tmp_path):
    command = dossier_or_skip()

    from search.corpus import Corpus

    folder = write_corpus(tmp_path / "articles")
    corpus = Corpus.open([folder], cache_dir=tmp_path / "expected-cache")
    best = corpus.search("harbour").hits[0]
    corpus.close()

    line = command_line(command, folder)
    line += "; echo EXITED $?; sleep 30"

    tmux = Tmux()
    try:
        tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", line)
        tmux.wait_for(f"{len(ARTICLES)} articles")  # every article listed, before typing
        tmux("send-keys", "-t", "e2e", "-l", "harbour")
        results = tmux.wait_for(" hits · ")
        assert best.title in results
        tmux("send-keys", "-t", "e2e", "Enter")
        reader = tmux.wait_for("min read")
        assert best.title in reader
        assert "hit 1/" in reader  # the query's first hit is marked and in view
        tmux("send-keys", "-t", "e2e", "Escape")
        back = tmux.wait_for(" hits · ")  # the search screen, as it was
        assert best.title in back and "harbour" in back
        time.sleep(0.5)  # let the screen switch settle before the next keys
        tmux("send-keys", "-t", "e2e", "Tab")
        time.sleep(0.3)
        tmux("send-keys", "-t", "e2e", "q")  # out of the query box, q quits
        tmux.wait_for("EXITED 0")
    finally:
        tmux.close()


def test_a_query_typed_as_dossier_starts_is_kept(tmp_path):
    """Keys typed before the first frame (the terminal holds them) all reach the query box."""
    command = dossier_or_skip()
    folder = write_corpus(tmp_path / "articles")
    line = command_line(command, folder)
    tmux = Tmux()
    try:
        tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", line)
        for key in "harbour":  # at once: before Python, let alone Textual, has started
            tmux("send-keys", "-t", "e2e", "-l", key)
        screen = tmux.wait_for(" hits · ")
        box = next(row for row in screen.splitlines() if "harbour" in row or "arbour" in row)
        assert box.strip("▊▎ ") == "harbour"
    finally:
        tmux.close()


def _alive(pid: int) -> bool:
    """Is the process running (not gone, not a zombie)? It may go between two looks."""
    try:
        os.kill(pid, 0)
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False


def test_dossier_quits_when_its_terminal_goes_away(tmp_path):
    """An SSH connection drops, or tmux kills the pane. Started through `make` (as `make
    run` does) the hangup signal may never reach dossier, and Textual then reads the dead
    terminal in a loop at full CPU: dossier must notice and quit."""
    if shutil.which("tmux") is None or shutil.which("make") is None:
        pytest.skip("tmux and make are needed (.ci/run installs tmux)")
    command = dossier_command()
    if command is None:
        pytest.skip("the dossier command is not installed here (make test installs it)")
    folder = write_corpus(tmp_path / "articles")
    env = " ".join(
        f"{k}={shlex.quote(os.environ[k])}"
        for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "PATH", "HOME")
        if k in os.environ
    )
    run = " ".join([*(shlex.quote(c) for c in command), "--corpus", shlex.quote(str(folder))])
    (tmp_path / "Makefile").write_text(f"run:\n\tenv {env} TERM=xterm-256color {run}\n")

    tmux = Tmux()
    try:
        tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", f"make -C {tmp_path} run")
        tmux.wait_for(f"{len(ARTICLES)} articles")
        found = subprocess.run(
            ["pgrep", "-f", "--", f"--corpus {folder}"], capture_output=True, text=True
        ).stdout.split()
        pids = [int(p) for p in found if int(p) != os.getpid()]
        assert pids, "the dossier process was not found"
    finally:
        tmux.close()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, 9)
    assert not left, "dossier kept running after its terminal went away"


# -- hangups: 20 dropped sessions, none may leave a process -----------------------------

#: (case, tries): 20 in all. Start-up is the case that failed most (5 of 8) before.
DROPS = (("start-up", 8), ("reader", 4), ("compare", 4), ("reindex", 4))


def _tmux_env(xdg: Path) -> dict[str, str]:
    env = {k: os.environ[k] for k in ("PATH", "HOME") if k in os.environ}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        path = xdg / name.split("_")[1].lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def _drop_session(
    case: str, folder: Path, n: int, xdg: Path, command: list[str]
) -> tuple[int, str]:
    """Start dossier in its own tmux server, bring it to ``case``, kill the session.
    Returns dossier's pid and what the screen showed just before the drop."""
    env = _tmux_env(xdg)
    line = " ".join(
        ["exec", "env", *(f"{k}={shlex.quote(v)}" for k, v in env.items())]
        + [shlex.quote(c) for c in command]
        + ["--corpus", shlex.quote(str(folder))]
    )
    tmux = Tmux()
    try:
        tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", line)
        pid = int(tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip())
        if case == "start-up":  # the first frame, while the index is still being built
            # "Opening corpus…" until the build reports, then its progress bar
            screen = tmux.wait_for("Opening corpus", "files read")
        else:
            screen = tmux.wait_for(f"{n} articles")  # listed: the index is open
            if case == "reader":
                tmux("send-keys", "-t", "e2e", "Enter")
                screen = tmux.wait_for("min read")
            elif case == "compare":
                tmux("send-keys", "-t", "e2e", "Tab")  # out of the query box
                tmux.wait_for("q Quit")
                tmux("send-keys", "-t", "e2e", "c")
                screen = tmux.wait_for("Earlier")
            elif case == "reindex":
                tmux("send-keys", "-t", "e2e", "C-p")
                tmux.wait_for("Search for commands")
                tmux("send-keys", "-t", "e2e", "-l", "Reindex corpus")
                # the command listed (its help shows), not a match still being looked for:
                # Enter on the palette's first row before it filters opens an article
                tmux.wait_for("Rebuild the search index")
                tmux("send-keys", "-t", "e2e", "Enter")
                screen = tmux.wait_for("reindexing")
    finally:
        tmux.close()
    return pid, screen


def test_no_dropped_session_leaves_a_process(tmp_path):
    """An SSH drop (tmux kill-session) at start-up while the index is being built, in the
    reader, in the compare view and during a reindex: dossier is gone within a couple of
    seconds every time (the issue asked for one; the margin is for a loaded CI machine),
    and an interrupted reindex leaves the index as it was."""
    command = dossier_or_skip()
    from concurrent.futures import ThreadPoolExecutor

    from bench.generate import write_corpus as generate
    from search.config import load_config
    from search.corpus import Corpus

    small = write_corpus(tmp_path / "small")
    big = tmp_path / "big"
    generate(big, 150)  # takes seconds to index: the drop lands while it is being built
    # Built indexes to copy for the cases that start from one (reader, compare, reindex).
    prebuilt = {}
    for name, folder in (("small", small), ("big", big)):
        xdg = tmp_path / f"xdg-{name}"
        env = _tmux_env(xdg)
        with pytest.MonkeyPatch.context() as mp:
            for k, v in env.items():
                mp.setenv(k, v)
            Corpus.open([folder], cache_dir=load_config().index_dir).close()
        prebuilt[name] = xdg

    tries = []
    for case, n in DROPS:
        for i in range(n):
            xdg = tmp_path / f"xdg-{case}-{i}"
            if case != "start-up":
                shutil.copytree(prebuilt["big" if case == "reindex" else "small"], xdg)
            if case in ("start-up", "reindex"):
                tries.append((case, big, 150, xdg))
            else:
                tries.append((case, small, len(ARTICLES), xdg))

    with ThreadPoolExecutor(max_workers=4) as pool:
        dropped = list(pool.map(lambda t: (t, _drop_session(*t, command)), tries))

    survivors = []
    for (case, _folder, _n, _xdg), (pid, _screen) in dropped:
        deadline = time.monotonic() + 3.0
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid):
            survivors.append((case, pid))
            os.kill(pid, 9)
    assert not survivors, (
        f"{len(survivors)} of {len(tries)} dropped sessions left dossier running: {survivors}"
    )

    # Each interrupted reindex left a whole index: it opens without a rebuild, with every article.
    for (case, folder, _n, xdg), _ in dropped:
        if case != "reindex":
            continue
        with pytest.MonkeyPatch.context() as mp:
            for k, v in _tmux_env(xdg).items():
                mp.setenv(k, v)
            corpus = Corpus.open([folder], cache_dir=load_config().index_dir)
            try:
                assert len(corpus.articles) == 150
                word = max(corpus.articles[0].title.split(), key=len).strip("’'")
                assert corpus.search(word).total > 0
            finally:
                corpus.close()


def test_ctrl_z_suspends_to_the_shell_and_fg_draws_the_explorer_again(tmp_path):
    """The audit: ctrl+z did nothing over SSH, so `fg` and `jobs` were typed into the
    query box; then, once it did suspend, `fg` came back to a blank screen."""
    command = dossier_or_skip()
    folder = write_corpus(tmp_path / "articles")
    line = command_line(command, folder, PS1="SHELL$ ")
    tmux = Tmux()
    try:
        shell = "env PS1='SHELL$ ' bash --norc --noprofile -i"
        tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", shell)
        tmux.wait_for("SHELL$")
        tmux("send-keys", "-t", "e2e", "-l", line)
        tmux("send-keys", "-t", "e2e", "Enter")
        tmux.wait_for(f"{len(ARTICLES)} articles")
        tmux("send-keys", "-t", "e2e", "-l", "harbour")
        tmux.wait_for(" hits · ")
        time.sleep(0.3)
        tmux("send-keys", "-t", "e2e", "C-z")
        stopped = tmux.wait_for("Stopped")
        assert " hits · " not in stopped  # the shell's screen, not the explorer's
        tmux("send-keys", "-t", "e2e", "-l", "fg")
        tmux("send-keys", "-t", "e2e", "Enter")
        back = tmux.wait_for(" hits · ", timeout=10)
        assert "harbour" in back and "Results, best first" in back
    finally:
        tmux.close()
