"""The brief: its schema, and reading a YAML file into a validated Brief."""

from deckmaker.brief.loading import load_brief, read_brief
from deckmaker.brief.schema import Brief

__all__ = ["Brief", "load_brief", "read_brief"]
