"""Storage and services of the double-entry books; the rules themselves live in sajja.core.ledger."""
