"""The one stage that builds and writes data/processed, and reads it back."""

from ladfin.tables.assemble import build_tables, extract_all, read_figures
from ladfin.tables.audit import flag_messages, flagged
from ladfin.tables.store import TABLE_NAMES, build, inputs_digest, is_stale, load_table, write_tables

__all__ = ["TABLE_NAMES", "build", "build_tables", "extract_all", "flag_messages", "flagged",
           "inputs_digest", "is_stale", "load_table", "read_figures", "write_tables"]
