"""What the clerk types or pastes into a cell: one reader of a typed figure, and pasting rows and blocks."""
