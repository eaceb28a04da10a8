"""The command line imports only the module of the command it runs.

``sspclerk/cli/__init__.py`` lists every command in a table (``_COMMANDS``) so
that ``--help`` can show them all without importing their modules.  These tests
keep that table equal to what the modules register, and check in real processes
that every command still parses its own options.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from sspclerk import cli
from sspclerk.store import Store
from tests.conftest import cli_env


def _registered() -> dict[str, tuple[str, str]]:
    """Each command with its area and help, as the area modules themselves register."""
    parser = argparse.ArgumentParser()
    common = argparse.ArgumentParser(add_help=False)
    sub = parser.add_subparsers()
    owner: dict[str, str] = {}
    for area in cli._AREAS:
        before = dict(sub.choices)
        importlib.import_module(f"sspclerk.cli.{area}").register(sub, common)
        # A later area may take a command over (reliability_cmds' `restore`).
        owner.update({name: area for name, p in sub.choices.items() if before.get(name) is not p})
    return {c.dest: (owner[c.dest], c.help) for c in sub._choices_actions}


def test_the_command_table_matches_what_the_modules_register() -> None:
    registered = _registered()
    assert list(cli._COMMANDS) == list(registered)  # same commands, same --help order
    assert registered == cli._COMMANDS


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


@pytest.mark.parametrize("command", list(cli._COMMANDS))
def test_each_command_is_registered_for_real_when_named(command: str) -> None:
    area = cli._COMMANDS[command][0]
    for argv in ([command, "--help"], ["--db", "x.sqlite", command], ["--db=x", command]):
        parser = cli.build_parser(argv)
        choices = _subcommands(parser).choices
        assert set(choices) == set(cli._COMMANDS)
        for name, (owner, _help) in cli._COMMANDS.items():
            is_real = choices[name].get_default("run") is not None
            assert is_real == (owner == area), (argv, name)


def test_a_value_that_looks_like_a_command_is_not_taken_for_one() -> None:
    # "export" here is the store file's name and the meeting to open, not a command.
    argv = ["--db", "export", "--meeting", "pack", "show", "1"]
    choices = _subcommands(cli.build_parser(argv)).choices
    assert choices["show"].get_default("run") is not None
    assert choices["export"].get_default("run") is None
    assert choices["pack"].get_default("run") is None


def test_a_misread_command_line_falls_back_to_every_module(monkeypatch, tmp_path) -> None:
    """If the guess names no area, the stand-in chosen makes main build the full parser."""
    monkeypatch.setattr(cli, "_area_of", lambda argv: None)
    monkeypatch.setenv("SSPCLERK_CACHE_DIR", "")
    Store.open(tmp_path / "s.sqlite").close()
    assert cli.main(["--db", str(tmp_path / "s.sqlite"), "meetings", "--json"]) == 0


def test_a_command_missing_from_the_table_still_runs(monkeypatch, tmp_path, capsys) -> None:
    """A command a module registers but the table lacks: every module is loaded."""
    table = dict(cli._COMMANDS)
    del table["meetings"]
    monkeypatch.setattr(cli, "_COMMANDS", table)
    assert cli._area_of(["--db", "x", "meetings"]) == cli._ALL
    Store.open(tmp_path / "s.sqlite").close()
    assert cli.main(["--db", str(tmp_path / "s.sqlite"), "meetings", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
    with pytest.raises(SystemExit) as typo:
        cli.main(["--db", str(tmp_path / "s.sqlite"), "meetigns"])
    assert typo.value.code == 2
    assert "invalid choice: 'meetigns'" in capsys.readouterr().err


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sspclerk", *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )


def test_help_lists_every_command() -> None:
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    for name, (_area, help_text) in cli._COMMANDS.items():
        assert f"    {name} " in result.stdout, name
        assert help_text.split()[0] in result.stdout


def test_every_command_has_its_own_help() -> None:
    """One process per command: its --help shows its own options, not a stand-in's."""
    for name in cli._COMMANDS:
        result = _run(name, "--help")
        assert result.returncode == 0, (name, result.stderr)
        assert f"usage: sspclerk {name}" in result.stdout, name
        assert "--db" in result.stdout, name
        assert "-h, --help" in result.stdout, name  # a stand-in has no help of its own


def test_export_does_not_import_the_other_command_modules(tmp_path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['sspclerk', '--db', sys.argv[1], 'export', 'latest', '-o', sys.argv[2]]\n"
        "try:\n"
        "    runpy.run_module('sspclerk', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('sspclerk.cli.')))\n"
        "print('json' in sys.modules, 'sspclerk.importers.meeting_json' in sys.modules)\n"
    )
    db = tmp_path / "s.sqlite"
    assert _run("--db", str(db), "demo").returncode == 0
    result = subprocess.run(
        [sys.executable, "-c", code, str(db), str(tmp_path / "m.pdf")],
        capture_output=True,
        text=True,
        env=cli_env(SSPCLERK_CACHE_DIR=str(tmp_path / "cache")),
        timeout=60,
    )
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF"), result.stderr
    assert "['sspclerk.cli.common', 'sspclerk.cli.export_cmds']" in result.stdout, result.stdout
    assert "False False" in result.stdout  # a PDF needs neither json nor the meeting-file reader


def test_a_bad_meeting_file_is_still_one_line(tmp_path, monkeypatch, capsys) -> None:
    """A MeetingFileError reaching the top is one line, exit 2, though the CLI no longer
    imports the meeting-file reader up front (here: `demo` reading a damaged file)."""
    import sspclerk.meetings as meetings
    from sspclerk.cli import main

    bad = tmp_path / "demo-meeting.json"
    bad.write_text('{"format": "sspclerk-meeting", "version": 1, "meeting": {', encoding="utf-8")
    monkeypatch.setattr(meetings, "resource_path", lambda name: bad)
    assert main(["--db", str(tmp_path / "s.sqlite"), "demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sspclerk: ") and "not valid JSON" in err, err
    assert "unexpected error" not in err
    assert len(err.strip().splitlines()) == 1, err
