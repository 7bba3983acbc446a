"""Meeting rules as pure functions."""
