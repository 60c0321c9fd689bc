"""The one stage that builds and writes data/processed, and reads it back."""

from ladfin.tables.assemble import build_tables, extract_all, link_batches, read_batch, read_batches, read_figures
from ladfin.tables.audit import flag_messages, flagged
from ladfin.tables.batches import Batch, BatchStore
from ladfin.tables.store import (TABLE_NAMES, build, build_if_stale, build_inputs, build_lock, incomplete_files,
                                 inputs_digest, is_stale, load_table, read_stamp, tables_dir, write_tables)
from ladfin.tables.workbook import workbook_cells

__all__ = ["TABLE_NAMES", "Batch", "BatchStore", "build", "build_if_stale", "build_inputs", "build_lock",
           "build_tables", "extract_all", "flag_messages", "flagged", "incomplete_files", "inputs_digest",
           "is_stale", "link_batches", "load_table", "read_batch", "read_batches", "read_figures", "read_stamp",
           "tables_dir", "workbook_cells", "write_tables"]
