"""devbizops package."""
