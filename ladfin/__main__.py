"""Run the ladfin command: python -m ladfin."""

from ladfin.cli import main

main()
