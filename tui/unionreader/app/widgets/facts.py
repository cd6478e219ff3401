"""The facts sidebar: the article's facts grouped by kind, one tree leaf per fact."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...export import fact_display_value
from ...extract.models import FACT_KINDS, Analysis, Fact

KIND_LABELS = {
    "event": "Event",
    "organiser": "Organiser",
    "people": "People and roles",
    "figures": "Figures",
    "awards": "Awards",
    "documents": "Documents",
    "abbreviations": "Abbreviations",
    "byline": "Byline",
}


class FactsTree(Tree[Fact | None]):
    ALLOW_SELECT = False
    BINDINGS = [
        Binding("j", "cursor_down", "Next fact", show=False, id="facts.down"),
        Binding("k", "cursor_up", "Previous fact", show=False, id="facts.up"),
    ]
    DEFAULT_CSS = """
    FactsTree { padding: 0; }
    """

    class FactHighlighted(Message):
        def __init__(self, tree: FactsTree, fact: Fact) -> None:
            super().__init__()
            self.tree = tree
            self.fact = fact

        @property
        def control(self) -> FactsTree:
            return self.tree

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Facts", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.analysis: Analysis | None = None

    def show_facts(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        self.clear()
        if analysis is None:
            return
        if not analysis.facts:
            self.root.add_leaf(Text("No facts found in this article", style="dim"), data=None)
            return
        by_kind: dict[str, list[Fact]] = {}
        for fact in analysis.facts:
            by_kind.setdefault(fact.kind, []).append(fact)
        kinds = [k for k in FACT_KINDS if k in by_kind] + sorted(set(by_kind) - set(FACT_KINDS))
        for kind in kinds:
            group = self.root.add(Text(f"{KIND_LABELS.get(kind, kind)} ({len(by_kind[kind])})", style="bold"), expand=True)
            for fact in by_kind[kind]:
                group.add_leaf(fact_label(fact), data=fact)

    def render_label(self, node: TreeNode[Fact | None], base_style: Style, style: Style) -> Text:
        """A fact's leaf fitted to the sidebar: a long label gives way to the value, which is what the
        reader came for ("Thành phố đặt mục tiêu tăng…: 7%", not "Thành phố đặt mục tiêu tăng trưởng bìn")."""
        fact = node.data
        if fact is None:
            return super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        label = fact_label(fact, room if room > 0 else None)
        label.stylize(style)
        return label

    @property
    def selected_fact(self) -> Fact | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def first_fact_node(self) -> TreeNode[Fact | None] | None:
        for group in self.root.children:
            for node in group.children:
                if node.data is not None:
                    return node
        return None

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None:
            self.post_message(self.FactHighlighted(self, event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.post_message(self.FactHighlighted(self, event.node.data))


_SHORTEST_LABEL = 8  # cells a cropped label keeps, "…" included


def fact_label(fact: Fact, room: int | None = None) -> Text:
    """"Label: value"; with ``room`` (cells), the label cropped with "…" when that lets the value fit."""
    name = fact.label
    value = fact_display_value(fact)
    # (A value too long to fit beside even a short label is cropped instead: the label then stays whole.)
    if room is not None and value and cell_len(name) + 2 + cell_len(value) > room:
        keep = room - 2 - cell_len(value)
        if _SHORTEST_LABEL <= keep < cell_len(name):
            cropped = Text(name)
            cropped.truncate(keep, overflow="ellipsis")
            name = cropped.plain
    label = Text(end="")
    label.append(name, style="bold")
    if value:
        label.append(": " + value)
    return label
