"""Allows ``python -m deckmaker``."""

from deckmaker.cli import main

main()
