"""Air-gapped use: install from the wheelhouse, never touch the network, config, CLI surface.

1. The wheelhouse installs into a fresh venv with ``--no-index`` and no network, and the
   installed ``dossier search`` works from another folder on its bundled corpus.
2. No CLI path and not the explorer's start-up opens an internet socket or looks up a host.
3. The config file: read, broken, wrong; ``dossier config``; ``--version``; ``--help`` on
   every command; bash and zsh completion.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import __version__
from search.config import cache_dir, config_path
from tui.cli import COMMANDS, build_parser, main
from tui.settings import DEFAULT_THEME, TEMPLATE, load_settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
WHEELHOUSE_SCRIPT = REPO / "scripts" / "wheelhouse.py"


@pytest.fixture(autouse=True)
def _no_config_override(monkeypatch):
    """A developer's $DOSSIER_CONFIG must not stand in for the test's config file."""
    monkeypatch.delenv("DOSSIER_CONFIG", raising=False)


def offered_commands() -> dict[str, argparse.ArgumentParser]:
    """Subcommand name -> its parser, for the commands that exist right now."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


# -- 1. the wheelhouse installs with no network ----------------------------------------------

#: Put on PYTHONPATH of the installed dossier: any internet socket or host lookup is
#: written to $DOSSIER_NETLOG and refused.
SITECUSTOMIZE = """
import os, socket

_log = os.environ["DOSSIER_NETLOG"]
_INET = (socket.AF_INET, socket.AF_INET6)

def _refuse(what):
    with open(_log, "a") as f:
        f.write(what + "\\n")
    raise OSError(101, "network refused by dossier's offline test: " + what)

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex

def connect(self, address):
    if self.family in _INET:
        _refuse(f"connect {address!r}")
    return _connect(self, address)

def connect_ex(self, address):
    if self.family in _INET:
        _refuse(f"connect_ex {address!r}")
    return _connect_ex(self, address)

socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = lambda host, *a, **k: _refuse(f"getaddrinfo {host!r}")
socket.gethostbyname = lambda host: _refuse(f"gethostbyname {host!r}")
"""

#: Messages of a pip that could not reach an index (the only reason to skip).
NO_NETWORK_SIGNS = (
    "Temporary failure in name resolution",
    "NewConnectionError",
    "Network is unreachable",
    "Could not fetch URL",
    "No matching distribution found for hatchling",
)


def _network_namespace() -> list[str]:
    """``unshare -n --`` when this machine lets us run a command with no network at all."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "-n", "--", "true"], capture_output=True)
    return [unshare, "-n", "--"] if probe.returncode == 0 else []


def _isolated_pip_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no configured index, find-links or constraints
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.mark.slow
def test_wheelhouse_installs_and_searches_with_no_network(tmp_path):
    wheelhouse = tmp_path / "wheelhouse"
    build = subprocess.run(
        [sys.executable, str(WHEELHOUSE_SCRIPT), "--out", str(wheelhouse)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if build.returncode != 0 and any(s in build.stderr for s in NO_NETWORK_SIGNS):
        pytest.skip(f"cannot fetch wheels to build the wheelhouse here:\n{build.stderr[-800:]}")
    assert build.returncode == 0, build.stderr
    wheels = sorted(p.name for p in wheelhouse.glob("*.whl"))
    assert any(name.startswith("dossier-") for name in wheels), wheels

    # Every dependency is a wheel pinned in the lock: nothing to build on the target.
    pins = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (REPO / "requirements.lock").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    shipped = {name.split("-")[0].lower().replace("_", "-") for name in wheels}
    assert pins <= shipped, f"locked but not in the wheelhouse: {pins - shipped}"

    offline = _network_namespace()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # The pip a new venv comes with, as on the target: not upgraded (an old pip reads
    # extras differently, and left lxml_html_clean out, so that no web page could be read).
    import ensurepip

    stock = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True)
    assert stock.stdout.startswith(f"pip {ensurepip.version()} "), stock.stdout
    install = subprocess.run(
        [
            *offline,
            str(python),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "dossier",
        ],
        capture_output=True,
        text=True,
        env=_isolated_pip_env(),
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    # Run the installed command from an unrelated folder, with the network refused.
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE)
    netlog = tmp_path / "net.log"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DOSSIER", "PIP_"))}
    env.update(PYTHONPATH=str(guard), DOSSIER_NETLOG=str(netlog), PYTHONNOUSERSITE="1")
    dossier = str(venv / "bin" / "dossier")

    def run(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*offline, dossier, *argv],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env=env,
            timeout=300,
        )

    version = run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"dossier {__version__}"

    search = run("search", "submarines", "--json")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)["hits"]
    assert hits, "the installed dossier found nothing on its bundled corpus"
    assert all(hit["snippets"] for hit in hits)

    # It searched the corpus inside the install, not this checkout's seeds/.
    docs = run("docs", "--json")
    assert docs.returncode == 0, docs.stderr
    paths = [Path(d["path"]) for d in json.loads(docs.stdout)]
    assert paths and all(venv in p.parents for p in paths), paths
    assert {h["id"] for h in hits} <= {d["id"] for d in json.loads(docs.stdout)}

    # A saved web page is read: every format's libraries were installed.
    pages = tmp_path / "pages"
    pages.mkdir()
    paragraph = "<p>The harbour cranes were idle again today as the dockers walked out.</p>"
    (pages / "cranes.html").write_text(
        "<html><head><title>Harbour cranes stand idle</title></head><body><article>"
        f"<h1>Harbour cranes stand idle</h1>{paragraph * 8}</article></body></html>"
    )
    index = run("--corpus", str(pages), "index", "--json")
    assert index.returncode == 0, index.stderr
    report = json.loads(index.stdout)
    assert report["articles"] == 1 and report["skipped"] == [], report

    assert not netlog.exists(), (
        f"the installed dossier reached for the network: {netlog.read_text()}"
    )


# -- 2. nothing reaches for the network -------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Refuse and record every internet connection and host lookup made in this process."""
    attempts: list[str] = []

    def refuse(what: str):
        attempts.append(what)
        raise OSError(errno.ENETUNREACH, f"network refused by the test: {what}")

    inet = (socket.AF_INET, socket.AF_INET6)
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def connect(self, address):
        if self.family in inet:
            refuse(f"connect {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in inet:
            refuse(f"connect_ex {address!r}")
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        if self.family in inet:
            refuse(f"sendto {args[-1]!r}")
        return real_sendto(self, data, *args)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *a, **k: refuse(f"getaddrinfo {host!r}")
    )
    monkeypatch.setattr(socket, "gethostbyname", lambda host: refuse(f"gethostbyname {host!r}"))
    monkeypatch.setattr(
        socket, "gethostbyname_ex", lambda host: refuse(f"gethostbyname_ex {host!r}")
    )
    yield attempts
    assert not attempts, f"reached for the network: {attempts}"


def test_the_guard_refuses_and_records_a_connection(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never routed
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    assert len(no_network) == 2
    no_network.clear()  # seen; the fixture's own check would fail otherwise


#: Modules that talk to the network. dossier's own code imports none of them, so a path the
#: tests above do not take cannot reach for the network either.
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http.client",
    "urllib.request",
    "ftplib",
    "smtplib",
    "imaplib",
    "poplib",
    "telnetlib",
    "xmlrpc.client",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
}


def test_no_dossier_module_imports_a_network_library():
    import ast

    offenders = []
    for package in ("search", "tui"):
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                else:
                    continue
                for name in names:
                    if name in NETWORK_MODULES:
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno} imports {name}")
    assert not offenders, offenders


def _corpus_facts(folder: Path) -> tuple[list[str], str]:
    """The folder's article ids, and the name of an entity its first article mentions."""
    from search.corpus import Corpus

    corpus = Corpus.open([folder])
    try:
        ids = [a.id for a in corpus.articles]
        names = [e.canonical for e in corpus.entities(ids[0]) if not e.guessed]
        return ids, (names[0] if names else "")
    finally:
        getattr(corpus, "close", lambda: None)()


def _argv_for(name: str, parser: argparse.ArgumentParser, folder: Path) -> list[str]:
    """A working command line for ``name``, filled in from its own positionals."""
    argv = [name, "--corpus", str(folder)]
    for action in parser._actions:
        if action.option_strings or isinstance(action, argparse._SubParsersAction):
            continue
        metavar = str(action.metavar or action.dest).upper()
        many = action.nargs in ("+", "*") or isinstance(action.nargs, int) and action.nargs > 1
        if action.choices:
            argv.append(str(next(iter(action.choices))))
        elif metavar in ("ID", "IDS", "ARTICLE", "ARTICLES", "A", "B", "ID_A", "ID_B"):
            ids, _ = _corpus_facts(folder)
            argv += ids[:2] if many else [ids[len(argv) % len(ids)]]
        elif metavar in ("QUERY", "WORDS", "TERMS"):
            argv.append("submarines")
        elif metavar in ("NAME", "ENTITY"):
            _, name_ = _corpus_facts(folder)
            argv.append(name_)
        else:
            pytest.fail(f"the network test does not know how to fill {name}'s {metavar}")
    return argv


NETWORK_COMMANDS = (
    "index",
    "search",
    "docs",
    "show",
    "export",
    "entities",
    "entity",
    "compare",
    "config",
)


@pytest.mark.parametrize("name", NETWORK_COMMANDS)
def test_cli_path_never_reaches_for_the_network(name, no_network, seeds_copy, capsys):
    parsers = offered_commands()
    assert name in parsers, f"`dossier {name}` is no longer offered"
    argv = _argv_for(name, parsers[name], seeds_copy)
    for extra in ([], ["--json"]):
        if extra and "--json" not in parsers[name]._option_string_actions:
            continue
        status = main([*argv, *extra])
        assert status == 0, (argv, capsys.readouterr().err)


def test_explorer_starts_and_searches_without_network(no_network, seeds_copy):
    from search.corpus import Corpus
    from tui.app import DossierApp

    async def scenario() -> None:
        app = DossierApp(open_corpus=lambda: Corpus.open([seeds_copy]))
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                if app.corpus is not None:
                    break
                await pilot.pause(0.05)
            assert app.corpus is not None, "the corpus never opened"
            await pilot.press(*"submarines", "enter")
            await pilot.pause(0.3)
            await pilot.press("question_mark")
            await pilot.pause(0.1)

    asyncio.run(scenario())


# -- 3. configuration ------------------------------------------------------------------------


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_lives_in_the_platform_config_dir():
    assert config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "dossier" / "config.toml"
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "dossier"


def test_dossier_config_env_names_another_file(tmp_path, monkeypatch):
    other = tmp_path / "work.toml"
    other.write_text('theme = "light"\n', encoding="utf-8")
    monkeypatch.setenv("DOSSIER_CONFIG", str(other))
    assert config_path() == other and load_settings().theme == "light"
    monkeypatch.setenv("DOSSIER_CONFIG", str(tmp_path / "typo.toml"))
    [problem] = load_settings().problems  # named on purpose, so its absence is worth saying
    assert "typo.toml" in problem


def test_no_config_file_means_defaults_and_no_problems():
    config = load_settings()
    assert not config.exists
    assert config.problems == ()
    assert config.corpus == () and config.theme == DEFAULT_THEME and dict(config.keys) == {}
    assert config.index_root == cache_dir()


def test_settings_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    news = tmp_path / "home" / "news"
    news.mkdir(parents=True)
    path = write_config(
        """\
        corpus = ["~/news", "local"]
        theme = "light"
        index_dir = "~/idx"

        [keys]
        search = "ctrl+f, slash"
        quit = ["q", "ctrl+q"]
        results.down = "j"
        "results.up" = "k"
        """
    )
    (path.parent / "local").mkdir()
    config = load_settings()
    assert config.problems == ()
    assert config.corpus == (news, path.parent / "local")  # relative: from the file's folder
    assert config.theme == "light"
    assert dict(config.keys) == {
        "search": "ctrl+f,slash",
        "quit": "q,ctrl+q",
        "results.down": "j",  # binding ids have dots: bare (a TOML table) or quoted
        "results.up": "k",
    }
    assert config.index_dir == tmp_path / "home" / "idx"


def test_a_broken_file_names_the_line_and_the_defaults_apply():
    write_config(
        """\
        theme = "light"
        corpus = ["~/news"]
        theme = dark
        """
    )
    config = load_settings()
    assert config.theme == DEFAULT_THEME and config.corpus == ()
    [problem] = config.problems
    assert "line 3" in problem and "theme = dark" in problem
    assert str(config_path()) in problem


def test_wrong_settings_are_left_out_one_problem_each_and_the_rest_kept(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    write_config(
        f"""\
        corpus = ["{folder}", "{tmp_path / "missing"}"]
        theme = 7
        colour = "red"

        [keys]
        search = "ctrl+f"
        quit = 3
        """
    )
    config = load_settings()
    assert config.corpus == (folder, tmp_path / "missing")  # kept, so that opening it fails
    assert config.theme == DEFAULT_THEME
    assert dict(config.keys) == {"search": "ctrl+f"}
    lines = sorted(int(p.split("line ")[1].split(":")[0]) for p in config.problems)
    assert lines == [1, 2, 3, 7], config.problems  # missing folder, theme, colour, keys.quit


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_file_loads_without_raising(data):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    config = load_settings()
    assert all(isinstance(p, str) and p for p in config.problems)
    assert isinstance(config.theme, str) and config.theme


def toml_value(value) -> str:
    """JSON scalars and arrays are TOML values, once DEL is escaped (TOML forbids it raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


toml_values = st.recursive(
    st.text(max_size=20) | st.integers() | st.booleans(),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=5,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    top=st.dictionaries(
        st.sampled_from(["corpus", "theme", "index_dir", "colour"]), toml_values, max_size=4
    ),
    keys=st.dictionaries(
        st.from_regex(r"[a-z_]{1,8}(\.[a-z]{1,5})?", fullmatch=True),
        toml_values | st.from_regex(r"[a-z0-9+_]{1,6}(,[a-z0-9+_]{1,6}){0,2}", fullmatch=True),
    ),
)
def test_any_settings_load_with_a_problem_for_each_bad_one(top, keys):
    lines = [f"{name} = {toml_value(value)}" for name, value in top.items()]
    lines += ["[keys]", *(f'"{name}" = {toml_value(value)}' for name, value in keys.items())]
    write_config("\n".join(lines) + "\n")
    config = load_settings()
    theme = top.get("theme")
    if isinstance(theme, str) and theme.strip():
        assert config.theme == theme.strip()
    else:
        assert config.theme == DEFAULT_THEME
    for name, value in keys.items():
        if isinstance(value, str) and re.fullmatch(r"[a-z0-9+_]+(,[a-z0-9+_]+)*", value):
            assert config.keys[name] == value
    assert ("colour" in top) <= any("'colour'" in p for p in config.problems)
    assert all(str(config_path()) in p for p in config.problems)


def test_dossier_config_prints_a_long_path_whole_when_piped(capsys, tmp_path):
    """What `dossier config` is for is saying where things are: a path longer than the
    line is printed whole (to a file or a pipe), never cut with an ellipsis."""
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3) / "articles"
    folder.mkdir(parents=True)
    write_config(f'corpus = ["{folder}"]\n')
    assert main(["config"]) == 0
    shown = capsys.readouterr().out
    assert str(folder) in shown.splitlines()[1], shown
    assert "…" not in shown
    assert all(line == line.rstrip() for line in shown.splitlines())


def test_dossier_config_shows_the_file_settings_and_problems(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    write_config(f'corpus = ["{folder}"]\ntheme = "light"\n[keys]\nsearch = "f2"\n')
    assert main(["config", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["config_file"] == str(config_path()) and report["exists"]
    assert report["corpus"] == [str(folder)] and report["corpus_from"] == "config"
    assert report["theme"] == "light" and report["keys"] == {
        "app.search": "f2"
    }  # its id before namespacing
    assert report["index_dir"] == str(cache_dir())
    assert report["problems"] == []

    assert main(["config"]) == 0
    shown = capsys.readouterr().out
    for expected in (str(config_path()), str(folder), "light", "search = f2"):
        assert expected in " ".join(shown.split()), expected

    write_config('theme = "light"\n[keys\n')
    assert main(["config"]) == 1
    assert "line 2" in capsys.readouterr().out


def test_dossier_config_flags_a_key_remap_for_no_binding(capsys):
    from tui.commands.config import known_bindings

    bindings = known_bindings()
    assert "app.quit" in bindings and "app.search" in bindings  # read from the explorer itself
    write_config('theme = "light"\n\n[keys]\nserch = "f2"\nquit = "ctrl+q"\n')
    assert main(["config", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [problem] = report["problems"]
    assert "line 4" in problem and "'serch'" in problem and "did you mean 'app.search'" in problem
    # "quit" is the id from before ids were namespaced: still honoured, as app.quit
    assert report["bindings"]["app.quit"] == "ctrl+q"
    assert report["bindings"]["app.search"] == bindings["app.search"]
    assert report["keys"] == {"app.quit": "ctrl+q"}  # in effect: the ignored one is not listed


def test_a_key_remap_that_is_no_key_says_it_is_ignored_not_what_it_uses(capsys):
    """With the old id set as well (``copy = "x"``), "using its default key" was untrue:
    the old id's key is in effect. The line is ignored, and the report says so."""
    write_config('[keys]\ncopy = "x"\n"reader.copy" = 5\n')
    assert main(["config", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [problem] = report["problems"]
    assert "reader.copy" in problem and "ignored" in problem and "default" not in problem
    assert report["bindings"]["reader.copy"] == "x"


def test_dossier_config_shows_where_the_index_really_is(capsys, seeds_copy, tmp_path):
    write_config(f'index_dir = "{tmp_path / "idx"}"\n')
    assert main(["index", "--corpus", str(seeds_copy), "--json"]) == 0
    capsys.readouterr()
    assert main(["config", "--corpus", str(seeds_copy), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["index_dir"] == str(tmp_path / "idx")
    index = Path(report["index"])
    assert index.is_dir() and tmp_path / "idx" in index.parents
    assert any(index.iterdir()), "the index folder shown is empty: not where dossier index wrote"


def test_a_configured_folder_that_is_missing_is_an_error_not_the_bundled_corpus(
    capsys, tmp_path, monkeypatch
):
    """Before: with the configured ~/news not mounted, `dossier search` answered from the
    bundled articles under a warning; now it fails as `--corpus` or $DOSSIER_CORPUS do."""
    monkeypatch.delenv("DOSSIER_CORPUS", raising=False)
    missing = tmp_path / "news"
    write_config(f'corpus = ["{missing}"]\n')
    for argv in (["search", "submarines"], ["search", "submarines", "--json"], ["docs"]):
        assert main(argv) == 1, argv
        out, err = capsys.readouterr()
        assert out == "", argv
        assert f"no such folder: {missing}" in err and "line 1" in err, err
    assert main(["--corpus", str(missing), "search", "submarines"]) == 1
    assert f"no such folder: {missing}" in capsys.readouterr().err


def test_dossier_still_searches_with_a_broken_config(capsys):
    write_config("corpus = [\n")
    assert main(["search", "submarines", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"]


def test_config_init_writes_a_template_that_changes_nothing_and_never_overwrites(capsys):
    assert main(["config", "--init"]) == 0
    written = config_path().read_text(encoding="utf-8")
    from tui.commands.config import known_bindings

    for binding in known_bindings():  # every remappable binding is listed, commented out
        assert f"# {binding} = " in written or f'# "{binding}" = ' in written, binding
    config = load_settings()
    assert config.exists and config.problems == ()
    assert config.corpus == () and config.theme == DEFAULT_THEME and dict(config.keys) == {}

    config_path().write_text('theme = "light"\n', encoding="utf-8")
    assert main(["config", "--init"]) == 1  # no usage error: the file is in the way
    assert config_path().read_text(encoding="utf-8") == 'theme = "light"\n'
    assert "already exists" in capsys.readouterr().err
    assert written.startswith("#")


def test_template_in_search_config_parses():
    assert tomllib.loads(TEMPLATE) == {"keys": {}}


# -- the command line surface ----------------------------------------------------------------


def test_version_matches_the_package(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert (
        capsys.readouterr().out.strip()
        == f"dossier {project['version']}"
        == f"dossier {__version__}"
    )


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_on_every_command(name, capsys):
    assert name is None or name in offered_commands(), f"`dossier {name}` is no longer offered"
    argv = ["--help"] if name is None else [name, "--help"]
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: dossier{'' if name is None else ' ' + name}")


def completion_script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def test_bash_completion_parses(capsys, tmp_path):
    script = tmp_path / "dossier.bash"
    script.write_text(completion_script("bash", capsys))
    check = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def complete_bash(script: str, words: list[str], cwd: Path) -> list[str]:
    """What bash offers for ``words`` (the last one is being typed)."""
    program = (
        script
        + "\nCOMP_WORDS=("
        + " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        + f")\nCOMP_CWORD={len(words) - 1}\n_dossier\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    )
    result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_bash_completion_offers_commands_options_and_folders(capsys, tmp_path):
    script = completion_script("bash", capsys)
    commands = offered_commands()
    assert set(complete_bash(script, ["dossier", ""], tmp_path)) == set(commands)

    for name, parser in commands.items():
        offered = set(complete_bash(script, ["dossier", name, "--"], tmp_path))
        expected = {s for s in parser._option_string_actions if s.startswith("--")}
        assert offered == expected, name

    (tmp_path / "news folder").mkdir()
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    assert complete_bash(script, ["dossier", "--corpus", "n"], tmp_path) == ["news folder"]
    assert complete_bash(script, ["dossier", "search", "--corpus", ""], tmp_path) == ["news folder"]
    # bash splits "--corpus=ne" at the "=".
    assert complete_bash(script, ["dossier", "--corpus", "=", "ne"], tmp_path) == ["news folder"]
    assert complete_bash(script, ["dossier", "completion", ""], tmp_path) == ["bash", "zsh"]


def test_zsh_completion_names_every_command_and_parses(capsys, tmp_path):
    script = completion_script("zsh", capsys)
    assert script.startswith("#compdef dossier")
    for name, parser in offered_commands().items():
        assert f"'{name}:" in script, name
        for option in parser._option_string_actions:
            assert f"{option}[" in script or f"{option}=[" in script, (name, option)
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed: the script's syntax was not checked")
    path = tmp_path / "_dossier"
    path.write_text(script)
    check = subprocess.run(["zsh", "-n", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_dossier_config_notes_a_data_folder_it_cannot_write(capsys, tmp_path, monkeypatch):
    """Before: `dossier config` said nothing, and the first verdict of a session was the
    first to learn it could not be saved."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    assert main(["config", "--json"]) == 0
    [note] = json.loads(capsys.readouterr().out)["notes"]
    assert "data folder cannot be written" in note and str(blocker) in note, note
    assert "verdicts" in note


def test_dossier_config_notes_an_index_folder_it_cannot_write(capsys, tmp_path):
    """Before: `dossier config` said nothing, and every start built the index in memory
    again. Not a problem (dossier works): a note, and the status stays 0."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    write_config(f'index_dir = "{blocker / "idx"}"\n')
    assert main(["config", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [note] = report["notes"]
    assert str(blocker) in note and "in memory" in note, note
    assert report["problems"] == []
    assert main(["config"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "1 note:" in shown and "cannot be written" in shown, shown

    write_config(f'index_dir = "{tmp_path / "idx"}"\n')  # not there yet: it will be made
    assert main(["config", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == []
