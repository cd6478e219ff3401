"""Word wrapping that keeps character offsets, so the reader knows on which line each character lies."""

from __future__ import annotations

from rich.cells import cell_len


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` (no newlines inside) into (start, end) line spans.

    Spaces at a line break belong to no line, so every line fits in ``width`` cells.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start = line_end = start
    line_cells = 0
    pos = start
    while pos < end:
        word_end = pos
        while word_end < end and text[word_end] != " ":
            word_end += 1
        space_end = word_end
        while space_end < end and text[space_end] == " ":
            space_end += 1
        word_cells = cell_len(text[pos:word_end])
        gap = cell_len(text[line_end:pos]) if line_end > line_start else 0
        if line_end > line_start and line_cells + gap + word_cells > width:
            lines.append((line_start, line_end))
            line_start = line_end = pos
            line_cells = gap = 0
        while word_cells > width:  # a word longer than the line: fold it
            cut, cells = pos, 0
            while cut < word_end and cells + cell_len(text[cut]) <= width:
                cells += cell_len(text[cut])
                cut += 1
            cut = max(cut, pos + 1)
            lines.append((line_start, cut))
            pos = line_start = line_end = cut
            word_cells = cell_len(text[pos:word_end])
        line_cells += gap + word_cells
        line_end = word_end
        pos = space_end
    lines.append((line_start, line_end))
    return lines


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Every line of ``text`` (paragraphs split at newlines) wrapped into (start, end) spans."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for segment in text.split("\n"):
        lines.extend(wrap_offsets(text, pos, pos + len(segment), width))
        pos += len(segment) + 1
    return lines
