"""Simulated Atom traffic, in the shapes Atom's AgentEventBus and backend publish.

Each call of Traffic.next() returns one event as a list of (channel, payload) pairs:
the same payload string on every channel it goes to, serialized by json.dumps with
its defaults (", " and ": " separators, non-ASCII escaped as \\uXXXX), as Atom does.

Kinds (AGENT_MIX weights them, e.g. "post=60,direct=10"):
  post             public agent_post from an agent, every post type
  direct           direct message (is_public false, recipient set), from a human or an agent
  reply            agent_post with post_type response
  channel          agent_post in a channel (channel_id, channel_name)
  reaction         reaction_added on an earlier post (topics post:<id>, global)
  channel_created  channel_created (topic global)
  graduation       a graduation_system announcement post, then graduation_milestone
  activity         plain JSON on activity:<tenant>:<agent> and activity:<tenant>:all
"""

import json
import uuid
from datetime import datetime, timezone

CHANNEL_PREFIX = "agent_events:"
TENANT = "tenant-demo"

AGENTS = [
    {"id": "agent-ops", "name": "Ops Watcher", "category": "operations", "maturity": "SUPERVISED"},
    {"id": "agent-sales", "name": "Sales Assistant", "category": "sales", "maturity": "INTERN"},
    {"id": "agent-research", "name": "Research Analyst", "category": "research", "maturity": "AUTONOMOUS"},
    {"id": "agent-finance", "name": "Finance Bot", "category": "finance", "maturity": "STUDENT"},
    {"id": "agent-support", "name": "Support Triage", "category": "support", "maturity": "SUPERVISED"},
]
HUMANS = [{"id": "user-alice", "name": "Alice"}, {"id": "user-bob", "name": "Bob"}]
SYSTEM = {"id": "graduation_system", "name": "Graduation System"}
CHANNELS = [("c-eng", "engineering", "Engineering"), ("c-sales", "sales-team", "Sales Team"), ("c-ops", "ops-war-room", "Ops War Room")]
MATURITY = ["STUDENT", "INTERN", "SUPERVISED", "AUTONOMOUS"]
EMOJI = ["\U0001F44D", "\U0001F389", "\U0001F440", "\u2705", "\U0001F525"]

POST_TYPES = [("status", 30), ("insight", 20), ("question", 12), ("alert", 10), ("command", 6), ("announcement", 6), ("task", 8)]

SUBJECTS = [
    "the nightly ingest", "the billing export", "the churn model", "the search index",
    "the onboarding funnel", "the EU replica", "the quarterly forecast", "the support backlog",
    "the auth service", "the invoice reconciler", "worker-3", "the vendor API",
]
TEMPLATES = {
    "status": ["Finished processing {subject}: {n} records in {s}s.", "Checkpoint reached on {subject}; {p}% complete.",
               "Resumed {subject} after a short pause; queue depth is {n}."],
    "insight": ["Noticed {subject} latency rises {p}% on Mondays; likely batch contention.",
                "{subject} could be cached: {p}% of requests repeat within an hour."],
    "question": ["Does anyone own {subject}? I need write access to continue.",
                 "Should {subject} retry on 429, or back off until the window resets?"],
    "alert": ["Disk usage on {subject} at {p}%.", "{subject} error rate at {p}% over the last {s} minutes."],
    "command": ["Run a full reindex of {subject} tonight.", "Pause {subject} until the audit is done."],
    "announcement": ["{subject} moves to the new cluster on Friday.", "New runbook for {subject} is live."],
    "task": ["Picking up: reindex {subject} ({n} items).", "Scheduled a backfill of {subject}."],
    "response": ["Done: {subject} is back to normal.", "Looking into {subject} now \u2014 ETA {s} minutes.",
                 "Confirmed, {subject} looks healthy (\u2713 {p}% within target)."],
    "direct": ["Please draft the renewal email for {subject}.", "Can you check {subject} before the call?",
               "Heads-up: {subject} needs your review."],
}

KINDS = ["post", "direct", "reply", "channel", "reaction", "channel_created", "graduation", "activity"]
DEFAULT_MIX = {"post": 50, "direct": 10, "reply": 10, "channel": 8, "reaction": 10, "channel_created": 2, "graduation": 2, "activity": 8}


def parse_mix(raw):
    """AGENT_MIX "kind=weight,..." -> weights; ValueError naming what is wrong."""
    if not raw.strip():
        return dict(DEFAULT_MIX)
    mix = {}
    for part in raw.split(","):
        name, sep, weight = part.strip().partition("=")
        if name not in KINDS:
            raise ValueError(f"unknown kind {name!r} (kinds: {', '.join(KINDS)})")
        try:
            value = float(weight) if sep else 1.0
        except ValueError:
            raise ValueError(f"weight of {name!r} is not a number: {weight!r}") from None
        if value < 0:
            raise ValueError(f"weight of {name!r} is negative")
        mix[name] = value
    if sum(mix.values()) <= 0:
        raise ValueError("every weight is zero")
    return mix


def dumps(value):
    # Atom's backend uses json.dumps with its defaults: keep them (no separators, no ensure_ascii).
    return json.dumps(value)


def now_iso(rng):
    stamp = datetime.now(timezone.utc)
    # Older Atom versions send created_at without a zone (meaning UTC), newer ones with +00:00.
    return stamp.isoformat() if rng.random() < 0.5 else stamp.replace(tzinfo=None).isoformat()


def topics_for(data):
    topics = ["global", f"agent:{data['sender_id']}"]
    if data["post_type"] == "alert":
        topics.append("alerts")
    elif data["post_type"] == "question" and data.get("sender_category"):
        topics.append(f"category:{data['sender_category']}")
    return topics


class Traffic:
    def __init__(self, rng, mix=None):
        self.rng = rng
        self.mix = mix or dict(DEFAULT_MIX)
        self.kinds = [k for k in KINDS if self.mix.get(k, 0) > 0]
        self.weights = [self.mix[k] for k in self.kinds]
        self.recent = []  # (post id, sender name, reactions) of earlier posts, newest last
        self.seq = 0
        self.maturity = {a["id"]: a["maturity"] for a in AGENTS}

    def text(self, kind):
        r = self.rng
        content = r.choice(TEMPLATES[kind]).format(subject=r.choice(SUBJECTS), n=r.randint(3, 250_000), s=r.randint(1, 90), p=r.randint(1, 99))
        return content[0].upper() + content[1:]

    def post_data(self, sender, sender_type, post_type, content, **extra):
        newer = self.rng.random() < 0.5
        data = {
            "id": str(uuid.uuid4()),
            "sender_type": sender_type,
            "sender_id": sender["id"],
            "sender_name": sender["name"],
            "sender_maturity": self.maturity.get(sender["id"]),
            "sender_category": sender.get("category"),
            "recipient_type": None,
            "recipient_id": None,
            "is_public": True,
            "channel_id": None,
            "channel_name": None,
            "post_type": post_type,
            "content": content,
            "mentioned_agent_ids": [],
            "mentioned_user_ids": [],
            "mentioned_episode_ids": [],
            "mentioned_task_ids": [],
            "reactions": [] if newer else {},
            "reply_count": 0,
            "auto_generated": sender_type != "human",
            "created_at": now_iso(self.rng),
        }
        if newer:
            data["tenant_id"] = TENANT
        data.update(extra)
        return data

    def envelope(self, topics, event):
        payload = dumps({"topics": topics, "event": event})
        return [(CHANNEL_PREFIX + t, payload) for t in topics]

    def agent_post(self, data):
        self.recent.append((data["id"], data["sender_name"], {}))
        del self.recent[:-200]
        return self.envelope(topics_for(data), {"type": "agent_post", "data": data})

    def next(self):
        """One event: (kind, summary for the log, [(channel, payload), ...])."""
        self.seq += 1
        kind = self.rng.choices(self.kinds, weights=self.weights)[0]
        if kind == "reaction" and not self.recent:
            kind = "post"
        return getattr(self, f"make_{kind}")()

    def make_post(self):
        agent = self.rng.choice(AGENTS)
        post_type = self.rng.choices([t for t, _ in POST_TYPES], weights=[w for _, w in POST_TYPES])[0]
        mentions = [self.rng.choice(AGENTS)["id"]] if self.rng.random() < 0.2 else []
        data = self.post_data(agent, "agent", post_type, self.text(post_type), mentioned_agent_ids=mentions)
        return "post", f"{agent['name']} [{post_type}]: {data['content']}", self.agent_post(data)

    def make_direct(self):
        recipient = self.rng.choice(AGENTS)
        if self.rng.random() < 0.6:
            sender, sender_type = self.rng.choice(HUMANS), "human"
        else:
            sender, sender_type = self.rng.choice([a for a in AGENTS if a is not recipient]), "agent"
        data = self.post_data(sender, sender_type, "command", self.text("direct"), is_public=False, recipient_type="agent", recipient_id=recipient["id"])
        return "direct", f"{sender['name']} -> {recipient['name']} (direct): {data['content']}", self.agent_post(data)

    def make_reply(self):
        agent = self.rng.choice(AGENTS)
        data = self.post_data(agent, "agent", "response", self.text("response"))
        return "reply", f"{agent['name']} [response]: {data['content']}", self.agent_post(data)

    def make_channel(self):
        agent = self.rng.choice(AGENTS)
        channel_id, channel_name, _ = self.rng.choice(CHANNELS)
        data = self.post_data(agent, "agent", "status", self.text("status"), channel_id=channel_id, channel_name=channel_name)
        return "channel", f"{agent['name']} in #{channel_name}: {data['content']}", self.agent_post(data)

    def make_reaction(self):
        post_id, author, counts = self.rng.choice(self.recent[-50:])
        sender = self.rng.choice(HUMANS + AGENTS)
        emoji = self.rng.choice(EMOJI)
        counts[emoji] = counts.get(emoji, 0) + 1
        # Older versions send reactions as {emoji: count}, newer ones as a list.
        reactions = dict(counts) if self.rng.random() < 0.5 else [{"emoji": e, "count": n} for e, n in counts.items()]
        event = {"type": "reaction_added", "post_id": post_id, "sender_id": sender["id"], "emoji": emoji, "reactions": reactions}
        return "reaction", f"{emoji} by {sender['name']} on a post by {author}", self.envelope([f"post:{post_id}", "global"], event)

    def make_channel_created(self):
        n = self.seq
        name = f"project-{n}"
        event = {"type": "channel_created", "channel_id": f"c-{n}", "channel_name": name, "display_name": f"Project {n}"}
        return "channel_created", f"channel #{name} created", self.envelope(["global"], event)

    def make_graduation(self):
        agent = self.rng.choice(AGENTS)
        before = self.maturity[agent["id"]]
        after = MATURITY[min(MATURITY.index(before) + 1, len(MATURITY) - 1)] if before != MATURITY[-1] else MATURITY[1]
        self.maturity[agent["id"]] = after
        content = f"{agent['name']} graduated from {before} to {after}."
        data = self.post_data(dict(SYSTEM), "system", "announcement", content)
        pairs = self.agent_post(data)
        event = {
            "type": "graduation_milestone",
            "agent_id": agent["id"],
            "agent_name": agent["name"],
            "from_maturity": before,
            "to_maturity": after,
            "post_id": data["id"],
            "timestamp": datetime.now(timezone.utc).replace(tzinfo=None).isoformat(),
        }
        return "graduation", f"{agent['name']} graduated {before} -> {after}", pairs + self.envelope(["global", "alerts"], event)

    def make_activity(self):
        agent = self.rng.choice(AGENTS)
        action = self.rng.choice(["tool_call", "thinking", "completed"])
        body = {"type": action, "agent_id": agent["id"], "agent_name": agent["name"], "tenant_id": TENANT,
                "description": self.text("status"), "timestamp": datetime.now(timezone.utc).isoformat()}
        payload = dumps(body)
        channels = [f"activity:{TENANT}:{agent['id']}", f"activity:{TENANT}:all"]
        return "activity", f"{agent['name']} activity {action}", [(c, payload) for c in channels]
