"""Readers of project files and builders of the application model."""
