"""Benchmarks of the claim verifier; run them as modules, e.g. `python -m benchmarks.store_scale`."""
