"""Tests for ladfin/tables/memory.py: which pool pyarrow allocates from."""

from __future__ import annotations

import sys

import pyarrow as pa
import pytest

from ladfin.tables import memory

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool is chosen on Linux only")


@linux
def test_a_read_allocates_outside_mimalloc_then_gives_the_pool_back(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    with memory.without_huge_pages():
        assert pa.default_memory_pool().backend_name in ("jemalloc", "system")
    assert pa.default_memory_pool().backend_name == before


@linux
def test_a_pool_the_user_names_is_kept(monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    before = pa.default_memory_pool().backend_name
    with memory.without_huge_pages():
        assert pa.default_memory_pool().backend_name == before


@linux
def test_the_build_command_keeps_its_pool_for_the_process(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool()
    try:
        memory.allocate_without_huge_pages()
        assert pa.default_memory_pool().backend_name in ("jemalloc", "system")
    finally:
        pa.set_memory_pool(before)
