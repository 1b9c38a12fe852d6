"""Analytic-standards checks on briefs: estimative language, sourcing, form.

``check_brief(path)`` returns located findings; ``deckmaker check`` prints them.
Rule codes are stable: DM1xx estimative language, DM2xx sourcing and
traceability, DM3xx form. See docs/checks.md.
"""

from deckmaker.check.finding import Finding
from deckmaker.check.rule import Rule
from deckmaker.check.rules import RULES
from deckmaker.check.runner import (
    Report, check_brief, check_brief_report, check_loaded, check_report,
)

__all__ = ["RULES", "Finding", "Report", "Rule", "check_brief", "check_brief_report",
           "check_loaded", "check_report"]
