"""Loopback HTTP servers that serve the sandbox company in each vendor's real wire format."""
