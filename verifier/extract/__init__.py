"""Claim extraction: one module per claim kind (see registry.py), shared word tables and number grammar."""
