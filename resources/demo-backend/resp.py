"""A minimal RESP2 client over a plain socket (no pip in the image)."""

import socket
from urllib.parse import unquote, urlsplit

IO_TIMEOUT_S = 2.0


class RespError(Exception):
    pass


class Resp:
    """A minimal RESP2 client: enough for AUTH, PING and pipelined PUBLISH."""

    def __init__(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("redis", "valkey"):
            raise ValueError(f"REDIS_URL {url!r}: scheme must be redis://")
        self.host = parts.hostname or "localhost"
        self.port = parts.port or 6379
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.sock = None
        self.reader = None

    def connect(self):
        self.sock = socket.create_connection((self.host, self.port), timeout=IO_TIMEOUT_S)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")
        if self.password is not None:
            args = ["AUTH", self.username, self.password] if self.username else ["AUTH", self.password]
            self.call(*args)
        self.call("PING")

    def close(self):
        for closable in (self.reader, self.sock):
            try:
                if closable is not None:
                    closable.close()
            except OSError:
                pass
        self.sock = None
        self.reader = None

    @staticmethod
    def encode(*args):
        out = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(data), data))
        return b"".join(out)

    def read_reply(self):
        line = self.reader.readline()
        if not line.endswith(b"\r\n"):
            raise ConnectionError("connection closed by Valkey")
        kind, rest = line[:1], line[1:-2]
        if kind in (b"+", b":"):
            return rest
        if kind == b"-":
            raise RespError(rest.decode(errors="replace"))
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self.reader.read(size + 2)[:-2]
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.read_reply() for _ in range(size)]
        raise ConnectionError(f"unexpected RESP reply {line!r}")

    def call(self, *args):
        self.sock.sendall(self.encode(*args))
        return self.read_reply()

    def pipeline(self, commands):
        """Send every command at once, then read every reply (one round trip)."""
        self.sock.sendall(b"".join(self.encode(*c) for c in commands))
        return [self.read_reply() for _ in commands]
