"""A choice about the machine that has to be made before numpy is imported: its sort on AMD Zen 4.

numpy sorts 32- and 64-bit numbers with x86-simd-sort and, on a CPU with AVX-512, takes its AVX-512
path, whose partition step stores through the memory form of VPCOMPRESS. Zen 4 (AMD family 0x19 with
AVX-512) runs that form in microcode (over 100 cycles; AMD's optimisation guide for Zen 4, 57647,
§2.11.2, says to avoid it), so there numpy's AVX-512 sort is several times slower than its AVX2 one:
210k uint32 sorted in 5.3 ms against 0.75 ms, 64-bit in 8.7 ms against 2.0 ms, on the 2-core EPYC
the benchmarks run on (``benchmarks/numpy_sort.py``). Building the search index is mostly such sorts:
indexing 100k generated articles took 32.6 CPU-s with the AVX-512 path and 23.9 with AVX2. OpenJDK
turns its AVX-512 sort off on the same CPUs (JDK-8317976); numpy has no such switch of its own yet,
only ``NPY_DISABLE_CPU_FEATURES``, read once, when numpy is imported. So ``unionreader`` sets it on
a Zen 4, unless the user set it (or ``NPY_ENABLE_CPU_FEATURES``) already: theirs is kept, and an
empty value keeps numpy's own choice. Worker processes inherit it. Zen 5 runs the instruction at full
speed and is left alone."""

from __future__ import annotations

import os
from collections.abc import MutableMapping

__all__ = ["ZEN4_SLOW_FEATURES", "avoid_slow_numpy_sort", "features_to_disable_here", "numpy_features_to_disable"]

# numpy's names for the AVX-512 levels its kernels are dispatched on: without them it takes the AVX2
# (X86_V3) kernels, sorts included.
ZEN4_SLOW_FEATURES = "X86_V4 AVX512_ICL AVX512_SPR"
_ZEN4_FAMILY = 0x19  # Zen 3 is family 0x19 too, but without AVX-512: numpy never takes that path there
_CPUINFO_BYTES = 16_384  # the first processor's block is enough (the others repeat it)


def numpy_features_to_disable(cpuinfo: str) -> str | None:
    """The ``NPY_DISABLE_CPU_FEATURES`` value this CPU wants (from ``/proc/cpuinfo``'s text), or None."""
    fields: dict[str, str] = {}
    for line in cpuinfo.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            if fields:
                break  # the end of the first processor's block
            continue
        fields.setdefault(key.strip(), value.strip())
    try:
        family = int(fields.get("cpu family", ""))
    except ValueError:
        return None
    flags = fields.get("flags", "").split()
    if fields.get("vendor_id") == "AuthenticAMD" and family == _ZEN4_FAMILY and "avx512f" in flags:
        return ZEN4_SLOW_FEATURES
    return None


def features_to_disable_here(cpuinfo_path: str = "/proc/cpuinfo") -> str | None:
    """``numpy_features_to_disable`` of the CPU that ``cpuinfo_path`` describes (None when it cannot be read)."""
    try:
        with open(cpuinfo_path, encoding="utf-8", errors="replace") as handle:
            cpuinfo = handle.read(_CPUINFO_BYTES)
    except OSError:  # not Linux, or /proc not mounted: numpy's own choice
        return None
    return numpy_features_to_disable(cpuinfo)


def avoid_slow_numpy_sort(environ: MutableMapping[str, str] = os.environ, cpuinfo_path: str = "/proc/cpuinfo") -> bool:
    """Set ``NPY_DISABLE_CPU_FEATURES`` for this CPU when the user chose nothing; True when it was set
    here. (numpy, if imported already, keeps its choice; the worker processes started later read it.)"""
    if "NPY_DISABLE_CPU_FEATURES" in environ or "NPY_ENABLE_CPU_FEATURES" in environ:
        return False
    features = features_to_disable_here(cpuinfo_path)
    if features is None:
        return False
    environ["NPY_DISABLE_CPU_FEATURES"] = features
    return True
