"""Meeting views, split by page area."""
