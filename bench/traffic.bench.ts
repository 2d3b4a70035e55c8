// bench:traffic — the consumer, not the source. Valkey's pub/sub output buffer is
// unlimited (client-output-buffer-limit pubsub 0 0 0); each subscriber connects, then
// its socket is paused while a separate process publishes the whole backlog: BENCH_N
// deliveries of the demo backend's Atom mix (bench/atom-mix.py: every event kind,
// payloads of about 300 B to 5 KB, 2-3 channel copies per post). Then the socket is
// resumed and the drain is timed. Both sides drain the same backlog:
//   (a) bare ioredis PSUBSCRIBE that only counts (the baseline), and
//   (b) the full TrafficMonitor up to its batch output, and
//   (c) bare ioredis plus one JSON.parse per post (informational: the decode floor).
// For each: deliveries/s, CPU µs per delivery, and CPU busy share of the drain (a side
// near 100 % was bound by its own CPU, not by Valkey or the publisher). Targets:
// (b) >= 0.9 of (a); (b) >= 150,000 deliveries/s; RSS growth < 150 MB with the default cap.
//   npm run bench:traffic            (BENCH_N=200000 npm run bench:traffic for a quick run)
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { getHeapSpaceStatistics } from 'node:v8';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { LIMITS } from '../shared/rules';
import { printReport } from './report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_N ?? 1_000_000);
const PIPELINE = 1000;

type Socketish = { pause(): void; resume(): void };
/** The subscriber's socket (ioredis keeps it as `stream`). */
const socketOf = (redis: Redis): Socketish => (redis as unknown as { stream: Socketish }).stream;

/** Child mode: publish every event of the mix file; prints the deliveries Valkey made and the time. */
async function publisher(url: string, file: string): Promise<void> {
  const redis = new Redis(url);
  // Read as a stream: a million deliveries of the mix is more text than one JS string holds.
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const t0 = performance.now();
  let deliveries = 0;
  let pipe = redis.pipeline();
  let queued = 0;
  const flush = async () => {
    for (const [err, receivers] of (await pipe.exec()) ?? []) if (!err) deliveries += Number(receivers);
    pipe = redis.pipeline();
    queued = 0;
  };
  for await (const line of lines) {
    if (!line) continue;
    const [channels, payload] = JSON.parse(line) as [string[], string];
    for (const c of channels) pipe.publish(c, payload);
    if (++queued >= PIPELINE) await flush();
  }
  await flush();
  process.stdout.write(`${JSON.stringify({ deliveries, seconds: (performance.now() - t0) / 1000 })}\n`);
  await redis.quit();
}

function publish(url: string, file: string): Promise<{ deliveries: number; seconds: number }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/run-ts.mjs'), fileURLToPath(import.meta.url), '--publish', url, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', fail);
    child.once('close', (code) =>
      code === 0 ? ok(JSON.parse(out.trim()) as { deliveries: number; seconds: number }) : fail(new Error(`publisher exited with ${code}`)),
    );
  });
}

interface Drain {
  /** Peak RSS over the drain minus RSS just before it: what the deliveries cost, not the code loaded to take them. */
  rssGrowth: number;
  /** What made up the process at its RSS peak (MB): the V8 heap reserved and used, and buffers outside it. */
  atPeak: { heapTotal: number; heapUsed: number; external: number; spaces: string };
  rate: number;
  seconds: number;
  count: number;
  cpuUsPerMsg: number;
  busy: number;
  source: { deliveries: number; seconds: number };
}

/** Backlog first (socket paused), then the timed drain until `count()` reaches what Valkey delivered. */
async function drain(url: string, file: string, socket: () => Socketish, count: () => number): Promise<Drain> {
  socket().pause();
  const source = await publish(url, file);
  global.gc?.();
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  let atPeak = process.memoryUsage();
  let spacesAtPeak = getHeapSpaceStatistics();
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak) [peak, atPeak, spacesAtPeak] = [m.rss, m, getHeapSpaceStatistics()];
  }, 10);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  socket().resume();
  let last = -1;
  let still = 0;
  while (count() < source.deliveries && still < 100) {
    await new Promise((r) => setTimeout(r, 5));
    still = count() === last ? still + 1 : 0;
    last = count();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const cpuUs = cpu.user + cpu.system;
  const mb = (n: number): number => n / 1048576;
  return {
    rssGrowth: peak - rss0,
    atPeak: {
      heapTotal: mb(atPeak.heapTotal),
      heapUsed: mb(atPeak.heapUsed),
      external: mb(atPeak.external),
      // Which of V8's spaces held the reserve: the young generation's semispaces, or old pages.
      spaces: spacesAtPeak
        .filter((sp) => sp.space_size >= 1048576)
        .map((sp) => `${sp.space_name.replace(/_space$/, '')} ${mb(sp.space_size).toFixed(0)}/${mb(sp.space_used_size).toFixed(0)}`)
        .join(', '),
    },
    rate: count() / seconds,
    seconds,
    count: count(),
    cpuUsPerMsg: cpuUs / count(),
    busy: cpuUs / 1e6 / seconds,
    source,
  };
}

/** A bare ioredis PSUBSCRIBE drained through `onMessage` (which returns nothing, and counts). */
async function bareDrain(url: string, file: string, onMessage: (payload: Buffer) => void): Promise<Drain> {
  const sub = new Redis(url);
  let n = 0;
  sub.on('pmessageBuffer', (_p: Buffer, _c: Buffer, payload: Buffer) => {
    n++;
    onMessage(payload);
  });
  await sub.psubscribe('agent_events:*');
  const d = await drain(
    url,
    file,
    () => socketOf(sub),
    () => n,
  );
  sub.disconnect();
  return d;
}

const bare = (url: string, file: string): Promise<Drain> => bareDrain(url, file, () => undefined);

/**
 * (c) bare ioredis plus one JSON.parse of each payload that is not a copy of one of the
 * last two (copies arrive back to back): the floor for any consumer that reads what
 * the messages say. Not a target; it shows how much of (a)'s rate decoding alone costs.
 */
async function parseFloor(url: string, file: string): Promise<Drain> {
  let last: Buffer[] = [];
  let sink = 0;
  const d = await bareDrain(url, file, (payload) => {
    if (last.some((b) => b.equals(payload))) return;
    last = [Buffer.from(payload), last[0] ?? Buffer.alloc(0)];
    sink += (JSON.parse(payload.toString('utf8')) as { topics?: unknown[] }).topics?.length ?? 0;
  });
  if (sink < 0) throw new Error('unreachable: keeps the parse from being optimized away');
  return d;
}

async function pipeline(url: string, file: string): Promise<Drain & { kept: number; merged: number; batches: number }> {
  const { TrafficMonitor } = await import('../electron/core/traffic/monitor');
  const monitor = new TrafficMonitor();
  let received = 0;
  let batches = 0;
  // Batches as the app's host takes them (create-core): the newest of a flood.
  monitor.onBatch(
    (b) => {
      batches++;
      received = b.counters.received;
    },
    { maxItems: LIMITS.liveItemsPerBatch },
  );
  await monitor.connect(url);
  // The monitor's subscriber connection: the bench pauses it like the bare one.
  const sub = (monitor as unknown as { sub: { redis: Redis } }).sub.redis;
  const d = await drain(
    url,
    file,
    () => socketOf(sub),
    () => received,
  );
  const c = monitor.counters();
  await monitor.dispose();
  return { ...d, kept: c.kept, merged: c.duplicatesMerged, batches };
}

let phase = 'start';
function watchdog(ms: number): void {
  setTimeout(() => {
    console.error(`traffic bench: no result after ${ms / 1000} s (stuck in: ${phase})`);
    process.exit(1);
  }, ms).unref();
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  watchdog(Number(process.env.BENCH_TIMEOUT_MS ?? 20 * 60_000));
  phase = 'writing the Atom mix';
  const file = join(tmpdir(), `atom-bench-mix-${N}.jsonl`);
  const mix = JSON.parse(
    execFileSync('python3', [resolve(ROOT, 'bench/atom-mix.py'), String(N), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    }),
  ) as { events: number; p5: number; max: number; mean: number; copies: number };
  phase = 'fixture images';
  await (await import('../electron/core/testing/fixtures')).loadFixtures();
  const { startValkey } = await import('../electron/core/testing/valkey');
  phase = 'starting Valkey';
  const valkey = await startValkey();
  try {
    const admin = new Redis(valkey.url, { maxRetriesPerRequest: 1 });
    // The backlog waits in Valkey's output buffer for the paused subscriber.
    await admin.config('SET', 'client-output-buffer-limit', 'pubsub 0 0 0');
    admin.disconnect();
    console.log(
      `traffic bench: ${fmt(N)} deliveries of the Atom mix: ${fmt(mix.events)} events, payloads ${mix.p5} B (5th pct) to ${mix.max} B (max), mean ${fmt(mix.mean)} B, ${mix.copies.toFixed(2)} channel copies per event`,
    );
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
    let a: Drain | null = null;
    let c: Drain | null = null;
    let b: Awaited<ReturnType<typeof pipeline>> | null = null;
    const growths: { a: number; b: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      phase = `(a) bare ioredis, round ${round}`;
      const ra = await bare(valkey.url, file);
      console.log(
        `(a) bare ioredis   : ${fmt(ra.rate)}/s  ${ra.cpuUsPerMsg.toFixed(2)} µs CPU each, CPU busy ${(ra.busy * 100).toFixed(0)} %, RSS +${fmt(ra.rssGrowth / 1048576)} MB  (${fmt(ra.count)} in ${ra.seconds.toFixed(2)} s)  source: published at ${fmt(ra.source.deliveries / ra.source.seconds)}/s, then drained from the backlog  round ${round}`,
      );
      phase = `(c) bare ioredis + JSON.parse, round ${round}`;
      const rc = await parseFloor(valkey.url, file);
      console.log(
        `(c) bare + parse   : ${fmt(rc.rate)}/s  ${rc.cpuUsPerMsg.toFixed(2)} µs CPU each, CPU busy ${(rc.busy * 100).toFixed(0)} %  (one JSON.parse per unique payload, nothing kept)  round ${round}`,
      );
      if (!c || rc.rate > c.rate) c = rc;
      phase = `(b) monitor pipeline, round ${round}`;
      const rb = await pipeline(valkey.url, file);
      console.log(
        `(b) monitor        : ${fmt(rb.rate)}/s  ${rb.cpuUsPerMsg.toFixed(2)} µs CPU each, CPU busy ${(rb.busy * 100).toFixed(0)} %, RSS +${fmt(rb.rssGrowth / 1048576)} MB (at its peak: V8 heap ${fmt(rb.atPeak.heapTotal)} MB reserved, ${fmt(rb.atPeak.heapUsed)} MB used [${rb.atPeak.spaces}]; buffers ${fmt(rb.atPeak.external)} MB)  (${fmt(rb.count)} in ${rb.seconds.toFixed(2)} s; ${fmt(rb.kept)} kept, ${fmt(rb.merged)} copies merged, ${rb.batches} batches)  round ${round}`,
      );
      growths.push({ a: ra.rssGrowth, b: rb.rssGrowth });
      if (!a || ra.rate > a.rate) a = ra;
      if (!b || rb.rate > b.rate) b = rb;
    }
    if (!a || !b || !c) throw new Error('no round ran');
    console.log(`best of ${rounds}: (a) ${fmt(a.rate)}/s, (b) ${fmt(b.rate)}/s`);
    console.log(
      `not bounded by the source: the backlog was complete in Valkey before each drain began; each side's CPU was busy for most of its drain (a ${(a.busy * 100).toFixed(0)} %, b ${(b.busy * 100).toFixed(0)} %)`,
    );
    printReport('traffic', [
      { figure: 'source: publish rate (then drained from the backlog)', unit: '/s', ours: a.source.deliveries / a.source.seconds },
      {
        figure: 'deliveries/s, pipeline vs bare ioredis',
        unit: '/s',
        ours: b.rate,
        baseline: a.rate,
        target: { on: 'ratio', op: '>=', value: 0.9 },
      },
      { figure: 'pipeline rate', unit: '/s', ours: b.rate, target: { on: 'ours', op: '>=', value: 150_000 } },
      { figure: 'CPU per delivery, pipeline vs bare', unit: 'µs', ours: b.cpuUsPerMsg, baseline: a.cpuUsPerMsg },
      { figure: 'floor: bare ioredis + one JSON.parse per post, vs bare', unit: '/s', ours: c.rate, baseline: a.rate },
      { figure: 'pipeline vs that floor', unit: '/s', ours: b.rate, baseline: c.rate },
      {
        figure: `RSS growth over ${fmt(N)} deliveries, default cap (vs bare)`,
        unit: 'MB',
        // The largest of the rounds: memory is not a best-of figure.
        ours: Math.max(...growths.map((g) => g.b)) / 1048576,
        baseline: Math.max(...growths.map((g) => g.a)) / 1048576,
        target: { on: 'ours', op: '<', value: 150 },
      },
    ]);
  } finally {
    await valkey.stop();
  }
}

if (process.argv[2] === '--publish') await publisher(process.argv[3] as string, process.argv[4] as string);
else await main();
process.exit(0);
