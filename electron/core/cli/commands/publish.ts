// `atom-desktop publish [--url URL] --topic T... --type T --data JSON`: publishes one
// post exactly as Atom does (one envelope on each topic's channel); prints receivers.
import { EXIT } from '../exit-codes';
import { publishPost } from '../../traffic/publish';
import { parseCommand } from '../parse';
import { valkeyUrlOption } from '../valkey-url';

const HELP = `usage: atom-desktop publish [--url URL] --topic T... [--type T] --data JSON

Publishes {"topics": [...], "event": {"type": T, "data": DATA}} once on every
agent_events:<topic> channel; "id" and "created_at" are filled in when missing.
  --url URL     Valkey (default: $REDIS_URL or redis://127.0.0.1:6379)
  --topic T     a topic, repeatable (e.g. global, agent:<id>, alerts, category:<name>)
  --type T      event type (default: agent_post)
  --data JSON   the event's data, a JSON object`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'publish',
    argv,
    {
      url: { type: 'string' },
      topic: { type: 'string', multiple: true },
      type: { type: 'string' },
      data: { type: 'string' },
    },
    HELP,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const url = valkeyUrlOption('publish', values.url);
  if (typeof url !== 'string') return url.exit;
  const topics = values.topic ?? [];
  if (!topics.length || topics.some((t) => !t.trim())) {
    console.error(`atom-desktop publish: at least one non-empty --topic is needed\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.data === undefined) {
    console.error(`atom-desktop publish: --data JSON is needed\n\n${HELP}`);
    return EXIT.usage;
  }
  let data: unknown;
  try {
    data = JSON.parse(values.data);
  } catch (err) {
    console.error(`atom-desktop publish: --data is not valid JSON: ${(err as Error).message}`);
    return EXIT.usage;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    console.error(
      `atom-desktop publish: --data must be a JSON object, got ${Array.isArray(data) ? 'an array' : typeof data === 'object' ? 'null' : `a ${typeof data}`}`,
    );
    return EXIT.usage;
  }
  const type = values.type ?? 'agent_post';
  if (!type.trim()) {
    console.error('atom-desktop publish: --type must not be empty');
    return EXIT.usage;
  }
  try {
    const r = await publishPost(url, { topics, type, data: data as Record<string, unknown> });
    console.log(`receivers: ${r.receivers}`);
    console.error(`published on ${r.channels.join(', ')}`);
    return EXIT.ok;
  } catch (err) {
    console.error(`atom-desktop publish: ${(err as Error).message}`);
    return EXIT.failed;
  }
}
