"""The memory allocator of the embedded store's processes (zygotes and the query workers they fork).

pyoxigraph allocates through the C library's ``malloc``. With glibc's allocator, query evaluation at
1 M triples is up to 1.7× slower than with jemalloc (events-per-year 775 vs 437 ms, assistance
290 vs 205 ms, in process, same store: issue 24), which is also most of what separates pyoxigraph
from the ``oxigraph`` binary. jemalloc cannot be swapped in after a process has started, so the
store processes are started with it preloaded (``LD_PRELOAD``): Debian's ``libjemalloc2``, found
like any shared library. ``auto`` (the default) uses it where it is installed and says so in
/health; ``system`` keeps the C library's allocator; ``jemalloc`` insists (the server does not start
without it).

Memory: jemalloc's per-thread caches cost the in-memory store about 45 % more resident memory when
it is loaded with them (626 vs 435 MB with glibc at 1 M triples); loaded with the loading thread's
cache off, it takes 411 MB, and turning the cache back on afterwards keeps the speed
(``loading_without_thread_cache``). After a heavy query a worker hands its freed pages back to the
system (``release_free_memory``), with either allocator, so that what one query needed is not kept
by every worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
from collections.abc import Iterator

from diplokg.build.errors import StoreError
from diplokg.core.settings import Allocator


def jemalloc() -> str | None:
    """The name of the jemalloc shared library the dynamic linker would load (None: not installed)."""
    return ctypes.util.find_library("jemalloc")


def store_environment(choice: Allocator) -> tuple[str, dict[str, str] | None]:
    """The allocator the store processes will use, and their environment (None: this process's own).

    Raises StoreError if ``jemalloc`` is asked for and not installed."""
    if choice is Allocator.SYSTEM:
        return "system", None
    library = jemalloc()
    if library is None:
        if choice is Allocator.JEMALLOC:
            raise StoreError("--allocator jemalloc: libjemalloc is not installed "
                             "(Debian: apt-get install libjemalloc2)")
        return "system", None
    preload = " ".join(p for p in (os.environ.get("LD_PRELOAD", ""), library) if p)
    return "jemalloc", {**os.environ, "LD_PRELOAD": preload}


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None)  # this process's symbols: jemalloc's, where it was preloaded, else glibc's


def running_jemalloc() -> bool:
    """Whether this process allocates with jemalloc."""
    return hasattr(_libc(), "mallctl")


def _set_thread_cache(enabled: bool) -> None:
    value = ctypes.c_bool(enabled)
    _libc().mallctl(b"thread.tcache.enabled", None, None, ctypes.byref(value), ctypes.c_size_t(1))


@contextlib.contextmanager
def loading_without_thread_cache() -> Iterator[None]:
    """Under jemalloc: the calling thread allocates without its cache meanwhile (see above)."""
    if not running_jemalloc():
        yield
        return
    _set_thread_cache(False)
    try:
        yield
    finally:
        _set_thread_cache(True)


def release_free_memory() -> None:
    """Give the pages freed by this process back to the system (jemalloc: purge every arena, about
    2–4 ms after a heavy query at 1 M triples; glibc: malloc_trim)."""
    if running_jemalloc():
        _libc().mallctl(b"arena.4096.purge", None, None, None, ctypes.c_size_t(0))  # 4096: MALLCTL_ARENAS_ALL
    else:
        _libc().malloc_trim(ctypes.c_size_t(0))

