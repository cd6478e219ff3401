"""``json.dumps(value, ensure_ascii=False, indent=2)``, byte for byte, about twice as fast.

The standard library encodes indented JSON with its pure-Python generator encoder (the C one is used
only without ``indent``); the people directory of a few thousand articles is a hundred megabytes of
it. Here strings go through the C string encoder and containers are joined directly. Anything but
plain JSON types (str keys, str, int, float, bool, None, dict, list, tuple) is left to ``json``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

_ATOMS = {True: "true", False: "false", None: "null"}


class _NotPlain(Exception):
    pass


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def dumps_indented(value: Any) -> str:
    out: list[str] = []
    append = out.append

    def write(value: Any, indent: str) -> None:
        kind = type(value)
        if kind is str:
            append(encode_basestring(value))
        elif kind is dict:
            if not value:
                append("{}")
                return
            inner = "\n" + indent + "  "
            separator = "{" + inner
            for key, item in value.items():
                if type(key) is not str:
                    raise _NotPlain
                append(separator)
                append(encode_basestring(key))
                append(": ")
                write(item, indent + "  ")
                separator = "," + inner
            append("\n" + indent + "}")
        elif kind is list or kind is tuple:
            if not value:
                append("[]")
                return
            inner = "\n" + indent + "  "
            separator = "[" + inner
            for item in value:
                append(separator)
                write(item, indent + "  ")
                separator = "," + inner
            append("\n" + indent + "]")
        elif kind is int:
            append(int.__repr__(value))
        elif kind is float:
            append(_float(value))
        elif kind is bool or value is None:
            append(_ATOMS[value])
        else:
            raise _NotPlain

    try:
        write(value, "")
    except _NotPlain:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)
