# SPDX-License-Identifier: MIT
"""What the QuantLib comparisons share: the evaluation date, Actual/365 (Fixed) day counts (so
whole-day expiries are the same year fractions in both libraries), flat curves and the
Black-Scholes-Merton process. Import only after pytest.importorskip("QuantLib")."""
import pytest
import QuantLib as ql

TODAY = ql.Date(15, ql.January, 2024)
DAYS = ql.Actual365Fixed()


@pytest.fixture(autouse=True)
def evaluation_date():
    """Autouse in a module that imports it: QuantLib prices as of TODAY."""
    ql.Settings.instance().evaluationDate = TODAY
    yield


def flat_curve(rate):
    return ql.YieldTermStructureHandle(ql.FlatForward(TODAY, rate, DAYS))


def bsm_process(spot, rate, dividend, volatility):
    vol = ql.BlackVolTermStructureHandle(ql.BlackConstantVol(TODAY, ql.NullCalendar(), volatility, DAYS))
    return ql.BlackScholesMertonProcess(ql.QuoteHandle(ql.SimpleQuote(spot)), flat_curve(dividend), flat_curve(rate),
                                        vol)


def ql_type(option):
    return ql.Option.Call if option == "call" else ql.Option.Put
