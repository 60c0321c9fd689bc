"""Reads and checks data/reference, and compiles it into one Vocabulary per language."""
