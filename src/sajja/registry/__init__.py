"""The registry: networks, funds, groups, people and their memberships."""
