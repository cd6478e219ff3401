"""The clipboard routes: OSC 52, the platform's command, and --copy-to, each reported honestly."""

from __future__ import annotations

import shutil
import stat
import sys
from pathlib import Path

import pytest

from unionreader.app.clipboard import ClipboardSink, platform_command

CAT = shutil.which("cat") or "/bin/cat"  # found before the tests narrow PATH
TEXT = "Đồng chí Nguyễn Duy Giảng, Phó Viện trưởng VKSND tối cao: 8.945 đoàn viên"


def fake_command(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def bin_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))  # only the commands a test puts there exist
    return folder


@pytest.mark.skipif(sys.platform.startswith("win"), reason="shell-script stand-ins for clipboard commands")
def test_platform_command_follows_the_session(bin_dir):
    assert platform_command({}, "linux") is None  # nothing installed: no command, OSC 52 and files only
    for name in ("wl-copy", "xclip", "xsel", "clip.exe", "pbcopy"):
        fake_command(bin_dir, name, f"{CAT} >/dev/null")
    assert platform_command({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux") == ["wl-copy"]
    assert platform_command({"DISPLAY": ":0"}, "linux") == ["xclip", "-selection", "clipboard"]
    assert platform_command({}, "linux") == ["clip.exe"]  # WSL without a display server
    assert platform_command({}, "darwin") == ["pbcopy"]
    (bin_dir / "xclip").unlink()
    assert platform_command({"DISPLAY": ":0"}, "linux") == ["xsel", "--clipboard", "--input"]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="shell-script stand-ins for clipboard commands")
def test_every_route_gets_the_text_and_the_outcome_names_them(bin_dir, tmp_path):
    received = tmp_path / "clipboard.txt"
    fake_command(bin_dir, "xclip", f"{CAT} > {received}")
    osc52: list[str] = []
    target = tmp_path / "out" / "copied.md"
    target.parent.mkdir()
    sink = ClipboardSink(osc52.append, copy_to=target, command=["xclip", "-selection", "clipboard"])
    outcome = sink.copy(TEXT)
    assert osc52 == [TEXT]
    assert received.read_text(encoding="utf-8") == TEXT  # diacritics intact through the pipe
    assert target.read_text(encoding="utf-8") == TEXT
    assert not outcome.problems
    said = outcome.describe()
    assert "OSC 52" in said and "xclip" in said and str(target) in said
    assert [p.name for p in target.parent.iterdir()] == ["copied.md"]  # no temporary file left behind


@pytest.mark.skipif(sys.platform.startswith("win"), reason="shell-script stand-ins for clipboard commands")
def test_a_failing_route_is_reported_and_the_others_still_work(bin_dir, tmp_path):
    fake_command(bin_dir, "wl-copy", f"{CAT} >/dev/null; exit 1")
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("the user's own file", encoding="utf-8")
    osc52: list[str] = []
    sink = ClipboardSink(osc52.append, copy_to=not_a_folder / "copied.md", command=["wl-copy"])
    outcome = sink.copy(TEXT)
    assert osc52 == [TEXT]
    assert outcome.destinations == ("the terminal clipboard (OSC 52)",)
    assert any("wl-copy failed" in p for p in outcome.problems)
    assert any("cannot write" in p and "copied.md" in p for p in outcome.problems)
    assert not_a_folder.read_text(encoding="utf-8") == "the user's own file"
    missing = ClipboardSink(osc52.append, command=["no-such-clipboard-tool"]).copy(TEXT)
    assert "no-such-clipboard-tool failed" in missing.describe()
