"""The one request limiter of a run: a request rate across all threads, and SEC's block pause.

Every request of the client waits in ``acquire()``. Starts are spaced evenly,
a little wider than ``1/rate`` so that scheduling jitter between the start and
the moment the request reaches the server cannot squeeze ``rate + 1`` requests
into one second. ``block(seconds)`` makes every worker wait until the pause is
over (a block seen by several workers at once pauses once, not once each).
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from extractor.errors import FetchError, UsageError

MAX_RATE = 10.0  # SEC's fair-access ceiling, requests per second
DEFAULT_RATE = 5.0
SPACING_MARGIN = 0.1  # starts are (1 + margin) / rate apart


class RateLimiter:
    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if not 0 < rate <= MAX_RATE:
            raise UsageError(f"--rate must be above 0 and at most {MAX_RATE:g} requests per second, not {rate:g}")
        self.rate = rate
        self.interval = (1.0 + SPACING_MARGIN) / rate
        self._clock = clock
        self._closed = threading.Event()
        self._sleep = sleep or self.wait
        self._lock = threading.Lock()
        self._next_start = 0.0
        self._paused_until = 0.0
        self.pauses = 0  # how many distinct block pauses began

    def acquire(self) -> None:
        """Wait until this thread may start one request."""
        while True:
            if self._closed.is_set():
                raise FetchError("the run was interrupted")
            with self._lock:
                now = self._clock()
                ready = max(self._next_start, self._paused_until)
                if ready <= now:
                    self._next_start = now + self.interval
                    return
                wait = ready - now
            self._sleep(wait)

    def wait(self, seconds: float) -> None:
        """Sleep, but wake up and raise as soon as the run is closed (Ctrl-C during a long pause)."""
        if self._closed.wait(seconds):
            raise FetchError("the run was interrupted")

    def close(self) -> None:
        """Stop the run: every waiting or later request raises FetchError."""
        self._closed.set()

    def block(self, seconds: float) -> None:
        """Pause every worker for ``seconds`` from now (extends, never shortens, a running pause)."""
        with self._lock:
            now = self._clock()
            until = now + seconds
            if self._paused_until <= now:
                self.pauses += 1
            self._paused_until = max(self._paused_until, until)

    @property
    def paused_until(self) -> float:
        """When the current (or last) block pause ends, on the limiter's clock."""
        with self._lock:
            return self._paused_until

    @property
    def paused(self) -> bool:
        with self._lock:
            return self._paused_until > self._clock()
