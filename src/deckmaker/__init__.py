"""deckmaker: one YAML brief in, a PDF memo, a PPTX deck and an email briefing out."""

__version__ = "0.1.0"
