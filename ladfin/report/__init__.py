"""Report runs: parameters, provenance, executing one notebook, the run and its index."""

from ladfin.report.run import *  # noqa: F401,F403
from ladfin.report.run import __all__  # noqa: F401
