"""Pilot tests of a people or organisation screen left open while articles load: the table is built
again in the background and swapped in (paced), with the filter, sort, selection and scroll kept,
and namesakes are told apart when the cursor is put back."""

from __future__ import annotations

import threading
from pathlib import Path

from test_app_directory import listed, make_app, status, wait_loaded, wait_table
from unionreader.app.app import UnionReaderApp
from unionreader.app.config import Config
from unionreader.app.screens.directory import PeopleScreen
from unionreader.app.widgets.directory_list import DirectoryList
from unionreader.corpus import iter_load
from unionreader.library.batching import load_batches

FIXTURES = Path(__file__).parent / "fixtures" / "directory"


class GatedLoad:
    """The fixture articles one batch each; the loader waits at each gate until the test opens it."""

    def __init__(self, gates: tuple[int, ...]) -> None:
        self.items = sorted(iter_load([str(FIXTURES)]), key=lambda a: a.source)
        self.gates = {at: threading.Event() for at in gates}

    def __call__(self):
        def items():
            for at, item in enumerate(self.items):
                gate = self.gates.get(at)
                if gate is not None:
                    gate.wait(20)
                yield item

        return load_batches(items(), total=len(self.items), batch_size=1, max_batch_size=1)

    def open(self, at: int) -> None:
        self.gates[at].set()

    def open_all(self) -> None:
        for gate in self.gates.values():
            gate.set()


def gated_app(load: GatedLoad) -> UnionReaderApp:
    return UnionReaderApp([], batches=load, config=Config(), clipboard_commands=False)


async def until(pilot, condition, what: str) -> None:
    for _ in range(400):
        if condition():
            break
        await pilot.pause(0.02)
    assert condition(), what
    await pilot.pause()


def names(listing: DirectoryList) -> list[str]:
    return [row.split(" · ")[0] for row in listed(listing)]


async def open_people_at(app, pilot, loaded: int) -> PeopleScreen:
    await until(pilot, lambda: app.archive.loaded_articles == loaded, f"{loaded} articles loaded")
    await pilot.press("p")
    await wait_table(app, pilot)
    return app.screen


async def test_a_screen_left_open_takes_in_the_articles_loaded_keeping_filter_sort_and_selection():
    load = GatedLoad(gates=(3,))
    app = gated_app(load)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people_at(app, pilot, 3)
        listing = people.query_one(DirectoryList)
        assert len(people.table.analyses) == 3 and app.archive.loading
        assert "· loading: 3 of 6 articles ·" in status(app)
        await pilot.press("s")  # sorted by name
        await pilot.press("slash", *"khue", "enter")
        assert names(listing) == ["Trương Minh Khuê"]
        first = people.table
        load.open_all()
        await until(pilot, lambda: not app.archive.loading and len(people.table.analyses) == 6,
                    "the table rebuilt for every article while the screen stayed open")
        assert app.screen is people and people.table is not first
        assert people.query_one("#directory-filter").value == "khue" and people.sort == "name"
        assert names(listing) == ["Trương Minh Khuê", "Trương Minh Khuê"]  # the namesake of a4 came in
        # the cursor stayed on the chair of the federation, not on the newcomer
        assert "Lâm Đồng" in people.table.rows[listing.highlighted_row].role
        assert "loading" not in status(app) and "updating" not in status(app)
        assert status(app).startswith(" 2 of ") and "sorted by name" in status(app)


async def test_while_loading_the_table_is_rebuilt_when_due_and_the_status_follows():
    load = GatedLoad(gates=(2, 4))
    app = gated_app(load)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people_at(app, pilot, 2)
        assert len(people.table.analyses) == 2
        people._pacing.gap = people._pacing.share = 0  # (every batch is due: no waiting in a test)
        load.open(2)
        await until(pilot, lambda: len(people.table.analyses) == 4, "rebuilt while still loading")
        assert app.archive.loading and "· loading: 4 of 6 articles ·" in status(app)
        load.open(4)
        await wait_loaded(app, pilot)
        await until(pilot, lambda: len(people.table.analyses) == 6, "rebuilt when loading ended")
        assert "loading" not in status(app)


async def test_batches_landing_between_due_builds_start_none_and_the_end_of_loading_starts_one():
    load = GatedLoad(gates=(2, 3, 4, 5))
    app = gated_app(load)
    asked: list[int] = []
    build = app.archive.directory_table
    app.directory_table = lambda kind: asked.append(len(app.archive.index)) or build(kind)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people_at(app, pilot, 2)
        assert asked == [2]
        people._pacing.gap = 600  # (the next build is not due while loading)
        for at in (2, 3, 4):
            load.open(at)
            await until(pilot, lambda at=at: app.archive.loaded_articles == at + 1, "the batch landed")
        assert asked == [2] and len(people.table.analyses) == 2
        assert people._rebuild_timer is not None  # the next build waits until it is due
        assert "· loading: 5 of 6 articles ·" in status(app)
        load.open(5)
        await wait_loaded(app, pilot)
        await until(pilot, lambda: len(people.table.analyses) == 6, "rebuilt once when loading ended")
        await pilot.pause(0.1)
        assert asked == [2, 6] and people._rebuild_timer is None


async def test_keys_typed_while_a_table_is_rebuilt_are_all_kept_and_the_swap_keeps_the_cursor():
    load = GatedLoad(gates=(3,))
    app = gated_app(load)
    hold = threading.Event()
    build = app.archive.directory_table

    def held_build(kind):
        if len(app.archive.index) == 6:
            hold.wait(20)  # the rebuild with every article stays in flight until the test lets it go
        return build(kind)

    app.directory_table = held_build
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people_at(app, pilot, 3)
        listing = people.query_one(DirectoryList)
        load.open_all()
        await wait_loaded(app, pilot)
        await until(pilot, lambda: people._building, "a rebuild in flight")
        assert "· updating for 6 articles… ·" in status(app)  # loaded, the table not yet of them all
        await pilot.press("slash", *"truong")
        first = people.table
        chosen = people.table.rows[listing.highlighted_row].key
        hold.set()
        await until(pilot, lambda: people.table is not first, "the rebuilt table swapped in")
        await pilot.press(*" minh")
        assert people.query_one("#directory-filter").value == "truong minh"
        assert people.focused is people.query_one("#directory-filter")
        assert people.table.rows[listing.highlighted_row].key == chosen
        assert names(listing) == ["Trương Minh Khuê", "Trương Minh Khuê"]


async def test_a_rebuild_puts_the_cursor_back_on_the_namesake_it_was_on(tmp_path):
    more = tmp_path / "more"
    more.mkdir()
    (more / "b1_kientuong.txt").write_text(
        "Công ty Cổ phần Thép Kiên Tường khánh thành nhà máy\n\n"
        "Ngày 5/5/2025, Công ty Cổ phần Thép Kiên Tường khánh thành nhà máy mới. Đồng chí Trương Minh Khuê, "
        "Giám đốc Công ty Cổ phần Thép Kiên Tường phát biểu tại buổi lễ.\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        people = app.screen
        listing = await wait_table(app, pilot)
        await pilot.press("slash", *"khue", "enter", "down")  # the second Khuê: the company's director
        assert names(listing) == ["Trương Minh Khuê", "Trương Minh Khuê"] and listing.cursor == 1
        director = people.table.rows[listing.highlighted_row]
        assert "Kiên Tường" in director.role and director.articles == 1
        await pilot.press("escape")  # closed while more is loaded: reopening rebuilds the table
        built = people.table
        app.main_screen.open_paths(str(more))
        await wait_loaded(app, pilot)
        await pilot.press("p")
        await until(pilot, lambda: people.table is not built, "rebuilt on reopening")
        row = people.table.rows[listing.highlighted_row]
        assert listing.cursor == 1 and "Kiên Tường" in row.role and row.articles == 2


SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Nam", "Phúc")
BODIES = ("Công ty Cổ phần May Sông Lam", "Công ty Dệt Hòa Khánh", "Công ty Gạch Phú Điền", "Công ty Nhựa Bắc Hà")


def write_meeting(folder: Path, name: str, chair: str, deputy: str, body: str, day: int, month: int) -> None:
    (folder / f"{name}.txt").write_text(
        f"Công đoàn {body} tổ chức Hội nghị người lao động\n\n"
        f"Ngày {day}/{month}/2024, Công đoàn {body} tổ chức Hội nghị người lao động năm 2024. "
        f"Đồng chí {chair}, Chủ tịch Công đoàn {body} chủ trì Hội nghị. "
        f"Đồng chí {deputy}, Phó Chủ tịch Công đoàn {body} phát biểu tại Hội nghị.\n",
        encoding="utf-8",
    )


async def test_the_list_keeps_its_scroll_when_a_rebuilt_table_is_swapped_in(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i, surname in enumerate(SURNAMES):
        for j, given in enumerate(GIVEN[:5]):
            write_meeting(archive, f"g{i}{j}", f"{surname} Văn {given}", f"{surname} Thị {GIVEN[j + 5]}",
                          BODIES[(i + j) % 4], 1 + j, 1 + i)
    more = tmp_path / "more"
    more.mkdir()
    write_meeting(more, "h1", "Bùi Anh Tú", "Bùi Anh Tài", BODIES[0], 9, 9)  # listed first by name
    app = UnionReaderApp([str(archive)], config=Config(), clipboard_commands=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        people = app.screen
        listing = await wait_table(app, pilot)
        assert len(listing.rows) == 80
        await pilot.press("s", *["pagedown"] * 2, "down", "down", "up")
        await pilot.pause()
        assert listing.scroll_y > 0
        chosen = people.table.rows[listing.highlighted_row].key
        line = listing.cursor - int(listing.scroll_y)
        cursor = listing.cursor
        first = people.table
        app.main_screen.open_paths(str(more))  # loaded with the screen open
        await until(pilot, lambda: people.table is not first and len(listing.rows) == 82, "rebuilt")
        await pilot.pause()
        assert people.table.rows[listing.highlighted_row].key == chosen
        assert listing.cursor == cursor + 2  # the two newcomers are listed before it
        assert listing.cursor - int(listing.scroll_y) == line  # on the same line of the list


def test_rebuilds_while_loading_wait_the_gap_or_twice_the_last_build_and_none_once_loading_ended():
    from unionreader.app.rebuild_pacing import RebuildPacing

    pacing = RebuildPacing(gap=3.0, share=2.0)
    assert pacing.wait(100.0, loading=True) == 0.0  # nothing built yet
    pacing.built(100.0, 100.5)  # a quick build: the gap rules
    assert pacing.wait(101.5, loading=True) == 2.0 and pacing.wait(104.0, loading=True) == 0.0
    pacing.built(110.0, 114.0)  # a 4 s build (100k articles): twice that before the next
    assert pacing.wait(115.0, loading=True) == 7.0
    assert pacing.wait(115.0, loading=False) == 0.0  # loading ended: the last articles at once


async def test_the_table_swapped_out_is_freed_by_a_thread_not_in_the_swap():
    import weakref

    load = GatedLoad(gates=(3,))
    app = gated_app(load)
    async with app.run_test(size=(120, 40)) as pilot:
        people = await open_people_at(app, pilot, 3)
        freed_on: list[str] = []
        first = weakref.ref(people.table, lambda _: freed_on.append(threading.current_thread().name))
        load.open_all()
        await until(pilot, lambda: len(people.table.analyses) == 6, "rebuilt")
        await until(pilot, lambda: first() is None, "the old table freed")
        assert freed_on and freed_on[0] != threading.main_thread().name


async def test_a_long_list_shows_each_count_beside_its_scrollbar(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    for i, surname in enumerate(SURNAMES):
        for j, given in enumerate(GIVEN[:5]):
            write_meeting(archive, f"g{i}{j}", f"{surname} Văn {given}", f"{surname} Thị {GIVEN[j + 5]}",
                          BODIES[(i + j) % 4], 1 + j, 1 + i)
    app = UnionReaderApp([str(archive)], config=Config(), clipboard_commands=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("p")
        listing = await wait_table(app, pilot)
        assert listing.show_vertical_scrollbar  # 80 people: more than it shows
        top = listing.content_region.y
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        for y in range(top, top + 5):  # every row ends with its count (1 each), not under the scrollbar
            row = lines[y][listing.content_region.x : listing.scrollable_content_region.right]
            assert row.rstrip().endswith(" 1"), row


async def test_a_screen_built_ahead_and_mounted_while_the_app_closes_sets_nothing_up():
    # (Seen once in CI: the organisations screen, built ahead, mounted as the app closed, its children gone.)
    from unionreader.app.screens.directory import OrgsScreen

    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(app, pilot)
        screen = app.get_screen("orgs", OrgsScreen)
        await pilot.pause()
        await screen.query(DirectoryList).remove()
        screen.on_mount()  # no NoMatches: nothing to set up
        assert not screen.query(DirectoryList)
