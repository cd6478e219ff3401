"""The user's TOML config: key rebinding by binding id, and the theme.

    theme = "ansi-dark"
    [keys]
    search = "slash,ctrl+f"
    copy_fact = "y"

The file lives at ``platformdirs.user_config_dir("unionreader")/config.toml``; the environment variable
UNIONREADER_CONFIG names another file. A bad file never stops the app: the problems come back as
one-line messages and the defaults are used for whatever was wrong.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_ENV = "UNIONREADER_CONFIG"


@dataclass(frozen=True, slots=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    problems: tuple[str, ...] = ()
    path: Path | None = None


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("unionreader")) / "config.toml"


def load_config(
    path: Path | None = None, *, binding_ids: Iterable[str] = (), themes: Iterable[str] = ()
) -> Config:
    """Read the config; unknown binding ids, unknown themes and syntax errors become ``problems``."""
    path = config_path() if path is None else path
    if not path.exists():
        return Config(path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return Config(problems=(f"{path}: cannot read ({exc}); using the defaults",), path=path)
    except tomllib.TOMLDecodeError as exc:
        return Config(problems=(f"{path}: not valid TOML ({exc}); using the defaults",), path=path)

    problems: list[str] = []
    known_ids = set(binding_ids)
    keymap: dict[str, str] = {}
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        problems.append(f"{path}: [keys] must be a table of action = \"key\"; ignored")
        keys = {}
    for action, key in keys.items():
        if known_ids and action not in known_ids:
            problems.append(f"{path}: unknown action {action!r} in [keys]; known: {', '.join(sorted(known_ids))}")
        elif not isinstance(key, str) or not key.strip():
            problems.append(f"{path}: key for {action!r} must be a non-empty string; ignored")
        else:
            keymap[action] = key.strip()

    theme = data.get("theme")
    known_themes = set(themes)
    if theme is not None and (not isinstance(theme, str) or (known_themes and theme not in known_themes)):
        problems.append(f"{path}: unknown theme {theme!r}; available: {', '.join(sorted(known_themes))}")
        theme = None

    for extra in sorted(set(data) - {"keys", "theme"}):
        problems.append(f"{path}: unknown setting {extra!r}; ignored")
    return Config(keymap=keymap, theme=theme, problems=tuple(problems), path=path)
