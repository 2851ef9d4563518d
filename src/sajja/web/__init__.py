"""Server-rendered pages, Thai first, light enough for a cheap phone."""
