"""Python code analysis: the module index shared by code rules, taint and IAM inference."""

from faasguard.analysis.python.index import Module, PythonIndex, python_index

__all__ = ["Module", "PythonIndex", "python_index"]
