"""The REST API under /api/ (django-ninja), with token auth and Idempotency-Key on every write."""
