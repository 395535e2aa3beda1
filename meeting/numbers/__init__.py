"""The meeting's numbers: values recorded against targets, and the scorecard over periods."""
