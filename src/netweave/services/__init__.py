"""Services: the only code that changes data. Each function is one transaction."""
