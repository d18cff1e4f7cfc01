"""Path traversal: a value that climbs out of a directory or names a file it should not.

:func:`scan` reports ``..`` path segments (also ``...``, ``....//`` and ``..;/`` filter
bypasses, ``.. /`` with the trailing blanks Windows drops, and the hex or escaped spellings
``0x2e0x2e``, ``..0x2f``, ``\\u002e\\u002e`` some scanners send; percent, overlong UTF-8, ``%u``
and look-alike-slash encodings are already undone by :mod:`.decode`), repeated ``./``
segments, long dot runs in a path (Windows drops trailing dots: the path-truncation trick),
``file:`` URLs, and names of sensitive files and directories: Unix (``/etc/passwd``,
``/proc/self/environ``, ``/var/log/``, ``~/.ssh/id_rsa``, ``.aws/credentials``, ``.env``),
Windows (``boot.ini``, ``win.ini``, any ``.ini`` at a drive root, ``system32\\config``,
``inetpub``), Java (``WEB-INF/web.xml``) and a Lambda function's own code (``/var/task``,
``/opt/``). Flat regular expressions: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "PLAIN_NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs: the engine's gate.
NEEDLES = (
    "..", "0x2e", "\\u002e", "\\x2e", "file:", "/.", "\\.", "passwd", "shadow", "etc/", "etc\\",
    "proc/", "proc\\", "var/", "var\\", "opt/", "opt\\", "root/", "root\\", "dev/", "dev\\",
    ".ini", ".sys", ".inf", "autoexec", "ntuser", "windows", "winnt", "system32", "inetpub",
    "web-inf", "meta-inf", "global.asa", "wp-config", ".ht", "_history", ".netrc", ".pgpass",
    ".npmrc", ".git/", ".git\\", ".svn/", ".svn\\", ".ssh/", ".ssh\\", ".aws/", ".aws\\",
    ".docker/", ".docker\\", ".kube/", ".kube\\", ".env", "id_", "authorized_keys",
)  # fmt: skip

#: The needles of the rules that can match a string without separators, quotes or brackets
#: ("etcpasswd", "..0x2f", "c:boot.ini"): the engine's gate for such plain strings.
PLAIN_NEEDLES = (
    "..", "0x2e", "passwd", "shadow", ".ini", ".sys", ".inf", "web-inf", "global.asa", ".ht",
    "_history", "wp-config", "inetpub", "file:", "id_", "authorized_keys", "autoexec", "ntuser",
    ".netrc", ".pgpass", ".npmrc",
)  # fmt: skip

_DOTDOT = re.compile(
    r"(?:^|[/\\=:'\"])\.{2,}[\s\x00-\x1f]{0,3}[/\\;]"  # ../  ....//  ..;/  .. /  at a segment start
    r"|[/\\]\.\.(?:$|[^\w.-])"  # /..  /..{file}
    r"|[/\\]\.{3,}(?=[^\s.])"  # /...x
    r"|^\.\.$"
)
# In a value that is a path (it starts with a separator), a run of dots inside a segment.
_DOT_RUN = re.compile(r"\.{4,}")
_ENCODED = re.compile(
    r"(?:0x2e){2}|\.\.0x(?:2f|5c)|(?:\\u002e|\\x2e){2}"
    r"|\.\.(?:%2f|%5c|%c0%af|%c1%9c|\\u002f|\\u005c|\\x2f|\\x5c)",
    re.IGNORECASE,
)
_DOT_SEGMENTS = re.compile(r"[/\\]\.(?=[/\\])(?:[/\\]+\.(?=[/\\]))+")
_FILE_URL = re.compile(r"(?:^|[^\w.+-])file:(?:/|\\|[a-z]:)", re.IGNORECASE)
_S = r"[/\\]+"  # one or more separators
_UNIX = (
    r"\betc[/\\]*(?:passwd|shadow|master\.passwd)\b"
    r"|\betc" + _S + r"(?:group|hosts|issue|sudoers|crontab|environment|motd|hostname|fstab"
    r"|resolv\.conf|profile|bashrc|inittab|security|httpd|apache2?|nginx|mysql|php\d?|ssh"
    r"|ssl|init\.d|sysconfig|network)\b"
    r"|\bproc" + _S + r"(?:self|thread-self|\d+)(?:[/\\]|$)"
    r"|\bproc" + _S + r"(?:version|cpuinfo|meminfo|mounts|cmdline|net[/\\])"
    r"|(?:^|[^\w.])[/\\]var" + _S + r"(?:task|runtime|log|www|mail|spool|lib)(?:[/\\]|$)"
    r"|(?:^|[^\w.])[/\\]opt" + _S + r"(?:extensions|python|nodejs|lib)\b"
    r"|[/\\]root[/\\]+\.\w|[/\\]dev" + _S + r"(?:tcp|udp|shm)[/\\]"
)
_HOME = (
    r"\.(?:htaccess|htpasswd|bash_history|zsh_history|mysql_history|psql_history|netrc|pgpass"
    r"|npmrc)\b"
    r"|\.(?:git" + _S + r"(?:config|head|index)|svn" + _S + r"entries|ssh" + _S + r"|aws"
    r"" + _S + r"(?:credentials|config)|docker" + _S + r"config|kube" + _S + r"config)"
    r"|(?:^|[/\\])\.env(?:$|[.\s])|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\bauthorized_keys\b"
)
_WINDOWS = (
    r"(?:^|[^\w])(?:boot|win|system|desktop|php)\.ini\b"
    r"|(?:^|[^\w])[a-z]:[/\\]*[\w-]{1,32}\.(?:ini|sys|inf)\b"  # c:\boot.ini, c:oot.ini
    r"|(?:^|[^\w])(?:autoexec\.bat|config\.sys|pagefile\.sys|hiberfil\.sys|ntuser\.dat)\b"
    r"|[a-z]:[/\\]*(?:windows|winnt)[/\\]|[a-z]:[/\\]*inetpub\b"
    r"|\b(?:windows|winnt)" + _S + r"(?:system32|win\.ini|system\.ini|repair|panther|debug)\b"
    r"|\bsystem32" + _S + r"(?:config|drivers|inetsrv)\b"
)
_JAVA_WEB = r"web-inf(?:[/\\]|$|[/\\]*web\.xml)|meta-inf[/\\]|global\.asax?\b|wp-config\.php"
# Each family of sensitive names, with substrings (lower case) one of which it needs.
_SENSITIVE: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("passwd", "shadow", "etc/", "etc\\", "proc/", "proc\\", "var/", "var\\", "opt/",
      "opt\\", "root/", "root\\", "dev/", "dev\\"), re.compile(_UNIX, re.IGNORECASE)),
    ((".ht", "_history", ".netrc", ".pgpass", ".npmrc", ".git/", ".git\\", ".svn/", ".svn\\",
      ".ssh/", ".ssh\\", ".aws/", ".aws\\", ".docker/", ".docker\\", ".kube/", ".kube\\",
      ".env", "id_", "authorized_keys"), re.compile(_HOME, re.IGNORECASE)),
    ((".ini", ".sys", ".inf", "autoexec", "ntuser", "windows", "winnt", "inetpub", "system32"),
     re.compile(_WINDOWS, re.IGNORECASE)),
    (("web-inf", "meta-inf", "global.asa", "wp-config"), re.compile(_JAVA_WEB, re.IGNORECASE)),
)  # fmt: skip
# The other rules, each with the substrings one of which it needs.
_RULES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("path.dotdot", ("..",), _DOTDOT),
    ("path.encoded", ("..", "0x", "\\u002e", "\\x2e"), _ENCODED),
    ("path.file-url", ("file:",), _FILE_URL),
    ("path.dot-segments", ("/.", "\\."), _DOT_SEGMENTS),
)


def _has(lowered: str, needles: tuple[str, ...]) -> bool:
    return any(needle in lowered for needle in needles)


def scan(text: str) -> Hit | None:
    """The first path traversal construct found in ``text`` (already decoded), or None."""
    lowered = text.lower()
    for rule, needles, pattern in _RULES[:2]:
        match = pattern.search(text) if _has(lowered, needles) else None
        if match is not None:
            return Hit(rule, match.start(), match.end())
    for needles, pattern in _SENSITIVE:
        match = pattern.search(text) if _has(lowered, needles) else None
        if match is not None:
            return Hit("path.sensitive-file", match.start(), match.end())
    for rule, needles, pattern in _RULES[2:]:
        match = pattern.search(text) if _has(lowered, needles) else None
        if match is not None:
            return Hit(rule, match.start(), match.end())
    if text[:1] in ("/", "\\") and "...." in text:
        run = _DOT_RUN.search(text)
        if run is not None:
            return Hit("path.dot-run", run.start(), run.end())
    return None
