"""Event adapters: AWS events (always), Azure Functions and Google Cloud Functions HTTP requests.

The Azure and Google adapters never import their platform SDKs; they read the request objects by
duck typing, so they are imported only when used.
"""

from __future__ import annotations

__all__: list[str] = []
