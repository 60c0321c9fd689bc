"""ladfin: figures from funding announcements as tidy, traceable tables."""
