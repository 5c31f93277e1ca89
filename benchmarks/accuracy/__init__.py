"""Accuracy benchmark: our extractor and quantulum3 on the peers' own test cases (`python -m benchmarks.accuracy`)."""
