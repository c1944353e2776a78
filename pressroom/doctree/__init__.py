"""What every stage shares: Pandoc AST helpers, the typed Book, the fidelity ledger.

Nothing here imports another part of pressroom except errors.
"""
