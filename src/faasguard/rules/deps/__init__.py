"""Dependency rules: known-vulnerable packages in what each function and layer ships."""
