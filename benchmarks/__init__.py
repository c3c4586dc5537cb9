"""Benchmarks, run outside the test suite: `python -m benchmarks`."""
