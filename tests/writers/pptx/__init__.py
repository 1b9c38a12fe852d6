"""Helpers shared by the deck's tests: the briefs of the briefing-deck acceptance and
readers of a saved deck that do not use the planner."""
