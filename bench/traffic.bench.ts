// Traffic pipeline throughput: a separate process publishes BENCH_N messages in Atom's
// format (pipelined, as fast as it can) to a real Valkey; we measure (a) a bare
// PSUBSCRIBE that only counts and (b) the full TrafficMonitor up to its batch output.
// Prints figures; asserts nothing. Targets: ratio >= 0.8, >= 100k msg/s, RSS growth < 150 MB.
//   npm run bench:traffic            (BENCH_N=200000 npm run bench:traffic for a quick run)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { Redis } from 'ioredis';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_N ?? 1_000_000);
const AGENTS = 20;
const PIPELINE = 2000;

/** Child mode: publish N deliveries (N/2 posts, each to global and agent:<id>). */
async function publisher(url: string, n: number): Promise<void> {
  const redis = new Redis(url);
  const head = '{"topics": ["global", "agent:';
  let sent = 0;
  let post = 0;
  process.stdout.write('start\n');
  while (sent < n) {
    const pipe = redis.pipeline();
    for (let k = 0; k < PIPELINE && sent < n; k++, post++) {
      const agent = `agent-${post % AGENTS}`;
      const payload =
        `${head}${agent}"], "event": {"type": "agent_post", "data": {"id": "post-${post}", "sender_id": "${agent}", ` +
        `"sender_name": "Agent ${post % AGENTS}", "sender_category": "worker", "post_type": "update", ` +
        `"content": "progress report number ${post}: all systems nominal, nothing to see here", "created_at": "2026-01-01T00:00:00.000Z"}}}`;
      pipe.publish('agent_events:global', payload);
      sent++;
      if (sent < n) {
        pipe.publish(`agent_events:agent:${agent}`, payload);
        sent++;
      }
    }
    await pipe.exec();
  }
  process.stdout.write(`done ${sent}\n`);
  await redis.quit();
}

function runPublisher(url: string, onStart: () => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/run-ts.mjs'), fileURLToPath(import.meta.url), '--publish', url, String(N)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (s.includes('start')) onStart();
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`publisher exited with ${code}`))));
  });
}

interface Measure {
  rate: number;
  seconds: number;
  count: number;
}

/** Runs the publisher and waits until `count()` reaches N (or stalls 5 s after it ended). */
async function measure(url: string, count: () => number, doneAt: () => number): Promise<Measure> {
  let t0 = 0;
  const published = runPublisher(url, () => (t0 = performance.now()));
  await published;
  let last = count();
  let still = 0;
  while (count() < N && still < 50) {
    await new Promise((r) => setTimeout(r, 100));
    still = count() === last ? still + 1 : 0;
    last = count();
  }
  const seconds = (doneAt() - t0) / 1000;
  return { rate: count() / seconds, seconds, count: count() };
}

async function bare(url: string): Promise<Measure> {
  const sub = new Redis(url);
  let n = 0;
  let t = 0;
  sub.on('pmessageBuffer', () => {
    n++;
    t = performance.now();
  });
  await sub.psubscribe('agent_events:*');
  const m = await measure(
    url,
    () => n,
    () => t,
  );
  sub.disconnect();
  return m;
}

async function pipeline(url: string): Promise<Measure & { kept: number; merged: number; batches: number }> {
  const { TrafficMonitor } = await import('../electron/core/traffic/monitor');
  const monitor = new TrafficMonitor();
  let received = 0;
  let t = 0;
  let batches = 0;
  monitor.onBatch((b) => {
    batches++;
    if (b.counters.received !== received) t = performance.now();
    received = b.counters.received;
  });
  await monitor.connect(url);
  const m = await measure(
    url,
    () => received,
    () => t,
  );
  const c = monitor.counters();
  await monitor.dispose();
  return { ...m, kept: c.kept, merged: c.duplicatesMerged, batches };
}

let phase = 'start';
/** Says where it got stuck instead of hanging silently (engine busy, Valkey unreachable...). */
function watchdog(ms: number): void {
  setTimeout(() => {
    console.error(`traffic bench: no result after ${ms / 1000} s (stuck in: ${phase})`);
    process.exit(1);
  }, ms).unref();
}

async function main(): Promise<void> {
  watchdog(Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000));
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    // rss() alone is cheap; the full breakdown only at a new peak.
    if (process.memoryUsage.rss() > peak) {
      atPeak = process.memoryUsage();
      peak = atPeak.rss;
    }
  }, 50);
  phase = 'fixture images';
  await (await import('../electron/core/testing/fixtures')).loadFixtures();
  const { startValkey } = await import('../electron/core/testing/valkey');
  phase = 'starting Valkey';
  console.error('starting Valkey...');
  const valkey = await startValkey();
  try {
    phase = 'configuring Valkey';
    const admin = new Redis(valkey.url, { maxRetriesPerRequest: 1 });
    // A subscriber slower than the publisher must be buffered, not disconnected.
    await admin.config('SET', 'client-output-buffer-limit', 'pubsub 0 0 0');
    admin.disconnect();
    console.log(`traffic bench: ${N.toLocaleString('en-US')} deliveries (posts to global + agent:<id>), Valkey ${valkey.url}`);
    // The machine may be shared: each side runs ROUNDS times, alternating, best kept.
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
    let a: Measure | null = null;
    let b: Awaited<ReturnType<typeof pipeline>> | null = null;
    const rssBefore = process.memoryUsage().rss;
    let firstRoundPeak = peak;
    let bareRoundPeak = peak;
    for (let round = 1; round <= rounds; round++) {
      phase = `(a) bare PSUBSCRIBE, round ${round}`;
      const ra = await bare(valkey.url);
      console.log(`(a) bare PSUBSCRIBE     : ${fmt(ra.rate)} msg/s  (${ra.count} in ${ra.seconds.toFixed(2)} s)  round ${round}`);
      if (round === 1) bareRoundPeak = peak;
      phase = `(b) monitor pipeline, round ${round}`;
      const rb = await pipeline(valkey.url);
      console.log(
        `(b) monitor pipeline    : ${fmt(rb.rate)} msg/s  (${rb.count} in ${rb.seconds.toFixed(2)} s; ${rb.kept} kept, ${rb.merged} merged, ${rb.batches} batches)  round ${round}`,
      );
      if (round === 1) firstRoundPeak = peak;
      if (!a || ra.rate > a.rate) a = ra;
      if (!b || rb.rate > b.rate) b = rb;
    }
    if (!a || !b) throw new Error('no round ran');
    console.log(`best of ${rounds}: (a) ${fmt(a.rate)} msg/s, (b) ${fmt(b.rate)} msg/s`);
    clearInterval(sampler);
    const ratio = b.rate / a.rate;
    console.log(`ratio (b)/(a)           : ${ratio.toFixed(3)}   target >= 0.8   ${ratio >= 0.8 ? 'OK' : 'BELOW'}`);
    console.log(`pipeline rate           : ${fmt(b.rate)} msg/s   target >= 100,000   ${b.rate >= 100_000 ? 'OK' : 'BELOW'}`);
    const growth = (peak - rss0) / 1048576;
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    console.log(
      `at the RSS peak         : heap used ${mb(atPeak.heapUsed)} MB of ${mb(atPeak.heapTotal)} MB, external ${mb(atPeak.external)} MB (array buffers ${mb(atPeak.arrayBuffers)} MB)`,
    );
    // Judged from the moment Valkey is up and before the first subscriber: what came
    // before is the bench's own container tooling, not traffic. Later rounds start while
    // earlier monitors' buffers may still await a major GC, so round 1 is the figure.
    const traffic = (firstRoundPeak - rssBefore) / 1048576;
    console.log(
      `RSS growth with traffic : ${traffic.toFixed(1)} MB in round 1 (bare (a) alone: ${mb(bareRoundPeak - rssBefore)} MB)   target < 150 MB   ${traffic < 150 ? 'OK' : 'ABOVE'}`,
    );
    console.log(
      `RSS growth, whole run   : ${growth.toFixed(1)} MB from the bench's start (${mb(rssBefore - rss0)} MB of it loading/starting the Valkey container; peak ${mb(peak)} MB)`,
    );
  } finally {
    clearInterval(sampler);
    await valkey.stop();
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

if (process.argv[2] === '--publish') await publisher(process.argv[3] as string, Number(process.argv[4]));
else await main();
process.exit(0);
