"""People, organisations and overview across articles: merging rules, filtering, profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionreader.articles import Article
from unionreader.corpus import load_paths
from unionreader.directory import build_orgs, build_overview, build_people
from unionreader.directory.keys import org_key, person_key, same_body, split_role
from unionreader.extract import analyse
from unionreader.extract.models import Analysis, Entity, Fact

FIXTURES = Path(__file__).parent / "fixtures" / "directory"


def article(n: int, title: str = "") -> Article:
    return Article(f"a{n}", f"a{n}.txt", title or f"Bài {n}", False, "", (), None, "")


def person(name: str, roles: tuple[str, ...] = (), actions: tuple[str, ...] = (), titles: tuple[str, ...] = ()):
    """A people fact plus the entities it points to, as the extraction gives them: the titles its
    roles start with and the bodies after them (abbreviations written out in the value)."""
    entities = [Entity("person", name, 0, 0, name)] + [Entity("role", t, 0, 0, t) for t in titles]
    for role in roles:
        title = next((t for t in titles if role.startswith(t)), "")
        body = role[len(title):].strip()
        if title and body:
            entities.append(Entity("organization", body, 0, 0, body.replace("LĐLĐ", "Liên đoàn Lao động")))
    return Fact("people", name, {"name": name, "roles": list(roles), "actions": list(actions)}, "", 0, 0), entities


def analysis(n: int, date: str | None, *people, orgs: tuple[str, ...] = (), organiser: str | None = None,
             places: tuple[str, ...] = (), facts: tuple[Fact, ...] = ()) -> Analysis:
    entities: list[Entity] = []
    out_facts: list[Fact] = []
    for fact, fact_entities in people:
        start = len(entities)
        entities.extend(fact_entities)
        out_facts.append(Fact(fact.kind, fact.label, fact.value, "", 0, 0, tuple(range(start, len(entities)))))
    entities += [Entity("organization", o, 0, 0, o) for o in orgs]
    entities += [Entity("location", p, 0, 0, p) for p in places]
    return Analysis(article(n), tuple(entities), (*out_facts, *facts), date, organiser)


@pytest.fixture(scope="module")
def fixture_analyses() -> list[Analysis]:
    return [analyse(a) for a in load_paths([str(FIXTURES)]).articles]


# --- keys -------------------------------------------------------------------------------------------


def test_person_key_folds_diacritics_case_and_tone_placement():
    assert person_key("Quách Thuý Hoà") == person_key("Quách Thúy Hòa") == person_key("QUACH THUY HOA")
    assert person_key("Quách Thúy Hòa") != person_key("Quách Thúy Hạnh")


def test_org_key_writes_out_abbreviations_and_drops_parenthesised_ones():
    assert org_key("LĐLĐ tỉnh Lâm Đồng") == org_key("Liên đoàn Lao động tỉnh Lâm Đồng")
    assert org_key("Liên đoàn Lao động (LĐLĐ) tỉnh Lâm Đồng") == org_key("Liên đoàn Lao động tỉnh Lâm Đồng")
    assert org_key("CĐCS UBND huyện Đơn Dương") == org_key("Công đoàn cơ sở Uỷ ban nhân dân huyện Đơn Dương")
    assert org_key("LĐLĐ tỉnh Lâm Đồng") != org_key("LĐLĐ tỉnh Lạng Sơn")


def test_same_body_accepts_a_longer_name_but_not_a_bare_head_word():
    assert same_body("lien doan lao dong tinh lam dong", "lien doan lao dong tinh lam dong")
    assert same_body("cong doan cong ty", "cong doan cong ty co phan thep kien tuong")
    assert not same_body("cong doan", "cong doan cong ty")  # a bare head word says nothing
    assert not same_body("lien doan lao dong tinh lam dong", "lien doan lao dong tinh lang son")


def test_split_role_uses_the_longest_title_the_article_found():
    assert split_role("Phó Chủ tịch LĐLĐ tỉnh X", ("Chủ tịch", "Phó Chủ tịch")) == ("Phó Chủ tịch", "LĐLĐ tỉnh X")
    assert split_role("Bí thư Chi bộ", ()) == ("Bí thư Chi bộ", "")


# --- people merging ---------------------------------------------------------------------------------


def test_one_person_across_diacritics_and_tone_placement():
    table = build_people([
        analysis(1, "2024-01-05", person("Quách Thuý Hoà", ("Chủ tịch Công đoàn Bến Cát",), ("chủ trì",), ("Chủ tịch",))),
        analysis(2, "2024-03-01", person("Quách Thúy Hòa", ("Chủ tịch Công đoàn Bến Cát",), ("phát biểu",), ("Chủ tịch",))),
        analysis(3, "2024-02-10", person("Quach Thuy Hoa", (), ("trao",))),
    ])
    assert len(table) == 1
    row = table.rows[0]
    assert row.name == "Quách Thúy Hòa"  # the spelling with its diacritics, one tone placement
    assert (row.articles, row.first, row.last) == (3, "2024-01-05", "2024-03-01")
    profile = table.profile(0)
    assert [(r.title, r.body, r.first, r.last) for r in profile.roles] == [
        ("Chủ tịch", "Công đoàn Bến Cát", "2024-01-05", "2024-03-01")]
    assert dict(profile.actions) == {"chủ trì": 1, "phát biểu": 1, "trao": 1}
    assert [a.date for a in profile.articles] == ["2024-03-01", "2024-02-10", "2024-01-05"]


def test_namesakes_with_conflicting_bodies_are_kept_apart():
    table = build_people([
        analysis(1, "2024-01-05", person("Lý Văn Toản", ("Giám đốc Công ty Gạch Tân Hòa Phát",), (), ("Giám đốc",))),
        analysis(2, "2024-02-05", person("Lý Văn Toản", ("Chủ tịch LĐLĐ tỉnh Hòa Bình",), (), ("Chủ tịch",))),
        analysis(3, "2024-03-05", person("Lý Văn Toản", ("Chủ tịch Liên đoàn Lao động tỉnh Hòa Bình",), (), ("Chủ tịch",))),
    ])
    rows = sorted((r.articles, r.role) for r in table.rows)
    assert rows == [(1, "Giám đốc Công ty Gạch Tân Hòa Phát"), (2, "Chủ tịch Liên đoàn Lao động tỉnh Hòa Bình")]
    chair = next(i for i, r in enumerate(table.rows) if r.articles == 2)
    # the abbreviation and its expansion are one body: one role over time, not two
    assert [(r.title, r.first, r.last) for r in table.profile(chair).roles] == [("Chủ tịch", "2024-02-05", "2024-03-05")]


def test_a_short_body_joins_the_one_namesake_it_fits_and_never_bridges_two():
    table = build_people([
        analysis(1, "2024-01-05", person("Lý Văn Toản", ("Chủ tịch Công đoàn Công ty Gạch Tân Hòa Phát",), (), ("Chủ tịch",))),
        analysis(2, "2024-02-05", person("Lý Văn Toản", ("Chủ tịch Công đoàn Công ty",), (), ("Chủ tịch",))),
    ])
    assert [r.articles for r in table.rows] == [2]
    table = build_people([
        analysis(1, "2024-01-05", person("Lý Văn Toản", ("Chủ tịch Công đoàn Công ty Gạch Tân Hòa Phát",), (), ("Chủ tịch",))),
        analysis(2, "2024-02-05", person("Lý Văn Toản", ("Chủ tịch Công đoàn Công ty",), (), ("Chủ tịch",))),
        analysis(3, "2024-03-05", person("Lý Văn Toản", ("Phó Chủ tịch Công đoàn Công ty Dệt Nam Sơn",), (), ("Phó Chủ tịch",))),
    ])
    assert sorted(r.articles for r in table.rows) == [1, 1, 1]


def test_a_mention_without_a_body_joins_the_namesake_whose_body_the_article_names():
    table = build_people([
        analysis(1, "2024-01-05", person("Lý Văn Toản", ("Giám đốc Công ty Gạch Tân Hòa Phát",), (), ("Giám đốc",))),
        analysis(2, "2024-02-05", person("Lý Văn Toản", ("Chủ tịch LĐLĐ tỉnh Hòa Bình",), (), ("Chủ tịch",))),
        analysis(3, "2024-04-01", person("Lý Văn Toản", (), ("phát biểu",)), orgs=("Liên đoàn Lao động tỉnh Hòa Bình",)),
        analysis(4, "2024-05-01", person("Lý Văn Toản", (), ("tham dự",))),
    ])
    by_role = {r.role: r for r in table.rows}
    assert by_role["Chủ tịch LĐLĐ tỉnh Hòa Bình"].articles == 2
    assert by_role["Giám đốc Công ty Gạch Tân Hòa Phát"].articles == 1
    assert by_role[""].articles == 1  # article 4 could be either: a profile of its own


def test_fixture_articles_merge_and_split_as_the_rules_say(fixture_analyses):
    table = build_people(fixture_analyses)
    names = sorted((r.name, r.articles) for r in table.rows)
    assert names == [("Lò Văn Sính", 1), ("Quách Thúy Hòa", 2), ("Trương Minh Khuê", 1), ("Trương Minh Khuê", 2),
                     ("Đàm Thị Uyên", 2)]
    hoa = next(i for i, r in enumerate(table.rows) if r.name == "Quách Thúy Hòa")
    profile = table.profile(hoa)
    # "Uỷ ban nhân dân" in one article and "UBND" in the other: one role at one body
    assert len(profile.roles) == 1 and profile.roles[0].first == "2024-02-02" and profile.roles[0].last == "2024-12-18"
    assert dict(profile.actions)["chủ trì"] == 2


# --- listing and filtering --------------------------------------------------------------------------


def test_sorts_by_articles_name_and_latest(fixture_analyses):
    table = build_people(fixture_analyses)
    by_articles = [table.rows[i].articles for i in table.order("articles")]
    assert by_articles == sorted(by_articles, reverse=True)
    by_name = [table.rows[i].name for i in table.order("name")]
    assert by_name[0] == "Đàm Thị Uyên" and by_name[-1].startswith("Trương")  # folded: "dam" < "lo" < "quach"
    latest = [table.rows[i].last for i in table.order("latest")]
    assert latest == sorted(latest, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("truong", {"Trương Minh Khuê"}),
        ("Trương khuê", {"Trương Minh Khuê"}),
        ("tru", {"Trương Minh Khuê"}),  # the word being typed matches as a start
        ("quach thuy hoa", {"Quách Thúy Hòa"}),
        ("Quách Thuý Hoà", {"Quách Thúy Hòa"}),  # the other tone placement
        ("qaoch", set()),  # two typos in five letters: too many
        ("quahc", {"Quách Thúy Hòa"}),  # a swapped pair is one typo
        ("hkue", set()),  # the first letter must be right
        ("khuw", {"Trương Minh Khuê"}),  # one typo from three letters
        ("tru ", set()),  # a space ends the word: no completion
        ("", {"Trương Minh Khuê", "Quách Thúy Hòa", "Đàm Thị Uyên", "Lò Văn Sính"}),
    ],
)
def test_filter_by_typing_uses_the_search_folding_and_typo_rules(fixture_analyses, query, expected):
    table = build_people(fixture_analyses)
    assert {table.rows[i].name for i in table.filtered(query)} == expected


def test_filtered_rows_keep_the_chosen_order(fixture_analyses):
    table = build_people(fixture_analyses)
    rows = table.filtered("truong", "articles")
    assert [table.rows[i].articles for i in rows] == [2, 1]


# --- organisations ----------------------------------------------------------------------------------


def test_organisations_merge_abbreviation_and_expansion(fixture_analyses):
    table = build_orgs(fixture_analyses)
    keys = [r.key for r in table.rows]
    assert len(keys) == len(set(keys))
    federation = next(i for i, r in enumerate(table.rows) if r.key == org_key("LĐLĐ tỉnh Lâm Đồng"))
    row = table.rows[federation]
    assert row.name == "Liên đoàn Lao động tỉnh Lâm Đồng" and row.articles == 2 and len(row.held) == 2
    profile = table.profile(federation)
    assert "LĐLĐ tỉnh Lâm Đồng" in profile.aliases
    assert [m.name for m in profile.people] == ["Trương Minh Khuê"]
    money = [(f.date, f.label, f.number) for f in profile.figures if f.type == "money"]
    assert money == [("2024-01-10", "Hỗ trợ Tết", 960_000_000), ("2024-01-25", "Hỗ trợ Tết", 450_000_000)]
    assert [e.date for e in profile.events] == ["2024-01-25", "2024-01-10"]


def test_organisation_filter_reads_typed_abbreviations(fixture_analyses):
    table = build_orgs(fixture_analyses)
    assert {table.rows[i].name for i in table.filtered("ldld lam dong")} == {"Liên đoàn Lao động tỉnh Lâm Đồng"}
    assert {table.rows[i].name for i in table.filtered("lien doan lao")} == {"Liên đoàn Lao động tỉnh Lâm Đồng"}


# --- overview ---------------------------------------------------------------------------------------


def money_fact(label: str, number: int) -> Fact:
    return Fact("figures", label, {"display": str(number), "number": number, "type": "money"}, "", 0, 0)


def test_overview_counts_months_people_places_and_money():
    analyses = [
        analysis(1, "2023-11-20", person("Lý Văn Toản"), places=("Hòa Bình",), organiser="LĐLĐ tỉnh Hòa Bình",
                 facts=(money_fact("Hỗ trợ Tết", 200_000_000),)),
        analysis(2, "2024-01-15", person("Lý Văn Toản"), person("Mạc Thị Lụa"), places=("Hòa Bình", "Hòa Bình"),
                 organiser="Liên đoàn Lao động tỉnh Hòa Bình", facts=(money_fact("Hỗ trợ Tết", 300_000_000),)),
        analysis(3, None, person("Mac Thi Lua")),
    ]
    o = build_overview(analyses)
    assert (o.articles, o.undated) == (3, 1)
    assert o.months == (("2023-11", 1), ("2023-12", 0), ("2024-01", 1))
    assert o.people == (("Lý Văn Toản", 2), ("Mạc Thị Lụa", 2))
    assert o.places == (("Hòa Bình", 2),)
    assert [(t.label, t.group, t.dong, t.articles) for t in o.money_by_year] == [
        ("Hỗ trợ Tết", "2023", 200_000_000, 1), ("Hỗ trợ Tết", "2024", 300_000_000, 1)]
    assert [(t.group, t.dong) for t in o.money_by_org] == [("Liên đoàn Lao động tỉnh Hòa Bình", 500_000_000)]


def test_overview_of_nothing_is_empty():
    o = build_overview([])
    assert o.articles == 0 and o.months == () and o.money_by_org == ()


def test_building_leaves_the_garbage_collector_as_it_found_it(fixture_analyses):
    import gc

    assert gc.isenabled()
    build_people(fixture_analyses)
    build_orgs(fixture_analyses)
    assert gc.isenabled()
    gc.disable()
    try:
        build_people(fixture_analyses)
        assert not gc.isenabled()
    finally:
        gc.enable()
