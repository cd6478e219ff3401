"""End to end: the installed `unionreader` command in a real terminal (tmux), typed at like a user."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COMMAND = Path(sys.executable).with_name("unionreader")


def tmux(socket: str, *args: str) -> str:
    proc = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20)
    return proc.stdout


def wait_for(socket: str, predicate, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux(socket, "capture-pane", "-p", "-t", "app")
        if predicate(screen):
            return screen
        time.sleep(0.2)
    raise AssertionError(f"screen never showed what was expected; last screen:\n{screen}")


@contextlib.contextmanager
def app_in_tmux(tmp_path: Path, command_line: str) -> Iterator[str]:
    """Run ``command_line`` (a shell line starting the app) in a detached 160x48 tmux session named
    "app"; yields the tmux socket name and kills the server afterwards."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end terminal test needs it")
    if not COMMAND.exists():
        pytest.skip(f"the unionreader command is not installed beside {sys.executable}")
    socket = f"unionreader-test-{uuid.uuid4().hex[:8]}"
    env_config = tmp_path / "no-config.toml"  # a path that does not exist: the defaults, whatever the user has
    cache = tmp_path / "cache"  # never the user's real cache
    shell = f"cd {ROOT} && UNIONREADER_CONFIG={env_config} UNIONREADER_CACHE={cache} TERM=xterm-256color {command_line}"
    subprocess.run(
        ["tmux", "-L", socket, "-f", os.devnull, "new-session", "-d", "-s", "app", "-x", "160", "-y", "48", shell],
        check=True,
        timeout=20,
    )
    tmux(socket, "set-option", "-g", "set-clipboard", "on")
    tmux(socket, "set-option", "-g", "window-size", "manual")  # no client: keep the size we ask for
    tmux(socket, "resize-window", "-t", "app", "-x", "160", "-y", "48")  # -x/-y alone leave 80x24 on some tmux
    try:
        yield socket
    finally:
        tmux(socket, "kill-server")


def quit_app(socket: str) -> None:
    tmux(socket, "send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "app" in tmux(socket, "list-sessions"):
        time.sleep(0.2)
    assert "app" not in tmux(socket, "list-sessions")


@pytest.fixture
def terminal(tmp_path):
    clip = tmp_path / "copied.md"
    with app_in_tmux(tmp_path, f"{COMMAND} --copy-to {clip} {ROOT / 'seeds'}") as socket:
        yield socket, clip


def test_search_without_diacritics_in_a_real_terminal(terminal):
    socket, clip = terminal
    # The list's border counts the loaded articles (the status line may be showing something else).
    wait_for(socket, lambda s: "Articles (5)" in s)
    tmux(socket, "send-keys", "-t", "app", "/")
    tmux(socket, "send-keys", "-t", "app", "-l", "cong doan vien chuc")
    # Wait for the whole query: under load the screen may first show a half-typed one, and the status line
    # may be painted a frame before the list below it (seen once in CI: an empty list under the status).
    screen = wait_for(socket, lambda s: "cong doan vien chuc" in s and "parsed as" in s and "chuc" in s.split("parsed as")[1]
                      and "Công đoàn Viên chức" in s)
    # the list shows the matching articles with their Vietnamese titles intact
    assert "Công đoàn Viên chức" in screen
    status = next(line for line in screen.splitlines() if "parsed as" in line)
    assert "of 5 articles" in status

    # back to the list, copy all facts of the previewed article as Markdown
    # Escape on its own (ESC followed at once by a key reads as alt+key), then wait for the empty box
    tmux(socket, "send-keys", "-t", "app", "Escape")
    wait_for(socket, lambda s: "/ search:" in s)
    tmux(socket, "send-keys", "-t", "app", "C")
    screen = wait_for(socket, lambda s: "Copied" in s)
    deadline = time.monotonic() + 10
    while not clip.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert clip.read_text(encoding="utf-8").startswith("#")
    # OSC 52 reached tmux's own clipboard buffer too
    assert tmux(socket, "show-buffer").strip() == clip.read_text(encoding="utf-8").strip()

    quit_app(socket)


def test_articles_piped_on_stdin_open_in_the_app(tmp_path):
    """`cat article | unionreader - FOLDER`: the piped article is read first, then the keys come from
    the terminal."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[4]
    own = ROOT / "tests" / "fixtures" / "articles"
    with app_in_tmux(tmp_path, f"cat {seed} | {COMMAND} - {own}") as socket:
        expected = 1 + len(list(own.glob("*.txt")))
        wait_for(socket, lambda s: f"Articles ({expected})" in s)
        tmux(socket, "send-keys", "-t", "app", "/")
        tmux(socket, "send-keys", "-t", "app", "-l", "hung yen")
        # (waits for the whole frame: under load tmux can show one written only in part)
        screen = wait_for(socket, lambda s: "parsed as" in s and "yen" in s.split("parsed as")[1] and "Hưng Yên" in s)
        assert "Hưng Yên" in screen  # the piped seed, found by a search typed on the terminal
        tmux(socket, "send-keys", "-t", "app", "Escape")
        wait_for(socket, lambda s: "/ search:" in s)
        quit_app(socket)
