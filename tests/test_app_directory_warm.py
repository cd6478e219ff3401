"""The people and organisation screens after a warm open: their tables come from the scans saved in the
cache with the index, and files removed or changed since are out of them (Pilot, through the library)."""

from __future__ import annotations

from test_library import archive, write_article  # noqa: F401 (the fixture)
from test_library_app import open_app, wait_loaded
from unionreader.directory import build_people
from unionreader.directory.saved import PREFIX

EXTRA = ("Hội nghị tổng kết của Công đoàn Khu kinh tế\n\n"
         "Ngày 3-5-2024, Công đoàn Khu kinh tế tỉnh Hà Tĩnh tổ chức hội nghị. "
         "Bà Tôn Nữ Diệu Hiền, Phó Chủ tịch Công đoàn Khu kinh tế tỉnh Hà Tĩnh, chủ trì hội nghị.\n")


async def people_table(app, pilot):
    await pilot.press("p")
    for _ in range(500):
        if getattr(app.screen, "table", None) is not None:
            break
        await pilot.pause(0.02)
    return app.screen.table


def names(table) -> list[str]:
    return sorted(table.rows[i].name for i in range(len(table)))


def afresh(app) -> list[str]:
    index = app.archive.index
    retired = set(index.retired.tolist())
    return names(build_people([index.analysis(d) for d in range(len(index)) if d not in retired]))


async def wait_saved(cache, pilot) -> None:
    for _ in range(500):  # (written by the loader's thread once the load has ended)
        if len(list(cache.glob(f"{PREFIX}*"))) == 2:
            return
        await pilot.pause(0.02)
    raise AssertionError("the tables' scans were not saved")


async def test_a_warm_open_lists_people_from_the_saved_scans_without_removed_files(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    (archive / "900.txt").write_text(EXTRA, encoding="utf-8")
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await wait_saved(cache, pilot)
        cold = names(await people_table(app, pilot))
    assert "Tôn Nữ Diệu Hiền" in cold

    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = await people_table(app, pilot)
        snapshot = app.archive.library.snapshot[1]
        assert names(table) == cold == afresh(app)
        assert app.archive.directory._kept["people"][0] == snapshot  # loaded, not scanned from the store
        assert app.archive.directory.problems == []

    (archive / "900.txt").unlink()
    write_article(archive / "001.txt", 1, " Hội nghị có thêm khách mời.")
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.archive.index.retired) == 2
        table = await people_table(app, pilot)
        assert "Tôn Nữ Diệu Hiền" not in names(table)
        assert names(table) == afresh(app)


async def test_a_damaged_saved_scan_is_said_once_and_the_table_rebuilt(archive, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await wait_saved(cache, pilot)
    for path in cache.glob(f"{PREFIX}*"):
        path.write_bytes(path.read_bytes()[:100])
    app = open_app(archive, cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        table = await people_table(app, pilot)
        assert names(table) == afresh(app)
        await pilot.pause(0.1)
        said = [n.message for n in app._notifications if "damaged" in n.message]
        # (the organisations' file is looked at when their screen opens: nothing changed to carry over)
        assert len(said) == 1 and "people table" in said[0] and "rebuilding" in said[0]
        await pilot.press("escape")
        await pilot.press("o")
        for _ in range(500):
            if getattr(app.screen, "table", None) is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        said = [n.message for n in app._notifications if "damaged" in n.message]
        assert any("orgs table" in m for m in said) and not any("people table" in m for m in said[1:])
