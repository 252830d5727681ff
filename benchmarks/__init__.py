"""The benchmark suite of issue 15: every figure beside a baseline measured in the same run.

Outside the test suite on purpose: timings on a shared machine are not pass/fail material for ``pytest``,
but ratios to a baseline taken a moment before are. ``python -m benchmarks --help`` says how to run it.
"""
