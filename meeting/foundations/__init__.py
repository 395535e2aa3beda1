"""What every part of the domain stands on: the clock and the team's calendar, dates, errors,
text and names as people type them, the order of meetings, and the plain records readers
get.
"""
