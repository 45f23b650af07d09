"""Citation-aware claim verifier: the pipeline, the rule engine and the CLI."""

__version__ = "0.1.0"

__all__ = ["__version__"]
