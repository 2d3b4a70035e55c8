// A real core for integration tests: its own project, ports and settings, every
// event batch recorded, and helpers to start the stack and tear it all down.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { AppEvent, EventName, EventPayloads } from '../../../shared/contract';
import type { StackSnapshot } from '../../../shared/stack';
import { createCore } from '../app/create-core';
import type { CoreHost } from '../app/host';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { freePort } from './ports';
import { waitFor } from './wait';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WAIT_MS = 90_000;
const POLL_MS = 100;

export interface Harness {
  core: CoreHost;
  project: string;
  env: NodeJS.ProcessEnv;
  events: AppEvent[];
  batches: AppEvent[][];
  latest<N extends EventName>(name: N): EventPayloads[N] | undefined;
}

export interface OpenCoreOptions {
  /** Compose files instead of the bundled docker-compose-personal.yml. */
  files?: string[];
  env?: Record<string, string>;
  /** The app's data folder (settings.json, records): reuse one to open the same app again. */
  dataDir?: string;
}

/** A core on its own project, ports and settings, recording every event batch. */
export async function openCore(tag: string, opts: OpenCoreOptions = {}): Promise<Harness> {
  await requireEngine();
  const project = `atomcore${tag}${process.pid}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fixtureEnv(),
    VALKEY_PORT: String(await freePort()),
    ATOM_BACKEND_PORT: String(await freePort()),
    VALKEY_CONTAINER_NAME: `${project}-valkey`,
    AGENT_RATE: '20',
    ...opts.env,
  };
  const core = await createCore({
    mode: 'web',
    resourcesDir: ROOT,
    settingsPath: join(opts.dataDir ?? mkdtempSync(join(tmpdir(), 'atom-core-')), 'settings.json'),
    overrides: { projectName: project, ...(opts.files ? { files: opts.files } : {}) },
    env,
  });
  const events: AppEvent[] = [];
  const batches: AppEvent[][] = [];
  core.subscribe((batch) => {
    batches.push(batch);
    events.push(...batch);
  });
  const latest = <N extends EventName>(name: N) =>
    [...events].reverse().find((e) => e.name === name)?.payload as EventPayloads[N] | undefined;
  return { core, project, env, events, batches, latest };
}

export async function closeCore(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await h.core.dispatch('stack.down', { volumes: true });
  await h.core.shutdown();
}

/** Start, then wait until every service is healthy and the monitor is subscribed. */
export async function startAndWait(h: Harness): Promise<StackSnapshot> {
  const r = await h.core.dispatch('stack.up', {});
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const snap = await waitFor(
    'every service healthy',
    () => {
      const s = h.latest('stack.snapshot');
      return s && s.services.length > 0 && s.services.every((svc) => svc.status === 'healthy') ? s : null;
    },
    WAIT_MS,
    POLL_MS,
  );
  await waitFor('subscribed', () => h.latest('traffic.state')?.status === 'subscribed', WAIT_MS, POLL_MS);
  return snap;
}

/**
 * A copy of the bundled stack file, changed by `edit`, in a temp folder; the
 * backend's build context stays the repo's. Each edit must change the text.
 */
export function bundledVariant(edit: (text: string) => string): string {
  const original = readFileSync(join(ROOT, 'docker-compose-personal.yml'), 'utf8').replace(
    'context: ./resources/demo-backend',
    `context: ${join(ROOT, 'resources/demo-backend')}`,
  );
  const text = edit(original);
  if (text === original) throw new Error('bundledVariant: the edit changed nothing (the bundled file changed?)');
  const file = join(mkdtempSync(join(tmpdir(), 'atom-variant-')), 'docker-compose-personal.yml');
  writeFileSync(file, text);
  return file;
}
