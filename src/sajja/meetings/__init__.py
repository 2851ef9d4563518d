"""Meetings and knowledge: schedules, calendar feeds, minutes and resolutions, shared lessons."""
