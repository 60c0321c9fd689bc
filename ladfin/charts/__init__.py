"""Altair chart builders, the house theme and chart export."""

from ladfin.charts.builders import *  # noqa: F401,F403
from ladfin.charts.builders import __all__  # noqa: F401
