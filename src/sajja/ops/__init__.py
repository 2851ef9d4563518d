"""Operations: the `sajja` commands (demo, serve, audit, report, export)."""
