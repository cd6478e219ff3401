"""The few core entry points the app calls, in one place (widgets never reach into the core)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ..extract.models import Fact

try:  # the export module owns these; the fallbacks keep the app usable if it is absent
    from ..export import write_atomic
except ImportError:  # pragma: no cover - only while the export module is missing

    def write_atomic(path, text: str) -> None:
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def fact_display_value(fact: Fact) -> str:
    """The fact's value as one line of text, as the export shows it."""
    try:
        from ..export import fact_display_value as export_display
    except ImportError:
        export_display = None
    if export_display is not None:
        return str(export_display(fact))
    return _display(fact.value)


def _display(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("text", "display", "name", "value", "iso"):
            if value.get(key):
                return str(value[key])
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", [], ()))
    if isinstance(value, list | tuple):
        return ", ".join(_display(v) for v in value)
    return "" if value is None else str(value)


def fact_markdown(fact: Fact) -> str:
    from ..export import fact_to_markdown

    return fact_to_markdown(fact)


def analyses_markdown(analyses) -> str:
    from ..export import to_markdown

    return to_markdown(list(analyses))


def analyses_json(analyses, errors=()) -> str:
    from ..export import to_json

    return to_json(list(analyses), errors=errors)


def export_text(path: Path, analyses, errors=()) -> str:
    """The export of ``analyses`` in the format the file name asks for (.json, .csv, .tsv, else Markdown)."""
    from ..export import to_csv, to_json, to_markdown

    suffix = path.suffix.lower()
    if suffix == ".json":
        return to_json(list(analyses), errors=errors)
    if suffix == ".csv":
        return to_csv(list(analyses))
    if suffix == ".tsv":
        return to_csv(list(analyses), delimiter="\t")
    return to_markdown(list(analyses))
