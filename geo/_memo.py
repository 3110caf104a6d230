"""Memos shared by the package: results kept while they are among the most recently used, behind a
lock (Streamlit runs sessions in threads), keyed by value or by the identity of immutable objects
(a dataset's frames, geometries from a memo), whose own hashes would read them whole."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable


class Same:
    """A key part that is one object itself: hashed by identity and equal only to itself (a
    geometry's own hash writes all of its coordinates as WKB; a frame's cannot be taken). The key
    holds the object, so its ``id`` stays its own while kept; an equal object made anew is a miss,
    made again, never a wrong hit."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


class Recent:
    """Results by key, the ``limit()`` most recently used (read when one is added, so a module's
    setting can be changed), behind one lock. Results must be immutable: callers share them. Two
    threads may both make a missing result; either is right."""

    def __init__(self, limit: Callable[[], int]):
        self._kept: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def __len__(self) -> int:
        return len(self._kept)

    def find(self, keys) -> dict:
        """The kept results of ``keys`` (those not kept are left out)."""
        with self._lock:
            found = {}
            for k in keys:
                if k in self._kept:
                    self._kept.move_to_end(k)
                    found[k] = self._kept[k]
            return found

    def keep(self, made: dict) -> None:
        """Keep ``made`` (key → result), letting the oldest go beyond the limit."""
        with self._lock:
            self._kept.update(made)
            while len(self._kept) > self._limit():
                self._kept.popitem(last=False)

    def each(self, keys: list, make) -> list:
        """The result of each key, ``make(missing keys)`` giving those not kept (in their order)."""
        found = self.find(keys)
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            made = dict(zip(missing, make(missing)))
            self.keep(made)
            found.update(made)  # this call's result never depends on what was kept
        return [found[k] for k in keys]

    def get(self, key, make):
        """The result of ``key``, ``make()`` if it is not kept."""
        return self.each([key], lambda _: [make()])[0]


#: Arguments kept by value: equal ones are interchangeable, and one read from a widget or a link is
#: a new object in every page run.
_VALUES = (str, int, float, bool, bytes, type(None))


def by_identity(maxsize: int = 16):
    """Decorate a pure function of objects that are never changed once made (a dataset's frames):
    its result is kept per the identity of its positional arguments (by value for plain values:
    text, numbers, ``None``) and the value of its keyword arguments, the ``maxsize`` most recently
    used (:class:`Recent`). Results must be immutable."""

    def decorate(fn):
        kept = Recent(lambda: maxsize)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            by = tuple((type(a), a) if isinstance(a, _VALUES) else Same(a) for a in args)
            key = (by, tuple(sorted(kwargs.items())))
            return kept.get(key, lambda: fn(*args, **kwargs))

        return wrapper

    return decorate
