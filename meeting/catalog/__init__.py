"""What a team defines once and meetings follow: meeting templates and the metrics a series
tracks, with their targets.
"""
