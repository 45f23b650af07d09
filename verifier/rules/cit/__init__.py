"""CIT rules: broken citations (dangling, uncited, duplicate, author or year mismatch, order, mixed styles,
retracted and non-peer-reviewed sources). The registry imports each module directly."""
