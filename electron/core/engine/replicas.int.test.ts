// deploy.replicas on a real engine, through the core: three backend containers with
// compose's names and numbers, each shown with its health and Valkey link; stop and
// down act on all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valkeyLink } from '../../../shared/rules';
import type { StackSnapshot } from '../../../shared/stack';
import { bundledVariant, closeCore, openCore, startAndWait, type Harness } from '../testing/core-harness';
import { requireEngine } from '../testing/engine';
import { waitFor } from '../testing/wait';
import { L } from './labels';

describe('a service with deploy.replicas: 3', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openCore('replicas', {
      // Three backends cannot share one host port: let the engine pick one each.
      files: [
        bundledVariant((t) =>
          t
            .replace('- "${ATOM_BACKEND_PORT:-8000}:8000"', '- "8000"')
            .replace('\n  atom-backend:\n', '\n  atom-backend:\n    deploy:\n      replicas: 3\n'),
        ),
      ],
    });
  });
  afterAll(() => closeCore(h));

  const backend = (s: StackSnapshot | undefined) => s?.services.find((x) => x.name === 'atom-backend');

  it('starts three containers named and numbered as compose does, each healthy and linked to Valkey', async () => {
    const snap = await startAndWait(h);
    const b = backend(snap)!;
    expect(b.replicas).toBe(3);
    expect(b.instances.map((i) => [i.number, i.containerName, i.status])).toEqual([
      [1, `${h.project}-atom-backend-1`, 'healthy'],
      [2, `${h.project}-atom-backend-2`, 'healthy'],
      [3, `${h.project}-atom-backend-3`, 'healthy'],
    ]);
    const docker = await requireEngine();
    const labels = await Promise.all(b.instances.map(async (i) => (await docker.getContainer(i.containerId).inspect()).Config.Labels));
    expect(labels.map((l) => [l[L.service], l[L.number], l[L.project]])).toEqual(
      [1, 2, 3].map((n) => ['atom-backend', String(n), h.project]),
    );
    await waitFor(
      'every replica linked to Valkey',
      () => {
        const clients = h.latest('valkey.probe')?.clientAddrs ?? null;
        const now = Date.now();
        return backend(h.latest('stack.snapshot'))!.instances.every(
          (i) => valkeyLink({ ...i, usesValkey: true }, clients, now) === 'linked',
        );
      },
      30_000,
      200,
    );
  });

  it('restart, stop and down act on every replica', async () => {
    await waitFor(
      'three healthy',
      () => backend(h.latest('stack.snapshot'))?.instances.filter((i) => i.status === 'healthy').length === 3,
      120_000,
      200,
    );
    expect((await h.core.dispatch('service.restart', { service: 'atom-backend' })).ok).toBe(true);
    const stopped = await h.core.dispatch('stack.stop', {});
    expect(stopped.ok, JSON.stringify(stopped)).toBe(true);
    const afterStop = await waitFor(
      'all exited',
      () => {
        const b = backend(h.latest('stack.snapshot'));
        return b && b.instances.length === 3 && b.instances.every((i) => i.status === 'exited') ? b : null;
      },
      60_000,
      200,
    );
    expect(afterStop.status).toBe('exited');
    expect((await h.core.dispatch('stack.down', {})).ok).toBe(true);
    const gone = await waitFor(
      'removed',
      () => {
        const b = backend(h.latest('stack.snapshot'));
        return b && b.status === 'absent' ? b : null;
      },
      60_000,
      200,
    );
    expect(gone.instances).toEqual([]);
    const docker = await requireEngine();
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${L.project}=${h.project}`] }) });
    expect(left).toEqual([]);
  });
});
