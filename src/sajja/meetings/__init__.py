"""Meetings: schedules, calendar feeds, minutes and resolutions, the files of their records."""
