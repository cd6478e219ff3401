"""The library: the one way the app and the commands open paths (read, clean, extract, index, cache).

This package grows into the persistent, incremental, parallel corpus store; ``worker`` is the unit of
work that runs in other processes (``concurrent.futures`` here, Dask tasks in ``unionreader.scale``).
"""
