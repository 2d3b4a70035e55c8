// npm run soak — the app left running: SOAK_MINUTES (10) at SOAK_RATE (1,000) posts/s
// from the demo backend with the dashboard open on the Messages tab. Every minute it
// samples the core (RSS, JS heap, event subscribers, live handles) and the page (JS
// heap, event listeners, DOM nodes, live timers). Once the buffer is full every figure
// must level off: the last third of the run may not sit more than 10 % (and a fixed
// floor) above the middle third.
import { chromium, type CDPSession } from '@playwright/test';
import WebSocket from 'ws';
import type { AppDiagnostics } from '../shared/settings';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/target';
import { startServe } from '../e2e/serve-process';
import { createStackEnv, destroyStack } from '../e2e/stack-env';
import { loadFixtures } from '../electron/core/testing/fixtures';
import { buildCli, buildDashboard } from './build';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 1000);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_S ?? 60) * 1000;

/** Counts the page's pending timeouts and live intervals (installed before the app loads). */
const TIMER_PROBE = `(() => {
  const live = new Set();
  const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
  window.setTimeout = (fn, ms, ...a) => { const id = st(() => { live.delete(id); typeof fn === 'function' && fn(...a); }, ms); live.add(id); return id; };
  window.clearTimeout = (id) => { live.delete(id); ct(id); };
  window.setInterval = (fn, ms, ...a) => { const id = si(fn, ms, ...a); live.add(id); return id; };
  window.clearInterval = (id) => { live.delete(id); ci(id); };
  window.__liveTimers = () => live.size;
})()`;

interface Row {
  minute: number;
  coreRssMb: number;
  coreHeapMb: number;
  coreSubscribers: number;
  coreHandles: number;
  messagesKept: number;
  pageHeapMb: number;
  pageListeners: number;
  pageNodes: number;
  pageTimers: number;
}

function coreDiagnostics(url: string): Promise<AppDiagnostics> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`);
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ t: 'cmd', id: 1, name: 'app.diagnostics', input: { collect: true } })));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { t: string; id?: number; result?: { ok: boolean; value: AppDiagnostics } };
      if (m.t !== 'res' || m.id !== 1) return;
      ws.close();
      if (m.result?.ok) resolve(m.result.value);
      else reject(new Error('app.diagnostics failed'));
    });
  });
}

async function pageMetrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const mb = (b: number) => b / 1024 / 1024;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Flat: the last third's mean is within 10 % (or `floor`) of the middle third's. */
/**
 * Middle third against last third. `by` is how a third is summed up: the mean for
 * memory (collected before each sample), the lowest value for counts the page swings
 * between while it renders (DOM nodes and listeners go between about 750 and 1,600 as
 * rows and the detail come and go): a leak raises what is always there, a swing does not.
 */
function verdict(values: number[], floor: number, by: 'mean' | 'min' = 'mean'): { flat: boolean; text: string } {
  const third = Math.max(1, Math.floor(values.length / 3));
  const sum = (xs: number[]) => (by === 'min' ? Math.min(...xs) : mean(xs));
  const middle = sum(values.slice(third, 2 * third));
  const last = sum(values.slice(-third));
  const growth = last - middle;
  const flat = growth <= Math.max(middle * 0.1, floor);
  return { flat, text: `${middle.toFixed(1)} -> ${last.toFixed(1)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)})` };
}

async function main(): Promise<void> {
  buildDashboard();
  buildCli();
  await loadFixtures();
  const stack = await createStackEnv('soak');
  stack.env.AGENT_RATE = String(RATE);
  const up = await stack.cli(['up', '--wait', '--timeout', '120', '-f', stack.file, '-p', stack.project], 180_000);
  if (up.code !== 0) throw new Error(`up failed: ${up.stderr}`);
  // --expose-gc: each sample first collects garbage, so the heap figure is what is held.
  const app = await startServe(stack, ['--expose-gc']);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const rows: Row[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(TIMER_PROBE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(app.url);
    await page.getByRole('tab', { name: /messages/i }).click();
    console.log(`soak: ${MINUTES} min at AGENT_RATE=${RATE} posts/s, dashboard open on Messages, a sample every ${SAMPLE_MS / 1000} s`);
    console.log('   t (s)  core RSS  core heap  subs  handles  kept     page heap  listeners  nodes  timers');
    for (let minute = 1; minute <= MINUTES; minute++) {
      await page.waitForTimeout(SAMPLE_MS);
      // Let the page collect what it can, so the heap figure is what it holds, not garbage.
      await cdp.send('HeapProfiler.collectGarbage');
      const [core, pm, timers] = await Promise.all([
        coreDiagnostics(app.url),
        pageMetrics(cdp),
        page.evaluate('window.__liveTimers()') as Promise<number>,
      ]);
      const row: Row = {
        minute,
        coreRssMb: mb(core.rssBytes),
        coreHeapMb: mb(core.heapUsedBytes),
        coreSubscribers: core.subscribers,
        coreHandles: Object.values(core.resources).reduce((a, b) => a + b, 0),
        messagesKept: core.messagesKept,
        pageHeapMb: mb(pm.JSHeapUsedSize ?? 0),
        pageListeners: pm.JSEventListeners ?? 0,
        pageNodes: pm.Nodes ?? 0,
        pageTimers: timers,
      };
      rows.push(row);
      console.log(
        `${String((minute * SAMPLE_MS) / 1000).padStart(8)}  ${row.coreRssMb.toFixed(0).padStart(5)} MB  ${row.coreHeapMb.toFixed(0).padStart(6)} MB  ${String(row.coreSubscribers).padStart(4)}  ${String(row.coreHandles).padStart(7)}  ${String(row.messagesKept).padStart(6)}  ${row.pageHeapMb.toFixed(1).padStart(7)} MB  ${String(row.pageListeners).padStart(9)}  ${String(row.pageNodes).padStart(5)}  ${String(row.pageTimers).padStart(6)}`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
    await destroyStack(stack);
  }
  const checks: [string, number[], number, ('mean' | 'min')?][] = [
    ['core RSS (MB)', rows.map((r) => r.coreRssMb), 20],
    ['core JS heap (MB)', rows.map((r) => r.coreHeapMb), 10],
    ['core subscribers', rows.map((r) => r.coreSubscribers), 0],
    ['core handles', rows.map((r) => r.coreHandles), 2],
    ['page JS heap (MB)', rows.map((r) => r.pageHeapMb), 5],
    ['page listeners (least)', rows.map((r) => r.pageListeners), 20, 'min'],
    ['page DOM nodes (least)', rows.map((r) => r.pageNodes), 200, 'min'],
    ['page timers', rows.map((r) => r.pageTimers), 2],
  ];
  let allFlat = true;
  console.log('\nmiddle third -> last third (growth):');
  for (const [name, values, floor, by] of checks) {
    const v = verdict(values, floor, by);
    allFlat &&= v.flat;
    console.log(`  ${name.padEnd(24)} ${v.text}  ${v.flat ? 'levels off' : 'GROWS'}`);
  }
  console.log(`soak: ${allFlat ? 'every figure levels off' : 'NOT flat'}`);
  if (!allFlat) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
