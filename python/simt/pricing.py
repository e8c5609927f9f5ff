# SPDX-License-Identifier: MIT
"""Monte Carlo prices of whole option books (the batch engine of `simt price`).

    >>> import simt
    >>> r = simt.price([{"id": 1, "type": "call", "spot": 100, "strike": 100, "maturity": 1,
    ...                  "rate": 0.05, "volatility": 0.2}], paths=20000, seed=1, device="cpu")
    >>> float(r["price"][0]) > 0
    True

The columns of a book, their units and defaults: docs/montecarlo.md. Rows that cannot be
priced are reported by row and column in a `BookWarning`; the others are still priced.
"""
import math
import os
import warnings

import numpy as np

from . import _simt

__all__ = ["price", "price_option", "payoffs", "BookWarning"]


class BookWarning(UserWarning):
    """Some rows of a book were not priced; the message names each by row and column."""


def payoffs():
    """The payoffs a book may name, from simt's one payoff table: a list of dicts with the name
    and which engines price it (gbm_engine: the GBM engine, fp64 and fp32; path_kernel: every
    model and quasi-Monte Carlo; early_exercise: Longstaff-Schwartz; pathwise_greeks, lr_greeks).

        >>> "asset_or_nothing" in [p["name"] for p in simt.payoffs()]
        True
    """
    return _simt.payoffs()


def _text(value):
    """A cell as the C++ parser reads it: str() of a float is its shortest round-trip form."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


def _rows(book):
    if isinstance(book, (str, os.PathLike)):
        return os.fspath(book)
    if hasattr(book, "to_dict") and not isinstance(book, dict):  # a pandas DataFrame
        book = book.to_dict("list")
    if hasattr(book, "items"):  # columns of equal length
        columns = {str(k): list(v) for k, v in book.items()}
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            raise _simt.ConfigError(f"price: the book's columns differ in length: {sorted(lengths)}")
        n = lengths.pop() if lengths else 0
        return [[(k, _text(v[i])) for k, v in columns.items()] for i in range(n)]
    return [[(str(k), _text(v)) for k, v in row.items()] for row in book]


def _given(**keys):
    """The keys the caller gave: the others take their one default (the request's, or the book's).
    NumPy scalars become Python ones (a NumPy integer is not an int)."""
    return {k: v.item() if isinstance(v, np.generic) else v for k, v in keys.items() if v is not None}


def price(book, paths=None, seed=None, device="auto", greeks=None, antithetic=None, control_variate=None, fp32=None,
          qmc=None, qmc_replicates=None):
    """Prices every valid row of `book` and returns a NumPy record array, one record per priced
    option: id, row, type, payoff, model, price, std_error, ci_low, ci_high, paths, with
    greeks=True delta, gamma, vega, rho (bumped, every row), pathwise_delta, pathwise_vega,
    lr_delta, lr_vega (each with <name>_se; NaN where not computed: docs/montecarlo.md says
    which rows have which), and seconds. `book` is a .csv/.yaml path, a list of
    dicts, or a dict of equal-length columns (or a pandas DataFrame).

    The request is the one `simt price` and the option_pricing solver take, with the same
    defaults (docs/montecarlo.md, "The pricing request"): paths 100,000 per option, seed 0,
    control_variate True (arithmetic Asians: the geometric Asian; single-step payoffs: the
    discounted underlying), the rest off. fp32=True simulates the GBM paths in single precision
    with the GPU's fast intrinsics (paths rounded up to a multiple of 4; Greeks stay fp64).
    qmc=True: scrambled Sobol points (every row), `paths` split among `qmc_replicates` (16)
    scramblings whose spread is the standard error. The GIL is released while the paths run.

    Under mpirun every rank must call it with the same book and keys (it is collective): the
    ranks split the book as `simt price` does (by rows, or by blocks of each row's paths when
    there are fewer rows than ranks; docs/parallel.md) and each returns the whole book's results,
    the one-process numbers to the bit but for `seconds`."""
    request = _given(paths=paths, seed=seed, greeks=greeks, antithetic=antithetic, control_variate=control_variate,
                       fp32=fp32, qmc=qmc, qmc_replicates=qmc_replicates)
    columns, bad = _simt.price_book(_rows(book), request, device)
    if bad:
        warnings.warn(f"{len(bad)} rows not priced:\n" + "\n".join(b[3] for b in bad), BookWarning, stacklevel=2)
    # id, row and paths come as Python ints and stay int64; the other numbers are float64.
    arrays = [np.asarray(v, dtype=object if k in ("type", "payoff", "model") else None) for k, v in columns.items()]
    arrays = [a.astype(str) if a.dtype == object else a for a in arrays]
    out = np.rec.fromarrays(arrays, names=list(columns)) if arrays[0].size else np.recarray(0, dtype=[(k, "f8") for k in columns])
    return out


def price_option(type, spot, strike, maturity, volatility, rate=None, dividend=None, payoff=None, fixings=None,
                 cash=None, id=0, paths=None, seed=None, device="auto", greeks=None, antithetic=None,
                 control_variate=None, fp32=None, qmc=None, qmc_replicates=None, **columns):
    """One option priced as a one-row book; returns its record (see `price`). A column left
    out takes the book's default (docs/montecarlo.md); other book columns (barrier=90,
    barrier_type="down_out", model="merton", ...) go in `columns`."""
    row = _given(id=id, type=type, payoff=payoff, spot=spot, strike=strike, maturity=maturity, rate=rate,
                   dividend=dividend, volatility=volatility, fixings=fixings, cash=cash, **columns)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BookWarning)
        try:
            return price([row], paths=paths, seed=seed, device=device, greeks=greeks, antithetic=antithetic,
                         control_variate=control_variate, fp32=fp32, qmc=qmc, qmc_replicates=qmc_replicates)[0]
        except BookWarning as w:
            raise _simt.ConfigError(str(w).split("\n", 1)[1].replace("book[0]: row 1, ", "price_option: ")) from None
