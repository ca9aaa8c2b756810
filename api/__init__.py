"""HTTP API (FastAPI) and the use cases behind it."""
