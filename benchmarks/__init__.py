"""Benchmarks: each ``bench_*.py`` module's ``run()`` measures ours against a baseline measured in
the same run; ``python -m benchmarks.run`` (``make bench``) runs them all."""
