"""What people write in and between meetings: entries, votes, action items, lead questions,
agreements, heads-ups, leads and the people who own them.
"""
