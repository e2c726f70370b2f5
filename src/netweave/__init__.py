"""netweave."""
