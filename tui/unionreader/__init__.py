"""unionreader: a terminal reader for Vietnamese trade-union news."""

from .cpu_quirks import avoid_slow_numpy_sort

__version__ = "0.1.0"

avoid_slow_numpy_sort()  # (before anything imports numpy: it reads the setting once, on import)
