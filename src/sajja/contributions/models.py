"""Tables of the contributions area."""
