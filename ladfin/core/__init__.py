"""The leaf every stage may use: closed vocabularies and defaults, cell formats, the schema."""
