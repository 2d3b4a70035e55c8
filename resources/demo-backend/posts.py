"""The simulated agents and their posts, shaped like Atom's agent_post events."""

import uuid
from datetime import datetime, timezone

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
