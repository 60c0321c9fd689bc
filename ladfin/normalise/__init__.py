"""Units (pint), exchange rates to US dollars, and constant dollars."""
