"""Getting copied text to the user by every route available, and saying which ones were used.

OSC 52 (``App.copy_to_clipboard``) cannot confirm that the terminal accepted it, so the platform's
clipboard command is tried as well when one exists, and ``--copy-to FILE`` always works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..export import write_atomic

CommandRunner = Callable[[Sequence[str], str], bool]


@dataclass(frozen=True, slots=True)
class CopyOutcome:
    """Where a copied text went: human-readable destinations and problems."""

    destinations: tuple[str, ...]
    problems: tuple[str, ...] = ()

    def describe(self) -> str:
        where = ", ".join(self.destinations) if self.destinations else "nowhere"
        text = f"sent to {where}"
        if self.problems:
            text += " (" + "; ".join(self.problems) + ")"
        return text


def platform_command(environ: dict[str, str] | None = None, platform: str | None = None) -> list[str] | None:
    """The clipboard command this machine offers, or None."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    candidates: list[list[str]] = []
    if platform == "darwin":
        candidates.append(["pbcopy"])
    elif platform.startswith("win"):
        candidates.append(["clip.exe"])
    else:
        if env.get("WAYLAND_DISPLAY"):
            candidates.append(["wl-copy"])
        if env.get("DISPLAY"):
            candidates.append(["xclip", "-selection", "clipboard"])
            candidates.append(["xsel", "--clipboard", "--input"])
        # WSL: Windows' clip.exe is on the PATH and reaches the Windows clipboard.
        candidates.append(["clip.exe"])
    for command in candidates:
        if shutil.which(command[0]):
            return command
    return None


def run_command(command: Sequence[str], text: str) -> bool:
    # clip.exe reads the console code page, UTF-16 is the only encoding it always gets right.
    data = text.encode("utf-16" if command[0] == "clip.exe" else "utf-8")
    try:
        proc = subprocess.run(
            list(command),
            input=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=3,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


class ClipboardSink:
    """Copies text via OSC 52, the platform command (if any) and a file (if configured)."""

    def __init__(
        self,
        osc52: Callable[[str], None],
        *,
        copy_to: str | Path | None = None,
        command: Sequence[str] | None = None,
        use_platform: bool = True,
        runner: CommandRunner = run_command,
    ) -> None:
        self._osc52 = osc52
        self.copy_to = Path(copy_to).expanduser() if copy_to else None
        self.command = list(command) if command else (platform_command() if use_platform else None)
        self._runner = runner

    def copy(self, text: str) -> CopyOutcome:
        destinations: list[str] = []
        problems: list[str] = []
        self._osc52(text)
        destinations.append("the terminal clipboard (OSC 52)")
        if self.command:
            if self._runner(self.command, text):
                destinations.append(f"the system clipboard ({self.command[0]})")
            else:
                problems.append(f"{self.command[0]} failed")
        if self.copy_to is not None:
            try:
                write_atomic(self.copy_to, text)
                destinations.append(str(self.copy_to))
            except OSError as exc:
                problems.append(f"cannot write {self.copy_to}: {exc.strerror or exc}")
        return CopyOutcome(tuple(destinations), tuple(problems))
