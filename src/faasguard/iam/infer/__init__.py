"""Least-privilege IAM policies inferred from the functions code and template."""
