import { describe, expect, it } from 'vitest';
import { TurnQueue } from './turns';

describe('TurnQueue', () => {
  it('runs jobs one at a time, in order, each in its own turn so I/O can run between them', async () => {
    const q = new TurnQueue();
    const log: string[] = [];
    const a = q.run(() => {
      log.push('a');
      // Something that arrives while a runs (a socket read) is handled before b starts.
      setImmediate(() => log.push('io'));
    });
    const b = q.run(async () => {
      log.push('b');
      throw new Error('b failed');
    });
    const c = q.run(() => log.push('c'));
    await a;
    await expect(b).rejects.toThrow('b failed');
    await c;
    expect(log).toEqual(['a', 'io', 'b', 'c']);
  });
});
