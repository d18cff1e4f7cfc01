"""Server-side request forgery: URLs that point a server at itself, its network or its cloud.

:func:`scan` finds the URLs in the text (``scheme://`` and protocol-relative ``//host`` at the
start), takes each host the way a URL parser would (user info dropped, ``[v6]`` brackets, port
and trailing dot removed) and reports: cloud metadata endpoints (AWS, GCP, Azure, Alibaba, the
ECS task endpoint), loopback, private, link-local, unspecified and CGNAT addresses in every
notation ``inet_aton`` accepts (decimal ``2130706433``, hex ``0x7f.1``, octal ``0177.0.0.1``,
short ``127.1``) and IPv6 (also IPv4-mapped ``::ffff:127.0.0.1``), internal names
(``localhost``, ``*.internal``), wildcard-DNS services that resolve to an embedded address
(``127.0.0.1.nip.io``), and schemes a fetcher should never follow (``file``, ``gopher``,
``dict``, ``ldap``, ``jar``, ``phar``...). Metadata addresses and paths are reported even
without a scheme. Linear: one regular expression pass, then constant work per URL.
"""

from __future__ import annotations

import ipaddress
import re

from faasguard.guard.detect._types import Hit

__all__ = ["NEEDLES", "scan"]

#: Substrings (lower case) one of which every rule needs: the engine's gate.
NEEDLES = (
    "//", "\\\\", "169.254", "fd00:ec2", "metadata", "100.100.100.200", "/latest/",
    "/computemetadata", "/metadata/instance", "$aws_container", "/\\", "\\/",
)  # fmt: skip

_URL = re.compile(
    r"(?:(?P<scheme>[a-z][a-z0-9+.-]{0,20}):)?(?P<slashes>[/\\]{2})(?P<authority>[^/\\?#\s\"'<>]{1,300})",
    re.IGNORECASE,
)
_ODD_SCHEMES = frozenset(
    "file gopher dict ldap ldaps ldapi tftp jar netdoc phar expect php zlib glob ogg rar ssh2 "
    "sftp smb nfs rmi iiop corba jndi mailto-smtp telnet redis mysql postgres postgresql "
    "mongodb memcached zookeeper".split()
)
_METADATA_HOSTS = frozenset(
    {
        "169.254.169.254",
        "169.254.170.2",
        "169.254.169.123",
        "fd00:ec2::254",
        "fd00:ec2::23",
        "100.100.100.200",
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.azure.com",
        "192.0.0.192",
    }
)
_INTERNAL_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".intranet", ".lan")
_REBIND_SUFFIXES = (".nip.io", ".xip.io", ".sslip.io", ".localtest.me", ".lvh.me", ".vcap.me")
_METADATA_ANYWHERE = re.compile(
    r"169\.254\.169\.254|169\.254\.170\.2|fd00:ec2::254|metadata\.google\.internal"
    r"|100\.100\.100\.200|/latest/(?:meta-data|user-data|api/token)|/computeMetadata/v1"
    r"|/metadata/instance\?|\$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    re.IGNORECASE,
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_IPV4_CHARS = re.compile(r"[0-9a-fx.]+", re.IGNORECASE)


def _parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """``host`` read as ``inet_aton`` reads it (1 to 4 parts, decimal, 0x hex or 0 octal)."""
    if not host or _IPV4_CHARS.fullmatch(host) is None or host.endswith("."):
        return None
    parts = host.split(".")
    if len(parts) > 4:
        return None
    values: list[int] = []
    for part in parts:
        try:
            if part[:2].lower() == "0x":
                values.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part, 8))
            else:
                values.append(int(part, 10))
        except ValueError:
            return None
    last_bits = 8 * (5 - len(values))
    if any(v > 255 for v in values[:-1]) or values[-1] >= 1 << last_bits:
        return None
    number = 0
    for value in values[:-1]:
        number = (number << 8) | value
    number = (number << last_bits) | values[-1]
    return ipaddress.IPv4Address(number)


def _address_class(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour
        if mapped is not None:
            return _address_class(mapped)
    if str(addr) in _METADATA_HOSTS:
        return "ssrf.metadata"
    if addr.is_loopback:
        return "ssrf.loopback"
    if addr.is_unspecified:
        return "ssrf.unspecified"
    if addr.is_link_local:
        return "ssrf.link-local"
    if addr.is_private or (isinstance(addr, ipaddress.IPv4Address) and addr in _CGNAT):
        return "ssrf.private"
    if addr.is_reserved or addr.is_multicast:
        return "ssrf.reserved"
    return None


def _host_of(authority: str) -> str:
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host[1:]
    if host.count(":") > 1:  # a bare IPv6 address without brackets
        return host
    return host.partition(":")[0].rstrip(".").lower()


def _classify_host(host: str) -> str | None:
    if not host:
        return None
    if host in _METADATA_HOSTS:
        return "ssrf.metadata"
    if host == "localhost" or host.endswith(_INTERNAL_SUFFIXES):
        return "ssrf.internal-name"
    if host.endswith(_REBIND_SUFFIXES):
        return "ssrf.rebinding-dns"
    try:
        return _address_class(ipaddress.IPv6Address(host.partition("%")[0]))
    except ValueError:
        pass
    v4 = _parse_ipv4(host)
    return _address_class(v4) if v4 is not None else None


def scan(text: str) -> Hit | None:
    """The first SSRF target found in ``text`` (already decoded), or None."""
    anywhere = _METADATA_ANYWHERE.search(text)
    if anywhere is not None:
        return Hit("ssrf.metadata", anywhere.start(), anywhere.end())
    for match in _URL.finditer(text):
        scheme = (match.group("scheme") or "").lower()
        if not scheme and match.start() != 0:
            continue
        if scheme in _ODD_SCHEMES:
            return Hit("ssrf.scheme", match.start(), match.end())
        rule = _classify_host(_host_of(match.group("authority")))
        if rule is not None:
            return Hit(rule, match.start(), match.end())
    return None
