"""The teams every list of teams offers first; people may name others."""

TEAMS = ("sales", "marketing", "leadership")


def teams_offered(used: set[str]) -> list[str]:
    """The usual teams first, then any other team someone is in, by name."""
    return list(TEAMS) + sorted(used - set(TEAMS))
