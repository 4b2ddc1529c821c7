"""cchc: track the key tasks of a Vietnamese administrative-reform (CCHC) plan."""

__version__ = "0.1.0"
