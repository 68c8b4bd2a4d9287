"""Rendered answers kept in memory, bounded by their total size (answers range from 1 to 60 kB)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

Rendered = tuple[int, bytes, str]  # status, body, media type


class AnswerCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[tuple[str, ...], Rendered] = OrderedDict()
        # Handlers run in a thread pool: the lock keeps lookups and evictions whole; answers are made outside it.
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], make: Callable[[], Rendered]) -> Rendered:
        found = self.peek(key)
        if found is not None:
            return found
        value = make()
        self.keep(key, value)
        return value

    def peek(self, key: tuple[str, ...]) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def keep(self, key: tuple[str, ...], value: Rendered) -> None:
        if len(value[1]) > self.max_bytes // 8:  # one huge answer never empties the cache
            return
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self.size += len(value[1])
            while self.size > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self.size -= len(old[1])
