"""The checks ``deckmaker pack check`` runs on a loaded pack beyond loading it: its
wording (unknown fragment keys, variables a fragment cannot have), its layouts, the
room its content layout leaves, the
contrast of its colours on every background they are drawn on, its confidence colours
under colour blindness, its logo and the template's fonts. Each check is a function of
the loaded pack returning located findings (``deckmaker.check.finding.Finding``)."""

from __future__ import annotations

from deckmaker.packcheck.contrast import contrast_findings
from deckmaker.packcheck.fonts import font_findings
from deckmaker.packcheck.fragments import fragment_findings
from deckmaker.packcheck.layouts import layout_findings
from deckmaker.packcheck.logo import logo_findings
from deckmaker.packcheck.room import room_findings
from deckmaker.packcheck.vision import confidence_findings

CHECKS = (fragment_findings, layout_findings, room_findings, contrast_findings,
          confidence_findings, logo_findings, font_findings)
