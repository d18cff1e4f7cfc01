"""OS command injection: shell syntax that chains, substitutes or starts a command.

:func:`scan` looks for a shell separator (``;``, ``|``, ``&``, ``||``, ``&&``, newline) or a
substitution (`` `...` ``, ``$(...)``) followed by a command name, a value that is itself a
command line (``cat /etc/passwd``, ``ping -n 30 127.0.0.1``, ``/usr/bin/id``), server-side
include directives, ``${IFS}`` tricks, and calls of language functions that run commands
(``system(``, ``passthru(``) right after a break-out. A command name counts only where the shell
would read it as one: followed by the end, another separator, or an argument shaped like an
option, a path, a variable or an address; so ``Tom & Jerry; cat food`` is prose, and
``x; cat /etc/passwd`` is not. ``+`` counts as a space (form encoding). Flat regular
expressions: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["COMMANDS", "NEEDLES", "scan", "starts_with_command"]

#: Substrings one of which every rule but the leading command needs: the engine's gate.
NEEDLES = (
    ";", "|", "&", "`", "\n", "\r", "$(", "<!--", "$ifs", "${", "bin/", "system32", "system",
    "exec", "passthru", "popen", "proc_open", "os.", "subprocess", "runtime",
)  # fmt: skip

# Commands an attacker runs to probe or take over a host (Unix and Windows).
COMMANDS = (
    "id whoami uname ls dir cat type more ping nslookup dig host curl wget nc ncat netcat socat "
    "telnet ftp tftp ssh scp bash sh zsh ksh csh dash tcsh busybox python python2 python3 perl "
    "ruby php node lua powershell pwsh cmd certutil bitsadmin mshta rundll32 regsvr32 wscript "
    "cscript systeminfo tasklist taskkill wmic reg net netstat ifconfig ipconfig route arp ps "
    "kill killall pkill sleep timeout echo printf env printenv set export hostname rm del rmdir "
    "mv cp chmod chown chgrp touch mkdir mkfifo mknod ln find locate grep egrep awk gawk sed "
    "head tail less xargs base64 xxd od openssl sudo su crontab at nohup eval exec expr true "
    "false sort uniq tee tar zip unzip gzip nmap useradd usermod passwd shutdown reboot halt "
    "uptime w last who lsof mount df du free top vi vim"
).split()
_COMMAND_SET = frozenset(COMMANDS)
# A command name, maybe behind a path ("/usr/bin/id", "c:\\windows\\cmd.exe"): the name is
# captured and looked up in COMMANDS (a set lookup compiles faster than a 150-word alternation).
_CMD = r"(?:[\w.~-]{0,64}[/\\]){0,8}(?P<cmd>[a-z][a-z0-9_]{0,15})(?:\.exe|\.com)?"
# What may follow a command name for the shell to run it: the end, a separator, or an
# argument shaped like an option, a path, a variable, a quoted string, an address or a number.
_ARG = r"(?:$|[\s+]*[;|&`)'\"<>\n]|[\s+]+(?:-{1,2}\w|/|\\|\.{1,2}/|\$|~|[a-z]:[/\\]?|[\"']|\d))"
_SEPARATOR = r"(?:[;|&]|\|\||&&|\$\()"
# After a newline (also a separator) a command needs an argument: a GraphQL selection or a
# list on several lines has lines that are just "id" or "type".
_STRICT_ARG = r"(?:[\s+]*[;|&`]|[\s+]+(?:-{1,2}\w|/|\\|\.{1,2}/|\$|~|[a-z]:[/\\]|[a-z][\w+.-]*://))"

_CHAINED = re.compile(_SEPARATOR + r"[\s+]*" + _CMD + r"(?=" + _ARG + r")", re.IGNORECASE)
_NEWLINE = re.compile(r"[\n\r][\s+]*" + _CMD + r"(?=" + _STRICT_ARG + r")", re.IGNORECASE)
_LEADING = re.compile(
    r"[\s+'\"]*" + _CMD + r"(?=[\s+]+(?:-{1,2}\w|/|\\|\$|~|[a-z]:[/\\]?|\d+\.\d+\.|\d+$))",
    re.IGNORECASE,
)
_BACKTICK = re.compile(r"(?:^|[;|&='\"(])`[\s+]*" + _CMD + r"[^`]{0,200}`", re.IGNORECASE)
_DOLLAR_PAREN = re.compile(r"\$\([\s+]*" + _CMD + r"\b", re.IGNORECASE)
_BINARY_PATH = re.compile(
    r"(?:^|[\s;|&`'\"(=+])/(?:usr/(?:local/)?)?s?bin/[\w.-]+"
    r"|(?:^|[\s;|&`'\"(=+])[a-z]:\\windows\\system32\\",
    re.IGNORECASE,
)
_SSI = re.compile(r"<!--\s*#\s*(?:exec|include|echo|config|fsize|flastmod)\b", re.IGNORECASE)
_IFS = re.compile(r"\$\{?IFS\b|\$\{(?:PATH|HOME|SHELL):\d", re.IGNORECASE)
_CODE_CALL = re.compile(
    r"[;'\"|&)`]\s*(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec|os\.system"
    r"|os\.popen|subprocess\.\w+|runtime\.getruntime\(\)\.exec)\s*\(",
    re.IGNORECASE,
)
# Rules whose match names a command, in the order they are tried, then the plain ones.
_COMMAND_RULES = (
    ("cmdi.substitution", _BACKTICK),
    ("cmdi.substitution", _DOLLAR_PAREN),
    ("cmdi.chained", _CHAINED),
    ("cmdi.chained", _NEWLINE),
)
_PLAIN_RULES = (
    ("cmdi.code-call", _CODE_CALL),
    ("cmdi.ifs", _IFS),
    ("cmdi.binary-path", _BINARY_PATH),
)


def _first_command(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    for match in pattern.finditer(text):
        if match.group("cmd").lower() in _COMMAND_SET:
            return match
    return None


def starts_with_command(text: str) -> bool:
    """Whether ``text`` opens with a command line (``cat /etc/passwd``): the rule no needle
    announces."""
    match = _LEADING.match(text)
    return match is not None and match.group("cmd").lower() in _COMMAND_SET


def scan(text: str) -> Hit | None:
    """The first command injection construct found in ``text`` (already decoded), or None."""
    ssi = _SSI.search(text)
    if ssi is not None:
        return Hit("cmdi.ssi", ssi.start(), ssi.end())
    for rule, pattern in _COMMAND_RULES:
        match = _first_command(pattern, text)
        if match is not None:
            return Hit(rule, match.start(), match.end())
    for rule, pattern in _PLAIN_RULES:
        match = pattern.search(text)
        if match is not None:
            return Hit(rule, match.start(), match.end())
    match = _LEADING.match(text)
    if match is not None and match.group("cmd").lower() in _COMMAND_SET:
        return Hit("cmdi.command-line", match.start(), match.end())
    return None
