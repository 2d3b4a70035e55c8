// `atom-desktop monitor [--url URL] [--pattern P]... [--json] [--count N]`: one decoded,
// de-duplicated agent message per line, from Valkey pub/sub.
import { EXIT } from '../exit-codes';
import type { AgentMessage } from '../../../../shared/traffic';
import { parsedPayload } from '../../traffic/detail';
import { MergedStream, type CompleteMessage } from '../../traffic/merged-stream';
import { DEFAULT_PATTERNS } from '../../traffic/monitor';
import { openSubscriber } from '../../traffic/subscribe';
import { parseCommand } from '../parse';
import { resolveValkeyUrl } from '../resolve-valkey';
import { DEFAULT_VALKEY_URL, valkeyUrlOption } from '../valkey-url';

const HELP = `usage: atom-desktop monitor [--url URL] [-f FILE]... [-p NAME] [--pattern P]... [--json] [--count N]

Prints agent messages published on Valkey pub/sub, one per line; the copies Atom
publishes on each topic's channel are merged into one line listing every channel.
  --url URL        Valkey to watch (default: $REDIS_URL, else the stack's own Valkey
                   when it runs, else redis://127.0.0.1:6379). A URL naming a service
                   of the stack (redis://valkey:6379) uses its published host port.
  -f, -p           the stack, as for the other commands (default: docker-compose-personal.yml)
  --pattern P      PSUBSCRIBE pattern, repeatable (default: agent_events:*)
  --json           one JSON object per line: the message plus its parsed payload
  --count N        exit 0 after N messages`;

/** One line per message: time, kind, the summary a person reads, and every channel it came on. */
export function formatLine(m: AgentMessage): string {
  const time = new Date(m.receivedAt).toISOString().slice(11, 23);
  const what =
    m.kind === 'atom' ? [m.eventType ?? '-', m.postType, m.visibility === 'direct' ? 'direct' : null].filter(Boolean).join('/') : m.kind;
  return `${time}  ${what}  ${m.preview}  [${m.channels.join(' ')}]`;
}

export function jsonLine(c: CompleteMessage): string {
  return JSON.stringify({ ...c.message, payload: parsedPayload(c.message, c.payload) });
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    'monitor',
    argv,
    {
      url: { type: 'string' },
      file: { type: 'string', short: 'f', multiple: true },
      'env-file': { type: 'string' },
      'project-name': { type: 'string', short: 'p' },
      pattern: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      count: { type: 'string' },
    },
    HELP,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  const given = values.url ?? process.env.REDIS_URL ?? null;
  if (given !== null) {
    const checked = valkeyUrlOption('monitor', given);
    if (typeof checked !== 'string') return checked.exit;
  }
  const resolved = await resolveValkeyUrl('monitor', given, values);
  if (resolved !== null && typeof resolved === 'object') return resolved.exit;
  const url = valkeyUrlOption('monitor', resolved ?? DEFAULT_VALKEY_URL);
  if (typeof url !== 'string') return url.exit;
  let count = Infinity;
  if (values.count !== undefined) {
    if (!/^\d+$/.test(values.count) || Number(values.count) < 1) {
      console.error(`atom-desktop monitor: --count must be a positive whole number, got '${values.count}'`);
      return EXIT.usage;
    }
    count = Number(values.count);
  }
  const patterns = values.pattern?.length ? values.pattern : [...DEFAULT_PATTERNS];
  const asJson = !!values.json;

  let printed = 0;
  let shardsSaid = false;
  let how = '';
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stream = new MergedStream(patterns, (c) => {
    if (printed >= count) return;
    process.stdout.write(`${asJson ? jsonLine(c) : formatLine(c.message)}\n`);
    if (++printed >= count) finish(0);
  });
  const sub = await openSubscriber(url, patterns, {
    message: (channel, payload) => stream.ingest(channel.toString(), payload),
    state: (s) => {
      if (s.status === 'reconnecting' && s.attempt === 1) console.error(`atom-desktop monitor: lost ${url} (${s.reason}); reconnecting...`);
      if (s.status === 'subscribed')
        how = s.mode === 'cluster' ? ' (a cluster: every shard)' : s.mode === 'sentinel' ? ` (via Sentinel: master ${s.node ?? '?'})` : '';
      if (s.status === 'subscribed' && s.shardChannels?.length && !shardsSaid) {
        shardsSaid = true;
        console.error(`atom-desktop monitor: following ${s.shardChannels.length} sharded channels on their shards`);
      }
    },
    gap: (from, to) =>
      console.error(`atom-desktop monitor: reconnected; messages published during ${((to - from) / 1000).toFixed(1)} s were lost`),
  });
  const ticker = setInterval(() => stream.tick(), 200);
  const onSignal = (): void => {
    stream.flush();
    finish(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await sub.start();
  } catch (err) {
    console.error(`atom-desktop monitor: ${(err as Error).message}`);
    await sub.stop();
    clearInterval(ticker);
    return EXIT.failed;
  }
  console.error(`atom-desktop monitor: subscribed to ${patterns.join(', ')} on ${url}${how}`);
  const code = await finished;
  clearInterval(ticker);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await sub.stop();
  return code;
}
