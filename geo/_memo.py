"""A memo for pure functions of frames that are never changed after they are read (a dataset's
tables): keyed by the arguments' identity, not their contents, which hashing would read whole."""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict


def by_identity(maxsize: int = 16):
    """Decorate a pure function of objects that are never changed once made (a dataset's frames):
    its result is kept per the identity of its positional arguments and the value of its keyword
    arguments, the ``maxsize`` most recently used, behind a lock (sessions run in threads). The
    memo holds the arguments, so an ``id`` stays theirs while it is kept. Results must be
    immutable (callers share them)."""

    def decorate(fn):
        kept: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            key = (tuple(id(a) for a in args), tuple(sorted(kwargs.items())))
            with lock:
                hit = kept.get(key)
                if hit is not None and all(a is b for a, b in zip(hit[0], args)):
                    kept.move_to_end(key)
                    return hit[1]
            result = fn(*args, **kwargs)
            with lock:
                kept[key] = (args, result)
                while len(kept) > maxsize:
                    kept.popitem(last=False)
            return result

        wrapper.cache_clear = kept.clear
        return wrapper

    return decorate
