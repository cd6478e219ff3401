"""The callgrind run the instruction counters share: a child script whose measured work is one
``functools.reduce`` call, counted alone (collection is toggled on that function only), with the
package of a chosen tree."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def instructions_in_reduce(child: str, args: list[str], tui: str) -> tuple[int, str]:
    """(instructions inside the child's ``reduce`` call, the child's standard error)."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(child)
        err = subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
             "--callgrind-out-file=/dev/null", sys.executable, str(script), *args],
            env=dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=tui), capture_output=True, text=True, check=True,
        ).stderr
    return int(re.search(r"Collected : (\d+)", err).group(1)), err
