"""Copying and exporting facts: what `c`, `C`, `J` and `x` do, and telling the user where text went."""

from __future__ import annotations

from pathlib import Path

from ..export import fact_to_markdown, to_json, to_markdown, write_export
from ..extract.models import Analysis, Fact
from .screens.prompt import PathPrompt
from .widgets.facts import FactsTree
from .widgets.reader import Reader


class CopyActions:
    """Mixed into the app: needs ``main_screen``, ``clipboard_sink``, ``index``, ``index_lock``, ``result``."""

    def current_analysis(self) -> Analysis | None:
        return self.main_screen.query_one(Reader).analysis

    def selected_fact(self) -> Fact | None:
        fact = self.main_screen.query_one(FactsTree).selected_fact
        if fact is None:
            analysis = self.current_analysis()
            fact = analysis.facts[0] if analysis and analysis.facts else None
        return fact

    def copy_everywhere(self, text: str, what: str) -> None:
        outcome = self.clipboard_sink.copy(text)
        self.notify(
            f"Copied {what} ({len(text):,} characters): {outcome.describe()}.",
            title="Copied",
            severity="warning" if outcome.problems else "information",
        )

    def action_copy_fact(self) -> None:
        fact = self.selected_fact()
        if fact is None:
            self.notify("No fact to copy: this article has none.", severity="warning")
            return
        self.copy_everywhere(fact_to_markdown(fact), f"the fact “{fact.label}” as Markdown")

    def action_copy_all(self) -> None:
        analysis = self.current_analysis()
        if analysis is None:
            self.notify("No article selected.", severity="warning")
            return
        self.copy_everywhere(to_markdown([analysis]), f"all {len(analysis.facts)} facts as Markdown")

    def action_copy_json(self) -> None:
        analysis = self.current_analysis()
        if analysis is None:
            self.notify("No article selected.", severity="warning")
            return
        self.copy_everywhere(to_json([analysis]), f"all {len(analysis.facts)} facts as JSON")

    def action_export(self) -> None:
        count = len(self.result.docs) if self.result else 0
        self.push_screen(
            PathPrompt(
                f"Export the facts of {count:,} listed articles",
                "File name (.md, .json, .csv or .tsv); Enter writes it, Esc cancels",
                "unionreader-facts.md",
            ),
            self.export_to,
        )

    def export_to(self, name: str | None) -> None:
        if not name or self.result is None:
            return
        path = Path(name).expanduser()
        with self.index_lock:
            analyses = [self.index.analysis(doc) for doc in self.result.docs]
        sources = {Path(a.article.source).resolve() for a in analyses}
        if path.resolve() in sources:
            self.notify(f"{path}: is an article file; choose another name.", severity="error")
            return
        try:
            write_export(path, analyses)
        except OSError as exc:
            self.notify(f"{path}: cannot write ({exc.strerror or exc}).", severity="error")
            return
        self.notify(f"Exported the facts of {len(analyses):,} articles to {path}.", title="Exported")
