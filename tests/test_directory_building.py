"""The people and organisation tables built per loading batch are the tables built at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionreader.corpus import load_paths
from unionreader.directory import OrgBuilder, PeopleBuilder, build_orgs, build_people, render
from unionreader.extract import analyse

FIXTURES = Path(__file__).parent / "fixtures" / "directory"


@pytest.fixture(scope="module")
def analyses():
    found = [analyse(a) for a in load_paths([str(FIXTURES)]).articles]
    assert len(found) >= 4
    return found


def _people(table) -> list:
    return [(table.rows[i].name, table.rows[i].role, render.person_json(table.profile(i))) for i in table.order("latest")]


def _orgs(table) -> list:
    return [(table.rows[i].name, render.org_json(table.profile(i))) for i in table.order("latest")]


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_batches_give_the_table_built_at_once(analyses, batch):
    people, orgs = PeopleBuilder(), OrgBuilder()
    for start in range(0, len(analyses), batch):
        people.add(analyses[start : start + batch])
        orgs.add(analyses[start : start + batch])
    assert len(people) == len(orgs) == len(analyses)
    assert _people(people.table(analyses)) == _people(build_people(analyses))
    assert _orgs(orgs.table(analyses)) == _orgs(build_orgs(analyses))


def test_a_table_taken_midway_is_not_changed_by_later_batches(analyses):
    half = len(analyses) // 2
    people, orgs = PeopleBuilder(), OrgBuilder()
    people.add(analyses[:half])
    orgs.add(analyses[:half])
    early_people, early_orgs = people.table(analyses[:half]), orgs.table(analyses[:half])
    before = _people(early_people), _orgs(early_orgs)
    people.add(analyses[half:])
    orgs.add(analyses[half:])
    assert (_people(early_people), _orgs(early_orgs)) == before
    assert before == (_people(build_people(analyses[:half])), _orgs(build_orgs(analyses[:half])))
    assert _people(people.table(analyses)) == _people(build_people(analyses))


def test_spellings_seen_after_a_table_was_taken_stay_out_of_it():
    from unionreader.articles import Article
    from unionreader.extract.models import Analysis, Entity

    def article_naming(n: int, *names: str) -> Analysis:
        entities = tuple(Entity("organization", name, 0, 0, name) for name in names)
        return Analysis(Article(f"a{n}", f"a{n}.txt", f"Bài {n}", False, "", (), None, ""), entities, (), "2024-01-0" + str(n))

    first = article_naming(1, "Công đoàn Viên chức tỉnh Yên Thịnh")
    second = article_naming(2, "Công đoàn Viên chức tỉnh Yên Thinh", "Cong doan Vien chuc tinh Yen Thinh")
    orgs = OrgBuilder()
    orgs.add([first])
    early = orgs.table([first])
    orgs.add([second])
    assert early.profile(0).aliases == ()
    assert len(early.profile(0).articles) == 1
    later = orgs.table([first, second])
    assert set(later.profile(0).aliases) == {"Công đoàn Viên chức tỉnh Yên Thinh", "Cong doan Vien chuc tinh Yen Thinh"}
