"""The Textual reader app (the only part of unionreader that imports Textual)."""
