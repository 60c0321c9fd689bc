"""Documents -> cleaned layout -> number mentions -> figure and skipped rows, with provenance."""
