"""Tools for developers (benchmarks), outside the build's import graph."""
