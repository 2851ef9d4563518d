"""Tables of the meetings area."""
