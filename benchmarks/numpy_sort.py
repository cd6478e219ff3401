"""numpy's sort of the index build's sizes with the CPU features ``unionreader`` picks, and without.

    .venv/bin/python benchmarks/numpy_sort.py [--size 210000] [--repeat 15]

Each setting runs in its own interpreter (numpy reads ``NPY_DISABLE_CPU_FEATURES`` once, on import),
alternating, and prints one JSON line: the median milliseconds of an in-place sort of ``--size``
random uint32 and uint64 values (a batch of ~150 articles sorts ~210k of each) per setting, and the
ratio. ``chosen`` is what ``unionreader.cpu_quirks`` sets on this machine (none: numpy's own choice,
and both columns are the same setting).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

_CHILD = """
import json, sys, time
import numpy as np
size = int(sys.argv[1])
rng = np.random.default_rng(1)
out = {}
for name, values in (("uint32", rng.integers(0, 2**31, size, dtype=np.uint32)),
                     ("uint64", rng.integers(0, 2**50, size, dtype=np.uint64))):
    best = []
    for _ in range(5):
        work = values.copy()
        start = time.perf_counter()
        work.sort()
        best.append(time.perf_counter() - start)
    out[name] = min(best) * 1e3
out["x86_v4"] = bool(np._core._multiarray_umath.__cpu_features__.get("X86_V4"))
print(json.dumps(out))
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size", type=int, default=210_000)
    p.add_argument("--repeat", type=int, default=15)
    ns = p.parse_args()

    from unionreader.cpu_quirks import features_to_disable_here

    chosen = features_to_disable_here()
    settings = {"numpy's choice": "", "unionreader's": chosen or ""}
    runs: dict[str, list[dict]] = {name: [] for name in settings}
    for _ in range(ns.repeat):
        for name, features in settings.items():
            env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": features}
            out = subprocess.run([sys.executable, "-c", _CHILD, str(ns.size)], env=env, check=True,
                                 capture_output=True, text=True).stdout
            runs[name].append(json.loads(out))
    result: dict = {"size": ns.size, "repeat": ns.repeat, "chosen": chosen}
    for name, rows in runs.items():
        result[name] = {k: round(statistics.median(r[k] for r in rows), 3) for k in ("uint32", "uint64")}
        result[name]["avx512"] = rows[0]["x86_v4"]
    for k in ("uint32", "uint64"):
        result[f"ratio_{k}"] = round(result["unionreader's"][k] / result["numpy's choice"][k], 3)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
