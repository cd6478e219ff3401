"""Regular expressions compiled the first time they are used.

CPython compiles a pattern in pure Python (``re._parser``, ``re._compiler``): the ~200 patterns of the rules
were a fifth of the ``facts`` command's start-up. Those that only some kinds of text need (awards, official
documents, money labels, dates written out in words, …) are made with ``on_first_use``: an article that never
reaches them never pays for them, and one that does pays once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done on the first call of one of its methods.

    The compiled pattern's bound methods are then set on the instance, where they hide the class's, so a
    later call costs one attribute look-up more than on the compiled pattern. (Two threads may compile it
    both at once: each sets the same methods of an equal pattern, so either is right.)"""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self._flags)
        for name in _METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __repr__(self) -> str:
        return f"on_first_use({self.pattern!r}, {self._flags!r})"

    # (Each runs once at most: the compiled pattern's own method replaces it on the instance.)
    def search(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> re.Match[str] | None:
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled().findall(*args, **kwargs)

    def sub(self, repl: str | Callable[[re.Match[str]], str], *args: Any, **kwargs: Any) -> str:
        return self.compiled().sub(repl, *args, **kwargs)

    def subn(self, repl: str | Callable[[re.Match[str]], str], *args: Any, **kwargs: Any) -> tuple[str, int]:
        return self.compiled().subn(repl, *args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self.compiled().split(*args, **kwargs)


def on_first_use(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used (see ``LazyPattern``), typed as the compiled one it stands for."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
