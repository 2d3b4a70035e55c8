"""Writes the demo backend's Atom traffic mix for bench:traffic, as JSON lines of
[[channel, ...], payload]: every event unique, serialized as Atom does, with a fifth
of the posts carrying long content so payloads run from about 300 B to 5 KB.
usage: python3 bench/atom-mix.py DELIVERIES OUT_FILE"""
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "resources" / "demo-backend"))
import posts  # noqa: E402

deliveries, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261201)
# activity:* is not on the monitor's default patterns, so it is left out of the mix.
mix = {k: v for k, v in posts.DEFAULT_MIX.items() if k != "activity"}
traffic = posts.Traffic(rng, mix)
plain_text = traffic.text


def text(kind):
    t = plain_text(kind)
    if rng.random() < 0.2:
        t += " " + " ".join(rng.choice(posts.SUBJECTS) for _ in range(rng.randint(20, 230)))
    return t


traffic.text = text
written = 0
sizes = []
copies = 0
with open(out, "w") as f:
    while written < deliveries:
        _kind, _summary, pairs = traffic.next()
        pairs = [(c, p) for c, p in pairs if c.startswith(posts.CHANNEL_PREFIX)]
        if not pairs:
            continue
        payload = pairs[0][1]
        f.write(json.dumps([[c for c, _ in pairs], payload]) + "\n")
        written += len(pairs)
        sizes.append(len(payload.encode()))
        copies += len(pairs)
sizes.sort()
print(json.dumps({"deliveries": written, "events": len(sizes), "p5": sizes[len(sizes) // 20], "max": sizes[-1],
                  "mean": sum(sizes) / len(sizes), "copies": copies / len(sizes)}))
