"""OS command injection: shell syntax that chains, substitutes or starts a command.

:func:`scan` reads the text as a shell would and looks at each place a command can start: after
a separator (``;``, ``|``, ``&``, ``||``, ``&&``, a newline, a literal ``\\n`` opening the text),
inside a substitution (`` `...` ``, ``$(...)``), a brace group or expansion (``{ls,-la}``), and
at the start of the text. A command name found there counts when the shell would run it:

* a name no prose uses (``whoami``, ``wget``, ``powershell``) counts as soon as it ends;
* a name that is also a word (``cat``, ``type``, ``ping``) needs the end of the text, another
  separator, or an argument shaped like an option, a path, a variable, a quoted string, a
  number or an address; so ``Tom & Jerry; cat food`` is prose, and ``x; cat /etc/passwd``
  is not;
* after a newline the argument is required (a GraphQL selection has lines that are just
  ``id``), unless the text is two or three short lines with no braces (``127.0.0.1\\nid``);
* at the start of the text, an argument is always required (``cat /etc/passwd``,
  ``ping -n 30 127.0.0.1``), or the name alone in quotes (``'uname'``).

Names split by quotes, backslashes or empty variables (``w'h'o'am'i``, ``i\\d``,
``who$@ami``) are joined first. Also reported: server-side includes, ``${IFS}`` tricks,
globbed binary paths (``/???/??t``), direct binary paths (``/usr/bin/id``), Shellshock
function definitions, and calls of language functions that run commands (``system('id')``,
``os.popen(``). ``+`` counts as a space (form encoding). Flat regular expressions with bounded
repetition: linear in the input.
"""

from __future__ import annotations

import re

from faasguard.guard.detect._types import Hit

__all__ = ["COMMANDS", "NEEDLES", "STRONG_COMMANDS", "extra_gate", "scan"]

#: Substrings one of which every rule but the leading command and the brace expansion needs:
#: the engine's gate (see :func:`extra_gate` for the other two).
NEEDLES = (
    ";", "|", "&", "`", "\n", "\r", "$(", "<!--", "$ifs", "${", "bin/", "system32", "system",
    "exec", "passthru", "popen", "proc_open", "os.", "subprocess", "runtime", "child_process",
    "/??", "\\n", "() {", "iex", "invoke-expression",
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
    "uptime w last who lsof mount df du free top vi vim pwd"
).split()
#: Commands whose name is no English word nor a language people list ("Java; Python"): one
#: after a separator is a command whatever follows it.
STRONG_COMMANDS = frozenset(
    "whoami uname ifconfig ipconfig nslookup netstat wget curl nc ncat netcat socat busybox "
    "powershell pwsh certutil bitsadmin mshta rundll32 regsvr32 wscript cscript systeminfo "
    "tasklist taskkill wmic nmap useradd usermod chmod chown mkfifo mknod printenv xxd nohup "
    "killall pkill ls pwd sh".split()
)
_COMMAND_SET = frozenset(COMMANDS)
# A command name, maybe behind a path ("/usr/bin/id", "c:\\windows\\cmd.exe"): the name is
# captured and looked up in COMMANDS (a set lookup compiles faster than a 150-word alternation).
_CMD = r"(?:[\w.~-]{0,64}[/\\]){0,8}(?P<cmd>[a-z][a-z0-9_]{0,15})(?:\.exe|\.com)?(?![\w.-])"
# What may follow a command name that is also a word, for the shell to run it: an argument
# shaped like an option, a path, a variable, a quoted string, an address or a number, or a
# redirection from a path...
_ARG = re.compile(
    r"[\s+]*<\s*/\w+/|[\s+]+(?:-{1,2}\w|/|\\|\.{1,2}/|\$|~|[a-z]:[/\\]?|[\"']|\d|%\w+%)",
    re.IGNORECASE,
)
_PATH_ARG = re.compile(r"[\s+]+(?:-{1,2}\w|/|\\|[a-z]:[/\\])", re.IGNORECASE)
# ... or, for the name in lower case (shell commands are; "Java; Python; Go" is a list), the end
# of the command: the end of the text, a quote or bracket closing the injection, a redirection,
# or a separator followed by the end or another separator ("a;id;", "|id|", but not the
# "name;id;email" of a column list).
_ARG_END = re.compile(r"[ \t+]*(?:$|\\[nr]|[;|&\n\r]+[ \t+]*(?:$|[;|&`'\"\n\r()])|[`)'\"<>])")
# After a newline (also a separator) such a command needs an argument: a GraphQL selection or
# a list on several lines has lines that are just "id" or "type".
_STRICT_ARG = re.compile(
    r"[\s+]*[;|&`]|[\s+]+(?:-{1,2}\w|/|\\|\.{1,2}/|\$|~|[a-z]:[/\\]|[a-z][\w+.-]*://)",
    re.IGNORECASE,
)
# Windows commands that take a verb: "net user", "reg query".
_SUBCOMMAND = re.compile(
    r"[\s+]+(?:user|localgroup|group|view|use|share|session|accounts|start|stop|config|query"
    r"|add|delete|save|export)\b",
    re.IGNORECASE,
)
# A leading command needs one of these after it (a plain word would be prose: "type of").
_LEADING_ARG = re.compile(
    r"[\s+]+(?:-{1,2}\w|/|\\|\$|~|[a-z]:[/\\]?|\d+\.\d+\.|\d+$|[a-z][\w+.-]*://)"
    r"|[\s+]*[;|&]+[\s+]*$|[\s+]*<\s*/\w+/",
    re.IGNORECASE,
)
# Commands that take a host name: "ping evil.example" opening the text is a command line.
_NETWORK = frozenset("ping nslookup dig host curl wget nc ncat telnet ssh ftp tftp".split())
_HOST_ARG = re.compile(r"[\s+]+[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:[\s+:/]|$)")
_SEPARATOR = r"(?:[;|&]|\|\||&&|\$\()"
# A written "\n" (backslash, n) that an application turns into a newline: at the start or the
# end of the text, or after a separator ("\nid\n", ";\n/bin/ls").
_WRITTEN_NEWLINE = re.compile(r"^\\[nr]|(?<=[;|&])\\[nr]|\\[nr]$")
_LINE_END = re.compile(r"[\s+]*(?:$|[\n\r;|&])")

_CHAINED = re.compile(_SEPARATOR + r"[\s+]*(?:[({][\s+]*)?" + _CMD, re.IGNORECASE)
_NEWLINE = re.compile(r"[\n\r][ \t+]*" + _CMD, re.IGNORECASE)
_LEADING = re.compile(r"[\s+'\"]*" + _CMD, re.IGNORECASE)
_FIRST_WORD = re.compile(r"[\s+'\"]*(?:[\w.~-]{0,64}[/\\]){0,8}([a-z][a-z0-9_]*)")
_QUOTED_ALONE = re.compile(r"\s*(['\"])(?P<cmd>[a-z]{2,12})\1\s*", re.IGNORECASE)
_BACKTICK = re.compile(r"(?:^|[\w;|&='\"(])`[\s+]*" + _CMD + r"[^`]{0,200}`", re.IGNORECASE)
_DOLLAR_PAREN = re.compile(r"\$\([\s+]*" + _CMD, re.IGNORECASE)
_BRACE = re.compile(
    r"(?:^|[;|&\n`(]|\$\()[ \t+]*\{[ \t+]*" + _CMD + r",[\s+]*[-/$.~]", re.IGNORECASE
)
_BINARY_PATH = re.compile(
    r"(?:^|[\s;|&`'\"(=+])/(?:usr/(?:local/)?)?s?bin/[\w.-]+"
    r"|(?:^|[\s;|&`'\"(=+])[a-z]:\\windows\\system32\\",
    re.IGNORECASE,
)
_GLOB_PATH = re.compile(r"(?:^|[\s;|&`'\"(=+])/[\w?]{0,8}\?\?[\w?]{0,8}/[\w?]{0,16}\?")
_SSI = re.compile(r"<!--\s*#\s*(?:exec|include|echo|config|fsize|flastmod)\b", re.IGNORECASE)
_IFS = re.compile(r"\$\{?IFS\b|\$\{(?:PATH|HOME|SHELL):\d", re.IGNORECASE)
_SHELLSHOCK = re.compile(r"\(\s*\)\s*\{\s*:\s*;\s*\}\s*;")
_CODE_CALL = re.compile(
    r"[;'\"|&)`]\s*(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\("
    r"|(?:^|[^\w.])(?:system|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\(\s*['\"$`]"
    r"|\b(?:os\.(?:system|popen|exec[lv]p?e?)|subprocess\.\w+|runtime\.getruntime\(\)\.exec"
    r"|child_process\W{1,4}(?:exec|spawn)\w*|iex|invoke-expression)\s*\("
    r"|\)\.(?:popen|system)\s*\(",
    re.IGNORECASE,
)
# Quotes, backslashes and empty variables inside a word, which the shell drops: w'h'o'am'i.
_SPLIT_CHARS = ("'", '"', "\\", "$")
_SPLIT_WORD = re.compile(r"(?<=[a-z])(?:''|\"\"|['\"\\]|\$[@*])(?=[a-z])", re.IGNORECASE)
# Each rule with the substrings (lower case) one of which it needs: a C-speed test that skips
# most regular expression searches.
_SUBSTITUTIONS = (
    ("cmdi.substitution", ("`",), _BACKTICK),
    ("cmdi.substitution", ("$(",), _DOLLAR_PAREN),
    ("cmdi.brace-expansion", ("{",), _BRACE),
)
_CHAIN_CHARS = (";", "|", "&", "$(")
_PLAIN_RULES = (
    (
        "cmdi.code-call",
        ("system", "exec", "passthru", "popen", "proc_open", "os.", "subprocess", "runtime",
         "child_process", "iex", "invoke-expression"),
        _CODE_CALL,
    ),
    ("cmdi.ifs", ("$",), _IFS),
    ("cmdi.shellshock", ("{",), _SHELLSHOCK),
    ("cmdi.binary-path", ("bin/", "system32"), _BINARY_PATH),
    ("cmdi.glob-path", ("??",), _GLOB_PATH),
)  # fmt: skip


def _runs(text: str, match: re.Match[str]) -> bool:
    """Whether the command captured by ``match`` would run: a strong name, or an argument."""
    raw = match.group("cmd")
    name = raw.lower()
    if name not in _COMMAND_SET:
        return False
    end = match.end()
    if name in STRONG_COMMANDS:
        return True
    if raw[0].isupper() and raw[1:].islower():  # "Java; Python 3": a capitalised word
        return _PATH_ARG.match(text, end) is not None
    if _ARG.match(text, end) is not None:
        return True
    if raw == name and _ARG_END.match(text, end) is not None:
        return True
    return name in ("net", "reg", "sc") and _SUBCOMMAND.match(text, end) is not None


def _few_lines(text: str) -> bool:
    """Two or three short lines without braces: a value, not a selection or a document."""
    return text.count("\n") + text.count("\r") <= 3 and "{" not in text and len(text) <= 200


def _after_newline(text: str) -> re.Match[str] | None:
    few = _few_lines(text)
    for match in _NEWLINE.finditer(text):
        name = match.group("cmd").lower()
        if name not in _COMMAND_SET:
            continue
        if name in STRONG_COMMANDS or _STRICT_ARG.match(text, match.end()) is not None:
            return match
        if few and _LINE_END.match(text, match.end()) is not None:
            return match
    return None


def _leading(text: str) -> re.Match[str] | None:
    match = _LEADING.match(text)
    if match is not None and match.group("cmd").lower() in _COMMAND_SET:
        if _LEADING_ARG.match(text, match.end()) is not None:
            return match
        if match.group("cmd").lower() in _NETWORK and _HOST_ARG.match(text, match.end()):
            return match
    alone = _QUOTED_ALONE.fullmatch(text)
    if alone is not None and alone.group("cmd").lower() in STRONG_COMMANDS:
        return alone
    return None


def extra_gate(lowered: str) -> bool:
    """Whether ``lowered`` may hold the two constructs no needle announces: a command line
    opening the text (``cat /etc/passwd``, ``'uname'``: its first word is a command; a path
    before it holds a needle) or a brace expansion."""
    first = _FIRST_WORD.match(lowered)
    if first is not None and first.group(1) in _COMMAND_SET:
        return True
    return "{" in lowered and _BRACE.search(lowered) is not None


def _has(lowered: str, needles: tuple[str, ...]) -> bool:
    return any(needle in lowered for needle in needles)


def _command_hit(text: str, lowered: str) -> Hit | None:
    # A substitution or a brace expansion runs the command whatever follows it.
    for rule, needles, pattern in _SUBSTITUTIONS:
        if not _has(lowered, needles):
            continue
        for match in pattern.finditer(text):
            if match.group("cmd").lower() in _COMMAND_SET:
                return Hit(rule, match.start(), match.end())
    if _has(lowered, _CHAIN_CHARS):
        for match in _CHAINED.finditer(text):
            if _runs(text, match):
                return Hit("cmdi.chained", match.start(), match.end())
    newline = _after_newline(text) if ("\n" in text or "\r" in text) else None
    if newline is not None:
        return Hit("cmdi.chained", newline.start(), newline.end())
    leading = _leading(text)
    if leading is not None:
        return Hit("cmdi.command-line", leading.start(), leading.end())
    return None


def scan(text: str) -> Hit | None:
    """The first command injection construct found in ``text`` (already decoded), or None."""
    lowered = text.lower()
    ssi = _SSI.search(text) if "<!--" in text else None
    if ssi is not None:
        return Hit("cmdi.ssi", ssi.start(), ssi.end())
    hit = _command_hit(text, lowered)
    if hit is not None:
        return hit
    for rule, needles, pattern in _PLAIN_RULES:
        match = pattern.search(text) if _has(lowered, needles) else None
        if match is not None:
            return Hit(rule, match.start(), match.end())
    return _scan_variants(text)


def _scan_variants(text: str) -> Hit | None:
    """The text as the shell or the application reads it: quotes, backslashes and empty
    variables dropped from words (``w'h'o'am'i``), written newlines made real."""
    if _has(text, _SPLIT_CHARS) and _SPLIT_WORD.search(text) is not None:
        joined = _SPLIT_WORD.sub("", text)
        hit = _command_hit(joined, joined.lower())
        if hit is not None or joined.strip() in STRONG_COMMANDS:  # w'h'o'am'i
            return Hit("cmdi.obfuscated", 0, min(len(text), hit.end if hit else len(text)))
    if "\\n" in text or "\\r" in text:
        real = _WRITTEN_NEWLINE.sub("\n", text)
        if real != text and _command_hit(real, real.lower()) is not None:
            return Hit("cmdi.chained", 0, min(len(text), 40))
    return None
