"""The curated reference store: models, store access, curation, import and export."""

SCHEMA_VERSION = 1
VALUE_TYPES = ("quantity", "date", "entity", "text")  # what a predicate's values are: files, store and readers agree
