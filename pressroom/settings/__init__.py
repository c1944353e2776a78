"""Settings: book.yaml and the sidecars, validated once when they load.

Every mistake is reported with its file and line (schema.py).
"""
