"""Check the factual claims of a news draft against the curated reference store."""

__version__ = "0.1.0"
