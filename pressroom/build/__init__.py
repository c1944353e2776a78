"""The build machinery: cache keys, the parallel runner, the lock, atomic output, the report.

It knows builders only by what they declare (pressroom/builders/__init__.py).
"""
