"""ladfin's pint registry: each currency its own dimension, converted only in a dated context.

Outside a context, 5 USD + 3 COP and `Q(5, "USD").to("CAD")` raise
`pint.DimensionalityError`, so no arithmetic mixes currencies by accident.
An exchange rate exists only inside `ureg.context(fx_context(rates, day))`:

>>> from datetime import date
>>> ctx = fx_context({"CAD": 1.25}, date(2024, 5, 7))
>>> with ureg.context(ctx):
...     print(quantity(10.0, "CAD").to("USD"))
8.0 USD

Tables stay plain pandas columns; these quantities guard the conversion
arithmetic in `ladfin.normalise.rates`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import pint

from ladfin.errors import ReferenceDataError, UnknownTermError

# An empty registry: pint's default unit file defines names that clash with
# ISO 4217 codes once prefixes apply, and ladfin needs no physical units.
ureg = pint.UnitRegistry(None)
ureg.define("person = [person] = _ = persons = people")

_ISO_CODE = re.compile(r"[A-Z]{3}")


def currency(code: str) -> pint.Unit:
    """Return the pint unit for an ISO 4217 code, defining `[currency_CODE]` on first use.

    Raises:
        UnknownTermError: `code` is not three upper-case letters.

    >>> str(currency("COP").dimensionality)
    '[currency_COP]'
    """
    if not isinstance(code, str) or not _ISO_CODE.fullmatch(code):
        raise UnknownTermError(
            f"currency code {code!r} is not three upper-case letters (ISO 4217); "
            "map the currency word to a code in data/reference/currencies.csv"
        )
    if code not in ureg:
        ureg.define(f"{code} = [currency_{code}]")
    return ureg.Unit(code)


def quantity(magnitude: Any, code: str) -> pint.Quantity:
    """Return `magnitude` (a number or numpy array) as a quantity of currency `code`."""
    return ureg.Quantity(magnitude, currency(code))


def fx_context(rates: Mapping[str, float], day: date) -> pint.Context:
    """Return a pint context converting each currency in `rates` to and from USD on `day`.

    Args:
        rates: units of each currency per 1 USD, e.g. `{"COP": 4139.43}`.
            A "USD" entry must be 1 and adds nothing.
        day: the date the rates are in force; it names the context.

    Raises:
        ReferenceDataError: a rate is not a positive finite number.
        UnknownTermError: a key is not an ISO 4217 code.
    """
    usd = currency("USD")
    ctx = pint.Context(f"fx_{day}")
    for code, per_usd in rates.items():
        unit = currency(code)
        if not (isinstance(per_usd, int | float) and math.isfinite(per_usd) and per_usd > 0):
            raise ReferenceDataError(
                f"rate for {code} on {day} is {per_usd!r}; a rate must be a positive number"
            )
        if code == "USD":
            if per_usd != 1:
                raise ReferenceDataError(f"rate for USD on {day} is {per_usd}, not 1")
            continue
        to_usd = (1 / float(per_usd)) * usd / unit
        from_usd = float(per_usd) * unit / usd
        ctx.add_transformation(f"[currency_{code}]", "[currency_USD]", _multiply_by(to_usd))
        ctx.add_transformation("[currency_USD]", f"[currency_{code}]", _multiply_by(from_usd))
    return ctx


def _multiply_by(factor: pint.Quantity):
    """Return a pint transformation multiplying its quantity by `factor` (binds the factor)."""
    return lambda _registry, value: value * factor
