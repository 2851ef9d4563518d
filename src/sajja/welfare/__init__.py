"""Welfare: each fund's scheme (versioned rules from a template) and the claims paid under it."""
