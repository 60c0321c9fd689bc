"""Where pyarrow takes its memory from: jemalloc rather than mimalloc's huge pages, for builds and reads."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


def _pool():
    """Return the pool to allocate from (jemalloc, else the system's), or None to keep pyarrow's own choice.

    pyarrow's default mimalloc takes memory in huge pages where the kernel allows
    them on request (transparent_hugepage "madvise"), and faulting in 2 MB zeroed
    pages cost a 10,000-document rebuild some 2.5 s of system time here, and
    doubled the time `assistance()` takes to read that corpus's tables (about 1.0 s
    against 0.45 s). The pool changes where memory comes from, never a value. Kept
    as it is off Linux, or where ARROW_DEFAULT_MEMORY_POOL names a pool.
    """
    if not sys.platform.startswith("linux") or os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return pa.system_memory_pool()


def allocate_without_huge_pages() -> None:
    """Make the process's pyarrow allocate from `_pool()` from now on (the `ladfin build` command's choice)."""
    pool = _pool()
    if pool is not None:
        import pyarrow as pa

        pa.set_memory_pool(pool)


@contextlib.contextmanager
def without_huge_pages() -> Iterator[None]:
    """Allocate from `_pool()` inside the block, then give the caller's pool back (a library call's choice)."""
    pool = _pool()
    if pool is None:
        yield
        return
    import pyarrow as pa

    before = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(before)
