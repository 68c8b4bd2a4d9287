"""Rendered answers kept in memory, bounded by their total size (answers range from 1 to 60 kB)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

Rendered = tuple[int, bytes, str]  # status, body, media type


class AnswerCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[tuple[str, ...], Rendered] = OrderedDict()

    def get(self, key: tuple[str, ...], make: Callable[[], Rendered]) -> Rendered:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        value = make()
        if len(value[1]) <= self.max_bytes // 8:  # one huge answer never empties the cache
            self._items[key] = value
            self.size += len(value[1])
            while self.size > self.max_bytes:
                _, old = self._items.popitem(last=False)
                self.size -= len(old[1])
        return value
