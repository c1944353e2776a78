"""Writers: the one Book to each edition (manuscript, PDF, EPUB, print, packets).

Like Sphinx's builders, each writer reads the shared Book and owns one kind
of output; shared HTML rendering lives in ``html.py`` and shared templating
in ``templating.py``.
"""
