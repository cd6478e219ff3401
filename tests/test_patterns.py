"""``patterns.on_first_use``: a pattern compiled on its first call answers as the compiled one does."""

from __future__ import annotations

import re

import pytest

from unionreader.patterns import LazyPattern, on_first_use

_TEXT = "Ngày 8/9/2025, ông An và bà Bình, Chủ tịch LĐLĐ, dự hội nghị."


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("search", (_TEXT,)), ("search", (_TEXT, 5, 30)), ("match", (_TEXT, 5)), ("fullmatch", ("8/9",)),
        ("findall", (_TEXT,)), ("split", (_TEXT,)), ("sub", ("#", _TEXT)), ("subn", ("#", _TEXT, 2)),
    ],
)
def test_each_method_answers_as_the_compiled_pattern(method, args):
    source = r"(\d+)/(\d+)|(?:ông|BÀ) (\w+)" if method != "fullmatch" else r"\d/\d"
    lazy, compiled = on_first_use(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)

    def answer(pattern):
        found = getattr(pattern, method)(*args)
        return (found.span(), found.groups()) if isinstance(found, re.Match) else found

    assert answer(lazy) == answer(compiled)  # the first call compiles
    assert answer(lazy) == answer(compiled)  # later calls go to the compiled pattern's own method


def test_nothing_is_compiled_before_the_first_call_and_once_after():
    lazy = on_first_use(r"(unclosed")  # an error in the pattern shows only when it is used
    assert isinstance(lazy, LazyPattern) and lazy.pattern == "(unclosed"
    with pytest.raises(re.error):
        lazy.search("x")
    used = on_first_use(r"\bdự\b")
    assert [m.start() for m in used.finditer("dự lễ, tham dự")] == [0, 12]
    assert used.search.__self__ is used.finditer.__self__  # one compiled pattern serves every method
    assert isinstance(used.search.__self__, re.Pattern)
