"""Every test runs with its own cache directory: the suite never writes to the user's real cache."""

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("UNIONREADER_CACHE", str(tmp_path_factory.mktemp("cache")))
