"""The file system as the reader and the exports use it: a file's stat and bytes, and atomic writes.

- ``stat_or_missing(path)``: the stat, or None where ``Path.exists`` says False.
- ``system_name(name)``: the name as pathlib spells it for the system, without a ``Path`` when the same.
- ``read_bytes(name, size)``: a regular file's bytes in one system read.
- ``write_atomic(path, text)``: the whole new content in place, or the old file untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

# --- reading ------------------------------------------------------------------------------------

# The errors ``Path.exists`` takes for "no such file" (any other one is raised, and reported as it is).
_MISSING_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_MISSING_WINERRORS = frozenset({21, 123, 1921})


def stat_or_missing(path: Path | str) -> os.stat_result | None:
    """``path``'s stat, or None where ``path.exists()`` is False (a str: spelled by ``system_name``)."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno in _MISSING_ERRNOS or getattr(exc, "winerror", None) in _MISSING_WINERRORS:
            return None
        raise
    except ValueError:  # a name the system cannot take (a NUL byte)
        return None


_SEPARATORS = os.sep + (os.altsep or "")
_O_BINARY = getattr(os, "O_BINARY", 0)  # (Windows: no newline translation)


def system_name(name: str) -> str:
    """``name`` as pathlib spells it, which is what the reader always asked the system about: only an
    empty name or one ending in a separator or "." ("tin.txt/", "tin.txt/.") reads differently, so only
    such a name pays for a ``Path``."""
    if name and name[-1] not in _SEPARATORS and name[-1] != ".":
        return name
    return os.fspath(Path(name))


def read_bytes(name: str, size: int) -> bytes:
    """All of a regular file's bytes, the ``size`` it was stat'ed at in one system read: a third of the
    time of ``open(...).read()``, which builds a buffered reader and stats the file again."""
    fd = os.open(name, os.O_RDONLY | _O_BINARY)
    try:
        chunks = [os.read(fd, size + 1)]
        while chunks[-1]:  # to the end, as ``read()`` goes: a file that grew since, or a short read
            chunks.append(os.read(fd, max(size, 1 << 16)))
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)


# --- writing -------------------------------------------------------------------------------------


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[bytes], encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    Either the whole new content is in place or, when anything fails, the old file (if any) is left
    exactly as it was and no temporary file remains. A symbolic link stays a link: the file it points to
    is the one replaced. A path that is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe)
    is written through, not replaced: a rename would put a plain file where the device was.

    ``text`` may also be the content as pieces of bytes, written as they come (an error while they are
    made fails the write like any other): a large export is never held whole, nor encoded in one piece.
    """
    target = Path(os.path.realpath(path))
    chunks = (text.encode(encoding),) if isinstance(text, str) else text
    existing = stat_or_missing(target)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "wb") as fh:
            fh.writelines(chunks)
        return
    import tempfile  # here, not at the top: a command that prints to stdout starts without it (and shutil, random)

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(chunks)
            fh.flush()
            os.fsync(fh.fileno())
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
