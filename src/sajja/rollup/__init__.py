"""The roll-up: one set of figures per fund, and a network's, a province's and the nation's as their sums."""
