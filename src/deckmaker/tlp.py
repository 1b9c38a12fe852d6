"""Traffic Light Protocol 2.0 (FIRST): its labels and the colours they are printed in.

A module of its own, free of heavy imports, because the brief schema, the composer and
the email writer all need it."""

from __future__ import annotations

# From least to most restrictive: a digest of several briefs carries the strictest.
TLP_LABELS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")

# FIRST prints each label's text in this colour on black.
TLP_COLOURS = {
    "TLP:RED": "#FF2B2B", "TLP:AMBER": "#FFC000", "TLP:AMBER+STRICT": "#FFC000",
    "TLP:GREEN": "#33FF00", "TLP:CLEAR": "#FFFFFF",
}
