"""The demo world's calendar: every area's demo is built as of the same day, so that its months, meetings
and standings agree with one another (sajja.ops.demo builds the world in that order)."""

import datetime

TODAY = datetime.date(2026, 11, 26)
