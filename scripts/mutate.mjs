#!/usr/bin/env node
// `npm run test:mutate`: a small, fixed mutation check. Each mutation breaks one rule
// in a key module (the dedupe, the coalescer, server security and client isolation,
// the shared state rules, the menu); the named unit tests must then fail. A mutation the suite does
// not catch fails this script. Sources are restored after each run, and on any exit.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export const MUTATIONS = [
  {
    name: 'dedupe: payloads of the same size count as equal',
    file: 'electron/core/traffic/dedupe.ts',
    from: '  if (!bytes) return false;\n  return bytes.length === payload.length',
    to: '  if (!bytes) return false;\n  return true;\n  return bytes.length === payload.length',
    tests: ['electron/core/traffic/dedupe.test.ts'],
  },
  {
    name: 'dedupe: windows never close',
    file: 'electron/core/traffic/dedupe.ts',
    from: '(this.queue[this.head] as Entry<T>).at <= limit',
    to: '(this.queue[this.head] as Entry<T>).at <= limit - 1e12',
    tests: ['electron/core/traffic/dedupe.test.ts'],
  },
  {
    name: 'coalescer: the trim keeps the oldest progress events',
    file: 'electron/core/app/coalescer.ts',
    from: 'this.progress = this.progress.slice(-MAX_PROGRESS);',
    to: 'this.progress = this.progress.slice(0, MAX_PROGRESS);',
    tests: ['electron/core/app/coalescer.test.ts'],
  },
  {
    name: 'coalescer: a batch carries the oldest log lines',
    file: 'electron/core/app/coalescer.ts',
    from: 'payload: this.logs.slice(-MAX_LOG_LINES) });',
    to: 'payload: this.logs.slice(0, MAX_LOG_LINES) });',
    tests: ['electron/core/app/coalescer.test.ts'],
  },
  {
    name: 'server security: Host is not checked for the port',
    file: 'electron/core/server/security.ts',
    from: 'return isLoopbackHost(m[1]!) && Number(m[2] ?? 80) === port;',
    to: 'return isLoopbackHost(m[1]!);',
    tests: ['electron/core/server/security.test.ts'],
  },
  {
    name: 'server security: Origin is not checked for the port',
    file: 'electron/core/server/security.ts',
    from: 'isLoopbackHost(u.hostname) && Number(u.port || 80) === port;',
    to: 'isLoopbackHost(u.hostname);',
    tests: ['electron/core/server/security.test.ts'],
  },
  {
    name: 'server security: a token prefix is accepted',
    file: 'electron/core/server/security.ts',
    from: 'return a.length === b.length && timingSafeEqual(a, b);',
    to: 'return b.length > 0 && a.subarray(0, b.length).equals(b);',
    tests: ['electron/core/server/security.test.ts'],
  },
  {
    name: 'server isolation: a client that stops reading is never dropped',
    file: 'electron/core/server/client-channel.ts',
    from: 'const MAX_UNSENT_BYTES = LIMITS.clientUnsentBytes;',
    to: 'const MAX_UNSENT_BYTES = Infinity;',
    tests: ['electron/core/server/web-server.test.ts'],
  },
  {
    name: "server isolation: a client's protocol error is not handled",
    file: 'electron/core/server/web-server.ts',
    from: "ws.on('error', (err) => console.error(`atom-desktop serve: client closed: ${err.message}`));",
    to: '',
    tests: ['electron/core/server/web-server.test.ts'],
  },
  {
    name: 'state rules: a paused service does not count as up',
    file: 'shared/rules.ts',
    from: "'unhealthy', 'restarting', 'paused']);",
    to: "'unhealthy', 'restarting']);",
    tests: ['shared/rules.test.ts', 'scripts/stack-state-agreement.test.ts'],
  },
  {
    name: 'state rules: a restarting service does not count as up',
    file: 'shared/rules.ts',
    from: "'unhealthy', 'restarting', 'paused']);",
    to: "'unhealthy', 'paused']);",
    tests: ['shared/rules.test.ts', 'scripts/stack-state-agreement.test.ts'],
  },
  {
    name: 'state rules: an exited service never fails the stack',
    file: 'shared/rules.ts',
    from: "(anyUp && s.status === 'exited' && !isServiceDone(s))",
    to: "(anyUp && s.status === ('none' as string) && !isServiceDone(s))",
    tests: ['shared/rules.test.ts', 'scripts/stack-state-agreement.test.ts'],
  },
  {
    name: 'state rules: a one-shot job that completed counts as failed',
    file: 'shared/rules.ts',
    from: "!!s.oneShot && s.status === 'exited' && s.exitCode === 0",
    to: "!!s.oneShot && s.status === 'exited' && s.exitCode === ('none' as unknown)",
    tests: ['shared/rules.test.ts', 'scripts/stack-state-agreement.test.ts'],
  },
  {
    name: 'menu: Start and Stop swapped',
    file: 'electron/main/menu.ts',
    from: "{ label: 'Start stack', click: () => actions.startStack() },\n        { label: 'Stop stack', click: () => actions.stopStack() },",
    to: "{ label: 'Start stack', click: () => actions.stopStack() },\n        { label: 'Stop stack', click: () => actions.startStack() },",
    tests: ['electron/main/menu.test.ts'],
  },
];

const originals = new Map();
const restoreAll = () => {
  for (const [file, text] of originals) writeFileSync(join(root, file), text);
  originals.clear();
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => (restoreAll(), process.exit(130)));
process.on('exit', restoreAll);

function run() {
  let survived = 0;
  console.log(`test:mutate: ${MUTATIONS.length} mutations`);
  for (const m of MUTATIONS) {
    const path = join(root, m.file);
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf(m.from);
    if (at < 0 || text.indexOf(m.from, at + 1) >= 0) {
      console.log(`  BROKEN   ${m.name}: the text to mutate is not in ${m.file} exactly once (update scripts/mutate.mjs)`);
      survived++;
      continue;
    }
    originals.set(m.file, text);
    writeFileSync(path, text.slice(0, at) + m.to + text.slice(at + m.from.length));
    const t0 = Date.now();
    const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--reporter=dot', ...m.tests], { cwd: root, encoding: 'utf8' });
    restoreAll();
    // A failed test, or an error the suite did not handle (a crash it reproduced).
    const caught = r.status !== 0 && /failed|unhandled error/i.test(`${r.stdout}${r.stderr}`);
    if (!caught) survived++;
    console.log(`  ${caught ? 'caught  ' : 'SURVIVED'} ${m.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  console.log(`test:mutate: ${MUTATIONS.length - survived} of ${MUTATIONS.length} caught`);
  return survived === 0 ? 0 : 1;
}

process.exitCode = run();
