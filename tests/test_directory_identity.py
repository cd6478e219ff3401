"""A row found again in a table built later (more articles loaded): by who it is, not by its name, so
that of two namesakes the screens keep the one the user had selected."""

from __future__ import annotations

from test_directory import analysis, person
from unionreader.directory import build_orgs, build_people
from unionreader.directory.filtering import RowIdentity

DIRECTOR = ("Giám đốc Công ty Gạch Tân Hòa Phát",)
CHAIR = ("Chủ tịch LĐLĐ tỉnh Hòa Bình",)


def namesakes(extra: int = 0):
    """Two people named "Lý Văn Toản" (a company's director, a federation's chair) and ``extra`` more
    articles about the chair, dated before the others (so they change the chair's row and its place)."""
    out = [
        analysis(1, "2024-01-05", person("Lý Văn Toản", DIRECTOR, (), ("Giám đốc",))),
        analysis(2, "2024-02-05", person("Lý Văn Toản", CHAIR, (), ("Chủ tịch",))),
        analysis(3, "2024-03-05", person("Lý Văn Toản", DIRECTOR, (), ("Giám đốc",)),
                 person("Hà Thị Mến", ("Phó Chủ tịch LĐLĐ tỉnh Hòa Bình",), (), ("Phó Chủ tịch",))),
    ]
    out += [analysis(4 + i, f"2023-0{1 + i}-01", person("Lý Văn Toản", CHAIR, (), ("Chủ tịch",))) for i in range(extra)]
    return out


def row_of(table, role: str) -> int:
    return next(i for i, r in enumerate(table.rows) if r.role == role)


def test_namesakes_are_found_again_by_the_articles_they_were_seen_in():
    before, after = build_people(namesakes()), build_people(namesakes(extra=3))
    for role in (DIRECTOR[0], CHAIR[0]):
        identity = before.identity(row_of(before, role))
        assert identity.key == "ly van toan" and identity.name == "Lý Văn Toản"
        found = after.find(identity)
        assert found is not None and after.rows[found].role == role
    # the chair now has more articles: listed first, so the name alone would find the chair for both
    assert after.rows[after.order()[0]].role == CHAIR[0]
    assert sorted(after.rows_keyed("ly van toan")) == sorted([row_of(after, DIRECTOR[0]), row_of(after, CHAIR[0])])


def test_one_row_of_a_key_is_found_whatever_it_was_seen_in():
    table = build_people(namesakes())
    identity = table.identity(row_of(table, "Phó Chủ tịch LĐLĐ tỉnh Hòa Bình"))
    assert table.find(RowIdentity(identity.key, identity.name)) == row_of(table, "Phó Chủ tịch LĐLĐ tỉnh Hòa Bình")


def test_a_row_that_is_gone_is_not_found():
    table = build_people(namesakes())
    assert table.find(RowIdentity("pham quang vinh", "Phạm Quang Vinh")) is None
    # namesakes none of which shares an article's fact with it: it is gone (the caller falls back to the name)
    assert table.find(RowIdentity("ly van toan", "Lý Văn Toản", frozenset({(99, 0)}))) is None


def test_an_organisation_is_found_again_by_its_key():
    before = build_orgs(namesakes())
    after = build_orgs(namesakes(extra=2))
    row = next(i for i, r in enumerate(before.rows) if r.name.startswith("Liên đoàn"))
    found = after.find(before.identity(row))
    assert found is not None and after.rows[found].key == before.rows[row].key
    assert after.rows[found].articles == before.rows[row].articles + 2


def test_an_identity_keeps_a_few_sightings_spread_over_a_long_row():
    many = [analysis(i, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", person("Lý Văn Toản", CHAIR, (), ("Chủ tịch",)))
            for i in range(300)]
    table = build_people([*many, analysis(300, "2025-01-01", person("Lý Văn Toản", DIRECTOR, (), ("Giám đốc",)))])
    chair = row_of(table, CHAIR[0])
    identity = table.identity(chair)
    assert 0 < len(identity.seen) <= 64 and identity.seen <= set(table.seen_in(chair))
    assert table.find(identity) == chair
    assert table.find(table.identity(row_of(table, DIRECTOR[0]))) == row_of(table, DIRECTOR[0])
