"""numpy's AVX-512 sort, which AMD Zen 4 runs several times slower than its AVX2 one, is turned off
there (and only there) before numpy is imported; a user's own setting always wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from unionreader.cpu_quirks import (
    ZEN4_SLOW_FEATURES,
    avoid_slow_numpy_sort,
    features_to_disable_here,
    numpy_features_to_disable,
)

_FLAGS_AVX2 = "fpu vme de pse tsc msr pae sse sse2 ssse3 sse4_1 sse4_2 avx avx2 bmi1 bmi2 fma"
_FLAGS_AVX512 = _FLAGS_AVX2 + " avx512f avx512dq avx512cd avx512bw avx512vl avx512_vbmi2"


def cpuinfo(vendor: str, family: int, model: int, flags: str, processors: int = 2) -> str:
    block = (f"processor\t: {{n}}\nvendor_id\t: {vendor}\ncpu family\t: {family}\nmodel\t\t: {model}\n"
             f"model name\t: a CPU\nflags\t\t: {flags}\n")
    return "\n".join(block.format(n=n) for n in range(processors))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (cpuinfo("AuthenticAMD", 25, 17, _FLAGS_AVX512), ZEN4_SLOW_FEATURES),  # Zen 4 EPYC (Genoa)
        (cpuinfo("AuthenticAMD", 25, 97, _FLAGS_AVX512), ZEN4_SLOW_FEATURES),  # Zen 4 Ryzen 7000
        (cpuinfo("AuthenticAMD", 25, 1, _FLAGS_AVX2), None),  # Zen 3: no AVX-512, numpy never takes it
        (cpuinfo("AuthenticAMD", 26, 2, _FLAGS_AVX512), None),  # Zen 5: the instruction runs at full speed
        (cpuinfo("GenuineIntel", 6, 143, _FLAGS_AVX512), None),  # Sapphire Rapids: the path is its fastest
        (cpuinfo("AuthenticAMD", 23, 49, _FLAGS_AVX2), None),  # Zen 2
        ("", None),
        ("processor : 0\ncpu family : unknown\nvendor_id : AuthenticAMD\nflags : avx512f\n", None),
    ],
)
def test_only_zen4_has_its_avx512_features_turned_off(text, expected):
    assert numpy_features_to_disable(text) == expected


def test_only_the_first_processor_is_read():
    # (A 128-core machine's file repeats the block 128 times; a mixed one would be a kernel's oddity.)
    text = cpuinfo("AuthenticAMD", 25, 17, _FLAGS_AVX512, 1) + "\n" + cpuinfo("GenuineIntel", 6, 143, _FLAGS_AVX512, 1)
    assert numpy_features_to_disable(text) == ZEN4_SLOW_FEATURES
    text = cpuinfo("GenuineIntel", 6, 143, _FLAGS_AVX512, 1) + "\n" + cpuinfo("AuthenticAMD", 25, 17, _FLAGS_AVX512, 1)
    assert numpy_features_to_disable(text) is None


def test_the_setting_is_made_for_zen4(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text(cpuinfo("AuthenticAMD", 25, 17, _FLAGS_AVX512, 64))
    environ: dict[str, str] = {}
    assert avoid_slow_numpy_sort(environ, str(info)) is True
    assert environ == {"NPY_DISABLE_CPU_FEATURES": ZEN4_SLOW_FEATURES}


@pytest.mark.parametrize("variable", ["NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES"])
@pytest.mark.parametrize("value", ["", "AVX512F"])
def test_a_users_own_setting_is_kept(tmp_path, variable, value):
    info = tmp_path / "cpuinfo"
    info.write_text(cpuinfo("AuthenticAMD", 25, 17, _FLAGS_AVX512))
    environ = {variable: value}
    assert avoid_slow_numpy_sort(environ, str(info)) is False
    assert environ == {variable: value}


def test_other_cpus_and_no_cpuinfo_leave_numpy_alone(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text(cpuinfo("GenuineIntel", 6, 143, _FLAGS_AVX512))
    environ: dict[str, str] = {}
    assert avoid_slow_numpy_sort(environ, str(info)) is False
    assert avoid_slow_numpy_sort(environ, str(tmp_path / "missing")) is False
    assert environ == {}
    assert features_to_disable_here(str(info)) is None
    assert features_to_disable_here(str(tmp_path / "missing")) is None


def _fresh_numpy(env: dict[str, str]) -> dict:
    code = ("import json, os, unionreader, numpy as np\n"
            "features = np._core._multiarray_umath.__cpu_features__\n"
            "print(json.dumps({'env': os.environ.get('NPY_DISABLE_CPU_FEATURES'), 'x86_v4': features.get('X86_V4'),"
            " 'avx512f': features.get('AVX512F')}))\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_importing_unionreader_sets_it_before_numpy_reads_it():
    """The wiring: ``import unionreader`` comes before numpy in every entry point, and numpy then
    dispatches without AVX-512 on a Zen 4 (this machine's own cpuinfo decides what is expected)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES")}
    expected = features_to_disable_here()
    seen = _fresh_numpy(env)
    assert seen["env"] == expected
    if expected is not None:
        assert seen["avx512f"] is True  # the CPU has it …
        assert seen["x86_v4"] is False  # … and numpy does not dispatch on it
    # A user's empty setting keeps numpy's own choice.
    seen = _fresh_numpy({**env, "NPY_DISABLE_CPU_FEATURES": ""})
    assert seen["env"] == ""
    if expected is not None:
        assert seen["x86_v4"] is True
