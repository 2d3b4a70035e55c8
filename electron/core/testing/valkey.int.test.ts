import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { requireEngine } from './engine';
import { TEST_LABEL } from './labels';
import { pingOnce, startValkey } from './valkey';

describe('startValkey', () => {
  it('runs a labelled Valkey that answers, survives restart on the same URL, and is removed by stop', async () => {
    const docker = await requireEngine();
    const valkey = await startValkey();
    try {
      expect(valkey.url).toBe(`redis://127.0.0.1:${valkey.port}`);
      const info = await docker.getContainer(valkey.containerId).inspect();
      expect(info.Config.Labels[TEST_LABEL]).toBe('1');

      const client = new Redis(valkey.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
      expect(await client.set('k', 'v')).toBe('OK');
      client.disconnect();

      await valkey.restart();
      expect(await pingOnce(valkey.host, valkey.port)).toBe(true);
    } finally {
      await valkey.stop();
    }
    await expect(docker.getContainer(valkey.containerId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(await pingOnce(valkey.host, valkey.port, 300)).toBe(false);
  });
});
