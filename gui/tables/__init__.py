"""The official tables on screen: the table models over the draft and the grid view with its merged headers."""
