"""Pieces of the reference-string parser: identifiers, author lists, the numeric tail.

``references.entry_parser.parse_reference`` composes them; each module handles
one part of an entry so it can be tested and tuned on its own.
"""
