"""Benchmarks for the performance-at-scale goals (run with ``python benchmarks/run.py``)."""
