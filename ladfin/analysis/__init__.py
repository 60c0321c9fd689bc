"""Questions asked of the tables: assistance(), headcounts(), headline checks, parameter checks."""
