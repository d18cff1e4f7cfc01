"""Readers: a manifest's text in, a :class:`~faasguard.analysis.deps.model.Manifest` out.

Each reader is a pure function of the file's path and text. A file that cannot be read raises
:class:`~faasguard.loaders.errors.ParseError` at the line of the problem.
"""
