"""Memoization bounded in bytes, not entries: a cache of text → value keeps at most `max_bytes` of keys and
values (estimated), dropping the least recently used first, and never keeps one value larger than an eighth
of its bound. Thread-safe (the server answers in a thread pool). The README lists every cache and its bound."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

# Every bounded cache made in this process, by name (bench/hostile.py reports their sizes).
registry: dict[str, BytesLRU[Any]] = {}


def text_weight(key: str, value: object) -> int:
    """Bytes a str → str entry holds, about: both strings plus the entry's overhead."""
    return 2 * len(key) + (2 * len(value) if isinstance(value, str) else 64) + 200


class BytesLRU(Generic[V]):
    def __init__(self, func: Callable[[str], V], max_bytes: int, weigh: Callable[[str, V], int]) -> None:
        self.func, self.max_bytes, self.weigh = func, max_bytes, weigh
        self.size = 0
        self._items: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()
        functools.update_wrapper(self, func)

    def __call__(self, key: str) -> V:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found[0]
        value = self.func(key)
        weight = self.weigh(key, value)
        if weight <= self.max_bytes // 8:
            with self._lock:
                if key not in self._items:
                    self._items[key] = (value, weight)
                    self.size += weight
                while self.size > self.max_bytes:
                    _, (_, old) = self._items.popitem(last=False)
                    self.size -= old
        return value

    def __len__(self) -> int:
        return len(self._items)

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


def bytes_lru(max_bytes: int, weigh: Callable[[str, Any], int] = text_weight) -> Callable[[Callable[[str], V]],
                                                                                          BytesLRU[V]]:
    """Decorate a pure function of one str with a cache of at most `max_bytes`."""

    def wrap(func: Callable[[str], V]) -> BytesLRU[V]:
        cached = BytesLRU(func, max_bytes, weigh)
        registry[f"{func.__module__}.{func.__qualname__}"] = cached
        return cached

    return wrap
