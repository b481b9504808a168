"""Unit tests of the store processes' allocator choice (diplokg.engine.allocator)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from diplokg.build.errors import StoreError
from diplokg.core.settings import Allocator
from diplokg.engine import allocator
from diplokg.engine.allocator import store_environment


def test_system_keeps_this_process_environment():
    assert store_environment(Allocator.SYSTEM) == ("system", None)


def test_auto_preloads_jemalloc_where_installed_and_keeps_other_preloads(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc", lambda: "libjemalloc.so.2")
    monkeypatch.setenv("LD_PRELOAD", "libother.so")
    name, env = store_environment(Allocator.AUTO)
    assert name == "jemalloc" and env is not None
    assert env["LD_PRELOAD"] == "libother.so libjemalloc.so.2"
    assert env["PATH"]  # the rest of the environment is passed on


def test_without_jemalloc_auto_falls_back_and_jemalloc_refuses(monkeypatch):
    monkeypatch.setattr(allocator, "jemalloc", lambda: None)
    assert store_environment(Allocator.AUTO) == ("system", None)
    with pytest.raises(StoreError, match="libjemalloc2"):
        store_environment(Allocator.JEMALLOC)


_PROBE = """
import ctypes, json
from diplokg.engine import allocator

def read(name, kind):
    value, size = kind(), ctypes.c_size_t(ctypes.sizeof(kind))
    assert ctypes.CDLL(None).mallctl(name, ctypes.byref(value), ctypes.byref(size), None, ctypes.c_size_t(0)) == 0
    return value.value

out = {"jemalloc": allocator.running_jemalloc()}
if out["jemalloc"]:
    with allocator.loading_without_thread_cache():
        out["cache_while_loading"] = read(b"thread.tcache.enabled", ctypes.c_bool)
    out["cache_after"] = read(b"thread.tcache.enabled", ctypes.c_bool)
else:
    with allocator.loading_without_thread_cache():
        pass
allocator.release_free_memory()
print(json.dumps(out))
"""


def _probe(preload: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    if preload:
        env["LD_PRELOAD"] = preload
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_under_jemalloc_the_store_loads_without_thread_cache():
    library = allocator.jemalloc()
    assert library is not None, "scripts/test installs libjemalloc2"
    assert _probe(library) == {"jemalloc": True, "cache_while_loading": False, "cache_after": True}


def test_under_the_system_allocator_the_same_calls_are_harmless():
    assert _probe(None) == {"jemalloc": False}
