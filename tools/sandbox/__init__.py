"""A deterministic fictional B2B SaaS company and loopback servers that speak each vendor's API."""
