"""Read models for screens and commands that only look: history, a meeting's summary, what
happened between meetings, timelines, leads by page.
"""
