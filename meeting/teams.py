"""The teams every list of teams offers first; people may name others."""

TEAMS = ("sales", "marketing", "leadership")
