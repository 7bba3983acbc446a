"""Meeting record rules as pure functions: attendance and quorum by item, votes, actions."""
