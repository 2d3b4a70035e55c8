import { afterEach, describe, expect, it } from 'vitest';
import type { EngineState } from '../../../shared/stack';
import { EngineConnection } from './connection';

describe('EngineConnection without an engine', () => {
  let conn: EngineConnection | null = null;
  afterEach(() => conn?.stop());

  it('goes unavailable with the reason and a hint, retrying with exponential backoff', async () => {
    conn = new EngineConnection({
      endpoints: [{ url: 'unix:///nonexistent/docker.sock', source: 'test', options: { socketPath: '/nonexistent/docker.sock' } }],
      minBackoffMs: 50,
      maxBackoffMs: 200,
    });
    const seen: EngineState[] = [];
    conn.onState((s) => seen.push(s));
    expect(seen[0]).toEqual({ status: 'connecting', endpoint: null });
    conn.start();
    expect(await conn.whenConnected(600)).toBeNull();
    const retries = seen.filter((s): s is Extract<EngineState, { status: 'unavailable' }> => s.status === 'unavailable');
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries.slice(0, 4).map((s) => s.retryInMs)).toEqual([50, 100, 200, 200].slice(0, Math.min(4, retries.length)));
    expect(retries[0]?.reason).toMatch(/unix:\/\/\/nonexistent\/docker.sock \(test\): .*ENOENT/);
    expect(retries[0]?.endpoint).toBe('unix:///nonexistent/docker.sock');
    expect(retries[0]?.hint.length).toBeGreaterThan(10);
    expect(conn.docker()).toBeNull();
  });

  it('reports a bad DOCKER_HOST as unavailable instead of throwing', async () => {
    conn = new EngineConnection({
      discover: { env: { DOCKER_HOST: 'bogus://x' }, home: '/h', platform: 'linux', exists: () => false, read: () => null },
      minBackoffMs: 1000,
    });
    conn.start();
    await new Promise((r) => setTimeout(r, 20));
    const s = conn.state();
    expect(s.status).toBe('unavailable');
    expect(s.status === 'unavailable' && s.reason).toMatch(/DOCKER_HOST: unsupported engine address 'bogus:\/\/x'/);
  });
});
