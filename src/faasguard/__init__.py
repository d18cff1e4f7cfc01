"""faasguard: security toolkit for serverless applications.

The scanner lives in :mod:`faasguard.core`, :mod:`faasguard.loaders`, :mod:`faasguard.rules` and
:mod:`faasguard.analysis`; the runtime library for handlers is :mod:`faasguard.guard`, which
imports nothing of the scanner.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
