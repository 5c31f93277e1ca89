"""Renderers: each turns check results into one output format and nothing else."""
