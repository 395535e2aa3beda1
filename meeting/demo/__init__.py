"""The demo database: three months of a team's meetings, built through the domain's own
functions.
"""
