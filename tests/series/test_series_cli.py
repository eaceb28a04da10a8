"""The series commands: output, exit status 2 with one clear line, nothing changed."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from sspclerk.cli import main
from sspclerk.store import Store
from tests.conftest import cli_env


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("demo")[0] == 0
    return run


def dump(db_path) -> str:
    with Store.open(db_path) as s:
        return "\n".join(s.conn.iterdump())


def test_new_meeting_prints_its_id_and_numbers_continue(run):
    code, out, err = run(
        "new-meeting",
        "--committee",
        "SSP",
        "--date",
        "2025-09-24",
        "--time",
        "09:00",
        "--venue",
        "Council Chamber",
    )
    assert (code, err) == (0, "")
    meeting = out.strip()
    assert meeting.isdigit()
    code, out, _ = run("show", meeting)
    assert "SSP/25/25    Evacuation Procedure" in out
    assert "Wednesday 24th September 2025 9.00 am" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--committee", "XYZ", "--date", "2025-09-24"],
            "no committee with prefix 'XYZ'; known committees: SSP",
        ),
        (["--committee", "SSP", "--date", "2025-02-30"], "'2025-02-30' is not a date"),
        (["--committee", "SSP", "--date", "24/09/2025"], "is not a date in the form YYYY-MM-DD"),
        (["--committee", "SSP", "--date", "2025-09-24", "--time", "9am"], "not a time"),
    ],
)
def test_bad_new_meeting(run, db_path, argv, message):
    before = dump(db_path)
    code, out, err = run("new-meeting", *argv)
    assert code == 2 and out == ""
    assert err.startswith("sspclerk: ") and message in err and err.count("\n") == 1
    assert dump(db_path) == before


def test_agenda_publication_and_urgent_items(run):
    meeting = run("new-meeting", "--committee", "SSP", "--date", "2025-09-24")[1].strip()
    code, out, _ = run("add-item", meeting, "--title", "Serious Violence Duty")
    assert out == "SSP/28/25\tSerious Violence Duty\n"  # placed before Any Other Business
    code, out, _ = run("deadline", meeting)
    assert "Publish the agenda by: Tuesday 16th September 2025" in out
    code, out, err = run("publish-agenda", meeting, "--on", "2025-09-18")
    assert code == 0 and "published on Thursday 18th September 2025" in out
    assert "published late" in err
    code, out, err = run("add-item", meeting, "--title", "Flooding")
    assert code == 2 and "chair's reason" in err
    code, out, _ = run("add-item", meeting, "--title", "Flooding", "--urgent-reason", "Storm")
    assert out == "SSP/30/25\tFlooding\n"
    code, out, _ = run("deadline", meeting)
    assert "3 clear working days, LATE" in out


def test_approve_correct_and_history(run):
    meeting = run("new-meeting", "--committee", "SSP", "--date", "2025-09-24")[1].strip()
    code, out, _ = run(
        "approve-minutes",
        meeting,
        "--subject-to",
        "the removal of Hartlepool in the list of Clear Hold Build locations",
    )
    assert code == 0
    assert out == (
        "Minutes of Wednesday 23rd July 2025 approved on Wednesday 24th September "
        "2025, subject to the removal of Hartlepool in the list of Clear Hold Build "
        "locations.\n"
    )
    code, out, err = run("approve-minutes", meeting, "--of", "1")
    assert code == 2 and "already approved" in err
    code, out, _ = run("correct-minutes", "1", "--item", "SSP/15/25", "712, not 721")
    assert code == 0 and "Correction 1 recorded" in out
    code, out, _ = run("show", "1", "--json")
    assert '"text": "712, not 721"' in out
    code, out, _ = run("history", meeting, "SSP/27/25")
    assert "were agreed as a true record subject to the removal of" in out
    version = out.split()[0]
    code, out, _ = run("restore", version)
    assert code == 0 and "Restored version" in out


def test_approving_a_meeting_that_does_not_exist(run, db_path):
    meeting = run("new-meeting", "--committee", "SSP", "--date", "2025-09-24")[1].strip()
    before = dump(db_path)
    code, out, err = run("approve-minutes", meeting, "--of", "77")
    assert code == 2 and err == "sspclerk: no meeting with id 77 (see `sspclerk meetings`)\n"
    assert dump(db_path) == before


def test_actions_text_csv_and_status(run, db_path):
    with Store.open(db_path) as s:
        from sspclerk.core.model import Action

        item = s.load_meeting(1).item("SSP/17/25").id
        first = s.add_action(item, Action('=HYPERLINK("x") Łódź update', "Gwenllïan"))
        s.add_action(item, Action("Circulate slides", "Clerk"))
    code, out, _ = run("actions", "--open")
    assert "Łódź update" in out and "Circulate slides" in out
    assert run("action-status", str(first), "done")[0] == 0
    code, out, _ = run("actions", "--open", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r[4] for r in rows[1:]] == ["Circulate slides"]
    code, out, _ = run("actions", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[1][4].startswith("'=HYPERLINK")  # never run as a formula
    assert rows[1][7] == "done"


def test_actions_file_needs_a_known_format(run, tmp_path):
    code, out, err = run("actions", "-o", str(tmp_path / "log.xlsx"))
    assert code == 2 and "give --format csv|docx|pdf" in err
    code, out, err = run("actions", "--format", "pdf")
    assert code == 2 and "needs -o FILE" in err


def test_a_child_process_reports_errors_without_a_traceback(db_path, tmp_path):
    cmd = [sys.executable, "-m", "sspclerk", "--db", str(db_path)]
    subprocess.run([*cmd, "demo"], env=cli_env(), check=True, capture_output=True)
    done = subprocess.run(
        [*cmd, "approve-minutes", "1", "--of", "99"], env=cli_env(), capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "no meeting with id 99" in done.stderr
    out = tmp_path / "log.pdf"
    done = subprocess.run(
        [*cmd, "actions", "-o", str(out)], env=cli_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_committee_create_edit_and_new_meeting(db_path, capsys):
    def run(*argv):
        code = main(["--db", str(db_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("committee", "TP")
    assert code == 2 and "does not exist" in err and not db_path.exists()  # showing makes none
    code, out, err = run("demo")
    code, out, err = run("committee", "TP")
    assert code == 2 and "give --name to create it" in err
    code, out, _ = run(
        "committee",
        "TP",
        "--name",
        "Test Partnership",
        "--add-member",
        "Cllr Anna Nowak",
        "--organisation",
        "Borough Council",
        "--role",
        "chair",
        "--year-start",
        "04-01",
        "--outcome-word",
        "RESOLVED",
    )
    assert code == 0 and "Cllr Anna Nowak, Borough Council (chair)" in out
    assert "municipal year from 1 April" in out
    code, out, err = run("committee", "TP", "--year-start", "02-30")
    assert code == 2 and "not a month and day" in err
    code, out, err = run("committee", "TP", "--remove-member", "Nobody")
    assert code == 2 and "'Nobody' is not a member" in err
    run("committee", "TP", "--standing-items", "Apologies; Minutes of the previous meeting")
    meeting = run("new-meeting", "--committee", "TP", "--date", "2025-04-02")[1].strip()
    code, out, _ = run("show", meeting, "--json")
    assert '"number": "TP/1/25"' in out and '"title": "Apologies"' in out
    assert '"name": "Cllr Anna Nowak"' in out  # attendance from the membership
    assert '"number": "TP/3/25"' not in out
