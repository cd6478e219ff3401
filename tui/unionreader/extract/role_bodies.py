"""A role whose body is named by its kind only ("Giám đốc công ty", "Giám đốc trung tâm"), given the body's
name when the article names exactly one body of that kind.

News names the company, the centre or the hospital once, then says "ông Lê Thanh Uyên, Giám đốc công ty".
A report quoting the role needs the name: "Giám đốc Công ty CP Thép Phương Nam". A union named after its
company names the company too ("Công đoàn Công ty CP Thép Phương Nam"). With two companies named the
role stays as written ("Giám đốc công ty"): a guess would put a person in the wrong company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .tones import canonical_tones

_KINDS = ("tổng công ty", "công ty", "tập đoàn", "trung tâm", "bệnh viện", "trường", "nhà máy", "xí nghiệp",
          "ngân hàng", "sở", "cục", "viện", "hợp tác xã")
# " công ty", " trung tâm này" right after the title, ending the role: a clause mark, the line's end, or a
# verb of what the person did or said.
_GENERIC = re.compile(
    r" (" + "|".join(_KINDS) + r")(?: (?:này|đó|nói trên))?"
    r"(?=\s*(?:[,;:.()]|$)|\s+(?:và|cùng|cũng|đã|đang|sẽ|cho biết|cho hay|nói|chia sẻ|khẳng định|nhấn mạnh|"
    r"phát biểu|chủ trì|tham dự|dự|trao|nhận|thông tin)\b)",
    re.MULTILINE,
)


def generic_body(text: str, pos: int) -> re.Match[str] | None:
    """The kind of body written in lower case right after a role's title at ``pos`` (" công ty")."""
    return _GENERIC.match(text, pos)


def named_body(kind: str, organisations: Iterable[str]) -> str | None:
    """The one body of ``kind`` the article names ("Công ty CP Thép Phương Nam"), also inside a longer name
    ("Công đoàn Công ty CP Thép Phương Nam"); None when it names none, or more than one."""
    head = canonical_tones(kind).casefold()
    found: dict[str, str] = {}
    for name in organisations:
        low = canonical_tones(name).casefold()
        if low.startswith(head + " "):
            at = 0
        else:
            at = low.find(" " + head + " ") + 1
            if at == 0:
                continue
        # (A name's own head is capitalised: "công ty" inside "Tổng công ty Điện lực" is no company's name.)
        if name[at].isupper():
            found.setdefault(low[at:], name[at:])
    if len(found) != 1:
        return None
    return next(iter(found.values()))
