// The engine's stats stream for a real container: opened only while someone watches,
// closed when they stop, and turned into figures once a second.
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/stack';
import { requireEngine } from '../testing/engine';
import { fixtureEnv } from '../testing/fixtures';
import { TEST_LABELS } from '../testing/labels';
import { StatsFollower } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('container stats', () => {
  let docker: Dockerode;
  let container: Dockerode.Container;
  beforeAll(async () => {
    docker = await requireEngine();
    // Busy enough to show CPU and memory: valkey-server with a little data.
    container = await docker.createContainer({
      Image: fixtureEnv().VALKEY_IMAGE,
      Cmd: ['valkey-server', '--save', ''],
      Labels: { ...TEST_LABELS },
    });
    await container.start();
  });
  afterAll(async () => {
    await container?.remove({ force: true }).catch(() => undefined);
  });

  it('streams only while watched, one batch a second, and keeps the history', async () => {
    const batches: StatsSample[][] = [];
    const f = new StatsFollower(
      () => docker,
      (s) => batches.push(s),
      500,
    );
    try {
      f.follow([{ service: 'valkey', containerId: container.id }]);
      await sleep(1500);
      expect(f.streams()).toBe(0);
      expect(batches).toEqual([]);

      f.setWatching(true);
      for (let i = 0; i < 60 && batches.flat().length < 3; i++) await sleep(250);
      const samples = batches.flat();
      expect(samples.length).toBeGreaterThanOrEqual(3);
      expect(f.streams()).toBe(1);
      const last = samples.at(-1)!;
      expect(last).toMatchObject({ service: 'valkey', containerId: container.id });
      expect(last.memoryBytes).toBeGreaterThan(1024 * 1024);
      expect(last.memoryLimitBytes).toBeGreaterThan(last.memoryBytes);
      expect(last.cpuPercent).toBeGreaterThanOrEqual(0);
      // Batches, not one event per frame: each holds what arrived since the last.
      expect(batches.length).toBeLessThanOrEqual(samples.length);
      expect(f.history().valkey?.length).toBe(samples.length);

      f.setWatching(false);
      expect(f.streams()).toBe(0);
      const before = batches.flat().length;
      await sleep(1500);
      expect(batches.flat().length).toBeLessThanOrEqual(before + 1);
    } finally {
      f.close();
    }
  });
});
