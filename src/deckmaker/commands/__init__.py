"""Commands registered on the ``deckmaker`` group from their own modules."""
