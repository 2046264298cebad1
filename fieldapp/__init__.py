"""fieldapp: offline field interviews on XLSForms."""

__version__ = "0.1.0"
