"""Maintenance tools run by developers (not part of the public CLI)."""
