"""Tests for ladfin/units.py: each currency a dimension, converted only in a dated context."""

from datetime import date

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ladfin.errors import ReferenceDataError, UnknownTermError
from ladfin.normalise.units import currency, fx_context, quantity, ureg

DAY = date(2024, 9, 25)


def test_adding_usd_to_cop_raises():
    with pytest.raises(pint.DimensionalityError):
        quantity(5.0, "USD") + quantity(3.0, "COP")


def test_usd_to_cad_raises_outside_a_context_and_works_inside():
    ctx = fx_context({"CAD": 1.25}, DAY)
    with pytest.raises(pint.DimensionalityError):
        quantity(10.0, "USD").to("CAD")
    with ureg.context(ctx):
        assert quantity(10.0, "USD").to("CAD").magnitude == pytest.approx(12.5)
        assert quantity(10.0, "CAD").to("USD").magnitude == pytest.approx(8.0)
    with pytest.raises(pint.DimensionalityError):
        quantity(10.0, "USD").to("CAD")


def test_cross_rate_goes_through_usd():
    # 1 CAD = 1/1.25 USD = 4000/1.25 COP = 3200 COP
    with ureg.context(fx_context({"CAD": 1.25, "COP": 4000.0}, DAY)):
        assert quantity(1.0, "CAD").to("COP").magnitude == pytest.approx(3200.0)


def test_a_context_converts_only_the_currencies_it_has():
    with ureg.context(fx_context({"CAD": 1.25}, DAY)), pytest.raises(pint.DimensionalityError):
        quantity(1.0, "COP").to("USD")


def test_any_iso_code_is_defined_on_first_use():
    assert str(currency("XAF").dimensionality) == "[currency_XAF]"
    assert currency("XAF") == currency("XAF")


@pytest.mark.parametrize("code", ["usd", "US$", "", "EURO", None])
def test_a_non_iso_code_raises(code):
    with pytest.raises(UnknownTermError, match="ISO 4217"):
        currency(code)


def test_person_is_its_own_dimension():
    assert (ureg.Quantity(3, "person") + ureg.Quantity(2, "people")).magnitude == 5
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(3, "person") + quantity(2.0, "USD")


@pytest.mark.parametrize("rate", [0.0, -1.0, float("nan"), float("inf")])
def test_a_non_positive_rate_raises(rate):
    with pytest.raises(ReferenceDataError, match="CAD"):
        fx_context({"CAD": rate}, DAY)


@given(
    code=st.sampled_from(["CAD", "COP", "EUR", "GTQ", "JPY"]),
    rate=st.floats(min_value=1e-4, max_value=1e6),
    amount=st.floats(min_value=0, max_value=1e13),
)
def test_to_usd_and_back_returns_the_amount(code, rate, amount):
    with ureg.context(fx_context({code: rate}, DAY)):
        back = quantity(amount, code).to("USD").to(code).magnitude
    assert back == pytest.approx(amount, rel=1e-9, abs=1e-9)
