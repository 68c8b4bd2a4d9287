"""The rxscoop command, run in-process with Typer's runner (and once as a real process)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from helpers import DATA, LABELS
from rxscoop import Pack
from rxscoop.cli import app

runner = CliRunner()


def test_build_info_and_ask(tmp_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    built = runner.invoke(app, ["build", str(DATA), "--pack", str(pack)])
    assert built.exit_code == 0, built.output
    said = re.search(r"([\d,]+) labels from ([\d,]+) records in (\d+) label file\(s\)", built.output)
    assert said, built.output
    with Pack(pack) as opened:
        counts = opened.counts()
    assert int(said.group(1).replace(",", "")) == counts["labels"] > 0
    info = runner.invoke(app, ["info", "--pack", str(pack)])
    assert info.exit_code == 0 and f"labels: {counts['labels']:,}" in info.output
    assert f"with_indications: {counts['with_indications']:,}" in info.output
    asked = runner.invoke(app, ["ask", "what", "is", "dupixent", "used", "for", "--pack", str(pack)])
    assert asked.exit_code == 0, asked.output
    assert asked.output.startswith("# Dupixent (dupilumab)\n")
    for condition in ("atopic dermatitis", "Asthma", "chronic rhinosinusitis with nasal polyps",
                      "eosinophilic esophagitis", "prurigo nodularis", "chronic obstructive pulmonary disease",
                      "chronic spontaneous urticaria", "bullous pemphigoid"):
        assert condition in asked.output
    assert "## Approved uses (8)" in asked.output and "[1 §1.8]" in asked.output
    assert "## Sources" in asked.output and "not medical advice" in asked.output


def test_json_format_is_the_answer_model(pack_path: Path) -> None:
    result = runner.invoke(app, ["ask", "what is metformin for", "--format", "json", "--pack", str(pack_path)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["status"] == "answered" and data["drug"]["title"] == "Metformin"
    assert data["uses"][0]["population"]["min_age_years"] == 10
    assert data["uses"][0]["statement"]["citations"][0]["section"] == "indications_and_usage"


def test_unknown_drug_exits_non_zero_with_suggestions(pack_path: Path) -> None:
    result = runner.invoke(app, ["ask", "what is dupiflex used for", "--pack", str(pack_path)])
    assert result.exit_code == 1
    assert "couldn't find" in result.output and "Dupixent" in result.output


def test_bad_input_gets_a_message_not_a_traceback(tmp_path: Path, pack_path: Path) -> None:
    empty = runner.invoke(app, ["ask", "   ", "--pack", str(pack_path)])
    assert empty.exit_code == 2 and "question is empty" in empty.output
    long = runner.invoke(app, ["ask", "x" * 2000, "--pack", str(pack_path)])
    assert long.exit_code == 2 and "too long" in long.output
    missing = runner.invoke(app, ["ask", "dupixent", "--pack", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "rxscoop build" in missing.output
    corrupt = tmp_path / "drug-label-0001-of-0001.json.zip"
    corrupt.write_bytes(b"garbage")
    failed = runner.invoke(app, ["build", str(corrupt), "--pack", str(tmp_path / "p.sqlite")])
    assert failed.exit_code == 1
    assert "drug-label-0001-of-0001.json.zip: not a readable zip archive" in failed.output
    assert "Traceback" not in failed.output
    nothing = runner.invoke(app, ["build", str(tmp_path / "nope"), "--pack", str(tmp_path / "p.sqlite")])
    assert nothing.exit_code == 1 and "no such file or folder" in nothing.output


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    pack = tmp_path / "p.sqlite"
    cmd = [sys.executable, "-m", "rxscoop.cli"]
    build = subprocess.run([*cmd, "build", str(LABELS), "--pack", str(pack)], capture_output=True, text=True,
                           check=False)
    assert build.returncode == 0, build.stderr
    corrupt = tmp_path / "bad.jsonl.zip"
    corrupt.write_bytes(b"\x00" * 10)
    bad = subprocess.run([*cmd, "build", str(corrupt), "--pack", str(pack)], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "bad.jsonl.zip" in bad.stderr
    ask = subprocess.run([*cmd, "ask", "dupixant for kids?", "--pack", str(pack)], capture_output=True,
                         text=True, check=False)
    assert ask.returncode == 0 and "closest match to “dupixant”" in ask.stdout


def test_build_jobs_option(tmp_path: Path) -> None:
    one = runner.invoke(app, ["build", str(LABELS / "biologics-derm.jsonl"), "--pack", str(tmp_path / "p.sqlite"),
                              "--jobs", "1"])
    assert one.exit_code == 0, one.output
    update = runner.invoke(app, ["update", str(LABELS / "biologics-derm.jsonl"), "--pack",
                                 str(tmp_path / "p.sqlite"), "-j", "2"])
    assert update.exit_code == 0 and "0 new" in update.output, update.output
    zero = runner.invoke(app, ["build", str(LABELS / "biologics-derm.jsonl"), "--pack", str(tmp_path / "q.sqlite"),
                               "--jobs", "0"])
    assert zero.exit_code != 0 and "--jobs" in zero.output and not (tmp_path / "q.sqlite").exists()
