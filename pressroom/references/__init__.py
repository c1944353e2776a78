"""References: the glossary and index models and the one matcher they share.

They sit between the doctree and the builders: transforms mark the text with
them, builders print them.
"""
