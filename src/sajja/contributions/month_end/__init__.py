"""Month-end close, a part of the contributions area: lock a month, derive every member's standing from
what they paid, and write the month's collection summary by group, in one transaction that a kill never
leaves half done. services (the close), derive (standings, pure over rows), selectors, api, views, urls."""
