"""Demo Atom agent backend: simulated agents publishing posts on Valkey.

Publishes exactly as Atom's AgentEventBus does: each post becomes the envelope
{"topics": [...], "event": {"type": "agent_post", "data": {...}}}, published once to
every channel agent_events:<topic>. Standard library only (speaks RESP itself) so it
runs on any python3 image without pip or network.

Environment: REDIS_URL (redis://[user:pass@]host:port), AGENT_RATE (posts/s, float,
default 2), AGENT_MAX_POSTS (stop publishing after N), PORT (HTTP, default 8000).
"""

import json
import os
import random
import signal
import socket
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

CHANNEL_PREFIX = "agent_events:"
# Above this rate one log line per post would drown the log viewer: summarize instead.
PER_POST_LOG_MAX_RATE = 20.0
SUMMARY_EVERY_S = 5.0
# Ticks at high rates: posts are batched per tick and pipelined.
HIGH_RATE_TICK_S = 0.02
PING_IDLE_S = 1.0
IO_TIMEOUT_S = 2.0

AGENTS = [
    {"id": "agent-orion", "name": "Orion", "category": "research"},
    {"id": "agent-vega", "name": "Vega", "category": "operations"},
    {"id": "agent-lyra", "name": "Lyra", "category": "finance"},
    {"id": "agent-atlas", "name": "Atlas", "category": "security"},
    {"id": "agent-nova", "name": "Nova", "category": "support"},
]

POST_TYPES = [("status", 40), ("insight", 25), ("question", 15), ("alert", 10), ("task", 6), ("result", 4)]

SUBJECTS = [
    "the nightly ingest", "the billing export", "the customer churn model", "the search index",
    "the onboarding funnel", "the EU replica", "the quarterly forecast", "the support backlog",
    "the auth service", "the invoice reconciler", "the recommendation cache", "the vendor API",
]
TEMPLATES = {
    "status": [
        "Finished processing {subject}: {n} records in {s}s.",
        "Checkpoint reached on {subject}; {p}% complete.",
        "Idle, waiting for new work on {subject}.",
        "Resumed {subject} after a short pause; queue depth is {n}.",
    ],
    "insight": [
        "Noticed {subject} latency rises {p}% on Mondays; likely batch contention.",
        "Correlation found: {subject} errors track upstream deploys within {s} minutes.",
        "{subject} could be cached: {p}% of requests repeat within an hour.",
    ],
    "question": [
        "Does anyone own {subject}? I need write access to continue.",
        "Should {subject} retry on 429, or back off until the window resets?",
        "Which threshold do we use for {subject}: {p}% or the old default?",
    ],
    "alert": [
        "{subject} error rate at {p}% over the last {s} minutes.",
        "Disk usage on {subject} host crossed {p}%.",
        "{subject} has not reported for {s} minutes.",
    ],
    "task": [
        "Picking up: reindex {subject} ({n} items).",
        "Scheduled a backfill of {subject} for tonight.",
    ],
    "result": [
        "Backfill of {subject} done: {n} rows fixed, {s} skipped.",
        "Report on {subject} ready: {p}% within target.",
    ],
}


def log(level, message):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    sys.stdout.write(f"{now} {level:<5} {message}\n")


def env_float(name, default):
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0 or value != value:
        log("ERROR", f"environment variable {name}={raw!r} is not a non-negative number")
        sys.exit(2)
    return value


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


def topics_for(post):
    topics = ["global", f"agent:{post['sender_id']}"]
    if post["post_type"] == "alert":
        topics.append("alerts")
    elif post["post_type"] == "question":
        topics.append(f"category:{post['sender_category']}")
    return topics


def make_post(rng, seq):
    agent = rng.choice(AGENTS)
    post_type = rng.choices([t for t, _ in POST_TYPES], weights=[w for _, w in POST_TYPES])[0]
    content = rng.choice(TEMPLATES[post_type]).format(
        subject=rng.choice(SUBJECTS), n=rng.randint(3, 250_000), s=rng.randint(1, 90), p=rng.randint(1, 99)
    )
    return {
        "id": str(uuid.uuid4()),
        "sender_id": agent["id"],
        "sender_name": agent["name"],
        "sender_category": agent["category"],
        "post_type": post_type,
        "content": content[0].upper() + content[1:],
        "created_at": datetime.now(timezone.utc).isoformat(),
        "metadata": {"seq": seq, "source": "demo-backend"},
    }


class Publisher:
    def __init__(self, url, rate, max_posts):
        self.client = Resp(url)
        self.rate = rate
        self.max_posts = max_posts
        self.connected = threading.Event()
        self.stopping = threading.Event()
        self.total = 0
        self.rng = random.Random()

    def run(self):
        backoff = 0.2
        while not self.stopping.is_set():
            try:
                self.client.connect()
            except (OSError, RespError) as exc:
                log("WARN", f"cannot reach Valkey at {self.client.host}:{self.client.port}: {exc}; retry in {backoff:.1f}s")
                self.client.close()
                self.stopping.wait(backoff)
                backoff = min(backoff * 2, 2.0)
                continue
            backoff = 0.2
            self.connected.set()
            log("INFO", f"connected to Valkey at {self.client.host}:{self.client.port}; publishing {self.rate:g} posts/s")
            try:
                self.publish_loop()
            except (OSError, RespError, ValueError) as exc:
                log("ERROR", f"lost Valkey connection: {exc}")
            finally:
                self.connected.clear()
                self.client.close()

    def publish_loop(self):
        per_post_log = self.rate <= PER_POST_LOG_MAX_RATE
        tick = HIGH_RATE_TICK_S if not per_post_log else (1.0 / self.rate if self.rate > 0 else PING_IDLE_S)
        tick = min(tick, PING_IDLE_S)
        credit = 0.0
        last = time.monotonic()
        last_io = last
        window_start, window_count = last, 0
        while not self.stopping.is_set():
            self.stopping.wait(tick)
            now = time.monotonic()
            credit = min(credit + self.rate * (now - last), max(self.rate, 1.0))
            last = now
            count = int(credit)
            if self.max_posts is not None:
                count = min(count, self.max_posts - self.total)
            if count > 0:
                credit -= count
                self.publish_batch(count, per_post_log)
                last_io = now
                window_count += count
            elif now - last_io >= PING_IDLE_S:
                # Idle: PING so a vanished Valkey is noticed (and /health/live says so).
                self.client.call("PING")
                last_io = now
            if not per_post_log and now - window_start >= SUMMARY_EVERY_S:
                elapsed = now - window_start
                log("INFO", f"published {window_count} posts in {elapsed:.1f}s ({window_count / elapsed:.0f}/s), total {self.total}")
                window_start, window_count = now, 0

    def publish_batch(self, count, per_post_log):
        commands = []
        posts = []
        for _ in range(count):
            self.total += 1
            post = make_post(self.rng, self.total)
            topics = topics_for(post)
            payload = json.dumps({"topics": topics, "event": {"type": "agent_post", "data": post}})
            commands.extend(("PUBLISH", CHANNEL_PREFIX + topic, payload) for topic in topics)
            posts.append((post, topics))
        self.client.pipeline(commands)
        if per_post_log:
            for post, topics in posts:
                log("INFO", f"{post['sender_name']} [{post['post_type']}] -> {','.join(topics)}: {post['content']}")
        if self.max_posts is not None and self.total >= self.max_posts and count > 0:
            log("INFO", f"reached AGENT_MAX_POSTS={self.max_posts}; staying connected, publishing nothing more")


def make_handler(publisher):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path in ("/health/live", "/health/ready"):
                up = publisher.connected.is_set()
                self.reply(200 if up else 503, {"status": "ok" if up else "unavailable", "valkey": up})
            elif path == "/":
                self.reply(200, {"service": "atom-demo-backend", "posts": publisher.total, "rate": publisher.rate})
            else:
                self.reply(404, {"error": f"no route {path}"})

        def reply(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
            pass  # health probes every few seconds would bury the agent log lines

    return Handler


def main():
    url = os.environ.get("REDIS_URL", "redis://valkey:6379")
    rate = env_float("AGENT_RATE", 2.0)
    max_raw = os.environ.get("AGENT_MAX_POSTS", "").strip()
    max_posts = None
    if max_raw:
        if not max_raw.isdigit():
            log("ERROR", f"environment variable AGENT_MAX_POSTS={max_raw!r} is not a whole number")
            sys.exit(2)
        max_posts = int(max_raw)
    port = int(env_float("PORT", 8000))
    try:
        publisher = Publisher(url, rate, max_posts)
    except ValueError as exc:
        log("ERROR", str(exc))
        sys.exit(2)

    def on_term(signum, _frame):
        # Nothing to persist: leave at once so `docker stop` never waits for the kill.
        log("INFO", f"received {signal.Signals(signum).name}, exiting")
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    server = ThreadingHTTPServer(("0.0.0.0", port), make_handler(publisher))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    log("INFO", f"demo backend listening on :{port}, Valkey {publisher.client.host}:{publisher.client.port}, {len(AGENTS)} agents")
    publisher.run()


if __name__ == "__main__":
    main()
