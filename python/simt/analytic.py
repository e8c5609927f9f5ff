# SPDX-License-Identifier: MIT
"""Closed-form option prices: the oracles and control variates of simt's Monte Carlo pricers.

Conventions: rates and the dividend yield ``dividend`` are continuously compounded, times are
year fractions, ``option`` is ``"call"`` or ``"put"``. Invalid inputs raise
:class:`simt.ConfigError`. Sources of the formulas: docs/montecarlo.md.

    >>> import simt.analytic as a
    >>> round(a.bsm_price("call", spot=60, strike=65, expiry=0.25, rate=0.08, dividend=0.0, volatility=0.3), 4)
    2.1334
"""
from ._simt import analytic as _analytic

bsm_price = _analytic.bsm_price
bsm_greeks = _analytic.bsm_greeks
digital_price = _analytic.digital_price
geometric_asian_price = _analytic.geometric_asian_price
barrier_price = _analytic.barrier_price
bgk_corrected_barrier = _analytic.bgk_corrected_barrier
heston_price = _analytic.heston_price
merton_price = _analytic.merton_price
floating_lookback_price = _analytic.floating_lookback_price

__all__ = ["bsm_price", "bsm_greeks", "digital_price", "geometric_asian_price", "barrier_price",
           "bgk_corrected_barrier", "heston_price", "merton_price", "floating_lookback_price"]
