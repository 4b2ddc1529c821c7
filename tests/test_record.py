"""cchc record: one progress entry into a copy of the shipped plan, every other byte kept."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cchc import fileio
from cchc.cli import build_app

PLAN = Path(__file__).resolve().parent.parent / "data" / "tasks.yaml"
APP = build_app("vi")


def record(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(APP, ["record", *args, "-f", str(path)], env={"CCHC_LANG": "vi"})
    return result.exit_code, result.stdout, result.stderr


def plan_copy(tmp_path: Path, data: bytes | None = None) -> Path:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(PLAN.read_bytes() if data is None else data)
    return path


def only_added(before: bytes, after: bytes) -> list[str]:
    """The lines after holds beyond before, checking that before's lines are all still there,
    in order and unchanged (line ends included)."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    added, i = [], 0
    for line in new:
        if i < len(old) and line == old[i]:
            i += 1
        else:
            added.append(line)
    assert i == len(old), "a line of the original was changed or removed"
    return added


def due_json(path: Path, quarter: str) -> dict[str, object]:
    result = CliRunner().invoke(
        APP,
        ["due", "-f", str(path), "-q", quarter, "--format", "json", "--all"],
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("task", "extra", "kind"),
    [
        ("VII.9", [], "quarter"),
        ("VIII.1", ["--due", "Quý IV/2022", "--percent", "100"], "milestone"),
        ("VI.1", ["--due", "Quý IV/2023"], "annual year"),
        ("IV.1", [], "no fixed date"),
    ],
)
def test_record_each_kind_of_deadline(
    tmp_path: Path, task: str, extra: list[str], kind: str
) -> None:
    path = plan_copy(tmp_path)
    before = path.read_bytes()
    code, _out, err = record(path, task, "--status", "hoan thanh", "--date", "20/12/2022", *extra)
    assert code == 0, (kind, err)
    assert f"đã ghi tiến độ của {task}" in err
    added = only_added(before, path.read_bytes())
    assert any(
        line.strip() == "- status: hoàn thành" or "status: hoàn thành" in line for line in added
    )
    assert any("date: 20/12/2022" in line for line in added)
    validated = CliRunner().invoke(APP, ["validate", str(path)])
    assert validated.exit_code == 0, validated.stdout


def test_a_second_entry_joins_the_list_and_due_changes(tmp_path: Path) -> None:
    path = plan_copy(tmp_path)
    open_before = due_json(path, "IV/2023")
    assert (
        record(
            path, "VII.9", "--status", "đang thực hiện", "--date", "01/11/2023", "--percent", "40"
        )[0]
        == 0
    )
    once = path.read_bytes()
    assert (
        record(
            path,
            "VII.9",
            "--status",
            "done",
            "--date",
            "20/12/2023",
            "--evidence",
            "Quyết định số 3456/QĐ-UBND ngày 20/12/2023",
        )[0]
        == 0
    )
    added = only_added(once, path.read_bytes())
    assert added == [
        "          - status: hoàn thành\n",
        "            date: 20/12/2023\n",
        "            evidence: Quyết định số 3456/QĐ-UBND ngày 20/12/2023\n",
    ]
    assert due_json(path, "IV/2023") != open_before
    text = path.read_text(encoding="utf-8")
    assert text.count("        progress:\n") == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["X.1", "--status", "done", "--date", "01/03/2022"], "không có nhiệm vụ 'X.1'"),
        (["VIII.1", "--status", "done", "--date", "20/12/2022"], "P006"),
        (["VIII.1", "--due", "Quý I/2024", "--status", "done", "--date", "20/12/2022"], "P005"),
        (["I.1", "--status", "done", "--date", "01/01/2099"], "P004"),
        (["I.1", "--status", "done", "--date", "01/03/2022", "--percent", "150"], "P008"),
        (["I.1", "--status", "xong", "--date", "01/03/2022"], "P001"),
    ],
)
def test_refusals_are_located_and_leave_the_file(
    tmp_path: Path, args: list[str], said: str
) -> None:
    path = plan_copy(tmp_path)
    before = path.read_bytes()
    code, _out, err = record(path, *args)
    assert code == 1, err
    assert said in err and "tệp không đổi" in err
    if said.startswith("P"):
        assert "tasks.yaml:" in err and "^" in err  # the quoted line and the caret
    assert path.read_bytes() == before


def test_out_of_order_and_after_completion_are_refused(tmp_path: Path) -> None:
    path = plan_copy(tmp_path)
    assert record(path, "VII.9", "--status", "đang thực hiện", "--date", "10/12/2023")[0] == 0
    before = path.read_bytes()
    code, _, err = record(path, "VII.9", "--status", "đang thực hiện", "--date", "01/12/2023")
    assert code == 1 and "P007" in err
    assert record(path, "VII.9", "--status", "done", "--date", "20/12/2023")[0] == 0
    after_done = path.read_bytes()
    code, _, err = record(path, "VII.9", "--status", "đang thực hiện", "--date", "21/12/2023")
    assert code == 1 and "P010" in err
    assert path.read_bytes() == after_done
    assert before != after_done


def test_crlf_bom_and_mode_are_kept(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + PLAN.read_bytes().replace(b"\n", b"\r\n")
    path = plan_copy(tmp_path, data)
    path.chmod(0o640)
    assert record(path, "II.1", "--status", "done", "--date", "15/12/2023")[0] == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    added = only_added(data[3:], after[3:])
    assert all(line.endswith("\r\n") for line in added) and len(added) == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_dry_run_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = plan_copy(tmp_path)
    before = path.read_bytes()
    code, out, _ = record(path, "II.1", "--status", "done", "--date", "15/12/2023", "--dry-run")
    assert code == 0
    assert out.splitlines()[0].endswith("+         progress:")
    assert path.read_bytes() == before


def test_an_invalid_plan_is_not_written_to(tmp_path: Path) -> None:
    path = plan_copy(tmp_path, PLAN.read_bytes().replace(b"version: 1", b"version: 9", 1))
    before = path.read_bytes()
    code, _, err = record(path, "II.1", "--status", "done", "--date", "15/12/2023")
    assert code == 1 and "đang có lỗi" in err
    assert path.read_bytes() == before


def test_a_second_writer_is_refused(tmp_path: Path) -> None:
    path = plan_copy(tmp_path)
    held = fileio.read_for_update(path)
    try:
        code, _, err = record(path, "II.1", "--status", "done", "--date", "15/12/2023")
    finally:
        held.close()
    assert code == 2 and "một lệnh cchc khác đang ghi tệp này" in err
    assert path.read_bytes() == PLAN.read_bytes()


def test_a_hard_linked_plan_says_the_other_name_keeps_the_old_bytes(tmp_path: Path) -> None:
    path = plan_copy(tmp_path)
    os.link(path, tmp_path / "other.yaml")
    code, _, err = record(path, "II.1", "--status", "done", "--date", "15/12/2023")
    assert code == 0 and "liên kết cứng" in err
    assert (tmp_path / "other.yaml").read_bytes() == PLAN.read_bytes()


TASKS = ["I.1", "II.1", "VII.9", "IV.1", "VI.1", "VIII.1", "III.1"]
EVIDENCE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    task=st.sampled_from(TASKS),
    status=st.sampled_from(["done", "in_progress", "not_started", "hoàn thành", "Dang thuc hien"]),
    day=st.dates(min_value=date(2022, 1, 1), max_value=date(2025, 12, 31)),
    due=st.one_of(st.none(), st.sampled_from(["Quý IV/2022", "Quý IV/2023", "Quý IV/2025"])),
    percent=st.one_of(st.none(), st.integers(0, 100)),
    evidence=st.one_of(st.none(), EVIDENCE),
)
def test_record_then_validate_never_fails_and_keeps_every_other_byte(
    tmp_path: Path,
    task: str,
    status: str,
    day: date,
    due: str | None,
    percent: int | None,
    evidence: str | None,
) -> None:
    path = plan_copy(tmp_path)
    before = path.read_bytes()
    args = [task, "--status", status, "--date", day.strftime("%d/%m/%Y")]
    args += ["--due", due] if due else []
    args += ["--percent", str(percent)] if percent is not None else []
    args += ["--evidence", evidence] if evidence is not None else []
    code, _, err = record(path, *args)
    after = path.read_bytes()
    if code != 0:
        assert code == 1, err
        assert after == before
        return
    added = only_added(before, after)
    assert 2 <= len(added) <= 6
    validated = CliRunner().invoke(APP, ["validate", str(path)])
    assert validated.exit_code == 0, (args, validated.stdout)
    if evidence:
        shown = CliRunner().invoke(APP, ["show", task, "-f", str(path), "--format", "json"])
        entries = json.loads(shown.stdout)["progress"]
        assert entries[-1]["evidence"] in (evidence, evidence.strip())
