"""How often a people or organisation screen left open builds its table again while articles load.

Each build groups every sighting loaded so far (seconds at 100k articles) on a thread that shares the
interpreter with the loader and the UI: done per batch, it would slow loading down and the table would
change faster than anyone reads it. So one build at a time (the screen's worker), the next one no
sooner than ``GAP`` seconds after the last one ended nor sooner than ``SHARE`` times as long as that
one took (so the builds take at most a third of the time at 100k), and one at once when loading ends.
A plain clock-driven state: the screen gives it the times.
"""

from __future__ import annotations

GAP = 3.0  # seconds at least between the end of a build and the start of the next one, while loading
SHARE = 2.0  # …and at least this many times as long as the last build took


class RebuildPacing:
    def __init__(self, gap: float = GAP, share: float = SHARE) -> None:
        self.gap = gap
        self.share = share
        self._ended = float("-inf")  # when the last build ended
        self._took = 0.0  # how long it took

    def wait(self, now: float, loading: bool) -> float:
        """Seconds until the next build may start (0: now). Loading has ended: now, for the last articles."""
        if not loading:
            return 0.0
        return max(0.0, self._ended + max(self.gap, self.share * self._took) - now)

    def built(self, started: float, ended: float) -> None:
        """A build ran from ``started`` to ``ended`` (times of the same clock as ``wait``'s)."""
        self._ended = ended
        self._took = max(0.0, ended - started)
