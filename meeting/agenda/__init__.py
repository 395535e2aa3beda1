"""Running meetings: series and their plans, starting, walking and ending a meeting, timers,
who is here, and finding meetings.
"""
