"""pressroom: sources in, one manuscript, many editions out.

The flow is docutils' and Sphinx's: readers turn each source into a Pandoc
document tree, transforms are small functions over that tree, and writers
turn the one manuscript into each edition. See README.md.
"""

__version__ = "0.1.0"
