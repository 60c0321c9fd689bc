"""Questions asked of the tables: assistance(), headcounts(), figure lists, summaries, headline checks."""
