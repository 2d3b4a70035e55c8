// A backend that cannot reach Valkey falls back to in-memory delivery and still
// reports healthy (as Atom's does). The core tells it apart: its container is not
// among Valkey's clients. When the backend reconnects, the warning clears.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valkeyLink } from '../../../shared/rules';
import { bundledVariant, closeCore, openCore, startAndWait, type Harness } from '../testing/core-harness';
import { waitFor } from '../testing/wait';

describe("each backend's link to Valkey", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openCore('link', {
      // The backend pointed at a Valkey alias that does not exist yet, falling back to memory.
      files: [
        bundledVariant((t) =>
          t.replace('REDIS_URL: redis://valkey:6379', 'REDIS_URL: redis://valkey-late:6379\n      AGENT_FALLBACK: memory'),
        ),
      ],
    });
  });
  const lateNetwork = () => `${h.project}_late`;
  afterAll(async () => {
    await closeCore(h);
    try {
      execFileSync('docker', ['network', 'rm', lateNetwork()], { stdio: 'ignore' });
    } catch {
      // never created (the test failed before)
    }
  });

  const link = () => {
    const backend = h.latest('stack.snapshot')?.services.find((s) => s.name === 'atom-backend');
    const probe = h.latest('valkey.probe');
    return backend ? valkeyLink(backend, probe?.clientAddrs ?? null, Date.now()) : null;
  };

  it('a healthy backend that cannot reach Valkey is cut off within 10 s, and linked once it reconnects', async () => {
    await startAndWait(h);
    const healthyAt = Date.now();
    await waitFor('cut-off', () => link() === 'cut-off', 15_000, 200);
    expect(Date.now() - healthyAt).toBeLessThan(10_000);
    // A network where Valkey answers to the name the backend looks for: it reconnects by itself.
    const services = h.latest('stack.snapshot')!.services;
    const id = (name: string) => services.find((s) => s.name === name)!.containerId!;
    execFileSync('docker', ['network', 'create', '--label', 'atom-desktop.test=1', lateNetwork()], { stdio: 'ignore' });
    execFileSync('docker', ['network', 'connect', '--alias', 'valkey-late', lateNetwork(), id('valkey')]);
    execFileSync('docker', ['network', 'connect', lateNetwork(), id('atom-backend')]);
    const fixedAt = Date.now();
    await waitFor('linked', () => link() === 'linked', 20_000, 200);
    expect(Date.now() - fixedAt).toBeLessThan(10_000);
  });
});
