# SPDX-License-Identifier: MIT
"""Batch pricing of books: `simt price` end to end and simt.price / simt.price_option."""
import csv
import re
import subprocess
import warnings

import h5py
import numpy as np
import pytest

import simt

EXIT_BAD_ROWS = 6

ROWS = [
    {"id": 1, "type": "call", "spot": 100, "strike": 100, "maturity": 1.0, "rate": 0.05, "dividend": 0.02, "volatility": 0.2},
    {"id": 2, "type": "put", "spot": 90, "strike": 100, "maturity": 2.0, "rate": 0.02, "dividend": 0.05, "volatility": 0.3},
    {"id": 3, "type": "call", "payoff": "digital", "cash": 10, "spot": 120, "strike": 100, "maturity": 0.5,
     "rate": 0.08, "dividend": 0.04, "volatility": 0.4},
]


def test_cli_prices_a_book_and_reports_bad_rows(simt_bin, tmp_path):
    book = tmp_path / "book.csv"
    book.write_text("id,type,spot,strike,maturity,rate,volatility\n"
                    "1,call,100,100,1,0.05,0.2\n"
                    "2,straddle,100,100,1,0.05,0.2\n"
                    "3,put,100,100,0,0.05,0.2\n"
                    "4,put,100,100,1,0.05,abc\n"
                    "5,put,100,110,1,0.05,0.25\n")
    out = tmp_path / "res.csv"
    r = subprocess.run([simt_bin, "price", book, "--paths", "20000", "--seed", "3", "--device", "cpu", "-o", out],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == EXIT_BAD_ROWS, r.stderr
    assert "book.csv:3: row 2, column 'type': unknown type 'straddle'" in r.stderr
    assert "book.csv:4: row 3, column 'maturity': 0 must be > 0" in r.stderr
    assert "book.csv:5: row 4, column 'volatility': 'abc' is not a finite number" in r.stderr
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,row,type,payoff,model,price,std_error,ci_low,ci_high,paths")
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "5"]
    with h5py.File(out.with_suffix(".h5")) as f:
        np.testing.assert_array_equal(f["results/id"][...], [1, 5])
        assert f["results/type"][0] in (b"call", "call")
    # The file, a list of dicts and a dict of columns give the same bits for the same seed and ids.
    good = tmp_path / "good.csv"
    good.write_text("\n".join(book.read_text().splitlines()[i] for i in (0, 1, 5)) + "\n")
    assert subprocess.run([simt_bin, "price", good, "--paths", "20000", "--seed", "3", "--device", "cpu", "-o",
                           tmp_path / "good_res.csv"], timeout=300).returncode == 0
    from_file = simt.price(good, paths=20000, seed=3, device="cpu")
    cli_prices = [float(line.split(",")[5]) for line in (tmp_path / "good_res.csv").read_text().splitlines()[1:]]
    assert list(from_file["price"]) == cli_prices


def test_cli_books_without_rows_or_with_an_open_quote(simt_bin, tmp_path):
    """Issue 12: a header-only book and one cut mid-header exited 0 pricing nothing; an unclosed
    quote rejected the whole file without saying where."""
    for name, text in [("header_only.csv", "id,type,spot,strike,maturity,volatility\n"), ("cut.csv", "id,type,sp")]:
        book = tmp_path / name
        book.write_text(text)
        r = subprocess.run([simt_bin, "price", book, "--device", "cpu", "-o", tmp_path / "res.csv"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, r.stderr
        assert f"{name}: a header but no rows; nothing to price" in r.stderr
    book = tmp_path / "quote.csv"
    book.write_text("id,type,spot,strike,maturity,volatility\n1,call,100,100,1,0.2\n"
                    "2,\"put,100,100,1,0.2\n3,call,100,90,1,0.2\n")
    out = tmp_path / "res.csv"
    r = subprocess.run([simt_bin, "price", book, "--paths", "2000", "--device", "cpu", "-o", out],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == EXIT_BAD_ROWS, r.stderr
    assert "quote.csv:3: row 2: a quoted cell opened at line 3, column 3 is never closed" in r.stderr
    assert [line.split(",")[0] for line in out.read_text().splitlines()[1:]] == ["1", "3"]


@pytest.mark.parametrize("column, value, reason", [
    ("maturity", 1e308, r"column 'maturity': 1e\+308 must be within \[0, 100\]"),
    ("rate", 1e6, r"column 'rate': 1e\+06 must be within \[-1, 1\]"),
    ("spot", 1e308, r"column 'spot': 1e\+308 must be within \[0, 1e\+15\]"),
    ("volatility", 1e300, r"column 'volatility': gives a volatility over the maturity"),
])
def test_price_option_refuses_what_no_engine_can_price(column, value, reason):
    """Issue 12: these priced NaN with standard error 0 (or 0 for the call with volatility 1e300)."""
    args = dict(type="call", spot=100, strike=100, maturity=1.0, volatility=0.2, paths=1000, device="cpu")
    args[column] = value
    with pytest.raises(simt.ConfigError, match=reason):
        simt.price_option(**args)


def test_price_refuses_the_long_asian_and_prices_the_rest():
    """Issue 12's Asian with maturity 1e6 (NaN, standard error 0) is a bad row; its neighbour is priced."""
    rows = [dict(ROWS[0]), dict(ROWS[0], id=2, payoff="arithmetic_asian", maturity=1e6)]
    with pytest.warns(simt.BookWarning, match=r"row 2, column 'maturity': 1e\+06 must be within \[0, 100\]"):
        out = simt.price(rows, paths=1000, device="cpu")
    assert list(out["id"]) == [1]
    assert np.isfinite(out["price"]).all()


def test_price_agrees_with_the_closed_forms(device):
    r = simt.price(ROWS, paths=1 << 17, seed=11, device=device, greeks=True)
    assert list(r["id"]) == [1, 2, 3]
    for rec, row in zip(r, ROWS):
        args = dict(spot=row["spot"], strike=row["strike"], expiry=row["maturity"], rate=row["rate"],
                    dividend=row["dividend"], volatility=row["volatility"])
        if row.get("payoff") == "digital":
            exact = simt.analytic.digital_price(row["type"], **args, cash=row["cash"])
            assert np.isnan(rec["pathwise_delta"])
        else:
            g = simt.analytic.bsm_greeks(row["type"], **args)
            exact = g["price"]
            for k in ("delta", "gamma", "vega", "rho", "pathwise_delta", "pathwise_vega"):
                assert abs(rec[k] - g[k.replace("pathwise_", "")]) < 4 * rec[k + "_se"], k
        assert abs(rec["price"] - exact) < 4 * rec["std_error"]
        assert rec["ci_low"] < rec["price"] < rec["ci_high"]


def test_fp32_paths_agree_with_the_closed_forms(device):
    r = simt.price(ROWS, paths=(1 << 17) + 1, seed=12, device=device, fp32=True)
    assert list(r["paths"]) == [(1 << 17) + 4] * len(ROWS)  # rounded up to a multiple of 4
    for rec, row in zip(r, ROWS):
        args = dict(spot=row["spot"], strike=row["strike"], expiry=row["maturity"], rate=row["rate"],
                    dividend=row["dividend"], volatility=row["volatility"])
        if row.get("payoff") == "digital":
            exact = simt.analytic.digital_price(row["type"], **args, cash=row["cash"])
        else:
            exact = simt.analytic.bsm_price(row["type"], **args)
        assert abs(rec["price"] - exact) < 4 * rec["std_error"]


def test_book_forms_give_the_same_bits_and_bad_rows_warn():
    as_columns = {k: [row.get(k) for row in ROWS] for k in ROWS[2]}
    a = simt.price(ROWS, paths=5000, seed=2, device="cpu")
    b = simt.price(as_columns, paths=5000, seed=2, device="cpu")
    assert a["price"].tobytes() == b["price"].tobytes()
    for name in ("id", "row", "paths"):  # counts stay integers
        assert a[name].dtype == np.int64, name
    assert a["price"].dtype == np.float64
    one = simt.price_option(type="put", spot=90, strike=100, maturity=2.0, rate=0.02, dividend=0.05, volatility=0.3,
                            id=2, paths=5000, seed=2, device="cpu")
    assert one["price"] == a["price"][1]
    with pytest.warns(simt.BookWarning, match=r"book\[1\]: row 2, column 'model': model 'sabr' not supported yet"):
        r = simt.price([ROWS[0], dict(ROWS[1], model="sabr")], paths=1000, device="cpu")
    assert list(r["id"]) == [1]
    with pytest.raises(simt.ConfigError, match="volatility"):
        simt.price_option(type="call", spot=100, strike=100, maturity=1, volatility=-0.2, device="cpu")


def test_qmc_from_the_cli_and_python(simt_bin, tmp_path):
    book = tmp_path / "book.csv"
    book.write_text("id,type,payoff,spot,strike,maturity,rate,volatility,barrier,barrier_type,monitoring,fixings\n"
                    "1,call,european,100,100,1,0.05,0.2,,,,\n"
                    "2,call,barrier,100,100,1,0.05,0.2,90,down_out,continuous,16\n")
    out = tmp_path / "res.csv"
    r = subprocess.run([simt_bin, "price", book, "--qmc", "--paths", "16384", "--device", "cpu", "-o", out],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "no CUDA toolkit" in r.stderr:
        pytest.skip("this build has no Sobol direction vectors")
    assert r.returncode == 0, r.stderr
    res = simt.price(book, paths=16384, qmc=True, device="cpu")
    assert list(res["price"]) == [float(line.split(",")[5]) for line in out.read_text().splitlines()[1:]]
    exact = [simt.analytic.bsm_price("call", 100, 100, 1, 0.05, 0, 0.2),
             simt.analytic.barrier_price("down_out", "call", 100, 100, 1, 0.05, 0, 0.2, 90)]
    plain = simt.price(book, paths=16384, device="cpu")
    for rec, p, e in zip(res, plain, exact):
        assert rec["paths"] == 16384
        assert abs(rec["price"] - e) < 4 * rec["std_error"]
        assert rec["std_error"] < p["std_error"] / 4


def test_every_book_in_configs_prices_without_bad_rows(root):
    for book in sorted((root / "configs" / "books").glob("*.*")):
        with warnings.catch_warnings():
            warnings.simplefilter("error", simt.BookWarning)
            r = simt.price(str(book), paths=2000, seed=1, device="cpu")
        assert len(r) > 0 and np.all(np.isfinite(r["price"])) and np.all(r["std_error"] >= 0), book


MERTON_JUMPS = (1.0, -0.1, 0.15)


def _sobol_available(simt_bin, book, tmp_path):
    r = subprocess.run([simt_bin, "price", book, "--qmc", "--paths", "64", "--device", "cpu", "-o", tmp_path / "probe.csv"],
                       capture_output=True, text=True, timeout=300)
    return "no CUDA toolkit" not in r.stderr


def _bumped_slopes(price, spot, vol, rate):
    """Delta, vega, rho of a closed form by central differences with the engine's bumps."""
    return ((price(spot * 1.01, vol, rate) - price(spot * 0.99, vol, rate)) / (0.02 * spot),
            (price(spot, vol * 1.01, rate) - price(spot, vol * 0.99, rate)) / (0.02 * vol),
            (price(spot, vol, rate + 1e-3) - price(spot, vol, rate - 1e-3)) / 2e-3)


def test_every_model_has_greeks_pseudo_and_quasi_random(simt_bin, root, tmp_path):
    book = root / "configs" / "books" / "exotic_book.csv"
    rows = [{k: v for k, v in rec.items() if v != ""}
            for rec in csv.DictReader(line for line in book.read_text().splitlines() if not line.startswith("#"))]
    smooth = [rec for rec in rows if rec["id"] in ("6", "8")]  # the Heston put, the Merton call
    heston = lambda s, sqrt_v0, r: simt.analytic.heston_price("put", s, 100, 1, r, 0.01, sqrt_v0 ** 2, 1.5, 0.04, 0.5, -0.7)
    merton = lambda s, v, r: simt.analytic.merton_price("call", s, 100, 0.75, r, 0.02, v, *MERTON_JUMPS)
    for qmc in (False, True):
        if qmc and not _sobol_available(simt_bin, book, tmp_path):
            pytest.skip("this build has no Sobol direction vectors")
        r = simt.price(rows, paths=1 << 11, seed=2, device="cpu", greeks=True, qmc=qmc)
        for g in ("delta", "gamma", "vega", "rho"):
            assert np.all(np.isfinite(r[g])) and np.all(np.isfinite(r[g + "_se"])), (g, qmc)
        # Pathwise and likelihood-ratio Greeks only where they are valid, and never with Sobol points.
        assert np.all(np.isnan(r["pathwise_delta"]))
        assert np.isnan(r["lr_delta"]).sum() == len(r) - (0 if qmc else 1)  # row 2: a discrete barrier
        # Heston (vega: d/d sqrt(v0)) and Merton against their closed forms' slopes.
        r = simt.price(smooth, paths=1 << 14, seed=2, device="cpu", greeks=True, qmc=qmc)
        for rec, closed, (s, v, rate) in ((r[0], heston, (100, 0.2, 0.03)), (r[1], merton, (100, 0.2, 0.04))):
            for g, expected in zip(("delta", "vega", "rho"), _bumped_slopes(closed, s, v, rate)):
                assert abs(rec[g] - expected) < 4 * rec[g + "_se"] + 0.01 * abs(expected), (rec["model"], g, qmc)
    out = tmp_path / "res.csv"
    cli = subprocess.run([simt_bin, "price", book, "--qmc", "--greeks", "--antithetic", "--paths", "1024",
                          "--seed", "3", "--device", "cpu", "-o", out], capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr
    res = simt.price(str(book), paths=1024, seed=3, device="cpu", greeks=True, qmc=True, antithetic=True)
    header = out.read_text().splitlines()[0].split(",")
    lines = [line.split(",") for line in out.read_text().splitlines()[1:]]
    for name in ("price", "delta", "vega"):
        assert list(res[name]) == [float(line[header.index(name)]) for line in lines]
    assert np.all(res["paths"] == 1024)


def _csv_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_one_pricing_request_for_the_command_the_function_and_the_solver(simt_bin, tmp_path):
    """simt price, simt.price and the option_pricing solver build their request from one set of
    keys: the same keys (the control variate off, which only the solver could do before) give the
    same bits, and left out they take the same defaults (100,000 paths per option)."""
    book = tmp_path / "book.csv"
    book.write_text("id,type,payoff,spot,strike,maturity,rate,dividend,volatility\n"
                    "1,call,european,100,110,1,0.05,0.02,0.2\n"
                    "2,put,arithmetic_asian,100,100,1,0.05,0.02,0.3\n"
                    "3,call,asset_or_nothing,100,95,0.5,0.03,0,0.25\n")
    r = subprocess.run([simt_bin, "price", book, "--paths", "4000", "--seed", "5", "--antithetic",
                        "--no-control-variate", "--device", "cpu", "--progress-every", "0", "-o", tmp_path / "cli.csv"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    cli = _csv_rows(tmp_path / "cli.csv")
    python = simt.price(book, paths=4000, seed=5, antithetic=True, control_variate=False, device="cpu")
    (tmp_path / "s.yaml").write_text(f"solver: option_pricing\nseed: 5\nbook: {{file: {book}}}\n"
                                     "pricing: {paths_per_step: 4000, antithetic: true, control_variate: false}\n"
                                     "run: {steps: 1}\n")
    r = subprocess.run([simt_bin, "run", tmp_path / "s.yaml", "--output", tmp_path / "run", "--device", "cpu",
                        "--progress-every", "0"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    solver = _csv_rows(tmp_path / "run" / "results.csv")
    for column in ("price", "std_error", "paths"):
        assert [float(row[column]) for row in cli] == list(python[column]) == [float(row[column]) for row in solver]
    # The control variate was off: on (the default) it narrows the European's and the Asian's errors.
    with_cv = simt.price(book, paths=4000, seed=5, antithetic=True, device="cpu")
    assert np.all(with_cv["std_error"][:2] < 0.5 * python["std_error"][:2])

    one = tmp_path / "one.csv"
    one.write_text("\n".join(book.read_text().splitlines()[:2]) + "\n")
    r = subprocess.run([simt_bin, "price", one, "--device", "cpu", "--progress-every", "0", "-o", tmp_path / "d.csv"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (tmp_path / "d.yaml").write_text(f"solver: option_pricing\nbook: {{file: {one}}}\nrun: {{steps: 1}}\n")
    r = subprocess.run([simt_bin, "run", tmp_path / "d.yaml", "--output", tmp_path / "drun", "--device", "cpu",
                        "--progress-every", "0"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (_csv_rows(tmp_path / "d.csv")[0]["paths"] == _csv_rows(tmp_path / "drun" / "results.csv")[0]["paths"]
            == str(simt.price(one, device="cpu")["paths"][0]) == "100000")


def test_bad_request_keys_are_refused_alike(simt_bin, tmp_path):
    book = tmp_path / "book.csv"
    book.write_text("id,type,spot,strike,maturity,volatility\n1,call,100,100,1,0.2\n")
    r = subprocess.run([simt_bin, "price", book, "--paths", "7", "--device", "cpu"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "simt price: set paths=7: paths = 7 must be >= 8" in r.stderr, r.stderr
    with pytest.raises(simt.ConfigError, match="simt.price: set qmc_replicates=1: qmc_replicates = 1 must be >= 2"):
        simt.price(book, qmc=True, qmc_replicates=1, device="cpu")
    (tmp_path / "s.yaml").write_text(f"solver: option_pricing\nbook: {{file: {book}}}\npricing: {{paths_per_step: 7}}\n")
    r = subprocess.run([simt_bin, "validate", tmp_path / "s.yaml"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "pricing.paths_per_step = 7 must be >= 8" in r.stderr, r.stderr


def test_the_payoff_table_is_the_documented_list(root):
    """simt.payoffs() is the payoff table the parser reads; docs/montecarlo.md's book columns name the same."""
    names = [p["name"] for p in simt.payoffs()]
    doc = (root / "docs" / "montecarlo.md").read_text()
    row = next(line for line in doc.splitlines() if line.startswith("| `payoff` |"))
    documented = re.sub(r"\([^)]*\)|[` ]", "", row.split("|")[2]).split(",")
    assert documented == names
    assert {p["name"] for p in simt.payoffs() if p["gbm_engine"]} == {"european", "digital", "arithmetic_asian",
                                                                      "geometric_asian", "asset_or_nothing"}
