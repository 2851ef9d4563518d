"""Tables of the welfare area."""
