"""Path traversal: a value that climbs out of a directory or names a file it should not.

:func:`scan` reports ``..`` path segments (also ``...``, ``....//`` filter bypasses, and the
hex spellings ``0x2e0x2e`` / ``..0x2f`` some scanners send; percent, overlong UTF-8 and ``%u``
encodings are already undone by :mod:`.decode`), repeated ``./`` segments, ``file:`` URLs, and
names of sensitive files and directories (``/etc/passwd``, ``/proc/self/environ``, ``boot.ini``,
``WEB-INF/web.xml``, ``.ssh/id_rsa``, ``/var/task``: a Lambda function's own code). Flat regular
expressions: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs: the engine's gate.
NEEDLES = (
    "..", "0x2e", "file:", "/.", "\\.", "etc", "proc", ".ini", "web-inf", "meta-inf",
    "global.asa", ".ht", ".git", ".ssh", ".aws", ".docker", "wp-config", "var", "opt",
    "windows", "winnt", "inetpub", "dev", ".bash_history",
)  # fmt: skip

_SEP = r"[/\\]"
_DOTDOT = re.compile(
    r"(?:^|[/\\=:'\"])\.{2,}[/\\;]|[/\\]\.\.(?:$|[^\w.-])|[/\\]\.{3,}(?=[^\s.])|^\.\.$"
)
_ENCODED = re.compile(
    r"(?:0x2e){2}|\.\.0x(?:2f|5c)|\.\.(?:%2f|%5c|%c0%af|%c1%9c|\\u002f|\\x2f)", re.IGNORECASE
)
_DOT_SEGMENTS = re.compile(r"(?:[/\\]+\.(?=[/\\])){2,}")
_FILE_URL = re.compile(r"(?:^|[^\w.+-])file:(?:/|\\|[a-z]:)", re.IGNORECASE)
_SENSITIVE = re.compile(
    r"etc[/\\]*(?:passwd|shadow|group|hosts|issue|sudoers|crontab|environment)\b"
    r"|proc[/\\]+(?:self|\d+)[/\\]+(?:environ|cmdline|maps|mem|fd|cwd|root|exe)"
    r"|(?:^|[^\w])(?:boot|win|system)\.ini\b"
    r"|web-inf(?:[/\\]|$|[/\\]*web\.xml)|meta-inf[/\\]|global\.asax?\b"
    r"|\.(?:htaccess|htpasswd|git[/\\]config|ssh[/\\]+(?:id_\w+|authorized_keys)|bash_history)"
    r"|\.aws[/\\]+credentials|\.docker[/\\]+config|wp-config\.php"
    r"|(?:^|[^\w])[/\\]var[/\\]+(?:task|runtime)(?:[/\\]|$)|[/\\]opt[/\\]+extensions\b"
    r"|[a-z]:[/\\]*(?:windows|winnt)[/\\]|[a-z]:[/\\]*inetpub\b"
    r"|[/\\]dev[/\\]+(?:tcp|udp)[/\\]",
    re.IGNORECASE,
)


def scan(text: str) -> Hit | None:
    """The first path traversal construct found in ``text`` (already decoded), or None."""
    for rule, pattern in (
        ("path.dotdot", _DOTDOT),
        ("path.encoded", _ENCODED),
        ("path.sensitive-file", _SENSITIVE),
        ("path.file-url", _FILE_URL),
        ("path.dot-segments", _DOT_SEGMENTS),
    ):
        match = pattern.search(text)
        if match is not None:
            return Hit(rule, match.start(), match.end())
    return None
