"""Who may see and do what: roles scoped to a fund, a network, or (administrators) everything."""
