"""``text.normalize_tones`` without its regular expression where it cannot change anything.

``normalize_tones`` moves a tone mark only inside one of its vowel pairs ("oà" → "òa", "uý" → "úy"), and
every pair ends in a toned "a", "e" or "y". Most words and names hold no such letter, and looking for one
costs a tenth of the substitution, which tries its look-behind at every character. Extraction normalises
every name, label and span value it makes, so this runs on every one of them.
"""

from __future__ import annotations

import re

from ..text import _TONE_MOVES, nfc, normalize_tones

__all__ = ["canonical_tones"]

_PAIR_ENDS = re.compile("[" + "".join(sorted({pair[-1] for pair in _TONE_MOVES})) + "]")


def canonical_tones(s: str) -> str:
    """``normalize_tones(s)``: NFC ``s`` with one canonical tone-mark placement ("Uỷ" → "Ủy")."""
    s = nfc(s)
    return normalize_tones(s) if _PAIR_ENDS.search(s) is not None else s
