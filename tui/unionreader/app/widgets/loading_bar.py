"""The loading bar under the panes: a progress bar and one line of what has been read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from ...library.batching import Batch
from ...library.events import Restored


class LoadingBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield ProgressBar(id="progress", show_eta=False)
        yield Label("", id="loading-label")

    def reading(self) -> None:
        self.query_one(Label).update(" reading articles…")

    def show_batch(self, batch: Batch) -> None:
        self.query_one(ProgressBar).update(total=batch.total, progress=batch.loaded)
        total = f"/{batch.total:,}" if batch.total else ""
        self.query_one(Label).update(
            f" {batch.loaded:,}{total} articles · {batch.megabytes:.1f} MB · {batch.mb_per_s:.1f} MB/s"
        )

    def show_restored(self, restored: Restored) -> None:
        self.query_one(Label).update(f" {restored.articles:,} articles · from cache · {restored.seconds:.1f} s")
