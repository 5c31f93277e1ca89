"""The curated reference store: models, store access, curation, import and export."""

SCHEMA_VERSION = 1
