# SPDX-License-Identifier: MIT
"""bench/bench_quantlib_mc.py runs at a small size, and simt and QuantLib agree on the prices."""
import math
import subprocess
import sys

import pytest


def test_bench_quantlib_mc_prices_agree(root, tmp_path):
    pytest.importorskip("QuantLib")
    r = subprocess.run([sys.executable, str(root / "bench" / "bench_quantlib_mc.py"), "--european-paths", "65536",
                        "--asian-paths", "2048", "--quantlib-european-paths", "65536", "--quantlib-asian-paths",
                        "1024"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines() if line.startswith(("european ", "asian "))]
    assert len(rows) == 10, r.stdout
    for case in ("european", "asian"):
        mine = [row for row in rows if row[0] == case]
        ql = next(row for row in mine if row[1] == "QuantLib")
        ql_price, ql_error = float(ql[-2]), float(ql[-1])
        for row in mine:
            assert float(row[-3]) > 0, row  # path-steps/s (seconds, row[-4], print 0.000 below 0.5 ms)
            price, error = float(row[-2]), float(row[-1])
            assert abs(price - ql_price) < 4 * math.hypot(error, ql_error), (case, row, ql)
