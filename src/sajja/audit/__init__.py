"""The audit chain: every write appends an event, each hashed with the one before it."""
