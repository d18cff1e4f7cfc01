"""Rules about the scan itself (scan errors, suppressions), reported by the engine."""
