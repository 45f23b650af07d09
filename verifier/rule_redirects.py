"""Retired rule codes and the codes that replaced them (ruff's ``rule_redirects.rs``).

Codes are stable once released; when a rule is split or renamed its old code
keeps working in configuration and suppressions through this table.
"""

REDIRECTS: dict[str, str] = {}
