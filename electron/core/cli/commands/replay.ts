// `atom-desktop replay`: recorded messages published to Valkey again, each on every
// channel it came on, at the original pacing, ten times faster, or at once. The plan
// (count, channels, time span) is shown first and must be confirmed.
import { createInterface } from 'node:readline/promises';
import { REPLAY_SPEEDS, type ReplayProgress, type ReplaySpeed } from '../../../../shared/history';
import { Replays } from '../../recorder/replay';
import { EXIT } from '../exit-codes';
import { openRecord, recordFile } from '../record-file';
import { SELECTION_OPTIONS, SELECTION_USAGE, selectionOf } from '../record-selection';
import { resolveValkeyUrl } from '../resolve-valkey';
import { COMMON_USAGE, parseStackArgs, UsageError } from '../stack-options';
import { DEFAULT_VALKEY_URL, valkeyUrlOption } from '../valkey-url';

const HELP = `usage: atom-desktop replay ${COMMON_USAGE} [selection] [--ids 3,4,9] [--speed original|x10|max] [--url URL] [--yes]

Publishes recorded messages to Valkey again, in their order, each on every channel it
first arrived on. Shows what it will publish and asks first (--yes skips the question;
without a terminal it is required).
${SELECTION_USAGE}
  --ids LIST       only these recorded messages (ids as history prints them)
  --speed S        original (the recorded pacing, default), x10, or max (at once)
  --url URL        Valkey to publish to (default: the stack's own, as for monitor)
  --yes            do not ask`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseStackArgs(
    'replay',
    argv,
    { ...SELECTION_OPTIONS, ids: { type: 'string' }, speed: { type: 'string' }, url: { type: 'string' }, yes: { type: 'boolean' } },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const filter = selectionOf('replay', values);
  if (filter instanceof UsageError) return usage(filter.message);
  const speed = (values.speed as string | undefined) ?? 'original';
  if (!(REPLAY_SPEEDS as readonly string[]).includes(speed))
    return usage(`atom-desktop replay: --speed must be one of ${REPLAY_SPEEDS.join(', ')}, got '${speed}'`);
  let ids: number[] | undefined;
  if (values.ids !== undefined) {
    ids = String(values.ids)
      .split(',')
      .map((x) => Number(x.trim()));
    if (!ids.length || ids.some((n) => !Number.isInteger(n) || n < 1))
      return usage(`atom-desktop replay: --ids must be record ids separated by commas, got '${String(values.ids)}'`);
  }
  const given = (values.url as string | undefined) ?? process.env.REDIS_URL ?? null;
  const resolved = await resolveValkeyUrl('replay', given, values);
  if (resolved !== null && typeof resolved === 'object') return resolved.exit;
  const url = valkeyUrlOption('replay', resolved ?? DEFAULT_VALKEY_URL);
  if (typeof url !== 'string') return url.exit;

  const db = openRecord('replay', await recordFile(values));
  if (typeof db === 'string') return usage(db);
  try {
    const selection = { ...filter, ...(ids ? { ids } : {}) };
    const plan = db.plan(selection);
    if (plan.count === 0) return usage('atom-desktop replay: no recorded message matches this selection');
    const span = speed === 'max' ? 'at once' : `over about ${Math.ceil(plan.spanMs / (speed === 'x10' ? 10_000 : 1000))} s`;
    console.error(
      `atom-desktop replay: ${plan.count} messages recorded ${new Date(plan.from!).toISOString()} to ${new Date(plan.to!).toISOString()}, to ${url} ${span}, on ${plan.channels.map((c) => `${c.name} (${c.count})`).join(', ')}`,
    );
    if (!values.yes) {
      if (!process.stdin.isTTY) return usage('atom-desktop replay: add --yes to publish without a terminal to confirm in');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await rl.question('Publish them? [y/N] ');
      rl.close();
      if (!/^y(es)?$/i.test(answer.trim())) return EXIT.ok;
    }
    let last: ReplayProgress | null = null;
    let done: (p: ReplayProgress) => void = () => {};
    const ended = new Promise<ReplayProgress>((r) => (done = r));
    const replays = new Replays((p) => {
      last = p;
      if (p.status !== 'running') done(p);
    });
    const { id } = replays.start(
      { range: async (q) => db.rawRange(q.filter, q.afterId, q.limit) },
      url,
      { ...selection, speed: speed as ReplaySpeed },
      plan.count,
    );
    const cancel = (): void => void replays.cancel(id);
    process.once('SIGINT', cancel);
    const ticker = setInterval(() => last && process.stderr.write(`\r${last.sent}/${last.total} published`), 500);
    const end = await ended;
    clearInterval(ticker);
    process.off('SIGINT', cancel);
    console.error(`\ratom-desktop replay: ${end.status}: ${end.sent} of ${end.total} published${end.message ? ` (${end.message})` : ''}`);
    return end.status === 'done' ? EXIT.ok : end.status === 'cancelled' ? EXIT.cancelled : EXIT.failed;
  } finally {
    db.close();
  }
}

function usage(message: string): number {
  console.error(message);
  return EXIT.usage;
}
