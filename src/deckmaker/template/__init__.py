"""A customer's PowerPoint template read as data (``read_template``) and its layouts
mapped to deckmaker's slide kinds (``map_layouts``)."""
