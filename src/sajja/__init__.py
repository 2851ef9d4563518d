"""Sajja: books, welfare and projections for 1-baht-a-day community welfare funds."""

__version__ = "0.1.0"
