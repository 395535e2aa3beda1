"""Where `huddle serve` listens, the address it shares and the pages it lets in: URLs,
hosts and sockets, apart from the server that uses them."""

from __future__ import annotations

import ctypes
import ipaddress
import signal
import socket
import sys
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    """Whether `host` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL as a browser sends it in `Origin`: lower case, the
    scheme's own port left out; "" for what is no such URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, name = parts.scheme.lower(), parts.hostname
    if scheme not in ("http", "https") or not name:
        return ""
    shown = f"{scheme}://{in_url(name)}"
    return shown if port in (None, DEFAULT_PORTS[scheme]) else f"{shown}:{port}"


DEFAULT_PORTS = {"http": 80, "https": 443}


def in_url(host: str) -> str:
    """A host as it stands in a URL: an IPv6 address in brackets."""
    host = host.strip("[]")
    return f"[{host}]" if ":" in host else host


def served_url(host: str, port: int) -> str:
    """The address to share when no --public-url is given. A server on every address
    (0.0.0.0, ::) is reached by this machine's name: "0.0.0.0" opens nothing elsewhere."""
    try:
        every = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        every = False
    name = socket.gethostname() if every else host
    return origin_of(f"http://{in_url(name)}:{port}")


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The pages that may open a session: the served address, and on loopback each name
    of this machine a browser may have used."""
    origins = {origin_of(public_url)}
    if is_loopback(host) and is_loopback(urlsplit(public_url).hostname or ""):
        origins |= {
            origin_of(f"http://{name}:{port}") for name in ("localhost", "127.0.0.1", "[::1]")
        }
    return frozenset(origins)


def needs_token(host: str, public_url: str) -> bool:
    """Anything but loopback on both sides needs the token: a reverse proxy on this machine
    forwards the whole network to a server listening on 127.0.0.1."""
    return not (is_loopback(host) and is_loopback(urlsplit(public_url).hostname or ""))


PR_SET_PDEATHSIG = 1
LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def end_with_parent() -> None:
    """In a tab's process before it starts (Linux): the kernel sends it SIGTERM when the
    server ends, however it ends."""
    if LIBC is not None:
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host` (a name, an IPv4 or an IPv6 address, bracketed or
    not) and `port`; on "::" both IPv6 and IPv4, where the system allows it."""
    name = host.strip("[]") or None
    family, _, _, _, address = socket.getaddrinfo(
        name, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    every = family == socket.AF_INET6 and ipaddress.ip_address(address[0]).is_unspecified
    return socket.create_server(
        address, family=family, dualstack_ipv6=every and socket.has_dualstack_ipv6()
    )
