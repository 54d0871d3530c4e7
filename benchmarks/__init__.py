"""Benchmark harness for cleaner: corpora, dumps, baselines, metrics and the runner (python -m benchmarks.run)."""
