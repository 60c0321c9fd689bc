"""The one stage that builds and writes data/processed, and reads it back."""

from ladfin.tables.assemble import build_tables, extract_all, read_figures
from ladfin.tables.audit import flag_messages, flagged
from ladfin.tables.store import (TABLE_NAMES, build, build_if_stale, build_inputs, build_lock, incomplete_files,
                                 inputs_digest, is_stale, load_table, read_stamp, tables_dir, write_tables)

__all__ = ["TABLE_NAMES", "build", "build_if_stale", "build_inputs", "build_lock", "build_tables", "extract_all",
           "flag_messages", "flagged", "incomplete_files", "inputs_digest", "is_stale", "load_table",
           "read_figures", "read_stamp", "tables_dir", "write_tables"]
