"""Fetching keys and certificates: the transport seam for JWKS and SNS certificates.

A fetcher is any ``Callable[[str], bytes]``. Tests pass a fake one; the default,
:func:`https_fetcher`, uses urllib with a timeout, a size cap, HTTPS only and no redirects (a
redirect could lead a pinned URL somewhere else). urllib is imported on first use only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["Fetcher", "https_fetcher"]

Fetcher = Callable[[str], bytes]


def https_fetcher(*, timeout: float = 3.0, max_bytes: int = 1 << 20) -> Fetcher:
    """A fetcher for ``https://`` URLs that refuses redirects and bodies over ``max_bytes``."""
    opener: Any = None

    def fetch(url: str) -> bytes:
        nonlocal opener
        if urlsplit(url).scheme != "https":
            raise ValueError("only https:// URLs are fetched")
        import urllib.request

        if opener is None:

            class NoRedirect(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                    return None  # urllib then raises HTTPError for the 3xx answer

            opener = urllib.request.build_opener(NoRedirect())
        request = urllib.request.Request(url, headers={"User-Agent": "faasguard-guard"})  # noqa: S310 - https checked above
        with opener.open(request, timeout=timeout) as response:
            data: bytes = response.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ValueError(f"response larger than {max_bytes} bytes")
        return data

    return fetch
