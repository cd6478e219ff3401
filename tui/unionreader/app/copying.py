"""Copying and exporting facts: what `c`, `C`, `J` and `x` copy or write, and the one line that tells
the user where the text went (the main screen binds them; the app's clipboard routes carry the text)."""

from __future__ import annotations

from pathlib import Path

from ..export import fact_to_markdown, to_json, to_markdown, write_export
from ..extract.models import Analysis, Fact


def fact_to_copy(selected: Fact | None, analysis: Analysis | None) -> Fact | None:
    """The fact highlighted in the facts tree, else the article's first one."""
    if selected is None and analysis is not None and analysis.facts:
        return analysis.facts[0]
    return selected


def copy_of_fact(fact: Fact) -> tuple[str, str]:
    """(text, what it is) for the clipboard."""
    return fact_to_markdown(fact), f"the fact “{fact.label}” as Markdown"


def copy_of_facts(analysis: Analysis, as_json: bool) -> tuple[str, str]:
    if as_json:
        return to_json([analysis]), f"all {len(analysis.facts)} facts as JSON"
    return to_markdown([analysis]), f"all {len(analysis.facts)} facts as Markdown"


def export_facts(path: Path, analyses: list[Analysis]) -> tuple[str, str]:
    """Write the facts of ``analyses`` to ``path``; (what happened, notification severity). Never over
    one of the article files themselves."""
    sources = {Path(a.article.source).resolve() for a in analyses}
    if path.resolve() in sources:
        return f"{path}: is an article file; choose another name.", "error"
    try:
        write_export(path, analyses)
    except OSError as exc:
        return f"{path}: cannot write ({exc.strerror or exc}).", "error"
    return f"Exported the facts of {len(analyses):,} articles to {path}.", "information"
