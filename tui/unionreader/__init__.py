"""unionreader: a terminal reader for Vietnamese trade-union news."""

__version__ = "0.1.0"
