"""The one error type people see: its message names the problem and the fix."""


class HuddleError(Exception):
    """Bad input or an impossible request. Raised before anything is written."""
