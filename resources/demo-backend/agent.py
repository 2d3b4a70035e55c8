"""Demo Atom agent backend: simulated agents and people publishing on Valkey.

Publishes exactly as Atom's AgentEventBus does: each event becomes the envelope
{"topics": [...], "event": {...}}, serialized by json.dumps with its defaults and
published once to every channel agent_events:<topic>, in topic order. All four event
kinds (agent_post, reaction_added, channel_created, graduation_milestone) and the
activity:<tenant>:<agent> / activity:<tenant>:all channels (see posts.py). Standard
library only (speaks RESP itself) so it runs on any python3 image without pip or network.

Environment: REDIS_URL (redis://[user:pass@]host:port), AGENT_RATE (events/s, float,
default 2), AGENT_MAX_POSTS (stop publishing after N events), AGENT_MIX (kind=weight,...;
default: every kind, see posts.py), AGENT_FALLBACK=memory (while Valkey is unreachable,
stay healthy on in-memory delivery, as Atom's backend does), PORT (HTTP, default 8000).
"""

import json
import os
import random
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from posts import AGENTS, Traffic, parse_mix
from resp import Resp, RespError

# Above this rate one log line per post would drown the log viewer: summarize instead.
PER_POST_LOG_MAX_RATE = 20.0
SUMMARY_EVERY_S = 5.0
# Ticks at high rates: posts are batched per tick and pipelined.
HIGH_RATE_TICK_S = 0.02
PING_IDLE_S = 1.0

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

class Publisher:
    def __init__(self, url, rate, max_posts, mix, fallback=False):
        self.client = Resp(url)
        self.fallback = fallback
        self.rate = rate
        self.max_posts = max_posts
        self.connected = threading.Event()
        self.stopping = threading.Event()
        self.total = 0
        self.rng = random.Random()
        self.traffic = Traffic(self.rng, mix)

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
        events = []
        for _ in range(count):
            self.total += 1
            kind, summary, pairs = self.traffic.next()
            commands.extend(("PUBLISH", channel, payload) for channel, payload in pairs)
            events.append((kind, summary, pairs))
        self.client.pipeline(commands)
        if per_post_log:
            for kind, summary, pairs in events:
                channels = ",".join(dict.fromkeys(channel for channel, _ in pairs))
                log("INFO", f"[{kind}] {summary} -> {channels}")
        if self.max_posts is not None and self.total >= self.max_posts and count > 0:
            log("INFO", f"reached AGENT_MAX_POSTS={self.max_posts}; staying connected, publishing nothing more")

def make_handler(publisher):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path in ("/health/live", "/health/ready"):
                up = publisher.connected.is_set()
                if not up and publisher.fallback:
                    # As Atom's backend does: keep running on in-memory delivery and report healthy.
                    self.reply(200, {"status": "ok", "valkey": False, "delivery": "in-memory"})
                else:
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
        mix = parse_mix(os.environ.get("AGENT_MIX", ""))
    except ValueError as exc:
        log("ERROR", f"environment variable AGENT_MIX: {exc}")
        sys.exit(2)
    try:
        fallback = os.environ.get("AGENT_FALLBACK", "").strip()
        if fallback not in ("", "memory"):
            log("ERROR", f"environment variable AGENT_FALLBACK={fallback!r} must be 'memory' or empty")
            sys.exit(2)
        publisher = Publisher(url, rate, max_posts, mix, fallback == "memory")
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
