"""Pilot tests of the reader app on the bundled seeds: each key binding does what the help says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.selection import Selection

from unionreader import export
from unionreader.app.app import UnionReaderApp
from unionreader.app.clipboard import ClipboardSink
from unionreader.app.config import Config, load_config
from unionreader.app.screens.filters import FilterScreen
from unionreader.app.screens.help import HelpScreen
from unionreader.app.widgets.article_list import ArticleList
from unionreader.app.widgets.facts import FactsTree
from unionreader.app.widgets.reader import GROUP_OF_TYPE, Reader
from unionreader.text import fold

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def make_app(**kwargs) -> UnionReaderApp:
    kwargs.setdefault("config", Config())
    kwargs.setdefault("clipboard_commands", False)  # never touch the real clipboard of whoever runs the tests
    return UnionReaderApp([str(SEEDS)], **kwargs)


async def wait_loaded(app: UnionReaderApp, pilot) -> None:
    for _ in range(400):
        if not app.archive.loading and app.main_screen.results.result is not None:
            break
        await pilot.pause(0.05)
    assert not app.archive.loading, "loading did not finish"
    await pilot.pause()


async def answer_path_prompt(app: UnionReaderApp, pilot, path) -> None:
    """Type ``path`` into the open file-name prompt (export, open file) and press Enter."""
    await pilot.pause()
    app.screen.query_one("#path").value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def notifications(app: UnionReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_seeds_load_and_list_all_articles():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        article_list = app.query_one(ArticleList)
        assert len(article_list.docs) == 5
        assert article_list.border_title == "Articles (5)"
        status = str(app.query_one("#status").render())
        assert status.startswith("5 of 5 articles")
        # the first article is previewed without pressing Enter
        assert app.query_one(Reader).analysis is not None


async def test_typing_narrows_the_list_and_highlights_matches():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("slash", *"hung yen")
        await pilot.pause()
        article_list = app.query_one(ArticleList)
        assert 1 <= len(article_list.docs) < 5
        row = article_list.describe_row(0)
        assert "Hưng Yên" in row["title"]
        matched = {fold(row["title"][s:e]) for s, e in row["spans"]}
        assert {"hung", "yen"} <= matched
        status = str(app.query_one("#status").render())
        assert status.startswith(f"{len(article_list.docs)} of 5 articles")
        assert "parsed as" in status
        # the reader marks the hits in the text
        reader = app.query_one(Reader)
        hit_style = reader.style_for("hit")
        styled = reader.styled_text()
        hit_words = {fold(styled.plain[s.start : s.end]) for s in styled.spans if s.style == hit_style}
        assert "yen" in hit_words


async def test_escape_clears_the_search_and_returns_to_the_list():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("slash", *"hung")
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#search").value == ""
        assert isinstance(app.focused, ArticleList)
        assert len(app.query_one(ArticleList).docs) == 5


async def test_moving_the_highlight_previews_the_article():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        article_list = app.query_one(ArticleList)
        reader = app.query_one(Reader)
        first = reader.analysis.article.id
        cursor = article_list.cursor
        assert reader.analysis is app.archive.index.analysis(article_list.docs[cursor])
        await pilot.press("j")
        await pilot.pause()
        assert article_list.cursor == cursor + 1
        assert reader.analysis.article.id != first
        assert reader.analysis is app.archive.index.analysis(article_list.docs[cursor + 1])
        await pilot.press("k")
        await pilot.pause()
        assert reader.analysis.article.id == first


async def test_reader_styles_entities_at_their_offsets():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        reader = app.query_one(Reader)
        checked = 0
        for _ in range(5):
            analysis = reader.analysis
            styled = reader.styled_text()
            assert styled.plain == analysis.article.text
            spans = {(s.start, s.end, s.style) for s in styled.spans}
            for entity in analysis.entities:
                group = GROUP_OF_TYPE[entity.type]
                assert analysis.article.text[entity.start : entity.end] == entity.text
                assert (entity.start, entity.end, reader.style_for(group)) in spans, entity
                checked += 1
            await pilot.press("j")
            await pilot.pause()
        assert checked > 0, "no entities extracted from any seed"


async def test_e_cycles_the_highlighted_entity_types():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        reader = app.query_one(Reader)
        await pilot.press("e")
        assert reader.mode == "person"
        styled_styles = {s.style for s in reader.styled_text().spans}
        assert reader.style_for("organization") not in styled_styles
        legend = str(app.query_one("#legend").render())
        assert "person" in legend and "org" in legend


async def test_n_jumps_to_the_next_search_hit():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.query_one("#search").value = "cong doan"
        await pilot.pause()
        app.query_one(ArticleList).focus()
        reader = app.query_one(Reader)
        await pilot.press("n")
        first = reader._cursor
        assert first is not None and first.kind == "hit"
        assert fold(reader.analysis.article.text[first.start : first.end]) in ("cong", "doan", "cong doan")
        await pilot.press("n")
        assert reader._cursor.start > first.start
        await pilot.press("N")
        assert reader._cursor.start == first.start


async def _focus_fact_far_down(app: UnionReaderApp, pilot):
    """Highlight, in the facts tree, the fact whose sentence is furthest down the current article."""
    reader = app.query_one(Reader)
    tree = app.query_one(FactsTree)
    tree.focus()
    nodes = [n for group in tree.root.children for n in group.children if n.data is not None]
    node = max(nodes, key=lambda n: n.data.start)
    tree.move_cursor(node)
    await pilot.pause()
    return reader, node.data


async def test_selecting_a_fact_scrolls_the_reader_to_its_sentence():
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_loaded(app, pilot)
        reader = app.query_one(Reader)
        # find an article whose last fact lies below the first screen of text
        for _ in range(5):
            facts = reader.analysis.facts
            if facts and reader.line_of_offset(max(f.start for f in facts)) > reader.size.height:
                break
            await pilot.press("j")
            await pilot.pause()
        else:
            pytest.fail("no seed has a fact below the first screen")
        assert reader.scroll_y == 0
        reader, fact = await _focus_fact_far_down(app, pilot)
        line = reader.line_of_offset(fact.start)
        assert reader.scroll_y > 0
        assert reader.scroll_y <= line < reader.scroll_y + reader.size.height
        spans = {(s.start, s.end, s.style) for s in reader.styled_text().spans}
        assert (fact.start, fact.end, reader.style_for("fact")) in spans


class RecordingSink(ClipboardSink):
    def __init__(self) -> None:
        self.copied: list[str] = []
        super().__init__(self.copied.append, use_platform=False)


async def test_c_copies_the_selected_fact_as_markdown():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.clipboard_sink = sink = RecordingSink()
        _, fact = await _focus_fact_far_down(app, pilot)
        await pilot.press("c")
        assert sink.copied == [export.fact_to_markdown(fact)]
        assert any("Copied the fact" in m and "OSC 52" in m for m in notifications(app))


async def test_C_and_J_copy_all_facts_as_markdown_and_json():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        analysis = app.query_one(Reader).analysis
        await pilot.press("C")
        assert app.clipboard == export.to_markdown([analysis])
        await pilot.press("J")
        assert app.clipboard == export.to_json([analysis])
        assert json.loads(app.clipboard)["schema"] == "unionreader/facts-v1"
        assert sum("Copied all" in m for m in notifications(app)) == 2


async def test_copy_to_file_gets_the_text_and_the_notification_says_so(tmp_path):
    target = tmp_path / "clip.md"
    app = make_app(copy_to=target)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        analysis = app.query_one(Reader).analysis
        await pilot.press("C")
        assert target.read_text(encoding="utf-8") == export.to_markdown([analysis])
        assert any(str(target) in m for m in notifications(app))


async def test_x_exports_the_listed_articles_atomically(tmp_path):
    target = tmp_path / "facts.json"
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.query_one("#search").value = "hung yen"
        await pilot.pause()
        app.query_one(ArticleList).focus()
        listed = [app.archive.index.analysis(d) for d in app.query_one(ArticleList).docs]
        await pilot.press("x")
        await answer_path_prompt(app, pilot, target)
        assert target.read_text(encoding="utf-8") == export.to_json(listed)
        assert not [p for p in tmp_path.iterdir() if p.name != "facts.json"], "temporary file left behind"


async def test_x_to_a_csv_file_writes_a_spreadsheet_readable_csv(tmp_path):
    # Without the BOM a spreadsheet reads the file in the local code page and breaks the diacritics.
    target = tmp_path / "facts.csv"
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.query_one(ArticleList).focus()
        listed = [app.archive.index.analysis(d) for d in app.query_one(ArticleList).docs]
        await pilot.press("x")
        await answer_path_prompt(app, pilot, target)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.decode("utf-8-sig") == export.to_csv(listed)
        assert "Công đoàn" in data.decode("utf-8-sig")


async def test_f_filter_panel_adds_a_field_term_to_the_query():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FilterScreen)
        assert screen.terms, "no facets on the seeds"
        expected = screen.terms[0]
        await pilot.press("enter")
        await pilot.pause()
        value = app.query_one("#search").value
        assert value.strip() == expected
        field = expected.split(":", 1)[0]
        assert field in ("org", "person", "year", "kind")
        assert f"{field}:" in str(app.query_one("#status").render())
        assert 1 <= len(app.query_one(ArticleList).docs) <= 5


async def test_help_lists_every_key_and_the_query_language():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = app.help_rows()
        described = {d for _, d, _ in rows}
        for action in ("Search", "Filters", "Copy fact", "Copy all (MD)", "Copy JSON", "Export", "Quit"):
            assert action in described
        assert ("c", "Copy fact", "everywhere") in rows
        query_text = str(app.screen.query_one("#help-query").render())
        assert "person:" in query_text and '"' in query_text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_number_keys_hide_and_show_panes():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("3")
        assert not app.query_one("#facts").display
        await pilot.press("1")
        assert not app.query_one("#list").display
        await pilot.press("2")  # the last visible pane stays
        assert app.query_one("#reader-pane").display
        await pilot.press("1", "3")
        assert app.query_one("#facts").display and app.query_one("#list").display


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_layout_renders_at_small_and_large_sizes(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_loaded(app, pilot)
        for selector in ("#search", "#status", "#list", "#reader", "#facts", "#legend"):
            widget = app.query_one(selector)
            assert widget.region.width > 0 and widget.region.height > 0, selector
            assert widget.region.right <= size[0] and widget.region.bottom <= size[1], selector
        reader = app.query_one(Reader)
        assert reader.size.width >= 20
        assert all(len(reader.line_text(i)) <= reader.size.width for i in range(len(reader._lines)))
        assert "Công đoàn" in reader.visible_text() or "Công đoàn" in reader.analysis.article.text


async def test_tab_moves_between_panes():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("tab")
        assert isinstance(app.focused, Reader)
        await pilot.press("tab")
        assert isinstance(app.focused, FactsTree)
        await pilot.press("shift+tab", "shift+tab")
        assert isinstance(app.focused, ArticleList)


async def test_config_rebinds_keys_and_sets_the_theme(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('theme = "ansi-dark"\n[keys]\ncopy_all = "y"\n', encoding="utf-8")
    monkeypatch.setenv("UNIONREADER_CONFIG", str(path))
    app = UnionReaderApp([str(SEEDS)], clipboard_commands=False)
    assert app.config.keymap == {"copy_all": "y"} and not app.config.problems
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        assert app.theme == "ansi-dark"
        analysis = app.query_one(Reader).analysis
        await pilot.press("C")
        assert app.clipboard == ""
        await pilot.press("y")
        assert app.clipboard == export.to_markdown([analysis])
        assert any(key == "y" for key, d, _ in app.help_rows() if d == "Copy all (MD)")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[keys\ncopy = ", "not valid TOML"),
        ('theme = "no-such-theme"\n', "unknown theme"),
        ('[keys]\nfly_away = "z"\n', "unknown action"),
    ],
)
async def test_bad_config_gives_one_line_and_the_defaults(tmp_path, monkeypatch, content, problem):
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("UNIONREADER_CONFIG", str(path))
    app = UnionReaderApp([str(SEEDS)], clipboard_commands=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        messages = [m for m in notifications(app) if problem in m]
        assert len(messages) == 1 and str(path) in messages[0] and "\n" not in messages[0]
        await pilot.press("C")
        assert app.clipboard  # the default key still works


def test_load_config_missing_file_is_the_defaults(tmp_path):
    config = load_config(tmp_path / "absent.toml", binding_ids=["search"])
    assert config.keymap == {} and config.theme is None and config.problems == ()


async def test_unreadable_files_are_listed_not_raised(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    app = UnionReaderApp([str(SEEDS), str(bad), str(tmp_path / "missing.txt")], config=Config(), clipboard_commands=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.query_one(ArticleList).docs) == 5
        assert {Path(e.source).name for e in app.archive.load_errors} >= {"missing.txt"}
        assert any("could not be loaded" in (n.title or "") for n in app._notifications)


def test_readme_lists_every_binding_id():
    from unionreader.app.app import all_binding_ids

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    keys_section = readme.split("## Keys", 1)[1].split("\n## ", 1)[0]
    for binding_id in all_binding_ids():
        assert f"`{binding_id}`" in keys_section, binding_id


async def test_typing_works_while_loading_and_the_list_fills_in():
    import threading

    from unionreader.corpus import iter_load
    from unionreader.library.batching import load_batches

    release = threading.Event()

    def slow_items():
        items = list(iter_load([str(SEEDS)]))
        yield from items[:2]
        release.wait(10)  # the rest arrives only once the test has typed
        yield from items[2:]

    app = UnionReaderApp(
        [], batches=lambda: load_batches(slow_items(), total=5, batch_size=1, max_batch_size=1), config=Config(), clipboard_commands=False
    )
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(200):
            if len(app.query_one(ArticleList).docs) == 2:
                break
            await pilot.pause(0.05)
        assert app.archive.loading and len(app.query_one(ArticleList).docs) == 2
        assert app.query_one("#loading").display
        await pilot.press("slash", *"hung yen")
        assert app.query_one("#search").value == "hung yen"
        release.set()
        await wait_loaded(app, pilot)
        assert not app.query_one("#loading").display
        docs = app.query_one(ArticleList).docs
        assert 1 <= len(docs) < 5
        assert "Hưng Yên" in app.archive.index.analysis(docs[0]).article.title


async def test_command_palette_offers_the_app_commands():
    app = make_app()
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for title in ("Open file or folder…", "Export facts of listed articles…", "Toggle facts", "Show load errors"):
        assert title in titles
    assert any("theme" in t.lower() for t in titles)


async def test_hovering_an_abbreviation_shows_its_expansion():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        reader = app.query_one(Reader)
        for _ in range(5):
            abbreviations = [
                e for e in reader.analysis.entities
                if e.type == "abbreviation" and isinstance(e.value, str) and e.value != e.text
            ]
            if abbreviations:
                break
            await pilot.press("j")
            await pilot.pause()
        else:
            pytest.skip("extraction found no expanded abbreviation in the seeds")
        entity = abbreviations[0]
        reader.scroll_to_offset(entity.start)
        await pilot.pause()
        x, y = reader.cell_of_offset(entity.start)
        dx = reader.content_region.x - reader.region.x
        dy = reader.content_region.y - reader.region.y
        await pilot.hover(Reader, offset=(dx + x, dy + y))
        await pilot.pause()
        status = str(app.query_one("#status").render())
        assert status == f"{entity.text} = {entity.value}"
        assert reader.tooltip == status


async def test_ctrl_c_copies_the_mouse_selection_through_every_route():
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.clipboard_sink = sink = RecordingSink()
        reader = app.query_one(Reader)
        await pilot.mouse_down(Reader, offset=(2, 4))
        await pilot.hover(Reader, offset=(20, 5))
        await pilot.mouse_up(Reader, offset=(20, 5))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        everything = reader.get_selection(Selection(None, None))[0]
        assert selected and selected.strip() in everything
        await pilot.press("ctrl+c")
        assert sink.copied == [selected]
        assert any("selected text" in m for m in notifications(app))


async def test_batches_arriving_under_an_open_modal_do_not_break_anything():
    import threading

    from unionreader.corpus import iter_load
    from unionreader.library.batching import load_batches

    release = threading.Event()

    def slow_items():
        items = list(iter_load([str(SEEDS)]))
        yield items[0]
        release.wait(10)
        yield from items[1:]

    app = UnionReaderApp(
        [], batches=lambda: load_batches(slow_items(), total=5, batch_size=1, max_batch_size=1), config=Config(), clipboard_commands=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.query_one(ArticleList).docs:
                break
            await pilot.pause(0.05)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        release.set()
        await wait_loaded(app, pilot)
        await pilot.press("escape")
        assert len(app.main_screen.query_one(ArticleList).docs) == 5


def test_loading_batches_start_small_and_grow():
    from unionreader.corpus import iter_load
    from unionreader.extract.models import Analysis
    from unionreader.library.batching import load_batches

    items = list(iter_load([str(SEEDS)])) * 30  # 150 articles
    batches = list(
        load_batches(iter(items), total=len(items), batch_size=4, max_batch_size=32, max_batch_seconds=60,
                     analyser=lambda a: Analysis(a, (), (), a.published))
    )
    sizes = [len(b.analyses) for b in batches]
    assert sizes[:4] == [4, 8, 16, 32] and max(sizes) == 32
    assert sum(sizes) == len(items) and batches[-1].loaded == len(items)


async def test_open_file_from_the_palette_adds_articles_once_and_reports_bad_paths(tmp_path):
    own = Path(__file__).resolve().parent / "fixtures" / "articles"
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open file")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await answer_path_prompt(app, pilot, own)
        await wait_loaded(app, pilot)
        article_list = app.query_one(ArticleList)
        assert len(article_list.docs) == 5 + len(list(own.glob("*.txt")))
        assert "Articles (8)" in str(article_list.border_title)

        app.main_screen.open_paths(str(own))  # the same folder again: nothing new is listed
        await wait_loaded(app, pilot)
        assert len(article_list.docs) == 8
        assert any("already listed" in m for m in notifications(app))

        missing = tmp_path / "nowhere"
        app.main_screen.open_paths(str(missing))
        await wait_loaded(app, pilot)
        assert len(article_list.docs) == 8
        assert any(str(missing) in m for m in notifications(app))


async def test_keys_typed_right_after_slash_go_to_the_search_box():
    """A fast typist (or keys arriving in one read over SSH) must not have "c" taken as "copy"."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        app.clipboard_sink = sink = RecordingSink()
        def arrive_together(*keys: tuple[str, str | None]) -> None:
            for key, char in keys:  # as the driver delivers them, all queued before the first is handled
                event = events.Key(key, char)
                event.set_sender(app)
                app._driver.send_message(event)

        async def settle(done) -> None:
            # Each key hops app -> screen -> widget: under load one pause may not carry them all.
            for _ in range(100):
                await pilot.pause()
                if done():
                    return
                await pilot.pause(0.02)

        search = app.query_one("#search")
        arrive_together(("slash", "/"), ("c", "c"), ("h", "h"), ("u", "u"))
        await settle(lambda: search.value == "chu")
        assert search.value == "chu"
        assert sink.copied == []
        arrive_together((" ", " "), ("0", "0"), ("9", "9"), ("slash", "/"), ("N", "N"))  # "/" in a query is typed
        await settle(lambda: search.value == "chu 09/N")
        assert search.value == "chu 09/N"
        arrive_together(("escape", None), ("j", "j"))
        await settle(lambda: search.value == "" and app.query_one(ArticleList).cursor == 1)
        assert search.value == ""
        assert app.query_one(ArticleList).cursor == 1  # "j" moved down the list, not typed


async def test_slash_types_a_slash_in_the_export_prompt(tmp_path):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen.query_one("#path")
        prompt.value = ""
        await pilot.press(*"out", "slash", *"facts.md")
        assert prompt.value == "out/facts.md"
        assert app.screen is not app.main_screen  # still in the prompt, the search box untouched
        assert app.main_screen.query_one("#search").value == ""


async def test_loaded_articles_are_kept_out_of_the_garbage_collectors_passes():
    import gc

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(app, pilot)
        article = app.archive.index.analysis(0).article
        # frozen objects are not in any generation the collector walks
        assert not any(o is article for o in gc.get_objects())
        assert gc.get_freeze_count() > 0


async def test_a_search_blocked_by_indexing_runs_as_soon_as_the_index_is_free():
    import threading

    from unionreader.corpus import iter_load
    from unionreader.library.batching import load_batches

    release = threading.Event()

    def slow_items():
        items = list(iter_load([str(SEEDS)]))
        yield from items[:2]
        release.wait(10)
        yield from items[2:]

    app = UnionReaderApp(
        [], batches=lambda: load_batches(slow_items(), total=5, batch_size=1, max_batch_size=1),
        config=Config(), clipboard_commands=False,
    )
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(200):
            if len(app.query_one(ArticleList).docs) == 2:
                break
            await pilot.pause(0.05)
        with app.archive.index_lock:  # as if the loader were indexing a slice
            await pilot.press("slash", *"cuc tro giup")
            await pilot.pause(0.05)
            assert app.main_screen.results.result.query == ""  # the search waits for the index
        await pilot.pause(0.1)  # no batch arrives meanwhile: the retry alone runs it
        assert app.main_screen.results.result.query == "cuc tro giup"
        top = app.query_one(ArticleList).docs[0]
        assert "Trợ giúp pháp lý" in app.archive.index.analysis(top).article.title
        release.set()
        await wait_loaded(app, pilot)


@pytest.mark.parametrize("batch_size", [1, 3, 64])
async def test_duplicates_are_skipped_whichever_batch_they_fall_in(batch_size):
    """The same text read twice is listed once, whether both copies arrive in one batch or in two
    (the loader cuts batches by time, so where copies fall must not matter)."""
    from unionreader.corpus import iter_load
    from unionreader.extract.models import Analysis
    from unionreader.library.batching import load_batches

    items = list(iter_load([str(SEEDS)]))
    items = [items[0], items[0], *items[1:], items[3], items[1]]  # copies next to each other and far apart
    app = make_app(batches=lambda: load_batches(
        iter(items), total=len(items), batch_size=batch_size, max_batch_size=batch_size, max_batch_seconds=60,
        analyser=lambda a: Analysis(a, (), (), a.published)))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_loaded(app, pilot)
        assert len(app.archive.index) == 5
        assert app.archive.duplicates_skipped == 3
        assert sorted(app.archive.index.analysis(d).article.id for d in range(5)) == sorted({a.id for a in items})
        assert any("3 article(s) already listed" in m for m in notifications(app))
        # Loading ended: the slices' posting segments were merged into one per kind.
        assert set(app.archive.index.segment_counts.values()) == {1}
