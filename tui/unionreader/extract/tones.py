"""``text.normalize_tones`` without its regular expression where it cannot change anything.

``normalize_tones`` moves a tone mark only inside one of its vowel pairs ("oà" → "òa", "uý" → "úy"): an
"o" or "u" (either case) before a toned "a", "e" or "y". Most words and names hold no such pair ("Hà", "Đà
Nẵng" hold a toned "a", but after no "o" or "u"), and looking for one (two character classes, which the
regular expression engine scans for in C) costs a tenth of the substitution, which tries its look-behind
and every pair at every character (some 30,000 instructions for a name). Extraction normalises
every name, label and span value it makes, so this runs on every one of them.
"""

from __future__ import annotations

import re

from ..text import _TONE_MOVES, nfc, normalize_tones

__all__ = ["canonical_tones"]

_PAIR_FIRSTS = "".join(sorted({pair[0] for pair in _TONE_MOVES}))
_PAIR_ENDS = "".join(sorted({pair[-1] for pair in _TONE_MOVES}))
# Every pair has two letters (a test holds it), and moves only with no letter after it, as in ``_TONE_RE``:
# "Công đoàn", "hoàn thành", "toàn thể" (most phrases of the genre) hold "oà" before a letter and are left
# alone without the substitution.
_PAIRS = re.compile(f"[{_PAIR_FIRSTS}][{_PAIR_ENDS}]" + r"(?![^\W\d_])")


def canonical_tones(s: str) -> str:
    """``normalize_tones(s)``: NFC ``s`` with one canonical tone-mark placement ("Uỷ" → "Ủy")."""
    s = nfc(s)
    return normalize_tones(s) if _PAIRS.search(s) is not None else s
