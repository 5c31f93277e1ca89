"""The curated reference store: models, store access, curation, import and export."""

SCHEMA_VERSION = 4  # the newest revision in claims_db/migrations makes this (a test keeps them equal)
VALUE_TYPES = ("quantity", "date", "entity", "text")  # what a predicate's values are: files, store and readers agree
