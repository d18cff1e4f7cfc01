"""Hardcoded secrets in code, configuration and committed files (SEC001-SEC019)."""
